import {
  CreateEventBusCommand,
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
} from '@aws-sdk/client-eventbridge';
import {
  MAX_PUT_EVENTS_REQUEST_BYTES,
  startEventBridge,
  type DroppedHop,
  type MatchedHop,
  type PublishedHop,
  type StartedEventBridge,
} from '../../../src/eventbridge';

let eventBridge: StartedEventBridge;
let client: EventBridgeClient;
const published: PublishedHop[] = [];

beforeAll(async () => {
  eventBridge = await startEventBridge({ region: 'eu-central-1', accountId: '123456789012' });
  eventBridge.emulator.on('published', (hop) => published.push(hop));
  client = new EventBridgeClient({
    endpoint: eventBridge.url,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
});

afterAll(async () => {
  client.destroy();
  await eventBridge.stop();
});

const entry = (detail: object = { n: 1 }) => ({
  Source: 'mesh.test',
  DetailType: 'Tested',
  Detail: JSON.stringify(detail),
});

async function errorName(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as Error).name;
  }
  return 'no error';
}

describe('PutEvents', () => {
  it('returns a fresh id per entry, in order, and fills in the envelope', async () => {
    published.length = 0;
    const result = await client.send(
      new PutEventsCommand({
        Entries: [
          { ...entry({ n: 1 }), Resources: ['arn:aws:s3:::bucket'] },
          { ...entry({ n: 2 }), Time: new Date('2026-01-02T03:04:05Z') },
        ],
      }),
    );
    expect(result.FailedEntryCount).toBe(0);
    const ids = result.Entries!.map((e) => e.EventId);
    expect(ids).toHaveLength(2);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(2);

    expect(published.map((p) => p.event.id)).toEqual(ids);
    expect(published[0]!.event).toMatchObject({
      version: '0',
      source: 'mesh.test',
      'detail-type': 'Tested',
      account: '123456789012',
      region: 'eu-central-1',
      resources: ['arn:aws:s3:::bucket'],
      detail: { n: 1 },
    });
    expect(published[0]!.event.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(published[1]!.event.time).toBe('2026-01-02T03:04:05Z');
  });

  it('takes 1 to 10 entries', async () => {
    expect(await errorName(client.send(new PutEventsCommand({ Entries: [] })))).toBe('ValidationException');
    const eleven = Array.from({ length: 11 }, () => entry());
    expect(await errorName(client.send(new PutEventsCommand({ Entries: eleven })))).toBe('ValidationException');
    const ten = await client.send(new PutEventsCommand({ Entries: eleven.slice(1) }));
    expect(ten.Entries).toHaveLength(10);
  });

  it('limits the total entry size as AWS computes it, now 1 MB', async () => {
    const fixed = 'mesh.test'.length + 'Tested'.length;
    const detailOfSize = (bytes: number) => `{"pad":"${'x'.repeat(bytes - 10)}"}`;
    const atLimit = {
      Source: 'mesh.test',
      DetailType: 'Tested',
      Detail: detailOfSize(MAX_PUT_EVENTS_REQUEST_BYTES - fixed),
    };
    const accepted = await client.send(new PutEventsCommand({ Entries: [atLimit] }));
    expect(accepted.FailedEntryCount).toBe(0);
    const overLimit = { ...atLimit, Detail: detailOfSize(MAX_PUT_EVENTS_REQUEST_BYTES - fixed + 1) };
    expect(await errorName(client.send(new PutEventsCommand({ Entries: [overLimit] })))).toBe('ValidationException');
    const half = { ...atLimit, Detail: detailOfSize(MAX_PUT_EVENTS_REQUEST_BYTES / 2) };
    expect(await errorName(client.send(new PutEventsCommand({ Entries: [half, half] })))).toBe('ValidationException');
  });

  it('reports failed entries one by one and accepts the rest', async () => {
    const result = await client.send(
      new PutEventsCommand({
        Entries: [
          entry(),
          { DetailType: 'Tested', Detail: '{}' },
          { Source: 'mesh.test', Detail: '{}' },
          { Source: 'mesh.test', DetailType: 'Tested' },
          { Source: 'mesh.test', DetailType: 'Tested', Detail: '[1, 2]' },
          { Source: 'mesh.test', DetailType: 'Tested', Detail: '{not json' },
          { Source: 'aws.ec2', DetailType: 'Tested', Detail: '{}' },
          entry(),
        ],
      }),
    );
    expect(result.FailedEntryCount).toBe(6);
    const entries = result.Entries!;
    expect(entries[0]!.EventId).toBeDefined();
    expect(entries[1]).toEqual({
      ErrorCode: 'InvalidArgument',
      ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.',
    });
    expect(entries[2]).toMatchObject({
      ErrorCode: 'InvalidArgument',
      ErrorMessage: expect.stringContaining('DetailType'),
    });
    expect(entries[3]).toMatchObject({
      ErrorCode: 'InvalidArgument',
      ErrorMessage: expect.stringContaining('Detail is'),
    });
    expect(entries[4]).toEqual({ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' });
    expect(entries[5]).toEqual({ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' });
    expect(entries[6]).toMatchObject({ ErrorCode: 'NotAuthorizedForSourceException' });
    expect(entries[7]!.EventId).toBeDefined();
  });

  it('accepts an event for a missing bus and drops it, as AWS does, reporting the drop on the hooks', async () => {
    const dropped: DroppedHop[] = [];
    const listener = (hop: DroppedHop) => dropped.push(hop);
    eventBridge.emulator.on('dropped', listener);
    const result = await client.send(new PutEventsCommand({ Entries: [{ ...entry(), EventBusName: 'no-such-bus' }] }));
    eventBridge.emulator.off('dropped', listener);
    expect(result.FailedEntryCount).toBe(0);
    expect(dropped).toEqual([
      expect.objectContaining({ eventBusName: 'no-such-bus', reason: 'Event bus no-such-bus does not exist.' }),
    ]);
  });

  it('matches events against the enabled rules of their bus only', async () => {
    await client.send(new CreateEventBusCommand({ Name: 'matching' }));
    const pattern = JSON.stringify({ source: ['mesh.test'], detail: { n: [{ numeric: ['>', 5] }] } });
    await client.send(new PutRuleCommand({ Name: 'big', EventBusName: 'matching', EventPattern: pattern }));
    await client.send(
      new PutRuleCommand({ Name: 'off', EventBusName: 'matching', EventPattern: pattern, State: 'DISABLED' }),
    );
    await client.send(new PutRuleCommand({ Name: 'elsewhere', EventPattern: pattern }));
    const matched: MatchedHop[] = [];
    const listener = (hop: MatchedHop) => matched.push(hop);
    eventBridge.emulator.on('matched', listener);
    await client.send(
      new PutEventsCommand({
        Entries: [
          { ...entry({ n: 10 }), EventBusName: 'matching' },
          { ...entry({ n: 1 }), EventBusName: 'matching' },
        ],
      }),
    );
    eventBridge.emulator.off('matched', listener);
    expect(matched.map((m) => [m.ruleName, m.event.detail.n])).toEqual([['big', 10]]);
    expect(matched[0]!.ruleArn).toBe('arn:aws:events:eu-central-1:123456789012:rule/matching/big');
  });
});
