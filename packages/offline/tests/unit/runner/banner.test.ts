import { sourceLabel } from '../../../src/runner/banner';

describe('the ready banner', () => {
  it('names a polled queue by its name and a polled stream by its table', () => {
    expect(sourceLabel('arn:aws:sqs:us-east-1:000000000000:loans-dev-order-saga')).toBe('loans-dev-order-saga');
    expect(sourceLabel('arn:aws:dynamodb:ddblocal:000000000000:table/loans-dev/stream/2026-11-25T14:02:02.479')).toBe(
      'loans-dev stream',
    );
  });
});
