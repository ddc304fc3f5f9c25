import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LambdaInvocation {
  functionName: string;
  invocationType: string | undefined;
  payload: unknown;
}

export interface LambdaStub {
  endpoint: string;
  invocations: LambdaInvocation[];
  /** Resolves once `count` invocations arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<LambdaInvocation[]>;
  stop(): Promise<void>;
}

/**
 * A stand-in for serverless-offline's Lambda endpoint: it serves the Invoke path
 * (`POST /2015-03-31/functions/{name}/invocations`) and records what it receives. Functions not listed in
 * `functions` answer 404 ResourceNotFoundException, as Lambda does.
 */
export async function startLambdaStub(functions: string[]): Promise<LambdaStub> {
  const invocations: LambdaInvocation[] = [];
  let waiters: Array<() => void> = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const match = /^\/2015-03-31\/functions\/([^/]+)\/invocations/.exec(request.url ?? '');
      const functionName = match ? decodeURIComponent(match[1]!) : '';
      if (request.method !== 'POST' || !functions.includes(functionName)) {
        response.writeHead(404, {
          'Content-Type': 'application/json',
          'x-amzn-ErrorType': 'ResourceNotFoundException',
        });
        response.end(JSON.stringify({ Type: 'User', message: `Function not found: ${functionName}` }));
        return;
      }
      const text = Buffer.concat(chunks).toString('utf8');
      invocations.push({
        functionName,
        invocationType: request.headers['x-amz-invocation-type'] as string | undefined,
        payload: JSON.parse(text),
      });
      for (const wake of waiters.splice(0)) wake();
      response.writeHead(202);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    invocations,
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (invocations.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} invocations, got ${invocations.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
      waiters = [];
      return invocations.slice(0, count);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A port nothing listens on: taken, then released. */
export async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
