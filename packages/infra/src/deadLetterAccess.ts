import type { Access } from './access';
import { DEAD_LETTER_ENV } from '@mesh/bus';
import { logicalId } from './names';
import type { CommandChannel, Subscription } from './types';

/**
 * The environment a subscriber's (or command consumer's) function needs to move the messages it gives up
 * on to its own DLQ, with their reason: the DLQ's URL and its queue's maxReceiveCount, from the one
 * declaration, so they can never disagree with the queue's RedrivePolicy.
 *
 * @example
 * functions: { orderEvents: { handler, events: [subscriptionTrigger(orderEvents)], environment: deadLetterEnvironment(orderEvents) } }
 */
export function deadLetterEnvironment(declaration: Subscription | CommandChannel): Record<string, unknown> {
  return {
    [DEAD_LETTER_ENV.queueUrl]: { Ref: logicalId(declaration.name, 'Dlq') },
    [DEAD_LETTER_ENV.maxReceiveCount]: String(declaration.maxReceiveCount),
  };
}

/**
 * What lets a consumer's role send to its own DLQ, and to no other queue (its handler dead-letters a message
 * that can never succeed at once, with its reason): one of the `touches` of its `config.ts`. The DLQs use
 * SQS-managed encryption, so no KMS grant is needed.
 *
 * @example
 * touches: [tableAccess('ThingsTable', ['dynamodb:PutItem']), ownDeadLetter(thingEvents)]
 */
export function ownDeadLetter(declaration: Subscription | CommandChannel): Access {
  return {
    sid: `${logicalId(declaration.name)}SendsToOwnDlq`,
    actions: ['sqs:SendMessage'],
    resources: [{ 'Fn::GetAtt': [logicalId(declaration.name, 'Dlq'), 'Arn'] }],
  };
}
