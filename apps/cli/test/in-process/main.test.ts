import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testdir } from '@gao/tooling/test-utils';
import { describe, expect, it } from 'vitest';
import { FakeGaoDbError, fakeDatabase, fakeMigrator } from '../support/fake-migrator.ts';
import { THREE } from '../support/fixtures.ts';
import { runMain } from '../support/run-main.ts';

// The version printed is package.json's, so these tests survive `changeset version`.
const packageVersion = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

function setup() {
  const dir = testdir({});
  const db = fakeDatabase({ ...THREE });
  return { dir, db, io: { cwd: dir, openMigrator: fakeMigrator(db) } };
}

describe('main', () => {
  it('prints the version and help', async () => {
    expect(await runMain(['--version'])).toEqual({
      code: 0,
      stdout: `${packageVersion}\n`,
      stderr: '',
      asked: [],
    });
    const help = await runMain(['--help']);
    expect(help.code).toBe(0);
    expect(
      help.stdout.startsWith('gao-db <command> [options]\n\nSchema migrations for SQLite.\n\nCommands:\n'),
    ).toBe(true);
    expect(help.stdout).toContain('\nExamples:\n  gao-db migrate ');
    const narrow = await runMain(['status', '--help'], { columns: 60 });
    expect(narrow.stdout.split('\n').every((line) => line.length <= 60)).toBe(true);
  });

  it('rejects unknown commands and options with exit 2, as text or JSON', async () => {
    expect(await runMain(['frobnicate'])).toEqual({
      code: 2,
      stdout: '',
      stderr: "error: Unknown argument: frobnicate\nhint: Run 'gao-db --help' for usage.\n",
      asked: [],
    });
    expect((await runMain([])).stderr).toBe(
      "error: Choose a command.\nhint: Run 'gao-db --help' for usage.\n",
    );
    expect((await runMain(['migrat', '--yes'])).stderr).toBe(
      "error: Unknown arguments: yes, migrat\nhint: Did you mean 'gao-db migrate'? Run 'gao-db --help' for the commands.\n",
    );
    const json = await runMain(['status', '--json', '--jsno']);
    expect(json.code).toBe(2);
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout)).toEqual({
      error: {
        code: 'usage_error',
        message: 'Unknown argument: jsno',
        hint: "Run 'gao-db status --help' for usage.",
        exitCode: 2,
      },
    });
    const choices = await runMain(['repair', 'explode', '3']);
    expect(choices.stderr).toBe(
      'error: Invalid values: Argument: action, Given: "explode", Choices: "mark-applied", "mark-rolled-back", "accept-checksum"\n' +
        "hint: Run 'gao-db repair --help' for usage.\n",
    );
  });

  it('rejects a broken config file with exit 2 before opening anything', async () => {
    const dir = testdir({ 'gao-db.config.json': '{ "databse": "x.db" }' });
    const db = fakeDatabase({});
    const run = await runMain(['status'], { cwd: dir, openMigrator: fakeMigrator(db) });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `error: ${join(dir, 'gao-db.config.json')}: unknown key "databse" (known: database, migrations, logFile, busyTimeoutMs, backups).\n` +
        `hint: Fix ${join(dir, 'gao-db.config.json')}; docs/cli.md#where-things-are-configuration lists the keys.\n`,
    );
    expect(db.opened).toEqual([]);
    const json = JSON.parse((await runMain(['status', '--json'], { cwd: dir })).stdout);
    expect(json.error).toMatchObject({
      code: 'config_error',
      exitCode: 2,
      details: { file: join(dir, 'gao-db.config.json') },
    });
  });

  it('maps database errors to exit 4 with the hint', async () => {
    const { db, io } = setup();
    db.broken = new FakeGaoDbError('database_locked', 'The database gao.db is locked by another process.', {
      hint: 'Wait for the other gao-db to finish, or raise --busy-timeout.',
    });
    const run = await runMain(['migrate', '--yes'], io);
    expect(run.code).toBe(4);
    expect(run.stderr).toBe(
      'error: The database gao.db is locked by another process.\nhint: Wait for the other gao-db to finish, or raise --busy-timeout.\n',
    );
    for (const code of ['database_readonly', 'not_a_database', 'database_corrupt']) {
      db.broken = new FakeGaoDbError(code, code);
      expect((await runMain(['status'], io)).code, code).toBe(4);
    }
  });

  it('shows the stack of an unexpected error and calls it a bug', async () => {
    const { db, io } = setup();
    db.broken = new TypeError('x is not a function');
    const run = await runMain(['status'], io);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^error: x is not a function\nhint: This looks like a bug in gao-db\. Run the command again with --verbose for the stack trace and report it\.\nTypeError: x is not a function\n {4}at /,
    );
    db.broken = 'a string' as unknown as Error;
    const odd = await runMain(['status', '--json'], io);
    expect(JSON.parse(odd.stdout).error).toMatchObject({
      code: 'internal_error',
      message: 'a string',
      exitCode: 1,
    });
  });

  it('keeps going when the log file cannot be written', async () => {
    const { dir, db, io } = setup();
    const run = await runMain(['migrate', '--yes', '--log-file', join(dir, 'no', 'such', 'dir.log')], io);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      `warning: cannot write the log file ${join(dir, 'no', 'such', 'dir.log')} (ENOENT); continuing without it. Use --log-file PATH or --no-log-file.\n`,
    );
    expect(db.history.records).toHaveLength(3);
  });

  it('uses the real process when no io is given', async () => {
    const { main } = await import('../../src/main.ts');
    const writes: string[] = [];
    const original = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((text: string) => {
      writes.push(text);
      return true;
    }) as typeof process.stdout.write;
    try {
      expect(await main(['--version'])).toBe(0);
    } finally {
      process.stdout.write = original;
    }
    expect(writes).toEqual([`${packageVersion}\n`]);
  });
});
