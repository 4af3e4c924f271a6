import { formatDuration } from './format-duration.ts';
import type { Paint } from './paint.ts';

/**
 * One finished step: `  ✓ 001_initial  12 ms`, or `  ok 001_initial  12 ms` without colour.
 * `width` pads the id so durations line up.
 *
 * @example
 * formatStepLine('001_initial', 12, true, 11, createPaint(false)) // '  ok   001_initial  12 ms'
 */
export function formatStepLine(
  id: string,
  durationMs: number,
  ok: boolean,
  width: number,
  paint: Paint,
): string {
  const mark = paint.enabled ? (ok ? paint.green('✓') : paint.red('✗')) : ok ? 'ok  ' : 'FAIL';
  return `  ${mark} ${id.padEnd(width)}  ${paint.dim(formatDuration(durationMs))}`;
}
