import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { testdir } from '@gao/tooling/test-utils';
import { describe, expect, it } from 'vitest';
import { openImmutableForTest } from '../test/helpers/db-snapshot.ts';
import { createBackup } from './backup.ts';
import { withTemporaryCopy } from './rehearse-copy.ts';

/** How long the writer writes at most: a copy that restarts on every write ends only when it stops. */
const WRITER_MS = 6000;
/** Far below WRITER_MS, far above the ~0.1 s a 20 MB copy takes. */
const BOUND_MS = 3000;

/** A ~20 MB database (about 5,000 pages: several 1,000-page backup steps) with a `log` table. */
function seeded(mode: 'delete' | 'wal'): string {
  const path = join(testdir(), 'app.db');
  const db = new DatabaseSync(path);
  db.exec(`PRAGMA journal_mode = ${mode};
    CREATE TABLE blobs (b BLOB);
    CREATE TABLE log (id INTEGER PRIMARY KEY, at INTEGER);
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
    INSERT INTO blobs SELECT randomblob(3900) FROM n;`);
  db.close();
  return path;
}

/**
 * Starts another process that inserts a row about every millisecond (each its own transaction, so
 * every one changes the file between backup steps) until stopped or WRITER_MS passes. Resolves once
 * it has written 20 rows; `stop()` resolves with the number of rows it wrote.
 */
async function startWriter(path: string): Promise<{ stop(): Promise<number> }> {
  const script = `
    const { DatabaseSync } = require('node:sqlite');
    const db = new DatabaseSync(${JSON.stringify(path)}, { timeout: 10000 });
    db.exec('PRAGMA synchronous = OFF');
    let written = 0;
    const end = () => { db.close(); process.stdout.write('done ' + written + '\\n'); process.exit(0); };
    process.stdin.on('data', end);
    setTimeout(end, ${WRITER_MS});
    const write = () => {
      db.exec('INSERT INTO log (at) VALUES (1)');
      if (++written === 20) process.stdout.write('writing\\n');
      setTimeout(write, 1);
    };
    write();`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8');
  const exited = new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
    });
    child.on('exit', (code) =>
      code === 0 ? resolve(Number(/done (\d+)/.exec(out)?.[1])) : reject(new Error(`writer exited ${code}`)),
    );
  });
  await new Promise<void>((ready, reject) => {
    child.stdout.on('data', () => {
      if (out.includes('writing')) ready();
    });
    exited.then(() => reject(new Error('writer stopped before writing')), reject);
  });
  return {
    stop() {
      child.stdin.write('stop\n');
      return exited;
    },
  };
}

describe('copies while another process writes continuously', () => {
  it.each(['delete', 'wal'] as const)(
    'a backup finishes in bounded time, in one pass, with a consistent copy (%s mode)',
    async (mode) => {
      const path = seeded(mode);
      const writer = await startWriter(path);
      const db = new DatabaseSync(path, { timeout: 5000 });
      const progress: number[] = [];
      const started = performance.now();
      const info = await createBackup(db, {
        dir: join(path, '..', 'backups'),
        databasePath: path,
        reason: 'pre-migrate',
        onProgress: (copied) => progress.push(copied),
      });
      const elapsed = performance.now() - started;
      db.close();
      const written = await writer.stop();

      expect(elapsed).toBeLessThan(BOUND_MS);
      // One pass: a step per 1,000 pages and the final report; a restart would start again from 0.
      const totalPages = progress.at(-1) ?? 0;
      expect(progress.length).toBeLessThanOrEqual(Math.ceil(totalPages / 1000) + 1);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
      expect(written).toBeGreaterThan(20);
      const copy = openImmutableForTest(info.path);
      expect(copy.prepare('PRAGMA quick_check').get()).toEqual({ quick_check: 'ok' });
      expect(copy.prepare('SELECT count(*) AS n FROM blobs').get()).toEqual({ n: 5000 });
      copy.close();
    },
    15_000,
  );

  it.each(['delete', 'wal'] as const)(
    'the rehearsal copy finishes in bounded time (%s mode)',
    async (mode) => {
      const path = seeded(mode);
      const writer = await startWriter(path);
      const started = performance.now();
      const rows = await withTemporaryCopy(path, async (copy) => {
        const db = new DatabaseSync(copy.path, { readOnly: true });
        try {
          return db.prepare('SELECT count(*) AS n FROM blobs').get();
        } finally {
          db.close();
        }
      });
      const elapsed = performance.now() - started;
      await writer.stop();
      expect(elapsed).toBeLessThan(BOUND_MS);
      expect(rows).toEqual({ n: 5000 });
    },
    15_000,
  );
});
