/** One table, index, view or trigger that differs between a recorded schema and the current one. */
export interface SchemaChange {
  /** `table`, `index`, `view` or `trigger`. */
  readonly type: string;
  readonly name: string;
  /** `added`: only in the current schema; `removed`: only in the recorded one; `changed`: other `CREATE` text. */
  readonly change: 'added' | 'removed' | 'changed';
  /** For a changed table, when the adapter could tell: its columns that differ. */
  readonly columns?: readonly {
    readonly column: string;
    readonly change: 'added' | 'removed' | 'changed';
  }[];
}

const VERBS: Readonly<Record<SchemaChange['change'], string>> = {
  added: 'created',
  removed: 'dropped',
  changed: 'changed',
};

// A column is added to a table (ALTER TABLE ... ADD COLUMN), not created.
const COLUMN_VERBS: Readonly<Record<SchemaChange['change'], string>> = {
  added: 'added',
  removed: 'dropped',
  changed: 'changed',
};

/** How many changed columns of a table are named before the rest are counted. */
const NAMED_COLUMNS = 3;

/**
 * A schema change in words: `index users_email created`, `table audit dropped`, `table posts changed`,
 * with the columns of a changed table when known: `table users changed (column name added)`.
 *
 * @example
 * describeSchemaChange({ type: 'index', name: 'users_email', change: 'added' }); // 'index users_email created'
 */
export function describeSchemaChange(change: SchemaChange): string {
  const what = `${change.type} ${change.name} ${VERBS[change.change]}`;
  const columns = change.columns ?? [];
  if (columns.length === 0) return what;
  const named = columns.slice(0, NAMED_COLUMNS).map((c) => `column ${c.column} ${COLUMN_VERBS[c.change]}`);
  const more = columns.length - named.length;
  return `${what} (${named.join(', ')}${more > 0 ? ` and ${more} more` : ''})`;
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
