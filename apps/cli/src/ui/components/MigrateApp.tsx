import { useApp } from 'ink';
import { useCallback } from 'react';
import { flowOutcome } from '../flow-outcome.ts';
import { useScreenSize } from '../hooks/use-screen-size.ts';
import type { FlowResult, RunRequest } from '../run-request.ts';
import type { InterruptSource, UiBackend } from '../types.ts';
import { RunFlow } from './RunFlow.tsx';

/** Props of {@link MigrateApp}. */
export interface MigrateAppProps {
  readonly backend: UiBackend;
  readonly request: RunRequest;
  readonly database: string;
  readonly currentVersion: number | null;
  readonly yes: boolean;
  readonly now: () => number;
  readonly interrupts: InterruptSource | null;
}

/**
 * `gao-db migrate` / `rollback` in a terminal: the plan and a `y/N` question (unless `--yes`), then
 * the progress bar with finished migrations printed above it; exits with a {@link UiResult}.
 *
 * @example
 * render(<MigrateApp backend={backend} request={{ command: 'migrate' }} yes={false} ... />)
 */
export function MigrateApp(props: MigrateAppProps) {
  const { exit } = useApp();
  const { columns } = useScreenSize();
  const onFinish = useCallback((result: FlowResult) => exit(flowOutcome(result)), [exit]);
  return (
    <RunFlow
      backend={props.backend}
      request={props.request}
      database={props.database}
      currentVersion={props.currentVersion}
      yes={props.yes}
      columns={columns}
      useStatic
      now={props.now}
      interrupts={props.interrupts}
      onFinish={onFinish}
    />
  );
}
