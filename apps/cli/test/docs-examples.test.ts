import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testdir } from '@gao/tooling/test-utils';
import { describe, expect, it } from 'vitest';
import { validateInvocation } from '../src/cli/validate-invocation.ts';
import { yargsParse } from '../src/cli/yargs-parse.ts';
import { BIN, DEMO_MIGRATIONS, SEED } from './support/spawn-cli.ts';

// Keeps the documentation honest. Every code block in the docs below is one of:
// - ```ts / ```js / ```sql: a part of a real file under examples/ (the library examples, run below,
//   and their migrations, or the demo's), so it compiles and runs;
// - ```sh: every `gao-db ...` line must be a valid command line (parsed and validated by the CLI's
//   own parser); a ```sh run block is also executed, in order, on a fresh copy of the demo;
// - ```json: valid JSON; ```text: output or illustration, not checked.
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const LIBRARY = join(ROOT, 'examples/library');
const DOCS = [
  'README.md',
  'CONTRIBUTING.md',
  'docs/concepts.md',
  'docs/writing-migrations.md',
  'docs/sqlite-recipes.md',
  'docs/rollback.md',
  'docs/backups.md',
  'docs/troubleshooting.md',
  'docs/library.md',
  'docs/reference/cli.md',
];

interface Block {
  readonly lang: string;
  readonly run: boolean;
  readonly code: string;
  readonly line: number;
}

function blocks(markdown: string): Block[] {
  const found: Block[] = [];
  const pattern = /^ *```(\S*)([^\n]*)\n([\s\S]*?)^ *```$/gm;
  for (const match of markdown.matchAll(pattern)) {
    const [, lang = '', info = '', code = ''] = match;
    const line = markdown.slice(0, match.index).split('\n').length;
    found.push({ lang, run: info.trim() === 'run', code, line });
  }
  return found;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const trimLines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
const EXAMPLE_TEXTS = [...filesUnder(LIBRARY), ...filesUnder(DEMO_MIGRATIONS)].map((path) =>
  trimLines(readFileSync(path, 'utf8')),
);

/** The `gao-db` command lines of a shell block, without comments, as argument lists. */
function gaoDbCommands(code: string): string[][] {
  return code
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line.startsWith('gao-db '))
    .map((line) => line.split(/\s+/).slice(1));
}

/** A temporary project whose node_modules holds the workspace packages, with the library examples. */
function libraryProject(): string {
  const dir = testdir();
  cpSync(LIBRARY, dir, { recursive: true });
  mkdirSync(join(dir, 'node_modules/@gao'), { recursive: true });
  symlinkSync(join(ROOT, 'packages/core'), join(dir, 'node_modules/@gao/migrate-core'));
  symlinkSync(join(ROOT, 'packages/sqlite'), join(dir, 'node_modules/@gao/migrate-sqlite'));
  return dir;
}

/** A seeded copy of the demo, and a PATH whose `gao-db` is the built binary. */
function demoCopy(): { dir: string; env: Record<string, string> } {
  const dir = testdir({ 'gao-db.config.json': '{ "database": "demo.db", "migrations": "migrations" }' });
  cpSync(DEMO_MIGRATIONS, join(dir, 'migrations'), { recursive: true });
  const seeded = spawnSync(process.execPath, [SEED, join(dir, 'demo.db')], { encoding: 'utf8' });
  expect(seeded.status, seeded.stderr).toBe(0);
  const bin = join(dir, '.bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'gao-db'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(bin, 'gao-db'), 0o755);
  const path = [bin, dirname(process.execPath), process.env.PATH ?? ''].join(':');
  return { dir, env: { PATH: path, HOME: process.env.HOME ?? '', NO_COLOR: '1' } };
}

describe('the library examples (examples/library) run', () => {
  it.each(['planner.ts', 'startup.ts', 'migrator.ts'])('%s', (file) => {
    const dir = libraryProject();
    const run = spawnSync(process.execPath, [file], { cwd: dir, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    if (file === 'startup.ts') expect(run.stdout).toContain('posts: 2\n');
    if (file === 'migrator.ts') expect(run.stdout).toContain('at version 6; backups: 2\n');
  });
});

describe.each(DOCS)('%s', (doc) => {
  const markdown = readFileSync(join(ROOT, doc), 'utf8');
  const all = blocks(markdown);

  it('has only checked kinds of code blocks', () => {
    const unknown = all.filter((block) => !['ts', 'js', 'sql', 'sh', 'json', 'text'].includes(block.lang));
    expect(unknown.map((block) => `${doc}:${block.line} \`\`\`${block.lang}`)).toEqual([]);
  });

  it('shows code that is part of a real, tested file under examples/', () => {
    const code = all.filter((block) => ['ts', 'js', 'sql'].includes(block.lang));
    const strays = code.filter(
      (block) => !EXAMPLE_TEXTS.some((text) => text.includes(trimLines(block.code))),
    );
    expect(strays.map((block) => `${doc}:${block.line}`)).toEqual([]);
  });

  it('shows JSON that parses', () => {
    for (const block of all.filter((candidate) => candidate.lang === 'json')) {
      expect(() => JSON.parse(block.code), `${doc}:${block.line}`).not.toThrow();
    }
  });

  it('shows gao-db command lines the CLI accepts', () => {
    for (const block of all.filter((candidate) => candidate.lang === 'sh')) {
      for (const args of gaoDbCommands(block.code)) {
        const parsed = yargsParse(args, 100);
        const where = `${doc}:${block.line}: gao-db ${args.join(' ')}`;
        expect(parsed.kind === 'error' ? parsed.message : parsed.kind, where).toBe('run');
        if (parsed.kind === 'run') expect(() => validateInvocation(parsed.invocation), where).not.toThrow();
      }
    }
  });

  const runnable = all.filter((block) => block.lang === 'sh' && block.run);
  it.runIf(runnable.length > 0)('runs its ```sh run blocks in order on a copy of the demo', () => {
    const { dir, env } = demoCopy();
    for (const block of runnable) {
      const run = spawnSync('bash', ['-e', '-o', 'pipefail', '-c', block.code], {
        cwd: dir,
        env,
        encoding: 'utf8',
      });
      expect(run.status, `${doc}:${block.line} (in ${dir})\n${run.stdout}\n${run.stderr}`).toBe(0);
    }
  });
});
