import type { MessageLogger } from './logger';
import type { Trace } from './types';

/** What an observer or command handler gets beside the message itself. */
export interface MessageContext {
  /** Carries eventId (or commandId), correlationId and causationId on every line. */
  logger: MessageLogger;
  /** Pass it to publish() / send() for what this message causes: same correlation, caused by this message. */
  trace: Trace;
  messageId: string;
  /** How many times SQS has delivered this message, this time included. */
  receiveCount: number;
}

export function receiveCountOf(attributes: { ApproximateReceiveCount?: string } | undefined): number {
  return Number(attributes?.ApproximateReceiveCount ?? '1') || 1;
}

/** Parses a message body as JSON, or fails with a reason fit for the DLQ log. */
export function parseBody(body: string, MalformedError: new (message: string) => Error): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new MalformedError(`message body is not JSON: ${JSON.stringify(body.slice(0, 80))}`);
  }
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
