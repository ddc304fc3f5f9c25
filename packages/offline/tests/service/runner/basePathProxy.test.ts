import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startBasePathProxy, type StartedBasePathProxy } from '../../../src/runner';

/** Upgraded sockets leave the server's bookkeeping: closed by hand so the servers can close. */
const upgraded = new Set<{ destroy(): void }>();

/** A stand-in for one service's serverless-offline: echoes the path it got, and accepts WebSocket upgrades. */
async function startService(name: string): Promise<{ server: http.Server; port: number }> {
  const server = http.createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ service: name, method: request.method, url: request.url }));
  });
  server.on('upgrade', (request, socket) => {
    upgraded.add(socket);
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nX-Service: ${name}\r\nX-Path: ${request.url}\r\n\r\n`,
    );
    socket.on('data', (chunk: Buffer) => socket.write(chunk)); // echo
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

function upgrade(url: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; echo?: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { headers: { connection: 'Upgrade', upgrade: 'websocket' } });
    request.on('upgrade', (response, socket) => {
      socket.write('ping');
      socket.once('data', (chunk: Buffer) => {
        socket.destroy();
        resolve({ status: response.statusCode ?? 0, headers: response.headers, echo: chunk.toString() });
      });
    });
    request.on('response', (response) => {
      response.resume();
      resolve({ status: response.statusCode ?? 0, headers: response.headers });
    });
    request.on('error', reject);
    request.end();
  });
}

describe('startBasePathProxy (the REST :3000 and WebSocket :3001 base URLs)', () => {
  let proxy: StartedBasePathProxy;
  const services: http.Server[] = [];

  beforeAll(async () => {
    proxy = await startBasePathProxy({ httpPort: 0, websocketPort: 0 });
    for (const name of ['loans', 'catalog']) {
      const { server, port } = await startService(name);
      services.push(server);
      proxy.setTarget(name, { http: port, websocket: port });
    }
  });
  afterAll(async () => {
    await proxy.stop();
    for (const socket of upgraded) socket.destroy();
    await Promise.all(services.map((s) => new Promise((resolve) => s.close(resolve))));
  });

  it('sends /<service>/… to that service without its base path, as a base-path mapping does', async () => {
    const loans = await fetch(`${proxy.httpUrl}/loans/loans/42?expand=1`, { method: 'POST', body: '{}' });
    expect(await loans.json()).toEqual({ service: 'loans', method: 'POST', url: '/loans/42?expand=1' });
    const catalog = await fetch(`${proxy.httpUrl}/catalog`);
    expect(await catalog.json()).toEqual({ service: 'catalog', method: 'GET', url: '/' });
  });

  it('answers 404 with the mapped services for an unknown base path', async () => {
    const response = await fetch(`${proxy.httpUrl}/billing/x`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      message: 'No service is mapped to /billing',
      services: ['/loans', '/catalog'],
    });
  });

  it('proxies WebSocket upgrades to the service, both ways', async () => {
    const answer = await upgrade(`${proxy.websocketUrl.replace('ws:', 'http:')}/catalog/?token=t`);
    expect(answer.status).toBe(101);
    expect(answer.headers['x-service']).toBe('catalog');
    expect(answer.headers['x-path']).toBe('/?token=t');
    expect(answer.echo).toBe('ping');
  });

  it('refuses an upgrade for an unknown service', async () => {
    const answer = await upgrade(`${proxy.websocketUrl.replace('ws:', 'http:')}/nope`);
    expect(answer.status).toBe(404);
  });

  it('reports a taken port by name', async () => {
    await expect(startBasePathProxy({ httpPort: proxy.httpPort, websocketPort: 0 })).rejects.toThrow(
      `REST port ${proxy.httpPort} on 127.0.0.1 is taken`,
    );
  });
});
