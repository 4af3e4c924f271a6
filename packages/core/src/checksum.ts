import { sha256Hex } from './sha256.ts';

/** A SHA-256 function returning lower-case hex; the adapter may pass `node:crypto`'s for speed. */
export type Sha256 = (bytes: Uint8Array) => string;

/**
 * SHA-256 (lower-case hex) of a text's UTF-8 encoding (lone surrogates encoded as U+FFFD, as
 * `TextEncoder` does): lets an adapter hash a string without encoding it in JavaScript first.
 */
export type Sha256Text = (text: string) => string;

const encoder = new TextEncoder();

/**
 * The text a checksum is computed from: a leading UTF-8 byte order mark removed and every CRLF or
 * lone CR turned into LF, so checking a file out on Windows does not "change" an applied migration.
 *
 * @example
 * ```ts
 * normaliseText('\uFEFFCREATE TABLE t (id);\r\n'); // 'CREATE TABLE t (id);\n'
 * ```
 */
export function normaliseText(text: string): string {
  const withoutBom = text.startsWith('\uFEFF') ? text.slice(1) : text;
  // Most files have no CR at all: skip the regular expression.
  return withoutBom.includes('\r') ? withoutBom.replace(/\r\n?/g, '\n') : withoutBom;
}

/**
 * The text without the white space (space, tab, line breaks) at its end: what a SQL part's checksum
 * is computed from, so that adding a `-- migrate:down` section after a blank line, or a final newline,
 * does not count as changing the part above it.
 *
 * @example
 * ```ts
 * withoutTrailingBlanks('CREATE TABLE t (id);\n\n'); // 'CREATE TABLE t (id);'
 * ```
 */
export function withoutTrailingBlanks(text: string): string {
  let end = text.length;
  // A loop, not /\s+$/: a regular expression can take quadratic time on long runs of spaces.
  for (let code = text.charCodeAt(end - 1); code === 32 || (code >= 9 && code <= 13); ) {
    end--;
    code = text.charCodeAt(end - 1);
  }
  return end === text.length ? text : text.slice(0, end);
}

// Texts up to this many UTF-16 units are encoded into one reused buffer instead of a new one each.
const SCRATCH_UNITS = 16_384;
// UTF-8 needs at most 3 bytes per UTF-16 code unit.
const scratch = new Uint8Array(SCRATCH_UNITS * 3);

/**
 * SHA-256 (hex) of the normalised `text`, encoded as UTF-8.
 *
 * @param sha256 - an injected implementation (must give the same result as {@link sha256Hex}).
 * @param sha256Text - an injected text hasher; used instead of `sha256` when given (same result).
 * @example
 * ```ts
 * checksumOf('SELECT 1;\r\n') === checksumOf('SELECT 1;\n'); // true
 * ```
 */
export function checksumOf(text: string, sha256: Sha256 = sha256Hex, sha256Text?: Sha256Text): string {
  const normal = normaliseText(text);
  if (sha256Text !== undefined) return sha256Text(normal);
  if (normal.length > SCRATCH_UNITS) return sha256(encoder.encode(normal));
  // The same bytes as `encode`, without an allocation per file; hashing is synchronous, so no
  // caller ever sees the buffer change under it.
  const { written } = encoder.encodeInto(normal, scratch);
  return sha256(scratch.subarray(0, written));
}

/** SHA-256 (hex) of a text's UTF-8 bytes, as they are (not normalised). */
function textHash(text: string, sha256: Sha256, sha256Text: Sha256Text | undefined): string {
  return sha256Text === undefined ? sha256(encoder.encode(text)) : sha256Text(text);
}

/**
 * The file checksum of a migration from its files' own hashes: the up file's SHA-256 alone, or, with
 * a `.down.sql`, the SHA-256 of both hashes joined by `+`. An adapter that hashes the files' bytes
 * (a leading byte order mark dropped) gets the same value as {@link fileChecksumOf} over their text.
 *
 * @example
 * ```ts
 * combineFileHashes(upHash, null) === upHash; // true
 * ```
 */
export function combineFileHashes(
  upHash: string,
  downHash: string | null,
  sha256: Sha256 = sha256Hex,
  sha256Text?: Sha256Text,
): string {
  return downHash === null ? upHash : textHash(`${upHash}+${downHash}`, sha256, sha256Text);
}

/**
 * A migration's file checksum (`Migration.fileChecksum`): the SHA-256 of the file's text exactly as
 * written (no CRLF normalisation; the decoder already dropped a byte order mark), combined with its
 * `.down.sql` text if it has one. Any byte changed changes it; {@link checksumOf} decides whether
 * the change matters.
 *
 * @example
 * ```ts
 * fileChecksumOf('SELECT 1;\r\n', null) === fileChecksumOf('SELECT 1;\n', null); // false
 * ```
 */
export function fileChecksumOf(
  text: string,
  downText: string | null,
  sha256: Sha256 = sha256Hex,
  sha256Text?: Sha256Text,
): string {
  const up = textHash(text, sha256, sha256Text);
  return combineFileHashes(
    up,
    downText === null ? null : textHash(downText, sha256, sha256Text),
    sha256,
    sha256Text,
  );
}
