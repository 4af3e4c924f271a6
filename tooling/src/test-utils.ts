import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { onTestFinished } from 'vitest';

/** A tree of files to create: relative path -> contents. */
export type FileTree = Readonly<Record<string, string | Uint8Array>>;

/**
 * Creates a temporary directory holding `tree` and removes it when the current test finishes.
 *
 * @example
 * const dir = testdir({ 'migrations/001_init.sql': 'CREATE TABLE t (id INTEGER);' });
 */
export function testdir(tree: FileTree = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'gao-db-test-'));
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  writeTree(root, tree);
  return root;
}

/** Writes `tree` below `root`, creating folders as needed. */
export function writeTree(root: string, tree: FileTree): void {
  for (const [relative, contents] of Object.entries(tree)) {
    const target = join(root, relative);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, contents);
  }
}
