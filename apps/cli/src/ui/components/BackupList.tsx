import { Text } from 'ink';
import { useChooser } from '../hooks/use-chooser.ts';
import { backupLines } from '../screen-lines.ts';
import type { UiBackupInfo } from '../types.ts';
import { ChoiceList } from './ChoiceList.tsx';

/** Props of {@link BackupList}. */
export interface BackupListProps {
  readonly backups: readonly UiBackupInfo[];
  readonly columns: number;
  readonly height: number;
  readonly onChoose: (backup: UiBackupInfo) => void;
  readonly onBack: () => void;
}

/** Room for the `› ` in front of each row. */
const MARK = 2;

/**
 * The backups of the database, newest first, one selectable row each (taken at, reason, size,
 * path). Enter asks to restore the selected one; q or Esc go back.
 *
 * @example
 * <BackupList backups={backups} columns={80} height={12} onChoose={confirm} onBack={back} />
 */
export function BackupList({ backups, columns, height, onChoose, onBack }: BackupListProps) {
  const body = Math.max(1, height - 1);
  const list = useChooser(backups, body, onChoose, onBack);
  const [title, ...rows] = backupLines(backups, Math.max(1, columns - MARK));
  if (rows.length === 0) return <Text>{title?.text}</Text>;
  return (
    <ChoiceList
      title={`${' '.repeat(MARK)}${title?.text ?? ''}`}
      labels={rows.map((row) => row.text)}
      keys={backups.map((backup) => backup.path)}
      selected={list.selected}
      offset={list.offset}
      height={body}
      columns={columns}
    />
  );
}
