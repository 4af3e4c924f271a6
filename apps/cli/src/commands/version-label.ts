import type { Inspection } from '../adapter/migrator-port.ts';

/**
 * A version as the files write it (`003`), or `none` for an empty database.
 *
 * @example
 * versionLabel(inspection, 3) // '003'
 */
export function versionLabel(
  inspection: Pick<Inspection, 'set' | 'history'>,
  version: number | null,
): string {
  if (version === null) return 'none';
  return (
    inspection.set.migrations.find((migration) => migration.version === version)?.versionText ??
    inspection.history.records.find((record) => record.version === version)?.versionText ??
    String(version)
  );
}
