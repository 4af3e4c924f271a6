import { useEffect, useState } from 'react';

/**
 * Milliseconds since `startedAt` on the `now` clock, re-rendering every `intervalMs` while `active`.
 *
 * @example
 * const elapsed = useElapsed(startedAt, performance.now.bind(performance), phase === 'running');
 */
export function useElapsed(startedAt: number, now: () => number, active: boolean, intervalMs = 200): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!active) return undefined;
    const timer = setInterval(() => setTick((tick) => tick + 1), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs]);
  return Math.max(0, now() - startedAt);
}
