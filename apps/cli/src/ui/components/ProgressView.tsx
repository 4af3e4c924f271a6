import { runsInTransaction } from '@gao/migrate-core';
import { Box, Static, Text } from 'ink';
import { formatDuration } from '../format-duration.ts';
import { useColors } from '../hooks/use-colors.ts';
import type { RunPhase } from '../hooks/use-run.ts';
import type { FinishedStep, ProgressState } from '../progress-state.ts';
import { fitCell, truncate } from '../truncate.ts';
import { ProgressBar } from './ProgressBar.tsx';

/** Props of {@link ProgressView}. */
export interface ProgressViewProps {
  readonly title: string;
  readonly progress: ProgressState;
  readonly phase: RunPhase;
  /** Milliseconds since the run started, and since the running step started. */
  readonly elapsedMs: number;
  readonly stepElapsedMs: number;
  readonly columns: number;
  /**
   * `true`: finished steps go to `<Static>` (printed once, kept in the scrollback: the `migrate`
   * command). `false`: the last `maxFinished` are drawn in the live frame (the full-screen dashboard).
   */
  readonly useStatic: boolean;
  readonly maxFinished?: number;
}

/** `✓ 003 add_email    12 ms` (a revert reads `↶`). */
function finishedLine(item: FinishedStep, columns: number): string {
  const symbol = item.step.kind === 'revert' ? '↶' : '✓';
  const duration = formatDuration(item.durationMs).padStart(9);
  const label = `${item.step.migration.versionText} ${item.step.migration.name}`;
  return `${symbol} ${fitCell(label, Math.max(4, columns - 3 - duration.length))} ${duration}`;
}

/** Whole percent of the copy done; 100 only once every page is copied. */
function backupPercent({ copiedPages, totalPages }: NonNullable<ProgressState['backingUp']>): number {
  if (totalPages <= 0 || copiedPages >= totalPages) return 100;
  return Math.min(99, Math.floor((copiedPages / totalPages) * 100));
}

/**
 * A run in progress: the finished migrations with their durations above, then the bar with
 * `n/N` and the elapsed time, then what runs now (or waits for the lock, backs up, or is stopping).
 *
 * @example
 * <ProgressView title="Migrating data/app.db" progress={state.progress} phase="running" ... />
 */
export function ProgressView(props: ProgressViewProps) {
  const { title, progress, phase, elapsedMs, stepElapsedMs, columns, useStatic, maxFinished = 5 } = props;
  const paint = useColors();
  const done = progress.finished.length;
  const counter = `${done}/${progress.total}`;
  const suffix = ` ${counter}  ${formatDuration(elapsedMs)}`;
  const barWidth = Math.max(4, columns - suffix.length);
  const live = useStatic ? [] : progress.finished.slice(-Math.max(0, maxFinished));
  const hidden = useStatic ? 0 : done - live.length;
  const running = progress.running;
  let status = '';
  // Abandoned: the run's own line below says what became of the running migration.
  if (phase === 'abandoned') status = '';
  else if (progress.waitingForLock) status = 'Waiting for another gao-db to finish (lock)…';
  else if (progress.backingUp !== null)
    status = `Backing up the database… ${backupPercent(progress.backingUp)}%`;
  else if (running !== null) {
    const name = `${running.step.migration.versionText} ${running.step.migration.name}`;
    // A transactional step is rolled back when the run stops; a transaction:false one must finish.
    const stopping = runsInTransaction(running.step.migration) ? 'Stopping, cancelling' : 'Stopping after';
    const verb = phase === 'stopping' ? stopping : running.step.kind === 'revert' ? 'Reverting' : 'Applying';
    status = `${verb} ${name} (${formatDuration(stepElapsedMs)})`;
  } else if (phase === 'stopping') status = 'Stopping…';
  return (
    <Box flexDirection="column">
      {useStatic ? (
        <Static items={[...progress.finished]}>
          {(item) => (
            <Text key={item.index} color={paint('green')}>
              {finishedLine(item, columns)}
            </Text>
          )}
        </Static>
      ) : null}
      <Text bold>{truncate(title, columns)}</Text>
      {hidden > 0 ? <Text dimColor>… {hidden} done above</Text> : null}
      {live.map((item) => (
        <Text key={item.index} color={paint('green')}>
          {finishedLine(item, columns)}
        </Text>
      ))}
      <Text>
        <ProgressBar done={done} total={progress.total} width={barWidth} />
        {suffix}
      </Text>
      {status === '' ? null : <Text wrap="truncate-end">{truncate(`→ ${status}`, columns)}</Text>}
      {phase === 'stopping' ? (
        <Text color={paint('yellow')}>
          {truncate(
            '! Stop requested: no further migration will start. Ctrl+C again: stop at once.',
            columns,
          )}
        </Text>
      ) : null}
    </Box>
  );
}
