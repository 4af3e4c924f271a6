/**
 * The part of the terminal UI (`src/ui/`) the command line calls, as a port: `Io.loadUi` loads the
 * real module with a dynamic `import()` only on the interactive path, so scripted runs never load
 * Ink or React; tests hand in a fake that records which screen was asked for.
 */
import type {
  renderHistoryTable,
  renderStatusTable,
  runDashboard,
  runMigrateInteractive,
} from '../ui/index.ts';

/** The UI entry points the CLI uses. */
export interface UiModule {
  readonly runDashboard: typeof runDashboard;
  readonly runMigrateInteractive: typeof runMigrateInteractive;
  readonly renderStatusTable: typeof renderStatusTable;
  readonly renderHistoryTable: typeof renderHistoryTable;
}

/** Loads the UI module. */
export type UiLoader = () => Promise<UiModule>;
