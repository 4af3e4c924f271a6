import { useInput } from 'ink';
import { type ScrollList, useScrollList } from './use-scroll-list.ts';

/**
 * A list to choose one of `items` from: the scroll keys move the selection, Enter chooses it, q or
 * Esc go back. Shared by the rollback chooser and the backups screen.
 *
 * @example
 * const list = useChooser(choices, 10, (choice) => plan(choice.count), back);
 */
export function useChooser<T>(
  items: readonly T[],
  height: number,
  onChoose: (item: T) => void,
  onBack: () => void,
): ScrollList {
  const list = useScrollList(items.length, height);
  useInput((input, key) => {
    if (list.onKey(input, key)) return;
    const item = items[list.selected];
    if (key.return && item !== undefined) onChoose(item);
    else if (input === 'q' || key.escape) onBack();
  });
  return list;
}
