import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/cli/spec.ts';
import { spawnCli } from './support/spawn-cli.ts';

// The version printed is package.json's, so these tests survive `changeset version`.
const packageVersion = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

const cwd = process.cwd();

describe('help', () => {
  it('gao-db --help lists the commands, options, examples and exit codes', () => {
    expect(spawnCli(['--help'], { cwd })).toEqual({
      code: 0,
      stderr: '',
      stdout: `gao-db <command> [options]

Schema migrations for SQLite.

Commands:
  gao-db migrate                    Apply the pending migrations
  gao-db rollback [n]               Undo the last N applied migrations (default 1)
  gao-db status                     Show the current version and the state of every migration
  gao-db history                    Show the event log: applies, failures and rollbacks
  gao-db new <name>                 Create the next-numbered migration file
  gao-db validate                   List every problem the planner sees; exit 3 if there is one
  gao-db baseline <version>         Mark migrations up to V applied without running them
  gao-db repair <action> <version>  Record a decision: a half-applied migration, an edited file
  gao-db backup [action]            List the backups of the database, or create one
  gao-db restore <backup>           Replace the database with one of its backups

Global options:
      --db            The database file [env: GAO_DB_PATH] (default: ./gao.db)
      --migrations    The migrations folder [env: GAO_DB_MIGRATIONS] (default: ./migrations)
      --config        A gao-db.config.json (default: the nearest one from the working folder up)
      --json          Print one JSON document on stdout
      --log-file      Log changes to PATH (default: <db>.gao-db.log; --no-log-file: none)
      --verbose       Show stack traces and full error messages
      --quiet         Print only errors and warnings
      --busy-timeout  How long to wait for another gao-db holding the lock (default: 5000)
      --color         Colour the output (default: on a terminal; --no-color or NO_COLOR: off)
  -h, --help          Show help

Examples:
  gao-db migrate                    Show the plan, ask, then apply everything pending
  gao-db rollback                   Undo the newest applied migration
  gao-db status                     Applied, pending, failed, changed and missing migrations
  gao-db history --limit 10         The ten newest events
  gao-db new add_users              Create migrations/NNN_add_users.sql
  gao-db validate --json            For CI: problems as JSON, exit code 3 when any
  gao-db baseline 3                 Adopt an existing database whose schema matches version 3
  gao-db repair mark-rolled-back 5  Migration 5 failed halfway; you undid its changes
  gao-db backup                     List backups, newest first
  gao-db restore latest             Restore the newest backup

Exit codes: 0 success, 1 a migration failed, 2 usage or configuration error,
3 problems block the command, 4 database locked, read-only, corrupt or missing.
In a terminal, gao-db with no command opens the dashboard.
Documentation: docs/cli.md
`,
    });
  });

  it('gao-db rollback --help shows its options, the global ones and examples', () => {
    expect(spawnCli(['rollback', '--help'], { cwd })).toEqual({
      code: 0,
      stderr: '',
      stdout: `gao-db rollback [n]

Undo the last N applied migrations (default 1)

Positionals:
  n  How many migrations to undo

Options:
      --to              Undo every migration above version V
  -y, --yes             Do not ask for confirmation (needed in scripts and CI)
      --dry-run         Print the plan and the SQL that would run; change nothing
      --rehearse        Run the rollback on a temporary copy and report timings and checks
      --backup          Back up the database before changing it (--no-backup to skip)
      --all-or-nothing  Run every migration of the run in one transaction: all commit, or none does

Global options:
      --db            The database file [env: GAO_DB_PATH] (default: ./gao.db)
      --migrations    The migrations folder [env: GAO_DB_MIGRATIONS] (default: ./migrations)
      --config        A gao-db.config.json (default: the nearest one from the working folder up)
      --json          Print one JSON document on stdout
      --log-file      Log changes to PATH (default: <db>.gao-db.log; --no-log-file: none)
      --verbose       Show stack traces and full error messages
      --quiet         Print only errors and warnings
      --busy-timeout  How long to wait for another gao-db holding the lock (default: 5000)
      --color         Colour the output (default: on a terminal; --no-color or NO_COLOR: off)
  -h, --help          Show help

Examples:
  gao-db rollback                    Undo the newest applied migration
  gao-db rollback 2 --yes            Undo the two newest without asking
  gao-db rollback --to 1             Undo everything above version 1
  gao-db rollback --to 1 --rehearse  Try the rollback on a copy of the database first

Exit codes: 0 success, 1 a migration failed, 2 usage or configuration error,
3 problems block the command, 4 database locked, read-only, corrupt or missing.
In a terminal, gao-db with no command opens the dashboard.
Documentation: docs/cli.md
`,
    });
  });

  it('every command has help with its examples', () => {
    for (const command of COMMANDS) {
      const run = spawnCli([command.name, '--help'], { cwd });
      expect(run.code, command.name).toBe(0);
      expect(run.stdout.startsWith(`gao-db ${command.name}`)).toBe(true);
      for (const [example, description] of command.examples) {
        expect(run.stdout).toContain(`\n  ${example}  `);
        expect(run.stdout).toContain(`  ${description}\n`);
      }
      expect(run.stdout.split('\n').every((line) => line.length <= 100)).toBe(true);
    }
  });

  it('gao-db --version prints the version', () => {
    expect(spawnCli(['--version'], { cwd })).toEqual({ code: 0, stderr: '', stdout: `${packageVersion}\n` });
  });
});
