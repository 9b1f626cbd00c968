/**
 * `npm start`: the local Jira Cloud site with the app installed. Options:
 *   --port N (or PORT, default 8080)   --host H (default 127.0.0.1)   --data DIR (or SANDBOX_DATA, default .sandbox)
 *   --reset (reseed the demo data)     SANDBOX_NOW=ISO (start the sandbox clock there)
 *   --seed demo|plain (what to seed: the demo service provider, default, or a plain Jira site for the setup wizard)
 *   SANDBOX_EVENTS=duplicate,reorder (deliver every event twice / out of order)
 */
import { resolve } from 'node:path';
import { SEED_KINDS, startSandbox, type SeedKind } from './server';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const root = resolve(__dirname, '..');
  const port = Number(arg('port') ?? process.env.PORT ?? 8080);
  const seedArg = arg('seed');
  if (seedArg !== undefined && !(SEED_KINDS as readonly string[]).includes(seedArg)) throw new Error(`--seed must be one of ${SEED_KINDS.join(', ')}, not '${seedArg}'.`);
  const sandbox = await startSandbox({
    projectRoot: root,
    dataDir: resolve(arg('data') ?? process.env.SANDBOX_DATA ?? resolve(root, '.sandbox')),
    host: arg('host') ?? '127.0.0.1',
    port,
    reset: process.argv.includes('--reset'),
    startAt: process.env.SANDBOX_NOW,
    seed: seedArg as SeedKind | undefined,
  });
  const users = sandbox.site.rows.users().filter((u) => u.account_type !== 'app');
  process.stdout.write([
    '',
    `Jira Cloud sandbox with the Service Delivery (29110) app: ${sandbox.url}`,
    `Sandbox clock: ${new Date(sandbox.clock.now()).toISOString()}   Data: ${resolve(arg('data') ?? process.env.SANDBOX_DATA ?? '.sandbox')}`,
    'Demo accounts (HTTP Basic email:token for the REST API; pick one in the page header):',
    ...users.map((u) => `  ${u.display_name.padEnd(16)} ${(u.title).padEnd(40)} ${u.email ?? ''}  ${u.api_token ?? ''}`),
    '',
  ].join('\n') + '\n');
  const stop = async (): Promise<void> => { await sandbox.close(); process.exit(0); };
  process.on('SIGINT', () => { void stop(); });
  process.on('SIGTERM', () => { void stop(); });
}

main().catch((e: unknown) => {
  process.stderr.write(`The sandbox did not start: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
