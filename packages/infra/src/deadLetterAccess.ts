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
 * The one IAM statement that lets a consumer's role send to its own DLQ, and to no other queue. The DLQs
 * use SQS-managed encryption, so no KMS grant is needed.
 *
 * @example
 * statements: [ownTableAccess, deadLetterStatement(orderEvents)]
 */
export function deadLetterStatement(declaration: Subscription | CommandChannel) {
  return {
    Sid: `${logicalId(declaration.name)}SendsToOwnDlq`,
    Effect: 'Allow' as const,
    Action: ['sqs:SendMessage'],
    Resource: [{ 'Fn::GetAtt': [logicalId(declaration.name, 'Dlq'), 'Arn'] }],
  };
}
