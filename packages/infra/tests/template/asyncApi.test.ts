import path from 'node:path';
import { Parser } from '@asyncapi/parser';
import { commands, events } from '@mesh/contracts';
import { collectDeclarations, meshAsyncApi } from '../../src';

const root = path.resolve(__dirname, '../../../..');
const SEVERITY = ['error', 'warning', 'info', 'hint'];

describe("the mesh's AsyncAPI 3.0 document (npm run schemas)", () => {
  const document = meshAsyncApi(root) as {
    channels: Record<string, { address: string; messages: Record<string, unknown> }>;
    operations: Record<string, { action: string; channel: { $ref: string } }>;
  };
  const declarations = collectDeclarations(path.join(root, 'services'));

  it('validates with the official AsyncAPI parser, without a single error', async () => {
    const { diagnostics, document: parsed } = await new Parser().parse(JSON.stringify(document));
    const errors = diagnostics
      .filter((d) => d.severity === 0)
      .map((d) => `${SEVERITY[d.severity]} ${d.code} at ${d.path.join('.')}: ${d.message}`);
    expect(errors).toEqual([]);
    expect(parsed?.version()).toBe('3.0.0');
    expect(parsed?.allMessages().length).toBe(events.length + commands.length);
  });

  it('has the bus, a channel per subscription queue and per command queue, and each one’s messages', () => {
    expect(Object.keys(document.channels.bus!.messages)).toHaveLength(events.length);
    for (const d of declarations) {
      if (d.kind === 'commandSending') continue;
      const channel = document.channels[`${d.service}-${d.name}`];
      const carried = d.kind === 'subscription' ? d.events : d.commands;
      expect(channel?.address).toMatch(new RegExp(`^${d.service}-\\{stage\\}-${d.name}`));
      expect(Object.keys(channel!.messages).sort()).toEqual(carried.map((c) => `${c.name}V${c.version}`).sort());
    }
  });

  it("has each service's send and receive operations", () => {
    const publishers = new Set(events.map((e) => e.service));
    for (const service of publishers) {
      expect(document.operations[`${service}-publishes`]).toMatchObject({
        action: 'send',
        channel: { $ref: '#/channels/bus' },
      });
    }
    for (const d of declarations) {
      if (d.kind === 'commandSending') continue;
      expect(document.operations[`${d.service}-receives-${d.name}`]).toMatchObject({ action: 'receive' });
    }
    const sends = Object.values(document.operations).filter(
      (o) => o.action === 'send' && o.channel.$ref !== '#/channels/bus',
    );
    expect(sends.length).toBe(declarations.filter((d) => d.kind === 'commandSending').length);
  });
});
