// @ts-check
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

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
);
