// The Migrator: what the gao-db command line is built on. Inspect, plan, migrate, roll back.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GaoDbError, MigrationFailedError, Migrator } from '@gao/migrate-sqlite';

const migrator = new Migrator({
  database: join(mkdtempSync(join(tmpdir(), 'gao-db-migrator-')), 'app.db'),
  migrationsDir: fileURLToPath(new URL('./migrations', import.meta.url)),
  backup: { keep: 5 }, // before every migrate/rollback that runs something: <db folder>/backups
  onEvent: (event) => {
    if (event.type === 'step_finished') console.log(`  ${event.step.kind} ${event.step.migration.file}`);
  },
});

try {
  // Read-only: what is applied, what is pending, which problems block a run.
  const inspection = await migrator.inspect({ allowMissing: true });
  console.log(`pending: ${inspection.status.counts.pending}, current: ${inspection.status.currentVersion}`);
  // Changed by hand since gao-db recorded the schema (its newest event)? `null` when not. `changes`
  // names each object (and a changed table's columns); `null` when only the fingerprints can tell.
  const drift = inspection.schemaDrift;
  if (drift !== null) console.warn(`schema changed by hand since ${drift.since.at}`);
  for (const change of drift?.changes ?? []) console.warn(`  ${change.change} ${change.type} ${change.name}`);

  // A dry run: the plan, without changing anything.
  const plan = await migrator.planMigrate({ to: 4 });
  if (!plan.ok) throw new Error(plan.problems.map((problem) => problem.message).join('\n'));
  console.log(`plan: ${plan.value.steps.map((step) => step.migration.file).join(', ')}`);

  // Run it. A refusal (an edited migration, one that needs repair) is returned, not thrown.
  const report = await migrator.migrate({ to: 4 });
  if (!report.ok) throw new Error(report.problems.map((problem) => problem.hint).join('\n'));
  console.log(`at version ${report.finalVersion}, backup: ${report.backup === null ? 'none' : 'taken'}`);

  const back = await migrator.rollback({ count: 1 });
  if (!back.ok) throw new Error(back.problems.map((problem) => problem.hint).join('\n'));
  console.log(`rolled back to ${back.finalVersion}`);

  const rest = await migrator.migrate();
  if (!rest.ok) throw new Error(rest.problems.map((problem) => problem.hint).join('\n'));
  console.log(`at version ${rest.finalVersion}; backups: ${(await migrator.listBackups()).length}`);
} catch (error) {
  // A migration that threw: its own changes were rolled back, the failure is recorded.
  if (error instanceof MigrationFailedError) console.error(`${error.file} failed:`, error.cause);
  else if (error instanceof GaoDbError) console.error(`${error.code}: ${error.message}\n${error.hint}`);
  throw error;
} finally {
  migrator.close();
}
