import http, { type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { writeAwsError } from './awsErrorResponse';
import { proxyRequest } from './proxyRequest';
import { resolveService, serviceOfAction, type ServiceMatch } from './resolveService';
import { AWS_SERVICES, type AwsService, type EdgeRoute, type EdgeRoutes } from './types';

/** Unsigned query-protocol bodies are read whole to find their `Action`; they are small. */
const MAX_SNIFFED_BODY_BYTES = 2 * 1024 * 1024;

export const EDGE_HEALTH_PATH = '/_edge/health';

export interface EdgeListener {
  listener: RequestListener;
  /** Routes a service to a base URL or a listener, or (undefined) stops routing it. */
  setRoute(service: AwsService, route: EdgeRoute | undefined): void;
  /**
   * Serves every request whose path starts with `pathPrefix` (e.g. `/_mesh/`) with `listener` instead of an AWS
   * service, or (undefined) stops it. The mesh's own endpoints live there, beside `/_edge/health`.
   */
  mount(pathPrefix: string, listener: RequestListener | undefined): void;
  /** Closes the idle connections kept to the emulators. */
  close(): void;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_SNIFFED_BODY_BYTES) {
        reject(new Error('body too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** A request whose body was already read, replayed for an in-process listener. */
function replay(request: IncomingMessage, body: Buffer): IncomingMessage {
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

/**
 * The edge endpoint's request listener: finds each request's AWS service ({@link resolveService}) and hands
 * it to that service's route, or answers at once with an AWS-shaped error (400 for a service the edge does
 * not know, 501 for one that is not running). Use {@link startEdge} to serve it; this is for embedding.
 *
 * @example
 * const edge = createEdgeListener({ sqs: 'http://127.0.0.1:43121' });
 * http.createServer(edge.listener).listen(4566, '127.0.0.1');
 */
export function createEdgeListener(initialRoutes: EdgeRoutes = {}): EdgeListener {
  const routes: EdgeRoutes = { ...initialRoutes };
  const agent = new http.Agent({ keepAlive: true });
  const mounts = new Map<string, RequestListener>();

  function health(response: ServerResponse): void {
    const services = Object.fromEntries(AWS_SERVICES.map((s) => [s, routes[s] ? 'available' : 'disabled']));
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ services }));
  }

  function dispatch(request: IncomingMessage, response: ServerResponse, match: ServiceMatch, body?: Buffer) {
    const { service } = match;
    if (!service) {
      const name = 'name' in match ? `'${match.name}'` : undefined;
      writeAwsError(request, response, undefined, {
        status: 400,
        code: 'UnknownServiceException',
        message: name
          ? `The offline edge endpoint does not emulate the AWS service ${name}.`
          : 'The offline edge endpoint could not tell which AWS service this request is for ' +
            '(no X-Amz-Target, no SigV4 credential scope, no Action).',
      });
      return;
    }
    const route = routes[service];
    if (!route) {
      writeAwsError(request, response, service, {
        status: 501,
        code: 'NotImplemented',
        message: `The offline ${service} emulator is not running behind this edge endpoint.`,
      });
      return;
    }
    if (typeof route === 'string') {
      proxyRequest(request, response, route, service, agent, body);
      return;
    }
    try {
      const result: unknown = route(body ? replay(request, body) : request, response);
      if (result instanceof Promise) result.catch((error: unknown) => fail(request, response, service, error));
    } catch (error) {
      fail(request, response, service, error);
    }
  }

  function fail(request: IncomingMessage, response: ServerResponse, service: AwsService, error: unknown) {
    writeAwsError(request, response, service, {
      status: 500,
      code: 'InternalFailure',
      message: `The offline ${service} emulator failed: ${error instanceof Error ? error.message : String(error)}`,
    });
  }

  const listener: RequestListener = (request, response) => {
    if (request.method === 'GET' && request.url === EDGE_HEALTH_PATH) {
      health(response);
      return;
    }
    for (const [prefix, mounted] of mounts) {
      if (request.url?.startsWith(prefix)) {
        mounted(request, response);
        return;
      }
    }
    const match = resolveService(request);
    if (!('needsBody' in match)) {
      dispatch(request, response, match);
      return;
    }
    readBody(request).then(
      (body) => {
        const action = new URLSearchParams(body.toString('utf8')).get('Action');
        dispatch(request, response, action ? serviceOfAction(action) : { service: undefined }, body);
      },
      () =>
        writeAwsError(request, response, undefined, {
          status: 400,
          code: 'InvalidRequest',
          message: 'The offline edge endpoint could not read this request.',
        }),
    );
  };

  return {
    listener,
    setRoute(service, route) {
      if (route) routes[service] = route;
      else delete routes[service];
    },
    mount(pathPrefix, mounted) {
      if (!pathPrefix.startsWith('/_')) throw new RangeError(`a mounted path starts with /_, not ${pathPrefix}`);
      if (mounted) mounts.set(pathPrefix, mounted);
      else mounts.delete(pathPrefix);
    },
    close() {
      agent.destroy();
    },
  };
}
