/**
 * Documents get `search_terms`: lower-case words from the path and the document type, so the context
 * system can find "story 17.6" or "architecture" without parsing paths at query time.
 * A TypeScript migration: Node 24 strips the types (no enums, `import type` only).
 */
import type { DatabaseSync } from 'node:sqlite';

interface DocumentRow {
  readonly id: number;
  readonly path: string;
  readonly doc_type: string;
}

/** `docs/epics/epic-17/story-17.6.md`, `story` -> `docs epics epic 17 story 17.6`. */
function searchTerms(path: string, docType: string): string {
  const words = `${path.replace(/\.[a-z]+$/i, '')} ${docType}`
    .toLowerCase()
    .split(/[^a-z0-9.]+|(?<=[a-z])(?=\d)/)
    .map((word) => word.replace(/^\.+|\.+$/g, ''))
    .filter((word) => word.length > 0);
  return [...new Set(words)].join(' ');
}

export function up(db: DatabaseSync): void {
  db.exec('ALTER TABLE documents ADD COLUMN search_terms TEXT');
  const rows = db
    .prepare('SELECT id, path, doc_type FROM documents ORDER BY id')
    .all() as unknown as DocumentRow[];
  const update = db.prepare('UPDATE documents SET search_terms = ? WHERE id = ?');
  for (const row of rows) update.run(searchTerms(row.path, row.doc_type), row.id);
  db.exec('CREATE INDEX documents_search_terms ON documents (search_terms)');
}

export function down(db: DatabaseSync): void {
  db.exec(`
    DROP INDEX documents_search_terms;
    ALTER TABLE documents DROP COLUMN search_terms;
  `);
}
