import type { Migration, SqlPart } from './migration.ts';
import type {
  ForeignKeysPragmaProblem,
  NeedsTransactionFalseProblem,
  PlanProblem,
  StatementsOutsideTransactionProblem,
  TransactionControlProblem,
} from './problems.ts';
import { type StatementHead, statementHeads } from './sql-statements.ts';
import { breaksBetween, oneLine } from './sql-text.ts';

/** Words that may start a statement worth a look; a part without any is not tokenized at all. */
const SUSPECT = /\b(?:BEGIN|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE|VACUUM|ATTACH|DETACH|PRAGMA)\b/i;

const TRANSACTION_CONTROL = new Set(['BEGIN', 'COMMIT', 'END', 'ROLLBACK', 'SAVEPOINT', 'RELEASE']);
const NO_TRANSACTION = new Set(['VACUUM', 'ATTACH', 'DETACH']);
/** Pragmas SQLite refuses to set, or silently does not set, inside a transaction. */
const NO_TRANSACTION_PRAGMAS = new Set(['JOURNAL_MODE', 'SYNCHRONOUS']);

/** How many characters of a statement a message shows. */
const SHOWN = 60;

/** What a part's statements mean for running it in a transaction: refusals, and warnings. */
export interface StatementFindings {
  readonly problems: readonly (TransactionControlProblem | NeedsTransactionFalseProblem)[];
  readonly warnings: readonly (ForeignKeysPragmaProblem | StatementsOutsideTransactionProblem)[];
}

const NONE: StatementFindings = { problems: [], warnings: [] };

/** The pragma a `PRAGMA [schema.]name ...` statement names, and whether it sets it (`=` or `(`). */
function pragmaOf(tokens: readonly string[]): { name: string; sets: boolean } {
  const named = tokens[2] === '.' ? 3 : 1;
  const next = tokens[named + 1];
  return { name: tokens[named] ?? '', sets: next === '=' || next === '(' };
}

/** The statement's start as written, on one line, shortened. */
function statementText(sql: string, head: StatementHead): string {
  // Up to its first `;`, and not much past what is shown: a statement may be long.
  const semicolon = sql.indexOf(';', head.offset);
  const end = Math.min(semicolon === -1 ? sql.length : semicolon, head.offset + SHOWN * 4);
  const text = oneLine(sql.slice(head.offset, end));
  return text.length > SHOWN ? `${text.slice(0, SHOWN - 1)}…` : text;
}

/**
 * A part that runs outside a transaction with more than one statement: a warning, since a failure
 * halfway leaves the statements before it in place.
 */
function outsideFindings(migration: Migration, part: SqlPart, direction: 'up' | 'down'): StatementFindings {
  const heads = statementHeads(part.sql);
  const second = heads[1];
  if (second === undefined) return NONE;
  const where = {
    version: migration.version,
    file: part.file,
    line: part.line + breaksBetween(part.sql, 0, second.offset),
    statement: statementText(part.sql, second),
  };
  const done = direction === 'up' ? 'applied' : 'undone';
  const warning: StatementsOutsideTransactionProblem = {
    code: 'statements_outside_transaction',
    ...where,
    count: heads.length,
    message: `Migration ${where.version} (${where.file}) runs ${heads.length} statements outside a transaction (its ${direction} part is marked transaction:false): if one fails, the ones before it stay ${done} and the migration needs a repair.`,
    hint: `Keep only what cannot run in a transaction (VACUUM, PRAGMA journal_mode, ...) in that part and move the rest, from line ${where.line} on, to a part that runs in one; or write each statement so it can run again (IF NOT EXISTS, IF EXISTS).`,
  };
  return { problems: [], warnings: [warning] };
}

/**
 * The statements of a SQL part that cannot do what they say inside the transaction gao-db runs the
 * part in, found before anything runs: transaction control (refused: `transaction_control`),
 * `VACUUM`, `ATTACH`, `DETACH` and setting `PRAGMA journal_mode` or `synchronous` (refused:
 * `needs_transaction_false`), and setting `PRAGMA foreign_keys` (a warning: SQLite ignores it
 * there). A part marked `transaction:false` runs on its own: there, more than one statement is a
 * warning (`statements_outside_transaction`), as a failure halfway cannot be undone.
 *
 * @example
 * ```ts
 * statementFindings(migration, migration.up, 'up').problems.map((p) => `${p.code} line ${p.line}`);
 * // ['needs_transaction_false line 3']
 * ```
 */
export function statementFindings(
  migration: Migration,
  part: SqlPart,
  direction: 'up' | 'down',
): StatementFindings {
  if (!part.options.transaction) return outsideFindings(migration, part, direction);
  if (!SUSPECT.test(part.sql)) return NONE;
  const problems: (TransactionControlProblem | NeedsTransactionFalseProblem)[] = [];
  const warnings: (ForeignKeysPragmaProblem | StatementsOutsideTransactionProblem)[] = [];
  const marker = `\`-- migrate:${direction} transaction:false\``;
  // A `.down.sql` file has no markers: its part can only move into a section of the migration.
  const place =
    part.file === migration.file
      ? ''
      : ` (in a section of ${migration.file}: a .down.sql file always runs in a transaction)`;
  const outside =
    direction === 'up'
      ? `put it in a migration of its own and mark that part ${marker}`
      : `mark the down part ${marker}${place}`;
  // The heads come in order: each line is counted on from the previous one, not from the start.
  let counted = 0;
  let line = part.line;
  const lineOf = (offset: number): number => {
    line += breaksBetween(part.sql, counted, offset);
    counted = offset;
    return line;
  };
  for (const head of statementHeads(part.sql)) {
    const [first = ''] = head.tokens;
    const pragma = first === 'PRAGMA' ? pragmaOf(head.tokens) : null;
    const kind = TRANSACTION_CONTROL.has(first)
      ? 'transaction_control'
      : NO_TRANSACTION.has(first) || (pragma?.sets === true && NO_TRANSACTION_PRAGMAS.has(pragma.name))
        ? 'needs_transaction_false'
        : pragma?.name === 'FOREIGN_KEYS' && pragma.sets
          ? 'foreign_keys_pragma'
          : null;
    // Where a statement is (its line, its text) is worked out only for the few found.
    if (kind === null) continue;
    const where = {
      version: migration.version,
      file: part.file,
      line: lineOf(head.offset),
      statement: statementText(part.sql, head),
    };
    const at = `Migration ${where.version} (${where.file}) runs ${where.statement} at line ${where.line}`;
    if (kind === 'transaction_control') {
      problems.push({
        code: kind,
        ...where,
        message: `${at}; gao-db runs each migration in its own transaction, so BEGIN, COMMIT, END, ROLLBACK, SAVEPOINT and RELEASE are not allowed in it.`,
        hint: `Remove the transaction statements. If the migration must manage transactions itself, mark it to run outside one: ${marker}${place}.`,
      });
    } else if (kind === 'needs_transaction_false') {
      problems.push({
        code: kind,
        ...where,
        message: `${at}, which SQLite cannot run inside a transaction.`,
        hint: `Run it outside a transaction: ${outside}.`,
      });
    } else {
      warnings.push({
        code: kind,
        ...where,
        message: `${at}, which SQLite ignores inside the transaction the migration runs in.`,
        hint: 'Remove it: gao-db turns foreign-key enforcement off while a migration runs and runs PRAGMA foreign_key_check before committing it.',
      });
    }
  }
  return problems.length === 0 && warnings.length === 0 ? NONE : { problems, warnings };
}

/**
 * {@link statementFindings} of the SQL part each of `migrations` runs in `direction` (code
 * migrations are only guarded while they run), gathered in `problems` and `warnings`.
 *
 * @example
 * ```ts
 * addStatementFindings(steps.map((s) => s.migration), 'up', problems, warnings);
 * ```
 */
export function addStatementFindings(
  migrations: readonly Migration[],
  direction: 'up' | 'down',
  problems: PlanProblem[],
  warnings: PlanProblem[],
): void {
  for (const migration of migrations) {
    if (migration.kind !== 'sql') continue;
    const part = direction === 'up' ? migration.up : migration.down;
    if (part === null) continue;
    const found = statementFindings(migration, part, direction);
    problems.push(...found.problems);
    warnings.push(...found.warnings);
  }
}
