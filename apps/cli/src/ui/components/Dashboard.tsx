import { Box, Text, useApp, useInput } from 'ink';
import { useCallback, useEffect, useState } from 'react';
import { type DashboardScreen, dashboardHints } from '../dashboard-hints.ts';
import { type DetailLine, detailLines } from '../details-lines.ts';
import { errorInfo } from '../error-info.ts';
import { flowOutcome } from '../flow-outcome.ts';
import { useInterrupt } from '../hooks/use-interrupt.ts';
import { useScreenSize } from '../hooks/use-screen-size.ts';
import { useScrollList } from '../hooks/use-scroll-list.ts';
import { rehearsalScreenLines } from '../rehearsal-screen-lines.ts';
import { rollbackChoices } from '../rollback-choices.ts';
import { doneText, type FlowResult, failedTitle, type RunRequest } from '../run-request.ts';
import { helpLines, type Notice, noticeLines, validateLines } from '../screen-lines.ts';
import { scrollLabel } from '../scroll-window.ts';
import type { InterruptSource, UiBackend, UiBackupInfo, UiInspection } from '../types.ts';
import { BackupList } from './BackupList.tsx';
import { Footer, footerLines } from './Footer.tsx';
import { Header, headerHeight } from './Header.tsx';
import { HistoryScreen } from './HistoryScreen.tsx';
import { PagerScreen } from './PagerScreen.tsx';
import { RestoreConfirm } from './RestoreConfirm.tsx';
import { RollbackChooser } from './RollbackChooser.tsx';
import { RunFlow } from './RunFlow.tsx';
import { ScrollText } from './ScrollText.tsx';
import { StatusTable } from './StatusTable.tsx';

/** Props of {@link Dashboard}. */
export interface DashboardProps {
  readonly backend: UiBackend;
  readonly now: () => number;
  readonly interrupts: InterruptSource | null;
}

type Mode =
  | { readonly screen: 'loading' | 'table' | 'details' | 'history' | 'help' | 'choose' }
  | { readonly screen: 'validate' | 'rehearse'; readonly lines: readonly DetailLine[] | null }
  /** `backups: null` while listing; `failure`: the lines of an error instead of the list. */
  | {
      readonly screen: 'backups';
      readonly backups: readonly UiBackupInfo[] | null;
      readonly failure: readonly DetailLine[] | null;
    }
  | { readonly screen: 'confirm_restore' | 'restoring'; readonly backup: UiBackupInfo }
  | { readonly screen: 'run'; readonly request: RunRequest };

/** The last part of a path, whatever the separator. */
function fileName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** An error as the lines of a screen: the message, then its hint. */
function errorLines(error: unknown): DetailLine[] {
  const info = errorInfo(error);
  const lines: DetailLine[] = [{ text: `✗ ${info.message}`, tone: 'error' }];
  if (info.hint !== null) lines.push({ text: `  Hint: ${info.hint}` });
  return lines;
}

/** The notice a finished run leaves above the table, or `null` when it ends the dashboard. */
function noticeOf(request: RunRequest, result: FlowResult): Notice | null {
  switch (result.kind) {
    case 'done':
      return {
        kind: 'success',
        text: doneText(request.command, result.finalVersion, result.count, result.durationMs),
      };
    case 'up_to_date':
      return { kind: 'info', text: 'Already up to date. Nothing to run.' };
    case 'not_confirmed':
      return { kind: 'info', text: 'Not confirmed. Nothing was changed.' };
    case 'refused':
      return { kind: 'problems', problems: result.problems };
    case 'failed':
      return {
        kind: 'error',
        title: result.step === null ? null : failedTitle(result.step),
        info: errorInfo(result.error),
      };
    case 'interrupted':
      return result.total === 0 ? { kind: 'info', text: 'Interrupted. Nothing was changed.' } : null;
  }
}

/**
 * The full-screen dashboard of `gao-db` with no command: header, the migration table (scrolled to
 * keep the selection visible), a notice after actions, and the keys in a footer. Enter shows a
 * migration's details; m and r plan, confirm and run with a progress bar; h, v, b and ? open the
 * history, validation, backups (Enter there restores one, after y) and help. Redraws on resize.
 *
 * @example
 * render(<Dashboard backend={backend} now={() => performance.now()} interrupts={process} />)
 */
export function Dashboard({ backend, now, interrupts }: DashboardProps) {
  const { exit } = useApp();
  const { columns, rows } = useScreenSize();
  const [inspection, setInspection] = useState<UiInspection | null>(null);
  const [mode, setMode] = useState<Mode>({ screen: 'loading' });
  const [notice, setNotice] = useState<Notice | null>(null);
  const [focusVersion, setFocusVersion] = useState<number | null>(null);
  const migrations = inspection?.status.migrations ?? [];
  const screen: DashboardScreen = mode.screen;
  const hints = dashboardHints(screen);
  const height = rows - 1; // the last row stays free so the frame never scrolls the terminal
  const noticeText = noticeLines(notice).slice(0, 4);
  const headerRows = inspection === null ? 0 : headerHeight(inspection, columns);
  const bodyRows = Math.max(3, height - headerRows - footerLines(hints, columns).length - noticeText.length);
  const tableRows = Math.max(1, bodyRows - 2);
  const list = useScrollList(migrations.length, tableRows);
  const { select } = list;

  const load = useCallback(() => {
    backend.inspect().then(
      (next) => {
        setInspection(next);
        setMode((current) =>
          current.screen === 'loading' || current.screen === 'run' || current.screen === 'restoring'
            ? { screen: 'table' }
            : current,
        );
      },
      (error: unknown) => {
        setNotice({ kind: 'error', title: 'Cannot read the database', info: errorInfo(error) });
        setMode({ screen: 'table' });
      },
    );
  }, [backend]);
  useEffect(load, [load]);
  useEffect(() => {
    if (focusVersion === null) return;
    const index = migrations.findIndex((row) => row.version === focusVersion);
    if (index >= 0) select(index);
    setFocusVersion(null);
  }, [focusVersion, migrations, select]);

  const quit = () => exit({ outcome: 'quit', exitCode: 0 });
  // A run stops at Ctrl+C by itself; a restore is never left half done.
  const busy = mode.screen === 'run' || mode.screen === 'restoring';
  useInterrupt(quit, { isActive: !busy, source: interrupts });
  const back = useCallback(() => setMode({ screen: 'table' }), []);
  const validate = () => {
    setMode({ screen: 'validate', lines: null });
    const show = (lines: readonly DetailLine[]) =>
      setMode((current) => (current.screen === 'validate' ? { screen: 'validate', lines } : current));
    backend.validate().then(
      (found) => show(validateLines(found, migrations.length)),
      (error: unknown) => show(errorLines(error)),
    );
  };
  const rehearse = () => {
    setMode({ screen: 'rehearse', lines: null });
    const show = (lines: readonly DetailLine[]) =>
      setMode((current) => (current.screen === 'rehearse' ? { screen: 'rehearse', lines } : current));
    backend.rehearse().then(
      (report) => show(rehearsalScreenLines(report, inspection)),
      (error: unknown) => show(errorLines(error)),
    );
  };
  const listBackups = () => {
    setMode({ screen: 'backups', backups: null, failure: null });
    const show = (backups: readonly UiBackupInfo[] | null, failure: readonly DetailLine[] | null) =>
      setMode((current) =>
        current.screen === 'backups' ? { screen: 'backups', backups, failure } : current,
      );
    backend.listBackups().then(
      (backups) => show(backups, null),
      (error: unknown) => show(null, errorLines(error)),
    );
  };
  const restore = (backup: UiBackupInfo) => {
    setMode({ screen: 'restoring', backup });
    const database = inspection?.database ?? 'the database';
    backend.restoreBackup(backup.path).then(
      ({ safetyBackup }) => {
        // The safety copy's name is too long for a notice line; it is the newest entry under b.
        const detail =
          safetyBackup === null
            ? undefined
            : `The database as it was before is kept as a ${safetyBackup.reason} backup (b lists it).`;
        setNotice({ kind: 'success', text: `Restored ${database} from ${fileName(backup.path)}.`, detail });
        load();
      },
      (error: unknown) => {
        setNotice({ kind: 'error', title: 'The restore failed', info: errorInfo(error) });
        load();
      },
    );
  };
  useInput(
    (input, key) => {
      if (mode.screen === 'loading') {
        if (input === 'q' || key.escape) quit();
        return;
      }
      if (list.onKey(input, key)) return;
      if (key.return && migrations.length > 0) setMode({ screen: 'details' });
      else if (input === 'm') {
        setNotice(null);
        setMode({ screen: 'run', request: { command: 'migrate' } });
      } else if (input === 'r') {
        setNotice(null);
        setMode({ screen: 'choose' });
      } else if (input === 'h') setMode({ screen: 'history' });
      else if (input === 'v') validate();
      else if (input === 't') {
        setNotice(null);
        rehearse();
      } else if (input === 'b') {
        setNotice(null);
        listBackups();
      } else if (input === '?') setMode({ screen: 'help' });
      else if (input === 'q' || key.escape) quit();
    },
    { isActive: mode.screen === 'table' || mode.screen === 'loading' },
  );
  const onFinish = useCallback(
    (request: RunRequest, result: FlowResult) => {
      const next = noticeOf(request, result);
      if (next === null) {
        exit(flowOutcome(result));
        return;
      }
      setNotice(next);
      if (result.kind === 'failed' && result.step !== null) setFocusVersion(result.step.migration.version);
      if (result.kind === 'done' || result.kind === 'failed') load();
      else setMode({ screen: 'table' });
    },
    [exit, load],
  );

  const body = (() => {
    const selected = migrations[list.selected];
    switch (mode.screen) {
      case 'loading':
        return <Text>Reading the database…</Text>;
      case 'table':
        return (
          <Box flexDirection="column">
            <StatusTable
              rows={migrations}
              columns={columns}
              selected={list.selected}
              offset={list.offset}
              height={tableRows}
            />
            <Text dimColor>{scrollLabel(list.offset, tableRows, migrations.length)}</Text>
          </Box>
        );
      case 'details':
        return selected === undefined || inspection === null ? null : (
          <PagerScreen
            lines={detailLines(selected, inspection.status.problems)}
            columns={columns}
            height={bodyRows}
            onBack={back}
          />
        );
      case 'history':
        return (
          <HistoryScreen
            events={inspection?.history.events ?? []}
            columns={columns}
            height={bodyRows}
            onBack={back}
          />
        );
      case 'help':
        return <PagerScreen lines={helpLines()} columns={columns} height={bodyRows} onBack={back} />;
      case 'validate':
      case 'rehearse':
        return mode.lines === null ? (
          <Text>{mode.screen === 'validate' ? 'Validating…' : 'Rehearsing on a copy of the database…'}</Text>
        ) : (
          <PagerScreen lines={mode.lines} columns={columns} height={bodyRows} onBack={back} />
        );
      case 'backups':
        if (mode.failure !== null)
          return <PagerScreen lines={mode.failure} columns={columns} height={bodyRows} onBack={back} />;
        return mode.backups === null ? (
          <Text>Listing backups…</Text>
        ) : (
          <BackupList
            backups={mode.backups}
            columns={columns}
            height={bodyRows}
            onBack={back}
            onChoose={(backup) => setMode({ screen: 'confirm_restore', backup })}
          />
        );
      case 'confirm_restore':
        return (
          <RestoreConfirm
            backup={mode.backup}
            database={inspection?.database ?? 'the database'}
            columns={columns}
            onConfirm={() => restore(mode.backup)}
            onCancel={() => {
              setNotice({ kind: 'info', text: 'Not confirmed. Nothing was changed.' });
              back();
            }}
          />
        );
      case 'restoring':
        return <Text>Restoring from {fileName(mode.backup.path)}…</Text>;
      case 'choose':
        return (
          <RollbackChooser
            choices={inspection === null ? [] : rollbackChoices(inspection.status)}
            columns={columns}
            height={bodyRows}
            onBack={back}
            onChoose={(count) =>
              setMode({ screen: 'run', request: { command: 'rollback', target: { count } } })
            }
          />
        );
      case 'run': {
        const { request } = mode;
        return (
          <RunFlow
            backend={backend}
            request={request}
            database={inspection?.database ?? 'the database'}
            currentVersion={inspection?.status.currentVersion ?? null}
            yes={false}
            columns={columns}
            useStatic={false}
            maxSteps={Math.max(1, bodyRows - 6)}
            maxFinished={Math.max(0, bodyRows - 5)}
            now={now}
            interrupts={interrupts}
            onFinish={(result) => onFinish(request, result)}
          />
        );
      }
    }
  })();
  return (
    <Box flexDirection="column" height={height}>
      {inspection === null ? null : <Header inspection={inspection} columns={columns} />}
      <ScrollText lines={noticeText} columns={columns} offset={0} height={noticeText.length} />
      <Box flexDirection="column" flexGrow={1}>
        {body}
      </Box>
      <Footer hints={hints} columns={columns} />
    </Box>
  );
}
