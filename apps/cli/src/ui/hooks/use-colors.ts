import { useContext } from 'react';
import { ColorContext } from '../color-context.ts';

/** A colour name Ink's `<Text color>` accepts. */
export type UiColor = 'green' | 'cyan' | 'blue' | 'red' | 'yellow' | 'magenta' | 'gray';

/**
 * Returns `paint(color)`: the colour to pass to `<Text color>`, or `undefined` when colour is off
 * (`NO_COLOR`), so every meaning must also be carried by a symbol or a word.
 *
 * @example
 * const paint = useColors();
 * <Text color={paint('red')}>✗ failed</Text>
 */
export function useColors(): (color: UiColor) => UiColor | undefined {
  const enabled = useContext(ColorContext);
  return (color) => (enabled ? color : undefined);
}
