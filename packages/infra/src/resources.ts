import { logicalId, queueName } from './names';
import { meshAlarmActions } from './serverlessDefaults';
import type { CloudFormationFragment, CommandChannel, Intrinsic, Subscription } from './types';

export interface ResourceOptions {
  /** Resolved by Serverless at package time; `${sls:stage}` by default. */
  stage?: string;
  /** The bus the rule listens on; `${param:eventBusName}` by default. */
  eventBusName?: Intrinsic;
}

const FOUR_DAYS = 4 * 24 * 3600;
const FOURTEEN_DAYS = 14 * 24 * 3600;
const arn = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });
const url = (id: string) => ({ Ref: id });
const tags = (entries: Record<string, string>) => Object.entries(entries).map(([Key, Value]) => ({ Key, Value }));

function queuePair(
  base: string,
  name: (suffix?: string) => string,
  fifo: boolean,
  visibilityTimeout: number,
  maxReceiveCount: number,
  tagValues: Record<string, string>,
) {
  const queue = logicalId(base, 'Queue');
  const dlq = logicalId(base, 'Dlq');
  const common = { SqsManagedSseEnabled: true, ...(fifo ? { FifoQueue: true } : {}), Tags: tags(tagValues) };
  return {
    queue,
    dlq,
    resources: {
      [dlq]: {
        Type: 'AWS::SQS::Queue',
        // A failed message must outlive its source's retention, or it could expire before anyone reads why.
        Properties: { QueueName: name('dlq'), MessageRetentionPeriod: FOURTEEN_DAYS, ...common },
      },
      [queue]: {
        Type: 'AWS::SQS::Queue',
        Properties: {
          QueueName: name(),
          MessageRetentionPeriod: FOUR_DAYS,
          VisibilityTimeout: visibilityTimeout,
          RedrivePolicy: { deadLetterTargetArn: arn(dlq), maxReceiveCount },
          ...(fifo
            ? {
                ContentBasedDeduplication: false,
                DeduplicationScope: 'messageGroup',
                FifoThroughputLimit: 'perMessageGroupId',
              }
            : {}),
          ...common,
        },
      },
    },
  };
}

/** Where the runbook of a DLQ alarm lives (docs/dead-letters.md). */
export const DLQ_RUNBOOK = 'docs/dead-letters.md#runbook-a-dlq-alarm';

// Every alarm notifies the stage's alarm topic on ALARM and OK; a DLQ alarm says what to run.
function alarms(base: string, queue: string, dlq: string, dlqName: string, maxAgeSeconds: number, label: string) {
  return {
    [logicalId(base, 'DlqAlarm')]: {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: {
        AlarmDescription:
          `Messages of ${label} failed and wait in its DLQ ${dlqName}. Why, by reason: npm run mesh -- dlq ` +
          `${dlqName} --aws. Once fixed, move them back: npm run mesh -- redrive ${dlqName} --aws. ` +
          `Runbook: ${DLQ_RUNBOOK}`,
        ...meshAlarmActions,
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlq, 'QueueName'] } }],
        Statistic: 'Maximum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'notBreaching',
      },
    },
    [logicalId(base, 'AgeAlarm')]: {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: {
        AlarmDescription: `The oldest message of ${label} has waited over ${maxAgeSeconds} s`,
        ...meshAlarmActions,
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateAgeOfOldestMessage',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queue, 'QueueName'] } }],
        Statistic: 'Maximum',
        Period: 60,
        EvaluationPeriods: 5,
        Threshold: maxAgeSeconds,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'notBreaching',
      },
    },
  };
}

/**
 * The CloudFormation of one subscription: its EventBridge rule (source + detail-type of every observed
 * contract), its queue and DLQ, a delivery DLQ for events EventBridge could not hand to the queue, the
 * queue policy letting only that rule send, and alarms on DLQ depth and message age.
 *
 * @example
 * resources: { Resources: { ...subscriptionResources(orderEvents).Resources } }
 */
export function subscriptionResources(sub: Subscription, options: ResourceOptions = {}): CloudFormationFragment {
  const stage = options.stage ?? '${sls:stage}';
  const base = sub.name;
  const label = `${sub.service}/${sub.name}`;
  const { queue, dlq, resources } = queuePair(
    base,
    (suffix) => queueName(sub.service, stage, sub.name, suffix),
    false,
    sub.visibilityTimeout,
    sub.maxReceiveCount,
    { service: sub.service, stage, subscriber: sub.name, events: sub.events.map((e) => e.name).join(' ') },
  );
  const deliveryDlq = logicalId(base, 'DeliveryDlq');
  const rule = logicalId(base, 'Rule');
  const policy = logicalId(base, 'QueuePolicy');
  return {
    Resources: {
      ...resources,
      [deliveryDlq]: {
        Type: 'AWS::SQS::Queue',
        Properties: {
          QueueName: queueName(sub.service, stage, sub.name, 'delivery-dlq'),
          MessageRetentionPeriod: FOURTEEN_DAYS,
          SqsManagedSseEnabled: true,
        },
      },
      [rule]: {
        Type: 'AWS::Events::Rule',
        Properties: {
          Description: `${label} observes ${sub.events.map((e) => e.name).join(', ')}`,
          EventBusName: options.eventBusName ?? '${param:eventBusName}',
          EventPattern: eventPattern(sub),
          State: 'ENABLED',
          Targets: [
            {
              Id: logicalId(base, 'Target'),
              Arn: arn(queue),
              DeadLetterConfig: { Arn: arn(deliveryDlq) },
              RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86_400 },
            },
          ],
        },
      },
      [policy]: {
        Type: 'AWS::SQS::QueuePolicy',
        Properties: {
          Queues: [url(queue), url(deliveryDlq)],
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'OnlyItsRuleSends',
                Effect: 'Allow',
                Principal: { Service: 'events.amazonaws.com' },
                Action: 'sqs:SendMessage',
                Resource: [arn(queue), arn(deliveryDlq)],
                Condition: { ArnEquals: { 'aws:SourceArn': arn(rule) } },
              },
            ],
          },
        },
      },
      ...alarms(base, queue, dlq, queueName(sub.service, stage, sub.name, 'dlq'), sub.maxAgeSeconds, label),
    },
    Outputs: {
      [logicalId(base, 'QueueUrl')]: { Value: url(queue), Description: `${label} queue` },
      [logicalId(base, 'DlqUrl')]: { Value: url(dlq), Description: `${label} dead-letter queue` },
    },
  };
}

/** The event pattern of a subscription: each observed contract's source and detail-type. */
export function eventPattern(sub: Subscription): Record<string, string[]> {
  const sources = [...new Set(sub.events.map((e) => e.source))].sort();
  const detailTypes = [...new Set(sub.events.map((e) => e.detailType))].sort();
  return { source: sources, 'detail-type': detailTypes };
}

/**
 * The Lambda trigger of a subscription: its queue, with partial batch responses.
 *
 * @example
 * functions: { orderEvents: { handler: 'src/functions/orderEvents/handler.handler', events: [subscriptionTrigger(orderEvents)] } }
 */
export function subscriptionTrigger(sub: Subscription | CommandChannel) {
  return {
    sqs: {
      arn: arn(logicalId(sub.name, 'Queue')),
      batchSize: sub.batchSize,
      ...(sub.kind === 'subscription' && sub.maximumBatchingWindow > 0
        ? { maximumBatchingWindow: sub.maximumBatchingWindow }
        : {}),
      functionResponseType: 'ReportBatchItemFailures' as const,
    },
  };
}

/** The CloudFormation of a command channel: a FIFO queue (grouped per aggregate) and its FIFO DLQ. */
export function commandChannelResources(
  channel: CommandChannel,
  options: ResourceOptions = {},
): CloudFormationFragment {
  const stage = options.stage ?? '${sls:stage}';
  const label = `${channel.service}/${channel.name}`;
  const { queue, dlq, resources } = queuePair(
    channel.name,
    (suffix) => queueName(channel.service, stage, channel.name, suffix, true),
    true,
    channel.visibilityTimeout,
    channel.maxReceiveCount,
    {
      service: channel.service,
      stage,
      subscriber: channel.name,
      commands: channel.commands.map((c) => c.name).join(' '),
    },
  );
  return {
    Resources: {
      ...resources,
      ...alarms(
        channel.name,
        queue,
        dlq,
        queueName(channel.service, stage, channel.name, 'dlq', true),
        channel.maxAgeSeconds,
        label,
      ),
    },
    Outputs: {
      [logicalId(channel.name, 'QueueUrl')]: { Value: url(queue), Description: `${label} FIFO command queue` },
      [logicalId(channel.name, 'QueueArn')]: { Value: arn(queue), Description: `${label} FIFO command queue ARN` },
    },
  };
}

/** Merges fragments into one Serverless `resources` block, refusing logical ids declared twice. */
export function mergeFragments(...fragments: CloudFormationFragment[]): CloudFormationFragment {
  const merged: CloudFormationFragment = { Resources: {}, Outputs: {} };
  for (const fragment of fragments) {
    for (const [key, value] of Object.entries(fragment.Resources)) {
      if (key in merged.Resources) throw new Error(`Resource ${key} is declared twice`);
      merged.Resources[key] = value;
    }
    Object.assign(merged.Outputs, fragment.Outputs);
  }
  return merged;
}
