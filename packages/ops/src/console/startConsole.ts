import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { renderEventMapFiles } from '@mesh/infra';
import { catalogPageOf, catalogPages } from './catalogPages';
import { createClients, explainConnectionError } from '../cli/context';
import { EndpointUnreachableError, PeekRefusedError, QueueNotFoundError, RedriveTargetError } from '../cli/errors';
import { findRedriveSource, redriveMessages } from '../cli/redrive';
import { createHostPolicy, DEFAULT_HOP_CAPACITY, HopQueryError, parseHopQuery } from '@mesh/offline';
import type { HopRecorder } from '@mesh/offline';
import { deadLetters } from './deadLetters';
import { ConsoleRequestError, ConsoleStartError } from './errors';
import { openEventStream } from './eventStream';
import { watchQueues } from './queueWatcher';

/** The console's default port, as `npm run dev` prints it. */
export const DEFAULT_CONSOLE_PORT = 4000;

export interface StartConsoleOptions {
  /** The mesh's hop recorder: the live event stream, traces and the DLQ messages' failure reasons. */
  hops: HopRecorder;
  /** The edge endpoint (or any SQS endpoint) the queues are read from and redriven through. */
  edgeUrl: string;
  /** The stage whose queues (`<service>-<stage>-…`) are shown. */
  stage: string;
  /** `us-east-1` by default. */
  region?: string;
  /** 127.0.0.1 by default: the console can redrive queues, so it faces this machine only. */
  host?: string;
  /** 4000 by default; 0 picks a free port. */
  port?: number;
  /** The repository root, to render the event map from the contracts and declarations; `process.cwd()` by default. */
  repoRoot?: string;
  /** How often the queues' depths are read while a page is open; 1,000 ms by default. */
  queuePollMs?: number;
  /** Told of errors no page asked for (a failed background read of the queues). */
  onError?: (error: unknown) => void;
}

export interface StartedConsole {
  /** E.g. `http://127.0.0.1:4000`. */
  url: string;
  port: number;
  /** Ends every open stream and closes the server. Safe to call twice. */
  stop(): Promise<void>;
}

const STATIC_DIR = path.join(__dirname, 'static');
const STATIC_FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/console.js': { file: 'console.js', type: 'text/javascript; charset=utf-8' },
  '/console.css': { file: 'console.css', type: 'text/css; charset=utf-8' },
};
function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

function statusOf(error: unknown): number {
  if (error instanceof ConsoleRequestError) return error.status;
  if (error instanceof HopQueryError) return 400;
  if (error instanceof QueueNotFoundError) return 404;
  if (error instanceof PeekRefusedError || error instanceof RedriveTargetError) return 409;
  if (error instanceof EndpointUnreachableError) return 503;
  return 500;
}

/**
 * Starts the local console: one page (no build step: a static HTML file, a vanilla JS and a CSS file) showing
 * the queues with live depths, each DLQ's messages with why they failed and a redrive button, the live event
 * stream, a saga's trace by correlation id and the event map. It reads the hop recorder in-process and the
 * queues through the edge, and pushes changes to the page as server-sent events.
 *
 * JSON API: `GET /api/queues`, `GET /api/dlq/<name>/messages`, `POST /api/dlq/<name>/redrive`,
 * `GET /api/hops?correlationId=&eventId=&messageId=&kind=&since=&limit=`, `GET /api/stream?since=` (SSE:
 * `event: hop`, `event: queues`), `GET /event-map.svg` and the event catalog under `/catalog/` (both rendered from the contracts and
 * declarations at their first request).
 *
 * @example
 * const web = await startConsole({ hops: mesh.hops, edgeUrl: mesh.edgeUrl, stage: mesh.stage, port: 4000 });
 * // open web.url: http://127.0.0.1:4000
 * await web.stop();
 */
export async function startConsole(options: StartConsoleOptions): Promise<StartedConsole> {
  const host = options.host ?? '127.0.0.1';
  const { hops, stage } = options;
  const repoRoot = path.resolve(options.repoRoot ?? process.cwd());
  const target = { stage, endpoint: options.edgeUrl, region: options.region ?? 'us-east-1', aws: false };
  const { sqs } = createClients(target, {});
  const queues = watchQueues(sqs, stage, {
    intervalMs: options.queuePollMs ?? 1000,
    onError: (error) => options.onError?.(explainConnectionError(error, options.edgeUrl)),
  });
  const streams = new Set<() => void>();

  // A peek hides a DLQ's messages while it collects them, and a redrive receives them: one at a time per DLQ,
  // so a page's refresh never makes a redrive stop early.
  const queueLocks = new Map<string, Promise<unknown>>();
  const withQueueLock = <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const run = (queueLocks.get(name) ?? Promise.resolve()).then(work, work);
    const tail = run.catch(() => undefined);
    queueLocks.set(name, tail);
    void tail.then(() => {
      if (queueLocks.get(name) === tail) queueLocks.delete(name);
    });
    return run;
  };

  let eventMapSvg: string | undefined;
  const eventMap = async (): Promise<string> => {
    if (eventMapSvg) return eventMapSvg;
    try {
      eventMapSvg = renderEventMapFiles(repoRoot)['docs/event-map.svg']!;
    } catch {
      // Rendering needs the services' declarations; a checkout without them still has the committed map.
      eventMapSvg = await readFile(path.join(repoRoot, 'docs', 'event-map.svg'), 'utf8');
    }
    return eventMapSvg;
  };

  const catalog = catalogPages(repoRoot);

  const dlqOf = async (name: string) => {
    // The latest snapshot is fresh while a page listens; a queue created since (or no page open) needs a read.
    const queue =
      queues.latest()?.find((q) => q.name === name) ?? (await queues.refresh()).find((q) => q.name === name);
    if (!queue) throw new QueueNotFoundError(name, []);
    if (!queue.isDlq) throw new ConsoleRequestError(409, `${name} is not a dead-letter queue`);
    return queue;
  };

  const origin = () => `http://${host}:${port}`;
  const handleApi = async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> => {
    const route = url.pathname;
    if (request.method === 'GET' && route === '/api/info') {
      return sendJson(response, 200, { stage, edgeUrl: options.edgeUrl, region: target.region });
    }
    if (request.method === 'GET' && route === '/api/queues') {
      return sendJson(response, 200, { queues: await queues.refresh() });
    }
    if (request.method === 'GET' && route === '/api/hops') {
      return sendJson(response, 200, { hops: hops.query(parseHopQuery(url.searchParams, DEFAULT_HOP_CAPACITY)) });
    }
    if (request.method === 'GET' && route === '/api/stream') {
      const since = request.headers['last-event-id'] ?? url.searchParams.get('since');
      const close = openEventStream(
        response,
        { hops, queues },
        since !== null && /^\d+$/.test(String(since)) ? { since: Number(since) } : {},
      );
      streams.add(close);
      response.once('close', () => streams.delete(close));
      return;
    }
    const dlqRoute = /^\/api\/dlq\/([^/]+)\/(messages|redrive)$/.exec(route);
    if (dlqRoute) {
      const name = decodeURIComponent(dlqRoute[1]!);
      const action = dlqRoute[2]!;
      if (action === 'messages' && request.method === 'GET') {
        const dlq = await dlqOf(name);
        const messages = await withQueueLock(name, () => deadLetters(sqs, dlq.url, hops));
        return sendJson(response, 200, { queue: name, sources: dlq.sources, messages });
      }
      if (action === 'redrive' && request.method === 'POST') {
        // A page on another site could POST here from the developer's browser: only this page may redrive.
        const from = request.headers.origin;
        if (from !== undefined && (!URL.canParse(from) || new URL(from).host !== request.headers.host)) {
          throw new ConsoleRequestError(403, `redrive refused from origin ${from}`);
        }
        const dlq = await dlqOf(name);
        const result = await withQueueLock(name, async () => {
          const source = await findRedriveSource(sqs, dlq.url, stage);
          const moved = await redriveMessages(sqs, { dlqUrl: dlq.url, targetUrl: source.url });
          return { from: name, to: source.name, ...moved };
        });
        await queues.refresh().catch(() => undefined);
        return sendJson(response, 200, result);
      }
      throw new ConsoleRequestError(405, `${request.method} is not allowed on ${route}`);
    }
    throw new ConsoleRequestError(404, `no such API: ${request.method} ${route}`);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', origin());
    try {
      // DNS rebinding: a hostile name resolving to 127.0.0.1 would reach us with its own Host header.
      const hostHeader = request.headers.host ?? '';
      if (!createHostPolicy({ allowedHosts: [`${host}:${port}`] }).hostAllowed(hostHeader)) {
        throw new ConsoleRequestError(403, `unexpected Host ${hostHeader}`);
      }
      if (url.pathname.startsWith('/api/')) return await handleApi(request, response, url);
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        throw new ConsoleRequestError(405, `${request.method} is not allowed on ${url.pathname}`);
      }
      if (url.pathname === '/event-map.svg') {
        response.writeHead(200, { 'content-type': 'image/svg+xml; charset=utf-8', 'cache-control': 'no-cache' });
        return void response.end(await eventMap());
      }
      if (url.pathname === '/catalog') {
        response.writeHead(301, { location: '/catalog/' });
        return void response.end();
      }
      if (url.pathname.startsWith('/catalog/')) {
        const name = catalogPageOf(url.pathname);
        const html = name ? (await catalog())[name] : undefined;
        if (!html) throw new ConsoleRequestError(404, `no such catalog page: ${url.pathname}`);
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
        return void response.end(html);
      }
      const file = STATIC_FILES[url.pathname];
      if (!file) throw new ConsoleRequestError(404, `no such page: ${url.pathname}`);
      const body = await readFile(path.join(STATIC_DIR, file.file));
      response.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-cache' });
      response.end(body);
    } catch (thrown) {
      const error = explainConnectionError(thrown, options.edgeUrl);
      const status = statusOf(error);
      if (status === 500) options.onError?.(error);
      if (response.headersSent) return void response.end();
      sendJson(response, status, { error: error instanceof Error ? error.message : String(error) });
    }
  };

  const server = createServer((request, response) => void handle(request, response));
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new ConsoleStartError(
          error.code === 'EADDRINUSE'
            ? `port ${options.port ?? DEFAULT_CONSOLE_PORT} on ${host} is taken; choose another with --console-port, or --no-console`
            : error.message,
          { cause: error },
        ),
      ),
    );
    server.listen(options.port ?? DEFAULT_CONSOLE_PORT, host, () => resolve((server.address() as AddressInfo).port));
  }).catch((error: unknown) => {
    queues.stop();
    sqs.destroy();
    throw error;
  });

  let stopped: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    stop() {
      stopped ??= (async () => {
        queues.stop();
        for (const close of streams) close();
        streams.clear();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        sqs.destroy();
      })();
      return stopped;
    },
  };
}
