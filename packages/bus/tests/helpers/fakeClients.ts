import type {
  EventBridgeClient,
  PutEventsCommand,
  PutEventsRequestEntry,
  PutEventsResultEntry,
} from '@aws-sdk/client-eventbridge';
import type {
  SendMessageBatchCommand,
  SendMessageBatchRequestEntry,
  SendMessageCommand,
  SendMessageRequest,
  SQSClient,
} from '@aws-sdk/client-sqs';

type EntryAnswer = PutEventsResultEntry | 'ok';

/**
 * A stand-in for EventBridgeClient that records each PutEvents request and answers each entry by a rule:
 * `answer(entry, call)` returns 'ok' or an error entry; `throwOn(call)` can fail a whole request.
 */
export function fakeEventBridge(
  answer: (entry: PutEventsRequestEntry, call: number) => EntryAnswer = () => 'ok',
  throwOn: (call: number) => Error | undefined = () => undefined,
) {
  const calls: PutEventsRequestEntry[][] = [];
  let ids = 0;
  const client = {
    send: async (command: PutEventsCommand) => {
      const entries = command.input.Entries ?? [];
      calls.push(entries);
      const failure = throwOn(calls.length);
      if (failure) throw failure;
      const results = entries.map((entry) => {
        const a = answer(entry, calls.length);
        return a === 'ok' ? { EventId: `aws-${++ids}` } : a;
      });
      return { FailedEntryCount: results.filter((r) => r.ErrorCode).length, Entries: results };
    },
  };
  return { client: client as unknown as EventBridgeClient, calls };
}

/** A stand-in for SQSClient's SendMessageBatch that fails entries as `fail(entry, call)` says. */
export function fakeSqs(
  fail: (
    entry: SendMessageBatchRequestEntry,
    call: number,
  ) => { code: string; senderFault: boolean } | undefined = () => undefined,
) {
  const calls: { queueUrl: string; entries: SendMessageBatchRequestEntry[] }[] = [];
  const client = {
    send: async (command: SendMessageBatchCommand) => {
      const entries = command.input.Entries ?? [];
      calls.push({ queueUrl: command.input.QueueUrl ?? '', entries });
      const Successful = [];
      const Failed = [];
      for (const entry of entries) {
        const f = fail(entry, calls.length);
        if (f) Failed.push({ Id: entry.Id, Code: f.code, Message: `failed: ${f.code}`, SenderFault: f.senderFault });
        else Successful.push({ Id: entry.Id, MessageId: `msg-${entry.Id}-${calls.length}`, MD5OfMessageBody: '' });
      }
      return { Successful, Failed };
    },
  };
  return { client: client as unknown as SQSClient, calls };
}

/** A stand-in for SQSClient's SendMessage: records each request; `refuse(call)` can fail one. */
export function fakeDeadLetterQueue(refuse: (call: number) => Error | undefined = () => undefined) {
  const sent: SendMessageRequest[] = [];
  const client = {
    send: async (command: SendMessageCommand) => {
      const failure = refuse(sent.length + 1);
      if (failure) throw failure;
      sent.push(command.input);
      return { MessageId: `dlq-${sent.length}` };
    },
  };
  return { client: client as unknown as SQSClient, sent };
}
