// @ts-check
/** Calls whose first argument names a module. */
const MODULE_CALLS = new Set(['require.resolve', 'jest.mock', 'jest.doMock', 'jest.requireActual']);

/**
 * Calls `check(specifier, node)` for every module specifier a file names: static imports, re-exports,
 * dynamic `import()`, `require()` and `jest.mock()`-style calls with a literal first argument.
 *
 * @example
 * create: (context) => importSources((specifier, node) => { ... })
 * @param {(specifier: string, node: import('estree').Node) => void} check
 */
function importSources(check) {
  /** @param {any} source */
  const visit = (source) => {
    if (source && source.type === 'Literal' && typeof source.value === 'string') check(source.value, source);
  };
  return {
    /** @param {any} node */
    ImportDeclaration: (node) => visit(node.source),
    /** @param {any} node */
    ExportNamedDeclaration: (node) => visit(node.source),
    /** @param {any} node */
    ExportAllDeclaration: (node) => visit(node.source),
    /** @param {any} node */
    ImportExpression: (node) => visit(node.source),
    /** @param {any} node */
    TSImportType: (node) => visit(node.argument?.literal ?? node.argument),
    /** @param {any} node */
    CallExpression: (node) => {
      const callee = node.callee;
      const isRequire = callee.type === 'Identifier' && callee.name === 'require';
      const member =
        callee.type === 'MemberExpression' &&
        callee.object.type === 'Identifier' &&
        callee.property.type === 'Identifier'
          ? `${callee.object.name}.${callee.property.name}`
          : '';
      if (isRequire || MODULE_CALLS.has(member)) visit(node.arguments[0]);
    },
  };
}

module.exports = { importSources };
