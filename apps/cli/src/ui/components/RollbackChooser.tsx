import { Box, Text } from 'ink';
import { useChooser } from '../hooks/use-chooser.ts';
import type { RollbackChoice } from '../rollback-choices.ts';
import { ChoiceList } from './ChoiceList.tsx';

/** Props of {@link RollbackChooser}. */
export interface RollbackChooserProps {
  readonly choices: readonly RollbackChoice[];
  readonly columns: number;
  readonly height: number;
  readonly onChoose: (count: number) => void;
  readonly onBack: () => void;
}

/**
 * Asks how far to roll back: one line per count, each naming the version it goes back to. Enter
 * plans the chosen rollback; q or Esc go back.
 *
 * @example
 * <RollbackChooser choices={rollbackChoices(status)} columns={80} height={12} onChoose={plan} onBack={back} />
 */
export function RollbackChooser({ choices, columns, height, onChoose, onBack }: RollbackChooserProps) {
  const body = Math.max(1, height - 1);
  const list = useChooser(choices, body, (choice) => onChoose(choice.count), onBack);
  if (choices.length === 0) return <Text>Nothing to roll back: no migration is applied.</Text>;
  return (
    <Box flexDirection="column">
      <ChoiceList
        title="Roll back how far? (the plan is shown before anything runs)"
        labels={choices.map((choice) => choice.label)}
        selected={list.selected}
        offset={list.offset}
        height={body}
        columns={columns}
      />
    </Box>
  );
}
