import { BookLent, CopyReserved, ReleaseCopy, ReserveCopy } from '../helpers/fixtureContracts';
import { commandChannel, commandSending, eventMap, subscription, toMermaid, toSvg } from '../../src';

const declarations = [
  subscription('billing', 'loan-events', [CopyReserved, BookLent]),
  subscription('reminders', 'loan-lifecycle', [BookLent]),
  commandChannel('catalog', 'commands', [ReserveCopy, ReleaseCopy]),
  commandSending('loans', [ReserveCopy]),
];

describe('the event map', () => {
  const map = eventMap([CopyReserved, BookLent], [ReserveCopy, ReleaseCopy], declarations);

  it('knows who publishes each event and which subscriptions observe it', () => {
    expect(map.services).toEqual(['billing', 'catalog', 'loans', 'reminders']);
    expect(map.events.map((e) => [e.contract.name, e.publisher, e.observers])).toEqual([
      [
        'BookLent',
        'loans',
        [
          { service: 'billing', subscription: 'loan-events' },
          { service: 'reminders', subscription: 'loan-lifecycle' },
        ],
      ],
      ['CopyReserved', 'catalog', [{ service: 'billing', subscription: 'loan-events' }]],
    ]);
  });

  it('knows who sends each command and which channel takes it', () => {
    expect(map.commands.map((c) => [c.contract.name, c.senders, c.owner, c.channel])).toEqual([
      ['ReleaseCopy', [], 'catalog', 'commands'],
      ['ReserveCopy', ['loans'], 'catalog', 'commands'],
    ]);
  });

  it('renders Mermaid with events solid and commands dashed', () => {
    const text = toMermaid(map);
    expect(text).toMatch(/^flowchart LR\n/);
    expect(text).toContain('  loans --> BookLent\n');
    expect(text).toContain('  BookLent -->|loan-events| billing\n');
    expect(text).toContain('  loans -.-> ReserveCopy\n');
    expect(text).toContain('  ReserveCopy -.->|commands| catalog\n');
  });

  it('renders a self-contained SVG naming every service and message', () => {
    const svg = toSvg(map);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    for (const name of ['loans', 'billing', 'BookLent', 'CopyReserved', 'ReserveCopy', 'ReleaseCopy']) {
      expect(svg).toContain(`>${name}</text>`);
    }
    expect(svg.match(/class="command-edge"/g)).toHaveLength(3);
  });

  it('refuses an empty command sending declaration', () => {
    expect(() => commandSending('loans', [])).toThrow(/sending no command/);
  });
});
