/** One table, index, view or trigger that differs between a recorded schema and the current one. */
export interface SchemaChange {
  /** `table`, `index`, `view` or `trigger`. */
  readonly type: string;
  readonly name: string;
  /** `added`: only in the current schema; `removed`: only in the recorded one; `changed`: other `CREATE` text. */
  readonly change: 'added' | 'removed' | 'changed';
}

const VERBS: Readonly<Record<SchemaChange['change'], string>> = {
  added: 'created',
  removed: 'dropped',
  changed: 'changed',
};

/**
 * A schema change in words: `index users_email created`, `table audit dropped`, `table posts changed`.
 *
 * @example
 * describeSchemaChange({ type: 'index', name: 'users_email', change: 'added' }); // 'index users_email created'
 */
export function describeSchemaChange(change: SchemaChange): string {
  return `${change.type} ${change.name} ${VERBS[change.change]}`;
}

/**
 * Schema changes as one phrase, the first `limit` named and the rest counted:
 * `index users_email created, table audit dropped and 3 more`.
 *
 * @example
 * describeSchemaChanges(changes, 2); // 'index a created, table b dropped and 1 more'
 */
export function describeSchemaChanges(changes: readonly SchemaChange[], limit = 5): string {
  const named = changes.slice(0, limit).map(describeSchemaChange);
  const more = changes.length - named.length;
  if (more > 0) return `${named.join(', ')} and ${more} more`;
  if (named.length <= 1) return named.join('');
  return `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
}
