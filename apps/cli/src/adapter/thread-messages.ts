import type { MigratorOptions, ProgressEvent, RehearsalReport, RunReport } from './migrator-port.ts';

/**
 * The Migrator's settings a migration thread opens it with: the port's, without what cannot cross
 * to a thread (the event listener and the logger stay on this thread) and the thread switch itself.
 */
export type ThreadMigratorOptions = Omit<MigratorOptions, 'onEvent' | 'logger' | 'thread'>;

/**
 * What a migration thread runs: `migrate`, `rollback` or one of their rehearsals, with the request
 * the port was given.
 */
export type ThreadJob = { readonly options: ThreadMigratorOptions } & ThreadCommand;

/** A {@link ThreadJob} without the settings: the command and its request. */
export type ThreadCommand =
  | { readonly command: 'migrate'; readonly request: { readonly to?: number } }
  | {
      readonly command: 'rollback';
      readonly request: { readonly count: number } | { readonly to: number };
    }
  | { readonly command: 'rehearse'; readonly request: { readonly to?: number; readonly roundTrip?: boolean } }
  | {
      readonly command: 'rehearse_rollback';
      readonly request: { readonly count: number } | { readonly to: number };
    };

/** What a job reports: a run's report, or a rehearsal's. */
export type ThreadReport<J extends ThreadCommand> = J['command'] extends 'migrate' | 'rollback'
  ? RunReport
  : RehearsalReport;

/** The main thread to the migration thread: stop after (or roll back) the running migration. */
export interface StopMessage {
  readonly type: 'stop';
}

/** The migration thread to the main thread. */
export type ThreadMessage =
  | { readonly type: 'event'; readonly event: unknown }
  | { readonly type: 'report'; readonly report: RunReport | RehearsalReport }
  | { readonly type: 'error'; readonly error: unknown };

// An error crossing threads: structured cloning keeps only an error's message and stack, but the
// CLI maps errors by their `code` and shows their `hint`, `file`, `version`, ... and causes.
const ERROR_TAG = '__gaoDbError';
// Carried on their own (an error class may declare `name` as an own field).
const OWN_PARTS: ReadonlySet<string> = new Set(['name', 'message', 'stack', 'cause']);

interface TaggedError {
  readonly [ERROR_TAG]: {
    readonly name: string;
    readonly message: string;
    readonly stack: string | undefined;
    readonly fields: Readonly<Record<string, unknown>>;
    readonly cause: unknown;
  };
}

/**
 * `value` made safe to post to another thread with its errors intact: every `Error`, also inside
 * arrays, plain objects and causes, becomes a tagged plain object with its own fields; functions are
 * left out. {@link fromThread} turns it back.
 *
 * @example
 * fromThread(toThread(Object.assign(new Error('x'), { code: 'disk_full' }))).code // 'disk_full'
 */
export function toThread(value: unknown, depth = 0): unknown {
  // The depth only guards against cycles: events and errors are trees a few levels deep.
  if (depth > 32 || typeof value === 'function') return undefined;
  if (value instanceof Error) {
    const fields: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      if (!OWN_PARTS.has(key) && typeof field !== 'function') fields[key] = toThread(field, depth + 1);
    }
    const tagged: TaggedError = {
      [ERROR_TAG]: {
        name: value.name,
        message: value.message,
        stack: value.stack,
        fields,
        cause: toThread(value.cause, depth + 1),
      },
    };
    return tagged;
  }
  if (Array.isArray(value)) return value.map((item) => toThread(item, depth + 1));
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    const copy: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      const converted = toThread(field, depth + 1);
      if (converted !== undefined || field === undefined) copy[key] = converted;
    }
    return copy;
  }
  return value;
}

function isTagged(value: unknown): value is TaggedError {
  return typeof value === 'object' && value !== null && ERROR_TAG in value;
}

/**
 * The value {@link toThread} posted, with its errors as `Error`s again (same name, message, stack,
 * fields and causes; their class is not kept: the CLI reads errors by `code`).
 *
 * @example
 * fromThread(message.error) instanceof Error // true
 */
export function fromThread(value: unknown): unknown {
  if (isTagged(value)) {
    const { name, message, stack, fields, cause } = value[ERROR_TAG];
    const revived =
      cause === undefined ? new Error(message) : new Error(message, { cause: fromThread(cause) });
    const writable = { enumerable: true, writable: true, configurable: true };
    for (const [key, field] of Object.entries(fields)) {
      Object.defineProperty(revived, key, { ...writable, value: fromThread(field) });
    }
    Object.defineProperty(revived, 'name', { ...writable, enumerable: false, value: name });
    if (stack !== undefined) revived.stack = stack;
    return revived;
  }
  if (Array.isArray(value)) return value.map(fromThread);
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    const copy: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) copy[key] = fromThread(field);
    return copy;
  }
  return value;
}

/** A progress event as it arrived from the migration thread. */
export function eventFromThread(event: unknown): ProgressEvent {
  return fromThread(event) as ProgressEvent;
}
