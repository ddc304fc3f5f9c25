import http, { type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEdgeListener } from './createEdgeListener';
import type { HostPolicyOptions } from './hostPolicy';
import type { AwsService, EdgeRoute, EdgeRoutes } from './types';

/** LocalStack's port: what `AWS_ENDPOINT_URL` conventionally points at. */
export const DEFAULT_EDGE_PORT = 4566;

export interface StartEdgeOptions extends HostPolicyOptions {
  /** 4566 by default; 0 picks a free port. */
  port?: number;
  /** The loopback by default: the edge is the only part facing the user, and only on this machine. */
  host?: string;
  routes?: EdgeRoutes;
}

export interface StartedEdge {
  /** Base URL to give AWS SDK clients as `endpoint` (or `AWS_ENDPOINT_URL`), e.g. `http://127.0.0.1:4566`. */
  url: string;
  port: number;
  /** Routes a service to a base URL or a listener, or (undefined) stops routing it. */
  setRoute(service: AwsService, route: EdgeRoute | undefined): void;
  /** These services are starting: answer them 503 (retried by the SDKs) until each gets a route. */
  markStarting(services: readonly AwsService[]): void;
  /** Serves paths starting with `pathPrefix` (`/_…`) with an in-process listener, or (undefined) stops it. */
  mount(pathPrefix: string, listener: RequestListener | undefined): void;
  /** Stops listening and drops open connections (a pending long poll included). Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts the ONE edge endpoint of the offline mesh: every AWS SDK request reaches it and is routed by its
 * AWS service to an emulator (reverse-proxied, streaming) or an in-process listener. Only loopback `Host`s
 * (and `allowedHosts`) are served, and no browser `Origin` but the loopback's (and `allowedOrigins`).
 *
 * @example
 * const sqs = await startSqs();
 * const edge = await startEdge({ routes: { sqs: sqs.endpoint, s3: sqs.endpoint } });
 * const client = new SQSClient({ endpoint: edge.url, region: 'us-east-1' });
 */
export async function startEdge(options: StartEdgeOptions = {}): Promise<StartedEdge> {
  const host = options.host ?? '127.0.0.1';
  // A host the user binds on purpose (a LAN address) is one they mean to be reached by.
  const bound = host === '0.0.0.0' || host === '::' ? [] : [host.includes(':') ? `[${host}]` : host];
  const edge = createEdgeListener(options.routes, {
    allowedHosts: [...bound, ...(options.allowedHosts ?? [])],
    ...(options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {}),
  });
  const server = http.createServer(edge.listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_EDGE_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  let stopped: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    setRoute: edge.setRoute,
    markStarting: edge.markStarting,
    mount: edge.mount,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        edge.close();
      });
      return stopped;
    },
  };
}
