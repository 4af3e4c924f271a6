import { planBaseline } from '@gao/migrate-core';
import { readSet } from './read-set.ts';
import { runBaseline } from './run-baseline.ts';
import type { RunReport } from './run-report.ts';
import { highestApplied, type OpenSession, readState, runContext } from './session.ts';

/**
 * `baseline V`: records every migration up to V that has no success record as applied, without
 * running anything (`baselined` events), for a database whose schema already matches V.
 *
 * @example
 * const report = await baselineCommand(current, 3);
 */
export async function baselineCommand(current: OpenSession, version: number): Promise<RunReport> {
  const started = performance.now();
  const set = readSet(current.options.migrationsDir);
  const { history } = readState(current, false);
  const planned = planBaseline(set, history, version);
  if (!planned.ok) return { ok: false, problems: planned.problems };
  const plan = planned.value;
  current.emit({ type: 'plan_ready', plan });
  const outcome = runBaseline(runContext(current, set), plan, (fresh) => planBaseline(set, fresh, version));
  if (!outcome.ok) return { ok: false, problems: outcome.problems };
  const finalVersion = highestApplied(readState(current, false).history);
  current.emit({ type: 'done', finalVersion, durationMs: Math.round(performance.now() - started) });
  return { ok: true, plan, steps: outcome.steps, backup: null, finalVersion };
}
