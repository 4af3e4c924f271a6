// The pure planner on its own: no files, no database. Read a migration set from any source, give
// it the history, and ask what `migrate` would do.
import {
  EMPTY_HISTORY,
  getStatus,
  type MigrationSource,
  planMigrate,
  readMigrationSet,
} from '@gao/migrate-core';

const files = new Map([
  ['001_create_users.sql', 'CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);'],
  [
    '002_add_name.sql',
    '-- migrate:up\nALTER TABLE users ADD COLUMN name TEXT;\n-- migrate:down\nALTER TABLE users DROP COLUMN name;\n',
  ],
  ['README.md', 'Not a migration: listed as ignored, never read.'],
]);
const source: MigrationSource = {
  list: () => [...files.keys()].map((name) => ({ name, isFile: true })),
  read: (name) => new TextEncoder().encode(files.get(name)),
};

const set = readMigrationSet(source);
if (!set.ok) throw new Error(set.problems.map((problem) => `${problem.code}: ${problem.message}`).join('\n'));

const status = getStatus(set.value, EMPTY_HISTORY);
for (const row of status.migrations) console.log(`${row.versionText} ${row.name}: ${row.state}`);
console.log(`ignored: ${status.ignored.map((file) => `${file.file} (${file.reason})`).join(', ')}`);

const plan = planMigrate(set.value, EMPTY_HISTORY, { to: 1 });
if (!plan.ok) throw new Error(plan.problems.map((problem) => problem.hint).join('\n'));
console.log(`migrate --to 1 would apply: ${plan.value.steps.map((step) => step.migration.file).join(', ')}`);
