import type { BackupInfo, StepResult } from '../adapter/migrator-port.ts';

/** What `migrate`, `rollback`, `baseline` and `repair` print with `--json` after a run. */
export interface RunJson {
  readonly command: string;
  readonly database: string;
  readonly fromVersion: number | null;
  readonly finalVersion: number | null;
  readonly backup: BackupInfo | null;
  readonly steps: readonly StepResult[];
  readonly durationMs: number;
}

/**
 * @example
 * runJson('migrate', '/srv/app.db', 1, report, 61).finalVersion // 4
 */
export function runJson(
  command: string,
  database: string,
  fromVersion: number | null,
  report: {
    readonly steps: readonly StepResult[];
    readonly backup: BackupInfo | null;
    readonly finalVersion: number | null;
  },
  durationMs: number,
): RunJson {
  return {
    command,
    database,
    fromVersion,
    finalVersion: report.finalVersion,
    backup: report.backup,
    steps: report.steps.map(({ kind, version, name, file, durationMs: ms }) => ({
      kind,
      version,
      name,
      file,
      durationMs: ms,
    })),
    durationMs,
  };
}
