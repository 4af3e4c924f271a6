import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from './sha256.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const nodeSha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('sha256Hex', () => {
  it('matches the NIST FIPS 180-4 example vectors', () => {
    expect(sha256Hex(utf8(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex(utf8('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex(utf8('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(
      sha256Hex(
        utf8(
          'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
        ),
      ),
    ).toBe('cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1');
  });

  it('hashes one million "a"s', () => {
    expect(sha256Hex(new Uint8Array(1_000_000).fill(0x61))).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
  });

  it('agrees with node:crypto at every length around the block and padding boundaries', () => {
    for (let length = 0; length <= 200; length++) {
      const bytes = randomBytes(length);
      expect(sha256Hex(bytes), `length ${length}`).toBe(nodeSha256(bytes));
    }
  });

  it('agrees with node:crypto on random inputs of random sizes', () => {
    for (let i = 0; i < 50; i++) {
      const bytes = randomBytes(Math.floor(Math.random() * 20_000));
      expect(sha256Hex(bytes)).toBe(nodeSha256(bytes));
    }
  });

  it('hashes only the viewed bytes of a subarray', () => {
    const buffer = randomBytes(300);
    const view = buffer.subarray(7, 207);
    expect(sha256Hex(view)).toBe(nodeSha256(Buffer.from(view)));
  });

  it('gives the same answer when called again (no state leaks between calls)', () => {
    const bytes = randomBytes(1000);
    const first = sha256Hex(bytes);
    sha256Hex(randomBytes(77));
    expect(sha256Hex(bytes)).toBe(first);
  });

  // Speed is measured by `pnpm bench`, never asserted in a unit test.
  it('hashes a large (8 MiB) input exactly like node:crypto', () => {
    const bytes = randomBytes(8 * 1024 * 1024);
    expect(sha256Hex(bytes)).toBe(nodeSha256(bytes));
  });
});
