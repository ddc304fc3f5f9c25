import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { EventSourceMappingSpec } from '../provision/types';
import type { HopRecorder } from '../trace/types';
import { createDynamoDbStreamMapping } from './dynamodbStreamMapping';
import type { SqsFaultHook } from '../faults';
import { lambdaInvoker, type LambdaInvoker } from './lambdaInvoker';
import { createSqsPoller } from './sqsPoller';

export interface StartEventSourceMappingsOptions {
  /** The edge endpoint: SQS and DynamoDB Streams are read through it, unless given their own below. */
  endpoint: string;
  /** SQS itself (fauxqs), to skip the edge's hop. */
  sqsEndpoint?: string;
  /** DynamoDB Streams itself (DynamoDB Local), to skip the edge's hop. */
  streamsEndpoint?: string;
  /** serverless-offline's Lambda endpoint, e.g. `http://127.0.0.1:3002`. */
  lambdaEndpoint: string;
  /** `us-east-1` by default. */
  region?: string;
  /** Invokes functions instead of `lambdaEndpoint` (e.g. a router over several serverless-offline processes). */
  invoke?: LambdaInvoker;
  /** Batches in flight at once per standard queue without `ScalingConfig.MaximumConcurrency`. Default 5. */
  concurrency?: number;
  logger?: Pick<Console, 'warn' | 'error'>;
  /** Records the hops of each SQS message (`received`, `handled` / `failed`, `sent` for commands). */
  hops?: HopRecorder;
  /** The service whose functions these are, for the hops. */
  service?: string;
  /** Injects faults into every SQS mapping (the soak's; see `faults.ts`). None by default. */
  faults?: SqsFaultHook;
}

export interface StartedEventSourceMappings {
  /**
   * Resolves once every poller has started or failed to start (a failure — e.g. a queue that does not exist — is
   * logged with its reason, and that mapping does not run). Never rejects.
   */
  ready: Promise<void>;
  /** Stops every poller, waiting for the invocations in flight. Safe to call twice. */
  stop(): Promise<void>;
}

interface Poller {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs a template's event source mappings offline: an SQS poller per queue mapping and a stream poller per DynamoDB
 * mapping, invoking serverless-offline's functions; disabled mappings are skipped. Returns at once; the pollers
 * start in the background (`ready` tells when).
 *
 * @example
 * const { eventSourceMappings } = await provisionTemplate(template, { endpoint, stage: 'dev', serviceName: 'reminders' });
 * const mappings = startEventSourceMappings(eventSourceMappings, { endpoint, lambdaEndpoint: 'http://127.0.0.1:3002' });
 * // ...
 * await mappings.stop();
 */
export function startEventSourceMappings(
  specs: readonly EventSourceMappingSpec[],
  options: StartEventSourceMappingsOptions,
): StartedEventSourceMappings {
  const region = options.region ?? 'us-east-1';
  const logger = options.logger ?? console;
  const config = { region, credentials: { accessKeyId: 'offline', secretAccessKey: 'offline' } };
  const sqs = new SQSClient({ ...config, endpoint: options.sqsEndpoint ?? options.endpoint });
  const streams = new DynamoDBStreamsClient({ ...config, endpoint: options.streamsEndpoint ?? options.endpoint });
  const ownInvoker = options.invoke ? undefined : lambdaInvoker(options.lambdaEndpoint, region);
  const invoke = options.invoke ?? ownInvoker!;

  const started: Poller[] = [];
  const ready = Promise.all(
    specs
      .filter((spec) => spec.enabled)
      .map(async (spec) => {
        try {
          const poller: Poller =
            spec.kind === 'sqs'
              ? createSqsPoller({
                  spec,
                  sqs,
                  invoke,
                  region,
                  concurrency: options.concurrency,
                  logger,
                  ...(options.hops ? { hops: options.hops } : {}),
                  ...(options.service ? { service: options.service } : {}),
                  ...(options.faults ? { faults: options.faults } : {}),
                })
              : createDynamoDbStreamMapping({ spec, invoke, client: streams, sqs, region, logger });
          await poller.start();
          started.push(poller);
        } catch (error) {
          logger.error(
            `[eventSourceMappings] ${spec.sourceArn} → ${spec.functionName} did not start: ` +
              `${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }),
  ).then(() => undefined);

  let stopped: Promise<void> | undefined;
  return {
    ready,
    stop() {
      stopped ??= (async () => {
        await ready;
        await Promise.all(started.splice(0).map((poller) => poller.stop()));
        sqs.destroy();
        streams.destroy();
        ownInvoker?.close();
      })();
      return stopped;
    },
  };
}
