/** @type {import('jest').Config} */
const tsJest = ['ts-jest', { tsconfig: { isolatedModules: true, module: 'commonjs', moduleResolution: 'node10', ignoreDeprecations: '6.0', esModuleInterop: true, strict: true, target: 'ES2022', types: ['node', 'jest'] }, diagnostics: false }];
/** The UI↔server contract alias of static/ (ADR 011), for tests that import UI modules. */
const contract = { '^@contract/(.*)$': '<rootDir>/src/contract/$1' };
module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/unit'],
      transform: { '^.+\\.tsx?$': tsJest },
      moduleNameMapper: contract,
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      // Each suite starts a real sandbox (function runtime; the demo seed also runs the app's setup wizard on SD).
      setupFilesAfterEnv: ['<rootDir>/test/integration/timeouts.ts'],
      roots: ['<rootDir>/test/integration'],
      transform: { '^.+\\.tsx?$': tsJest },
      moduleNameMapper: contract,
    },
  ],
};
