import http, { type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { writeAwsError } from './awsErrorResponse';
import { createHostPolicy, type HostPolicyOptions } from './hostPolicy';
import { proxyRequest } from './proxyRequest';
import { drainRequest, readRequestBody, replayRequest, RequestBodyTooLargeError } from './requestBody';
import { MAX_REQUEST_BYTES, MAX_UNROUTED_REQUEST_BYTES, tooLargeCode } from './requestLimits';
import { resolveService, serviceOfAction, type ServiceMatch } from './resolveService';
import { AWS_SERVICES, type AwsService, type EdgeRoute, type EdgeRoutes } from './types';

export const EDGE_HEALTH_PATH = '/_edge/health';

/** Seconds an SDK is told to wait (`Retry-After`) before retrying a service that is still starting. */
const STARTING_RETRY_AFTER_SECONDS = 1;

export type EdgeListenerOptions = HostPolicyOptions;

export interface EdgeListener {
  listener: RequestListener;
  /** Routes a service to a base URL or a listener, or (undefined) stops routing it. */
  setRoute(service: AwsService, route: EdgeRoute | undefined): void;
  /**
   * Tells the edge these services are starting: until each gets a route, its requests are answered 503
   * (which the AWS SDKs retry) rather than 501.
   */
  markStarting(services: readonly AwsService[]): void;
  /**
   * Serves every request whose path starts with `pathPrefix` (e.g. `/_mesh/`) with `listener` instead of an AWS
   * service, or (undefined) stops it. The mesh's own endpoints live there, beside `/_edge/health`.
   */
  mount(pathPrefix: string, listener: RequestListener | undefined): void;
  /** Closes the idle connections kept to the emulators. */
  close(): void;
}

/**
 * The edge endpoint's request listener: refuses a `Host` that is not the loopback's (DNS rebinding) and a
 * browser `Origin` that is not allowed with an AWS-shaped 403, finds each request's AWS service
 * ({@link resolveService}) and hands it to that service's route, or answers at once with an AWS-shaped error:
 * 400 for a service the edge does not know, 503 for one still starting, 501 for one that is not running, 413
 * for a body over the service's quota. Use {@link startEdge} to serve it; this is for embedding.
 *
 * @example
 * const edge = createEdgeListener({ sqs: 'http://127.0.0.1:43121' }, { allowedHosts: ['devbox.lan'] });
 * http.createServer(edge.listener).listen(4566, '127.0.0.1');
 */
export function createEdgeListener(initialRoutes: EdgeRoutes = {}, options: EdgeListenerOptions = {}): EdgeListener {
  const routes: EdgeRoutes = { ...initialRoutes };
  const starting = new Set<AwsService>();
  const agent = new http.Agent({ keepAlive: true });
  const mounts = new Map<string, RequestListener>();
  const policy = createHostPolicy(options);

  function health(response: ServerResponse): void {
    const stateOf = (s: AwsService) => (routes[s] ? 'available' : starting.has(s) ? 'starting' : 'disabled');
    const services = Object.fromEntries(AWS_SERVICES.map((s) => [s, stateOf(s)]));
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ services }));
  }

  function tooLarge(
    request: IncomingMessage,
    response: ServerResponse,
    service: AwsService | undefined,
    limit: number,
  ) {
    writeAwsError(request, response, service, {
      status: 413,
      code: tooLargeCode(service),
      message: `Request must be smaller than ${limit} bytes for ${service ?? 'this'} API.`,
    });
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
    const limit = MAX_REQUEST_BYTES[service];
    if (!body && limit !== undefined && Number(request.headers['content-length'] ?? 0) > limit) {
      drainRequest(request, () => tooLarge(request, response, service, limit));
      return;
    }
    const route = routes[service];
    if (!route) {
      const error = starting.has(service)
        ? {
            status: 503,
            code: 'ServiceUnavailable',
            message: `The offline ${service} emulator is starting; retry shortly.`,
            headers: { 'retry-after': String(STARTING_RETRY_AFTER_SECONDS) },
          }
        : {
            status: 501,
            code: 'NotImplemented',
            message: `The offline ${service} emulator is not running behind this edge endpoint.`,
          };
      // The answer waits for the whole body, so a client still sending reads it instead of a reset.
      drainRequest(request, () => writeAwsError(request, response, service, error));
      return;
    }
    if (typeof route === 'string') {
      proxyRequest(request, response, route, service, agent, body);
      return;
    }
    try {
      const result: unknown = route(body ? replayRequest(request, body) : request, response);
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

  /** Refuses a request a web page could have sent: a foreign `Host` (DNS rebinding) or a foreign `Origin`. */
  function refuseForeign(request: IncomingMessage, response: ServerResponse): boolean {
    const { host, origin } = request.headers;
    const reason = !policy.hostAllowed(host)
      ? `Host ${host ?? '(none)'} is not this machine's loopback; allow it with --allow-host if you mean it.`
      : !policy.originAllowed(origin)
        ? `Requests from the web origin ${origin} are refused: a web page must not reach local AWS data.`
        : undefined;
    if (!reason) return false;
    const match = resolveService(request);
    const service = match.service;
    drainRequest(request, () =>
      writeAwsError(request, response, service, {
        status: 403,
        code: service === 's3' ? 'AccessDenied' : 'AccessDeniedException',
        message: reason,
      }),
    );
    return true;
  }

  const listener: RequestListener = (request, response) => {
    if (refuseForeign(request, response)) return;
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
    readRequestBody(request, MAX_UNROUTED_REQUEST_BYTES).then(
      (body) => {
        const action = new URLSearchParams(body.toString('utf8')).get('Action');
        dispatch(request, response, action ? serviceOfAction(action) : { service: undefined }, body);
      },
      (error: unknown) =>
        error instanceof RequestBodyTooLargeError
          ? tooLarge(request, response, undefined, error.limit)
          : writeAwsError(request, response, undefined, {
              status: 400,
              code: 'InvalidRequest',
              message: 'The offline edge endpoint could not read this request.',
            }),
    );
  };

  return {
    listener,
    setRoute(service, route) {
      if (route) {
        routes[service] = route;
        starting.delete(service);
      } else delete routes[service];
    },
    markStarting(services) {
      for (const service of services) if (!routes[service]) starting.add(service);
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
