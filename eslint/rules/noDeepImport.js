// @ts-check
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { workspaces, workspaceOf } = require('../workspaces');
const { importSources } = require('./importSources');

/**
 * `mesh/no-deep-import`: a workspace's `index.ts` is its whole API, with the entry points its package.json
 * `exports` declares (`@mesh/contracts/tools`). Fails any other `@mesh/<pkg>/<anything>` and a
 * relative path that climbs out of the importing file's workspace into another one (or into one from a root
 * script), e.g. `../../packages/x/src/y` or `../../../offline/src/y`.
 *
 * Two exceptions, both for code that is not a package's API:
 * - the root bench/ runs the packages' own micro-benchmarks, which no package exports (that would drag
 *   benchmark code into its API), so bench/ may import `packages/<pkg>/bench/*`;
 * - the root scripts/ are the thin `npm run` wrappers over the private e2e/ and bench/ workspaces, which
 *   have no index of their own, so a root file may import their sources.
 */
/** @type {import('eslint').Rule.RuleModule} */
module.exports = {
  meta: {
    type: 'problem',
    docs: { description: "forbid importing another workspace's internals: import its package name" },
    schema: [],
    messages: {
      deepPackage: "'{{specifier}}' reaches into {{pkg}}'s internals: import '{{pkg}}' (its index.ts is its API)",
      climbs: "'{{specifier}}' climbs into another workspace ({{target}}): import '{{name}}' instead",
    },
  },
  create(context) {
    const all = workspaces();
    const file = context.filename;
    const own = workspaceOf(file, all);
    const byName = new Map(all.map((w) => [w.name, w]));
    /** @param {string} pkg @param {string} subpath */
    const exported = (pkg, subpath) => {
      const target = byName.get(pkg);
      if (!target) return false;
      const { exports } = JSON.parse(readFileSync(path.join(target.dir, 'package.json'), 'utf8'));
      return typeof exports === 'object' && exports !== null && `./${subpath}` in exports;
    };
    return importSources((specifier, node) => {
      const deep = /^(@mesh\/[^/]+)\/(.+)/.exec(specifier);
      if (deep && !exported(deep[1] ?? '', deep[2] ?? '')) {
        context.report({ node, messageId: 'deepPackage', data: { specifier, pkg: deep[1] ?? '' } });
        return;
      }
      if (deep || !specifier.startsWith('.')) return;
      const resolved = path.resolve(path.dirname(file), specifier);
      const target = workspaceOf(resolved, all);
      if (!target || target === own) return;
      const benchException =
        own?.id === 'bench' &&
        target.kind === 'package' &&
        path.relative(target.dir, resolved).split(path.sep)[0] === 'bench';
      const rootWrapper = !own && target.kind === 'top';
      if (benchException || rootWrapper) return;
      context.report({
        node,
        messageId: 'climbs',
        data: { specifier, target: path.relative(path.dirname(target.dir), target.dir), name: target.name },
      });
    });
  },
};
