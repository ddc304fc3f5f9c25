import { logicalId, queueName } from './names';
import type { CloudFormationFragment, CommandChannel, Declaration, Subscription } from './types';

/**
 * The metric names the bus (@mesh/bus `MESH_METRICS`) writes as EMF in `mesh/<service>`; a unit test of
 * the bus keeps both lists equal.
 */
export const MESH_METRIC_NAMES = {
  eventsPublished: 'EventsPublished',
  putEventsFailedEntries: 'PutEventsFailedEntries',
  messagesHandled: 'MessagesHandled',
  messagesFailed: 'MessagesFailed',
  messagesRetried: 'MessagesRetried',
  duplicatesSuppressed: 'DuplicatesSuppressed',
  eventsUpcast: 'EventsUpcast',
  endToEndLag: 'EndToEndLag',
} as const;

/** The CloudWatch namespace of a service's EMF metrics (as @mesh/bus `metricsNamespace`). */
export const meshMetricsNamespace = (service: string) => `mesh/${service}`;

export interface DashboardOptions {
  service: string;
  /** The service's declarations: each subscription and command channel brings its queue and DLQs. */
  declarations: readonly Declaration[];
  /** The keys of the service's `functions` (osls names each `<service>-<stage>-<key>`). */
  functions: readonly string[];
  /** Other dead-letter queues of the service, by physical name (e.g. the outbox relay's). */
  deadLetterQueues?: readonly string[];
  /** Resolved by Serverless at package time; `${sls:stage}` by default. */
  stage?: string;
}

/** A CloudWatch dashboard widget, as the dashboard body takes it. */
export interface DashboardWidget {
  type: 'metric' | 'text';
  x: number;
  y: number;
  width: number;
  height: number;
  properties: Record<string, unknown>;
}

// The region is a CloudFormation pseudo parameter, spliced into the body by Fn::Join.
const REGION = '@@AWS_REGION@@';
const WIDTH = 8;
const HEIGHT = 6;

type MetricRow = unknown[];
const metricWidget = (title: string, metrics: MetricRow[], extra: Record<string, unknown> = {}) => ({
  title,
  region: REGION,
  view: 'timeSeries',
  stacked: false,
  period: 60,
  metrics,
  ...extra,
});
// A SEARCH finds every dimension value the bus has written (each consumer and type), with no list to keep.
const search = (namespace: string, dimensions: string[], metric: string, stat: string, id: string): MetricRow[] => [
  [{ expression: `SEARCH('{${[namespace, ...dimensions].join(',')}} MetricName="${metric}"', '${stat}', 60)`, id }],
];

interface QueueOf {
  label: string;
  queue: string;
  deadLetters: string[];
}

function queuesOf(declarations: readonly Declaration[], stage: string): QueueOf[] {
  return declarations
    .filter((d): d is Subscription | CommandChannel => d.kind === 'subscription' || d.kind === 'commandChannel')
    .map((d) => {
      const fifo = d.kind === 'commandChannel';
      const name = (suffix?: string) => queueName(d.service, stage, d.name, suffix, fifo);
      return {
        label: d.name,
        queue: name(),
        // A subscription also has the DLQ of events EventBridge could not hand to its queue.
        deadLetters: d.kind === 'subscription' ? [name('dlq'), name('delivery-dlq')] : [name('dlq')],
      };
    });
}

/**
 * The widgets of a service's dashboard, in rows of three: per queue (from the declarations) its depth,
 * the age of its oldest message and its DLQs' depth; the functions' errors, duration (p99) and throttles;
 * then the bus's EMF metrics (events published and PutEvents failures per type; messages handled,
 * failed, retried, duplicates suppressed and end-to-end lag per consumer and type).
 */
export function dashboardWidgets(options: DashboardOptions): DashboardWidget[] {
  const stage = options.stage ?? '${sls:stage}';
  const ns = meshMetricsNamespace(options.service);
  const sqs = (metric: string, queue: string, label = queue) => [
    'AWS/SQS',
    metric,
    'QueueName',
    queue,
    { stat: 'Maximum', label },
  ];
  const lambda = (metric: string, fn: string, stat: string) => [
    'AWS/Lambda',
    metric,
    'FunctionName',
    `${options.service}-${stage}-${fn}`,
    { stat, label: fn },
  ];
  const rows: Record<string, unknown>[][] = [];
  for (const q of queuesOf(options.declarations, stage)) {
    rows.push([
      metricWidget(`${q.label}: queue depth`, [
        sqs('ApproximateNumberOfMessagesVisible', q.queue, 'waiting'),
        sqs('ApproximateNumberOfMessagesNotVisible', q.queue, 'in flight'),
      ]),
      metricWidget(`${q.label}: age of oldest message (s)`, [sqs('ApproximateAgeOfOldestMessage', q.queue)]),
      metricWidget(
        `${q.label}: DLQ depth`,
        q.deadLetters.map((dlq) => sqs('ApproximateNumberOfMessagesVisible', dlq)),
      ),
    ]);
  }
  if (options.deadLetterQueues?.length) {
    rows.push([
      metricWidget(
        'Other dead-letter queues: depth',
        options.deadLetterQueues.map((dlq) => sqs('ApproximateNumberOfMessagesVisible', dlq)),
      ),
    ]);
  }
  if (options.functions.length > 0) {
    rows.push([
      metricWidget(
        'Functions: errors',
        options.functions.map((fn) => lambda('Errors', fn, 'Sum')),
      ),
      metricWidget(
        'Functions: duration p99 (ms)',
        options.functions.map((fn) => lambda('Duration', fn, 'p99')),
      ),
      metricWidget(
        'Functions: throttles',
        options.functions.map((fn) => lambda('Throttles', fn, 'Sum')),
      ),
    ]);
  }
  const byType = ['service', 'type'];
  const byConsumer = ['consumer', 'service', 'type'];
  const m = MESH_METRIC_NAMES;
  rows.push(
    [
      metricWidget('Events published by type', search(ns, byType, m.eventsPublished, 'Sum', 'published')),
      metricWidget(
        'PutEvents failed entries by type',
        search(ns, byType, m.putEventsFailedEntries, 'Sum', 'putFailed'),
      ),
      metricWidget('End-to-end lag p99 (ms) by consumer and type', search(ns, byConsumer, m.endToEndLag, 'p99', 'lag')),
    ],
    [
      metricWidget('Messages handled', search(ns, byConsumer, m.messagesHandled, 'Sum', 'handled')),
      metricWidget('Messages failed', search(ns, byConsumer, m.messagesFailed, 'Sum', 'failed')),
      metricWidget('Messages retried (received again)', search(ns, byConsumer, m.messagesRetried, 'Sum', 'retried')),
    ],
    [
      metricWidget(
        'Duplicate deliveries suppressed',
        search(ns, byConsumer, m.duplicatesSuppressed, 'Sum', 'duplicates'),
      ),
      metricWidget('Events upcast from an earlier version', search(ns, byConsumer, m.eventsUpcast, 'Sum', 'upcast')),
    ],
  );
  return rows.flatMap((row, y) =>
    row.map((properties, x) => ({
      type: 'metric' as const,
      x: x * WIDTH,
      y: y * HEIGHT,
      width: WIDTH,
      height: HEIGHT,
      properties,
    })),
  );
}

/**
 * The CloudFormation of one service's CloudWatch dashboard (`<service>-<stage>`), generated from the
 * same declarations as its queues and from its functions (see {@link dashboardWidgets}).
 *
 * @example
 * const dashboard = serviceDashboard({ service: 'reminders', declarations: [loanEvents], functions: ['loanEvents'] });
 * resources: { Resources: { ...dashboard.Resources } }
 */
export function serviceDashboard(options: DashboardOptions): CloudFormationFragment {
  const stage = options.stage ?? '${sls:stage}';
  const body = JSON.stringify({ widgets: dashboardWidgets(options) });
  const parts: unknown[] = [];
  body.split(REGION).forEach((text, i) => {
    if (i > 0) parts.push({ Ref: 'AWS::Region' });
    parts.push(text);
  });
  const id = logicalId(options.service, 'Dashboard');
  return {
    Resources: {
      [id]: {
        Type: 'AWS::CloudWatch::Dashboard',
        Properties: {
          DashboardName: `${options.service}-${stage}`,
          DashboardBody: { 'Fn::Join': ['', parts] },
        },
      },
    },
    Outputs: {
      [logicalId(options.service, 'DashboardName')]: {
        Value: { Ref: id },
        Description: `${options.service} dashboard`,
      },
    },
  };
}
