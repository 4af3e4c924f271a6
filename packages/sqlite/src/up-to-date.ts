import type { DatabaseSync } from 'node:sqlite';
import { classifyFileName, combineFileHashes, type FileNameClass, versionNumber } from '@gao/migrate-core';
import { classifySqliteError, type ErrorContext } from './database-errors.ts';
import { DatabaseError } from './errors.ts';
import { storedVersion } from './history-store.ts';
import { directorySource, sha256, sha256Text } from './read-set.ts';
import { HISTORY_TABLE, isCurrentShape, readHistoryShape } from './schema.ts';

/** What {@link provenUpToDate} found: the database is up to date, at this version. */
export interface ProvenUpToDate {
  /** The highest applied version (`null`: no migrations and no rows). */
  readonly finalVersion: number | null;
}

type UpFile = Extract<FileNameClass, { kind: 'migration' }>;

/** SHA-256 of a file's bytes after a leading UTF-8 byte order mark (the reader drops it too). */
function textHash(bytes: Uint8Array): string {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return sha256(bom ? bytes.subarray(3) : bytes);
}

/** What gao-db writes as a checksum: 64 lower-case hex digits. */
const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * The file checksum of every row, by version; `undefined` unless every row is a `success` with one
 * and with a checksum of the right form (a failed attempt, an unchecked, older or hand-edited row,
 * an unreadable version: the full path decides, and reports it).
 */
function recordedFileChecksums(db: DatabaseSync): Map<number, string> | undefined {
  const statement = db.prepare(`SELECT version, status, file_checksum, checksum FROM ${HISTORY_TABLE}`);
  statement.setReturnArrays(true);
  const rows = statement.all() as unknown as readonly [unknown, unknown, unknown, unknown][];
  const recorded = new Map<number, string>();
  for (const [versionText, status, fileChecksum, checksum] of rows) {
    if (status !== 'success' || typeof fileChecksum !== 'string' || typeof versionText !== 'string') {
      return undefined;
    }
    if (typeof checksum !== 'string' || !SHA256_HEX.test(checksum)) return undefined;
    const version = storedVersion(versionText);
    if (version === null || recorded.has(version)) return undefined;
    recorded.set(version, fileChecksum);
  }
  return recorded;
}

function prove(db: DatabaseSync, database: string, dir: string): ProvenUpToDate | undefined {
  if (!isCurrentShape(readHistoryShape(db, database))) return undefined;
  const recorded = recordedFileChecksums(db);
  if (recorded === undefined) return undefined;
  const source = directorySource(dir);
  const ups: UpFile[] = [];
  const downs = new Map<string, string>();
  for (const entry of source.list()) {
    // What the reader ignores (directories, READMEs, editor backups) is ignored here too.
    const named = entry.isFile ? classifyFileName(entry.name) : null;
    if (named === null || named.kind === 'ignored') continue;
    if (named.kind === 'down') downs.set(named.id, named.file);
    else ups.push(named);
  }
  // A new file (pending) or a row without its file: there is something to do or to report.
  if (ups.length !== recorded.size) return undefined;
  let highest: number | null = null;
  for (const up of ups) {
    const version = versionNumber(up.versionText);
    // Version 0 is refused by the reader, whatever the rows say.
    const expected = version === null || version === 0 ? undefined : recorded.get(version);
    if (version === null || expected === undefined) return undefined;
    // Matched once: a second file of the same version finds nothing (the reader refuses duplicates).
    recorded.delete(version);
    const downFile = up.extension === '.sql' ? downs.get(up.id) : undefined;
    if (downFile !== undefined) downs.delete(up.id);
    const downHash = downFile === undefined ? null : textHash(source.read(downFile));
    const actual = combineFileHashes(textHash(source.read(up.file)), downHash, sha256, sha256Text);
    if (actual !== expected) return undefined;
    if (highest === null || version > highest) highest = version;
  }
  // A .down.sql without its .sql migration is a problem the reader reports.
  return downs.size === 0 ? { finalVersion: highest } : undefined;
}

/**
 * The startup hot path's shortcut: proves the database up to date from the files' bytes and one
 * query, without parsing a migration or planning. It holds when every migration file (and
 * `.down.sql`) still hashes to the `file_checksum` recorded with its `success` row, and every row has
 * its file: then `migrate` has nothing to run, record or warn about, whatever its options. Anything
 * else (tables to create or bring up to date, a pending, edited, failed or missing migration, a row
 * written before `file_checksum` existed, a folder that cannot be read) gives `undefined`, and the
 * caller reads, parses and plans as usual, which reports whatever is wrong. A fault of the database
 * itself (locked past the busy timeout, corrupt, a `schema_version` gao-db does not recognise) is
 * thrown at once, as the full path would throw it: waiting for a lock twice would double the
 * timeout. Reads only; never writes.
 *
 * @example
 * const proven = provenUpToDate(db, { database: 'app.db', busyTimeoutMs: 5000 }, 'migrations');
 * if (proven !== undefined) console.log(`up to date at ${proven.finalVersion}`);
 */
export function provenUpToDate(
  db: DatabaseSync,
  context: ErrorContext,
  dir: string,
): ProvenUpToDate | undefined {
  try {
    return prove(db, context.database, dir);
  } catch (error) {
    if (error instanceof DatabaseError) throw error;
    const fault = classifySqliteError(error, context);
    if (fault !== null) throw fault;
    // Not the database's (the folder): the full path meets it again and names it properly.
    return undefined;
  }
}
