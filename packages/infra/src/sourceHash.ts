import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Folders that are build output or installed code, never a service's sources. */
const SKIPPED_DIRS = new Set(['node_modules', '.serverless', '.esbuild', '.build', '.mesh', 'coverage', 'tests']);

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.serverless')) {
        files.push(...filesUnder(path.join(dir, entry.name)));
      }
    } else if (entry.isFile()) {
      files.push(path.join(dir, entry.name));
    }
  }
  return files.sort();
}

interface WorkspacePackage {
  dir: string;
  dependencies: string[];
}

function workspacePackages(rootDir: string): Map<string, WorkspacePackage> {
  const found = new Map<string, WorkspacePackage>();
  for (const group of ['packages', 'services']) {
    const groupDir = path.join(rootDir, group);
    if (!existsSync(groupDir)) continue;
    for (const name of readdirSync(groupDir)) {
      const manifest = path.join(groupDir, name, 'package.json');
      if (!existsSync(manifest)) continue;
      const json = JSON.parse(readFileSync(manifest, 'utf8')) as {
        name?: string;
        dependencies?: Record<string, string>;
      };
      if (json.name) {
        found.set(json.name, { dir: path.dirname(manifest), dependencies: Object.keys(json.dependencies ?? {}) });
      }
    }
  }
  return found;
}

/** The workspace packages a service depends on, directly or not (their sources shape its bundle and template). */
function workspaceDependencies(rootDir: string, serviceDir: string): string[] {
  const packages = workspacePackages(rootDir);
  const manifest = path.join(serviceDir, 'package.json');
  const direct = existsSync(manifest)
    ? Object.keys((JSON.parse(readFileSync(manifest, 'utf8')) as { dependencies?: object }).dependencies ?? {})
    : [];
  const seen = new Set<string>();
  const queue = [...direct];
  while (queue.length > 0) {
    const name = queue.pop()!;
    const found = packages.get(name);
    if (!found || seen.has(found.dir)) continue;
    seen.add(found.dir);
    queue.push(...found.dependencies);
  }
  return [...seen].sort();
}

/**
 * A hash of everything that shapes a service's packaged CloudFormation: its own files (config and
 * sources, not tests or build output), the sources of the workspace packages it depends on, the lockfile
 * (tool and library versions), and `extra` (stage, region, params). Equal hashes mean `serverless package`
 * would write the same template, so a cached one can be used.
 *
 * @example
 * const key = hashServiceSources('/work/main', '/work/main/services/loans', { stage: 'dev' });
 */
export function hashServiceSources(rootDir: string, serviceDir: string, extra: unknown): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(extra));
  const lockfile = path.join(rootDir, 'package-lock.json');
  const files = [
    ...filesUnder(serviceDir),
    ...workspaceDependencies(rootDir, serviceDir).flatMap((dir) => [
      ...filesUnder(path.join(dir, 'src')),
      path.join(dir, 'package.json'),
    ]),
    ...(existsSync(lockfile) ? [lockfile] : []),
  ];
  for (const file of files) {
    if (!statSync(file, { throwIfNoEntry: false })?.isFile()) continue;
    hash.update(`\0${path.relative(rootDir, file)}\0`);
    hash.update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}
