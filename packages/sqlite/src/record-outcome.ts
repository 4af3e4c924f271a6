import {
  type ApplyStep,
  applyPlan,
  type BaselineStep,
  type ChecksumFill,
  claimMessage,
  type FileChecksumFill,
  recordFailure as failedHistory,
  type History,
  type HistoryRecord,
  type Interruption,
  interruptionEvent,
  type Plan,
  type RevertStep,
  stepOutcome,
} from '@gao/migrate-core';
import { thrownText } from './errors.ts';
import { appendEvent, persistHistory, persistStep, readHistory } from './history-store.ts';
import type { FailedStatement } from './locate-statement.ts';
import { commit, rollbackQuietly, tryBeginImmediate } from './lock.ts';
import { recordSchema } from './recorded-schema.ts';
import { now, type RunContext } from './run-context.ts';
import { isCurrentShape, readHistoryShape } from './schema.ts';
import { withFingerprint } from './schema-fingerprint.ts';

/** The full stack for the event log: the error's own, then its causes'. */
export function stackOf(error: unknown): string | null {
  const stacks: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 5; depth++) {
    stacks.push(current.stack ?? `${current.name}: ${current.message}`);
    current = current.cause;
  }
  return stacks.length === 0 ? null : stacks.join('\nCaused by: ');
}

/** The records as they are now, read inside the caller's transaction (the events are not needed). */
export function currentHistory(context: RunContext): History {
  return readHistory(context.db, readHistoryShape(context.db, context.database), context.database, {
    events: false,
  });
}

/**
 * The history as far as one version goes: its record alone, no events. A step's outcome depends on
 * nothing else, so core's `applyPlan`/`recordFailure` give the same row and event from it as from the
 * whole history, at a cost that does not grow with the history.
 *
 * @example
 * focusOn(history.records.find((r) => r.version === 3)); // { records: [record], events: [] }
 */
export function focusOn(record: HistoryRecord | undefined): History {
  return { records: record === undefined ? [] : [record], events: [] };
}

/** The record of `version` read now, inside the caller's transaction, as a focused history. */
function readFocused(context: RunContext, version: number): History {
  return focusOn(currentHistory(context).records.find((record) => record.version === version));
}

/**
 * Writes what a finished step means, in the caller's transaction, exactly as core's `stepOutcome`
 * (what `applyPlan` applies for each step) models it: an applied (or baselined) row replacing any
 * failed one plus its event, or a reverted row removed plus `rolled_back`. `before` is the step's
 * record as the caller read it inside this same lock ({@link focusOn}); without it the record is
 * read now. `fingerprint`, when given, is recorded with the event (the schema as the run leaves
 * it). Returns the focused history after.
 */
export function recordSuccess(
  context: RunContext,
  step: ApplyStep | RevertStep | BaselineStep,
  durationMs: number | null,
  before: History = readFocused(context, step.migration.version),
  fingerprint: string | null = null,
): History {
  const { version } = step.migration;
  const old = before.records.find((record) => record.version === version);
  const { record, event } = stepOutcome(step, old, now(context), durationMs);
  persistStep(
    context.db,
    old,
    record,
    fingerprint === null ? event : { ...event, schemaFingerprint: fingerprint },
  );
  return focusOn(record ?? undefined);
}

/**
 * Records checksums for rows written without one (the story's runner), with `checksum_recorded`
 * events. `before` is the history read inside the caller's lock; returns the history after.
 */
export function recordChecksumFills(
  context: RunContext,
  fills: readonly ChecksumFill[],
  before: History = currentHistory(context),
): History {
  if (fills.length === 0) return before;
  const plan: Plan = { kind: 'baseline', steps: [], checksumFills: fills, targetVersion: 0 };
  const after = applyPlan(before, plan, now(context));
  persistHistory(context.db, before, after);
  return after;
}

/**
 * Records file checksums of rows written before gao-db recorded them, in the caller's transaction
 * (no event: the rows mean the same; only the next startup check gets cheaper). `before` is the
 * history read inside the caller's lock; returns the history after.
 */
export function recordFileChecksums(
  context: RunContext,
  fills: readonly FileChecksumFill[],
  before: History,
): History {
  if (fills.length === 0) return before;
  const byVersion = new Map(fills.map((fill) => [fill.version, fill.fileChecksum]));
  const records = before.records.map((record) => {
    const fileChecksum = byVersion.get(record.version);
    return fileChecksum === undefined ? record : { ...record, fileChecksum };
  });
  const after = { records, events: before.events };
  persistHistory(context.db, before, after);
  return after;
}

/**
 * Writes a failure, in the caller's transaction, as core's `recordFailure` models it: a failed apply
 * leaves a `failed` row (replacing an earlier one); a failed transactional revert keeps its row; a
 * part that ran outside a transaction leaves `failed, not transactional` (the planner asks for repair).
 * The message names the failed statement's line when it is known; `fingerprint`, when given, is the
 * schema the failure leaves (recorded with its event).
 */
export function recordFailure(
  context: RunContext,
  step: ApplyStep | RevertStep,
  error: unknown,
  durationMs: number,
  statement: FailedStatement | null = null,
  fingerprint: string | null = null,
): void {
  const before = readFocused(context, step.migration.version);
  const reason = thrownText(error);
  const message = statement === null ? reason : `${reason} (line ${statement.line}: ${statement.sql})`;
  const after = failedHistory(
    before,
    step,
    now(context),
    { message, stack: stackOf(error) ?? undefined },
    durationMs,
  );
  persistHistory(context.db, before, withFingerprint(after, fingerprint));
}

/**
 * Marks a step that runs outside a transaction as started, before it runs (row only, no event): if
 * the process dies halfway, the row says "failed, not transactional", so the planner asks for a
 * repair instead of running it again over a half-applied change, and a runner waiting for the lock
 * stops too. `before` as for {@link recordSuccess}.
 */
export function recordClaim(
  context: RunContext,
  step: ApplyStep | RevertStep,
  before: History = readFocused(context, step.migration.version),
): void {
  const message = claimMessage(step.kind);
  persistHistory(context.db, before, failedHistory(before, step, now(context), { message }), {
    events: false,
  });
}

/**
 * Appends the `interrupted` event of a run stopped at the user's request, with the schema the run
 * left (so a later change by hand is still noticed), in a transaction of its own. Best effort: it
 * does not wait for another process's lock, and writes nothing when the history tables are not there
 * in their current shape (the stopped step's transaction would have created or upgraded them), or
 * when the write fails; the run's outcome is the same either way.
 */
export function recordInterruption(context: RunContext, stop: Interruption): void {
  const { db } = context;
  try {
    if (!tryBeginImmediate(db, context.busyTimeoutMs)) return;
    if (!isCurrentShape(readHistoryShape(db, context.database))) return;
    const event = interruptionEvent(stop, now(context));
    appendEvent(db, { ...event, schemaFingerprint: recordSchema(db) });
    commit(db, context);
  } catch {
    // Stopping is what was asked; the missing event only costs the history a line.
  } finally {
    rollbackQuietly(db);
  }
}
