import { createServer } from 'node:net';

/**
 * Ports this process has handed out. A port is free again as soon as its probe closes, and the kernel may hand
 * it to the next probe before whoever asked for it binds it: a mesh starting its services at once gave one
 * service's HTTP port to another's Lambda endpoint (seen in the soak; the later serverless-offline died on
 * EADDRINUSE). Within a process a port is handed out once.
 */
const handedOut = new Set<number>();

function probe(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A TCP port free on `host` right now, and never one this process handed out before. Another process may still
 * take it before it is used, so callers that bind it themselves should report a clear error on `EADDRINUSE`.
 *
 * @example
 * const httpPort = await freePort();
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  for (;;) {
    const port = await probe(host);
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}
