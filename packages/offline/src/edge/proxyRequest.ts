import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { writeAwsError } from './awsErrorResponse';
import type { AwsService } from './types';

/** Hop-by-hop headers (RFC 9110 §7.6.1) are for one connection, never forwarded. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  // The edge already answered `100 Continue` to the client; the body follows at once.
  'expect',
]);

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const kept: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!HOP_BY_HOP.has(name) && value !== undefined) kept[name] = value;
  }
  return kept;
}

/**
 * Streams one request to an emulator's base URL and its answer back. The `Host` header is kept as the client
 * sent it: emulators build queue URLs from it and read virtual-hosted S3 buckets from it. `body`, when
 * given, replaces the request stream (already read to find the service).
 */
export function proxyRequest(
  request: IncomingMessage,
  response: ServerResponse,
  target: string,
  service: AwsService,
  agent: http.Agent,
  body?: Buffer,
): void {
  const base = new URL(target);
  const basePath = base.pathname.replace(/\/$/, '');
  const upstream = http.request({
    protocol: base.protocol,
    hostname: base.hostname,
    port: base.port,
    method: request.method,
    path: `${basePath}${request.url ?? '/'}`,
    headers: endToEnd(request.headers),
    agent,
  });

  upstream.on('response', (answer) => {
    response.writeHead(answer.statusCode ?? 502, answer.statusMessage, endToEnd(answer.headers));
    answer.pipe(response);
    answer.on('error', () => response.destroy());
  });
  upstream.on('error', (error) => {
    if (response.headersSent) {
      response.destroy();
      return;
    }
    writeAwsError(request, response, service, {
      status: 503,
      code: 'ServiceUnavailable',
      message: `The ${service} emulator at ${target} did not answer: ${error.message}`,
    });
  });
  // A client that gives up (e.g. a long poll it aborted) must not leave the emulator's side open.
  response.on('close', () => {
    if (!response.writableFinished) upstream.destroy();
  });

  if (body) upstream.end(body);
  else request.pipe(upstream);
}
