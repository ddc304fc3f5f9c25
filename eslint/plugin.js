// @ts-check
/**
 * The repo's own ESLint rules, guarding the boundaries of DESIGN.md: `mesh/no-deep-import`, `mesh/layering`
 * (from the table in eslint/layering.js) and `mesh/no-domain-names`.
 */
module.exports = {
  meta: { name: 'mesh' },
  rules: {
    'no-deep-import': require('./rules/noDeepImport'),
    layering: require('./rules/layering'),
    'no-domain-names': require('./rules/noDomainNames'),
  },
};
