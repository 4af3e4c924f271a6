import { readSet } from './read-set.ts';
import { type RepairAction, type RepairPlan, runRepair } from './run-repair.ts';
import type { RunReport } from './run-report.ts';
import { highestApplied, type OpenSession, readState, runContext } from './session.ts';

/**
 * `repair V action`: records a person's decision about one migration (see {@link RepairAction}) with
 * a `repaired` event; runs no migration code.
 *
 * @example
 * const report = await repairCommand(current, 5, 'mark_rolled_back');
 */
export async function repairCommand(
  current: OpenSession,
  version: number,
  action: RepairAction,
): Promise<RunReport> {
  const started = performance.now();
  const set = readSet(current.options.migrationsDir);
  const plan: RepairPlan = { kind: 'repair', version, action };
  const steps = runRepair(runContext(current, set), set, plan);
  const finalVersion = highestApplied(readState(current, false).history);
  current.emit({ type: 'done', finalVersion, durationMs: Math.round(performance.now() - started) });
  return { ok: true, plan, steps, backup: null, finalVersion };
}
