import type { CommandContract, EventContract } from '@mesh/contracts';
import type { CommandChannel, Declaration } from './types';

/** Who publishes each event and who observes it; who sends each command and who takes it. */
export interface EventMap {
  services: string[];
  events: { contract: EventContract; publisher: string; observers: { service: string; subscription: string }[] }[];
  commands: { contract: CommandContract; senders: string[]; owner: string; channel?: string }[];
}

/**
 * Builds the event map from the contracts (which service publishes or owns each one) and the services'
 * declarations (which subscription observes which events, which channel takes which commands, who sends
 * them). Sorted, so the rendered map only changes when the mesh does.
 *
 * @example
 * const map = eventMap(events, commands, [loanEvents, catalogCommands, sendsToCatalog]);
 */
export function eventMap(
  events: readonly EventContract[],
  commands: readonly CommandContract[],
  declarations: readonly Declaration[],
): EventMap {
  const services = new Set<string>();
  for (const c of [...events, ...commands]) services.add(c.service);
  for (const d of declarations) services.add(d.service);
  const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);
  return {
    services: [...services].sort(),
    events: [...events].sort(byName).map((contract) => ({
      contract,
      publisher: contract.service,
      observers: declarations
        .flatMap((d) =>
          d.kind === 'subscription' && d.events.includes(contract)
            ? [{ service: d.service, subscription: d.name }]
            : [],
        )
        .sort((a, b) => `${a.service}/${a.subscription}`.localeCompare(`${b.service}/${b.subscription}`)),
    })),
    commands: [...commands].sort(byName).map((contract) => {
      const channel = declarations.find(
        (d): d is CommandChannel => d.kind === 'commandChannel' && d.commands.includes(contract),
      );
      return {
        contract,
        owner: contract.service,
        ...(channel ? { channel: channel.name } : {}),
        senders: declarations
          .filter((d) => d.kind === 'commandSending' && d.commands.includes(contract))
          .map((d) => d.service)
          .sort(),
      };
    }),
  };
}

/** The map as a Mermaid flowchart: services as boxes, events as rounded nodes, commands dashed. */
export function toMermaid(map: EventMap): string {
  const lines = ['flowchart LR'];
  for (const service of map.services) lines.push(`  ${service}[${service}]`);
  for (const { contract, publisher, observers } of map.events) {
    lines.push(`  ${contract.name}([${contract.name}])`);
    lines.push(`  ${publisher} --> ${contract.name}`);
    for (const o of observers) lines.push(`  ${contract.name} -->|${o.subscription}| ${o.service}`);
  }
  for (const { contract, senders, owner, channel } of map.commands) {
    lines.push(`  ${contract.name}{{${contract.name}}}`);
    for (const sender of senders) lines.push(`  ${sender} -.-> ${contract.name}`);
    lines.push(`  ${contract.name} -.->|${channel ?? 'no channel'}| ${owner}`);
  }
  return `${lines.join('\n')}\n`;
}
