import { displayPath } from '../output/display-path.ts';
import type { UiInspection } from '../ui/types.ts';
import type { Inspection } from './migrator-port.ts';

/**
 * The dashboard's view of an inspection: the database as people read it (relative to `cwd` when
 * inside it) and the journal mode when the adapter read one (`null` otherwise).
 *
 * @example
 * toUiInspection(await migrator.inspect({ allowMissing: true }), process.cwd()).database // 'app.db'
 */
export function toUiInspection(inspection: Inspection, cwd: string): UiInspection {
  return {
    database: displayPath(inspection.database, cwd),
    sizeBytes: inspection.sizeBytes,
    journalMode: inspection.journalMode ?? null,
    lastBackup: inspection.lastBackup,
    status: inspection.status,
    history: inspection.history,
    schemaDrift: inspection.schemaDrift ?? null,
  };
}
