// @ts-check
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const mesh = require('./eslint/plugin');
const { domainVocabulary } = require('./eslint/domainVocabulary');
const baseline = require('./eslint/baseline');

/** Every zod entry point but the two runtime code may import: zod/mini, and its English messages (zod/locales). */
const RUNTIME_ZOD = {
  regex: '^zod(?!/mini$|/locales$)(/.*)?$',
  message: "runtime code imports `* as z from 'zod/mini'`: the full zod adds ~70 KB to every Lambda bundle",
};

module.exports = tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/.serverless/**',
      '**/.esbuild/**',
      '**/coverage/**',
      '**/.mesh/**',
      '**/dist/**',
      'docs/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      // `import { z } from 'zod'` (or 'zod/mini') binds zod's whole namespace object into each Lambda bundle,
      // which esbuild cannot tree-shake; `import * as z from 'zod/mini'` lets it keep only what is used
      // (bench: bundles).
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "ImportDeclaration[source.value=/^zod(\\/mini)?$/][importKind!='type'] > ImportSpecifier[imported.name='z']",
          message: "use `import * as z from 'zod/mini'`: the named import bundles all of zod",
        },
      ],
    },
  },
  {
    // Runtime code (what a Lambda bundles) validates with zod/mini, ~25 KB in a bundle where the full zod is
    // ~95 KB (issue 7). Tests, scripts and benches may use the full zod: nothing bundles them.
    files: ['packages/*/src/**/*.ts', 'services/*/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [RUNTIME_ZOD],
          // @mesh/dynamo sets dynamoose up once (no logger lookup on every DynamoDB call).
          paths: [{ name: 'dynamoose', message: "import { dynamoose } from '@mesh/dynamo'", allowTypeImports: true }],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "ImportDeclaration[source.value='zod/mini'][importKind!='type'] > :matches(ImportSpecifier[importKind!='type'], ImportDefaultSpecifier)",
          message: "import zod/mini as a namespace: `import * as z from 'zod/mini'`",
        },
      ],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        __filename: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Domain code must stay free of AWS: it is pure logic, unit-tested without emulators.
    files: ['services/*/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [RUNTIME_ZOD, { group: ['@aws-sdk/*', '@aws-lambda-powertools/*', 'dynamoose', 'aws-lambda'] }] },
      ],
    },
  },
  {
    // The boundaries of DESIGN.md (eslint/plugin.js): a workspace's index.ts is its API, and imports point
    // down the layering table of eslint/layering.js (the package.json dependencies are held to the same table
    // by eslint/tests/dependencyGraph.test.ts).
    files: ['**/*.{ts,js,cjs,mjs}'],
    plugins: { mesh },
    rules: { 'mesh/no-deep-import': 'error', 'mesh/layering': 'error' },
  },
  {
    // Generic packages never name the example domain: its event and command names (read from the contracts'
    // registry), services and their routes, SKUs and table key prefixes (eslint/domainVocabulary.js). Only
    // @mesh/contracts holds the domain's vocabulary. Tests count (they use neutral fixture contracts), and so do
    // comments: a doc comment's @example is what a user copies, so it speaks of a neutral domain too.
    files: ['packages/**/*.{ts,js,cjs,mjs}'],
    ignores: ['packages/contracts/**'],
    plugins: { mesh },
    rules: {
      'mesh/no-domain-names': ['error', { ...domainVocabulary(), comments: true, allow: ['SLS_NOTIFICATIONS_MODE'] }],
    },
  },
  // The known violations of the boundary rules, being worked off (eslint/baseline.js).
  ...Object.entries(baseline)
    .filter(([, files]) => files.length > 0)
    .map(([rule, files]) => ({ files, rules: { [rule]: 'off' } })),
);
