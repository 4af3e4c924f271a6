import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  checksumOf,
  combineFileHashes,
  fileChecksumOf,
  normaliseText,
  withoutTrailingBlanks,
} from './checksum.ts';
import { sha256Hex } from './sha256.ts';

const nodeSha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('normaliseText', () => {
  it('drops a leading BOM and turns CRLF and lone CR into LF', () => {
    expect(normaliseText('\uFEFFa\r\nb\rc\nd')).toBe('a\nb\nc\nd');
  });

  it('keeps a BOM that is not at the start, and blank lines', () => {
    expect(normaliseText('a\uFEFF\r\n\r\n')).toBe('a\uFEFF\n\n');
  });

  it('leaves LF text unchanged', () => {
    expect(normaliseText('CREATE TABLE t (id);\n')).toBe('CREATE TABLE t (id);\n');
  });
});

describe('withoutTrailingBlanks', () => {
  it('drops spaces, tabs and line breaks at the end only', () => {
    expect(withoutTrailingBlanks('SELECT 1;\n \t\r\n\n')).toBe('SELECT 1;');
    expect(withoutTrailingBlanks('  SELECT 1;')).toBe('  SELECT 1;');
    expect(withoutTrailingBlanks('\n\n')).toBe('');
    expect(withoutTrailingBlanks('')).toBe('');
    // Not other white space: a no-break space is text.
    expect(withoutTrailingBlanks('SELECT 1; --\u00a0')).toBe('SELECT 1; --\u00a0');
  });
});

describe('checksumOf', () => {
  it('uses an injected text hasher on the normalised text when given', () => {
    const seen: string[] = [];
    const viaText = checksumOf('\uFEFFSELECT 1;\r\n', sha256Hex, (text) => {
      seen.push(text);
      return createHash('sha256').update(text, 'utf8').digest('hex');
    });
    expect(seen).toEqual(['SELECT 1;\n']);
    expect(viaText).toBe(checksumOf('SELECT 1;\n'));
  });

  const lf = 'CREATE TABLE t (id);\n-- é\n';

  it('is the SHA-256 of the UTF-8 of the normalised text', () => {
    expect(checksumOf(lf)).toBe(nodeSha256(new TextEncoder().encode(lf)));
  });

  it('does not change with CRLF, CR or a BOM', () => {
    expect(checksumOf('\uFEFFCREATE TABLE t (id);\r\n-- é\r\n')).toBe(checksumOf(lf));
    expect(checksumOf('CREATE TABLE t (id);\r-- é\r')).toBe(checksumOf(lf));
  });

  it('changes when the SQL changes', () => {
    expect(checksumOf('CREATE TABLE t (id, x);\n-- é\n')).not.toBe(checksumOf(lf));
  });

  it('uses an injected SHA-256 with the same result', () => {
    const seen: number[] = [];
    const injected = (bytes: Uint8Array) => {
      seen.push(bytes.length);
      return nodeSha256(bytes);
    };
    expect(checksumOf('a\r\n', injected)).toBe(checksumOf('a\n', sha256Hex));
    expect(seen).toEqual([2]);
  });
});

describe('checksumOf on long texts', () => {
  it('gives the same result above the reused buffer size as below it', () => {
    const long = `${'SELECT 1;\r\n'.repeat(3000)}é`;
    expect(checksumOf(long)).toBe(sha256Hex(new TextEncoder().encode(long.replace(/\r\n/g, '\n'))));
    expect(checksumOf('é\r\n')).toBe(sha256Hex(new TextEncoder().encode('é\n')));
  });
});

describe('fileChecksumOf', () => {
  const nodeText = (text: string) => createHash('sha256').update(text).digest('hex');

  it("is the SHA-256 of the text as written, with core's hash or an injected one", () => {
    const text = 'CREATE TABLE é (id);\r\n';
    expect(fileChecksumOf(text, null)).toBe(nodeText(text));
    expect(fileChecksumOf(text, null, nodeSha256)).toBe(nodeText(text));
    expect(fileChecksumOf(text, null, sha256Hex, nodeText)).toBe(nodeText(text));
  });

  it('combines the hashes of a file and its .down.sql, so adapters can hash bytes', () => {
    const combined = fileChecksumOf('UP;', 'DOWN;');
    expect(combined).toBe(nodeText(`${nodeText('UP;')}+${nodeText('DOWN;')}`));
    expect(combineFileHashes(nodeText('UP;'), nodeText('DOWN;'))).toBe(combined);
    expect(combineFileHashes(nodeText('UP;'), nodeText('DOWN;'), sha256Hex, nodeText)).toBe(combined);
    expect(combineFileHashes(nodeText('UP;'), null)).toBe(nodeText('UP;'));
    expect(fileChecksumOf('UP;', 'DOWN; ')).not.toBe(combined);
  });
});
