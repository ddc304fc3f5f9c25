import { OrderPlaced, ReleaseStock, ReserveStock, StockReserved } from '@mesh/contracts';
import { commandChannel, commandSending, eventMap, subscription, toMermaid, toSvg } from '../../src';

const declarations = [
  subscription('payments', 'order-events', [StockReserved, OrderPlaced]),
  subscription('notifications', 'order-lifecycle', [OrderPlaced]),
  commandChannel('inventory', 'commands', [ReserveStock, ReleaseStock]),
  commandSending('orders', [ReserveStock]),
];

describe('the event map', () => {
  const map = eventMap([StockReserved, OrderPlaced], [ReserveStock, ReleaseStock], declarations);

  it('knows who publishes each event and which subscriptions observe it', () => {
    expect(map.services).toEqual(['inventory', 'notifications', 'orders', 'payments']);
    expect(map.events.map((e) => [e.contract.name, e.publisher, e.observers])).toEqual([
      [
        'OrderPlaced',
        'orders',
        [
          { service: 'notifications', subscription: 'order-lifecycle' },
          { service: 'payments', subscription: 'order-events' },
        ],
      ],
      ['StockReserved', 'inventory', [{ service: 'payments', subscription: 'order-events' }]],
    ]);
  });

  it('knows who sends each command and which channel takes it', () => {
    expect(map.commands.map((c) => [c.contract.name, c.senders, c.owner, c.channel])).toEqual([
      ['ReleaseStock', [], 'inventory', 'commands'],
      ['ReserveStock', ['orders'], 'inventory', 'commands'],
    ]);
  });

  it('renders Mermaid with events solid and commands dashed', () => {
    const text = toMermaid(map);
    expect(text).toMatch(/^flowchart LR\n/);
    expect(text).toContain('  orders --> OrderPlaced\n');
    expect(text).toContain('  OrderPlaced -->|order-events| payments\n');
    expect(text).toContain('  orders -.-> ReserveStock\n');
    expect(text).toContain('  ReserveStock -.->|commands| inventory\n');
  });

  it('renders a self-contained SVG naming every service and message', () => {
    const svg = toSvg(map);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    for (const name of ['orders', 'payments', 'OrderPlaced', 'StockReserved', 'ReserveStock', 'ReleaseStock']) {
      expect(svg).toContain(`>${name}</text>`);
    }
    expect(svg.match(/class="command-edge"/g)).toHaveLength(3);
  });

  it('refuses an empty command sending declaration', () => {
    expect(() => commandSending('orders', [])).toThrow(/sending no command/);
  });
});
