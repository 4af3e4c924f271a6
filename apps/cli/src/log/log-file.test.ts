import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testdir } from '@gao/tooling/test-utils';
import { describe, expect, it } from 'vitest';
import { NO_LOG, openLog } from './log-file.ts';

const now = () => new Date('2026-11-24T08:00:00.000Z');

describe('openLog', () => {
  it('appends JSON lines with time first', () => {
    const dir = testdir({});
    const path = join(dir, 'a.log');
    const log = openLog(path, { write: () => {} }, now);
    expect(
      log.write({ level: 'info', event: 'apply_finished', version: 1, name: '001_a', duration_ms: 0 }),
    ).toBe(true);
    log.write({ level: 'error', event: 'error', error: 'boom', stack: 'Error: boom' });
    expect(log.path).toBe(path);
    expect(readFileSync(path, 'utf8')).toBe(
      '{"time":"2026-11-24T08:00:00.000Z","level":"info","event":"apply_finished","version":1,"name":"001_a","duration_ms":0}\n' +
        '{"time":"2026-11-24T08:00:00.000Z","level":"error","event":"error","error":"boom","stack":"Error: boom"}\n',
    );
  });

  it('warns once and carries on when the file cannot be written', () => {
    const dir = testdir({});
    const path = join(dir, 'missing-folder', 'a.log');
    let warnings = '';
    const log = openLog(path, { write: (text: string) => (warnings += text) }, now);
    // false: the entry is not in the file (so no "Details are in" pointing to it).
    expect(log.write({ level: 'info', event: 'x' })).toBe(false);
    expect(log.write({ level: 'info', event: 'y' })).toBe(false);
    expect(warnings).toBe(
      `warning: cannot write the log file ${path} (ENOENT); continuing without it. Use --log-file PATH or --no-log-file.\n`,
    );
  });

  it('writes nothing when off', () => {
    expect(openLog(null, { write: () => {} }, now)).toBe(NO_LOG);
    expect(NO_LOG.write({ level: 'info', event: 'x' })).toBe(false);
    expect(NO_LOG.path).toBeNull();
  });
});
