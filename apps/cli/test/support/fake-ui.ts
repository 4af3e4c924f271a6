import type { UiModule } from '../../src/interactive/ui-module.ts';
import type { UiResult } from '../../src/ui/types.ts';

/** One call the CLI made into the UI. */
export interface UiCall {
  readonly entry: keyof UiModule;
  readonly options: Record<string, unknown>;
}

/**
 * A stand-in for the terminal UI that records which screen the CLI opened. `act` plays the user:
 * it gets the options (with the backend) and returns the screen's result.
 *
 * @example
 * const ui = fakeUi();
 * await runMain(['status'], { stdinIsTTY: true, stdoutIsTTY: true, loadUi: ui.loadUi });
 * expect(ui.calls.map((call) => call.entry)).toEqual(['renderStatusTable']);
 */
export function fakeUi(act: (options: Record<string, unknown>) => Promise<UiResult> | UiResult = () => done) {
  const calls: UiCall[] = [];
  const record = (entry: keyof UiModule, options: object) => {
    calls.push({ entry, options: options as Record<string, unknown> });
  };
  const ui: UiModule = {
    runDashboard: async (options) => {
      record('runDashboard', options);
      return act(options as unknown as Record<string, unknown>);
    },
    runMigrateInteractive: async (options) => {
      record('runMigrateInteractive', options);
      return act(options as unknown as Record<string, unknown>);
    },
    renderStatusTable: (inspection, options) => {
      record('renderStatusTable', { inspection, ...options });
      return 'STATUS TABLE';
    },
    renderHistoryTable: (history, options) => {
      record('renderHistoryTable', { history, ...options });
      return 'HISTORY TABLE';
    },
  };
  return { calls, loadUi: async () => ui };
}

const done: UiResult = { outcome: 'done', exitCode: 0 };

/** A terminal: stdin and stdout are TTYs, 80 columns. */
export const TERMINAL = { stdinIsTTY: true, stdoutIsTTY: true, columns: 80 } as const;
