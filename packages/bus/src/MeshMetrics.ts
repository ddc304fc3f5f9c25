import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

export { Metrics, MetricUnit };

/**
 * The mesh's metric names, in the service's namespace (`mesh/<service>`, {@link metricsNamespace}). The
 * dashboards of @mesh/infra read the same names (a unit test keeps both lists equal).
 */
export const MESH_METRICS = {
  /** Events accepted by PutEvents, per event type (EventPublisher, so the outbox relay too). */
  eventsPublished: 'EventsPublished',
  /** PutEvents entries refused, at any attempt (retried or not), per event type. */
  putEventsFailedEntries: 'PutEventsFailedEntries',
  /** Messages whose every observer (or whose command handler) succeeded, per consumer and type. */
  messagesHandled: 'MessagesHandled',
  /** Messages that failed and return to their queue, per consumer and type. */
  messagesFailed: 'MessagesFailed',
  /** Deliveries of a message SQS had delivered before (ApproximateReceiveCount > 1). */
  messagesRetried: 'MessagesRetried',
  /** Deliveries whose effect had already happened (idempotency): skipped. */
  duplicatesSuppressed: 'DuplicatesSuppressed',
  /** Events published as an earlier version and lifted into the one their observers declare. */
  eventsUpcast: 'EventsUpcast',
  /** From the envelope's occurredAt (issuedAt for a command) to handled, in milliseconds. */
  endToEndLag: 'EndToEndLag',
} as const;

/** The dimension naming what a metric is about: the event's detail-type or the command's name. */
export const TYPE_DIMENSION = 'type';
/** The dimension naming the subscriber or command consumer. */
export const CONSUMER_DIMENSION = 'consumer';
/** Type of a message too malformed to have one. */
export const UNKNOWN_TYPE = 'unknown';

/**
 * The CloudWatch namespace of a service's metrics.
 *
 * @example
 * metricsNamespace('loans'); // 'mesh/loans'
 */
export function metricsNamespace(service: string): string {
  return `mesh/${service}`;
}

/** The counted metrics, by their key in {@link MESH_METRICS}. */
export type CountedMetric = Exclude<keyof typeof MESH_METRICS, 'endToEndLag'>;
const COUNTED = Object.keys(MESH_METRICS).filter((k) => k !== 'endToEndLag') as CountedMetric[];

/**
 * The counts and values of one set of dimensions, since the last flush. Plain number fields, not a map:
 * counting is on every message's path.
 */
export class MetricsBucket {
  eventsPublished = 0;
  putEventsFailedEntries = 0;
  messagesHandled = 0;
  messagesFailed = 0;
  messagesRetried = 0;
  duplicatesSuppressed = 0;
  eventsUpcast = 0;
  readonly lags: number[] = [];
  empty = true;

  constructor(readonly dimensions: Readonly<Record<string, string>>) {}

  count(metric: CountedMetric): void {
    this[metric] += 1;
    this.empty = false;
  }

  lag(ms: number): void {
    this.lags.push(ms);
    this.empty = false;
  }
}

/** The buckets of one producer or consumer, one per message type; made once, reused every invocation. */
export class MetricsScope {
  private readonly byType = new Map<string, MetricsBucket>();

  constructor(private readonly dimensions: Readonly<Record<string, string>>) {}

  /** The bucket of one type (allocated the first time this type is seen, then reused). */
  of(type: string): MetricsBucket {
    let bucket = this.byType.get(type);
    if (!bucket) {
      bucket = new MetricsBucket({ ...this.dimensions, [TYPE_DIMENSION]: type });
      this.byType.set(type, bucket);
    }
    return bucket;
  }

  buckets(): Iterable<MetricsBucket> {
    return this.byType.values();
  }
}

/**
 * The mesh's metrics over Powertools Metrics (CloudWatch EMF): producers and consumers count into buckets
 * per dimension set (no allocation per message once a type has been seen), and the handler wrappers
 * {@link MeshMetrics.flush | flush} them at the end of each invocation — one EMF line per dimension set.
 *
 * @example
 * const metrics = new MeshMetrics(); // namespace mesh/<POWERTOOLS_SERVICE_NAME>
 * metrics.scope({ consumer: 'loans-lending' }).of('BookLent').count('messagesHandled');
 * metrics.flush();
 */
export class MeshMetrics {
  readonly powertools: Metrics;
  private readonly scopes = new Map<string, MetricsScope>();

  constructor(options: { metrics?: Metrics; serviceName?: string } = {}) {
    const serviceName = options.serviceName ?? process.env.POWERTOOLS_SERVICE_NAME ?? 'mesh';
    this.powertools =
      options.metrics ??
      new Metrics({
        serviceName,
        namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? metricsNamespace(serviceName),
      });
  }

  /**
   * The scope of fixed dimensions (e.g. the consumer): the same one for the same dimensions, so producers
   * made per call share their buckets. Take it once, outside the handler.
   */
  scope(dimensions: Readonly<Record<string, string>> = {}): MetricsScope {
    const key = JSON.stringify(Object.entries(dimensions).sort(([a], [b]) => a.localeCompare(b)));
    let scope = this.scopes.get(key);
    if (!scope) {
      scope = new MetricsScope(dimensions);
      this.scopes.set(key, scope);
    }
    return scope;
  }

  /** Writes every bucket counted since the last flush as EMF (one line per dimension set) and resets them. */
  flush(): void {
    const metrics = this.powertools;
    // POWERTOOLS_METRICS_DISABLED (or POWERTOOLS_DEV): nothing would be written, so nothing is built.
    // (`isDisabled()` is public at runtime; Powertools types it protected.)
    const disabled = (metrics as unknown as { isDisabled(): boolean }).isDisabled();
    for (const scope of this.scopes.values()) {
      for (const bucket of scope.buckets()) {
        if (bucket.empty) continue;
        if (!disabled) this.publish(bucket);
        for (const metric of COUNTED) bucket[metric] = 0;
        bucket.lags.length = 0;
        bucket.empty = true;
      }
    }
  }

  private publish(bucket: MetricsBucket): void {
    const metrics = this.powertools;
    try {
      for (const [name, value] of Object.entries(bucket.dimensions)) metrics.addDimension(name, value);
      for (const metric of COUNTED) {
        const n = bucket[metric];
        if (n > 0) metrics.addMetric(MESH_METRICS[metric], MetricUnit.Count, n);
      }
      for (const ms of bucket.lags) metrics.addMetric(MESH_METRICS.endToEndLag, MetricUnit.Milliseconds, ms);
      metrics.publishStoredMetrics();
    } catch (error) {
      // Metrics must never fail the invocation they describe (a failed batch would be redelivered).
      console.warn('mesh metrics not published', (error as Error).message);
    }
  }
}

let shared: MeshMetrics | undefined;

/** The process's one MeshMetrics, shared by every publisher and handler that is given none. */
export function sharedMetrics(): MeshMetrics {
  shared ??= new MeshMetrics();
  return shared;
}
