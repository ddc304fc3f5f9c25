import type { CommandContract, EventContract } from '@mesh/contracts';
import type { ContractUsage } from '@mesh/contracts/tools';
import { queueName } from './names';
import { eventPattern } from './resources';
import type { Declaration } from './types';

/**
 * Who uses each contract version, and through which queue: the owner of each event publishes it, each
 * subscription observes its events, each command channel handles its commands, and `commandSending`
 * declarations send them. The compatibility gate names these when a published version would break.
 *
 * @example
 * const usages = contractUsages(events, commands, collectDeclarations('services'), 'dev');
 */
export function contractUsages(
  events: readonly EventContract[],
  commands: readonly CommandContract[],
  declarations: readonly Declaration[],
  stage = 'dev',
): ContractUsage[] {
  const usages: ContractUsage[] = events.map((c) => ({
    contract: c.name,
    version: c.version,
    role: 'publisher',
    service: c.service,
  }));
  for (const d of declarations) {
    if (d.kind === 'commandSending') {
      for (const c of d.commands)
        usages.push({ contract: c.name, version: c.version, role: 'sender', service: d.service });
      continue;
    }
    const fifo = d.kind === 'commandChannel';
    const queues = {
      channel: d.name,
      queue: queueName(d.service, stage, d.name, '', fifo),
      dlq: queueName(d.service, stage, d.name, 'dlq', fifo),
    };
    if (d.kind === 'subscription') {
      const pattern = eventPattern(d);
      for (const c of d.events) {
        usages.push({
          contract: c.name,
          version: c.version,
          role: 'subscriber',
          service: d.service,
          ...queues,
          pattern,
        });
      }
    } else {
      for (const c of d.commands) {
        usages.push({ contract: c.name, version: c.version, role: 'handler', service: d.service, ...queues });
      }
    }
  }
  // Commands nobody declares a channel for still have an owner that must handle them.
  for (const c of commands) {
    if (!usages.some((u) => u.role === 'handler' && u.contract === c.name && u.version === c.version)) {
      usages.push({ contract: c.name, version: c.version, role: 'handler', service: c.service });
    }
  }
  return usages;
}
