/** `<service>-<stage>-<name>`: the name a human recognises in the console, e.g. `reminders-dev-loan-events`. */
export function queueName(service: string, stage: string, name: string, suffix = '', fifo = false): string {
  return `${service}-${stage}-${name}${suffix ? `-${suffix}` : ''}${fifo ? '.fifo' : ''}`;
}

/** A CloudFormation logical id from kebab-case parts: `order-events` + `Queue` → `OrderEventsQueue`. */
export function logicalId(...parts: string[]): string {
  return parts
    .flatMap((part) => part.split(/[^A-Za-z0-9]+/))
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
}

/**
 * Whether a queue is one of the mesh's dead-letter queues by its name (`…-dlq`, a subscription's
 * `…-delivery-dlq`, FIFO or not), as `queueName(…, 'dlq')` makes them.
 *
 * @example
 * isDeadLetterQueueName('reminders-dev-loan-events-dlq'); // true
 */
export function isDeadLetterQueueName(name: string): boolean {
  return /-dlq(\.fifo)?$/.test(name);
}
