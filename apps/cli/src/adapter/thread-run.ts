import { Worker } from 'node:worker_threads';
import type { ProgressEvent } from './migrator-port.ts';
import {
  eventFromThread,
  fromThread,
  type ThreadJob,
  type ThreadMessage,
  type ThreadReport,
} from './thread-messages.ts';

/**
 * Where the migration thread's code is: next to this module, as JavaScript once built (also in the
 * bundle, which has it as an entry of its own), or as TypeScript when the tests run the sources.
 */
function threadScript(): { readonly url: URL; readonly execArgv: readonly string[] | undefined } {
  // Built: the thread inherits this process's Node options (`--import` loaders that code migrations
  // may need). The tests add the condition that resolves the workspace packages to their sources.
  return import.meta.url.endsWith('.ts')
    ? {
        url: new URL('./migrator-thread.ts', import.meta.url),
        execArgv: [...process.execArgv, '--conditions=@gao/source'],
      }
    : { url: new URL('./migrator-thread.js', import.meta.url), execArgv: undefined };
}

/**
 * Runs one `migrate`, `rollback` or rehearsal on a worker thread with a connection of its own, and
 * relays its progress events to `onEvent` as they come. node:sqlite blocks the thread that runs a statement:
 * on this thread the terminal UI keeps drawing (the elapsed time, Ctrl+C acknowledged at once) while
 * a long migration runs there. `signal` stops the run as in-process: no further migration starts,
 * and the running one is rolled back when its statements return. Errors come back with their
 * `code`, `hint` and other fields (see `thread-messages.ts`).
 *
 * @example
 * const report = await runOnThread({ options, command: 'migrate', request: {} }, signal, relay.emit);
 */
export function runOnThread<J extends ThreadJob>(
  job: J,
  signal: AbortSignal | undefined,
  onEvent: (event: ProgressEvent) => void,
): Promise<ThreadReport<J>> {
  const script = threadScript();
  const worker = new Worker(script.url, {
    workerData: job,
    ...(script.execArgv === undefined ? {} : { execArgv: [...script.execArgv] }),
  });
  const stop = () => worker.postMessage({ type: 'stop' });
  if (signal?.aborted === true) stop();
  else signal?.addEventListener('abort', stop, { once: true });
  return new Promise<ThreadReport<J>>((resolve, reject) => {
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', stop);
      finish();
    };
    worker.on('message', (message: ThreadMessage) => {
      try {
        if (message.type === 'event') onEvent(eventFromThread(message.event));
        else if (message.type === 'report') {
          settle(() => resolve(fromThread(message.report) as ThreadReport<J>));
        } else settle(() => reject(fromThread(message.error)));
      } catch (error) {
        settle(() => reject(error));
      }
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`The migration thread stopped (exit code ${code}) before it reported.`))),
    );
  });
}
