/**
 * The migration thread: runs one `migrate`, `rollback` or rehearsal of the Migrator on its own
 * connection and posts its progress events, then its report or error, to the thread that started it
 * (see {@link runOnThread}). A `stop` message aborts it as Ctrl+C does in-process: no further
 * migration starts, the running one is rolled back (a rehearsal then deletes its copy). Started by
 * `thread-run.ts`; never imported.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RehearsalReport, RunReport } from './migrator-port.ts';
import { newMigrator } from './new-migrator.ts';
import type { StopMessage, ThreadJob, ThreadMessage } from './thread-messages.ts';
import { toThread } from './thread-messages.ts';

const job = workerData as ThreadJob;
const port = parentPort;
if (port === null) throw new Error('migrator-thread.ts runs as a worker thread only.');

const post = (message: ThreadMessage) => port.postMessage(message);
const controller = new AbortController();
port.on('message', (message: StopMessage) => {
  if (message.type === 'stop') controller.abort();
});

const migrator = newMigrator(job.options, (event) => post({ type: 'event', event: toThread(event) }));

function run(signal: AbortSignal): Promise<RunReport | RehearsalReport> {
  switch (job.command) {
    case 'migrate':
      return migrator.migrate({ ...job.request, signal });
    case 'rollback':
      return migrator.rollback(job.request, { signal });
    case 'rehearse':
      return migrator.rehearse({ ...job.request, signal });
    case 'rehearse_rollback':
      return migrator.rehearseRollback(job.request, { signal });
  }
}

try {
  const report = await run(controller.signal);
  post({ type: 'report', report: toThread(report) as typeof report });
} catch (error) {
  post({ type: 'error', error: toThread(error) });
} finally {
  migrator.close();
  port.close();
}
