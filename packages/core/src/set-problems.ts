import type {
  DownConflictProblem,
  DownWithoutUpProblem,
  DuplicateVersionProblem,
  EmptyUpProblem,
  InvalidUtf8Problem,
  InvalidVersionProblem,
  MarkerInDownFileProblem,
  MarkerOptionProblem,
  MarkerOrderProblem,
  MarkerRepeatedProblem,
  OrphanDownProblem,
  SqlBeforeUpMarkerProblem,
  UnknownMarkerProblem,
} from './problems.ts';

// One constructor per code keeps every message and hint in one place (tests assert them exactly).

const UP = '"-- migrate:up"';
const DOWN = '"-- migrate:down"';
const COUNTS = ['', '', 'Two', 'Three', 'Four', 'Five'];

/** A version of 0 (`suggestion` renames it to 1) or above 2^53 - 1 (`suggestion` is `null`). */
export function invalidVersion(
  file: string,
  versionText: string,
  suggestion: string | null,
): InvalidVersionProblem {
  if (suggestion !== null) {
    const message = `${file} has version 0, but versions start at 1.`;
    const hint = `Give it a version of 1 or more, for example ${suggestion}; version 0 means "nothing applied".`;
    return { code: 'invalid_version', file, versionText, message, hint };
  }
  const message = `${file} has version ${versionText}, which is above the largest version, ${Number.MAX_SAFE_INTEGER}.`;
  const hint = 'Use a smaller version, such as a sequence number (002) or a timestamp (20261124120000).';
  return { code: 'invalid_version', file, versionText, message, hint };
}

/** How to resolve a duplicate: rename `from` to `to` (and its `.down.sql`), or `null` when all stems are equal. */
export interface DuplicateRename {
  readonly from: string;
  readonly to: string;
  readonly down: { readonly from: string; readonly to: string } | null;
}

export function duplicateVersion(
  version: number,
  files: readonly string[],
  renames: readonly DuplicateRename[] | null,
): DuplicateVersionProblem {
  const message = `${COUNTS[files.length] ?? files.length} migration files share version ${version}: ${files.join(', ')}.`;
  const moves = (renames ?? []).map(
    (rename) =>
      `${rename.from} to ${rename.to}${rename.down ? ` (and ${rename.down.from} to ${rename.down.to})` : ''}`,
  );
  const hint =
    renames === null
      ? 'Keep only one of them: a migration is written either in SQL or as code, not both.'
      : moves.length === 0
        ? 'Give each migration its own version: there is no free version above the highest one, so renumber the files from a lower version.'
        : moves.length === 1
          ? `Give each migration its own version: rename one of them, for example ${moves[0]}.`
          : `Give each migration its own version: for example rename ${moves.slice(0, -1).join(', ')} and ${moves.at(-1)}.`;
  return { code: 'duplicate_version', version, files, message, hint };
}

/** A SQL file whose up part holds no SQL, or (`code`) a code migration file with nothing in it. */
export function emptyUp(file: string, code = false): EmptyUpProblem {
  if (code) {
    const hint = 'Export an up(db, ctx) function from it, or delete the file.';
    return { code: 'empty_up', file, message: `${file} is empty.`, hint };
  }
  const message = `${file} has no up SQL: its up part is empty or holds only comments.`;
  const hint = `Write the SQL to apply at the top of the file or under ${UP}, or delete the file.`;
  return { code: 'empty_up', file, message, hint };
}

export function markerOutOfOrder(file: string, line: number): MarkerOrderProblem {
  const message = `${file} line ${line}: ${UP} comes after ${DOWN}.`;
  const hint = `Put the up part first: ${UP} and its SQL, then ${DOWN} and the SQL that undoes it.`;
  return { code: 'marker_out_of_order', file, line, message, hint };
}

export function markerRepeated(file: string, line: number, marker: 'up' | 'down'): MarkerRepeatedProblem {
  const message = `${file} line ${line}: "-- migrate:${marker}" appears a second time.`;
  const hint = `A file has at most one ${UP} and one ${DOWN}: merge the two ${marker} sections into one.`;
  return { code: 'marker_repeated', file, line, marker, message, hint };
}

export function downWithoutUp(file: string, line: number): DownWithoutUpProblem {
  const message = `${file} line ${line}: ${DOWN} has no up part before it.`;
  const hint = `Put ${UP} and the SQL to apply above ${DOWN}.`;
  return { code: 'down_without_up', file, line, message, hint };
}

/** An option that is not `transaction:true|false`, or (`repeated`) a second `transaction:` option. */
export function invalidMarkerOption(
  file: string,
  line: number,
  marker: 'up' | 'down',
  option: string,
  repeated: boolean,
): MarkerOptionProblem {
  const what = repeated ? 'is a second transaction option on' : 'is not an option of';
  const message = `${file} line ${line}: "${option}" ${what} "-- migrate:${marker}".`;
  const hint = `The only option is transaction:true or transaction:false, for example "-- migrate:${marker} transaction:false".`;
  return { code: 'invalid_marker_option', file, line, option, message, hint };
}

export function invalidUtf8(file: string): InvalidUtf8Problem {
  const message = `${file} is not valid UTF-8 text.`;
  const hint = 'Save the file as UTF-8 (not Latin-1, Windows-1252 or UTF-16).';
  return { code: 'invalid_utf8', file, message, hint };
}

export function downConflict(file: string, downFile: string): DownConflictProblem {
  const message = `${file} has a ${DOWN} section and there is also ${downFile}.`;
  const hint = `Keep one down part: delete the ${DOWN} section of ${file}, or delete ${downFile}.`;
  return { code: 'down_conflict', file, downFile, message, hint };
}

/** A `.down.sql` without its `.sql`; `upSql` is a `<stem>.up.sql` found next to it, `code` a code migration of the stem. */
export function orphanDownFile(
  file: string,
  upFile: string,
  near: { readonly upSql: string | null; readonly code: string | null },
): OrphanDownProblem {
  const message = `${file} has no matching ${upFile}.`;
  const hint =
    near.code !== null
      ? `${near.code} is a code migration: export a down function from it instead, and delete ${file}.`
      : near.upSql !== null
        ? `Rename ${near.upSql} to ${upFile}: the up file of a migration is named <version>_<name>.sql.`
        : 'Rename it after the migration it undoes (<version>_<name>.down.sql next to <version>_<name>.sql), or delete it.';
  return { code: 'orphan_down_file', file, message, hint };
}

export function markerInDownFile(file: string, line: number): MarkerInDownFileProblem {
  const message = `${file} line ${line}: a .down.sql file cannot contain marker lines.`;
  const hint = `All of a .down.sql file is down SQL: remove the marker line (markers belong in the .sql file).`;
  return { code: 'marker_in_down_file', file, line, message, hint };
}

export function unknownMarker(file: string, line: number, marker: string): UnknownMarkerProblem {
  const message = `${file} line ${line}: "${marker}" is not a marker gao-db knows.`;
  const hint = `Write ${UP} or ${DOWN} exactly (lower case), or reword the comment so it does not start with "migrate:".`;
  return { code: 'unknown_marker', file, line, marker, message, hint };
}

export function sqlBeforeUpMarker(file: string, line: number, markerLine: number): SqlBeforeUpMarkerProblem {
  const message = `${file} line ${line}: SQL above ${UP} (line ${markerLine}) belongs to no part.`;
  const hint = `Move it below ${UP}, or delete the ${UP} line so the top of the file is the up part.`;
  return { code: 'sql_before_up_marker', file, line, markerLine, message, hint };
}
