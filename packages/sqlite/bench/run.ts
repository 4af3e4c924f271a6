/**
 * `pnpm bench`: gao-db against floors (the same unavoidable work written directly on node:sqlite),
 * for 100, 1,000 and 5,000 generated migrations, on a RAM disk (`/dev/shm`: no fsync, so the table
 * shows CPU overhead at its harshest) and on the temp folder's disk (where databases live: each
 * commit's fsync is part of the cost). Every run is a fresh child process; the implementations take
 * turns; the table shows medians, and the spread of the per-round ratios. The ratio is against the
 * issue's floor (one transaction and one `schema_version` insert/delete per step). Informative
 * layers, each as a multiple of the floor: "floor + required" (also the event row and the foreign-key
 * check the issue itself requires of every step) and "gao-db's SQL, raw" (every statement gao-db runs
 * per step, in a plain loop): gao-db minus the latter is the cost of its JavaScript.
 * Environment: BENCH_SIZES=100,1000 BENCH_REPEATS=5 BENCH_DIR=/path (one place only)
 * BENCH_JSON=/path/results.json.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { generateMigrations } from './generate.ts';
import { formatMs, median } from './stats.ts';
import type { Measurement, Scenario, ScenarioJob } from './types.ts';

const SCENARIO_SCRIPT = fileURLToPath(new URL('./scenario.ts', import.meta.url));
const SIZES = (process.env.BENCH_SIZES ?? '100,1000,5000').split(',').map(Number);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
/** A scenario whose first gao-db run takes longer than this is measured once (keeps the bench bounded). */
const SLOW_RUN_MS = Number(process.env.BENCH_SLOW_RUN_MS ?? 15_000);
const TARGETS: Record<Scenario, number> = { apply: 1.1, check: 1.3, rollback: 1.1 };
const LABELS: Record<Scenario, string> = {
  apply: 'apply all (fresh db)',
  check: 'up-to-date check (openMigrated)',
  rollback: 'roll back all',
};

type Impl = ScenarioJob['impl'];

interface Row {
  scenario: Scenario;
  count: number;
  floor: Measurement[];
  floorRequired: Measurement[];
  gaoSql: Measurement[];
  gao: Measurement[];
  /** gao-db / floor of each round where both ran. */
  ratios: number[];
  errors: string[];
  /** Measured fewer times than asked because a run was too slow. */
  cut: boolean;
}

function measure(job: ScenarioJob): Measurement | string {
  const child = spawnSync(
    process.execPath,
    ['--conditions=@gao/source', SCENARIO_SCRIPT, JSON.stringify(job)],
    {
      encoding: 'utf8',
    },
  );
  const last = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !last.startsWith('{')) {
    const reason =
      child.stderr
        .trim()
        .split('\n')
        .find((line) => /Error/.test(line)) ?? child.stderr.trim();
    return `${job.impl} ${job.scenario} failed: ${reason.slice(0, 300)}`;
  }
  return JSON.parse(last) as Measurement;
}

function historyCount(database: string): number {
  const db = new DatabaseSync(database, { readOnly: true });
  try {
    return (
      db.prepare("SELECT count(*) AS n FROM schema_version WHERE status = 'success'").get() as { n: number }
    ).n;
  } finally {
    db.close();
  }
}

function runSize(root: string, count: number): Row[] {
  const base = join(root, String(count));
  const dir = join(base, 'migrations');
  generateMigrations(dir, count);
  const rows: Row[] = (['apply', 'check', 'rollback'] as const).map((scenario) => ({
    scenario,
    count,
    floor: [],
    floorRequired: [],
    gaoSql: [],
    gao: [],
    ratios: [],
    errors: [],
    cut: false,
  }));
  const applied: Partial<Record<Impl, string>> = {};
  for (const row of rows) {
    for (let r = 0; r < REPEATS && !row.cut; r++) {
      // Alternate which side goes first so warm-up and drift do not favour one.
      const order: Impl[] =
        r % 2 === 0
          ? ['floor', 'gao', 'floorRequired', 'gaoSql']
          : ['gao', 'floor', 'gaoSql', 'floorRequired'];
      const round: Partial<Record<Impl, number>> = {};
      for (const impl of order) {
        // The check floor writes nothing: the layered variants of it would be the same program.
        if (impl !== 'floor' && impl !== 'gao' && row.scenario === 'check') continue;
        const database = join(base, `${row.scenario}-${impl}-${r}.db`);
        if (row.scenario !== 'apply') {
          const source = applied[impl];
          if (source === undefined) continue; // apply failed for this side: nothing to check or roll back
          copyFileSync(source, database);
        }
        const result = measure({ scenario: row.scenario, impl, database, dir, count });
        if (typeof result === 'string') {
          if (!row.errors.includes(result)) row.errors.push(result);
          continue;
        }
        row[impl].push(result);
        round[impl] = result.ms;
        if (result.ms > SLOW_RUN_MS && r < REPEATS - 1) row.cut = true;
        if (row.scenario === 'apply') {
          const recorded = historyCount(database);
          if (recorded !== count)
            row.errors.push(`${impl} apply recorded ${recorded} of ${count} migrations`);
          applied[impl] = database;
        } else if (row.scenario === 'rollback') {
          const left = historyCount(database);
          if (left !== 0) row.errors.push(`${impl} rollback left ${left} migrations recorded`);
        }
      }
      if (round.gao !== undefined && round.floor !== undefined) row.ratios.push(round.gao / round.floor);
    }
  }
  return rows;
}

/** `1.23x`, or `n/a`. */
function times(ratio: number): string {
  return Number.isNaN(ratio) ? 'n/a' : `${ratio.toFixed(2)}x`;
}

function table(rows: readonly Row[]): string {
  const lines = [
    "| scenario | N | floor ms (issue: 1 txn + 1 row/step) | gao-db ms | ratio gao-db / floor | spread of rounds | target | floor + required (info) | gao-db's SQL, raw (info) | peak RSS floor / gao-db (MB) | heap after, gao-db (MB) |",
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    const floor = median(row.floor.map((m) => m.ms));
    const gao = median(row.gao.map((m) => m.ms));
    const ratio = gao / floor;
    const verdict = Number.isNaN(ratio)
      ? 'n/a'
      : `${ratio.toFixed(2)}x ${ratio <= TARGETS[row.scenario] ? 'ok' : 'MISS'}`;
    const spread =
      row.ratios.length < 2 ? 'n/a' : `${times(Math.min(...row.ratios))}-${times(Math.max(...row.ratios))}`;
    const runs = row.cut ? ` (${Math.min(row.floor.length, row.gao.length)} run)` : '';
    const rss = (ms: Measurement[]) =>
      ms.length === 0 ? 'n/a' : Math.max(...ms.map((m) => m.maxRssMb)).toFixed(0);
    const heap = row.gao.length === 0 ? 'n/a' : median(row.gao.map((m) => m.heapUsedMb)).toFixed(1);
    const layer = (ms: Measurement[]) => {
      const value = median(ms.map((m) => m.ms));
      return Number.isNaN(value) ? 'n/a' : `${formatMs(value)} ms (${times(value / floor)})`;
    };
    lines.push(
      `| ${LABELS[row.scenario]}${runs} | ${row.count.toLocaleString('en-US')} | ${formatMs(floor)} | ${formatMs(gao)} | ${verdict} | ${spread} | <= ${TARGETS[row.scenario]}x | ${layer(row.floorRequired)} | ${layer(row.gaoSql)} | ${rss(row.floor)} / ${rss(row.gao)} | ${heap} |`,
    );
  }
  return lines.join('\n');
}

/** Where the databases go: the RAM disk and the temp folder, or just BENCH_DIR. */
function places(): { label: string; dir: string }[] {
  if (process.env.BENCH_DIR) return [{ label: 'BENCH_DIR', dir: process.env.BENCH_DIR }];
  const found = [{ label: 'disk (temp folder)', dir: tmpdir() }];
  if (existsSync('/dev/shm')) found.unshift({ label: 'RAM disk', dir: '/dev/shm' });
  return found;
}

const load = loadavg()[0]?.toFixed(2);
console.log(
  `gao-db benchmark: Node ${process.version}, ${availableParallelism()} cores, load ${load}, ${REPEATS} runs each (median)`,
);
const results: { label: string; dir: string; rows: Row[] }[] = [];
for (const place of places()) {
  mkdirSync(place.dir, { recursive: true });
  const root = mkdtempSync(join(place.dir, 'gao-db-bench-'));
  const rows: Row[] = [];
  try {
    for (const count of SIZES) {
      const started = performance.now();
      rows.push(...runSize(root, count));
      console.log(
        `  ${place.label}: N=${count} done in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  results.push({ ...place, rows });
}
for (const { label, dir, rows } of results) {
  console.log(`\n### ${label}: files in ${dir}\n\n${table(rows)}\n`);
  for (const row of rows)
    for (const error of row.errors) console.log(`! ${row.scenario} N=${row.count}: ${error}`);
}
if (process.env.BENCH_JSON) {
  writeFileSync(
    process.env.BENCH_JSON,
    `${JSON.stringify({ node: process.version, load, results }, null, 2)}\n`,
  );
}
