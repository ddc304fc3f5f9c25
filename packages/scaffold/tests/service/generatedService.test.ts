import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { CliIo } from '@mesh/cli';
import { runNewCli } from '../../src';

const exec = promisify(execFile);
const REPO = path.resolve(__dirname, '../../../..');
const SERVICE = 'parcel-desk';
const BUILD_OUTPUT = /\/(node_modules|\.serverless|\.esbuild|\.mesh)(\/|$)/;

/** Runs a command in `cwd`; resolves with its exit code and output (never rejects on a non-zero exit). */
async function sh(cwd: string, command: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await exec(command, args, { cwd, maxBuffer: 64 * 1024 * 1024, timeout: 400_000 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const { code, stdout = '', stderr = '' } = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof code === 'number' ? code : 1, output: stdout + stderr };
  }
}

/**
 * A temporary directory wired as this repository: its root files, scripts, docs and services copied;
 * `packages/`, `eslint/` (the boundary rules), `e2e/` (jest's config names its shared-mesh setup) and
 * `node_modules/` linked to the checkout's, read only (no npm command that installs runs here).
 */
function wiredRepo(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'scaffold-repo-'));
  for (const file of readdirSync(REPO)) {
    if (/\.(json|js|yml)$|^\.prettier/.test(file)) cpSync(path.join(REPO, file), path.join(root, file));
  }
  cpSync(path.join(REPO, 'scripts'), path.join(root, 'scripts'), { recursive: true });
  cpSync(path.join(REPO, 'docs'), path.join(root, 'docs'), { recursive: true });
  cpSync(path.join(REPO, 'services'), path.join(root, 'services'), {
    recursive: true,
    filter: (source) => !BUILD_OUTPUT.test(source),
  });
  symlinkSync(path.join(REPO, 'packages'), path.join(root, 'packages'));
  symlinkSync(path.join(REPO, 'eslint'), path.join(root, 'eslint'));
  symlinkSync(path.join(REPO, 'e2e'), path.join(root, 'e2e'));
  symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'));
  return root;
}

/** Only the workspaces' manifests and the lockfile of `root`: where npm may rewrite the lockfile safely. */
function manifestsOnly(root: string): string {
  const copy = mkdtempSync(path.join(tmpdir(), 'scaffold-lock-'));
  for (const file of ['package.json', 'package-lock.json']) cpSync(path.join(root, file), path.join(copy, file));
  const workspaces = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).workspaces as string[];
  for (const pattern of workspaces) {
    const dirs = pattern.endsWith('/*')
      ? readdirSync(path.join(root, pattern.slice(0, -2))).map((d) => `${pattern.slice(0, -2)}/${d}`)
      : [pattern];
    for (const dir of dirs) {
      const manifest = path.join(root, dir, 'package.json');
      try {
        const text = readFileSync(manifest, 'utf8');
        mkdirSync(path.join(copy, dir), { recursive: true });
        writeFileSync(path.join(copy, dir, 'package.json'), text);
      } catch {
        // Not a workspace (no package.json): npm skips it too.
      }
    }
  }
  return copy;
}

describe('a service as npm run new -- service writes it, in a copy of the repository', () => {
  let root: string;
  let lockCopy: string | undefined;
  const printed: string[] = [];
  const io: CliIo = {
    out: { write: (text: string) => printed.push(text) },
    err: { write: (text: string) => printed.push(text) },
    env: {},
  };
  let checkoutBefore: string;

  beforeAll(async () => {
    checkoutBefore = (await sh(REPO, 'git', 'status', '--porcelain')).output;
    root = wiredRepo();
    // npm install is left to the lockfile test below: here node_modules is the checkout's own.
    const code = await runNewCli(['service', SERVICE, '--no-install'], io, { root });
    if (code !== 0) throw new Error(`npm run new exited ${code}:\n${printed.join('')}`);
  }, 120_000);

  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
    if (lockCopy) rmSync(lockCopy, { recursive: true, force: true });
  });

  it('is picked up by serverless-compose.yml and the event map, which is fresh', async () => {
    expect(readFileSync(path.join(root, 'serverless-compose.yml'), 'utf8')).toContain(
      `  ${SERVICE}:\n    path: services/${SERVICE}\n`,
    );
    expect(readFileSync(path.join(root, 'docs/event-map.mmd'), 'utf8')).toContain(`${SERVICE}[${SERVICE}]`);
    expect(await sh(root, 'npm', 'run', '--silent', 'event-map', '--', '--check')).toMatchObject({ code: 0 });
  });

  it('is in the event catalog, as a subscriber of the event it observes, and the catalog is fresh', async () => {
    expect(readFileSync(path.join(root, 'docs/catalog/index.html'), 'utf8')).toContain(SERVICE);
    expect(await sh(root, 'npm', 'run', '--silent', 'catalog', '--', '--check')).toMatchObject({ code: 0 });
  });

  it("has a README whose facts npm run readmes rendered from the service's code", async () => {
    const readme = readFileSync(path.join(root, `services/${SERVICE}/README.md`), 'utf8');
    expect(readme).toContain('- **Owns:** DynamoDB table `parcel-desk-${sls:stage}` (ParcelDeskTable)');
    expect(readme).toMatch(/- \*\*Observes:\*\* `[a-z-]+-events`: [A-Za-z]+ \(from [a-z-]+\)/);
    expect(await sh(root, 'npm', 'run', '--silent', 'readmes', '--', '--check')).toMatchObject({ code: 0 });
  });

  it('typechecks and passes lint and Prettier as generated', async () => {
    writeFileSync(
      path.join(root, 'tsconfig.generated.json'),
      JSON.stringify({ extends: './tsconfig.base.json', include: [`services/${SERVICE}`] }),
    );
    const dir = `services/${SERVICE}`;
    expect(await sh(root, 'node_modules/.bin/tsc', '-p', 'tsconfig.generated.json')).toEqual({ code: 0, output: '' });
    expect(await sh(root, 'node_modules/.bin/eslint', '--max-warnings', '0', dir)).toEqual({ code: 0, output: '' });
    const prettier = await sh(root, 'node_modules/.bin/prettier', '--check', dir, 'serverless-compose.yml');
    expect(prettier.code).toBe(0);
  }, 400_000);

  it("passes its own tests, found by the repository's jest globs", async () => {
    // One worker: the outer jest already runs beside others on a 2-core machine.
    const jest = await sh(root, 'node_modules/.bin/jest', '--ci', '--runInBand', `services/${SERVICE}/`);
    expect(jest.output).toMatch(/Tests:\s+8 passed, 8 total/);
    expect(jest.output).toContain(`unit services/${SERVICE}/tests/unit/`);
    expect(jest.output).toContain(`service services/${SERVICE}/tests/template/package.test.ts`);
    expect(jest.code).toBe(0);
  }, 400_000);

  it('needs npm install once, offline, after which npm ci accepts the lockfile', async () => {
    lockCopy = manifestsOnly(root);
    const npm = (...args: string[]) =>
      sh(lockCopy!, 'npm', ...args, '--offline', '--ignore-scripts', '--no-audit', '--no-fund');
    expect((await npm('ci', '--dry-run')).code).not.toBe(0);
    expect((await npm('install', '--package-lock-only')).code).toBe(0);
    expect(await npm('ci', '--dry-run')).toMatchObject({ code: 0 });
    const lock = JSON.parse(readFileSync(path.join(lockCopy, 'package-lock.json'), 'utf8'));
    expect(lock.packages[`services/${SERVICE}`]).toMatchObject({ name: `@mesh/${SERVICE}` });
  }, 200_000);

  it('leaves nothing in the checkout', async () => {
    expect((await sh(REPO, 'git', 'status', '--porcelain')).output).toBe(checkoutBefore);
  });
});
