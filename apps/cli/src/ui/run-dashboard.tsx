import { render } from 'ink';
import { ColorContext } from './color-context.ts';
import { Dashboard } from './components/Dashboard.tsx';
import { liveRenderOptions } from './live-render-options.ts';
import type { InterruptSource, UiBackend, UiResult, UiStreams } from './types.ts';

/** Options of {@link runDashboard}. */
export interface DashboardOptions extends UiStreams {
  readonly backend: UiBackend;
  /** `false` under `NO_COLOR` / `--no-color`. */
  readonly color: boolean;
  /** Milliseconds clock for elapsed times (default `performance.now`). */
  readonly now?: () => number;
  /** Where SIGINT comes from (default `process`); `null` listens to the Ctrl+C key only. */
  readonly interrupts?: InterruptSource | null;
  /** Draw in the terminal's alternate screen, restored on exit like `less` (default `true`). */
  readonly alternateScreen?: boolean;
}

/**
 * `gao-db` with no command on a terminal: the full-screen dashboard. Resolves when the user quits
 * (`q`, Esc), or with exit code 130 after Ctrl+C stopped a run; never exits the process itself.
 *
 * @example
 * const { exitCode } = await runDashboard({ backend, color: !process.env.NO_COLOR });
 * process.exitCode = exitCode;
 */
export async function runDashboard(options: DashboardOptions): Promise<UiResult> {
  const instance = render(
    <ColorContext value={options.color}>
      <Dashboard
        backend={options.backend}
        now={options.now ?? (() => performance.now())}
        interrupts={options.interrupts === undefined ? process : options.interrupts}
      />
    </ColorContext>,
    { ...liveRenderOptions(options), alternateScreen: options.alternateScreen ?? true },
  );
  return (await instance.waitUntilExit()) as UiResult;
}
