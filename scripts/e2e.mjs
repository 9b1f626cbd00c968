#!/usr/bin/env node
/**
 * Runs the browser tests, optionally in parallel shards (`E2E_SHARDS`, default 1), each against its own pair of fresh
 * sandboxes (demo and plain) on its own ports, so the shards share no Jira site and no app storage. Extra arguments go
 * to every `playwright test`. Exits non-zero when any shard fails. On a 2-core machine two shards contend for the CPU
 * (two sandboxes, two Chromiums) and gained little, with timing-sensitive steps turning flaky; more cores: E2E_SHARDS=2+.
 */
import { spawn } from 'node:child_process';

const shards = Math.max(1, Number(process.env.E2E_SHARDS ?? 1));
const basePort = Number(process.env.E2E_PORT ?? 8799);
const reportBase = process.env.E2E_REPORT_DIR ?? 'playwright-report';
const args = process.argv.slice(2);

function run(index) {
  const shardArgs = shards > 1 ? [`--shard=${index}/${shards}`] : [];
  const env = {
    ...process.env,
    // Each shard: its own demo port and the plain site's port below it.
    E2E_PORT: String(basePort - 2 * (index - 1)),
    E2E_REPORT_DIR: shards > 1 ? `${reportBase}/shard-${index}` : reportBase,
    E2E_OUTPUT_DIR: shards > 1 ? `test-results/shard-${index}` : 'test-results',
  };
  delete env.SANDBOX_E2E_DATA;
  delete env.SANDBOX_E2E_PLAIN_DATA;
  delete env.E2E_PLAIN_BASE_URL;
  return new Promise((resolve) => {
    const child = spawn('npx', ['playwright', 'test', ...shardArgs, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const prefix = shards > 1 ? `[shard ${index}/${shards}] ` : '';
    const pipe = (from, to) => {
      let rest = '';
      from.on('data', (chunk) => {
        const lines = (rest + chunk.toString()).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) to.write(`${prefix}${line}\n`);
      });
      from.on('end', () => { if (rest) to.write(`${prefix}${rest}\n`); });
    };
    pipe(child.stdout, process.stdout);
    pipe(child.stderr, process.stderr);
    child.on('close', (code) => resolve(code ?? 1));
  });
}

const started = Date.now();
const codes = await Promise.all(Array.from({ length: shards }, (_, i) => run(i + 1)));
const failed = codes.filter((c) => c !== 0).length;
console.log(`Browser tests: ${shards} shard${shards > 1 ? 's' : ''}, ${failed ? `${failed} failed` : 'all passed'} in ${Math.round((Date.now() - started) / 1000)} s.`);
process.exit(failed ? 1 : 0);
