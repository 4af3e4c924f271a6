import type { DatabaseSync } from 'node:sqlite';
import type { MigrationContext } from '@gao/migrate-sqlite';
import { slugify } from './lib/slug.ts';

interface PostRow {
  readonly id: number;
  readonly title: string;
}

export async function up(db: DatabaseSync, ctx: MigrationContext): Promise<void> {
  db.exec('ALTER TABLE posts ADD COLUMN slug TEXT');
  const posts = db.prepare('SELECT id, title FROM posts').all() as unknown as PostRow[];
  const update = db.prepare('UPDATE posts SET slug = ? WHERE id = ?');
  for (const post of posts) update.run(slugify(post.title), post.id);
  db.exec('CREATE UNIQUE INDEX posts_slug ON posts (slug)');
  ctx.logger.info(`${ctx.name}: added slugs to ${posts.length} posts`);
}

export function down(db: DatabaseSync): void {
  db.exec('DROP INDEX posts_slug');
  db.exec('ALTER TABLE posts DROP COLUMN slug');
}
