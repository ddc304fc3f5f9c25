// @ts-check
const { readdirSync, readFileSync, existsSync } = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');

/**
 * @typedef {{ id: string, dir: string, name: string, kind: 'package' | 'service' | 'top' }} Workspace
 * `id` is how the layering table names it: `bus` for packages/bus, `services/orders`, `e2e`, `bench`.
 */

/**
 * Every npm workspace of the repo, read from the root package.json's `workspaces` globs (`dir/*` or a
 * plain dir), so a service `npm run new` writes is known without an edit here.
 *
 * @example
 * workspaces().find((w) => w.name === '@mesh/bus'); // { id: 'bus', dir: '/…/packages/bus', … }
 * @returns {Workspace[]}
 */
function workspaces(root = ROOT) {
  const globs = /** @type {string[]} */ (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).workspaces);
  /** @type {Workspace[]} */
  const found = [];
  for (const glob of globs) {
    const dirs = glob.endsWith('/*')
      ? readdirSync(path.join(root, glob.slice(0, -2)), { withFileTypes: true })
          .filter((entry) => entry.isDirectory())
          .map((entry) => path.join(glob.slice(0, -2), entry.name))
      : [glob];
    for (const rel of dirs) {
      const manifest = path.join(root, rel, 'package.json');
      if (!existsSync(manifest)) continue;
      const { name } = JSON.parse(readFileSync(manifest, 'utf8'));
      const [top, sub] = rel.split('/');
      const kind = top === 'packages' ? 'package' : top === 'services' ? 'service' : 'top';
      found.push({ id: kind === 'package' ? /** @type {string} */ (sub) : rel, dir: path.join(root, rel), name, kind });
    }
  }
  return found;
}

/**
 * The workspace a file belongs to (the deepest workspace dir holding it), or undefined for root files
 * (scripts/, configs).
 *
 * @example
 * workspaceOf('/repo/packages/bus/src/index.ts', workspaces())?.id; // 'bus'
 * @param {string} file
 * @param {Workspace[]} all
 */
function workspaceOf(file, all) {
  let best;
  for (const ws of all) {
    if (file === ws.dir || file.startsWith(ws.dir + path.sep)) {
      if (!best || ws.dir.length > best.dir.length) best = ws;
    }
  }
  return best;
}

/**
 * Whether a file of a workspace is development code (its tests, micro-benchmarks or dev scripts), which may
 * use more than the code that ships: `testsUse` in the layering table.
 *
 * @example
 * isDevFile('/repo/packages/offline/tests/unit/x.test.ts', offline); // true
 * @param {string} file
 * @param {Workspace} ws
 */
function isDevFile(file, ws) {
  const [first] = path.relative(ws.dir, file).split(path.sep);
  return first === 'tests' || first === 'bench' || first === 'scripts';
}

module.exports = { ROOT, workspaces, workspaceOf, isDevFile };
