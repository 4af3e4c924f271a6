import { Box, Text } from 'ink';
import { useColors } from '../hooks/use-colors.ts';
import { formatTitles, layoutColumns } from '../layout-columns.ts';
import { planVerb, type RunPlan, stepNotes, versionLabel } from '../plan-notes.ts';
import { fitCell } from '../truncate.ts';
import { ProblemList } from './ProblemList.tsx';

/** Props of {@link PlanView}. */
export interface PlanViewProps {
  readonly plan: RunPlan;
  readonly currentVersion: number | null;
  readonly columns: number;
  /** At most this many steps are listed, then `… and N more`. */
  readonly maxSteps?: number;
}

/**
 * What a migrate or rollback will do, before it is confirmed: `Plan: apply 3 migrations (version
 * 2 -> 5)`, one row per step with its warnings (table rebuilds, drops, `transaction:false`, no down,
 * retry, out of order), then the warnings the options allowed.
 *
 * @example
 * <PlanView plan={plan} currentVersion={2} columns={80} />
 */
export function PlanView({
  plan,
  currentVersion,
  columns,
  maxSteps = Number.POSITIVE_INFINITY,
}: PlanViewProps) {
  const paint = useColors();
  const versionWidth = Math.max(3, ...plan.steps.map((step) => step.migration.versionText.length));
  const laid = layoutColumns(
    [
      { key: 'version', title: 'VER', width: versionWidth },
      { key: 'name', title: 'NAME', width: { flex: 1, min: 12 } },
      { key: 'notes', title: 'WARNINGS', width: { flex: 1, min: 10 }, dropOrder: 1 },
    ],
    columns - 2,
  );
  const shown = plan.steps.slice(0, Math.max(1, maxSteps));
  const arrow = `${versionLabel(currentVersion)} -> ${versionLabel(plan.targetVersion)}`;
  return (
    <Box flexDirection="column">
      <Text bold>
        Plan: {planVerb(plan)} (version {arrow})
      </Text>
      <Text bold>{`  ${formatTitles(laid).trimEnd()}`}</Text>
      {shown.map((step) => {
        const notes = stepNotes(step);
        const cells: Record<string, string> = {
          version: step.migration.versionText,
          name: step.migration.name,
          notes: notes.length === 0 ? '-' : notes.join(', '),
        };
        const line = laid
          .map((column) => fitCell(cells[column.key] ?? '', column.width, column.align))
          .join(' ');
        return (
          <Text key={step.migration.id} wrap="truncate-end">
            <Text color={notes.length > 0 ? paint('yellow') : undefined}>
              {notes.length > 0 ? '! ' : '  '}
            </Text>
            {line.trimEnd()}
          </Text>
        );
      })}
      {plan.steps.length > shown.length ? (
        <Text>{`  … and ${plan.steps.length - shown.length} more`}</Text>
      ) : null}
      {plan.warnings.length > 0 ? <ProblemList problems={plan.warnings} tone="warning" limit={3} /> : null}
    </Box>
  );
}
