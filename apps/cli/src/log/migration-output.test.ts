import { describe, expect, it, vi } from 'vitest';
import type { Log, LogEntry } from './log-file.ts';
import { consoleOnStderr, migrationLogger } from './migration-output.ts';

function target(quiet: boolean) {
  let stderr = '';
  const entries: LogEntry[] = [];
  const log: Log = {
    path: '/tmp/x.log',
    write: (entry) => {
      entries.push(entry);
      return true;
    },
  };
  return {
    stderr: { write: (text: string) => (stderr += text) },
    log,
    quiet,
    printed: () => stderr,
    entries,
  };
}

describe('migrationLogger', () => {
  it('prints each message on stderr and logs it', () => {
    const out = target(false);
    const logger = migrationLogger(out);
    logger.info('added slugs', { posts: 3 });
    logger.warn('2 titles were empty');
    logger.error('gave up on 1 row');
    expect(out.printed()).toBe(
      'added slugs {"posts":3}\nwarning: 2 titles were empty\nerror: gave up on 1 row\n',
    );
    expect(out.entries).toEqual([
      { level: 'info', event: 'migration_log', message: 'added slugs', fields: { posts: 3 } },
      { level: 'warn', event: 'migration_log', message: '2 titles were empty' },
      { level: 'error', event: 'migration_log', message: 'gave up on 1 row' },
    ]);
  });

  it('leaves info off stderr with --quiet, but logs it', () => {
    const out = target(true);
    const logger = migrationLogger(out);
    logger.info('added slugs');
    logger.warn('careful');
    expect(out.printed()).toBe('warning: careful\n');
    expect(out.entries).toHaveLength(2);
  });
});

describe('consoleOnStderr', () => {
  it('sends console.log to stderr while the work runs, then restores it', async () => {
    const original = console.log;
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const result = await consoleOnStderr(async () => {
        await Promise.resolve();
        console.log('from a migration');
        return 42;
      });
      expect(result).toBe(42);
      expect(stderr.mock.calls.map(([text]) => String(text)).join('')).toBe('from a migration\n');
    } finally {
      stderr.mockRestore();
    }
    expect(console.log).toBe(original);
  });

  it('restores the console when the work throws, and nests', () => {
    const original = console.info;
    expect(() =>
      consoleOnStderr(() =>
        consoleOnStderr(() => {
          throw new Error('boom');
        }),
      ),
    ).toThrow('boom');
    expect(console.info).toBe(original);
  });
});
