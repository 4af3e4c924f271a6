import type { PlanProblem } from '@gao/migrate-core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { isAbortError } from '../error-info.ts';
import { initialProgress, type ProgressState, reduceProgress } from '../progress-state.ts';
import type { UiRunControl, UiRunReport } from '../types.ts';

/**
 * Where a run stands. `abandoned`: Ctrl+C pressed again while stopping; the screen stops waiting for
 * the running statement and the host ends the process (SQLite rolls the open transaction back the
 * next time the database is opened, as after `kill -9`).
 */
export type RunPhase = 'running' | 'stopping' | 'done' | 'stopped' | 'failed' | 'refused' | 'abandoned';

/** A run as the progress view shows it. */
export interface RunState {
  readonly phase: RunPhase;
  readonly progress: ProgressState;
  readonly startedAt: number;
  /** When the run settled (clock milliseconds), `null` while running. */
  readonly endedAt: number | null;
  readonly finalVersion: number | null;
  readonly error: unknown;
  readonly problems: readonly PlanProblem[];
}

/**
 * Starts `start` once, folds its progress events into state and settles on its result. `stop()`
 * aborts the signal handed to the backend, which finishes the running migration and starts no other;
 * a second `stop()` while stopping abandons the run at once (phase `abandoned`).
 *
 * @example
 * const { state, stop } = useRun((run) => backend.migrate({}, run), plan.steps.length, now);
 */
export function useRun(
  start: (control: UiRunControl) => Promise<UiRunReport>,
  total: number,
  now: () => number,
): { readonly state: RunState; readonly stop: () => void } {
  const [state, setState] = useState<RunState>(() => ({
    phase: 'running',
    progress: initialProgress(total),
    startedAt: now(),
    endedAt: null,
    finalVersion: null,
    error: null,
    problems: [],
  }));
  const controller = useRef(new AbortController());
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const { signal } = controller.current;
    // Read the clock when the event arrives, not when React runs the update.
    const onEvent: UiRunControl['onEvent'] = (event) => {
      const at = now();
      setState((previous) => ({ ...previous, progress: reduceProgress(previous.progress, event, at) }));
    };
    const settle = (changes: Partial<RunState>) => {
      const endedAt = now();
      // An abandoned run has ended for the screen: what the backend says later does not count.
      setState((previous) =>
        previous.phase === 'abandoned' ? previous : { ...previous, endedAt, ...changes },
      );
    };
    start({ onEvent, signal }).then(
      (report) => {
        if (!report.ok) settle({ phase: 'refused', problems: report.problems });
        else settle({ phase: signal.aborted ? 'stopped' : 'done', finalVersion: report.finalVersion });
      },
      (error: unknown) => {
        settle({ phase: signal.aborted && isAbortError(error) ? 'stopped' : 'failed', error });
      },
    );
  }, [start, now]);
  const stop = useCallback(() => {
    controller.current.abort();
    setState((previous) => {
      if (previous.phase === 'running') return { ...previous, phase: 'stopping' };
      if (previous.phase === 'stopping') return { ...previous, phase: 'abandoned', endedAt: now() };
      return previous;
    });
  }, [now]);
  return { state, stop };
}
