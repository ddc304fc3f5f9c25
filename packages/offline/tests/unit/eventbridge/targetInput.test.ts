import { renderTargetInput } from '../../../src/eventbridge/targetInput';
import type { EventBridgeEvent } from '../../../src/eventbridge/types';

const event: EventBridgeEvent = {
  version: '0',
  id: 'e-1',
  'detail-type': 'BookLent',
  source: 'mesh.loans',
  account: '000000000000',
  time: '2026-01-29T10:00:00Z',
  region: 'us-east-1',
  resources: [],
  detail: { orderId: 'o-1' },
};
const context = { ruleArn: 'arn:aws:events:us-east-1:000000000000:rule/r', ruleName: 'r', ingestionTime: new Date() };
const arn = 'arn:aws:sqs:us-east-1:000000000000:q';

describe('renderTargetInput', () => {
  it('sends the whole event when the target transforms nothing', () => {
    expect(JSON.parse(renderTargetInput({ Id: 't', Arn: arn }, event, context))).toEqual(event);
  });

  it('sends a constant Input as given', () => {
    expect(renderTargetInput({ Id: 't', Arn: arn, Input: '{"fixed":true}' }, event, context)).toBe('{"fixed":true}');
  });

  it('sends the part InputPath selects', () => {
    expect(renderTargetInput({ Id: 't', Arn: arn, InputPath: '$.detail' }, event, context)).toBe('{"orderId":"o-1"}');
    expect(renderTargetInput({ Id: 't', Arn: arn, InputPath: '$.detail.orderId' }, event, context)).toBe('"o-1"');
  });

  it('renders an InputTransformer', () => {
    const target = {
      Id: 't',
      Arn: arn,
      InputTransformer: { InputPathsMap: { id: '$.detail.orderId' }, InputTemplate: '{"order": <id>}' },
    };
    expect(renderTargetInput(target, event, context)).toBe('{"order": "o-1"}');
  });
});
