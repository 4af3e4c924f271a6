import { describe, expect, it } from 'vitest';
import { formatBackupName, parseBackupName, sanitizeReason } from './backup-name.ts';

const at = new Date('2026-11-24T07:58:00.123Z');

describe('backup names', () => {
  it('formats <db>.<UTC stamp>.<reason>.bak and parses it back', () => {
    const name = formatBackupName('app.db', at, 'pre-migrate');
    expect(name).toBe('app.db.2026-11-24T07-58-00-123Z.pre-migrate.bak');
    expect(parseBackupName('app.db', name)).toEqual({
      createdAt: '2026-11-24T07:58:00.123Z',
      sequence: 0,
      reason: 'pre-migrate',
    });
    expect(parseBackupName('app.db', formatBackupName('app.db', at, 'x', 2))).toMatchObject({ sequence: 2 });
  });

  it('sorts by time when compared as text', () => {
    const names = ['2027-01-01T00:00:00.000Z', '2026-11-24T07:58:00.123Z', '2026-11-24T07:58:00.124Z'].map(
      (iso) => formatBackupName('app.db', new Date(iso), 'r'),
    );
    expect([...names].sort()).toEqual([names[1], names[2], names[0]]);
  });

  it('sanitizes reasons into lower-case words and dashes', () => {
    expect(sanitizeReason('Before migrate --to 12')).toBe('before-migrate-to-12');
    expect(sanitizeReason('../../etc/passwd')).toBe('etc-passwd');
    expect(sanitizeReason('!!!')).toBe('manual');
    expect(sanitizeReason('a'.repeat(60))).toHaveLength(40);
  });

  it.each([
    ['another database', 'other.db.2026-11-24T07-58-00-123Z.pre-migrate.bak'],
    ['a longer database name', 'app.db2.2026-11-24T07-58-00-123Z.pre-migrate.bak'],
    ['a hand-made copy', 'app.db.manual-copy.bak'],
    ['an impossible date', 'app.db.2026-13-24T07-58-00-123Z.pre-migrate.bak'],
    ['upper case reason', 'app.db.2026-11-24T07-58-00-123Z.Pre.bak'],
    ['a WAL side file', 'app.db.2026-11-24T07-58-00-123Z.pre-migrate.bak-wal'],
    ['the database itself', 'app.db'],
  ])('ignores %s', (_what, name) => {
    expect(parseBackupName('app.db', name)).toBeNull();
  });

  it('escapes the database name (dots are not wildcards)', () => {
    expect(parseBackupName('a.b', 'aXb.2026-11-24T07-58-00-123Z.r.bak')).toBeNull();
    expect(parseBackupName('a.b', 'a.b.2026-11-24T07-58-00-123Z.r.bak')).not.toBeNull();
  });
});
