#!/usr/bin/env node
// Committed wrapper so the bin link exists before the first build. The code is dist/bundle/main.js,
// built by `pnpm build` (tsc, then scripts/bundle.ts): one file to load instead of ~150 modules.
import module from 'node:module';

// Cache compiled code (and type-stripped .ts migrations) between runs: start-up time matters for
// scripts that call gao-db often. Failing to enable the cache only costs speed.
try {
  module.enableCompileCache?.();
} catch {}

const { main } = await import('../dist/bundle/main.js');
process.exitCode = await main(process.argv.slice(2));
