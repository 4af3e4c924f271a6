import type { SectionOptions } from './migration.ts';
import type { SetProblem } from './problems.ts';
import { fail, ok, type Result } from './result.ts';
import {
  downWithoutUp,
  emptyUp,
  invalidMarkerOption,
  markerInDownFile,
  markerOutOfOrder,
  markerRepeated,
  sqlBeforeUpMarker,
  unknownMarker,
} from './set-problems.ts';
import { PLAIN_DOWN_OPTIONS, PLAIN_UP_OPTIONS, readMarkerLine } from './sql-marker.ts';
import { firstSqlOffset, lineAt, linesContaining, type TextLine } from './sql-text.ts';

/** One part of a SQL migration file, before its checksum is computed. */
export interface SqlSection {
  /** The raw text, without the marker line. */
  readonly sql: string;
  /** 1-based line where the text starts. */
  readonly line: number;
  readonly options: SectionOptions;
}

/** The parts of a `.sql` migration file. */
export interface ParsedSqlFile {
  readonly up: SqlSection;
  /** `null` when there is no down part, or when it holds only blanks and comments. */
  readonly down: SqlSection | null;
  /** The line of `-- migrate:down`, even when its section is empty (a `.down.sql` then conflicts). */
  readonly downMarkerLine: number | null;
}

interface Marker {
  readonly marker: 'up' | 'down';
  readonly options: SectionOptions;
  readonly line: TextLine;
}

const DEFAULT_OPTIONS: SectionOptions = { transaction: true };

// Every line that can look like a marker contains this (readMarkerLine decides); the rest is SQL.
const MARKER_HINT = /migrate:/gi;

/** The lines that may be marker lines: only they need {@link readMarkerLine}. */
function markerCandidates(text: string): TextLine[] {
  return linesContaining(text, MARKER_HINT);
}

/**
 * Splits a `.sql` migration into its up and down parts at the `-- migrate:up` / `-- migrate:down`
 * marker lines (text before any marker is up) and reports every marker problem in the file.
 *
 * @example
 * ```ts
 * const parsed = parseSqlMigration('-- migrate:up\nCREATE TABLE t (id);\n-- migrate:down\nDROP TABLE t;\n', '001_t.sql');
 * if (parsed.ok) parsed.value.down?.sql; // 'DROP TABLE t;\n' (line 4)
 * ```
 */
export function parseSqlMigration(text: string, file: string): Result<ParsedSqlFile, SetProblem> {
  const problems: SetProblem[] = [];
  const markers: Marker[] = [];
  let misplaced = false;
  for (const line of markerCandidates(text)) {
    const read = readMarkerLine(line.text);
    if (read.kind === 'sql') continue;
    if (read.kind === 'unknown') {
      problems.push(unknownMarker(file, line.number, read.marker));
      misplaced = true;
      continue;
    }
    for (const bad of read.badOptions) {
      problems.push(invalidMarkerOption(file, line.number, read.marker, bad.option, bad.repeated));
    }
    if (markers.some((seen) => seen.marker === read.marker)) {
      problems.push(markerRepeated(file, line.number, read.marker));
      misplaced = true;
    } else if (read.marker === 'up' && markers.length > 0) {
      problems.push(markerOutOfOrder(file, line.number));
      misplaced = true;
    }
    markers.push({ marker: read.marker, options: read.options, line });
  }
  // With a marker missing, repeated or misplaced, which text is up and which is down is unknown.
  if (misplaced) return fail(problems);
  const up = markers.find((marker) => marker.marker === 'up');
  const down = markers.find((marker) => marker.marker === 'down');
  if (up !== undefined) {
    const sqlAbove = firstSqlOffset(text, 0, up.line.start);
    if (sqlAbove !== -1) problems.push(sqlBeforeUpMarker(file, lineAt(text, sqlAbove), up.line.number));
  }
  const upSql = text.slice(up?.line.next ?? 0, down?.line.start ?? text.length);
  if (firstSqlOffset(upSql) === -1) {
    problems.push(
      down !== undefined && up === undefined ? downWithoutUp(file, down.line.number) : emptyUp(file),
    );
  }
  if (problems.length > 0) return fail(problems);
  const upSection = {
    sql: upSql,
    line: up === undefined ? 1 : up.line.number + 1,
    options: up?.options ?? DEFAULT_OPTIONS,
  };
  if (down === undefined) return ok({ up: upSection, down: null, downMarkerLine: null });
  const downSql = text.slice(down.line.next);
  const downSection = { sql: downSql, line: down.line.number + 1, options: down.options };
  return ok({
    up: upSection,
    down: firstSqlOffset(downSql) === -1 ? null : downSection,
    downMarkerLine: down.line.number,
  });
}

// Case-insensitive like MARKER_HINT; `test` (not `exec`) so no match array is allocated.
const HINT = /migrate:/gi;
const UP_LINE = '-- migrate:up';
const DOWN_LINE = '-- migrate:down';

/**
 * Where the plain marker line `line` (`-- migrate:up` / `-- migrate:down`, alone on its line)
 * holding a hint match at `at` starts, or `-1` when that line is anything else.
 */
function plainMarkerAt(text: string, at: number, line: string): number {
  const start = at - 3;
  if (start < 0 || (start > 0 && text.charCodeAt(start - 1) !== 10)) return -1;
  const end = start + line.length;
  if (!text.startsWith(line, start)) return -1;
  return end === text.length || text.charCodeAt(end) === 10 ? start : -1;
}

/** The number of LF in `text` from `from` up to (not including) `to`. */
function countLf(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf('\n', from); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/**
 * The fast path of {@link parseSqlMigration} for the files nearly everyone writes: LF line breaks,
 * no `migrate:` text at all, or one plain `-- migrate:up` line then one plain `-- migrate:down` line
 * (either may be missing), and no problem. Returns exactly what `parseSqlMigration` would put in its
 * `ok` result, or `null` for anything else (the full parser then decides, problems included).
 *
 * @example
 * ```ts
 * parsePlainSqlMigration('-- migrate:up\nSELECT 1;\n')?.up.line; // 2
 * parsePlainSqlMigration('-- migrate:up transaction:false\nVACUUM;\n'); // null: use parseSqlMigration
 * ```
 */
export function parsePlainSqlMigration(text: string): ParsedSqlFile | null {
  if (text.includes('\r')) return null;
  let up = -1;
  let down = -1;
  HINT.lastIndex = 0;
  while (HINT.test(text)) {
    const at = HINT.lastIndex - 8;
    if (up === -1 && down === -1) {
      up = plainMarkerAt(text, at, UP_LINE);
      if (up !== -1) continue;
    }
    if (down !== -1) return null;
    down = plainMarkerAt(text, at, DOWN_LINE);
    if (down === -1) return null;
  }
  const upNext = up === -1 ? 0 : Math.min(up + UP_LINE.length + 1, text.length);
  const upEnd = down === -1 ? text.length : down;
  if (up !== -1 && firstSqlOffset(text, 0, up) !== -1) return null;
  if (firstSqlOffset(text, upNext, upEnd) === -1) return null;
  const upLine = up === -1 ? 0 : countLf(text, 0, up) + 1;
  const upSection = {
    sql: text.slice(upNext, upEnd),
    line: up === -1 ? 1 : upLine + 1,
    options: up === -1 ? DEFAULT_OPTIONS : PLAIN_UP_OPTIONS,
  };
  if (down === -1) return { up: upSection, down: null, downMarkerLine: null };
  const downLine = (up === -1 ? 1 : upLine) + countLf(text, up === -1 ? 0 : up, down);
  const downNext = Math.min(down + DOWN_LINE.length + 1, text.length);
  const downSection =
    firstSqlOffset(text, downNext) === -1
      ? null
      : { sql: text.slice(downNext), line: downLine + 1, options: PLAIN_DOWN_OPTIONS };
  return { up: upSection, down: downSection, downMarkerLine: downLine };
}

/**
 * Reads a `<stem>.down.sql` file: all of it is down SQL, so marker lines are problems. `null` when it
 * holds only blanks and comments (no down part).
 *
 * @example
 * ```ts
 * parseSqlDownFile('DROP TABLE t;\n', '001_t.down.sql'); // ok({ sql: 'DROP TABLE t;\n', line: 1, options: { transaction: true } })
 * ```
 */
export function parseSqlDownFile(text: string, file: string): Result<SqlSection | null, SetProblem> {
  const problems = markerCandidates(text)
    .filter((line) => readMarkerLine(line.text).kind !== 'sql')
    .map((line) => markerInDownFile(file, line.number));
  if (problems.length > 0) return fail(problems);
  return ok(firstSqlOffset(text) === -1 ? null : { sql: text, line: 1, options: DEFAULT_OPTIONS });
}
