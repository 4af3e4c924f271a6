/**
 * The migration thread: runs one `migrate` or `rollback` of the Migrator on its own connection and
 * posts its progress events, then its report or error, to the thread that started it (see
 * {@link runOnThread}). A `stop` message aborts the run as Ctrl+C does in-process. Started by
 * `thread-run.ts`; never imported.
 */
import { parentPort, workerData } from 'node:worker_threads';
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
try {
  const { signal } = controller;
  const report =
    job.command === 'migrate'
      ? await migrator.migrate({ ...job.request, signal })
      : await migrator.rollback(job.request, { signal });
  post({ type: 'report', report: toThread(report) as typeof report });
} catch (error) {
  post({ type: 'error', error: toThread(error) });
} finally {
  migrator.close();
  port.close();
}
