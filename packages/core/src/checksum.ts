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
