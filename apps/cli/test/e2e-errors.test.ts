import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { testdir } from '@gao/tooling/test-utils';
import { describe, expect, it } from 'vitest';
import { BIN, normalise, spawnCli } from './support/spawn-cli.ts';

const UP_DOWN = (up: string, down: string) => `-- migrate:up\n${up}\n-- migrate:down\n${down}\n`;
const FILES = {
  'migrations/001_users.sql': UP_DOWN(
    'CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);',
    'DROP TABLE users;',
  ),
  'migrations/002_posts.sql': UP_DOWN(
    'CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id) ON DELETE CASCADE);',
    'DROP TABLE posts;',
  ),
};

describe('exit codes and errors a user meets', () => {
  it('0: nothing to do; 2: usage errors and refusals, before anything runs', () => {
    const dir = testdir(FILES);
    expect(spawnCli(['migrate', '--yes'], { cwd: dir }).code).toBe(0);
    const again = spawnCli(['migrate', '--yes'], { cwd: dir });
    expect(again).toEqual({
      code: 0,
      stderr: '',
      stdout:
        'Database:    gao.db (version 002)\nMigrations:  migrations\nAlready up to date at version 002.\n',
    });
    expect(spawnCli(['frobnicate'], { cwd: dir })).toEqual({
      code: 2,
      stdout: '',
      stderr: "error: Unknown argument: frobnicate\nhint: Run 'gao-db --help' for usage.\n",
    });
    expect(spawnCli(['rollback', '1', '--to', '0'], { cwd: dir })).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'error: N and --to cannot be used together: give how many to undo, or the version to go back to.\n' +
        "hint: Run 'gao-db rollback --help' for usage.\n",
    });
    expect(spawnCli(['migrate', '--to', 'latest'], { cwd: dir }).stderr).toBe(
      "error: --to must be a whole number, got 'latest'.\nhint: Run 'gao-db migrate --help' for usage.\n",
    );
  });

  it('3 for status and validate on a broken file, while history still reads the event log', () => {
    const dir = testdir(FILES);
    expect(spawnCli(['migrate', '--yes'], { cwd: dir }).code).toBe(0);
    writeFileSync(join(dir, 'migrations/003_broken.sql'), '-- migrate:down\nDROP TABLE x;\n');
    expect(spawnCli(['status'], { cwd: dir }).code).toBe(3);
    expect(spawnCli(['validate'], { cwd: dir }).code).toBe(3);
    const history = spawnCli(['history', '--json'], { cwd: dir });
    expect(history.code).toBe(0);
    const events = (JSON.parse(history.stdout) as { events: { version: number }[] }).events;
    expect(events.map((event) => event.version)).toEqual([1, 2]);
  });

  it('2: a non-interactive shell (no TTY, or CI) without --yes is refused, naming --yes', () => {
    const dir = testdir(FILES);
    const run = spawnCli(['migrate'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe(
      'Database:    gao.db (does not exist yet: it will be created)\nMigrations:  migrations\nPlan: apply 2 migrations (none -> 002):\n  001_users.sql\n  002_posts.sql\n',
    );
    expect(run.stderr).toBe(
      'error: gao-db migrate changes the database and needs confirmation, but this shell is not interactive. Nothing was changed.\n' +
        "hint: Run 'gao-db migrate --yes' to go ahead without a question.\n",
    );
    expect(existsSync(join(dir, 'gao.db'))).toBe(false);
    const json = spawnCli(['rollback', '--json'], { cwd: dir, env: { CI: 'true' } });
    expect(json.code).toBe(4);
    expect(JSON.parse(json.stdout).error.code).toBe('database_not_found');
  });

  it('1: a failing migration names the file, keeps earlier ones, records the failure', () => {
    const dir = testdir({
      ...FILES,
      'migrations/003_broken.sql': 'CREATE TABLE tags (id INTEGER);\n\nALTER TABLE nope ADD COLUMN x TEXT;\n',
    });
    const run = spawnCli(['migrate', '--yes', '--no-backup'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(normalise(run.stdout, dir)).toBe(`Database:    gao.db (does not exist yet: it will be created)
Migrations:  migrations
Plan: apply 3 migrations (none -> 003):
  001_users.sql
  002_posts.sql
  003_broken.sql
  ok   001_users   N ms
  ok   002_posts   N ms
  FAIL 003_broken  N ms
`);
    const [first, ...rest] = run.stderr.split('\n');
    expect(first).toBe(
      'error: Migration 003_broken.sql failed at line 3 (ALTER TABLE nope ADD COLUMN x TEXT;): no such table: nope',
    );
    expect(rest.join('\n')).toContain(`Details are in ${dir}/gao.db.gao-db.log.`);
    expect(run.stderr).not.toContain('    at ');
    const status = JSON.parse(spawnCli(['status', '--json'], { cwd: dir }).stdout);
    expect(status.migrations.map((m: { state: string }) => m.state)).toEqual([
      'applied',
      'applied',
      'failed',
    ]);
    expect(status.migrations[2].error).toBe(
      'no such table: nope (line 3: ALTER TABLE nope ADD COLUMN x TEXT;)',
    );
    const log = readFileSync(join(dir, 'gao.db.gao-db.log'), 'utf8');
    expect(log).toContain('"event":"apply_failed"');
    expect(log).toContain('"stack":"');
    const verbose = spawnCli(['migrate', '--yes', '--no-backup', '--verbose'], { cwd: dir });
    expect(verbose.code).toBe(1);
    expect(verbose.stderr).toContain('    at ');
    const json = spawnCli(['migrate', '--yes', '--json', '--no-backup'], { cwd: dir });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).error).toMatchObject({
      code: 'migration_failed',
      version: 3,
      file: '003_broken.sql',
      exitCode: 1,
      statement: { line: 3, sql: 'ALTER TABLE nope ADD COLUMN x TEXT;' },
    });
  });

  it('3: an edited applied migration, duplicate versions, out-of-order files', () => {
    const dir = testdir(FILES);
    expect(spawnCli(['migrate', '--yes'], { cwd: dir }).code).toBe(0);
    writeFileSync(
      join(dir, 'migrations/001_users.sql'),
      UP_DOWN('CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);', 'DROP TABLE users;'),
    );
    const edited = spawnCli(['migrate', '--yes'], { cwd: dir });
    expect(edited.code).toBe(3);
    expect(edited.stderr).toMatch(
      /^error: migrate found 1 problem; nothing was changed.\n {2}- checksum_mismatch {2}.*001_users.sql.*\n {4}hint: .+\n$/,
    );
    const validate = spawnCli(['validate', '--json'], { cwd: dir });
    expect(validate.code).toBe(3);
    expect(JSON.parse(validate.stdout).problems[0]).toMatchObject({
      code: 'checksum_mismatch',
      version: 1,
      file: '001_users.sql',
    });
    expect(spawnCli(['repair', 'accept-checksum', '1', '--yes'], { cwd: dir }).code).toBe(0);
    expect(spawnCli(['validate'], { cwd: dir })).toEqual({
      code: 0,
      stderr: '',
      stdout: 'No problems: migrations and the database agree.\n',
    });
    writeFileSync(join(dir, 'migrations/002_again.sql'), 'SELECT 1;');
    const duplicate = spawnCli(['validate'], { cwd: dir });
    expect(duplicate.code).toBe(3);
    expect(duplicate.stdout).toContain('duplicate_version');
    expect(duplicate.stdout).toContain('002_again.sql');
  });

  it('3: a TypeScript migration Node cannot strip (enum) is found by validate and refused by migrate', () => {
    const dir = testdir({
      ...FILES,
      'migrations/003_colors.ts':
        'enum Color { Red }\nexport function up(db) { db.exec("SELECT " + Color.Red); }\n',
    });
    const validate = spawnCli(['validate', '--json'], { cwd: dir });
    expect(validate.code).toBe(3);
    expect(JSON.parse(validate.stdout).problems).toEqual([
      expect.objectContaining({ code: 'typescript_syntax', file: '003_colors.ts' }),
    ]);
    const migrate = spawnCli(['migrate', '--yes'], { cwd: dir });
    expect(migrate.code).toBe(3);
    expect(migrate.stderr).toMatch(/^error: 003_colors\.ts uses TypeScript syntax .+\nhint: .*enum.*\n$/);
    expect(existsSync(join(dir, 'gao.db'))).toBe(false);
  });

  it('3: VACUUM or COMMIT in a migration that runs in a transaction is refused before anything runs', () => {
    const dir = testdir({
      ...FILES,
      'migrations/003_compact.sql':
        '-- migrate:up\nCREATE TRIGGER t AFTER INSERT ON users BEGIN SELECT 1; END;\nVACUUM;\n',
      'migrations/004_rebuild.sql':
        '-- migrate:up\nPRAGMA foreign_keys = OFF;\nCREATE TABLE n (id INTEGER);\n',
    });
    const validate = spawnCli(['validate', '--json'], { cwd: dir });
    expect(validate.code).toBe(3);
    expect(JSON.parse(validate.stdout).problems).toEqual([
      expect.objectContaining({
        code: 'needs_transaction_false',
        file: '003_compact.sql',
        line: 3,
        statement: 'VACUUM',
      }),
    ]);
    // status shows it too (and exits 0: it reports, validate fails).
    const status = spawnCli(['status', '--json'], { cwd: dir });
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout).problems).toEqual([
      expect.objectContaining({ code: 'needs_transaction_false', version: 3, line: 3 }),
    ]);
    const migrate = spawnCli(['migrate', '--yes'], { cwd: dir });
    expect(migrate.code).toBe(3);
    expect(migrate.stderr).toMatch(
      /- needs_transaction_false +Migration 3 \(003_compact\.sql\) runs VACUUM at line 3, which SQLite cannot run inside a transaction\.\n {4}hint: Run it outside a transaction: put it in a migration of its own and mark that part `-- migrate:up transaction:false`\.\n/,
    );
    expect(existsSync(join(dir, 'gao.db'))).toBe(false);
    // Without 003, the plan runs; the pragma that does nothing is a warning, in validate too.
    writeFileSync(
      join(dir, 'migrations', '003_compact.sql'),
      '-- migrate:up\nCREATE TABLE c (id INTEGER);\n',
    );
    const pragma =
      'Migration 4 (004_rebuild.sql) runs PRAGMA foreign_keys = OFF at line 2, which SQLite ignores inside the transaction the migration runs in.';
    const checked = spawnCli(['validate', '--no-color'], { cwd: dir });
    expect(checked.code).toBe(0);
    expect(checked.stdout).toMatch(
      /^No problems: migrations and the database agree\.\n1 warning:\n {2}- foreign_keys_pragma +/,
    );
    expect(checked.stdout).toContain(pragma);
    // A down part is checked too: the rollback's plan would be refused, so validate says so.
    writeFileSync(
      join(dir, 'migrations', '005_down.sql'),
      '-- migrate:up\nCREATE TABLE d (id INTEGER);\n-- migrate:down\nDROP TABLE d;\nCOMMIT;\n',
    );
    const warned = spawnCli(['migrate', '--yes', '--no-backup'], { cwd: dir });
    expect(warned.code).toBe(0);
    expect(warned.stderr).toContain(`${pragma} (foreign_keys_pragma)`);
    const downs = spawnCli(['validate', '--json'], { cwd: dir });
    expect(downs.code).toBe(3);
    expect(JSON.parse(downs.stdout)).toMatchObject({
      ok: false,
      problems: [{ code: 'transaction_control', file: '005_down.sql', line: 5, statement: 'COMMIT' }],
      warnings: [],
    });
  });

  it('3: validate also loads applied code migrations: one that no longer loads could not be rolled back', () => {
    const dir = testdir({
      ...FILES,
      'migrations/003_tags.mjs':
        "import { TABLE } from './lib/names.mjs';\nexport function up(db) { db.exec('CREATE TABLE ' + TABLE + ' (id INTEGER)'); }\nexport function down(db) { db.exec('DROP TABLE ' + TABLE); }\n",
      'migrations/lib/names.mjs': "export const TABLE = 'tags';\n",
    });
    expect(spawnCli(['migrate', '--yes'], { cwd: dir }).code).toBe(0);
    expect(spawnCli(['validate'], { cwd: dir }).code).toBe(0);
    // The migration file itself is unchanged (its checksum still matches); what it imports is gone.
    writeFileSync(join(dir, 'migrations/lib/names.mjs'), 'export const OTHER = 1;\n');
    const validate = spawnCli(['validate', '--json'], { cwd: dir });
    expect(validate.code).toBe(3);
    expect(JSON.parse(validate.stdout).problems).toEqual([
      expect.objectContaining({ code: 'module_load_failed', file: '003_tags.mjs' }),
    ]);
  });

  it('lists files that are not migrations, with the reason', () => {
    const dir = testdir({ ...FILES, 'migrations/3-bad-name.sql': 'SELECT 1;', 'migrations/notes.txt': 'x' });
    const run = spawnCli(['status', '--json'], { cwd: dir });
    expect(run.code).toBe(0);
    const ignored = JSON.parse(run.stdout).ignored;
    expect(ignored.map((file: { file: string }) => file.file).sort()).toEqual([
      '3-bad-name.sql',
      'notes.txt',
    ]);
    expect(ignored.every((file: { message: string }) => file.message.length > 20)).toBe(true);
  });

  it('4: a locked database (after --busy-timeout), not a database, missing for history', () => {
    const dir = testdir(FILES);
    expect(spawnCli(['migrate', '--yes', '--no-backup'], { cwd: dir }).code).toBe(0);
    writeFileSync(
      join(dir, 'migrations/003_more.sql'),
      UP_DOWN('CREATE TABLE more (id INTEGER);', 'DROP TABLE more;'),
    );
    const holder = new DatabaseSync(join(dir, 'gao.db'));
    holder.exec('BEGIN IMMEDIATE');
    try {
      const locked = spawnCli(['migrate', '--yes', '--no-backup', '--busy-timeout', '200'], { cwd: dir });
      expect(locked.code).toBe(4);
      expect(locked.stderr).toMatch(/^error: .*lock/i);
      expect(locked.stderr).toMatch(/\nhint: .+/);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    writeFileSync(
      join(dir, 'junk.db'),
      'this is not a database, just text that is long enough to have a header page',
    );
    const junk = spawnCli(['status', '--db', 'junk.db'], { cwd: dir });
    expect(junk.code).toBe(4);
    expect(junk.stderr).toMatch(/^error: .*junk\.db/);
    expect(junk.stderr).toMatch(/\nhint: .+/);
    const missing = spawnCli(['history', '--db', 'nope.db'], { cwd: dir });
    expect(missing.code).toBe(4);
    expect(missing.stderr).toContain('nope.db');
    expect(existsSync(join(dir, 'nope.db'))).toBe(false);
  });

  it('4: a read-only database file (run as an unprivileged user)', () => {
    const dir = testdir(FILES);
    expect(spawnCli(['migrate', '--yes', '--no-backup', '--to', '1'], { cwd: dir }).code).toBe(0);
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'gao.db'), 0o444);
    if (process.getuid?.() !== 0) {
      const run = spawnCli(['migrate', '--yes', '--no-backup', '--no-log-file'], { cwd: dir });
      expect(run.code).toBe(4);
      return;
    }
    // Root ignores file modes: drop to nobody for this run.
    const args = ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN];
    const run = spawnSync('setpriv', [...args, 'migrate', '--yes', '--no-backup', '--no-log-file'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(4);
    expect(run.stderr).toMatch(/^error: .*(read-only|readonly)/i);
    expect(run.stderr).not.toContain('Fix 002');
  });

  it('status and validate never create the database; status shows everything pending', () => {
    const dir = testdir(FILES);
    const run = spawnCli(['status'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("gao.db (does not exist yet: 'gao-db migrate' creates it)");
    expect(run.stdout).toContain('2 pending.');
    expect(spawnCli(['validate'], { cwd: dir }).code).toBe(0);
    expect(existsSync(join(dir, 'gao.db'))).toBe(false);
  });
});

describe('configuration precedence, end to end', () => {
  it('flag > environment > config file > defaults', () => {
    const dir = testdir({
      'project/gao-db.config.json': '{ "database": "data/config.db", "migrations": "db" }',
      'project/db/.keep': '',
      'project/src/envm/.keep': '',
      'project/src/flagm/.keep': '',
    });
    const where = (args: string[], env: Record<string, string> = {}) => {
      const run = spawnCli(['status', '--json', ...args], { cwd: join(dir, 'project', 'src'), env });
      expect(run.code, run.stdout + run.stderr).toBe(0);
      const { database, migrationsDir } = JSON.parse(run.stdout);
      return [database.replace(dir, ''), migrationsDir.replace(dir, '')];
    };
    expect(where([])).toEqual(['/project/data/config.db', '/project/db']);
    expect(where([], { GAO_DB_PATH: 'env.db', GAO_DB_MIGRATIONS: 'envm' })).toEqual([
      '/project/src/env.db',
      '/project/src/envm',
    ]);
    expect(where(['--db', 'flag.db', '--migrations', 'flagm'], { GAO_DB_PATH: 'env.db' })).toEqual([
      '/project/src/flag.db',
      '/project/src/flagm',
    ]);
    const bare = testdir({ 'migrations/.keep': '' });
    const run = spawnCli(['status', '--json'], { cwd: bare });
    expect(JSON.parse(run.stdout)).toMatchObject({
      database: `${bare}/gao.db`,
      migrationsDir: `${bare}/migrations`,
    });
  });
});

describe('a round trip that does not come back (migrate --rehearse --round-trip)', () => {
  it('1: names what the down part leaves behind, in text and JSON; the database is not changed', () => {
    const dir = testdir({
      'gao-db.config.json': '{ "database": "app.db", "migrations": "migrations" }',
      'migrations/001_users.sql':
        '-- migrate:up\nCREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);\nCREATE INDEX users_email\n  ON users (email);\n-- migrate:down\nDROP INDEX IF EXISTS users_old;\n',
    });
    const text = spawnCli(['migrate', '--rehearse', '--round-trip', '--no-color'], { cwd: dir });
    expect(text.code).toBe(1);
    expect(text.stderr).toBe('error: The rehearsal failed; the real database was not changed.\n');
    expect(normalise(text.stdout, dir)).toContain(`Down parts, newest first:
  ok   001_users  N ms
Schema:             2 differences
  added index users_email: CREATE INDEX users_email ON users (email)
  added table users: CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT)
Rows:               as before the migrations
Up parts again:
  FAIL 001_users  N ms
      table users already exists
`);
    const json = spawnCli(['migrate', '--rehearse', '--round-trip', '--json'], { cwd: dir });
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report.ok).toBe(false);
    expect(report.roundTrip.notUndone.map((d: { name: string }) => d.name)).toEqual(['users_email', 'users']);
    expect(report.roundTrip.upAgain[0]).toMatchObject({ version: 1, ok: false });
    // users exists only after: a schema difference, not a row count one.
    expect(report.roundTrip.rowsNotUndone).toEqual([]);
    expect(existsSync(join(dir, 'app.db'))).toBe(false);
  });
});

describe('a schema changed by hand', () => {
  it('status names it (text and JSON) and validate warns, exit 0; a migration that records the schema again clears it', () => {
    const dir = testdir(FILES);
    expect(spawnCli(['migrate', '--yes', '--no-backup'], { cwd: dir }).code).toBe(0);
    const db = new DatabaseSync(join(dir, 'gao.db'));
    db.exec('CREATE INDEX users_email ON users (email); ALTER TABLE users ADD COLUMN nick TEXT;');
    db.close();
    const text = spawnCli(['status', '--no-color'], { cwd: dir });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /\nSchema changed outside gao-db \(2\):\n {2}Changed by hand since gao-db recorded the schema after its last change \(applied 002_posts at [^)]+\):\n {2}index users_email created: CREATE INDEX users_email ON users \(email\)\n {2}table users changed:\n {4}column nick added: TEXT\n {4}before: CREATE TABLE users \(id INTEGER PRIMARY KEY, email TEXT NOT NULL\)\n {4}now: {4}CREATE TABLE users \(id INTEGER PRIMARY KEY, email TEXT NOT NULL, nick TEXT\)\n {2}hint: /,
    );
    const json = JSON.parse(spawnCli(['status', '--json'], { cwd: dir }).stdout);
    expect(json.schemaDrift).toMatchObject({
      since: { kind: 'applied', version: 2, migrationName: '002_posts' },
      changes: [
        {
          type: 'index',
          name: 'users_email',
          change: 'added',
          before: null,
          after: 'CREATE INDEX users_email ON users (email)',
        },
        {
          type: 'table',
          name: 'users',
          change: 'changed',
          columns: [{ column: 'nick', change: 'added', before: null, after: 'TEXT' }],
        },
      ],
    });
    expect(json.schemaDrift.current).not.toBe(json.schemaDrift.recorded);
    // validate warns (exit 0): CI sees it too.
    const validated = spawnCli(['validate', '--json'], { cwd: dir });
    expect(validated.code).toBe(0);
    expect(JSON.parse(validated.stdout).warnings).toEqual([
      expect.objectContaining({
        code: 'schema_drift',
        version: 2,
        eventKind: 'applied',
        message: expect.stringMatching(
          /: changed by hand since: index users_email created and table users changed \(column nick added\)\.$/,
        ),
        changes: [
          { type: 'index', name: 'users_email', change: 'added' },
          { type: 'table', name: 'users', change: 'changed', columns: [{ column: 'nick', change: 'added' }] },
        ],
      }),
    ]);
    // The index written into a migration: applied, the schema is recorded again.
    writeFileSync(
      join(dir, 'migrations', '003_users_email.sql'),
      UP_DOWN('CREATE INDEX IF NOT EXISTS users_email ON users (email);', 'DROP INDEX users_email;'),
    );
    expect(spawnCli(['migrate', '--yes', '--no-backup'], { cwd: dir }).code).toBe(0);
    expect(JSON.parse(spawnCli(['status', '--json'], { cwd: dir }).stdout).schemaDrift).toBeNull();
    expect(JSON.parse(spawnCli(['validate', '--json'], { cwd: dir }).stdout).warnings).toEqual([]);
    expect(spawnCli(['status', '--no-color'], { cwd: dir }).stdout).not.toContain('Schema changed');
  });
});
