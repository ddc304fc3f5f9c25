import path from 'node:path';
import { commands, events } from '@mesh/contracts';
import { collectDeclarations, eventMap, toMermaid, type EventMap } from '@mesh/infra';
import type { OpsCommand } from './context';

export type GraphFormat = 'mermaid' | 'json';

/** The event map with contracts reduced to their names: what `graph --format json` prints. */
export interface EventMapJson {
  services: string[];
  events: {
    name: string;
    version: number;
    publisher: string;
    observers: { service: string; subscription: string }[];
  }[];
  commands: { name: string; version: number; owner: string; channel?: string; senders: string[] }[];
}

export function eventMapJson(map: EventMap): EventMapJson {
  return {
    services: map.services,
    events: map.events.map((e) => ({
      name: e.contract.name,
      version: e.contract.version,
      publisher: e.publisher,
      observers: e.observers,
    })),
    commands: map.commands.map((c) => ({
      name: c.contract.name,
      version: c.contract.version,
      owner: c.owner,
      ...(c.channel ? { channel: c.channel } : {}),
      senders: c.senders,
    })),
  };
}

/**
 * The event map (who publishes which event, who observes it, where commands go) from the contracts and every
 * service's `src/declarations.ts`, as Mermaid text or JSON — the same map as `npm run event-map`.
 *
 * @example
 * process.stdout.write(renderGraph(repoRoot, 'mermaid'));
 */
export function renderGraph(repoRoot: string, format: GraphFormat): string {
  const map = eventMap(events, commands, collectDeclarations(path.join(repoRoot, 'services')));
  return format === 'json' ? `${JSON.stringify(eventMapJson(map), null, 2)}\n` : toMermaid(map);
}

export const graphCommand: OpsCommand = {
  name: 'graph',
  summary: 'the event map (who publishes, who observes, where commands go)',
  usage: 'graph [--format mermaid|json]',
  description: `Prints the event map from the contracts and every service's src/declarations.ts — the same map as
docs/event-map.mmd — as Mermaid (default) or JSON. Reads the source only; needs no endpoint.`,
  args: [],
  flags: [
    {
      name: 'format',
      kind: 'choice',
      choices: ['mermaid', 'json'],
      description: 'mermaid by default (json with --json)',
    },
  ],
  remote: false,
  async run(ctx, _args, flags) {
    const format = (flags.format as GraphFormat | undefined) ?? (ctx.json ? 'json' : 'mermaid');
    ctx.io.out.write(renderGraph(ctx.repoRoot, format));
    return 0;
  },
};
