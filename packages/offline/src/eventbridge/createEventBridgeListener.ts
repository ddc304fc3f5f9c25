import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { MAX_HTTP_BODY_BYTES } from './constants';
import { EventBridgeApiError, SerializationError, UnknownOperationError } from './errors';
import type { EventBridgeEmulator } from './EventBridgeEmulator';
import { OPERATIONS } from './operations';
import { isObject } from './validation';

const TARGET_PREFIX = 'AWSEvents.';
const CONTENT_TYPE = 'application/x-amz-json-1.1';

class PayloadTooLargeError extends EventBridgeApiError {
  constructor() {
    super('RequestEntityTooLargeException', 'Request body is too large.', 413);
  }
}

/**
 * An `http.RequestListener` speaking EventBridge's AWS JSON 1.1 protocol (`POST /` with
 * `X-Amz-Target: AWSEvents.<Operation>`), so the AWS SDKs and CLI work against `emulator` unchanged. Errors
 * come back as AWS sends them: HTTP 400 with `{"__type": "<Code>", "message": "..."}`. Each request is served
 * in the region of its SigV4 credential scope (the emulator's default region when unsigned). Mount it on any
 * server, such as the edge endpoint.
 *
 * @example
 * const emulator = new EventBridgeEmulator();
 * http.createServer(createEventBridgeListener(emulator)).listen(4010);
 */
export function createEventBridgeListener(emulator: EventBridgeEmulator): RequestListener {
  return (request, response) => {
    void handle(emulator, request, response);
  };
}

async function handle(emulator: EventBridgeEmulator, request: IncomingMessage, response: ServerResponse) {
  const requestId = randomUUID();
  try {
    const target = String(request.headers['x-amz-target'] ?? '');
    const operationName = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
    const operation = request.method === 'POST' ? OPERATIONS[operationName] : undefined;
    const body = await readBody(request);
    if (!operation) throw new UnknownOperationError(operationName || target);
    let input: unknown = {};
    if (body.trim().length > 0) {
      try {
        input = JSON.parse(body);
      } catch {
        throw new SerializationError('Request body is not valid JSON.');
      }
    }
    if (!isObject(input)) throw new SerializationError('Request body must be a JSON object.');
    send(response, 200, emulator.call(operationName, input, regionOf(request) ?? emulator.region), requestId);
  } catch (error) {
    if (error instanceof EventBridgeApiError) {
      send(response, error.statusCode, { __type: error.code, message: error.message }, requestId, error.code);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      send(response, 500, { __type: 'InternalException', message }, requestId, 'InternalException');
    }
  }
}

const SCOPE_REGION = /Credential=[^/,\s]+\/\d{8}\/([a-z0-9-]+)\/events\/aws4_request/;

/** The region of a request's SigV4 credential scope, as AWS serves each region on its own endpoint. */
function regionOf(request: IncomingMessage): string | undefined {
  return SCOPE_REGION.exec(String(request.headers.authorization ?? ''))?.[1];
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_HTTP_BODY_BYTES) {
        reject(new PayloadTooLargeError());
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, body: unknown, requestId: string, errorType?: string): void {
  if (response.headersSent || response.destroyed) return;
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(payload),
    'x-amzn-RequestId': requestId,
    ...(errorType ? { 'x-amzn-ErrorType': errorType } : {}),
  });
  response.end(payload);
}
