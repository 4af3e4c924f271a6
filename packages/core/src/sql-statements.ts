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

const DASH = 45;
const SLASH = 47;
const SEMICOLON = 59;
const QUOTE = 39;
const DOUBLE_QUOTE = 34;
const BACKTICK = 96;
const BRACKET = 91;

/** SQLite's white space: space, \t, \n, \v, \f, \r. */
function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

/** A letter, `_`, or any character past ASCII (SQLite takes those as part of names). */
function isWordStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code >= 128;
}

function isWordPart(code: number): boolean {
  return isWordStart(code) || (code >= 48 && code <= 57) || code === 36;
}

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
    // To the line break (LF, or a lone CR): a scan as long as the comment, not the rest of the text.
    let end = at + 2;
    while (end < sql.length && sql.charCodeAt(end) !== 10 && sql.charCodeAt(end) !== 13) end++;
    return Math.min(end + 1, sql.length);
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
  /** Inside the trigger's `BEGIN ... END` body. */
  inBody: boolean;
  /**
   * At the start of a statement of the body (right after its `BEGIN` or a `;`): the only place where
   * `END` closes the body. Elsewhere `END` ends a `CASE`, or is a column named `end`.
   */
  atBodyStatement: boolean;
  bodyEnded: boolean;
}

function startReading(offset: number): Reading {
  return {
    offset,
    tokens: [],
    words: 0,
    trigger: false,
    inBody: false,
    atBodyStatement: false,
    bodyEnded: false,
  };
}

/** `CREATE TRIGGER` or `CREATE TEMP|TEMPORARY TRIGGER`, and not `CREATE TABLE trigger`. */
function isTriggerKeyword(reading: Reading, upper: string): boolean {
  if (upper !== 'TRIGGER' || reading.tokens[0] !== 'CREATE') return false;
  if (reading.words === 2) return true;
  return reading.words === 3 && (reading.tokens[1] === 'TEMP' || reading.tokens[1] === 'TEMPORARY');
}

/** Counts a word (`quoted`: a name in quotes, never a keyword) and follows a trigger's body. */
function seeWord(reading: Reading, word: string, quoted: boolean): void {
  const upper = word.toUpperCase();
  if (reading.tokens.length < HEAD_TOKENS) reading.tokens.push(upper);
  reading.words++;
  const atBodyStatement = reading.atBodyStatement;
  reading.atBodyStatement = false;
  if (quoted) return;
  if (isTriggerKeyword(reading, upper)) reading.trigger = true;
  if (!reading.trigger) return;
  if (!reading.inBody && upper === 'BEGIN') {
    reading.inBody = true;
    reading.atBodyStatement = true;
  } else if (atBodyStatement && upper === 'END') reading.bodyEnded = true;
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
  // Char codes, not a regular expression per character: a data migration may be megabytes long.
  let i = 0;
  while (i < sql.length) {
    const code = sql.charCodeAt(i);
    if (code === DASH || code === SLASH) {
      const comment = commentEnd(sql, i);
      if (comment !== -1) {
        i = comment;
        continue;
      }
    }
    if (isSpace(code)) {
      i++;
      continue;
    }
    const current: Reading = reading ?? startReading(i);
    reading = current;
    if (code === SEMICOLON) {
      if (!current.trigger || current.bodyEnded) finish();
      else current.atBodyStatement = current.inBody;
      i++;
    } else if (code === QUOTE) {
      // A string literal: never a token of the head.
      current.atBodyStatement = false;
      i = quotedEnd(sql, i);
    } else if (code === DOUBLE_QUOTE || code === BACKTICK || code === BRACKET) {
      const end = quotedEnd(sql, i);
      if (current.tokens.length < HEAD_TOKENS) seeWord(current, sql.slice(i + 1, end - 1), true);
      else {
        current.words++;
        current.atBodyStatement = false;
      }
      i = end;
    } else if (isWordStart(code)) {
      let end = i + 1;
      while (end < sql.length && isWordPart(sql.charCodeAt(end))) end++;
      // Words past the head matter only in a trigger, and there only BEGIN and END.
      if (current.tokens.length < HEAD_TOKENS || (current.trigger && end - i <= 5)) {
        seeWord(current, sql.slice(i, end), false);
      } else {
        current.words++;
        current.atBodyStatement = false;
      }
      i = end;
    } else {
      current.atBodyStatement = false;
      const c = sql[i] as string;
      if ((c === '.' || c === '=' || c === '(') && current.tokens.length < HEAD_TOKENS) {
        current.tokens.push(c);
      }
      i++;
    }
  }
  finish();
  return heads;
}
