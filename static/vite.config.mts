import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// Custom UI for the three Forge modules (issue panel, admin page, project page).
// One entry (index.html); each surface is a lazy chunk (see src/routes.tsx), so
// the issue panel only downloads what it renders. `base: './'` because Forge
// serves the resource under an arbitrary path prefix (/forge/resources/main/…).
export default defineConfig({
  root,
  base: './',
  publicDir: 'public', // public/icon.svg -> build/icon.svg (manifest: resource:main;icon.svg)
  // Vite 8 transforms TS/TSX with Oxc; no React plugin needed.
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'react' },
  },
  resolve: {
    // Some Atlaskit packages carry a nested react-dom 18 (npm's peer install); bundling it beside React 19 breaks at
    // run time ("ReactCurrentBatchConfig" of undefined, seen with @atlaskit/textarea in a modal). One React only.
    dedupe: ['react', 'react-dom'],
    alias: [
      // The UI↔server contract (ADR 011): the one part of src/ the UI may import (eslint keeps it so).
      { find: /^@contract\//, replacement: fileURLToPath(new URL('../src/contract/', import.meta.url)) },
      {
        // Statsig client that Atlaskit's fg() falls back to; never initialised in
        // a Forge iframe. See src/shims/feature-gates.ts.
        find: /^@atlaskit\/feature-gate-js-client\/feature-gates$/,
        replacement: fileURLToPath(new URL('./src/shims/feature-gates.ts', import.meta.url)),
      },
    ],
  },
  build: {
    outDir: 'build',
    emptyOutDir: true,
    manifest: true, // .vite/manifest.json, read by scripts/ui-size.mjs
    target: 'es2022',
    sourcemap: false,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
