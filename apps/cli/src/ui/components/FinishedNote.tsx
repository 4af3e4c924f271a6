import { Text } from 'ink';
import { errorInfo } from '../error-info.ts';
import { useColors } from '../hooks/use-colors.ts';
import { versionLabel } from '../plan-notes.ts';
import type { FlowResult } from '../run-request.ts';
import { ErrorBox } from './ErrorBox.tsx';
import { ProblemList } from './ProblemList.tsx';

/**
 * The last line of a plan-confirm-run flow that ended before anything ran: up to date, not
 * confirmed, interrupted, the planner's problems, or the error that stopped planning.
 *
 * @example
 * <FinishedNote result={{ kind: 'not_confirmed' }} />
 */
export function FinishedNote({ result }: { readonly result: FlowResult }) {
  const paint = useColors();
  switch (result.kind) {
    case 'up_to_date':
      return (
        <Text color={paint('green')}>
          ✓ Already up to date at version {versionLabel(result.version)}. Nothing to run.
        </Text>
      );
    case 'not_confirmed':
      return <Text>Not confirmed. Nothing was changed.</Text>;
    case 'interrupted':
      return <Text>Interrupted. Nothing was changed.</Text>;
    case 'refused':
      return <ProblemList problems={result.problems} limit={3} />;
    case 'failed':
      return <ErrorBox info={errorInfo(result.error)} />;
    default:
      return null;
  }
}
