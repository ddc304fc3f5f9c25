import type { EventInfo } from '../meshRepo';
import { wordsOf } from '../names';
import type { ServiceContext, SubscriberContext } from './context';

/** A new service's README: what it owns, publishes, observes, accepts, and its routes. */
export function readmeFile(ctx: ServiceContext, sub: SubscriberContext): string {
  const event = sub.events[0]!;
  return `# ${ctx.service}

Observes \`${event.name}\` (from ${event.service}) and records each event it observes in its own table.
Written by \`npm run new -- service ${ctx.service}\`: make it yours.

| | |
| --- | --- |
| Owns | the DynamoDB table \`${ctx.service}-<stage>\` (\`src/store/\`: the port \`${ctx.pascal}Store.ts\`, \`Dynamo${ctx.pascal}Store.ts\`, \`${ctx.camel}Table.ts\`), one item per observed event |
| Publishes | nothing yet |
| Observes | \`${event.name}\`, through the subscription \`${sub.kebab}\` (\`src/declarations.ts\`), function \`${sub.name}\` |
| Accepts | no commands |
| Routes | none |

## Layout

- \`serverless.ts\` assembles the functions and resources from \`src/declarations.ts\`.
- \`src/functions/${sub.name}/\`: \`config.ts\` (triggered by the subscription's queue), \`handler.ts\` (its observers),
  \`observers/\` (one file per event).
- \`src/dependencies.ts\` builds the store from the function's environment; unit tests pass a fake.

## Next steps

- Observe more events: \`npm run new -- subscriber ${ctx.service} <name> <Event...>\`.
- Publish your own: \`npm run new -- event ${ctx.service} <EventName>\`.
- Test: \`npx jest services/${ctx.service}\`; run it offline with the mesh: \`npm run dev\`.
`;
}

/** `packages/contracts/src/<service>/<Event>.ts`: a version-1 contract the developer fills in. */
export function contractFile(event: EventInfo): string {
  const words = wordsOf(event.name);
  const subject = words[0]!;
  const description = `${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`;
  return `import * as z from 'zod/mini';
import { defineEvent } from '../defineContract';
import { Id } from '../shared';

export const ${event.name} = defineEvent({
  name: '${event.name}',
  service: '${event.service}',
  version: 1,
  description: '${description}',
  schema: z.object({
    ${subject}Id: Id,
  }),
  example: { ${subject}Id: '${subject}-1' },
});

export type ${event.name} = z.infer<typeof ${event.name}.schema>;
`;
}
