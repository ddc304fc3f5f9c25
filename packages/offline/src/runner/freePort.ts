import { createServer } from 'node:net';

/**
 * A TCP port free on `host` right now. Another process may take it before it is used, so callers that bind
 * it themselves should still report a clear error on `EADDRINUSE`.
 *
 * @example
 * const httpPort = await freePort();
 */
export function freePort(host = '127.0.0.1'): Promise<number> {
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
