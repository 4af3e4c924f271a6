// The interactive UI in a real pseudo-terminal (tmux): the built binary, keys typed, screens read,
// and the database checked afterwards. Regenerate docs/screens/tty-*.txt with GAO_WRITE_SCREENS=1.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { testdir } from '@gao/tooling/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, DEMO_MIGRATIONS, normalise, SEED } from './support/spawn-cli.ts';
import { hasTmux, TmuxTerminal } from './support/tmux.ts';

const SCREENS = join(import.meta.dirname, '../../../docs/screens');
const available = hasTmux();
const ci = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';

/** The demo's migrations and its legacy database (001 applied by the story's runner). */
function demo(): string {
  const dir = testdir({});
  cpSync(DEMO_MIGRATIONS, join(dir, 'migrations'), { recursive: true });
  expect(spawnSync(process.execPath, [SEED, join(dir, 'demo.db')]).status).toBe(0);
  return dir;
}

const gaoDb = (args: string) => `'${process.execPath}' '${BIN}' --db demo.db --migrations migrations ${args}`;

/** The rows of schema_version and how many stories and projects the database holds. */
function database(dir: string) {
  const db = new DatabaseSync(join(dir, 'demo.db'), { readOnly: true });
  try {
    const versions = db.prepare('SELECT version, status FROM schema_version ORDER BY version').all();
    const count = (table: string) =>
      (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return {
      versions: versions.map((row) => `${row.version} ${row.status}`),
      stories: count('stories'),
      projects: count('projects'),
    };
  } finally {
    db.close();
  }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching colour escapes is the point
const FOREGROUND = /\u001b\[(3[0-7]|9[0-7]|38;[0-9;]+)m/;

const MIGRATED = {
  versions: ['001 success', '002 success', '003 success', '004 success'],
  stories: 60,
  projects: 3,
};

/** Saves a captured screen to docs/screens/ when GAO_WRITE_SCREENS=1 (trailing spaces trimmed). */
function saveScreen(name: string, title: string, screen: string, dir: string): void {
  if (process.env.GAO_WRITE_SCREENS !== '1') return;
  const text = normalise(screen, dir)
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n+$/, '');
  const rule = '-'.repeat(80);
  mkdirSync(SCREENS, { recursive: true });
  writeFileSync(join(SCREENS, name), `${title}\n${rule}\n${text}\n${rule}\n`);
}

let terminal: TmuxTerminal | null = null;
let sessions = 0;
function open(): TmuxTerminal {
  sessions += 1;
  terminal = new TmuxTerminal(`gao-db-e2e-${process.pid}-${sessions}`);
  return terminal;
}

afterEach(() => {
  terminal?.kill();
  expect(terminal?.alive() ?? false).toBe(false);
  terminal = null;
});

describe('tmux', () => {
  it.runIf(ci)('is installed on CI (.ci/run installs it)', () => {
    expect(available).toBe(true);
  });
});

describe.skipIf(!available)('gao-db in a real terminal (tmux)', () => {
  it('the dashboard: table, migrate with plan and confirmation, history, quit; resizes', async () => {
    const dir = demo();
    const term = open();
    term.start({ cwd: dir, command: gaoDb(''), env: { NO_COLOR: '1' } });
    const table = await term.waitFor('rows 1-4 of 4');
    expect(table).toContain('demo.db (140 KB) · journal delete · last backup none');
    expect(table).toMatch(/› 001 ✓ applied +initial_schema/);
    expect(table).toMatch(/ {2}002 · pending +add_story_priority/);
    expect(table).toContain('m migrate');

    term.resize(80, 24);
    const narrow = await term.waitFor(/^v validate {2}b backups {2}\? help {2}q quit/m);
    expect(narrow.split('\n').every((line) => line.length <= 80)).toBe(true);
    saveScreen(
      'tty-dashboard.txt',
      'gao-db (no command) in tmux, 80x24, NO_COLOR, on the seeded demo database:',
      narrow,
      dir,
    );

    term.keys('m');
    const plan = await term.waitFor('Apply 3 migrations to demo.db? y/N');
    expect(plan).toContain('Plan: apply 3 migrations (version 1 -> 4)');
    expect(plan).toMatch(/! 003 unify_database +rebuilds table episodes/);

    term.keys('y');
    await term.waitFor(/✓ Migrated to version 4: 3 migrations in \d/);
    // Then the table is read again, with the notice above it.
    const done = await term.waitFor(/ {2}004 ✓ applied/);
    expect(done).toMatch(/✓ Migrated to version 4: 3 migrations in \d/);
    expect(done).toMatch(/last backup \d{4}-\d\d-\d\d \d\d:\d\d \(pre-migrate\)/);
    expect(done).toMatch(/ {2}004 ✓ applied +backfill_search_terms/);
    saveScreen(
      'tty-migrate-done.txt',
      'The dashboard after m, y: the run finished (tmux, 80x24, NO_COLOR):',
      done,
      dir,
    );

    term.keys('h');
    const history = await term.waitFor('events 1-4 of 4');
    expect(history).toMatch(/checksum recorded 001 initial_schema/);
    expect(history).toMatch(/applied +004 backfill_search_te/);
    saveScreen('tty-history.txt', 'h: the history (tmux, 80x24, NO_COLOR):', history, dir);

    term.keys('q');
    await term.waitFor('rows 1-4 of 4');
    term.keys('q');
    const after = await term.waitFor('[exit 0]');
    // The alternate screen is gone; the last line on stderr says what happened.
    expect(after).toMatch(/gao-db: Migrated demo\.db to version 004: 3 migrations in \d/);

    expect(database(dir)).toEqual(MIGRATED);
    const log = readFileSync(join(dir, 'demo.db.gao-db.log'), 'utf8');
    for (const event of ['run_started', 'plan_ready', 'backup_created', 'apply_finished', 'done'])
      expect(log).toContain(`"event":"${event}"`);
    expect(
      readdirSync(join(dir, 'backups')).filter((name) => name.endsWith('.pre-migrate.bak')),
    ).toHaveLength(1);
  });

  it('the dashboard restores a backup: b, Enter, y; the database is as it was, with a safety copy', async () => {
    const dir = demo();
    const migrate = spawnSync(
      process.execPath,
      [BIN, '--db', 'demo.db', '--migrations', 'migrations', 'migrate', '--yes'],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(migrate.status, migrate.stderr).toBe(0);
    expect(database(dir)).toEqual(MIGRATED);
    const before = readdirSync(join(dir, 'backups'));
    expect(before.filter((name) => name.endsWith('.pre-migrate.bak'))).toHaveLength(1);

    const term = open();
    term.start({ cwd: dir, command: gaoDb(''), env: { NO_COLOR: '1' } });
    await term.waitFor('rows 1-4 of 4');
    term.keys('b');
    // The keys show at once; the list once the backups are read.
    expect(await term.waitFor(/› \d{4}-\d\d-\d\d \d\d:\d\d pre-migrate/)).toContain('Enter restore…');
    term.keys('Enter');
    const question = await term.waitFor('Replace demo.db with this backup?');
    expect(question).toContain('Restore demo.db from this backup?');
    term.keys('y');
    const restored = await term.waitFor(/ {2}002 · pending/);
    expect(restored).toMatch(/✓ Restored demo\.db from demo\.db\.[^ ]+\.pre-migrate\.bak\./);
    expect(restored).toContain('The database as it was before is kept as a pre-restore backup');
    term.keys('q');
    await term.waitFor('[exit 0]');

    // Back to the state before the migrate (001 from the story's runner), the migrated one kept.
    expect(database(dir).versions).toEqual(['001 success']);
    expect(
      readdirSync(join(dir, 'backups')).filter((name) => name.endsWith('.pre-restore.bak')),
    ).toHaveLength(1);
    const log = readFileSync(join(dir, 'demo.db.gao-db.log'), 'utf8');
    expect(log).toContain('"event":"restore_started"');
    expect(log).toContain('"event":"restored"');
  });

  it('quitting the dashboard during a rehearsal (t) ends it at the running migration and deletes the copy', async () => {
    // Each migration runs seconds of CPU: long enough to quit while the first one runs on the copy.
    const slow = (table: string) =>
      `CREATE TABLE ${table} (x INTEGER);\n` +
      'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 20000000)\n' +
      `INSERT INTO ${table} SELECT count(*) FROM c;\n`;
    const dir = testdir({
      'migrations/001_a.sql': slow('a'),
      'migrations/002_b.sql': slow('b'),
      'migrations/003_c.sql': slow('c'),
      'migrations/004_d.sql': slow('d'),
    });
    const temp = join(dir, 'tmp');
    mkdirSync(temp);
    const term = open();
    const command = `'${process.execPath}' '${BIN}' --db app.db --migrations migrations`;
    term.start({ cwd: dir, command, env: { NO_COLOR: '1', TMPDIR: temp } });
    await term.waitFor('rows 1-4 of 4');
    term.keys('t');
    await term.waitFor('Rehearsing on a copy of the database…');
    const copies = () => readdirSync(temp).filter((name) => name.startsWith('gao-db-rehearsal-'));
    for (let tries = 0; tries < 100 && copies().length === 0; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(copies()).toHaveLength(1);
    const pressed = performance.now();
    term.keys('C-c');
    await term.waitFor(/\[exit \d+\]/, 20_000);
    // Not the whole rehearsal (four migrations, then the checks): the one running when it was asked to stop.
    expect(performance.now() - pressed).toBeLessThan(6_000);
    expect(copies()).toEqual([]);
    expect(existsSync(join(dir, 'app.db'))).toBe(false);
  }, 30_000);

  it('gao-db migrate: the plan, the question, the progress, exit 0', async () => {
    const dir = demo();
    const term = open();
    term.start({ cwd: dir, command: gaoDb('migrate'), env: { NO_COLOR: '1' } });
    const plan = await term.waitFor('Apply 3 migrations to demo.db? y/N');
    expect(plan).toMatch(/ {2}002 add_story_priority/);
    term.keys('y');
    const done = await term.waitFor('[exit 0]');
    expect(done).toMatch(/Migrated to version 4: 3 migrations in \d/);
    expect(done).toContain('Migrating demo.db: version 1 -> 4');
    expect(done).toMatch(/█+ 3\/3 /);
    expect(done).toMatch(/✓ 002 add_story_priority +\d+ ms/);
    expect(done).toMatch(/✓ 004 backfill_search_terms +\d+ ms/);
    expect(database(dir)).toEqual(MIGRATED);
    const log = readFileSync(join(dir, 'demo.db.gao-db.log'), 'utf8');
    expect(log).toContain('"event":"run_started","command":"migrate"');
  });

  it('Ctrl+C during a migration: it is rolled back, nothing after it starts, exit 130; a rerun applies both', async () => {
    const dir = testdir({
      'migrations/001_slow.sql':
        // Seconds of CPU, a few bytes of disk: long enough to press Ctrl+C while it runs.
        'CREATE TABLE slow (x INTEGER);\n' +
        'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 30000000)\n' +
        'INSERT INTO slow SELECT count(*) FROM c;\n',
      'migrations/002_after.sql': 'CREATE TABLE after_slow (id INTEGER PRIMARY KEY);\n',
    });
    const term = open();
    const command = `'${process.execPath}' '${BIN}' --db app.db --migrations migrations migrate --yes`;
    term.start({ cwd: dir, command, env: { NO_COLOR: '1' } });
    // The statement runs on the migration thread: the screen keeps counting while it runs, and
    // takes Ctrl+C at once.
    const elapsed = (screen: string) => /Applying 001 slow \(([^)]+)\)/.exec(screen)?.[1];
    const first = elapsed(await term.waitFor(/Applying 001 slow \(\d/));
    let counting = false;
    for (let tries = 0; tries < 30 && !counting; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      counting = elapsed(term.screen()) !== first;
    }
    expect(counting, `the running migration's time moves on from ${first}`).toBe(true);
    term.keys('C-c');
    await term.waitFor('Stopping, cancelling 001 slow', 2_000);
    const screen = await term.waitFor('[exit 130]', 60_000);
    expect(screen.replace(/\s+/g, ' ')).toContain(
      'Stopped at your request after 0 of 2 migrations; 001 slow was rolled back.',
    );
    const tables = () => {
      const db = new DatabaseSync(join(dir, 'app.db'), { readOnly: true });
      try {
        expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
        const rows = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all();
        return rows.map((row) => row.name);
      } finally {
        db.close();
      }
    };
    // Nothing of the stopped migration stays (not even the history tables its transaction created).
    expect(tables()).toEqual([]);
    const rerun = spawnSync(
      process.execPath,
      [BIN, '--db', 'app.db', '--migrations', 'migrations', 'migrate', '--yes'],
      {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
    expect(rerun.status).toBe(0);
    expect(tables()).toEqual([
      'after_slow',
      'schema_version',
      'schema_version_events',
      'schema_version_objects',
      'slow',
    ]);
  }, 90_000);

  it('Ctrl+C twice: the process ends at once; status recovers the database, a rerun applies both', async () => {
    const dir = testdir({
      'migrations/001_slow.sql':
        'CREATE TABLE slow (x INTEGER);\n' +
        'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 30000000)\n' +
        'INSERT INTO slow SELECT x FROM c;\n',
      'migrations/002_after.sql': 'CREATE TABLE after_slow (id INTEGER PRIMARY KEY);\n',
    });
    const term = open();
    const cli = `'${process.execPath}' '${BIN}' --db app.db --migrations migrations`;
    term.start({ cwd: dir, command: `${cli} migrate --yes`, env: { NO_COLOR: '1' } });
    await term.waitFor(/Applying 001 slow \(\d/);
    term.keys('C-c');
    await term.waitFor('Ctrl+C again: stop at once.', 2_000);
    const pressed = Date.now();
    term.keys('C-c');
    const screen = await term.waitFor('[exit 130]', 5_000);
    // Well before the statement could have finished: the process did not wait for it.
    expect(Date.now() - pressed).toBeLessThan(3_000);
    expect(screen.replace(/\s+/g, ' ')).toContain(
      'Stopped at once after 0 of 2 migrations: 001 slow was not committed; SQLite rolls it back the next time the database is opened.',
    );
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [BIN, '--db', 'app.db', '--migrations', 'migrations', ...args], {
        cwd: dir,
        encoding: 'utf8',
      });
    // A read-only command opens it first: the killed transaction is rolled back, nothing of it stays.
    const status = run('status', '--json');
    expect(status.status, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout).counts).toMatchObject({ applied: 0, pending: 2 });
    expect(run('migrate', '--yes').status).toBe(0);
    expect(JSON.parse(run('status', '--json').stdout).counts).toMatchObject({ applied: 2, pending: 0 });
  }, 90_000);

  it('the migration thread keeps the Node options gao-db was started with (an --import loader)', async () => {
    const dir = testdir({
      'preload.mjs': "globalThis.gaoPreload = 'loaded';\n",
      'migrations/001_options.ts': `import type { DatabaseSync } from 'node:sqlite';
export function up(db: DatabaseSync): void {
  db.exec('CREATE TABLE seen (value TEXT)');
  db.prepare('INSERT INTO seen VALUES (?)').run(String((globalThis as { gaoPreload?: string }).gaoPreload));
}
`,
    });
    const term = open();
    const command = `'${process.execPath}' --import ./preload.mjs '${BIN}' --db app.db --migrations migrations migrate --yes`;
    term.start({ cwd: dir, command, env: { NO_COLOR: '1' } });
    await term.waitFor('[exit 0]', 20_000);
    const db = new DatabaseSync(join(dir, 'app.db'), { readOnly: true });
    try {
      expect(db.prepare('SELECT value FROM seen').all()).toEqual([{ value: 'loaded' }]);
    } finally {
      db.close();
    }
  }, 30_000);

  it('gao-db migrate: n refuses with exit 2 and changes nothing; rollback --yes runs at once', async () => {
    const dir = demo();
    const term = open();
    term.start({ cwd: dir, command: gaoDb('migrate'), env: { NO_COLOR: '1' } });
    await term.waitFor('y/N');
    term.keys('n');
    await term.waitFor('[exit 2]');
    expect(database(dir).versions).toEqual(['001 success']);
    term.kill();

    expect(
      spawnSync(
        process.execPath,
        [BIN, '--db', 'demo.db', '--migrations', 'migrations', 'migrate', '--yes'],
        { cwd: dir },
      ).status,
    ).toBe(0);
    const again = open();
    again.start({ cwd: dir, command: gaoDb('rollback --yes'), env: { NO_COLOR: '1' } });
    const done = await again.waitFor('[exit 0]');
    expect(done).toMatch(/Rolled back to version 3: 1 migration in \d/);
    expect(database(dir).versions).toEqual(['001 success', '002 success', '003 success']);
  });

  it('gao-db status renders the Ink table; with colour the states keep their symbols', async () => {
    const dir = demo();
    const term = open();
    term.start({ cwd: dir, command: gaoDb('status'), env: { NO_COLOR: '1' } });
    const plain = await term.waitFor('[exit 0]');
    expect(plain).toMatch(/VER STATE +NAME/);
    expect(plain).toMatch(/001 ✓ applied +initial_schema/);
    expect(plain).toMatch(/004 · pending +backfill_search_terms/);
    // NO_COLOR: bold stays (it is not colour), no foreground colour is set.
    expect(term.screen(true)).not.toMatch(FOREGROUND);
    term.kill();

    const coloured = open();
    coloured.start({ cwd: dir, command: gaoDb('status') });
    await coloured.waitFor('[exit 0]');
    const screen = coloured.screen(true);
    expect(screen).toMatch(FOREGROUND);
    expect(coloured.screen()).toMatch(/001 ✓ applied/);
    expect(coloured.screen()).toMatch(/002 · pending/);
  });

  it('piped output stays plain even when stdin is a terminal', async () => {
    const dir = demo();
    const term = open();
    term.start({ cwd: dir, command: `${gaoDb('status')} | cat`, env: { NO_COLOR: '1' } });
    const screen = await term.waitFor('[exit 0]');
    expect(screen).toMatch(/ {2}VERSION {2}NAME +STATE +APPLIED \(UTC\)/);
    expect(screen).not.toMatch(/VER STATE/);
  });
});

// So a skipped run says why.
if (!available && !ci && !existsSync('/usr/bin/tmux'))
  console.warn('e2e-tty: tmux is not installed; skipped.');
