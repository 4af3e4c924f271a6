/** One line of a file: its text without the line break, and where it starts and ends in the file. */
export interface TextLine {
  /** 1-based. */
  readonly number: number;
  readonly text: string;
  readonly start: number;
  /** Offset just after the line break (the next line's start). */
  readonly next: number;
}

/**
 * Splits text into lines at LF, CRLF or a lone CR, keeping offsets so parts can be sliced raw.
 *
 * @example
 * ```ts
 * splitLines('a\r\nb').map((line) => line.text); // ['a', 'b']
 * ```
 */
export function splitLines(text: string): TextLine[] {
  const lines: TextLine[] = [];
  const breaks = /\r\n|\r|\n/g;
  let start = 0;
  for (let match = breaks.exec(text); match !== null; match = breaks.exec(text)) {
    const next = match.index + match[0].length;
    lines.push({ number: lines.length + 1, text: text.slice(start, match.index), start, next });
    start = next;
  }
  if (start < text.length)
    lines.push({ number: lines.length + 1, text: text.slice(start), start, next: text.length });
  return lines;
}

/** The number of line breaks (CRLF counted once) in `text` between `from` and `to`. */
export function breaksBetween(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) count++;
    else if (code === 13) {
      count++;
      if (text.charCodeAt(i + 1) === 10) i++;
    }
  }
  return count;
}

/** Whether the character at `offset` is CR or LF. */
function isBreak(text: string, offset: number): boolean {
  const code = text.charCodeAt(offset);
  return code === 10 || code === 13;
}

/**
 * The lines of `text` (as {@link splitLines} cuts them) that contain a match of `pattern` (a global
 * regular expression that never matches a line break), without building every other line: marker
 * lines are few, and a migration file is read on every startup.
 *
 * @example
 * ```ts
 * linesContaining('a\r\n-- migrate:up\nb', /migrate:/gi); // [{ number: 2, text: '-- migrate:up', start: 3, next: 17 }]
 * ```
 */
export function linesContaining(text: string, pattern: RegExp): TextLine[] {
  // Most files break lines with LF alone: then native searches find the line ends.
  return text.includes('\r') ? linesContainingAnyBreak(text, pattern) : linesContainingLf(text, pattern);
}

/** The number of LF in `text` from `from` up to (not including) `to`. */
function newlinesBetween(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf('\n', from); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/** {@link linesContaining} for text without CR. */
function linesContainingLf(text: string, pattern: RegExp): TextLine[] {
  const lines: TextLine[] = [];
  let counted = 0;
  let number = 1;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const start = match.index === 0 ? 0 : text.lastIndexOf('\n', match.index - 1) + 1;
    number += newlinesBetween(text, counted, start);
    counted = start;
    const lineEnd = text.indexOf('\n', match.index);
    const end = lineEnd === -1 ? text.length : lineEnd;
    const next = lineEnd === -1 ? end : end + 1;
    lines.push({ number, text: text.slice(start, end), start, next });
    // One entry per line, however many matches it holds.
    pattern.lastIndex = Math.max(next, match.index + 1);
  }
  return lines;
}

/** {@link linesContaining} for text with CR (CRLF or lone CR line breaks). */
function linesContainingAnyBreak(text: string, pattern: RegExp): TextLine[] {
  const lines: TextLine[] = [];
  let counted = 0;
  let number = 1;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    let start = match.index;
    while (start > 0 && !isBreak(text, start - 1)) start--;
    number += breaksBetween(text, counted, start);
    counted = start;
    let end = match.index;
    while (end < text.length && !isBreak(text, end)) end++;
    const next = end === text.length ? end : text.startsWith('\r\n', end) ? end + 2 : end + 1;
    lines.push({ number, text: text.slice(start, end), start, next });
    // One entry per line, however many matches it holds.
    pattern.lastIndex = Math.max(next, match.index + 1);
  }
  return lines;
}

/** SQLite's own whitespace (sqlite3Isspace: space, \t, \n, \v, \f, \r), plus `;`: an empty statement runs nothing either. */
function isBlank(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 59;
}

/**
 * The offset of the first character of SQL in `text`, skipping whitespace, `;`, `--` line comments
 * and `/* *\/` block comments; `-1` when there is none (an unterminated block comment runs to the end,
 * as in SQLite). `from` and `to` limit the search to part of `text` without slicing it.
 *
 * @example
 * ```ts
 * firstSqlOffset('-- a comment\nSELECT 1;'); // 13
 * firstSqlOffset('/* nothing *\/ ;'); // -1
 * ```
 */
export function firstSqlOffset(text: string, from = 0, to = text.length): number {
  // Char codes, not a Set of characters: this runs on every part of every file at each startup.
  let i = from;
  while (i < to) {
    const code = text.charCodeAt(i);
    if (isBlank(code)) i++;
    else if (code === 45 && i + 1 < to && text.charCodeAt(i + 1) === 45) {
      // `--`: skip to the line break (LF, or a lone CR).
      i += 2;
      while (i < to && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
      if (i >= to) return -1;
      i++;
    } else if (code === 47 && i + 1 < to && text.charCodeAt(i + 1) === 42) {
      const end = text.indexOf('*/', i + 2);
      if (end === -1 || end + 2 > to) return -1;
      i = end + 2;
    } else return i;
  }
  return -1;
}

/**
 * The text on one line, for a message: every run of white space (line breaks included) as one space,
 * trimmed.
 *
 * @example
 * ```ts
 * oneLine('  CREATE TABLE t (\n  id INTEGER\n)'); // 'CREATE TABLE t ( id INTEGER )'
 * ```
 */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The 1-based line of `offset` in `text`, counting CRLF as one break. */
export function lineAt(text: string, offset: number): number {
  return (text.slice(0, offset).match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
}
