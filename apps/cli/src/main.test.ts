import { expect, it, vi } from 'vitest';
import { main } from './main.ts';

it('returns 0 for --version and 2 for anything else', async () => {
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  expect(await main(['--version'])).toBe(0);
  expect(await main([])).toBe(2);
  out.mockRestore();
  err.mockRestore();
});
