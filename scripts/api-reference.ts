/**
 * Renders docs/api.md: every symbol each package exports from its `src/index.ts`, with the summary
 * line of its TSDoc. A small reader of `export` lines and `/** ... *\/` comments, not a compiler:
 * TypeDoc needs the TypeScript 5/6 API, and this repository builds with TypeScript 7.
 *
 *   node scripts/api-reference.ts          write docs/api.md
 *   node scripts/api-reference.ts --check  exit 1 if the committed file differs
 *
 * `pnpm docs:generate` runs the first; apps/cli/test/docs-api-reference.test.ts does the check.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Where the reference is committed. */
export const API_PATH = join(ROOT, 'docs/api.md');

const PACKAGES = [
  { name: '@gao/migrate-core', dir: 'packages/core' },
  { name: '@gao/migrate-sqlite', dir: 'packages/sqlite' },
  { name: 'gao-db', dir: 'apps/cli' },
] as const;

/** One exported symbol. */
export interface ApiSymbol {
  readonly name: string;
  readonly kind: string;
  readonly summary: string;
  /** The file it is declared in, relative to the repository root. */
  readonly file: string;
}

const DECLARATION =
  /^export\s+(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(function\*?|class|interface|type|const|let|enum)\s+([A-Za-z_$][\w$]*)/;

/** The summary of a TSDoc comment: its first paragraph, before any blank line or `@tag`. */
function summaryOf(comment: string): string {
  const lines = comment
    .replace(/^\/\*\*/, '')
    .replace(/\*\/$/, '')
    .split('\n')
    .map((line) => line.replace(/^\s*\*\s?/, '').trim());
  const paragraph: string[] = [];
  for (const line of lines) {
    if (line.startsWith('@')) break;
    if (line === '') {
      if (paragraph.length > 0) break;
      continue;
    }
    paragraph.push(line);
  }
  return paragraph
    .join(' ')
    .replace(/\{@link\s+([^}\s|]+)[^}]*\}/g, '`$1`')
    .trim();
}

/** Every `export <kind> Name` in a source file, with the TSDoc comment right above it. */
function declarationsIn(path: string): Map<string, { kind: string; summary: string }> {
  const lines = readFileSync(path, 'utf8').split('\n');
  const found = new Map<string, { kind: string; summary: string }>();
  lines.forEach((line, index) => {
    const match = DECLARATION.exec(line);
    if (match === null) return;
    const [, kind = '', name = ''] = match;
    let end = index - 1;
    while (end >= 0 && (lines[end] ?? '').trim().startsWith('//')) end -= 1;
    let summary = '';
    if ((lines[end] ?? '').trim().endsWith('*/')) {
      let start = end;
      while (start > 0 && !(lines[start] ?? '').trim().startsWith('/**')) start -= 1;
      summary = summaryOf(lines.slice(start, end + 1).join('\n'));
    }
    if (!found.has(name)) found.set(name, { kind: kind.replace('*', ''), summary });
  });
  return found;
}

/** The `export ... from './x.ts'` statements of an index file, as (names or '*', file) pairs. */
function reExports(index: string): { names: string[] | '*'; from: string }[] {
  const text = readFileSync(index, 'utf8').replace(/\/\/.*$/gm, '');
  const statements: { names: string[] | '*'; from: string }[] = [];
  for (const match of text.matchAll(/export\s+(type\s+)?(\*|\{[^}]*\})\s+from\s+'([^']+)'/g)) {
    const [, , list = '', from = ''] = match;
    const names =
      list === '*'
        ? '*'
        : list
            .slice(1, -1)
            .split(',')
            .map((part) =>
              part
                .trim()
                .replace(/^type\s+/, '')
                .split(/\s+as\s+/)
                .at(-1),
            )
            .filter((name): name is string => name !== undefined && name !== '');
    statements.push({ names, from });
  }
  return statements;
}

/** Finds where `name` is declared, starting at `file` and following its re-exports. */
function resolve(name: string, file: string): Omit<ApiSymbol, 'name'> | null {
  const declaration = declarationsIn(file).get(name);
  if (declaration !== undefined) return { ...declaration, file: file.slice(ROOT.length) };
  for (const { names, from } of reExports(file)) {
    if (names !== '*' && !names.includes(name)) continue;
    const found = resolve(name, join(dirname(file), from));
    if (found !== null) return found;
  }
  return null;
}

/** The public API of one package, sorted by name. */
export function packageApi(dir: string): ApiSymbol[] {
  const index = join(ROOT, dir, 'src/index.ts');
  const symbols: ApiSymbol[] = [];
  for (const { names, from } of reExports(index)) {
    const file = join(dirname(index), from);
    const wanted = names === '*' ? [...declarationsIn(file).keys()] : names;
    for (const name of wanted) {
      const found = resolve(name, file);
      if (found === null) throw new Error(`${dir}: ${name} is not declared in ${from}`);
      symbols.push({ name, ...found });
    }
  }
  return symbols.sort((a, b) => a.name.localeCompare(b.name, 'en'));
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** The whole reference as Markdown. */
export function renderApiReference(): string {
  const lines = [
    '# API reference',
    '',
    "<!-- Generated by scripts/api-reference.ts from each package's src/index.ts and TSDoc. Do not",
    '     edit: run `pnpm docs:generate` to update it. -->',
    '',
    'Every exported symbol of the three packages, with the first paragraph of its TSDoc. The full',
    'comment (with an example) is on the declaration, linked; your editor shows it too. A guide to the',
    'library: [library.md](library.md).',
    '',
  ];
  for (const pkg of PACKAGES) {
    lines.push(`## \`${pkg.name}\``, '', '| symbol | kind | summary |', '| --- | --- | --- |');
    for (const symbol of packageApi(pkg.dir)) {
      const link = `[\`${symbol.name}\`](../${symbol.file})`;
      lines.push(`| ${link} | ${symbol.kind} | ${cell(symbol.summary) || '—'} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

if (import.meta.main) {
  const rendered = renderApiReference();
  if (process.argv.includes('--check')) {
    if (readFileSync(API_PATH, 'utf8') !== rendered) {
      console.error('docs/api.md is out of date: run pnpm docs:generate to update it.');
      process.exitCode = 1;
    }
  } else {
    writeFileSync(API_PATH, rendered);
    console.log(`wrote ${API_PATH}`);
  }
}
