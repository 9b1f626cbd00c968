// Builds everything the sandbox serves or runs: the Custom UI (Vite), the sandbox shell, the app's backend
// bundle for the Forge runtime (Node 22, as Forge bundles it) and the sandbox's function-runtime worker.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);
const want = (part) => only.length === 0 || only.includes(part);
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });

if (want('ui')) run(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'static/vite.config.mts', '--logLevel', 'warn']);
if (want('shell')) run(process.execPath, [join(root, 'sandbox/shell/build.mjs')]);
if (want('backend')) {
  await build({ entryPoints: [join(root, 'src/index.ts')], outfile: join(root, 'dist/backend/index.js'), bundle: true, platform: 'node', target: 'node22', format: 'cjs', sourcemap: 'linked', logLevel: 'warning' });
  await build({ entryPoints: [join(root, 'sandbox/forge/runtime-worker.ts')], outfile: join(root, 'dist/sandbox/runtime-worker.js'), bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' });
}
