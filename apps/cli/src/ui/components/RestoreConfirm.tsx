import { ConfirmInput } from '@inkjs/ui';
import { Box, Text, useInput } from 'ink';
import { formatBytes, formatTimestamp } from '../format-duration.ts';
import { truncate } from '../truncate.ts';
import type { UiBackupInfo } from '../types.ts';

/** Props of {@link RestoreConfirm}. */
export interface RestoreConfirmProps {
  readonly backup: UiBackupInfo;
  /** The database as the header shows it. */
  readonly database: string;
  readonly columns: number;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

/**
 * Which backup would replace the database, and the `y/N` question (Enter or Esc cancel), worded as
 * `gao-db restore` asks it.
 *
 * @example
 * <RestoreConfirm backup={backup} database="data/app.db" columns={80} onConfirm={restore} onCancel={back} />
 */
export function RestoreConfirm({ backup, database, columns, onConfirm, onCancel }: RestoreConfirmProps) {
  useInput((_input, key) => {
    if (key.escape) onCancel();
  });
  return (
    <Box flexDirection="column">
      <Text bold>{truncate(`Restore ${database} from this backup?`, columns)}</Text>
      <Text>
        {truncate(
          `  taken ${formatTimestamp(backup.createdAt)} (${backup.reason}), ${formatBytes(backup.sizeBytes)}`,
          columns,
        )}
      </Text>
      <Text>{truncate(`  ${backup.path}`, columns)}</Text>
      <Text>
        Replace {database} with this backup? Changes made since it was taken are lost.{' '}
        <ConfirmInput defaultChoice="cancel" onConfirm={onConfirm} onCancel={onCancel} />
      </Text>
    </Box>
  );
}
