import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the stub answers: a response payload, or a function error (serverless-offline's `X-Amz-Function-Error`). */
export type StubAnswer = { payload?: unknown } | { functionError: { errorType: string; errorMessage: string } };

export interface RecordedInvocation {
  functionName: string;
  invocationType: string | undefined;
  event: { Records: { messageId: string; body: string; attributes: Record<string, string> }[] };
  startedAt: number;
  endedAt?: number;
}

export interface LambdaInvokeStub {
  endpoint: string;
  invocations: RecordedInvocation[];
  /** Decides each answer; the default answers `null` (a success). */
  answer: (invocation: RecordedInvocation) => StubAnswer | Promise<StubAnswer>;
  stop(): Promise<void>;
}

/**
 * A stand-in for serverless-offline's Lambda invoke endpoint (`POST /2015-03-31/functions/{name}/invocations`):
 * the target of the pollers, not the system under test. It records every invocation and answers as `answer` says.
 */
export async function startLambdaInvokeStub(): Promise<LambdaInvokeStub> {
  const stub: LambdaInvokeStub = {
    endpoint: '',
    invocations: [],
    answer: () => ({ payload: null }),
    stop: async () => {},
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const match = /^\/2015-03-31\/functions\/([^/]+)\/invocations/.exec(request.url ?? '');
      const invocation: RecordedInvocation = {
        functionName: decodeURIComponent(match?.[1] ?? ''),
        invocationType: request.headers['x-amz-invocation-type'] as string | undefined,
        event: JSON.parse(Buffer.concat(chunks).toString('utf8')),
        startedAt: Date.now(),
      };
      stub.invocations.push(invocation);
      void Promise.resolve(stub.answer(invocation)).then((answer) => {
        invocation.endedAt = Date.now();
        if ('functionError' in answer) {
          response.writeHead(200, { 'Content-Type': 'application/json', 'X-Amz-Function-Error': 'Unhandled' });
          response.end(JSON.stringify({ ...answer.functionError, trace: [] }));
          return;
        }
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(answer.payload === undefined ? '' : JSON.stringify(answer.payload));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stub.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stub.stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return stub;
}
