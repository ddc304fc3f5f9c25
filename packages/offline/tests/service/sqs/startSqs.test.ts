import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import net from 'node:net';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { startSqs, type StartedSqs } from '../../../src';
import { sleep } from './sqsBehindEdge';

/** Whether a TCP connection to host:port succeeds. */
function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(1_000);
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

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Pids of the fauxqs launchers a process started (Linux `ps`). */
function emulatorsStartedBy(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes('fauxqsLauncher'))
      .map((line) => Number(line.trim().split(/\s+/)[0]));
  } catch {
    return [];
  }
}

const externalAddress = Object.values(networkInterfaces())
  .flat()
  .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;

describe('startSqs', () => {
  let sqs: StartedSqs | undefined;

  afterEach(async () => {
    await sqs?.stop();
    sqs = undefined;
  });

  it('answers on the loopback at the port it reports', async () => {
    sqs = await startSqs();

    const health = await fetch(`${sqs.endpoint}/health`);

    expect(sqs.endpoint).toBe(`http://127.0.0.1:${sqs.port}`);
    expect(health.status).toBe(200);
  });

  (externalAddress ? it : it.skip)(
    'does not listen on other interfaces (fauxqs’s own start binds 0.0.0.0)',
    async () => {
      sqs = await startSqs();

      expect(await canConnect('127.0.0.1', sqs.port)).toBe(true);
      expect(await canConnect(externalAddress!, sqs.port)).toBe(false);
    },
  );

  it('stops, freeing its port, and can be stopped twice', async () => {
    const started = await startSqs();

    await started.stop();
    await started.stop();

    expect(await canConnect('127.0.0.1', started.port)).toBe(false);
  });

  it('rejects with a clear error when its port is taken', async () => {
    sqs = await startSqs();

    await expect(startSqs({ port: sqs.port })).rejects.toThrow(/fauxqs failed to start: .*EADDRINUSE/);
  });

  it('leaves no emulator behind when its parent process is killed outright', async () => {
    const script = `require(${JSON.stringify(path.resolve(__dirname, '../../../src'))}).startSqs()
      .then((s) => console.log(JSON.stringify({ port: s.port })))`;
    const parent = spawn(process.execPath, ['--import', 'tsx', '-e', script], {
      cwd: path.resolve(__dirname, '../../..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const { port } = await new Promise<{ port: number }>((resolve, reject) => {
        parent.stdout.once('data', (line: Buffer) => resolve(JSON.parse(line.toString()) as { port: number }));
        parent.once('exit', (code) => reject(new Error(`parent exited with ${code}`)));
      });
      const [emulator] = emulatorsStartedBy(parent.pid!);
      expect(emulator).toBeDefined();

      parent.kill('SIGKILL');
      for (let i = 0; i < 50 && isRunning(emulator!); i += 1) await sleep(100);

      expect(isRunning(emulator!)).toBe(false);
      expect(await canConnect('127.0.0.1', port)).toBe(false);
    } finally {
      parent.kill('SIGKILL');
    }
  });
});
