import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testdir } from '@gao/tooling/test-utils';
import { describe, expect, it } from 'vitest';

const RUN = fileURLToPath(new URL('../bench/run.ts', import.meta.url));

interface BenchRow {
  scenario: string;
  count: number;
  floor: unknown[];
  floorRequired: unknown[];
  gaoSql: unknown[];
  gao: unknown[];
  ratios: number[];
  errors: string[];
}

// Not a timing test: it proves that `pnpm bench` still measures what it says (every implementation
// ran and left the database as its scenario requires), so a broken bench cannot go unnoticed.
describe('pnpm bench (tiny run)', () => {
  it('measures every implementation of every scenario without errors', () => {
    const dir = testdir();
    const json = join(dir, 'results.json');
    const child = spawnSync(process.execPath, ['--conditions=@gao/source', RUN], {
      encoding: 'utf8',
      env: { ...process.env, BENCH_SIZES: '4', BENCH_REPEATS: '2', BENCH_DIR: dir, BENCH_JSON: json },
    });
    expect(child.status, child.stderr).toBe(0);
    const { results } = JSON.parse(readFileSync(json, 'utf8')) as { results: { rows: BenchRow[] }[] };
    expect(results).toHaveLength(1);
    const rows = results[0]?.rows ?? [];
    expect(rows.map((row) => row.scenario)).toEqual(['apply', 'check', 'rollback']);
    for (const row of rows) {
      expect(row.errors, row.scenario).toEqual([]);
      expect([row.floor.length, row.gao.length, row.ratios.length], row.scenario).toEqual([2, 2, 2]);
      // The layered variants write, so the read-only check has none.
      const layers = row.scenario === 'check' ? 0 : 2;
      expect([row.floorRequired.length, row.gaoSql.length], row.scenario).toEqual([layers, layers]);
    }
    expect(child.stdout).toContain('| apply all (fresh db) | 4 |');
  });
});
