import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEventBridgeListener } from './createEventBridgeListener';
import { EventBridgeEmulator, type EventBridgeEmulatorOptions } from './EventBridgeEmulator';

export interface StartEventBridgeOptions extends EventBridgeEmulatorOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Address to bind; the loopback by default. */
  host?: string;
}

export interface StartedEventBridge {
  /** Endpoint for SDK clients and the CLI, e.g. `http://127.0.0.1:43121`. */
  url: string;
  port: number;
  emulator: EventBridgeEmulator;
  /** Stops the server, pending retries and schedules. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts the offline EventBridge on its own HTTP server.
 *
 * @example
 * const eventBridge = await startEventBridge({ sqsEndpoint: sqs.endpoint });
 * const client = new EventBridgeClient({ endpoint: eventBridge.url, region: 'us-east-1' });
 * // …
 * await eventBridge.stop();
 */
export async function startEventBridge(options: StartEventBridgeOptions = {}): Promise<StartedEventBridge> {
  const host = options.host ?? '127.0.0.1';
  const emulator = new EventBridgeEmulator(options);
  const server = createServer(createEventBridgeListener(emulator));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
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
    emulator,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        emulator.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}
