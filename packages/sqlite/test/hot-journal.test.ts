import { spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { testdir, writeTree } from '@gao/tooling/test-utils';
import { describe, expect, it } from 'vitest';
import { runWorker, type WorkerExit } from './helpers/spawn-worker.ts';

const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;

/** A writer killed with SIGKILL inside its transaction: what Ctrl+C or `kill -9` of a migrate leaves. */
async function killedWriter(database: string): Promise<void> {
  const script = `
    const { DatabaseSync } = require('node:sqlite');
    const db = new DatabaseSync(process.argv[1]);
    // A tiny page cache spills to the file mid-transaction: the journal is synced and hot, as after
    // a large migration (a journal never synced is ignored by readers).
    db.exec("PRAGMA cache_size = 5; BEGIN IMMEDIATE; CREATE TABLE half (n); INSERT INTO half WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 50000) SELECT i FROM r; DELETE FROM items;");
    process.stdout.write('ready\\n');
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', script, database], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`the writer exited early (${code})`)));
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

function describeExit(exit: WorkerExit): string {
  return `exit ${exit.code ?? exit.signal}: ${JSON.stringify(exit.error)} ${exit.stderr.slice(0, 400)}`;
}

/** A database with one committed row (rollback-journal mode) and a writer killed mid-transaction. */
async function interrupted(dir: string): Promise<{ database: string; migrationsDir: string }> {
  const database = join(dir, 'app.db');
  const migrationsDir = join(dir, 'migrations');
  writeTree(migrationsDir, { '001_a.sql': 'CREATE TABLE a (id INTEGER);\n' });
  const db = new DatabaseSync(database);
  db.exec("CREATE TABLE items (label TEXT); INSERT INTO items VALUES ('kept');");
  db.close();
  await killedWriter(database);
  expect(existsSync(`${database}-journal`), 'the killed writer left its journal').toBe(true);
  return { database, migrationsDir };
}

describe('a journal left by a killed writer', () => {
  it('is rolled back by a read-only command that may write the file: status works after Ctrl+C', async () => {
    const { database, migrationsDir } = await interrupted(testdir());
    const exit = await runWorker({ action: 'inspect', database, migrationsDir, busyTimeoutMs: 1000 });
    expect(exit.code, describeExit(exit)).toBe(0);
    expect(existsSync(`${database}-journal`)).toBe(false);
    // The rollback restored the last committed state: the killed transaction left nothing.
    const db = new DatabaseSync(database, { readOnly: true });
    expect(db.prepare('SELECT label FROM items').all()).toEqual([{ label: 'kept' }]);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'half'").get()).toEqual({ n: 0 });
    db.close();
  });

  it.skipIf(!isRoot)('is database_readonly, naming the fix, when the folder cannot be written', async () => {
    const dir = testdir();
    const { database, migrationsDir } = await interrupted(dir);
    chmodSync(dir, 0o755); // root-owned: nobody may read here, not write
    chownSync(migrationsDir, NOBODY, NOBODY);
    const exit = await runWorker(
      { action: 'inspect', database, migrationsDir, busyTimeoutMs: 300 },
      { uid: NOBODY, gid: NOBODY },
    );
    expect(exit.code, describeExit(exit)).not.toBe(0);
    expect(exit.error, describeExit(exit)).toMatchObject({
      code: 'database_readonly',
      message: expect.stringContaining('leftover journal'),
    });
    expect(existsSync(`${database}-journal`)).toBe(true);
  });
});
