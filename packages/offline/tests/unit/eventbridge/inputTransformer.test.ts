import { renderInputTransformer } from '../../../src/eventbridge/inputTransformer';
import type { EventBridgeEvent } from '../../../src/eventbridge/types';

const event: EventBridgeEvent = {
  version: '0',
  id: 'e-1',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'mesh.test',
  account: '000000000000',
  time: '2026-01-29T10:00:00Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:000000000000:instance/i-1'],
  detail: { instance: 'i-0123456789', state: 'RUNNING', count: 3, tags: { a: 'b' }, list: [1, 2] },
};
const context = {
  ruleArn: 'arn:aws:events:us-east-1:000000000000:rule/r',
  ruleName: 'r',
  ingestionTime: new Date('2026-01-29T10:00:01.250Z'),
};
const paths = { instance: '$.detail.instance', state: '$.detail.state' };
const render = (InputTemplate: string, InputPathsMap: Record<string, string> = paths) =>
  renderInputTransformer({ InputPathsMap, InputTemplate }, event, context);

describe('renderInputTransformer', () => {
  it('puts string values as JSON strings when the placeholder stands outside quotes', () => {
    expect(JSON.parse(render('{"instance": <instance>, "state": <state>}'))).toEqual({
      instance: 'i-0123456789',
      state: 'RUNNING',
    });
  });

  it('puts the bare text when the placeholder sits inside a JSON string', () => {
    expect(render('"<instance> is in state <state>"')).toBe('"i-0123456789 is in state RUNNING"');
    expect(render('{"message": "instance <instance> is <state>"}')).toBe(
      '{"message": "instance i-0123456789 is RUNNING"}',
    );
  });

  it('keeps escaped quotes inside a string template', () => {
    expect(render('"<instance> is in state \\"<state>\\""')).toBe('"i-0123456789 is in state \\"RUNNING\\""');
  });

  it('quotes string values in a plain-text template, which is why AWS asks to wrap text templates in quotes', () => {
    expect(render('instance <instance> is <state>')).toBe('instance "i-0123456789" is "RUNNING"');
  });

  it('renders numbers, objects and arrays as JSON outside quotes', () => {
    const out = render('{"count": <count>, "tags": <tags>, "list": <list>}', {
      count: '$.detail.count',
      tags: '$.detail.tags',
      list: '$.detail.list',
    });
    expect(JSON.parse(out)).toEqual({ count: 3, tags: { a: 'b' }, list: [1, 2] });
  });

  it('strips the inner quotes of an object placed inside a string', () => {
    expect(render('"tags: <tags>"', { tags: '$.detail.tags' })).toBe('"tags: {a:b}"');
  });

  it('offers the predefined aws.events variables', () => {
    const out = JSON.parse(
      render(
        '{"rule": <aws.events.rule-name>, "arn": "<aws.events.rule-arn>", "at": <aws.events.event.ingestion-time>, "event": <aws.events.event>, "full": <aws.events.event.json>}',
      ),
    );
    expect(out.rule).toBe('r');
    expect(out.arn).toBe(context.ruleArn);
    expect(out.at).toBe('2026-01-29T10:00:01Z');
    expect(out.event).not.toHaveProperty('detail');
    expect(out.event.id).toBe('e-1');
    expect(out.full).toEqual(event);
  });

  it('renders a variable whose path matches nothing as null outside quotes and as nothing inside', () => {
    expect(render('{"a": <missing>, "b": "x<missing>y"}', { missing: '$.detail.nope' })).toBe('{"a": null, "b": "xy"}');
  });

  it('leaves angle-bracket text that names no variable untouched', () => {
    expect(render('"<b>bold</b> <state>"')).toBe('"<b>bold</b> RUNNING"');
  });
});
