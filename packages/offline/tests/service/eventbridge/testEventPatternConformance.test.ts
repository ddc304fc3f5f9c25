import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EventBridgeClient, TestEventPatternCommand } from '@aws-sdk/client-eventbridge';
import { startEventBridge, type StartedEventBridge } from '../../../src/eventbridge';

/** AWS-recorded TestEventPattern outcomes, shared by the project (see ../shared/conformance/README.md). */
const conformanceDir = path.resolve(__dirname, '../../../../../../shared/conformance');
interface Case {
  name: string;
  expect: 'match' | 'no-match' | 'invalid';
  event: unknown;
  pattern: unknown;
}
const { cases } = JSON.parse(readFileSync(path.join(conformanceDir, 'eventbridge-patterns.json'), 'utf8')) as {
  cases: Case[];
};
const asText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

let eventBridge: StartedEventBridge;
let client: EventBridgeClient;

beforeAll(async () => {
  eventBridge = await startEventBridge();
  client = new EventBridgeClient({
    endpoint: eventBridge.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
});

afterAll(async () => {
  client.destroy();
  await eventBridge.stop();
});

async function outcome(event: string, pattern: string): Promise<string> {
  try {
    const { Result } = await client.send(new TestEventPatternCommand({ Event: event, EventPattern: pattern }));
    return Result ? 'match' : 'no-match';
  } catch (error) {
    if ((error as Error).name === 'InvalidEventPatternException') return 'invalid';
    throw error;
  }
}

describe('TestEventPattern answers as AWS recorded', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, testCase) => {
    expect(await outcome(asText(testCase.event), asText(testCase.pattern))).toBe(testCase.expect);
  });

  it('accepts a pattern with a duplicate key, as AWS does', async () => {
    const read = (file: string) => readFileSync(path.join(conformanceDir, file), 'utf8');
    expect(await outcome(read('complex_multi_key_event.json'), read('complex_multi_key_event_pattern.json'))).toBe(
      'match',
    );
  });
});
