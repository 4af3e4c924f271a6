/** The file body `gao-db new` writes for each kind, with up and down parts. */
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

/** ${id}: runs in one transaction together with its schema_version row. */
export function up(db: DatabaseSync): void {
  db.exec(\`
  \`);
}

/** Undoes up(), in reverse order. */
export function down(db: DatabaseSync): void {
  db.exec(\`
  \`);
}
`;
    case 'js':
      return `/** @typedef {import('node:sqlite').DatabaseSync} DatabaseSync */

/**
 * ${id}: runs in one transaction together with its schema_version row.
 * @param {DatabaseSync} db
 */
export function up(db) {
  db.exec(\`
  \`);
}

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
