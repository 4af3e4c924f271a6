import type { ProgressEvent } from './migrator-port.ts';

/** Forwards the Migrator's progress events to whichever listener the current run set. */
export interface EventRelay {
  /** Hand this to the Migrator as its `onEvent` when opening it. */
  readonly emit: (event: ProgressEvent) => void;
  /** The listener of the run now starting; `null` between runs. */
  readonly listen: (listener: ((event: ProgressEvent) => void) | null) => void;
}

/**
 * The Migrator takes one `onEvent` when it is opened, but a dashboard runs several commands on it,
 * each with its own subscribers: the relay sits between the two.
 *
 * @example
 * const relay = eventRelay();
 * await withMigrator(context, { onEvent: relay.emit }, (migrator) => ...);
 */
export function eventRelay(): EventRelay {
  let current: ((event: ProgressEvent) => void) | null = null;
  return {
    emit: (event) => current?.(event),
    listen: (listener) => {
      current = listener;
    },
  };
}
