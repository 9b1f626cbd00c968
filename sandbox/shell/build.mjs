// Builds the sandbox shell into sandbox/shell/build/:
//   shell.js, bridge-host.js (esbuild IIFE bundles), public/* (index.html, shell.css, …),
//   tokens.css (Atlassian design tokens, used by the shell and by view.theme.enable() in apps).
// Usage: node sandbox/shell/build.mjs [--watch] [--no-minify]
import { cp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const outdir = path.join(here, 'build');
const watch = process.argv.includes('--watch');
const minify = !process.argv.includes('--no-minify');
const require = createRequire(import.meta.url);

async function tokensCss() {
  const themesDir = path.join(path.dirname(require.resolve('@atlaskit/tokens/package.json')), 'dist/cjs/artifacts/themes');
  const parts = ['atlassian-light', 'atlassian-dark', 'atlassian-spacing', 'atlassian-typography', 'atlassian-shape'].map((name) => {
    const css = require(path.join(themesDir, `${name}.js`)).default;
    if (typeof css !== 'string') throw new Error(`@atlaskit/tokens theme ${name} is not a CSS string`);
    return `/* ${name} */\n${css}`;
  });
  return `/* Generated from @atlaskit/tokens by sandbox/shell/build.mjs */\n${parts.join('\n')}\n`;
}

// Files are overwritten in place (no wipe first), so a running sandbox never serves a half-empty
// directory; files no longer produced are removed at the end.
await mkdir(outdir, { recursive: true });
await cp(path.join(here, 'public'), outdir, { recursive: true });
await writeFile(path.join(outdir, 'tokens.css'), await tokensCss());
const produced = new Set([...(await readdir(path.join(here, 'public'))), 'tokens.css']);

/** @type {import('esbuild').BuildOptions} */
const options = {
  entryPoints: {
    shell: path.join(here, 'src/shell.ts'),
    'bridge-host': path.join(here, 'src/bridge-host.ts'),
  },
  outdir,
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  minify,
  sourcemap: 'linked',
  tsconfig: path.join(here, 'tsconfig.json'),
  legalComments: 'none',
  logLevel: 'info',
  metafile: true,
};

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
  console.log('Watching sandbox/shell/src (public/ is copied once; restart to pick up changes there)…');
} else {
  const result = await esbuild.build(options);
  for (const file of Object.keys(result.metafile.outputs)) produced.add(path.basename(file));
  for (const entry of await readdir(outdir)) {
    if (!produced.has(entry)) await rm(path.join(outdir, entry), { recursive: true, force: true });
  }
}
