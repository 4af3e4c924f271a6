import { Migrator } from './migrator.ts';
import type { MigratorOptions } from './migrator-options.ts';
import type { RehearsalReport } from './rehearse-report.ts';
import type { RehearseRequest } from './trial-run.ts';

/** Options of {@link rehearse}: a Migrator's, plus how far to migrate and whether to prove the down parts. */
export type RehearseOptions = MigratorOptions & RehearseRequest;

/**
 * Rehearses `migrate`: copies the database (online backup, so the application may keep running) to a
 * private temporary folder, runs the migrate plan on the copy with the same options (no backup),
 * reports each migration's duration and error, `PRAGMA integrity_check` and `PRAGMA foreign_key_check`
 * of the result, then deletes the copy. The real database is only read.
 *
 * @example
 * const report = await rehearse({ database: '/srv/app/app.db', migrationsDir: '/srv/app/migrations' });
 * for (const step of report.steps) console.log(step.version, step.name, `${step.durationMs} ms`, step.error ?? '');
 * if (!report.ok) process.exitCode = 1;
 */
export async function rehearse(options: RehearseOptions): Promise<RehearsalReport> {
  const { to, roundTrip, ...migratorOptions } = options;
  const migrator = new Migrator(migratorOptions);
  try {
    return await migrator.rehearse({
      ...(to === undefined ? {} : { to }),
      ...(roundTrip === undefined ? {} : { roundTrip }),
    });
  } finally {
    migrator.close();
  }
}
