import { sha256Hex } from './sha256.ts';

/** A SHA-256 function returning lower-case hex; the adapter may pass `node:crypto`'s for speed. */
export type Sha256 = (bytes: Uint8Array) => string;

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
  return withoutBom.replace(/\r\n?/g, '\n');
}

/**
 * SHA-256 (hex) of the normalised `text`, encoded as UTF-8.
 *
 * @param sha256 - an injected implementation (must give the same result as {@link sha256Hex}).
 * @example
 * ```ts
 * checksumOf('SELECT 1;\r\n') === checksumOf('SELECT 1;\n'); // true
 * ```
 */
export function checksumOf(text: string, sha256: Sha256 = sha256Hex): string {
  return sha256(encoder.encode(normaliseText(text)));
}
