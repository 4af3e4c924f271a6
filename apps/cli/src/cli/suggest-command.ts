import { COMMANDS } from './spec.ts';

function distance(a: string, b: string): number {
  // Levenshtein distance, one row at a time.
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? Number.POSITIVE_INFINITY;
}

/**
 * The command a mistyped word was probably meant to be (at most two edits away), or `null`.
 *
 * @example
 * suggestCommand('migrat') // 'migrate'
 * suggestCommand('deploy') // null
 */
export function suggestCommand(word: string): string | null {
  let best: { name: string; score: number } | null = null;
  for (const { name } of COMMANDS) {
    const score = distance(word.toLowerCase(), name);
    if (score <= 2 && (best === null || score < best.score)) best = { name, score };
  }
  return best?.name ?? null;
}
