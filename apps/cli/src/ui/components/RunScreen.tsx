import { Box, Text } from 'ink';
import { useEffect, useRef } from 'react';
import { errorInfo } from '../error-info.ts';
import { formatDuration } from '../format-duration.ts';
import { useColors } from '../hooks/use-colors.ts';
import { useElapsed } from '../hooks/use-elapsed.ts';
import { useInterrupt } from '../hooks/use-interrupt.ts';
import { type RunState, useRun } from '../hooks/use-run.ts';
import { abandonedText, doneText, failedTitle, type RunRequest, stoppedText } from '../run-request.ts';
import type { InterruptSource, UiRunControl, UiRunReport } from '../types.ts';
import { ErrorBox } from './ErrorBox.tsx';
import { ProblemList } from './ProblemList.tsx';
import { ProgressView } from './ProgressView.tsx';

/** Props of {@link RunScreen}. */
export interface RunScreenProps {
  readonly command: RunRequest['command'];
  readonly title: string;
  readonly total: number;
  readonly start: (control: UiRunControl) => Promise<UiRunReport>;
  readonly columns: number;
  readonly useStatic: boolean;
  readonly maxFinished?: number;
  readonly now: () => number;
  readonly interrupts: InterruptSource | null;
  /** Called once, after the frame showing how the run ended was drawn. */
  readonly onSettled: (state: RunState) => void;
}

/**
 * Runs a confirmed plan and shows its progress; Ctrl+C asks the backend to stop after the running
 * migration, and a second Ctrl+C stops waiting for it (the run settles as abandoned: the host ends
 * the process; it is never killed here). Ends with the summary, the stop notice, or the
 * failed migration's error and hint.
 *
 * @example
 * <RunScreen command="migrate" title="Migrating app.db" total={3} start={(run) => backend.migrate({}, run)} ... />
 */
export function RunScreen(props: RunScreenProps) {
  const { command, title, total, start, columns, useStatic, maxFinished, now, interrupts, onSettled } = props;
  const paint = useColors();
  const { state, stop } = useRun(start, total, now);
  const active = state.phase === 'running' || state.phase === 'stopping';
  const elapsedMs = useElapsed(state.startedAt, now, active);
  const endedMs = state.endedAt === null ? elapsedMs : state.endedAt - state.startedAt;
  const running = state.progress.running;
  const stepElapsedMs = running === null ? 0 : Math.max(0, now() - running.startedAt);
  useInterrupt(stop, { isActive: active, source: interrupts });
  const reported = useRef(false);
  useEffect(() => {
    if (active || reported.current) return;
    reported.current = true;
    onSettled(state);
  });
  const { progress } = state;
  return (
    <Box flexDirection="column">
      <ProgressView
        title={title}
        progress={progress}
        phase={state.phase}
        elapsedMs={endedMs}
        stepElapsedMs={stepElapsedMs}
        columns={columns}
        useStatic={useStatic}
        maxFinished={maxFinished}
      />
      {state.phase === 'done' ? (
        <Text color={paint('green')}>
          ✓ {doneText(command, state.finalVersion, progress.finished.length, endedMs)}
        </Text>
      ) : null}
      {state.phase === 'abandoned' ? (
        <Text color={paint('yellow')}>
          ! {abandonedText(progress.finished.length, progress.total, running?.step ?? null)}
        </Text>
      ) : null}
      {state.phase === 'stopped' ? (
        <Text color={paint('yellow')}>
          ! {stoppedText(progress.finished.length, progress.total, progress.cancelled)}
        </Text>
      ) : null}
      {state.phase === 'refused' ? <ProblemList problems={state.problems} limit={3} /> : null}
      {state.phase === 'failed' ? (
        <ErrorBox
          title={`${failedTitle(progress.failed?.step ?? null)}${
            progress.failed === null ? '' : ` after ${formatDuration(progress.failed.durationMs)}`
          }`}
          info={errorInfo(state.error)}
        />
      ) : null}
    </Box>
  );
}
