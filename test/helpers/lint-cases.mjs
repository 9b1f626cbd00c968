// Lints source texts as if they were files at the given paths, with the project's own ESLint config, and prints the
// `no-restricted-imports` messages of each as JSON. Jest's module sandbox cannot load the flat config (it is an ES
// module loaded by dynamic import), so test/unit/shape.test.ts runs this in a child process.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';

const { root, cases, files } = JSON.parse(readFileSync(0, 'utf8'));
const eslint = new ESLint({ cwd: root });
const messagesOf = (result) => (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
const out = { cases: [], files: [] };
for (const c of cases) {
  const [result] = await eslint.lintText(c.code, { filePath: join(root, c.path) });
  out.cases.push(messagesOf(result));
}
if (files.length) for (const r of await eslint.lintFiles(files)) out.files.push(...messagesOf(r).map((m) => `${r.filePath}: ${m}`));
process.stdout.write(JSON.stringify(out));
