import type { CommandArgs } from '../cli/invocation.ts';
import type { CommandContext } from '../command-context.ts';
import { dashboard } from './dashboard.ts';
import type { InteractiveScreen } from './route.ts';
import { runUi } from './run-ui.ts';
import { historyTable, statusTable } from './tables.ts';

/**
 * Runs the screen `interactiveScreen` chose. `args` is `null` for the dashboard (no command) and
 * otherwise the command the screen belongs to.
 *
 * @example
 * return runInteractive(context, 'status', { command: 'status' });
 */
export async function runInteractive(
  context: CommandContext,
  screen: InteractiveScreen,
  args: CommandArgs | null,
): Promise<number> {
  if (args === null || screen === 'dashboard') return dashboard(context);
  switch (args.command) {
    case 'migrate':
    case 'rollback':
      return runUi(context, args);
    case 'history':
      return historyTable(context, args);
    default:
      return statusTable(context);
  }
}
