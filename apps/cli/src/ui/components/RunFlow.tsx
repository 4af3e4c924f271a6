import { ConfirmInput } from '@inkjs/ui';
import { Box, Text, useInput } from 'ink';
import { useCallback, useEffect, useState } from 'react';
import { useInterrupt } from '../hooks/use-interrupt.ts';
import type { RunState } from '../hooks/use-run.ts';
import { planVerb, type RunPlan, versionLabel } from '../plan-notes.ts';
import type { FlowResult, RunRequest } from '../run-request.ts';
import type { InterruptSource, UiBackend, UiRunControl } from '../types.ts';
import { FinishedNote } from './FinishedNote.tsx';
import { PlanView } from './PlanView.tsx';
import { RunScreen } from './RunScreen.tsx';

/** Props of {@link RunFlow}. */
export interface RunFlowProps {
  readonly backend: UiBackend;
  readonly request: RunRequest;
  /** The database as shown in the question (`Apply 3 migrations to data/app.db?`). */
  readonly database: string;
  readonly currentVersion: number | null;
  /** `--yes`: no question, the progress bar straight away. */
  readonly yes: boolean;
  readonly columns: number;
  readonly useStatic: boolean;
  readonly maxSteps?: number;
  readonly maxFinished?: number;
  readonly now: () => number;
  readonly interrupts: InterruptSource | null;
  /** Called once with how the flow ended, after its last frame was drawn. */
  readonly onFinish: (result: FlowResult) => void;
}

type Phase =
  | { readonly kind: 'planning' }
  | { readonly kind: 'confirm'; readonly plan: RunPlan }
  | { readonly kind: 'running'; readonly plan: RunPlan }
  | { readonly kind: 'finished'; readonly result: FlowResult; readonly plan: RunPlan | null };

/** How a settled run maps to a flow result. */
function resultOf(state: RunState): FlowResult {
  const { progress } = state;
  const count = progress.finished.length;
  switch (state.phase) {
    case 'done':
      return {
        kind: 'done',
        finalVersion: state.finalVersion,
        count,
        durationMs: (state.endedAt ?? 0) - state.startedAt,
      };
    case 'stopped':
      return { kind: 'interrupted', count, total: progress.total };
    case 'abandoned':
      return { kind: 'interrupted', count, total: progress.total, abandoned: true };
    case 'refused':
      return { kind: 'refused', problems: state.problems };
    default:
      return { kind: 'failed', error: state.error, step: progress.failed?.step ?? null };
  }
}

/**
 * Plan, confirm, run: asks the backend for the plan, shows it with its warnings and asks `y/N`
 * (skipped with `yes`), then runs it with a live progress bar. A refused plan shows the problems;
 * an empty one says the database is up to date. Esc or `n` cancels; Ctrl+C cancels before the run
 * and asks the backend to stop after the running migration during it.
 *
 * @example
 * <RunFlow backend={backend} request={{ command: 'migrate' }} yes={false} ... onFinish={exit} />
 */
export function RunFlow(props: RunFlowProps) {
  const { backend, request, database, currentVersion, yes, columns, now, interrupts, onFinish } = props;
  const [phase, setPhase] = useState<Phase>({ kind: 'planning' });
  const finish = useCallback(
    (result: FlowResult, plan: RunPlan | null = null) => setPhase({ kind: 'finished', result, plan }),
    [],
  );
  useEffect(() => {
    const planned =
      request.command === 'migrate'
        ? backend.planMigrate({ to: request.to })
        : backend.planRollback(request.target);
    planned.then(
      (result) => {
        if (!result.ok) finish({ kind: 'refused', problems: result.problems });
        else if (result.value.steps.length === 0)
          finish({ kind: 'up_to_date', version: currentVersion }, result.value);
        else setPhase({ kind: yes ? 'running' : 'confirm', plan: result.value });
      },
      (error: unknown) => finish({ kind: 'failed', error, step: null }),
    );
  }, [backend, request, yes, currentVersion, finish]);
  useEffect(() => {
    if (phase.kind === 'finished') onFinish(phase.result);
  }, [phase, onFinish]);
  const waiting = phase.kind === 'planning' || phase.kind === 'confirm';
  useInterrupt(() => finish({ kind: 'interrupted', count: 0, total: 0 }), {
    isActive: waiting,
    source: interrupts,
  });
  useInput(
    (_input, key) => {
      if (key.escape) finish({ kind: 'not_confirmed' });
    },
    { isActive: phase.kind === 'confirm' },
  );
  const start = useCallback(
    (control: UiRunControl) =>
      request.command === 'migrate'
        ? backend.migrate({ to: request.to }, control)
        : backend.rollback(request.target, control),
    [backend, request],
  );
  const onSettled = useCallback((state: RunState) => onFinish(resultOf(state)), [onFinish]);
  if (phase.kind === 'planning') return <Text>Planning {request.command}…</Text>;
  if (phase.kind === 'running') {
    const verb = request.command === 'migrate' ? 'Migrating' : 'Rolling back';
    return (
      <RunScreen
        command={request.command}
        title={`${verb} ${database}: version ${versionLabel(currentVersion)} -> ${versionLabel(phase.plan.targetVersion)}`}
        total={phase.plan.steps.length}
        start={start}
        columns={columns}
        useStatic={props.useStatic}
        maxFinished={props.maxFinished}
        now={now}
        interrupts={interrupts}
        onSettled={onSettled}
      />
    );
  }
  const { plan } = phase;
  return (
    <Box flexDirection="column">
      {plan === null ? null : (
        <PlanView plan={plan} currentVersion={currentVersion} columns={columns} maxSteps={props.maxSteps} />
      )}
      {phase.kind === 'confirm' ? (
        <Text>
          {capitalise(planVerb(phase.plan))} {phase.plan.kind === 'migrate' ? 'to' : 'in'} {database}?{' '}
          <ConfirmInput
            defaultChoice="cancel"
            onConfirm={() => setPhase({ kind: 'running', plan: phase.plan })}
            onCancel={() => finish({ kind: 'not_confirmed' }, phase.plan)}
          />
        </Text>
      ) : null}
      {phase.kind === 'finished' ? <FinishedNote result={phase.result} /> : null}
    </Box>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
