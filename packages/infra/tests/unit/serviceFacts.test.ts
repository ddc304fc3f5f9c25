import type { CommandContract, EventContract } from '@mesh/contracts';
import {
  commandChannel,
  commandSending,
  FACTS_BEGIN,
  FACTS_END,
  serviceFacts,
  subscription,
  withServiceFacts,
} from '../../src';

// Contracts only need their names and owners here.
const event = (name: string, service: string) => ({ kind: 'event', name, service }) as unknown as EventContract;
const command = (name: string, service: string) => ({ kind: 'command', name, service }) as unknown as CommandContract;

const ThingMade = event('ThingMade', 'shop');
const ThingPaid = event('ThingPaid', 'till');
const PackThing = command('PackThing', 'shop');

describe('serviceFacts', () => {
  const facts = serviceFacts({
    service: 'shop',
    config: {
      functions: {
        getThing: { description: 'Reads | a thing.', events: [{ httpApi: { method: 'GET', path: '/things/{id}' } }] },
        watch: { description: 'Follows things.', events: [{ websocket: { route: 'watch' } }] },
        tillEvents: { events: [{ sqs: { arn: 'x' } }] },
      },
      resources: {
        Resources: {
          ThingsTable: { Type: 'AWS::DynamoDB::Table', Properties: { TableName: 'shop-${sls:stage}' } },
          FilesBucket: { Type: 'AWS::S3::Bucket' },
          Alarm: { Type: 'AWS::CloudWatch::Alarm' },
        },
      },
    },
    declarations: [
      subscription('shop', 'till-events', [ThingPaid]),
      commandChannel('shop', 'commands', [PackThing]),
      commandSending('till', [PackThing]),
    ],
    events: [ThingMade, ThingPaid],
    commands: [PackThing],
  });

  it('states what the service owns, publishes, observes, accepts and sends', () => {
    expect(facts).toContain('- **Owns:** DynamoDB table `shop-${sls:stage}` (ThingsTable), S3 bucket FilesBucket\n');
    expect(facts).toContain('- **Publishes:** ThingMade (as `mesh.shop`)\n');
    expect(facts).toContain('- **Observes:** `till-events`: ThingPaid (from till)\n');
    expect(facts).toContain('- **Accepts:** `commands` (FIFO): PackThing (sent by till)\n');
    expect(facts).toContain('- **Sends:** nothing\n');
  });

  it('lists every HTTP and WebSocket route with its function, escaping a "|" in a description', () => {
    expect(facts).toContain('| `GET /things/{id}` | getThing | Reads \\| a thing. |');
    expect(facts).toContain('| `WebSocket watch`  | watch    | Follows things.   |');
    expect(facts).not.toContain('tillEvents');
  });

  it('sits between its markers, and replaces only them in a README', () => {
    expect(facts.startsWith(FACTS_BEGIN)).toBe(true);
    expect(facts.endsWith(FACTS_END)).toBe(true);
    const readme = `# shop\n\nHand-written.\n\n${FACTS_BEGIN}\nold\n${FACTS_END}\n\n## More\n`;
    expect(withServiceFacts(readme, facts)).toBe(`# shop\n\nHand-written.\n\n${facts}\n\n## More\n`);
    expect(withServiceFacts('# shop\n', facts)).toBe(`# shop\n\n${facts}\n`);
  });
});
