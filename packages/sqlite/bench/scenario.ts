/**
 * One measured run in a fresh process (so peak RSS belongs to this scenario alone). Prints one JSON
 * line: `{ ms, maxRssMb, heapUsedMb }`. Usage: node --conditions=@gao/source scenario.ts '<json>'.
 */
import { floorApply, floorCheck, floorRollback, gaoSqlApply, gaoSqlRollback } from './floor.ts';
import { gaoApply, gaoCheck, gaoRollback, loadGao } from './gao.ts';
import type { ScenarioJob } from './types.ts';

const job = JSON.parse(process.argv[2] ?? '{}') as ScenarioJob;

const gao = job.impl === 'gao' ? await loadGao() : null;
const started = performance.now();
if (job.impl === 'gaoSql') {
  if (job.scenario === 'apply') gaoSqlApply(job.database, job.dir);
  else if (job.scenario === 'rollback') gaoSqlRollback(job.database, job.dir);
} else if (gao === null) {
  const withRequired = job.impl === 'floorRequired';
  if (job.scenario === 'apply') floorApply(job.database, job.dir, withRequired);
  else if (job.scenario === 'check') floorCheck(job.database, job.dir);
  else floorRollback(job.database, job.dir, withRequired);
} else {
  if (job.scenario === 'apply') await gaoApply(gao, job.database, job.dir);
  else if (job.scenario === 'check') await gaoCheck(gao, job.database, job.dir);
  else await gaoRollback(gao, job.database, job.dir, job.count);
}
const ms = performance.now() - started;
const memory = process.memoryUsage();
process.stdout.write(
  `${JSON.stringify({
    ms,
    // resourceUsage().maxRSS is the process's peak resident set (KiB), not just the current one.
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    heapUsedMb: memory.heapUsed / 1024 / 1024,
  })}\n`,
);
