import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The rules live once, in src/domain, pure and deterministic (ARCHITECTURE.md): no Forge SDK, no I/O, no clock.
 * ESLint enforces the same (eslint.config.mjs); this test makes the rule visible in the test report.
 */
const DOMAIN = resolve(__dirname, '../../../src/domain');
const PURE_PACKAGES = new Set(['zod', 'date-fns', '@date-fns/tz']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const full = join(dir, n);
    return statSync(full).isDirectory() ? files(full) : /\.tsx?$/.test(n) ? [full] : [];
  });
}

describe('src/domain is pure', () => {
  const sources = files(DOMAIN).map((f) => ({ file: relative(DOMAIN, f), text: readFileSync(f, 'utf8') }));

  it('has sources to check', () => expect(sources.length).toBeGreaterThan(0));

  it.each(sources.map((s) => [s.file, s.text]))('%s imports only domain code and pure libraries', (file, text) => {
    const specifiers = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
    for (const spec of specifiers) {
      if (spec.startsWith('.')) expect(resolve(dirname(join(DOMAIN, file)), spec).startsWith(DOMAIN)).toBe(true);
      else expect(PURE_PACKAGES.has(spec)).toBe(true);
    }
  });

  it.each(sources.map((s) => [s.file, s.text]))('%s reads no clock and does no I/O', (_file, text) => {
    const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(code).not.toMatch(/\bDate\.now\s*\(|new Date\(\s*\)|\bfetch\s*\(|\bprocess\.(?:env|argv|exit|stdout|stderr|cwd|hrtime)\b|\bMath\.random\s*\(/);
  });
});
