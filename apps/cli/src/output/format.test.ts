import { describe, expect, it } from 'vitest';
import { displayPath } from './display-path.ts';
import { formatBytes, formatDuration } from './format-duration.ts';
import { formatStepLine } from './format-step-line.ts';
import { colorEnabled, createPaint } from './paint.ts';
import { table } from './table.ts';

describe('formatDuration', () => {
  it('prints 0 ms as 0 ms (the story printed N/A)', () => {
    expect(formatDuration(0)).toBe('0 ms');
    expect(formatDuration(12.4)).toBe('12 ms');
    expect(formatDuration(1534)).toBe('1.53 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(null)).toBe('-');
    expect(formatDuration(Number.NaN)).toBe('-');
  });

  it('formats sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(48_128)).toBe('47 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});

describe('colour', () => {
  it('decides by flag, NO_COLOR, FORCE_COLOR and terminal', () => {
    expect(colorEnabled(true, { NO_COLOR: '1' }, false)).toBe(true);
    expect(colorEnabled(false, {}, true)).toBe(false);
    expect(colorEnabled(undefined, { NO_COLOR: '1' }, true)).toBe(false);
    expect(colorEnabled(undefined, { NO_COLOR: '' }, true)).toBe(true);
    expect(colorEnabled(undefined, { FORCE_COLOR: '1' }, false)).toBe(true);
    expect(colorEnabled(undefined, { FORCE_COLOR: '0' }, true)).toBe(false);
    expect(colorEnabled(undefined, { TERM: 'dumb' }, true)).toBe(false);
    expect(colorEnabled(undefined, {}, false)).toBe(false);
  });

  it('paints only when enabled', () => {
    const on = createPaint(true);
    expect(on.green('ok')).toBe('\u001b[32mok\u001b[39m');
    expect([on.red('a'), on.yellow('a'), on.cyan('a'), on.dim('a'), on.bold('a')]).toEqual([
      '\u001b[31ma\u001b[39m',
      '\u001b[33ma\u001b[39m',
      '\u001b[36ma\u001b[39m',
      '\u001b[2ma\u001b[22m',
      '\u001b[1ma\u001b[22m',
    ]);
    expect(createPaint(false).green('ok')).toBe('ok');
  });
});

describe('lines', () => {
  it('prints finished steps with a plain fallback', () => {
    expect(formatStepLine('001_initial', 12, true, 14, createPaint(false))).toBe(
      '  ok   001_initial     12 ms',
    );
    expect(formatStepLine('002_x', 3, false, 5, createPaint(false))).toBe('  FAIL 002_x  3 ms');
    expect(formatStepLine('001_initial', 0, true, 11, createPaint(true))).toBe(
      '  \u001b[32m✓\u001b[39m 001_initial  \u001b[2m0 ms\u001b[22m',
    );
    expect(formatStepLine('x', 1, false, 1, createPaint(true))).toContain('✗');
  });

  it('lays out tables on visible width', () => {
    expect(
      table(
        [
          ['A', 'NAME'],
          [createPaint(true).green('long'), 'x'],
          ['b', ''],
        ],
        '  ',
      ),
    ).toEqual(['  A     NAME', '  \u001b[32mlong\u001b[39m  x', '  b']);
  });

  it('shows paths relative to the working folder when inside it', () => {
    expect(displayPath('/srv/app/demo.db', '/srv/app')).toBe('demo.db');
    expect(displayPath('/srv/app', '/srv/app')).toBe('.');
    expect(displayPath('/tmp/x.db', '/srv/app')).toBe('/tmp/x.db');
    expect(displayPath('/srv', '/srv/app')).toBe('/srv');
  });
});
