#!/usr/bin/env node
// Size check for the Custom UI build (static/build).
//
// Reports the gzip size of the JS each surface needs for its first render:
// the entry script(s) referenced by index.html, plus the surface's lazy chunk,
// plus every chunk they import statically (transitively), as recorded in
// Vite's .vite/manifest.json. Dynamic imports (other surfaces, the error
// message, the token theme) are not part of a first render and are listed
// separately for information.
//
// Usage: node scripts/ui-size.mjs [buildDir] [--strict]
//   --strict  exit 1 when the issue panel exceeds its budget (default: exit 0).

import { readFileSync, existsSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants } from 'node:zlib';

const BUDGET_KB = 150; // issue panel initial JS, gzip
const KB = 1000; // kB as Vite reports them

const args = process.argv.slice(2);
const strict = args.includes('--strict');
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const buildDir = resolve(args.find((a) => !a.startsWith('--')) ?? join(repoRoot, 'static', 'build'));

const SURFACES = [
  { name: 'issue panel (sd-issue-panel)', src: 'src/surfaces/IssuePanel.tsx', budgetKb: BUDGET_KB },
  { name: 'admin page (sd-admin-page)', src: 'src/surfaces/AdminPage.tsx' },
  { name: 'project page (sd-project-page)', src: 'src/surfaces/ProjectPage.tsx' },
];
const EXTRAS = [
  { name: 'error message (on demand)', src: 'src/components/ErrorMessage.tsx' },
  { name: 'change part of the issue panel (service change requests only)', src: 'src/change/ChangePart.tsx' },
  { name: 'agreement part of the issue panel (customer and supplier agreements only)', src: 'src/agreement/AgreementPart.tsx' },
  { name: 'theme code (async, awaited ≤1.5 s)', src: 'src/theme.ts' },
];
// Token CSS that setGlobalTheme loads for a light / dark user (async chunks).
const THEME_CSS = {
  light: ['atlassian-light', 'atlassian-spacing', 'atlassian-typography', 'atlassian-shape', 'atlassian-motion'],
  dark: ['atlassian-dark', 'atlassian-spacing', 'atlassian-typography', 'atlassian-shape', 'atlassian-motion'],
};

function fail(message) {
  console.error(`ui-size: ${message}`);
  process.exit(strict ? 1 : 0);
}

const htmlPath = join(buildDir, 'index.html');
const manifestPath = join(buildDir, '.vite', 'manifest.json');
if (!existsSync(htmlPath) || !existsSync(manifestPath)) {
  fail(`no build at ${buildDir} (run: npx vite build --config static/vite.config.ts)`);
}

const html = readFileSync(htmlPath, 'utf8');
/** @type {Record<string, {file: string, src?: string, isEntry?: boolean, imports?: string[], dynamicImports?: string[], css?: string[]}>} */
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));

// --- What index.html loads up front -------------------------------------------
const attr = (tag, name) => {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return m ? (m[2] ?? m[3] ?? m[4]) : undefined;
};
const normalise = (url) => url.replace(/^\.\//, '').replace(/^\//, '').split(/[?#]/)[0];
const htmlScripts = [];
const htmlPreloads = [];
const htmlCss = [];
for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
  const src = attr(tag, 'src');
  if (src && /type\s*=\s*["']?module/i.test(tag)) htmlScripts.push(normalise(src));
}
for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
  const rel = (attr(tag, 'rel') ?? '').toLowerCase();
  const href = attr(tag, 'href');
  if (!href) continue;
  if (rel === 'modulepreload') htmlPreloads.push(normalise(href));
  if (rel === 'stylesheet') htmlCss.push(normalise(href));
}
if (htmlScripts.length === 0) fail('index.html has no <script type="module" src>');

// --- Manifest graph ---------------------------------------------------------------
const byFile = new Map(Object.entries(manifest).map(([key, chunk]) => [chunk.file, key]));
const keyOfSrc = (src) => Object.keys(manifest).find((k) => k === src || manifest[k].src === src);

/** Static closure (JS files and CSS files) of the given manifest keys. */
function closure(keys) {
  const seen = new Set();
  const js = new Set();
  const css = new Set();
  const visit = (key) => {
    if (!key || seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) return;
    if (chunk.file.endsWith('.js')) js.add(chunk.file);
    for (const c of chunk.css ?? []) css.add(c);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  keys.forEach(visit);
  return { js, css };
}

const entryKeys = [...htmlScripts, ...htmlPreloads].map((f) => byFile.get(f)).filter(Boolean);
if (entryKeys.length === 0) {
  const key = Object.keys(manifest).find((k) => manifest[k].isEntry);
  if (key) entryKeys.push(key);
}
const entry = closure(entryKeys);
for (const f of [...htmlScripts, ...htmlPreloads]) if (f.endsWith('.js')) entry.js.add(f);
for (const f of htmlCss) entry.css.add(f);

// --- Sizes --------------------------------------------------------------------------
const sizeCache = new Map();
function sizes(file) {
  if (!sizeCache.has(file)) {
    const buf = readFileSync(join(buildDir, file));
    sizeCache.set(file, { raw: buf.length, gzip: gzipSync(buf, { level: constants.Z_DEFAULT_COMPRESSION }).length });
  }
  return sizeCache.get(file);
}
const total = (files) =>
  [...files].reduce((acc, f) => {
    const s = sizes(f);
    return { raw: acc.raw + s.raw, gzip: acc.gzip + s.gzip };
  }, { raw: 0, gzip: 0 });
const kb = (bytes) => (bytes / KB).toFixed(1).padStart(7);

function report(name, js, css, budgetKb) {
  const t = total(js);
  const c = total(css);
  console.log(`\n${name}`);
  for (const f of [...js].sort()) {
    const s = sizes(f);
    console.log(`  ${kb(s.gzip)} kB gz ${kb(s.raw)} kB  ${f}`);
  }
  console.log(`  ${kb(t.gzip)} kB gz ${kb(t.raw)} kB  = JS total (${js.size} files)`);
  if (css.size) console.log(`  ${kb(c.gzip)} kB gz ${kb(c.raw)} kB  + CSS (${css.size} files)`);
  if (budgetKb !== undefined) {
    const ok = t.gzip <= budgetKb * KB;
    console.log(`  budget ${budgetKb} kB gz: ${ok ? 'OK' : 'OVER'} (${(t.gzip / KB).toFixed(1)} kB)`);
  }
  return { gzipKb: t.gzip / KB, ok: budgetKb === undefined || t.gzip <= budgetKb * KB };
}

console.log(`Custom UI size — ${buildDir}`);
console.log(`index.html loads: ${[...htmlScripts, ...htmlPreloads, ...htmlCss].join(', ')}`);

let panel;
for (const surface of SURFACES) {
  const key = keyOfSrc(surface.src);
  if (!key) {
    console.log(`\n${surface.name}: no chunk for ${surface.src} in the manifest`);
    continue;
  }
  const own = closure([key]);
  const js = new Set([...entry.js, ...own.js]);
  const css = new Set([...entry.css, ...own.css]);
  const result = report(`${surface.name} — initial JS`, js, css, surface.budgetKb);
  if (surface.budgetKb !== undefined) panel = result;
}

// Async extras: only what the entry does not already hold.
for (const extra of EXTRAS) {
  const key = keyOfSrc(extra.src);
  if (!key) continue;
  const own = closure([key]);
  const js = new Set([...own.js].filter((f) => !entry.js.has(f)));
  const t = total(js);
  console.log(`\n${extra.name}: +${(t.gzip / KB).toFixed(1)} kB gz JS (${js.size} files beyond the entry)`);
}
for (const [mode, ids] of Object.entries(THEME_CSS)) {
  const files = new Set();
  for (const id of ids) {
    const key = Object.keys(manifest).find((k) => k.endsWith(`/artifacts/themes/${id}.js`));
    if (key) files.add(manifest[key].file);
  }
  const t = total(files);
  console.log(`token theme CSS (${mode}, async): +${(t.gzip / KB).toFixed(1)} kB gz (${files.size} chunks)`);
}

if (panel) {
  console.log(`\nISSUE PANEL INITIAL JS: ${panel.gzipKb.toFixed(1)} kB gzip (budget ${BUDGET_KB} kB) ${panel.ok ? 'OK' : 'OVER BUDGET'}`);
  if (strict && !panel.ok) process.exit(1);
}
