import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { validate, type ManifestSchema } from '@forge/manifest';
import { getClientSideLintersOnly, lint, problemCount } from '@forge/lint';
import type { StatsigService } from '@forge/cli-shared';
import { loadManifest } from '../../sandbox/forge/manifest';
import { findRuntimeNode } from '../../sandbox/forge/runtime-host';
import { PROJECT_ROOT } from './harness';

/**
 * What `forge lint` and `forge deploy` would check, done offline (Forge CLI 13 needs a login for both; see
 * ../shared/research/FORGE-PLATFORM.md §6): schema and semantic validation of manifest.yml, the client-side
 * linters of @forge/lint except the one that downloads Jira's OpenAPI, and bundling the backend for Node 22.
 */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : /\.(ts|tsx|js)$/.test(name) ? [full] : [];
  });
}

describe('offline Forge checks', () => {
  const cwd = process.cwd();
  beforeAll(() => process.chdir(PROJECT_ROOT));
  afterAll(() => process.chdir(cwd));

  it('manifest.yml validates with @forge/manifest (schema, modules, resources, handlers)', async () => {
    const result = await validate(false, join(PROJECT_ROOT, 'manifest.yml'));
    expect(result.errors ?? []).toEqual([]);
    expect(result.success).toBe(true);
  });

  it('passes the client-side linters of @forge/lint', async () => {
    const validated = await validate(false, join(PROJECT_ROOT, 'manifest.yml'));
    const manifest = validated.manifestObject?.typedContent as ManifestSchema;
    expect(manifest).toBeDefined();
    const logger = { info: () => undefined };
    // Stand-in for the CLI's feature-flag service: nothing is deprecated beyond what the linters know.
    const statsig = { getDeprecatedRuntimes: async () => [] } as unknown as StatsigService;
    const linters = (await getClientSideLintersOnly(manifest, 'development', logger, statsig)).filter((l) => l.constructor.name !== 'PermissionLinter');
    const results = await lint(sourceFiles(join(PROJECT_ROOT, 'src')), manifest, 'development', logger, statsig, { linter: { mode: 'client-side' }, linters });
    const problems = results.flatMap((r) => [...r.errors, ...r.warnings].map((e) => `${r.file}: ${e.message}`));
    expect(problems).toEqual([]);
    expect(problemCount(results)).toMatchObject({ errors: 0, warnings: 0 });
    process.exitCode = 0;
  });

  it('bundles the backend for the Forge runtime, and the bundle exports every handler the manifest names', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'sd-bundle-')), 'index.js');
    const result = await build({ entryPoints: [join(PROJECT_ROOT, 'src/index.ts')], outfile: out, bundle: true, platform: 'node', target: 'node22', format: 'cjs', write: true, logLevel: 'silent' });
    expect(result.errors).toEqual([]);
    const manifest = loadManifest(join(PROJECT_ROOT, 'manifest.yml'));
    const exportsNeeded = [...manifest.functions.values()].map((f) => f.handler.split('.')[1]);
    const node = findRuntimeNode(PROJECT_ROOT).path;
    const printed = execFileSync(node, ['-e', `const m = require(${JSON.stringify(out)}); console.log(JSON.stringify({ node: process.version, exports: Object.keys(m).filter((k) => typeof m[k] === 'function') }))`], { encoding: 'utf8' });
    const loaded = JSON.parse(printed) as { node: string; exports: string[] };
    expect(loaded.exports).toEqual(expect.arrayContaining(exportsNeeded));
    expect(manifest.runtime).toBe('nodejs22.x');
    if (process.env.EXPECT_FORGE_NODE_MAJOR) expect(loaded.node.startsWith(`v${process.env.EXPECT_FORGE_NODE_MAJOR}.`)).toBe(true);
  });
});
