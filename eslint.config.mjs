import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      // The rules of the standard are pure: no I/O, no Forge, no clock (time is a parameter).
      'no-restricted-imports': ['error', { patterns: [
        { group: ['@forge/*'], message: 'src/domain is pure: no Forge SDK.' },
        { group: ['fs', 'node:*', 'http', 'https', 'net', 'child_process'], message: 'src/domain is pure: no I/O.' },
        { group: ['../jira/*', '../store/*', '../resolvers/*', '../triggers/*', '../validators/*'], message: 'src/domain must not depend on entry points or I/O layers.' },
      ] }],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'src/domain is pure: no I/O.' }],
      'no-restricted-syntax': ['error', { selector: "MemberExpression[object.name='Date'][property.name='now']", message: 'src/domain takes time as a parameter.' }, { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'src/domain takes time as a parameter.' }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['**/*.cjs', 'jest.config.js'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' } },
  },
);
