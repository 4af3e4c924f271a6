/**
 * The command line, declared once as data. Both parsers (the fast one for scripted runs and yargs for
 * help and error messages) are built from it, so they cannot drift apart.
 */

/** How an option's value is read. Numbers are read as text and checked by `validate-invocation.ts`. */
export type OptionKind = 'boolean' | 'string';

/** One `--option`. */
export interface OptionSpec {
  readonly name: string;
  readonly kind: OptionKind;
  readonly description: string;
  /** A one-letter alias (`-y`). */
  readonly alias?: string;
  /** Placeholder shown in help (`PATH`). */
  readonly value?: string;
  /** `--no-<name>` is accepted: for booleans it means `false`, for strings "off" (`--no-log-file`). */
  readonly negatable?: boolean;
  /** Boolean default shown in help. */
  readonly defaultValue?: boolean;
}

/** One positional argument. */
export interface PositionalSpec {
  readonly name: string;
  readonly description: string;
  readonly required: boolean;
  readonly choices?: readonly string[];
}

/** One command. */
export interface CommandSpec {
  readonly name: CommandName;
  readonly summary: string;
  readonly positionals: readonly PositionalSpec[];
  readonly options: readonly OptionSpec[];
  readonly examples: readonly (readonly [command: string, description: string])[];
}

/** The names of the commands. */
export type CommandName =
  | 'migrate'
  | 'rollback'
  | 'status'
  | 'history'
  | 'new'
  | 'validate'
  | 'baseline'
  | 'repair'
  | 'backup'
  | 'restore';

const yes: OptionSpec = {
  name: 'yes',
  alias: 'y',
  kind: 'boolean',
  description: 'Do not ask for confirmation (needed in scripts and CI)',
};
const backup: OptionSpec = {
  name: 'backup',
  kind: 'boolean',
  negatable: true,
  defaultValue: true,
  description: 'Back up the database before changing it (--no-backup to skip)',
};
const dryRun: OptionSpec = {
  name: 'dry-run',
  kind: 'boolean',
  description: 'Print the plan and the SQL that would run; change nothing',
};
const allOrNothing: OptionSpec = {
  name: 'all-or-nothing',
  kind: 'boolean',
  description: 'Run every migration of the run in one transaction: all commit, or none does',
};
const to: OptionSpec = { name: 'to', kind: 'string', value: 'V', description: 'Stop at version V' };

/** Options every command accepts. */
export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'db',
    kind: 'string',
    value: 'PATH',
    description: 'The database file [env: GAO_DB_PATH] (default: ./gao.db)',
  },
  {
    name: 'migrations',
    kind: 'string',
    value: 'DIR',
    description: 'The migrations folder [env: GAO_DB_MIGRATIONS] (default: ./migrations)',
  },
  {
    name: 'config',
    kind: 'string',
    value: 'FILE',
    description: 'A gao-db.config.json (default: the nearest one from the working folder up)',
  },
  { name: 'json', kind: 'boolean', description: 'Print one JSON document on stdout' },
  {
    name: 'log-file',
    kind: 'string',
    value: 'PATH',
    negatable: true,
    description: 'Log changes to PATH (default: <db>.gao-db.log; --no-log-file: none)',
  },
  { name: 'verbose', kind: 'boolean', description: 'Show stack traces and full error messages' },
  { name: 'quiet', kind: 'boolean', description: 'Print only errors and warnings' },
  {
    name: 'busy-timeout',
    kind: 'string',
    value: 'MS',
    description: 'How long to wait for another gao-db holding the lock (default: 5000)',
  },
  {
    name: 'color',
    kind: 'boolean',
    negatable: true,
    description: 'Colour the output (default: on a terminal; --no-color or NO_COLOR: off)',
  },
];

/** Every command, in the order `--help` lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'migrate',
    summary: 'Apply the pending migrations',
    positionals: [],
    options: [
      to,
      yes,
      dryRun,
      {
        name: 'rehearse',
        kind: 'boolean',
        description: 'Run the plan on a temporary copy and report timings and checks',
      },
      {
        name: 'round-trip',
        kind: 'boolean',
        description: 'With --rehearse: then run the down parts and the up parts again, comparing schemas',
      },
      backup,
      {
        name: 'allow-out-of-order',
        kind: 'boolean',
        description: 'Also apply pending migrations older than the newest applied one',
      },
      allOrNothing,
    ],
    examples: [
      ['gao-db migrate', 'Show the plan, ask, then apply everything pending'],
      ['gao-db migrate --yes', 'Apply without asking (scripts and CI)'],
      ['gao-db migrate --to 3 --dry-run', 'Print the SQL that would bring the database to version 3'],
      ['gao-db migrate --rehearse', 'Try the migrations on a copy of the database first'],
      ['gao-db migrate --rehearse --round-trip', 'Also prove on the copy that their down parts undo them'],
      ['gao-db migrate --all-or-nothing --yes', 'Apply everything pending in one transaction, or nothing'],
    ],
  },
  {
    name: 'rollback',
    summary: 'Undo the last N applied migrations (default 1)',
    positionals: [{ name: 'n', description: 'How many migrations to undo', required: false }],
    options: [
      { ...to, description: 'Undo every migration above version V' },
      yes,
      dryRun,
      {
        name: 'rehearse',
        kind: 'boolean',
        description: 'Run the rollback on a temporary copy and report timings and checks',
      },
      backup,
      allOrNothing,
    ],
    examples: [
      ['gao-db rollback', 'Undo the newest applied migration'],
      ['gao-db rollback 2 --yes', 'Undo the two newest without asking'],
      ['gao-db rollback --to 1', 'Undo everything above version 1'],
      ['gao-db rollback --to 1 --rehearse', 'Try the rollback on a copy of the database first'],
    ],
  },
  {
    name: 'status',
    summary: 'Show the current version and the state of every migration',
    positionals: [],
    options: [],
    examples: [
      ['gao-db status', 'Applied, pending, failed, changed and missing migrations'],
      ['gao-db status --json', 'The same as one JSON document'],
    ],
  },
  {
    name: 'history',
    summary: 'Show the event log: applies, failures and rollbacks',
    positionals: [],
    options: [{ name: 'limit', kind: 'string', value: 'K', description: 'Show only the newest K events' }],
    examples: [['gao-db history --limit 10', 'The ten newest events']],
  },
  {
    name: 'new',
    summary: 'Create the next-numbered migration file',
    positionals: [{ name: 'name', description: 'What the migration does, e.g. add_users', required: true }],
    options: [
      { name: 'sql', kind: 'boolean', description: 'A SQL migration with up and down sections (default)' },
      { name: 'ts', kind: 'boolean', description: 'A TypeScript migration exporting up and down' },
      { name: 'js', kind: 'boolean', description: 'A JavaScript migration exporting up and down' },
    ],
    examples: [
      ['gao-db new add_users', 'Create migrations/NNN_add_users.sql'],
      ['gao-db new backfill_emails --ts', 'Create migrations/NNN_backfill_emails.ts'],
    ],
  },
  {
    name: 'validate',
    summary: 'List every problem the planner sees; exit 3 if there is one',
    positionals: [],
    options: [],
    examples: [['gao-db validate --json', 'For CI: problems as JSON, exit code 3 when any']],
  },
  {
    name: 'baseline',
    summary: 'Mark migrations up to V applied without running them',
    positionals: [
      { name: 'version', description: 'The version the database already matches', required: true },
    ],
    options: [yes],
    examples: [['gao-db baseline 3', 'Adopt an existing database whose schema matches version 3']],
  },
  {
    name: 'repair',
    summary: 'Record a decision: a half-applied migration, an edited file',
    positionals: [
      {
        name: 'action',
        description: 'What to record',
        required: true,
        choices: ['mark-applied', 'mark-rolled-back', 'accept-checksum'],
      },
      { name: 'version', description: 'The migration to repair', required: true },
    ],
    options: [yes],
    examples: [
      ['gao-db repair mark-rolled-back 5', 'Migration 5 failed halfway; you undid its changes'],
      ['gao-db repair mark-applied 5', 'Migration 5 failed halfway; you finished it by hand'],
      ['gao-db repair accept-checksum 2', 'You edited applied migration 2 on purpose'],
    ],
  },
  {
    name: 'backup',
    summary: 'List the backups of the database, or create one',
    positionals: [
      { name: 'action', description: 'list or create', required: false, choices: ['list', 'create'] },
    ],
    options: [],
    examples: [
      ['gao-db backup', 'List backups, newest first'],
      ['gao-db backup create', 'Back up the database now'],
    ],
  },
  {
    name: 'restore',
    summary: 'Replace the database with one of its backups',
    positionals: [
      {
        name: 'backup',
        description: "A number from 'gao-db backup', 'latest', or a file path",
        required: true,
      },
    ],
    options: [yes],
    examples: [
      ['gao-db restore latest', 'Restore the newest backup'],
      ['gao-db restore 2 --yes', 'Restore the second newest without asking'],
    ],
  },
];
