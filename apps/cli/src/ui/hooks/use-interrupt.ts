import { useInput } from 'ink';
import { useEffect, useRef } from 'react';
import type { InterruptSource } from '../types.ts';

/**
 * Calls `handler` on Ctrl+C: the key (stdin in raw mode, where Ink was told not to exit by itself)
 * and SIGINT from `source` (a signal sent by another process). Only while `isActive`.
 *
 * @example
 * useInterrupt(() => run.stop(), { isActive: phase === 'running', source: process });
 */
export function useInterrupt(
  handler: () => void,
  options: { readonly isActive: boolean; readonly source: InterruptSource | null },
): void {
  const latest = useRef(handler);
  latest.current = handler;
  const { isActive, source } = options;
  useInput(
    (input, key) => {
      if (key.ctrl && input === 'c') latest.current();
    },
    { isActive },
  );
  useEffect(() => {
    if (!isActive || source === null) return undefined;
    const listener = () => latest.current();
    source.on('SIGINT', listener);
    return () => {
      source.off('SIGINT', listener);
    };
  }, [isActive, source]);
}
