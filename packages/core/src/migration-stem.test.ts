import { describe, expect, it } from 'vitest';
import { isStemParts, splitStem, versionNumber } from './migration-stem.ts';

describe('splitStem', () => {
  it('splits at the first "_" after the digits', () => {
    const parts = splitStem('001_a_b');
    expect(parts).toEqual({ versionText: '001', name: 'a_b' });
    expect(isStemParts(parts)).toBe(true);
  });

  it('reports what is wrong, with a fixed stem when one can be guessed', () => {
    expect(splitStem('x_001')).toEqual({ reason: 'no_version', found: '', fixed: null });
    expect(splitStem('001')).toEqual({ reason: 'no_name', found: '', fixed: null });
    expect(splitStem('001_')).toEqual({ reason: 'no_name', found: '', fixed: null });
    expect(splitStem('001-a')).toEqual({ reason: 'bad_separator', found: '-', fixed: '001_a' });
    expect(splitStem('001a')).toEqual({ reason: 'bad_separator', found: 'a', fixed: '001_a' });
    expect(splitStem('001-')).toEqual({ reason: 'bad_separator', found: '-', fixed: null });
    expect(isStemParts(splitStem('001-a'))).toBe(false);
  });
});

describe('versionNumber', () => {
  it('reads digits as an integer, ignoring leading zeros', () => {
    expect(versionNumber('001')).toBe(1);
    expect(versionNumber('0000')).toBe(0);
    expect(versionNumber('20261124120000')).toBe(20261124120000);
  });

  it('accepts 2^53 - 1 and refuses 2^53 and above', () => {
    expect(versionNumber('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(versionNumber('0009007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(versionNumber('9007199254740992')).toBeNull();
    expect(versionNumber('99999999999999999999999')).toBeNull();
  });
});
