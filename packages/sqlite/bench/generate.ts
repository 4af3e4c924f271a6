import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Width of the version prefix: `00042_...` keeps names sorted as text too. */
const WIDTH = 5;

/** The up and down SQL of migration `i` (1-based): a table, rows for it, then an index, repeating. */
export function migrationSql(i: number): { name: string; up: string; down: string } {
  const table = `t${Math.floor((i - 1) / 3) + 1}`;
  switch (i % 3) {
    case 1:
      return {
        name: `create_${table}`,
        up: `CREATE TABLE ${table} (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  score REAL DEFAULT 0
);`,
        down: `DROP TABLE ${table};`,
      };
    case 2:
      return {
        name: `seed_${table}`,
        up: `INSERT INTO ${table} (name, email) VALUES
  ('alice', 'alice@example.com'),
  ('bob', 'bob@example.com'),
  ('carol', NULL);
UPDATE ${table} SET score = length(name) WHERE email IS NOT NULL;`,
        down: `DELETE FROM ${table} WHERE name IN ('alice', 'bob', 'carol');`,
      };
    default:
      return {
        name: `index_${table}_email`,
        up: `CREATE INDEX ${table}_email ON ${table} (email);`,
        down: `DROP INDEX ${table}_email;`,
      };
  }
}

/** The file name of migration `i`. */
export function migrationFile(i: number): string {
  return `${String(i).padStart(WIDTH, '0')}_${migrationSql(i).name}.sql`;
}

/**
 * Writes `count` realistic small SQL migrations (with `-- migrate:up` / `-- migrate:down` parts) into
 * `dir`: create table, insert/update rows, create index, repeating.
 *
 * @example
 * generateMigrations('/tmp/bench/migrations', 1000);
 */
export function generateMigrations(dir: string, count: number): void {
  mkdirSync(dir, { recursive: true });
  for (let i = 1; i <= count; i++) {
    const { name, up, down } = migrationSql(i);
    const text = `-- ${name.replace(/_/g, ' ')} (generated for the benchmark)
-- migrate:up
${up}

-- migrate:down
${down}
`;
    writeFileSync(join(dir, migrationFile(i)), text);
  }
}
