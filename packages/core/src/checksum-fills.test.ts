import { describe, expect, it } from 'vitest';
import { fileChecksumFillsOf } from './checksum-fills.ts';
import { historyOf, record, setOf, sqlMigration } from './testing/builders.ts';

describe('fileChecksumFillsOf', () => {
  const a = sqlMigration(1, 'a');
  const b = sqlMigration(2, 'b');
  const c = sqlMigration(3, 'c');

  it('fills the rows that match their file but predate file checksums, and nothing else', () => {
    const history = historyOf(
      record(a, { fileChecksum: null }),
      record(b, { fileChecksum: null, checksum: 'edited since' }),
      record(c, { fileChecksum: null, checksum: null }),
      record(7, { fileChecksum: null }),
    );
    expect(fileChecksumFillsOf(setOf(a, b, c), history)).toEqual([
      { version: 1, versionText: '001', fileChecksum: a.fileChecksum },
    ]);
  });

  it('leaves failed rows and rows that have one alone', () => {
    const history = historyOf(record(a), record(b, { fileChecksum: null, status: 'failed' }));
    expect(fileChecksumFillsOf(setOf(a, b), history)).toEqual([]);
  });
});
