import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const FORGE_LAYER = {
  '@forge/api': 'Jira REST is called only through the named operations of src/jira (ADR 011).',
  '@forge/kvs': 'Forge storage is used only through src/store (ADR 011).',
  '@forge/resolver': 'Resolver functions are declared only through src/resolvers/surface.ts (ADR 011).',
  '@forge/*': 'This layer is pure: no Forge SDK.',
};

/** One `no-restricted-imports` rule per layer: the Forge packages it may not import, and path patterns. */
function layer(files, { forge = [], patterns = [] }, extraRules = {}, ignores = []) {
  const forgePatterns = forge.map((name) => ({ group: [name], message: FORGE_LAYER[name] }));
  return [{
    files,
    ...(ignores.length ? { ignores } : {}),
    rules: { 'no-restricted-imports': ['error', { patterns: [...forgePatterns, ...patterns] }], ...extraRules },
  }];
}

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'static/build/**', 'sandbox/shell/build/**', '.sandbox/**', '.forge-runtime/**', 'coverage/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  // The layers (ARCHITECTURE.md, ADR 011): Jira calls only in src/jira, Forge storage only in src/store, the resolver
  // SDK only in the surface registry, the UI only through the contract. Each file gets one combined rule (a later
  // `no-restricted-imports` would replace an earlier one, not add to it).
  ...layer(['src/domain/**/*.ts'], {
    forge: ['@forge/*'],
    patterns: [
      { group: ['fs', 'node:*', 'http', 'https', 'net', 'child_process'], message: 'src/domain is pure: no I/O.' },
      { group: ['../jira/*', '../store/*', '../resolvers/*', '../triggers/*', '../validators/*', '../incidents/*', '../contract/*', '**/jira/*', '**/store/*'], message: 'src/domain must not depend on entry points or I/O layers.' },
    ],
  }, {
    'no-restricted-globals': ['error', { name: 'fetch', message: 'src/domain is pure: no I/O.' }],
    'no-restricted-syntax': ['error', { selector: "MemberExpression[object.name='Date'][property.name='now']", message: 'src/domain takes time as a parameter.' }, { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'src/domain takes time as a parameter.' }],
  }),
  ...layer(['src/contract/**/*.ts'], {
    forge: ['@forge/*'],
    patterns: [{ group: ['../jira/*', '../store/*', '../resolvers/*', '../triggers/*', '../validators/*', '../incidents/*', '**/jira/*', '**/store/*'], message: 'src/contract is what the UI and the server agree on: types, schemas and pure rules only (ADR 011).' }],
  }),
  ...layer(['src/jira/**/*.ts'], { forge: ['@forge/kvs', '@forge/resolver'] }),
  ...layer(['src/store/**/*.ts'], { forge: ['@forge/api', '@forge/resolver'], patterns: [{ group: ['../jira/*', '../resolvers/*', '../incidents/*', '../triggers/*'], message: 'src/store keeps app storage only; it calls no Jira and no entry point.' }] }),
  ...layer(['src/resolvers/**/*.ts'], { forge: ['@forge/api', '@forge/kvs', '@forge/resolver'] }, {}, ['src/resolvers/surface.ts']),
  ...layer(['src/resolvers/surface.ts'], { forge: ['@forge/api', '@forge/kvs'] }),
  // Use cases take the clock from their entry point (ADR 011): only triggers, validators and the resolver read it.
  ...layer(['src/incidents/**/*.ts', 'src/admin/**/*.ts', 'src/overview/**/*.ts'], { forge: ['@forge/api', '@forge/kvs', '@forge/resolver'] }, {
    'no-restricted-syntax': ['error', { selector: "MemberExpression[object.name='Date'][property.name='now']", message: 'A use case takes the clock from its entry point.' }, { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'A use case takes the clock from its entry point.' }],
  }),
  ...layer(['src/triggers/**/*.ts', 'src/validators/**/*.ts', 'src/index.ts'], { forge: ['@forge/api', '@forge/kvs', '@forge/resolver'] }),
  ...layer(['static/src/**/*.ts', 'static/src/**/*.tsx'], {
    forge: ['@forge/api', '@forge/kvs', '@forge/resolver'],
    patterns: [{ group: ['**/src/**', '!@contract/*'], message: 'static/ imports the server only through the UI↔server contract: @contract/* (src/contract, ADR 011).' }],
  }),
  ...layer(['sandbox/**/*.ts'], {
    patterns: [{ group: ['**/src/store/*', '!**/src/store/seed'], message: 'The sandbox seeds app storage through src/store/seed only (the store\'s layout stays inside src/store).' }],
  }, {}, ['sandbox/shell/**']),
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['**/*.cjs', 'jest.config.js'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' } },
  },
);
