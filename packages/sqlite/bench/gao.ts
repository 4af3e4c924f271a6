/**
 * The measured side: the same scenarios through gao-db's public API (`Migrator`, `openMigrated`).
 * Loaded lazily so the floors run even while the runner is not exported yet.
 */

type GaoApi = Pick<typeof import('@gao/migrate-sqlite'), 'Migrator' | 'openMigrated'>;

async function api(): Promise<GaoApi> {
  const module = await import('@gao/migrate-sqlite');
  if (typeof module.Migrator !== 'function' || typeof module.openMigrated !== 'function') {
    throw new Error('@gao/migrate-sqlite does not export Migrator and openMigrated yet');
  }
  return module;
}

/** Loads the API before timing starts (module loading is not part of the measured operation). */
export async function loadGao(): Promise<GaoApi> {
  return api();
}

/** `migrate` on a fresh database. */
export async function gaoApply(gao: GaoApi, database: string, dir: string): Promise<void> {
  const migrator = new gao.Migrator({ database, migrationsDir: dir, backup: false });
  try {
    const report = await migrator.migrate();
    if (!report.ok) throw new Error(`migrate refused: ${JSON.stringify(report)}`);
  } finally {
    migrator.close();
  }
}

/** The startup hot path: `openMigrated` when everything is applied. */
export async function gaoCheck(gao: GaoApi, database: string, dir: string): Promise<void> {
  const db = await gao.openMigrated(database, { migrationsDir: dir, backup: false });
  db.close();
}

/** Roll back all `count` migrations. */
export async function gaoRollback(gao: GaoApi, database: string, dir: string, count: number): Promise<void> {
  const migrator = new gao.Migrator({ database, migrationsDir: dir, backup: false });
  try {
    const report = await migrator.rollback({ count });
    if (!report.ok) throw new Error(`rollback refused: ${JSON.stringify(report)}`);
  } finally {
    migrator.close();
  }
}
