/**
 * The one shape of ADR 011, checked so it stays true: Jira calls only in src/jira, Forge storage only in src/store,
 * resolver functions only through the surface registry, the UI only through the contract; every module key once,
 * matching manifest.yml; every function of the contract declared with who may call it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { FUNCTIONS } from '../../src/contract/functions';
import { MODULE_KEYS, UI_MODULE_KEYS } from '../../src/contract/modules';

const ROOT = resolve(__dirname, '..', '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? files(full) : /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

const OUTSIDE: Array<[string, string, string]> = [
  ['src/resolvers/new-surface.ts', "import api from '@forge/api';\nexport const x = api;\n", 'src/jira'],
  ['src/incidents/new-use-case.ts', "import { route } from '@forge/api';\nexport const x = route;\n", 'src/jira'],
  ['src/resolvers/new-surface.ts', "import { kvs } from '@forge/kvs';\nexport const x = kvs;\n", 'src/store'],
  ['src/jira/new-operation.ts', "import { kvs } from '@forge/kvs';\nexport const x = kvs;\n", 'src/store'],
  ['src/triggers/new-trigger.ts', "import { kvs } from '@forge/kvs';\nexport const x = kvs;\n", 'src/store'],
  ['src/store/new-store.ts', "import api from '@forge/api';\nexport const x = api;\n", 'src/jira'],
  ['src/resolvers/new-surface.ts', "import Resolver from '@forge/resolver';\nexport const x = Resolver;\n", 'surface.ts'],
  ['src/domain/new-rule.ts', "import { kvs } from '@forge/kvs';\nexport const x = kvs;\n", 'no Forge SDK'],
  ['static/src/NewPart.tsx', "import { incidentReport } from '../../src/domain/incident/report';\nexport const x = incidentReport;\n", '@contract'],
  ['sandbox/seed/new-seed.ts', "import { versionKey } from '../../src/store/work-product-store';\nexport const x = versionKey;\n", 'src/store/seed'],
];
const INSIDE: Array<[string, string]> = [
  ['src/jira/new-operation.ts', "import api from '@forge/api';\nexport const x = api;\n"],
  ['src/store/new-store.ts', "import { kvs } from '@forge/kvs';\nexport const x = kvs;\n"],
  ['src/resolvers/surface.ts', "import Resolver from '@forge/resolver';\nexport const x = Resolver;\n"],
  ['static/src/NewPart.tsx', "import type { IncidentSection } from '@contract/incident';\nexport type X = IncidentSection;\n"],
  ['sandbox/seed/new-seed.ts', "import { incidentFactsWrites } from '../../src/store/seed';\nexport const x = incidentFactsWrites;\n"],
];

describe('the layers are enforced by lint', () => {
  let linted: { cases: string[][]; files: string[] };
  beforeAll(() => {
    const input = JSON.stringify({ root: ROOT, cases: [...OUTSIDE, ...INSIDE].map(([path, code]) => ({ path, code })), files: [...files(join(ROOT, 'src')), ...files(join(ROOT, 'static', 'src'))] });
    linted = JSON.parse(execFileSync(process.execPath, [join(ROOT, 'test', 'helpers', 'lint-cases.mjs')], { input, cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }).toString()) as typeof linted;
  }, 120_000);

  it.each(OUTSIDE.map((c, i) => [...c, i] as const))('a Jira, storage or server import outside its layer fails the build: %s', (_path, _code, hint, i) => {
    expect(linted.cases[i]).toEqual([expect.stringContaining(hint)]);
  });

  it.each(INSIDE.map((c, i) => [...c, OUTSIDE.length + i] as const))('and is allowed inside it: %s', (_path, _code, i) => {
    expect(linted.cases[i]).toEqual([]);
  });

  it('the app itself has no such import today (the whole tree lints clean of the rule)', () => {
    expect(linted.files).toEqual([]);
  });
});

describe('every surface is declared once', () => {
  const manifest = parse(readFileSync(join(ROOT, 'manifest.yml'), 'utf8')) as { modules: Record<string, Array<{ key: string; resolver?: { function: string } }>> };
  const declared = Object.values(manifest.modules).flat();

  it('the module keys are the manifest’s, and each UI module has the app’s resolver', () => {
    expect(Object.values(MODULE_KEYS).sort()).toEqual(declared.filter((m) => !('handler' in m) && m.key !== 'resolver' && !['on-issue-event', 'sla-scan', 'validate-transition'].includes(m.key)).map((m) => m.key).sort());
    for (const key of UI_MODULE_KEYS) expect(declared.find((m) => m.key === key)?.resolver?.function).toBe('resolver');
  });

  it('every function of the contract names a UI module, and only the registry defines resolver functions', () => {
    for (const [key, f] of Object.entries(FUNCTIONS)) expect({ key, module: (UI_MODULE_KEYS as readonly string[]).includes(f.module) }).toEqual({ key, module: true });
    const defining = files(join(ROOT, 'src')).filter((f) => /\.define\(/.test(readFileSync(f, 'utf8'))).map((f) => relative(ROOT, f));
    expect(defining).toEqual(['src/resolvers/surface.ts']);
  });

  it('no module key is written as a string outside the contract', () => {
    const keys = Object.values(MODULE_KEYS);
    const offenders = [...files(join(ROOT, 'src')), ...files(join(ROOT, 'static', 'src'))]
      .filter((f) => !f.includes(join('src', 'contract')))
      .filter((f) => keys.some((k) => readFileSync(f, 'utf8').includes(`'${k}'`)))
      .map((f) => relative(ROOT, f));
    expect(offenders).toEqual([]);
  });
});
