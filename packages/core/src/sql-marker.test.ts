import { describe, expect, it } from 'vitest';
import { readMarkerLine } from './sql-marker.ts';

describe('readMarkerLine', () => {
  it('reads up and down markers with the default options', () => {
    expect(readMarkerLine('-- migrate:up')).toEqual({
      kind: 'marker',
      marker: 'up',
      options: { transaction: true },
      badOptions: [],
    });
    expect(readMarkerLine('  --migrate:down  ')).toMatchObject({
      kind: 'marker',
      marker: 'down',
      badOptions: [],
    });
  });

  it('reads transaction:false and transaction:true', () => {
    expect(readMarkerLine('-- migrate:up transaction:false')).toMatchObject({
      options: { transaction: false },
    });
    expect(readMarkerLine('-- migrate:down   transaction:true')).toMatchObject({
      options: { transaction: true },
    });
  });

  it('reports unknown and repeated options, keeping the first transaction option', () => {
    expect(readMarkerLine('-- migrate:up transaction:maybe foo')).toMatchObject({
      options: { transaction: true },
      badOptions: [
        { option: 'transaction:maybe', repeated: false },
        { option: 'foo', repeated: false },
      ],
    });
    expect(readMarkerLine('-- migrate:up transaction:false transaction:true')).toMatchObject({
      options: { transaction: false },
      badOptions: [{ option: 'transaction:true', repeated: true }],
    });
  });

  it('treats other lines as SQL', () => {
    expect(readMarkerLine('CREATE TABLE t (id);')).toEqual({ kind: 'sql' });
    expect(readMarkerLine('-- migrates users up')).toEqual({ kind: 'sql' });
    expect(readMarkerLine("SELECT '-- migrate:down';")).toEqual({ kind: 'sql' });
  });

  it('flags lines that look like a marker but are not one', () => {
    expect(readMarkerLine(' -- migrate:donw ')).toEqual({ kind: 'unknown', marker: '-- migrate:donw' });
    expect(readMarkerLine('-- MIGRATE:UP')).toEqual({ kind: 'unknown', marker: '-- MIGRATE:UP' });
    expect(readMarkerLine('-- migrate:upgrade')).toEqual({ kind: 'unknown', marker: '-- migrate:upgrade' });
    expect(readMarkerLine('-- migrate: up')).toEqual({ kind: 'unknown', marker: '-- migrate: up' });
    // A third dash would otherwise make the line a comment: the down SQL would run as up SQL.
    expect(readMarkerLine('--- migrate:down')).toEqual({ kind: 'unknown', marker: '--- migrate:down' });
    expect(readMarkerLine('---- migrate:up')).toEqual({ kind: 'unknown', marker: '---- migrate:up' });
  });
});
