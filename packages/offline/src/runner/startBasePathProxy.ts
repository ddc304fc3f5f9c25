import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import net, { type AddressInfo } from 'node:net';

/** Where one base path goes: a service's serverless-offline HTTP and WebSocket ports. */
export interface BasePathTarget {
  http?: number;
  websocket?: number;
}

export interface StartBasePathProxyOptions {
  host?: string;
  /** REST base port, 3000 by default; 0 picks a free one. */
  httpPort?: number;
  /** WebSocket base port, 3001 by default; 0 picks a free one. */
  websocketPort?: number;
}

export interface StartedBasePathProxy {
  httpUrl: string;
  websocketUrl: string;
  httpPort: number;
  websocketPort: number;
  /** Maps `/<basePath>/…` to a service (as an API Gateway base-path mapping on a custom domain). */
  setTarget(basePath: string, target: BasePathTarget | undefined): void;
  stop(): Promise<void>;
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** `/reminders/v1/x?y=1` → `['reminders', '/v1/x?y=1']`. */
export function splitBasePath(url: string): [string, string] {
  const match = /^\/([^/?#]+)(.*)$/.exec(url);
  if (!match) return ['', url || '/'];
  const rest = match[2] ?? '';
  return [decodeURIComponent(match[1]!), rest.startsWith('/') ? rest : `/${rest}`];
}

function listen(server: http.Server, port: number, host: string, what: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`${what} port ${port} on ${host} is taken; choose another (see --help)`)
          : error,
      ),
    );
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

function notFound(response: ServerResponse, basePaths: string[], basePath: string): void {
  response.writeHead(404, { 'content-type': 'application/json' });
  response.end(
    JSON.stringify({
      message: basePath ? `No service is mapped to /${basePath}` : 'Name a service: /<service>/…',
      services: basePaths.map((p) => `/${p}`),
    }),
  );
}

/**
 * ONE REST base URL and ONE WebSocket base URL for every service of the offline mesh: `/<service>/…` is
 * forwarded (path without the base) to that service's serverless-offline, as base-path mappings on a custom
 * domain do on AWS. WebSocket upgrades are proxied byte for byte.
 *
 * @example
 * const proxy = await startBasePathProxy({ httpPort: 3000, websocketPort: 3001 });
 * proxy.setTarget('loans', { http: 43100, websocket: 43101 });
 * // curl http://127.0.0.1:3000/loans/loans/123 → serverless-offline's GET /loans/123
 */
export async function startBasePathProxy(options: StartBasePathProxyOptions = {}): Promise<StartedBasePathProxy> {
  const host = options.host ?? '127.0.0.1';
  const targets = new Map<string, BasePathTarget>();
  const agent = new http.Agent({ keepAlive: true });

  const rest = http.createServer((request: IncomingMessage, response: ServerResponse) => {
    const [basePath, rest] = splitBasePath(request.url ?? '/');
    const port = targets.get(basePath)?.http;
    if (!port) {
      request.resume();
      notFound(
        response,
        [...targets.keys()].filter((p) => targets.get(p)?.http),
        basePath,
      );
      return;
    }
    const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !HOP_BY_HOP.has(name)));
    const upstream = http.request(
      { host: '127.0.0.1', port, method: request.method, path: rest, headers, agent },
      (answer) => {
        const kept = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !HOP_BY_HOP.has(name)));
        response.writeHead(answer.statusCode ?? 502, kept);
        answer.pipe(response);
      },
    );
    upstream.on('error', (error) => {
      if (response.headersSent) {
        response.destroy(error);
        return;
      }
      response.writeHead(502, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: `/${basePath} did not answer: ${error.message}` }));
    });
    request.pipe(upstream);
  });

  const websocket = http.createServer((request, response) => {
    response.writeHead(426, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ message: 'WebSocket only: connect to ws://<host>:<port>/<service>' }));
  });
  const sockets = new Set<net.Socket>();
  websocket.on('upgrade', (request: IncomingMessage, client: net.Socket, head: Buffer) => {
    const [basePath, rest] = splitBasePath(request.url ?? '/');
    const port = targets.get(basePath)?.websocket;
    if (!port) {
      client.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = net.connect({ host: '127.0.0.1', port }, () => {
      const lines = [`${request.method} ${rest} HTTP/1.1`];
      for (let i = 0; i < request.rawHeaders.length; i += 2) {
        lines.push(`${request.rawHeaders[i]}: ${request.rawHeaders[i + 1]}`);
      }
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(client);
    sockets.add(upstream);
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    upstream.on('error', close);
    client.on('error', close);
    upstream.on('close', close);
    client.on('close', close);
  });

  const httpPort = await listen(rest, options.httpPort ?? 3000, host, 'REST');
  let websocketPort: number;
  try {
    websocketPort = await listen(websocket, options.websocketPort ?? 3001, host, 'WebSocket');
  } catch (error) {
    await new Promise((resolve) => rest.close(resolve));
    throw error;
  }
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let stopped: Promise<void> | undefined;
  return {
    httpUrl: `http://${urlHost}:${httpPort}`,
    websocketUrl: `ws://${urlHost}:${websocketPort}`,
    httpPort,
    websocketPort,
    setTarget(basePath, target) {
      if (target) targets.set(basePath, target);
      else targets.delete(basePath);
    },
    stop() {
      stopped ??= (async () => {
        for (const socket of sockets) socket.destroy();
        agent.destroy();
        await Promise.all(
          [rest, websocket].map(
            (server) =>
              new Promise<void>((resolve) => {
                server.close(() => resolve());
                server.closeAllConnections();
              }),
          ),
        );
      })();
      return stopped;
    },
  };
}
