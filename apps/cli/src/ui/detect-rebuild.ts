import { assertNever } from '@gao/migrate-core';

/** A statement in a migration that rewrites or removes a whole table. */
export type TableChange =
  | { readonly kind: 'rebuild'; readonly table: string }
  | { readonly kind: 'drop'; readonly table: string }
  | { readonly kind: 'rename'; readonly table: string; readonly to: string };

const NAME = String.raw`("(?:[^"]|"")+"|\x60[^\x60]+\x60|\[[^\]]+\]|[\w$.]+)`;
const DROP = new RegExp(String.raw`\bDROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?${NAME}`, 'gi');
const RENAME = new RegExp(String.raw`\bALTER\s+TABLE\s+${NAME}\s+RENAME\s+TO\s+${NAME}`, 'gi');

/** Removes comments and string literals so that words inside them are not taken for statements. */
function stripNoise(sql: string): string {
  return sql
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/--[^\n]*/g, ' ')
    .replace(/'(?:[^']|'')*'/g, "''");
}

/** `"users"`, `` `users` ``, `[users]`, `main.users` -> `users`/`main.users`, lower case. */
function unquote(name: string): string {
  const first = name[0];
  const bare = first === '"' || first === '`' || first === '[' ? name.slice(1, -1) : name;
  return bare.replace(/""/g, '"').toLowerCase();
}

/**
 * Finds table rebuilds, drops and renames in migration SQL, the statements that deserve a warning
 * before they run. SQLite's rebuild recipe (create `new_x`, copy, `DROP TABLE x`,
 * `ALTER TABLE new_x RENAME TO x`) is reported once as a rebuild of `x`.
 *
 * @example
 * detectTableChanges('DROP TABLE users; ALTER TABLE users_new RENAME TO users;')
 * // [{ kind: 'rebuild', table: 'users' }]
 */
export function detectTableChanges(sql: string): TableChange[] {
  const text = stripNoise(sql);
  const drops = [...text.matchAll(DROP)].map((match) => unquote(match[1] ?? ''));
  const renames = [...text.matchAll(RENAME)].map((match) => ({
    table: unquote(match[1] ?? ''),
    to: unquote(match[2] ?? ''),
  }));
  const rebuilt = new Set(renames.filter((rename) => drops.includes(rename.to)).map((rename) => rename.to));
  const changes: TableChange[] = [...rebuilt].map((table) => ({ kind: 'rebuild', table }));
  for (const table of drops) if (!rebuilt.has(table)) changes.push({ kind: 'drop', table });
  for (const rename of renames) {
    if (!rebuilt.has(rename.to)) changes.push({ kind: 'rename', table: rename.table, to: rename.to });
  }
  return changes;
}

/**
 * One short phrase per change, for plan tables.
 *
 * @example
 * describeTableChange({ kind: 'rename', table: 'a', to: 'b' }) // 'renames table a to b'
 */
export function describeTableChange(change: TableChange): string {
  switch (change.kind) {
    case 'rebuild':
      return `rebuilds table ${change.table}`;
    case 'drop':
      return `drops table ${change.table}`;
    case 'rename':
      return `renames table ${change.table} to ${change.to}`;
    default:
      return assertNever(change, 'table change');
  }
}
