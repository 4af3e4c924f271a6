import type { HistoryEvent, HistoryEventKind, HistoryRecord } from '@gao/migrate-core';
import { formatDuration } from './format-duration.ts';
import { formatTimestamp } from './format-timestamp.ts';
import type { Paint } from './paint.ts';
import { table } from './table.ts';

/** One event of `history --json`. */
export interface HistoryEventJson {
  /** `null` for a migration applied before gao-db kept its event log (the story's runner). */
  readonly id: number | null;
  readonly at: string;
  readonly kind: HistoryEventKind;
  readonly version: number;
  readonly versionText: string;
  readonly name: string;
  readonly durationMs: number | null;
  readonly checksum: string | null;
  readonly error: string | null;
  readonly detail: string | null;
  /** Only with `--verbose`. */
  readonly stack?: string | null;
}

/** The document `gao-db history --json` prints. */
export interface HistoryJson {
  readonly database: string;
  readonly events: readonly HistoryEventJson[];
}

const EARLIER = 'applied before gao-db kept an event log';

/** Records whose application the event log does not know (written by the story's Python runner). */
function earlierEvents(
  records: readonly HistoryRecord[],
  events: readonly HistoryEvent[],
): HistoryEventJson[] {
  const logged = new Set(
    events
      .filter((event) => event.kind === 'applied' || event.kind === 'baselined')
      .map((event) => event.version),
  );
  return records
    .filter((record) => record.status === 'success' && !logged.has(record.version))
    .sort((a, b) => a.version - b.version)
    .map((record) => ({
      id: null,
      at: record.appliedAt,
      kind: 'applied',
      version: record.version,
      versionText: record.versionText,
      name: record.migrationName,
      durationMs: record.durationMs,
      checksum: null,
      error: null,
      detail: EARLIER,
    }));
}

/**
 * The newest `limit` events (all when `undefined`), oldest first, as JSON. Migrations applied before
 * the event log existed come first, from their `schema_version` rows.
 *
 * @example
 * historyJson('/srv/app.db', history, 10, false).events.length // <= 10
 */
export function historyJson(
  database: string,
  history: { readonly records: readonly HistoryRecord[]; readonly events: readonly HistoryEvent[] },
  limit: number | undefined,
  verbose: boolean,
): HistoryJson {
  const logged: HistoryEventJson[] = history.events.map((event) => ({
    id: event.id,
    at: event.at,
    kind: event.kind,
    version: event.version,
    versionText: event.versionText,
    name: event.migrationName,
    durationMs: event.durationMs,
    checksum: event.checksum,
    error: event.error,
    detail: event.detail,
    ...(verbose ? { stack: event.stack } : {}),
  }));
  const all = [...earlierEvents(history.records, history.events), ...logged];
  return { database, events: limit === undefined ? all : all.slice(Math.max(0, all.length - limit)) };
}

const KIND_LABEL: Readonly<Record<HistoryEventKind, string>> = {
  applied: 'applied',
  failed: 'FAILED',
  rolled_back: 'rolled back',
  rollback_failed: 'ROLLBACK FAILED',
  baselined: 'baselined',
  repaired: 'repaired',
  checksum_recorded: 'checksum recorded',
  interrupted: 'interrupted',
};

function paintKind(kind: HistoryEventKind, paint: Paint): string {
  const label = KIND_LABEL[kind];
  if (kind === 'failed' || kind === 'rollback_failed') return paint.red(label);
  if (kind === 'applied') return paint.green(label);
  return paint.yellow(label);
}

/** The first line of an error, cut to `max` characters unless verbose (errors may quote values). */
function shortError(error: string, verbose: boolean, max = 100): string {
  if (verbose) return error;
  const first = error.split('\n')[0] ?? '';
  return first.length > max ? `${first.slice(0, max - 1)}…` : first;
}

/**
 * `gao-db history` for people: one row per event with time (UTC), what happened and how long it took.
 *
 * @example
 * formatHistory(view, paint, false) // ['  TIME (UTC)  EVENT  VERSION  NAME  DURATION', ...]
 */
export function formatHistory(view: HistoryJson, paint: Paint, verbose: boolean): string[] {
  if (view.events.length === 0) return ['No events yet: nothing has been applied to this database.'];
  const rows = view.events.map((event) => [
    formatTimestamp(event.at),
    paintKind(event.kind, paint),
    event.versionText,
    event.name,
    formatDuration(event.durationMs),
  ]);
  const lines = table([['TIME (UTC)', 'EVENT', 'VERSION', 'NAME', 'DURATION'].map(paint.dim), ...rows], '  ');
  const details: string[] = [];
  for (const event of view.events) {
    const where = `  ${event.name} (${formatTimestamp(event.at)}):`;
    if (event.error !== null) {
      details.push(`${where} ${paint.red(shortError(event.error, verbose))}`);
      if (verbose && event.stack)
        details.push(...event.stack.split('\n').map((line) => `    ${paint.dim(line)}`));
    }
    if (event.detail !== null) details.push(`${where} ${event.detail}`);
  }
  return details.length === 0 ? lines : [...lines, '', 'Details:', ...details];
}
