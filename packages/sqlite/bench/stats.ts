/** The median of `values` (the mean of the middle two for an even count); `NaN` when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** `12.3` style: one decimal below 100, none above. */
export function formatMs(ms: number): string {
  if (Number.isNaN(ms)) return 'n/a';
  return ms < 100 ? ms.toFixed(1) : ms.toFixed(0);
}
