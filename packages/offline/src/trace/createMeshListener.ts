import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { DEFAULT_HOP_CAPACITY } from './createHopRecorder';
import { HopQueryError } from './errors';
import { parseHopQuery } from './parseHopQuery';
import type { Hop, HopQuery, HopRecorder } from './types';

/** Where the edge mounts {@link createMeshListener}. */
export const MESH_PATH_PREFIX = '/_mesh/';
const DEFAULT_HEARTBEAT_MS = 15_000;
/** A stream client that reads slower than the mesh records is dropped past this much unsent data. */
const MAX_STREAM_BACKLOG_BYTES = 8 * 1024 * 1024;

export interface MeshListenerOptions {
  /** The most hops one query may ask for; the recorder's capacity (at least 50,000) by default. */
  maxLimit?: number;
  /** Time between the stream's heartbeat comments; 15 s by default. */
  heartbeatMs?: number;
}

function writeJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  response.end(text);
}

const matches = (hop: Hop, query: HopQuery): boolean =>
  (query.correlationId === undefined || hop.correlationId === query.correlationId) &&
  (query.eventId === undefined || hop.eventId === query.eventId) &&
  (query.messageId === undefined || hop.messageId === query.messageId) &&
  (query.kind === undefined || hop.kind === query.kind);

/**
 * The edge's `/_mesh/` routes over a hop recorder:
 * - `GET /_mesh/hops?correlationId=&eventId=&messageId=&kind=&since=&limit=` → `{ "hops": Hop[] }` in `seq`
 *   order (the latest `limit`, 1,000 by default);
 * - `GET /_mesh/stream?since=<seq>` → server-sent events, `id: <seq>` / `event: hop` / `data: <Hop JSON>` for
 *   each hop after `since` (or after `Last-Event-ID`, or from now), with a `: heartbeat` comment every 15 s;
 *   the same filters as `/hops` apply.
 * A bad query value answers 400 `{ "error": reason }`; another path 404, another method 405.
 *
 * @example
 * const mesh = createMeshListener(hops);
 * edge.mount('/_mesh/', mesh);
 */
export function createMeshListener(recorder: HopRecorder, options: MeshListenerOptions = {}): RequestListener {
  // Never below the default capacity: a client asking for "everything" works whatever the ring's size.
  const maxLimit =
    options.maxLimit ?? Math.max((recorder as { capacity?: number }).capacity ?? 0, DEFAULT_HOP_CAPACITY);
  const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;

  function hops(params: URLSearchParams, response: ServerResponse): void {
    writeJson(response, 200, { hops: recorder.query(parseHopQuery(params, maxLimit)) });
  }

  function stream(request: IncomingMessage, params: URLSearchParams, response: ServerResponse): void {
    const query = parseHopQuery(params, maxLimit, ['since', 'correlationId', 'eventId', 'messageId', 'kind']);
    const lastEventId = request.headers['last-event-id'];
    if (query.since === undefined && typeof lastEventId === 'string' && /^\d+$/.test(lastEventId)) {
      query.since = Number(lastEventId);
    }
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    response.flushHeaders();
    let closed = false;
    const send = (hop: Hop) => {
      if (closed || !matches(hop, query)) return;
      response.write(`id: ${hop.seq}\nevent: hop\ndata: ${JSON.stringify(hop)}\n\n`);
      if (response.writableLength > MAX_STREAM_BACKLOG_BYTES) {
        response.write(': too far behind; reconnect with Last-Event-ID to resume\n\n');
        close();
        response.end();
      }
    };
    // Subscribed and backlog read in one synchronous step: no hop falls between them.
    const unsubscribe = recorder.subscribe(send);
    const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), heartbeatMs);
    heartbeat.unref();
    const close = () => {
      if (closed) return;
      closed = true;
      unsubscribe();
      clearInterval(heartbeat);
    };
    request.on('close', close);
    response.on('close', close);
    response.on('error', close);
    response.write(': connected\n\n');
    if (query.since !== undefined) {
      for (const hop of recorder.query({ ...query, limit: maxLimit })) send(hop);
    }
  }

  return (request, response) => {
    const url = new URL(request.url ?? '/', 'http://edge');
    const route = url.pathname.slice(MESH_PATH_PREFIX.length).replace(/\/+$/, '');
    if (route !== 'hops' && route !== 'stream') {
      writeJson(response, 404, { error: `no route ${url.pathname}; the routes are /_mesh/hops and /_mesh/stream` });
      return;
    }
    if (request.method !== 'GET') {
      response.setHeader('allow', 'GET');
      writeJson(response, 405, { error: `${url.pathname} answers GET only` });
      return;
    }
    try {
      if (route === 'hops') hops(url.searchParams, response);
      else stream(request, url.searchParams, response);
    } catch (error) {
      if (!(error instanceof HopQueryError)) throw error;
      writeJson(response, 400, { error: error.message });
    }
  };
}
