import type { KeyHint } from './components/Footer.tsx';

/** What the dashboard shows; each screen has its own keys. */
export type DashboardScreen =
  | 'loading'
  | 'table'
  | 'details'
  | 'history'
  | 'validate'
  | 'rehearse'
  | 'backups'
  | 'confirm_restore'
  | 'restoring'
  | 'help'
  | 'choose'
  | 'run';

const BACK: KeyHint = { keys: 'q/Esc', action: 'back' };
const SCROLL: KeyHint = { keys: '↑↓/jk', action: 'scroll' };

/**
 * The footer keys of a dashboard screen.
 *
 * @example
 * dashboardHints('help') // [{ keys: '↑↓/jk', action: 'scroll' }, { keys: 'q/Esc', action: 'back' }]
 */
export function dashboardHints(screen: DashboardScreen): KeyHint[] {
  switch (screen) {
    case 'loading':
      return [{ keys: 'q', action: 'quit' }];
    case 'table':
      return [
        { keys: '↑↓/jk', action: 'move' },
        { keys: 'Enter', action: 'details' },
        { keys: 'm', action: 'migrate' },
        { keys: 'r', action: 'rollback' },
        { keys: 't', action: 'rehearse' },
        { keys: 'h', action: 'history' },
        { keys: 'v', action: 'validate' },
        { keys: 'b', action: 'backups' },
        { keys: '?', action: 'help' },
        { keys: 'q', action: 'quit' },
      ];
    case 'choose':
      return [{ keys: '↑↓/jk', action: 'choose' }, { keys: 'Enter', action: 'show the plan' }, BACK];
    case 'backups':
      return [{ keys: '↑↓/jk', action: 'choose' }, { keys: 'Enter', action: 'restore…' }, BACK];
    case 'confirm_restore':
      return [
        { keys: 'y', action: 'restore' },
        { keys: 'n/Esc', action: 'cancel' },
      ];
    case 'restoring':
      return [];
    case 'run':
      return [
        { keys: 'y', action: 'run' },
        { keys: 'n/Esc', action: 'cancel' },
        { keys: 'Ctrl+C', action: 'stop after the running migration' },
      ];
    default:
      return [SCROLL, BACK];
  }
}
