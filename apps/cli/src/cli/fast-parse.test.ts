import { describe, expect, it } from 'vitest';
import { fastParse } from './fast-parse.ts';
import { yargsParse } from './yargs-parse.ts';

describe('fastParse', () => {
  it('reads commands, positionals and options', () => {
    expect(fastParse(['status', '--json'])).toEqual({
      command: 'status',
      positionals: {},
      options: { json: true },
    });
    expect(fastParse(['--db', 'a.db', 'rollback', '2', '-y', '--no-backup', '--no-log-file'])).toEqual({
      command: 'rollback',
      positionals: { n: '2' },
      options: { db: 'a.db', yes: true, backup: false, 'log-file': false },
    });
    expect(fastParse(['migrate', '--to=3', '--busy-timeout', '100', '--no-color'])).toEqual({
      command: 'migrate',
      positionals: {},
      options: { to: '3', 'busy-timeout': '100', color: false },
    });
    expect(fastParse(['history', '--limit', '3', '--limit', '5'])?.options).toEqual({ limit: '5' });
    expect(fastParse(['repair', 'mark-applied', '4'])?.positionals).toEqual({
      action: 'mark-applied',
      version: '4',
    });
  });

  it('leaves anything unusual to yargs', () => {
    for (const args of [
      [],
      ['--help'],
      ['status', '--help'],
      ['status', '-h'],
      ['frobnicate'],
      ['status', '--jsno'],
      ['status', 'extra'],
      ['new'],
      ['repair', 'explode', '4'],
      ['status', '--db'],
      ['status', '--db', '--json'],
      ['status', '--json=yes'],
      ['status', '--no-json'],
      ['status', '--no-db=x'],
      ['status', '-yq'],
      ['status', '--to', '3'],
      ['--to', '3', 'migrate'],
      ['--json'],
    ]) {
      expect(fastParse(args), args.join(' ')).toBeNull();
    }
  });

  it('agrees with yargs on everything it parses', () => {
    for (const args of [
      ['status', '--json'],
      ['migrate', '--yes', '--dry-run', '--to', '003', '--allow-out-of-order', '--no-backup'],
      ['migrate', '--rehearse', '--db', 'x.db', '--migrations', 'm', '--config', 'c.json'],
      ['rollback', '2', '--verbose', '--log-file', 'l.log'],
      ['rollback', '--to', '1', '-y', '--quiet', '--color'],
      ['history', '--limit', '3', '--busy-timeout', '10'],
      ['new', 'add users', '--ts'],
      ['validate', '--no-color', '--json'],
      ['baseline', '3', '--yes'],
      ['repair', 'accept-checksum', '2'],
      ['backup', 'create'],
      ['backup'],
      ['restore', 'latest', '--yes'],
      ['--db', 'a.db', 'status'],
    ]) {
      const fast = fastParse(args);
      expect(fast, args.join(' ')).not.toBeNull();
      expect(yargsParse(args, 100), args.join(' ')).toEqual({ kind: 'run', invocation: fast });
    }
  });
});
