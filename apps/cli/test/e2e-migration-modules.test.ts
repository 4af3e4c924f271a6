import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testdir } from '@gao/tooling/test-utils';
import { describe, expect, it } from 'vitest';
import { spawnCli } from './support/spawn-cli.ts';

const TABLE = '-- migrate:up\nCREATE TABLE t (id INTEGER);\n-- migrate:down\nDROP TABLE t;\n';

describe('code migrations from the command line', () => {
  it('refuses a module from `gao-db new` until its up() is written, before anything runs', () => {
    const dir = testdir({ 'migrations/001_t.sql': TABLE });
    const version = () => JSON.parse(spawnCli(['status', '--json'], { cwd: dir }).stdout).currentVersion;
    for (const [kind, before, after] of [
      ['--ts', null, 2],
      ['--js', 2, 3],
    ] as const) {
      const created = spawnCli(['new', 'seed', kind, '--json'], { cwd: dir });
      expect(created.code).toBe(0);
      const { file } = JSON.parse(created.stdout) as { file: string };
      const validate = spawnCli(['validate', '--json'], { cwd: dir });
      expect(validate.code).toBe(3);
      expect(JSON.parse(validate.stdout).problems).toMatchObject([{ code: 'module_invalid', file }]);
      const migrate = spawnCli(['migrate', '--yes', '--json'], { cwd: dir });
      expect(migrate.code).toBe(3);
      expect(JSON.parse(migrate.stdout).error).toMatchObject({ code: 'module_invalid', file });
      // Nothing ran (the first time, not even 001 before it).
      expect(version()).toBe(before);
      // Written: the code lines uncommented (not the note above them), with a body.
      const path = join(dir, 'migrations', file);
      const written = readFileSync(path, 'utf8')
        .replace(/^\/\/ (?=export|\s|\}|\/\*\*)/gm, '')
        .replace('db.exec(`', `db.exec(\`CREATE TABLE IF NOT EXISTS seeded (id INTEGER);`);
      writeFileSync(path, written);
      const applied = spawnCli(['migrate', '--yes', '--json', '--no-backup'], { cwd: dir });
      expect(applied.stderr).toBe('');
      expect(applied.code).toBe(0);
      expect(version()).toBe(after);
    }
  });

  it('keeps --json output clean of what a migration prints, which goes to stderr', () => {
    const dir = testdir({
      'migrations/001_a.mjs':
        'console.log("loading");\n' +
        'export function up(db, ctx) {\n' +
        '  console.log("hello");\n' +
        '  console.info("info");\n' +
        '  ctx.logger.info("created a", { rows: 0 });\n' +
        '  ctx.logger.warn("careful");\n' +
        '  db.exec("CREATE TABLE a (id)");\n' +
        '}\n',
    });
    const run = spawnCli(['migrate', '--yes', '--json', '--no-backup'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ command: 'migrate', finalVersion: 1 });
    expect(run.stderr).toBe('loading\nhello\ninfo\ncreated a {"rows":0}\nwarning: careful\n');
    // The logger's lines are in the log file too; --quiet hides its info line, not its warning.
    const log = readFileSync(join(dir, 'gao.db.gao-db.log'), 'utf8');
    expect(log).toContain('"event":"migration_log","message":"created a","fields":{"rows":0}');
    expect(log).toContain('"level":"warn","event":"migration_log","message":"careful"');
    writeFileSync(
      join(dir, 'migrations', '002_b.mjs'),
      'export function up(db, ctx) { ctx.logger.info("quiet"); ctx.logger.warn("loud"); }\n',
    );
    const quiet = spawnCli(['migrate', '--yes', '--quiet', '--no-backup'], { cwd: dir });
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('warning: loud\n');
  });

  it('names .mjs and "type": "module" when Node loaded a migration as CommonJS', () => {
    const dir = testdir({
      'package.json': '{ "type": "commonjs" }',
      'migrations/001_a.js': 'export function up(db) { db.exec("CREATE TABLE a (id)"); }\n',
    });
    const run = spawnCli(['migrate', '--yes', '--json'], { cwd: dir });
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout).error).toMatchObject({
      code: 'module_load_failed',
      hint: 'Node loaded 001_a.js as CommonJS: rename it to .mjs (.mts for TypeScript), which is always an ES module, or set "type": "module" in the nearest package.json.',
    });
    // And `gao-db new --js` there writes a file Node loads as an ES module.
    const created = spawnCli(['new', 'b', '--js', '--json'], { cwd: dir });
    expect(JSON.parse(created.stdout)).toMatchObject({ file: '002_b.mjs', kind: 'js' });
  });
});
