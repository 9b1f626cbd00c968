/**
 * Integration suites start a real sandbox in `beforeAll`: the function runtime, and on the demo seed the app's own
 * setup wizard on SD (sandbox/seed/demo-setup.ts). On a busy machine that takes longer than Jest's 5 s default.
 */
jest.setTimeout(30_000);
