import http, { type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { writeAwsError } from '../../edge/awsErrorResponse';
import { proxyRequest } from '../../edge/proxyRequest';
import { SqsApiError } from '../errors';
import { MessageMoveTasks } from './MessageMoveTasks';

/** An edge route for SQS that serves the move-task APIs itself and passes everything else to fauxqs. */
export interface SqsMoveTaskRoute {
  listener: RequestListener;
  tasks: MessageMoveTasks;
  /** Cancels running tasks and closes the connections kept to fauxqs. */
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 64 * 1024;

/**
 * The SQS route of the edge: `StartMessageMoveTask`, `ListMessageMoveTasks` and `CancelMessageMoveTask`
 * (AWS JSON protocol, `X-Amz-Target: AmazonSQS.<Action>`, as SDK v3 and the AWS CLI send them) are served by
 * {@link MessageMoveTasks}; every other request is proxied to fauxqs unchanged.
 *
 * @example
 * const route = sqsWithMoveTasks(sqs.endpoint);
 * edge.setRoute('sqs', route.listener);
 */
export function sqsWithMoveTasks(fauxqsEndpoint: string): SqsMoveTaskRoute {
  const tasks = new MessageMoveTasks({ endpoint: fauxqsEndpoint });
  const agent = new http.Agent({ keepAlive: true });
  const actions: Record<string, (input: Record<string, unknown>) => unknown> = {
    'AmazonSQS.StartMessageMoveTask': (input) => tasks.start(input),
    'AmazonSQS.ListMessageMoveTasks': (input) => tasks.list(input),
    'AmazonSQS.CancelMessageMoveTask': (input) => tasks.cancel(input),
  };

  const listener: RequestListener = (request, response) => {
    const action = actions[String(request.headers['x-amz-target'] ?? '')];
    if (!action) {
      proxyRequest(request, response, fauxqsEndpoint, 'sqs', agent);
      return;
    }
    readJson(request)
      .then(async (input) => {
        const output = await action(input);
        const body = JSON.stringify(output);
        response.writeHead(200, {
          'content-type': 'application/x-amz-json-1.0',
          'content-length': Buffer.byteLength(body),
        });
        response.end(body);
      })
      .catch((error: unknown) => answerError(request, response, error));
  };

  return {
    listener,
    tasks,
    async close() {
      await tasks.close();
      agent.destroy();
    },
  };
}

function answerError(request: IncomingMessage, response: ServerResponse, error: unknown): void {
  if (error instanceof SqsApiError) {
    writeAwsError(request, response, 'sqs', { status: error.status, code: error.code, message: error.message });
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  writeAwsError(request, response, 'sqs', { status: 500, code: 'InternalFailure', message });
}

function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new SqsApiError('InvalidParameterValue', 'The request body is too large.'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        const parsed: unknown = text.trim() === '' ? {} : JSON.parse(text);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
        resolve(parsed as Record<string, unknown>);
      } catch {
        reject(new SqsApiError('SerializationException', 'The request body is not a JSON object.'));
      }
    });
    request.on('error', reject);
  });
}
