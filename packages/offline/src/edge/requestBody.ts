import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';

/** The body was over `limit` bytes; it was read to its end and dropped, so the connection stays usable. */
export class RequestBodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`);
    this.name = 'RequestBodyTooLargeError';
  }
}

/**
 * Reads a request body whole, up to `limit` bytes. A larger body is still read to its end (and dropped)
 * before the promise rejects with {@link RequestBodyTooLargeError}: a client that is still uploading when
 * its answer comes would see a connection reset instead of the 413.
 *
 * @example
 * const body = await readRequestBody(request, 16 * 1024 * 1024);
 */
export function readRequestBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    request.on('end', () =>
      size > limit ? reject(new RequestBodyTooLargeError(limit)) : resolve(Buffer.concat(chunks)),
    );
    request.on('error', reject);
  });
}

/**
 * Reads a request body to its end and drops it, then calls `done`: the way to refuse a body without
 * resetting the connection of a client that is still sending it.
 *
 * @example
 * drainRequest(request, () => writeAwsError(request, response, 'sqs', tooLarge));
 */
export function drainRequest(request: IncomingMessage, done: () => void): void {
  if (request.readableEnded) {
    done();
    return;
  }
  request.once('end', done);
  request.once('error', done);
  request.resume();
}

/** A request whose body was already read, replayed for an in-process listener. */
export function replayRequest(request: IncomingMessage, body: Buffer): IncomingMessage {
  const copy = Readable.from([body]) as unknown as IncomingMessage;
  return Object.assign(copy, {
    method: request.method,
    url: request.url,
    headers: request.headers,
    rawHeaders: request.rawHeaders,
    httpVersion: request.httpVersion,
    socket: request.socket,
  });
}
