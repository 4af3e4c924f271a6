import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { testdir } from '@gao/tooling/test-utils';
import { describe, expect, it } from 'vitest';
import { createBackup, listBackups, pruneBackups, restoreBackup } from './backup.ts';
import { backupNamePrefix } from './backup-owner.ts';

/** A clock that moves one second per call. */
function ticking(): () => Date {
  let t = Date.parse('2026-11-24T07:58:00.000Z');
  return () => {
    t += 1000;
    return new Date(t);
  };
}

function database(path: string, marker: string): DatabaseSync {
  mkdirSync(join(path, '..'), { recursive: true });
  const db = new DatabaseSync(path);
  db.exec(
    `CREATE TABLE IF NOT EXISTS who (name TEXT); DELETE FROM who; INSERT INTO who VALUES ('${marker}');`,
  );
  return db;
}

function whoIn(path: string): unknown {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return db.prepare('SELECT name FROM who').get();
  } finally {
    db.close();
  }
}

describe('backups of databases with the same file name in one folder', () => {
  it('list, restore and prune only their own database', async () => {
    const root = testdir();
    const shared = join(root, 'bk');
    const pathA = join(root, 'a', 'app.db');
    const pathB = join(root, 'b', 'app.db');
    const a = database(pathA, 'a');
    const b = database(pathB, 'b');
    const now = ticking();
    const options = { dir: shared, reason: 'manual', keep: 2, now };
    const ofA = [];
    for (let i = 0; i < 2; i++) ofA.push(await createBackup(a, { ...options, databasePath: pathA }));
    // b's backups are newer: with shared names, b's retention would delete a's and "latest" be b's.
    for (let i = 0; i < 3; i++) await createBackup(b, { ...options, databasePath: pathB });
    a.close();
    b.close();

    expect(listBackups(shared, pathA).map((info) => info.path)).toEqual([ofA[1]?.path, ofA[0]?.path]);
    expect(listBackups(shared, pathB)).toHaveLength(2);
    expect(readdirSync(shared)).toHaveLength(4);
    for (const info of listBackups(shared, pathB)) expect(whoIn(info.path)).toEqual({ name: 'b' });
    const [latestOfA] = listBackups(shared, pathA);
    await restoreBackup(pathA, latestOfA?.path ?? '', { dir: shared, keep: 2 });
    expect(whoIn(pathA)).toEqual({ name: 'a' });
    expect(listBackups(shared, pathB)).toHaveLength(2); // a's retention left b's alone
  });

  it('keeps plain names in the default folder, so backups taken before tags existed still count', async () => {
    const root = testdir();
    const path = join(root, 'app.db');
    const backups = join(root, 'backups');
    const legacy = 'app.db.2020-01-01T00-00-00-000Z.pre-migrate.bak';
    mkdirSync(backups);
    writeFileSync(join(backups, legacy), 'old');
    const db = database(path, 'x');
    const info = await createBackup(db, { dir: backups, databasePath: path, reason: 'manual', keep: 2 });
    db.close();
    expect(basename(info.path)).toMatch(/^app\.db\.\d{4}-\d{2}-\d{2}T[\d-]+Z\.manual\.bak$/);
    expect(listBackups(backups, path).map((entry) => basename(entry.path))).toEqual([
      basename(info.path),
      legacy,
    ]);
    expect(pruneBackups(backups, path, 1).map((entry) => basename(entry.path))).toEqual([legacy]);
  });

  it('ignores, and never prunes, untagged names in a folder other databases may share', async () => {
    const root = testdir();
    const shared = join(root, 'bk');
    const path = join(root, 'a', 'app.db');
    const untagged = 'app.db.2020-01-01T00-00-00-000Z.pre-migrate.bak';
    mkdirSync(shared);
    writeFileSync(join(shared, untagged), 'whose?');
    const db = database(path, 'a');
    const now = ticking();
    for (let i = 0; i < 3; i++)
      await createBackup(db, { dir: shared, databasePath: path, reason: 'manual', keep: 1, now });
    db.close();
    const listed = listBackups(shared, path);
    expect(listed).toHaveLength(1);
    expect(basename(listed[0]?.path ?? '')).toMatch(/^app\.db\.[0-9a-f]{8}\.\d{4}-/);
    expect(readdirSync(shared).sort()).toEqual([basename(listed[0]?.path ?? ''), untagged].sort());
  });

  it('tags by the path seen from the folder: a project moved with its backups keeps its tag', () => {
    expect(backupNamePrefix('/srv/app/backups', '/srv/app/app.db')).toBe('app.db');
    const here = backupNamePrefix('/srv/one/bk', '/srv/one/data/app.db');
    expect(here).toMatch(/^app\.db\.[0-9a-f]{8}$/);
    expect(backupNamePrefix('/home/me/one/bk', '/home/me/one/data/app.db')).toBe(here);
    expect(backupNamePrefix('/srv/one/bk', '/srv/two/data/app.db')).not.toBe(here);
  });
});
