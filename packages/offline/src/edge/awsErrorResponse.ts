import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AwsService } from './types';

export interface AwsError {
  status: number;
  code: string;
  message: string;
  /** Extra response headers, e.g. `Retry-After` on a 503. */
  headers?: Record<string, string>;
}

function escapeXml(text: string): string {
  return text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c,
  );
}

/**
 * Answers a request with an error its AWS SDK can parse: S3's XML `<Error>`, the query protocol's
 * `<ErrorResponse>` (form-encoded requests), else the JSON protocols' `{ "__type", "message" }` with
 * `x-amzn-ErrorType`. The SDK then throws a named error with our message instead of a parse failure.
 *
 * @example
 * writeAwsError(req, res, 's3', { status: 501, code: 'NotImplemented', message: 'S3 is not running' });
 */
export function writeAwsError(
  request: IncomingMessage,
  response: ServerResponse,
  service: AwsService | undefined,
  error: AwsError,
): void {
  const requestId = randomUUID();
  const contentType = request.headers['content-type'] ?? '';
  let body: string;
  let type: string;
  if (service === 's3') {
    type = 'application/xml';
    body =
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(error.code)}</Code>` +
      `<Message>${escapeXml(error.message)}</Message><RequestId>${requestId}</RequestId></Error>`;
  } else if (contentType.startsWith('application/x-www-form-urlencoded')) {
    type = 'text/xml';
    body =
      `<?xml version="1.0"?>\n<ErrorResponse><Error><Type>${error.status < 500 ? 'Sender' : 'Receiver'}</Type>` +
      `<Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error>` +
      `<RequestId>${requestId}</RequestId></ErrorResponse>`;
  } else {
    type = contentType.startsWith('application/x-amz-json') ? contentType : 'application/json';
    body = JSON.stringify({ __type: error.code, message: error.message });
  }
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response.writeHead(error.status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': requestId,
    'x-amz-request-id': requestId,
    'x-amzn-errortype': error.code,
    ...error.headers,
  });
  response.end(body);
}
