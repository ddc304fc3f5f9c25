import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { JavaUnavailableError, startDynamoDb, type StartedDynamoDb } from '../../../src/dynamodb';

// The service project's testTimeout does not reach here (jest reads testTimeout globally, not per project).
jest.setTimeout(120_000);

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
}

function clientFor(dynamo: StartedDynamoDb, region = 'us-east-1'): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region,
    // DynamoDB Local rejects access key ids that are not purely letters and digits.
    credentials: { accessKeyId: `key${region.replaceAll('-', '')}`, secretAccessKey: 'local' },
  });
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(2_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

describe('startDynamoDb', () => {
  it('starts on a free port, answers the SDK, and stops leaving no JVM behind', async () => {
    const dynamo = await startDynamoDb();
    console.log(
      `DynamoDB Local answered ListTables ${dynamo.startupMs} ms after spawn (listens on ${dynamo.listensOn})`,
    );
    try {
      expect(dynamo.endpoint).toBe(`http://127.0.0.1:${dynamo.port}`);
      expect(isAlive(dynamo.pid)).toBe(true);
      const client = clientFor(dynamo);
      await expect(client.send(new ListTablesCommand({}))).resolves.toMatchObject({ TableNames: [] });
      client.destroy();
    } finally {
      await dynamo.stop();
    }
    expect(isAlive(dynamo.pid)).toBe(false);
    await expect(dynamo.stop()).resolves.toBeUndefined();
  });

  it('shares one set of tables across regions and credentials (-sharedDb)', async () => {
    const dynamo = await startDynamoDb();
    try {
      const east = clientFor(dynamo, 'us-east-1');
      const west = clientFor(dynamo, 'eu-west-3');
      await east.send(
        new CreateTableCommand({
          TableName: 'shared',
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      await expect(west.send(new ListTablesCommand({}))).resolves.toMatchObject({ TableNames: ['shared'] });
      east.destroy();
      west.destroy();
    } finally {
      await dynamo.stop();
    }
  });

  it('listens on 127.0.0.1 only when the Java runtime can run LoopbackLauncher.java', async () => {
    const dynamo = await startDynamoDb({ host: '127.0.0.1' });
    try {
      const outward = Object.values(networkInterfaces())
        .flat()
        .find((address) => address && address.family === 'IPv4' && !address.internal);
      expect(await canConnect('127.0.0.1', dynamo.port)).toBe(true);
      if (dynamo.listensOn === '127.0.0.1' && outward) {
        expect(await canConnect(outward.address, dynamo.port)).toBe(false);
      } else {
        // A bare JRE cannot run the launcher: DynamoDB Local then listens everywhere, and says so.
        expect(dynamo.listensOn).toMatch(/^(127\.0\.0\.1|\*)$/);
      }
    } finally {
      await dynamo.stop();
    }
  });

  it('keeps tables across restarts when given a persistDir', async () => {
    const persistDir = mkdtempSync(path.join(tmpdir(), 'dynamodb-persist-'));
    try {
      const first = await startDynamoDb({ persistDir });
      try {
        const client = clientFor(first);
        await client.send(
          new CreateTableCommand({
            TableName: 'kept',
            AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
            KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
            BillingMode: 'PAY_PER_REQUEST',
          }),
        );
        client.destroy();
      } finally {
        await first.stop();
      }

      const second = await startDynamoDb({ persistDir });
      try {
        const again = clientFor(second, 'ap-south-1');
        await expect(again.send(new ListTablesCommand({}))).resolves.toMatchObject({ TableNames: ['kept'] });
        again.destroy();
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(persistDir, { recursive: true, force: true });
    }
  });

  it('takes the JVM down with it when the Node process that started it is killed', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'fixtures', 'startThenWait.ts')], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const started = await new Promise<{ pid: number }>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const line = out.split('\n')[0];
        if (out.includes('\n') && line) resolve(JSON.parse(line) as { pid: number });
      });
      child.once('exit', (code) => reject(new Error(`fixture exited with ${code} before starting: ${out}`)));
    });
    expect(isAlive(started.pid)).toBe(true);
    child.kill('SIGKILL');
    expect(await waitUntil(() => !isAlive(started.pid), 15_000)).toBe(true);
  });

  it('refuses to start without Java, saying how to install it', async () => {
    const missing = path.join(tmpdir(), 'no-such-dir', 'java');
    const attempt = startDynamoDb({ javaPath: missing });
    await expect(attempt).rejects.toBeInstanceOf(JavaUnavailableError);
    await expect(attempt).rejects.toMatchObject({ reason: 'missing', javaPath: missing });
    await expect(attempt).rejects.toThrow(/apt-get install -y default-jre-headless/);
  });
});
