import type { RollbackTarget } from '@gao/migrate-core';
import { render } from 'ink';
import { ColorContext } from './color-context.ts';
import { MigrateApp } from './components/MigrateApp.tsx';
import { liveRenderOptions } from './live-render-options.ts';
import type { RunRequest } from './run-request.ts';
import type { InterruptSource, UiBackend, UiResult, UiStreams } from './types.ts';

/** Options of {@link runMigrateInteractive}. */
export interface MigrateInteractiveOptions extends UiStreams {
  readonly backend: UiBackend;
  /** `migrate` (optionally `to` a version) or `rollback` (a count or a version to go back to). */
  readonly command: 'migrate' | 'rollback';
  readonly to?: number;
  readonly rollback?: RollbackTarget;
  /** The database as the question names it. */
  readonly database: string;
  readonly currentVersion: number | null;
  /** `--yes`: show the progress bar straight away. */
  readonly yes: boolean;
  /** `false` under `NO_COLOR` / `--no-color`. */
  readonly color: boolean;
  /** Milliseconds clock for elapsed times (default `performance.now`). */
  readonly now?: () => number;
  /** Where SIGINT comes from (default `process`); `null` listens to the Ctrl+C key only. */
  readonly interrupts?: InterruptSource | null;
}

/**
 * `gao-db migrate` / `rollback` on a terminal: the plan table and a `y/N` question (skipped with
 * `yes`), then a live progress bar with finished migrations above it. Ctrl+C asks the backend to
 * stop after the running migration. Resolves with the outcome and the exit code; never exits the
 * process itself.
 *
 * @example
 * const { exitCode } = await runMigrateInteractive({ backend, command: 'migrate', database: 'app.db',
 *   currentVersion: 2, yes: false, color: !process.env.NO_COLOR });
 */
export async function runMigrateInteractive(options: MigrateInteractiveOptions): Promise<UiResult> {
  const request: RunRequest =
    options.command === 'migrate'
      ? { command: 'migrate', ...(options.to === undefined ? {} : { to: options.to }) }
      : { command: 'rollback', target: options.rollback ?? { count: 1 } };
  const instance = render(
    <ColorContext value={options.color}>
      <MigrateApp
        backend={options.backend}
        request={request}
        database={options.database}
        currentVersion={options.currentVersion}
        yes={options.yes}
        now={options.now ?? (() => performance.now())}
        interrupts={options.interrupts === undefined ? process : options.interrupts}
      />
    </ColorContext>,
    liveRenderOptions(options),
  );
  return (await instance.waitUntilExit()) as UiResult;
}
