import { createPaint } from '../output/paint.ts';
import { rehearsalText } from '../output/rehearsal-lines.ts';
import type { DetailLine } from './details-lines.ts';
import { problemDetailLines } from './screen-lines.ts';
import type { UiInspection, UiRehearsal } from './types.ts';

const PLAIN = createPaint(false);

/**
 * The dashboard's rehearsal screen (`t`): what `gao-db migrate --rehearse` prints, then whether it
 * passed; the planner's refusal with each problem and its hint; or that nothing is pending. Steps
 * are named as their files are when `inspection` (the dashboard's last read) knows them.
 *
 * @example
 * rehearsalScreenLines(report, inspection).at(-1) // { text: 'Rehearsal passed: 2 migrations in 4 ms.', tone: 'ok' }
 */
export function rehearsalScreenLines(report: UiRehearsal, inspection: UiInspection | null): DetailLine[] {
  if (report.problems.length > 0) {
    const count = report.problems.length;
    return [
      {
        text: `✗ ${count} ${count === 1 ? 'problem' : 'problems'}: migrate would be refused, so nothing was rehearsed.`,
        tone: 'error',
      },
      ...problemDetailLines(report.problems, '✗', 'error'),
    ];
  }
  if (report.ok && report.steps.length === 0) {
    return [{ text: '✓ Nothing to rehearse: no migration is pending.', tone: 'ok' }];
  }
  const idOf = (step: { readonly version: number; readonly name: string }): string =>
    inspection?.status.migrations.find((row) => row.version === step.version)?.id ?? step.name;
  const { lines, ok } = rehearsalText(report, inspection?.database ?? 'the database', idOf, PLAIN);
  const shown = lines.map((text): DetailLine => ({ text }));
  if (ok) return [...shown.slice(0, -1), { text: lines.at(-1) ?? '', tone: 'ok' }];
  return [...shown, { text: '✗ The rehearsal failed; the database was not changed.', tone: 'error' }];
}
