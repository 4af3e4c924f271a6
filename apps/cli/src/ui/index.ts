/**
 * The interactive terminal UI of `gao-db` (Ink + React). The CLI loads this module with a dynamic
 * `import('./ui/index.ts')` only when stdout and stdin are terminals, so scripted runs never load
 * React. Every entry takes plain data or a {@link UiBackend} port: no migration logic lives here.
 *
 * @packageDocumentation
 */

export { describeTableChange, detectTableChanges, type TableChange } from './detect-rebuild.ts';
export { renderHistoryTable, renderStatusTable, type TableOptions } from './render-tables.tsx';
export { type DashboardOptions, runDashboard } from './run-dashboard.tsx';
export { type MigrateInteractiveOptions, runMigrateInteractive } from './run-migrate.tsx';
export { STATE_LOOKS, type StateLook, stateText } from './state-symbols.ts';
export type {
  InterruptSource,
  UiBackend,
  UiBackupInfo,
  UiInspection,
  UiProgressEvent,
  UiResult,
  UiRunControl,
  UiRunReport,
  UiStreams,
} from './types.ts';
