import type { ServerResponse } from 'node:http';
import type { Hop, HopRecorder } from '@mesh/offline';
import type { ConsoleQueue } from './consoleQueues';
import type { QueueWatcher } from './queueWatcher';

/** One server-sent event: `event: <name>`, an optional `id:` and one `data:` line of JSON. */
export function formatSse(event: string, data: unknown, id?: number): string {
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Streams the mesh to one page as server-sent events: first every hop after `since` (so a reconnecting
 * EventSource, which sends `Last-Event-ID`, misses nothing the recorder still holds), then each new hop as
 * `event: hop` (`id:` its seq), and the queues' depths as `event: queues` whenever they change. A comment
 * every `keepAliveMs` keeps proxies from closing an idle stream. Returns the function that ends it.
 */
export function openEventStream(
  response: ServerResponse,
  sources: { hops: HopRecorder; queues: QueueWatcher },
  options: { since?: number; keepAliveMs?: number } = {},
): () => void {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
  });
  response.write('retry: 1000\n\n');
  const sendHop = (hop: Hop) => response.write(formatSse('hop', hop, hop.seq));
  // Subscribe before replaying, and skip what the replay already sent, so no hop falls in between.
  let replayedUpTo = options.since ?? 0;
  const pending: Hop[] = [];
  let replaying = true;
  const unsubscribeHops = sources.hops.subscribe((hop) => {
    if (replaying) pending.push(hop);
    else if (hop.seq > replayedUpTo) sendHop(hop);
  });
  if (options.since !== undefined) {
    for (const hop of sources.hops.query({ since: options.since, limit: 1000 })) {
      sendHop(hop);
      replayedUpTo = Math.max(replayedUpTo, hop.seq);
    }
  }
  replaying = false;
  for (const hop of pending) if (hop.seq > replayedUpTo) sendHop(hop);

  const unsubscribeQueues = sources.queues.subscribe((queues: ConsoleQueue[]) =>
    response.write(formatSse('queues', queues)),
  );
  const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), options.keepAliveMs ?? 15_000);
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(keepAlive);
    unsubscribeHops();
    unsubscribeQueues();
    response.end();
  };
  response.once('close', close);
  return close;
}
