import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  DeleteRuleCommand,
  DescribeEventBusCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  type EventBridgeClient,
} from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SetQueueAttributesCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { events as eventContracts } from '@mesh/contracts';
import { UsageError } from '@mesh/cli';
import { validatePattern } from '@mesh/offline';
import { idsOfEvent } from '@mesh/offline';
import type { OpsCommand } from './context';
import { eventBusName } from './publish';
import { untilSignal } from '@mesh/cli';

/** Every event of the mesh's own sources (`mesh.<service>`, from the contracts). */
export function defaultTailPattern(): { source: string[] } {
  return { source: [...new Set(eventContracts.map((contract) => contract.source))].sort() };
}

/**
 * Reads an event pattern given on the command line: `@path/to/pattern.json` reads the file, anything else is
 * JSON text. It must be a pattern EventBridge accepts (checked with the emulator's own pattern compiler, held
 * to AWS's recorded cases); otherwise {@link UsageError} says why.
 *
 * @example
 * await readEventPattern('{"detail-type":["BookLent"]}', '--pattern'); // → { 'detail-type': ['BookLent'] }
 */
export async function readEventPattern(raw: string, flag: string): Promise<Record<string, unknown>> {
  let text = raw;
  if (raw.startsWith('@')) {
    try {
      text = await readFile(raw.slice(1), 'utf8');
    } catch (error) {
      throw new UsageError(`${flag} ${raw}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? error})`);
    }
  }
  let pattern: unknown;
  try {
    pattern = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${flag} is not valid JSON: ${(error as Error).message}`);
  }
  try {
    validatePattern(pattern as object);
  } catch (error) {
    throw new UsageError(`${flag} is not a valid event pattern: ${(error as Error).message}`);
  }
  return pattern as Record<string, unknown>;
}

export interface TailOptions {
  eventBridge: EventBridgeClient;
  sqs: SQSClient;
  busName: string;
  /** Validated already (see {@link readEventPattern}); every event of the mesh's sources by default. */
  pattern?: Record<string, unknown>;
  /** Stops tailing (then cleans up). */
  signal: AbortSignal;
  /** Called with each event, in the order received. */
  onEvent(event: Record<string, unknown>): void;
  /** Called once the temporary rule and queue exist. */
  onReady?(resources: TailResources): void;
  /** Stop after this many events. */
  max?: number;
  /** Long-poll wait of each receive; 20 s by default. */
  waitTimeSeconds?: number;
}

export interface TailResources {
  queueName: string;
  queueUrl: string;
  ruleName: string;
  ruleArn: string;
}

export interface TailResult {
  received: number;
  /** Temporary resources that could not be deleted, each with why (an operator deletes them by hand). */
  leftBehind: string[];
}

/**
 * Follows the events of a bus live, the same way offline and on AWS: a temporary SQS queue
 * (`mesh-tail-<random>`), a rule on the bus with the pattern targeting it (and a queue policy letting that rule
 * send, which AWS needs), then long-polls the queue until `signal` aborts or `max` events came. The rule, its
 * target and the queue are deleted at the end, on abort and on error alike.
 *
 * @example
 * const abort = new AbortController();
 * await tailEvents({ eventBridge, sqs, busName: 'mesh-dev', signal: abort.signal, onEvent: (e) => console.log(e['detail-type']) });
 */
export async function tailEvents(options: TailOptions): Promise<TailResult> {
  const { eventBridge, sqs, busName, signal } = options;
  // Fails fast, with the SDK's own error, when the bus is missing or the endpoint does not answer.
  await eventBridge.send(new DescribeEventBusCommand({ Name: busName }));
  const name = `mesh-tail-${randomBytes(6).toString('hex')}`;
  const cleanups: { what: string; run: () => Promise<unknown> }[] = [];
  let received = 0;
  try {
    const { QueueUrl: queueUrl } = await sqs.send(
      // An hour: a tail queue left behind (kill -9) empties itself.
      new CreateQueueCommand({ QueueName: name, Attributes: { MessageRetentionPeriod: '3600' } }),
    );
    cleanups.unshift({ what: `queue ${name}`, run: () => sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl })) });
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
    );
    const queueArn = Attributes?.QueueArn ?? '';
    const { RuleArn: ruleArn = '' } = await eventBridge.send(
      new PutRuleCommand({
        Name: name,
        EventBusName: busName,
        EventPattern: JSON.stringify(options.pattern ?? defaultTailPattern()),
        Description: 'Temporary rule of `mesh tail`; deleted when it stops',
        State: 'ENABLED',
      }),
    );
    cleanups.unshift({
      what: `rule ${name} on ${busName}`,
      run: () => eventBridge.send(new DeleteRuleCommand({ Name: name, EventBusName: busName })),
    });
    await sqs.send(
      new SetQueueAttributesCommand({
        QueueUrl: queueUrl,
        Attributes: {
          Policy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'MeshTailRule',
                Effect: 'Allow',
                Principal: { Service: 'events.amazonaws.com' },
                Action: 'sqs:SendMessage',
                Resource: queueArn,
                Condition: { ArnEquals: { 'aws:SourceArn': ruleArn } },
              },
            ],
          }),
        },
      }),
    );
    const targets = await eventBridge.send(
      new PutTargetsCommand({ Rule: name, EventBusName: busName, Targets: [{ Id: 'mesh-tail', Arn: queueArn }] }),
    );
    cleanups.unshift({
      what: `target of rule ${name}`,
      run: () => eventBridge.send(new RemoveTargetsCommand({ Rule: name, EventBusName: busName, Ids: ['mesh-tail'] })),
    });
    const failedTarget = targets.FailedEntries?.[0];
    if (failedTarget) throw new Error(`PutTargets failed: ${failedTarget.ErrorCode} ${failedTarget.ErrorMessage}`);
    options.onReady?.({ queueName: name, queueUrl: queueUrl!, ruleName: name, ruleArn });

    const max = options.max ?? Number.POSITIVE_INFINITY;
    while (!signal.aborted && received < max) {
      let messages: Message[];
      try {
        ({ Messages: messages = [] } = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: options.waitTimeSeconds ?? 20,
          }),
          { abortSignal: signal },
        ));
      } catch (error) {
        if (signal.aborted) break;
        throw error;
      }
      // Roughly in the order they happened: a standard queue does not keep order.
      const parsed = messages
        .map((message) => ({ message, event: parseEvent(message.Body) }))
        .sort((a, b) => String(a.event.time ?? '').localeCompare(String(b.event.time ?? '')));
      for (const { event } of parsed) {
        if (received >= max) break;
        received += 1;
        options.onEvent(event);
      }
      if (messages.length > 0) {
        await sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle })),
          }),
        );
      }
    }
    return { received, leftBehind: await cleanUp(cleanups) };
  } catch (error) {
    const leftBehind = await cleanUp(cleanups);
    if (leftBehind.length > 0 && error instanceof Error) {
      error.message += `; could not delete: ${leftBehind.join('; ')}`;
    }
    throw error;
  }
}

function parseEvent(body: string | undefined): Record<string, unknown> {
  try {
    const parsed = JSON.parse(body ?? '') as unknown;
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // not JSON: shown as it is
  }
  return { body };
}

async function cleanUp(cleanups: { what: string; run: () => Promise<unknown> }[]): Promise<string[]> {
  const leftBehind: string[] = [];
  for (const cleanup of cleanups) {
    try {
      await cleanup.run();
    } catch (error) {
      leftBehind.push(`${cleanup.what} (${(error as Error).name}: ${(error as Error).message})`);
    }
  }
  return leftBehind;
}

/** One line of `mesh tail`: time, detail-type, source, correlationId, eventId. */
export function formatTailLine(event: Record<string, unknown>): string {
  const ids = idsOfEvent(event);
  return [
    String(event.time ?? '-').padEnd(20),
    (ids.name ?? '-').padEnd(18),
    (ids.source ?? '-').padEnd(18),
    (ids.correlationId ?? '-').padEnd(36),
    ids.eventId ?? ids.awsEventId ?? '-',
  ].join('  ');
}

export const tailCommand: OpsCommand = {
  name: 'tail',
  summary: 'follow the events on the bus live (Ctrl-C stops)',
  usage: 'tail [--pattern <json>|@file.json] [--bus <name>] [--max N]',
  description: `Follows the events on the bus (mesh-<stage>, or --bus) live, the same way offline and on AWS: it creates a
temporary SQS queue mesh-tail-<random> and a rule on the bus with the pattern (every event of the mesh's sources by
default) targeting it (with a queue policy letting the rule send), and prints each event on one line: time,
detail-type, source, correlationId, eventId; --json prints each whole event as one JSON line. Ctrl-C (or SIGTERM,
or --max events) stops it, and the rule, its target and the queue are deleted, on an error too.

A pattern EventBridge would refuse exits 2 with the reason. Events arrive within a second or so; order is not
guaranteed (the temporary queue is a standard queue).`,
  args: [],
  flags: [
    {
      name: 'pattern',
      kind: 'string',
      value: '<json>|@file',
      description: "an EventBridge event pattern; the mesh's sources by default",
    },
    { name: 'bus', kind: 'string', value: '<name>', description: 'the bus to follow; mesh-<stage> by default' },
    { name: 'max', kind: 'count', value: '<N>', description: 'stop after N events' },
  ],
  remote: true,
  async run(ctx, _args, flags) {
    const pattern =
      flags.pattern !== undefined ? await readEventPattern(String(flags.pattern), '--pattern') : undefined;
    const busName = flags.bus !== undefined ? String(flags.bus) : eventBusName(ctx.stage);
    const { signal, dispose } = untilSignal();
    try {
      const result = await tailEvents({
        eventBridge: ctx.eventBridge,
        sqs: ctx.sqs,
        busName,
        ...(pattern ? { pattern } : {}),
        signal,
        ...(flags.max ? { max: flags.max as number } : {}),
        onReady: ({ queueName }) =>
          ctx.io.err.write(
            `Following ${busName} through ${queueName} with ${JSON.stringify(pattern ?? defaultTailPattern())} ` +
              '(Ctrl-C stops)…\n',
          ),
        onEvent: (event) => ctx.io.out.write(`${ctx.json ? JSON.stringify(event) : formatTailLine(event)}\n`),
      });
      for (const what of result.leftBehind) ctx.io.err.write(`mesh tail: could not delete ${what}\n`);
      if (!ctx.json) ctx.io.err.write(`${result.received} event(s); the temporary rule and queue are deleted\n`);
      return result.leftBehind.length > 0 ? 1 : 0;
    } finally {
      dispose();
    }
  },
};
