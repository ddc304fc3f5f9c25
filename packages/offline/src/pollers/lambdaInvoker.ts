import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { FunctionInvocationError } from './errors';

/** Invokes a function by name with an event and resolves with its response (RequestResponse). */
export type LambdaInvoker = (functionName: string, event: unknown) => Promise<unknown>;

/** A stopped invoker's client is gone; invoking it again throws. */
export interface ClosableLambdaInvoker extends LambdaInvoker {
  close(): void;
}

/**
 * A {@link LambdaInvoker} on serverless-offline's Lambda endpoint (`POST /2015-03-31/functions/{name}/invocations`),
 * through `@aws-sdk/client-lambda`, synchronously as an event source mapping invokes. The response payload is
 * parsed as JSON; a `FunctionError` throws {@link FunctionInvocationError} carrying the error payload. The
 * SDK's own retries are off: the pollers decide what a failure means.
 *
 * @example
 * const invoke = lambdaInvoker('http://127.0.0.1:3002');
 * const response = await invoke('reminders-dev-loanEvents', { Records: [] });
 */
export function lambdaInvoker(endpoint: string, region = 'us-east-1'): ClosableLambdaInvoker {
  const client = new LambdaClient({
    endpoint,
    region,
    credentials: { accessKeyId: 'offline', secretAccessKey: 'offline' },
    maxAttempts: 1,
  });
  const invoke = async (functionName: string, event: unknown): Promise<unknown> => {
    const response = await client.send(
      new InvokeCommand({
        FunctionName: functionName,
        InvocationType: 'RequestResponse',
        Payload: Buffer.from(JSON.stringify(event ?? {}), 'utf8'),
      }),
    );
    const payload = parsePayload(response.Payload);
    if (response.FunctionError) throw new FunctionInvocationError(functionName, response.FunctionError, payload);
    return payload;
  };
  return Object.assign(invoke, { close: () => client.destroy() });
}

function parsePayload(payload: Uint8Array | undefined): unknown {
  const text = payload ? Buffer.from(payload).toString('utf8') : '';
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
