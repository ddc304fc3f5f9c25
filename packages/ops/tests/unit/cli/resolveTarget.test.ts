import { resolveTarget } from '../../../src/cli/context';

describe('resolveTarget', () => {
  it('defaults to the offline edge, us-east-1 and stage dev', () => {
    expect(resolveTarget({}, {})).toEqual({
      stage: 'dev',
      endpoint: 'http://127.0.0.1:4566',
      region: 'us-east-1',
      aws: false,
    });
  });

  it('prefers --endpoint, then AWS_ENDPOINT_URL', () => {
    expect(resolveTarget({}, { AWS_ENDPOINT_URL: 'http://x:1' }).endpoint).toBe('http://x:1');
    expect(resolveTarget({ endpoint: 'http://y:2' }, { AWS_ENDPOINT_URL: 'http://x:1' }).endpoint).toBe('http://y:2');
  });

  it('leaves endpoint and region to the SDK with --aws', () => {
    expect(resolveTarget({ aws: true }, { AWS_ENDPOINT_URL: 'http://x:1' })).toEqual({
      stage: 'dev',
      endpoint: undefined,
      region: undefined,
      aws: true,
    });
  });
});
