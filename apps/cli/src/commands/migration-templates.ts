import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The `"type"` of the nearest package.json above `dir` (`undefined`: none says), or `null` when there is none. */
function packageType(dir: string): unknown {
  for (let current = dir; ; current = dirname(current)) {
    let text: string | null = null;
    try {
      text = readFileSync(join(current, 'package.json'), 'utf8');
    } catch {}
    if (text !== null) {
      try {
        return (JSON.parse(text) as { type?: unknown } | null)?.type;
      } catch {
        return undefined;
      }
    }
    if (dirname(current) === current) return null;
  }
}

/**
 * The extension of a new code migration in `dir`: `.ts`/`.js` where Node loads them as ES modules
 * (the nearest package.json says `"type": "module"`, or there is none and Node recognises the
 * module syntax), else `.mts`/`.mjs`, which are ES modules everywhere. A `.js` file under a
 * `"type": "commonjs"` package.json fails to load (`Unexpected token 'export'`), and under one
 * without a `"type"` Node warns on every load.
 *
 * @example
 * moduleExtension('js', '/app/migrations') // 'mjs' when /app/package.json has no "type": "module"
 */
export function moduleExtension(kind: 'ts' | 'js', dir: string): string {
  const type = packageType(dir);
  return type === 'module' || type === null ? kind : `m${kind}`;
}

/**
 * The file body `gao-db new` writes for each kind, with up and down parts. The up part is left to
 * write, and refused until it is: an empty SQL up part is `empty_up`, a module's `up` is commented
 * out (a module without an `up` export is `module_invalid`, refused before anything runs).
 */
export function migrationTemplate(kind: 'sql' | 'ts' | 'js', id: string): string {
  switch (kind) {
    case 'sql':
      return `-- ${id}
-- The up part runs in one transaction together with its schema_version row.
-- migrate:up


-- migrate:down
-- Undo the up part, in reverse order.

`;
    case 'ts':
      return `import type { DatabaseSync } from 'node:sqlite';

// ${id}: write up() and remove the "//" in front of it. Until the file exports up, gao-db
// refuses it (module_invalid), so an unwritten migration is never applied.
// It runs in one transaction together with its schema_version row.
// export function up(db: DatabaseSync): void {
//   db.exec(\`
//   \`);
// }

/** Undoes up(), in reverse order. */
export function down(db: DatabaseSync): void {
  db.exec(\`
  \`);
}
`;
    case 'js':
      return `/** @typedef {import('node:sqlite').DatabaseSync} DatabaseSync */

// ${id}: write up() and remove the "//" in front of it. Until the file exports up, gao-db
// refuses it (module_invalid), so an unwritten migration is never applied.
// It runs in one transaction together with its schema_version row.
// /** @param {DatabaseSync} db */
// export function up(db) {
//   db.exec(\`
//   \`);
// }

/**
 * Undoes up(), in reverse order.
 * @param {DatabaseSync} db
 */
export function down(db) {
  db.exec(\`
  \`);
}
`;
  }
}
