/** The start of one top-level statement of a SQL text. */
export interface StatementHead {
  /** Offset of the statement's first token in the text. */
  readonly offset: number;
  /**
   * Its first tokens, up to {@link HEAD_TOKENS}: words upper-cased (`PRAGMA`, `JOURNAL_MODE`), quoted
   * names unquoted, and the punctuation `.`, `=` and `(` as themselves.
   */
  readonly tokens: readonly string[];
}

/** Enough to tell `PRAGMA main.journal_mode = WAL` from `PRAGMA journal_mode`. */
const HEAD_TOKENS = 5;

const WORD_START = /[A-Za-z_\u0080-\uFFFF]/;
const WORD = /[A-Za-z0-9_$\u0080-\uFFFF]/;

/**
 * Where a quoted string or name that opens at `at` (`'`, `"`, `` ` ``, `[`) ends: the offset after its
 * closing quote (a doubled quote is an escaped one, except in `[...]`), or the text's length.
 *
 * @example
 * ```ts
 * quotedEnd("'it''s' AS x", 0); // 7
 * ```
 */
export function quotedEnd(sql: string, at: number): number {
  const close = sql[at] === '[' ? ']' : sql[at];
  let i = at + 1;
  for (;;) {
    const end = sql.indexOf(close as string, i);
    if (end === -1) return sql.length;
    if (close !== ']' && sql[end + 1] === close) i = end + 2;
    else return end + 1;
  }
}

/** Where the comment that opens at `at` ends, or `-1` when no comment opens there. */
function commentEnd(sql: string, at: number): number {
  if (sql.startsWith('--', at)) {
    // To the line break (LF, or a lone CR), without copying the rest of the text.
    const lf = sql.indexOf('\n', at);
    const cr = sql.indexOf('\r', at);
    const end = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
    return end === -1 ? sql.length : end + 1;
  }
  if (sql.startsWith('/*', at)) {
    const end = sql.indexOf('*/', at + 2);
    return end === -1 ? sql.length : end + 2;
  }
  return -1;
}

/** How a statement is being read: a `CREATE TRIGGER` body holds `;` that do not end it. */
interface Reading {
  offset: number;
  tokens: string[];
  words: number;
  trigger: boolean;
  /** `CASE ... END` open inside a trigger body (their `END` is not the body's). */
  cases: number;
  bodyEnded: boolean;
}

function startReading(offset: number): Reading {
  return { offset, tokens: [], words: 0, trigger: false, cases: 0, bodyEnded: false };
}

/** Counts a word (`quoted`: a name in quotes, never a keyword) and follows a trigger's CASE/END. */
function seeWord(reading: Reading, word: string, quoted: boolean): void {
  const upper = word.toUpperCase();
  if (reading.tokens.length < HEAD_TOKENS) reading.tokens.push(upper);
  reading.words++;
  if (quoted) return;
  // CREATE [TEMP | TEMPORARY] TRIGGER: the trigger keyword is the 2nd or 3rd word.
  if (upper === 'TRIGGER' && reading.words <= 3 && reading.tokens[0] === 'CREATE') reading.trigger = true;
  if (!reading.trigger) return;
  if (upper === 'CASE') reading.cases++;
  else if (upper === 'END') {
    if (reading.cases > 0) reading.cases--;
    else reading.bodyEnded = true;
  }
}

/**
 * The top-level statements of a SQL text with their first tokens, skipping comments, strings and
 * quoted names, and keeping a `CREATE TRIGGER ... BEGIN ...; END` whole (its body's `BEGIN` and
 * `END` are not transaction statements). Empty statements (`;;`) are left out. For finding
 * statements that cannot run in a migration's transaction before anything runs.
 *
 * @example
 * ```ts
 * statementHeads('PRAGMA foreign_keys = OFF;\nVACUUM;').map((s) => s.tokens);
 * // [['PRAGMA', 'FOREIGN_KEYS', '='], ['VACUUM']]
 * ```
 */
export function statementHeads(sql: string): StatementHead[] {
  const heads: StatementHead[] = [];
  let reading: Reading | null = null;
  const finish = () => {
    if (reading !== null && reading.tokens.length > 0) {
      heads.push({ offset: reading.offset, tokens: reading.tokens });
    }
    reading = null;
  };
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] as string;
    const comment = commentEnd(sql, i);
    if (comment !== -1) {
      i = comment;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const current: Reading = reading ?? startReading(i);
    reading = current;
    if (c === ';') {
      if (!current.trigger || current.bodyEnded) finish();
      i++;
    } else if (c === "'") {
      // A string literal: never a token of the head.
      i = quotedEnd(sql, i);
    } else if (c === '"' || c === '`' || c === '[') {
      const end = quotedEnd(sql, i);
      seeWord(current, sql.slice(i + 1, end - 1), true);
      i = end;
    } else if (WORD_START.test(c)) {
      let end = i + 1;
      while (end < sql.length && WORD.test(sql[end] as string)) end++;
      seeWord(current, sql.slice(i, end), false);
      i = end;
    } else {
      if ((c === '.' || c === '=' || c === '(') && current.tokens.length < HEAD_TOKENS) {
        current.tokens.push(c);
      }
      i++;
    }
  }
  finish();
  return heads;
}
