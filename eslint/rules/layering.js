// @ts-check
const { allowedImports } = require('../layering');
const { isDevFile, workspaces, workspaceOf } = require('../workspaces');
const { importSources } = require('./importSources');

/**
 * `mesh/layering`: imports of our own workspaces point down the layering table (eslint/layering.js).
 * A workspace's shipped code may import what `uses` lists; its tests, benches and dev scripts also what
 * `testsUse` lists. Root files (scripts/, configs) are wrappers over everything and are not checked.
 */
/** @type {import('eslint').Rule.RuleModule} */
module.exports = {
  meta: {
    type: 'problem',
    docs: { description: 'imports of workspaces point down the layering (eslint/layering.js)' },
    schema: [],
    messages: {
      against:
        "{{from}} {{where}} may not import '{{name}}' ({{to}}): the layering (eslint/layering.js) allows {{allowed}}",
      unknown: "{{from}} is not in the layering table (eslint/layering.js): add it before it imports '{{name}}'",
    },
  },
  create(context) {
    const all = workspaces();
    const byName = new Map(all.map((w) => [w.name, w]));
    const own = workspaceOf(context.filename, all);
    if (!own) return {};
    const dev = isDevFile(context.filename, own);
    const allowed = allowedImports(own.id, dev);
    return importSources((specifier, node) => {
      const name = /^@mesh\/[^/]+/.exec(specifier)?.[0];
      const target = name ? byName.get(name) : undefined;
      if (!name || !target || target === own) return;
      if (!allowed) {
        context.report({ node, messageId: 'unknown', data: { from: own.id, name } });
        return;
      }
      if (allowed.includes('*') || allowed.includes(target.id)) return;
      context.report({
        node,
        messageId: 'against',
        data: {
          from: own.id,
          where: dev ? 'tests' : 'code',
          name,
          to: target.id,
          allowed: allowed.length ? allowed.join(', ') : 'none of ours',
        },
      });
    });
  },
};
