import { describe, expect, it } from 'vitest';
import { assertNever, fail, ok } from './result.ts';

describe('result helpers', () => {
  it('wraps values and problems', () => {
    expect(ok(3)).toEqual({ ok: true, value: 3 });
    expect(fail(['x'])).toEqual({ ok: false, problems: ['x'] });
  });

  it('assertNever throws naming the unexpected value', () => {
    expect(() => assertNever('boom' as never, 'step kind')).toThrow('Unexpected step kind: "boom"');
  });
});
