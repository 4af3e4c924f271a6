import type { History } from '@gao/migrate-core';
import { sha256Text } from './read-set.ts';
import { normalisedSql, type SchemaObject } from './schema-snapshot.ts';

/**
 * SHA-256 of a schema given as its objects in `schemaObjects`' order (gao-db's own tables and
 * SQLite's left out, so recording history never changes it): each one's type, name and `CREATE`
 * text as {@link normalisedSql} reads it (white space and quotes around simple names do not count).
 *
 * @example
 * fingerprintOf(schemaObjects(db)); // 'a3f1…' (64 hex digits)
 */
export function fingerprintOf(objects: readonly SchemaObject[]): string {
  const lines = objects.map(
    ({ type, name, sql }) => `${type}\t${name}\t${sql === null ? '' : normalisedSql(sql)}\n`,
  );
  return sha256Text(lines.join(''));
}

/**
 * The history with `fingerprint` on its newest event (the one a step, a failure, a baseline or a
 * repair just appended); unchanged for `null`.
 *
 * @example
 * const after = withFingerprint(applyPlan(before, plan, at), recordSchema(db));
 */
export function withFingerprint(history: History, fingerprint: string | null): History {
  const last = history.events.at(-1);
  if (fingerprint === null || last === undefined) return history;
  return {
    records: history.records,
    events: [...history.events.slice(0, -1), { ...last, schemaFingerprint: fingerprint }],
  };
}
