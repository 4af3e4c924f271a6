import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstSqlOffset, lineAt, linesContaining, oneLine, splitLines } from './sql-text.ts';

describe('splitLines', () => {
  it('splits at LF, CRLF and lone CR, keeping offsets', () => {
    expect(splitLines('a\nbb\r\nc\rd')).toEqual([
      { number: 1, text: 'a', start: 0, next: 2 },
      { number: 2, text: 'bb', start: 2, next: 6 },
      { number: 3, text: 'c', start: 6, next: 8 },
      { number: 4, text: 'd', start: 8, next: 9 },
    ]);
  });

  it('has no extra line after a final line break, and none for empty text', () => {
    expect(splitLines('a\n').map((line) => line.text)).toEqual(['a']);
    expect(splitLines('')).toEqual([]);
    expect(splitLines('\n\n').map((line) => line.text)).toEqual(['', '']);
  });
});

describe('firstSqlOffset', () => {
  it('finds the first character that is not blank, ";" or a comment', () => {
    expect(firstSqlOffset('SELECT 1')).toBe(0);
    expect(firstSqlOffset(' \t\r\n;\fX')).toBe(6);
    expect(firstSqlOffset('-- c\nX')).toBe(5);
    expect(firstSqlOffset('-- c\r\nX')).toBe(6);
    expect(firstSqlOffset('/* a\n b */X')).toBe(10);
    expect(firstSqlOffset('/**/-- x\n/* y */\n  X')).toBe(19);
  });

  it('is -1 for text with no SQL', () => {
    expect(firstSqlOffset('')).toBe(-1);
    expect(firstSqlOffset('  \n;;\n')).toBe(-1);
    expect(firstSqlOffset('-- only a comment')).toBe(-1);
    expect(firstSqlOffset('-- a\n/* b */\n')).toBe(-1);
    expect(firstSqlOffset('/* never closed\nSELECT 1;')).toBe(-1);
  });

  it('counts a string or a lone "-" or "/" as SQL', () => {
    expect(firstSqlOffset("'-- not a comment'")).toBe(0);
    expect(firstSqlOffset('- 1')).toBe(0);
    expect(firstSqlOffset(' /x')).toBe(1);
  });
});

describe('firstSqlOffset over a range', () => {
  it('answers as for the slice, offset by `from`', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[ \t\r\n;\-/*aS]{0,24}$/), fc.nat(24), fc.nat(24), (text, a, b) => {
        const [from, to] = [Math.min(a, b, text.length), Math.min(Math.max(a, b), text.length)];
        const sliced = firstSqlOffset(text.slice(from, to));
        expect(firstSqlOffset(text, from, to)).toBe(sliced === -1 ? -1 : sliced + from);
      }),
    );
  });
});

describe('lineAt', () => {
  it('gives the 1-based line of an offset, counting CRLF once', () => {
    expect(lineAt('abc', 0)).toBe(1);
    expect(lineAt('a\r\nb\rc\nd', 7)).toBe(4);
    expect(lineAt('a\r\nb', 3)).toBe(2);
  });
});

describe('linesContaining', () => {
  it('finds the same lines as splitLines, with their numbers and offsets, across LF, CRLF and lone CR', () => {
    const texts = [
      '-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 2;',
      'a\r\nb -- migrate: x migrate:\r\r\n\n-- MIGRATE:down\rlast migrate:',
      'no markers at all\n',
      'migrate:',
    ];
    for (const text of texts) {
      const expected = splitLines(text).filter((line) => /migrate:/i.test(line.text));
      expect(linesContaining(text, /migrate:/gi)).toEqual(expected);
    }
  });

  it('agrees with splitLines on any text, with or without CR (property)', () => {
    const piece = fc.constantFrom('\n', '\r\n', '\r', 'migrate:', 'MIGRATE:', '-- ', 'x', ' ', ';', '\n\n');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        const expected = splitLines(text).filter((line) => /migrate:/i.test(line.text));
        expect(linesContaining(text, /migrate:/gi)).toEqual(expected);
      }),
    );
  });
});

describe('oneLine', () => {
  it('puts a statement on one line: white space runs (CR, LF, tabs) become one space, ends trimmed', () => {
    expect(oneLine('\n  CREATE TABLE t (\r\n\tid INTEGER\n)  ')).toBe('CREATE TABLE t ( id INTEGER )');
    expect(oneLine('COMMIT')).toBe('COMMIT');
  });
});
