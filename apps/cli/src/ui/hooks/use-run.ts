import type { PlanProblem } from '@gao/migrate-core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { isAbortError } from '../error-info.ts';
import { initialProgress, type ProgressState, reduceProgress } from '../progress-state.ts';
import type { UiRunControl, UiRunReport } from '../types.ts';

/** Where a run stands. */
export type RunPhase = 'running' | 'stopping' | 'done' | 'stopped' | 'failed' | 'refused';

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
 * aborts the signal handed to the backend, which finishes the running migration and starts no other.
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
      setState((previous) => ({ ...previous, endedAt, ...changes }));
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
    setState((previous) => (previous.phase === 'running' ? { ...previous, phase: 'stopping' } : previous));
  }, []);
  return { state, stop };
}
