import { eventList, observerName, type ServiceContext, type SubscriberContext } from './context';

/**
 * `src/functions/<name>/config.ts`: the function, triggered by its subscription's queue, with what it touches
 * (`functionRoles` in serverless.ts makes its role of exactly that, plus what its queue trigger needs).
 */
function configFile(sub: SubscriberContext, touches: { imports: string[]; lines: string }): string {
  return `import { ${['subscriptionTrigger', ...touches.imports].sort().join(', ')} } from '@mesh/infra';
import { ${sub.name} } from '../../declarations';

export const ${sub.name}Function = {
  handler: 'src/functions/${sub.name}/handler.handler',
  description: 'Observes ${eventList(sub.events)}.',
  events: [subscriptionTrigger(${sub.name})],
${touches.lines}
};
`;
}

const observerImports = (sub: SubscriberContext) =>
  sub.events.map((e) => `import { ${observerName(e)} } from './observers/${observerName(e)}';`).join('\n');

/**
 * The files of a new service's first subscriber, relative to the service's folder: its observer records
 * each event in the service's table, through the service's dependencies, so a unit test runs it on a fake.
 */
export function recordingSubscriberFiles(ctx: ServiceContext, sub: SubscriberContext): Record<string, string> {
  const dir = `src/functions/${sub.name}`;
  const files: Record<string, string> = {
    [`${dir}/config.ts`]: configFile(sub, {
      imports: ['tableAccess'],
      lines: `  // One unconditional put per observed event (a redelivery overwrites its own record); it reads nothing.
  touches: [tableAccess('${ctx.pascal}Table', ['dynamodb:PutItem'], { sid: 'RecordObservedEvents' })],`,
    }),
    [`${dir}/handler.ts`]: `import { observe, subscriber, type SqsBatchHandler } from '@mesh/bus';
import { ${eventList(sub.events)} } from '@mesh/contracts';
import { ${sub.name} } from '../../declarations';
import { ${ctx.camel}Dependencies, type ${ctx.pascal}Dependencies } from '../../dependencies';
${observerImports(sub)}

/**
 * The ${sub.name} subscriber over \`dependencies\`: each message of a batch to the observers of its event.
 *
 * @example
 * const handler = ${sub.name}Handler({ store: new InMemory${ctx.pascal}Store() });
 */
export function ${sub.name}Handler(dependencies: ${ctx.pascal}Dependencies) {
  return subscriber({
    name: \`${sub.service}-\${${sub.name}.name}\`,
    observers: [${sub.events.map((e) => `observe(${e.name}, ${observerName(e)}(dependencies))`).join(', ')}],
  });
}

let fromEnvironment: SqsBatchHandler | undefined;

// Built on the first batch, not at import: unit tests import this module without the function's environment.
export const handler: SqsBatchHandler = (event, context) => {
  fromEnvironment ??= ${sub.name}Handler(${ctx.camel}Dependencies());
  return fromEnvironment(event, context);
};
`,
  };
  for (const event of sub.events) {
    files[`${dir}/observers/${observerName(event)}.ts`] = `import type { Observer } from '@mesh/bus';
import type { ${event.name} } from '@mesh/contracts';
import type { ${ctx.pascal}Dependencies } from '../../../dependencies';

/** Records each ${event.name} once: keyed by its eventId, a redelivery rewrites the same record. */
export const ${observerName(event)} = ({ store }: ${ctx.pascal}Dependencies): Observer<typeof ${event.name}> =>
  async function ${observerName(event)}(event) {
    await store.record({
      eventId: event.eventId,
      type: event.detailType,
      occurredAt: event.envelope.occurredAt,
      data: JSON.stringify(event.data),
    });
  };
`;
  }
  return files;
}

/**
 * The files of a subscriber added to an existing service, relative to the service's folder: its function,
 * and one observer per event that logs what it observed, the place to call the service's domain from.
 */
export function loggingSubscriberFiles(sub: SubscriberContext): Record<string, string> {
  const dir = `src/functions/${sub.name}`;
  const files: Record<string, string> = {
    [`${dir}/config.ts`]: configFile(sub, {
      imports: [],
      lines: `  // What its observers touch (tableAccess, publishesAs, sendsTo … from @mesh/infra): its role grants exactly that.
  touches: [],`,
    }),
    [`${dir}/handler.ts`]: `import { observe, subscriber } from '@mesh/bus';
import { ${eventList(sub.events)} } from '@mesh/contracts';
import { ${sub.name} } from '../../declarations';
${observerImports(sub)}

export const handler = subscriber({
  name: \`${sub.service}-\${${sub.name}.name}\`,
  observers: [${sub.events.map((e) => `observe(${e.name}, ${observerName(e)})`).join(', ')}],
});
`,
  };
  for (const event of sub.events) {
    files[`${dir}/observers/${observerName(event)}.ts`] = `import type { Observer } from '@mesh/bus';
import type { ${event.name} } from '@mesh/contracts';

/** Observes ${event.name} (from ${event.service}): logs it; the service's response to it goes here. */
export const ${observerName(event)}: Observer<typeof ${event.name}> = async function ${observerName(event)}(event, context) {
  context.logger.info('${event.name} observed', { eventId: event.eventId });
};
`;
  }
  return files;
}
