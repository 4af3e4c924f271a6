// Migrate on application startup: openMigrated applies whatever is pending (under the lock, so two
// instances starting at once do not both run it) and returns the open node:sqlite connection.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openMigrated } from '@gao/migrate-sqlite';

const dataDir = mkdtempSync(join(tmpdir(), 'gao-db-startup-'));
const migrationsDir = fileURLToPath(new URL('./migrations', import.meta.url));

const db = await openMigrated(join(dataDir, 'app.db'), {
  migrationsDir,
  backup: false, // the deploy takes backups; startup only migrates
  onEvent: (event) => {
    if (event.type === 'step_finished') console.log(`applied ${event.step.migration.file}`);
  },
});
const users = db.prepare('SELECT email FROM users ORDER BY id').all();
console.log(users.map((user) => user.email).join(', '));
// The table rebuild in 003 kept the posts (ON DELETE CASCADE children of users).
console.log(`posts: ${db.prepare('SELECT count(*) AS n FROM posts').get()?.n}`);
db.close();

// The second start finds nothing pending: no BEGIN, no backup, no module import.
const again = await openMigrated(join(dataDir, 'app.db'), { migrationsDir, backup: false });
again.close();
