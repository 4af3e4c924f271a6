import { describe, expect, it } from 'vitest';
import { buildMigrationSet } from './build-migration-set.ts';
import type { SetProblem } from './problems.ts';

// Every problem code, reached through buildMigrationSet, with its exact message and hint.

function problems(tree: Record<string, string | Uint8Array>): readonly SetProblem[] {
  const files = Object.entries(tree).map(([name, content]) => ({
    name,
    isFile: true,
    bytes: typeof content === 'string' ? new TextEncoder().encode(content) : content,
  }));
  const result = buildMigrationSet(files);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

const LATIN1 = new Uint8Array([0x53, 0x45, 0x4c, 0x45, 0x43, 0x54, 0x20, 0x27, 0xe9, 0x27, 0x3b]); // SELECT 'é'; in Latin-1

describe('invalid_version', () => {
  it('refuses a version above 2^53 - 1', () => {
    expect(problems({ '9007199254740992_x.sql': 'A;' })).toEqual([
      {
        code: 'invalid_version',
        file: '9007199254740992_x.sql',
        versionText: '9007199254740992',
        message:
          '9007199254740992_x.sql has version 9007199254740992, which is above the largest version, 9007199254740991.',
        hint: 'Use a smaller version, such as a sequence number (002) or a timestamp (20261124120000).',
      },
    ]);
  });

  it('refuses version 0, suggesting 1 with the same width', () => {
    expect(problems({ '000_init.sql': 'A;' })).toEqual([
      {
        code: 'invalid_version',
        file: '000_init.sql',
        versionText: '000',
        message: '000_init.sql has version 0, but versions start at 1.',
        hint: 'Give it a version of 1 or more, for example 001_init.sql; version 0 means "nothing applied".',
      },
    ]);
  });
});

describe('duplicate_version', () => {
  it('reports two files with one version and suggests a free version after the last', () => {
    expect(problems({ '001_a.sql': 'A;', '001_b.sql': 'B;' })).toEqual([
      {
        code: 'duplicate_version',
        version: 1,
        files: ['001_a.sql', '001_b.sql'],
        message: 'Two migration files share version 1: 001_a.sql, 001_b.sql.',
        hint: 'Give each migration its own version: rename one of them, for example 001_b.sql to 002_b.sql.',
      },
    ]);
  });

  it('compares versions as numbers (1 = 001) and renames the .down.sql too', () => {
    expect(problems({ '1_x.sql': 'A;', '001_y.sql': 'B;', '1_x.down.sql': 'C;', '07_z.sql': 'D;' })).toEqual([
      {
        code: 'duplicate_version',
        version: 1,
        files: ['001_y.sql', '1_x.sql'],
        message: 'Two migration files share version 1: 001_y.sql, 1_x.sql.',
        hint: 'Give each migration its own version: rename one of them, for example 1_x.sql to 8_x.sql (and 1_x.down.sql to 8_x.down.sql).',
      },
    ]);
  });

  it('tells to keep one when the same migration is written in SQL and as code', () => {
    expect(problems({ '003_x.sql': 'A;', '003_x.ts': 'export const up = () => {};' })).toEqual([
      {
        code: 'duplicate_version',
        version: 3,
        files: ['003_x.sql', '003_x.ts'],
        message: 'Two migration files share version 3: 003_x.sql, 003_x.ts.',
        hint: 'Keep only one of them: a migration is written either in SQL or as code, not both.',
      },
    ]);
  });

  it('reports each clashing version, counting the files and suggesting distinct free versions', () => {
    const found = problems({
      '2_a.sql': 'A;',
      '2_b.sql': 'B;',
      '2_c.js': 'C',
      '5_d.sql': 'D;',
      '5_e.sql': 'E;',
    });
    expect(found.map((problem) => [problem.message, problem.hint])).toEqual([
      [
        'Three migration files share version 2: 2_a.sql, 2_b.sql, 2_c.js.',
        'Give each migration its own version: for example rename 2_b.sql to 6_b.sql and 2_c.js to 7_c.js.',
      ],
      [
        'Two migration files share version 5: 5_d.sql, 5_e.sql.',
        'Give each migration its own version: rename one of them, for example 5_e.sql to 8_e.sql.',
      ],
    ]);
  });
});

describe('problems in the up part', () => {
  it('empty_up: a SQL file with only comments', () => {
    expect(problems({ '001_t.sql': '-- TODO\n' })).toEqual([
      {
        code: 'empty_up',
        file: '001_t.sql',
        message: '001_t.sql has no up SQL: its up part is empty or holds only comments.',
        hint: 'Write the SQL to apply at the top of the file or under "-- migrate:up", or delete the file.',
      },
    ]);
  });

  it('empty_up: an empty code file', () => {
    expect(problems({ '001_t.ts': ' \n' })).toEqual([
      {
        code: 'empty_up',
        file: '001_t.ts',
        message: '001_t.ts is empty.',
        hint: 'Export an up(db, ctx) function from it, or delete the file.',
      },
    ]);
  });

  it('invalid_utf8: in a migration, a code migration and a .down.sql', () => {
    expect(
      problems({ '001_t.sql': LATIN1, '002_u.sql': 'A;', '002_u.down.sql': LATIN1, '003_v.js': LATIN1 }),
    ).toEqual([
      {
        code: 'invalid_utf8',
        file: '001_t.sql',
        message: '001_t.sql is not valid UTF-8 text.',
        hint: 'Save the file as UTF-8 (not Latin-1, Windows-1252 or UTF-16).',
      },
      {
        code: 'invalid_utf8',
        file: '002_u.down.sql',
        message: '002_u.down.sql is not valid UTF-8 text.',
        hint: 'Save the file as UTF-8 (not Latin-1, Windows-1252 or UTF-16).',
      },
      {
        code: 'invalid_utf8',
        file: '003_v.js',
        message: '003_v.js is not valid UTF-8 text.',
        hint: 'Save the file as UTF-8 (not Latin-1, Windows-1252 or UTF-16).',
      },
    ]);
  });
});

describe('marker problems', () => {
  it('marker_out_of_order', () => {
    expect(problems({ '001_t.sql': 'A;\n-- migrate:down\nB;\n-- migrate:up\nA;' })).toEqual([
      {
        code: 'marker_out_of_order',
        file: '001_t.sql',
        line: 4,
        message: '001_t.sql line 4: "-- migrate:up" comes after "-- migrate:down".',
        hint: 'Put the up part first: "-- migrate:up" and its SQL, then "-- migrate:down" and the SQL that undoes it.',
      },
    ]);
  });

  it('marker_repeated', () => {
    expect(problems({ '001_t.sql': 'A;\n-- migrate:down\nB;\n-- migrate:down\nC;' })).toEqual([
      {
        code: 'marker_repeated',
        file: '001_t.sql',
        line: 4,
        marker: 'down',
        message: '001_t.sql line 4: "-- migrate:down" appears a second time.',
        hint: 'A file has at most one "-- migrate:up" and one "-- migrate:down": merge the two down sections into one.',
      },
    ]);
  });

  it('down_without_up', () => {
    expect(problems({ '001_t.sql': '\n-- migrate:down\nDROP TABLE t;' })).toEqual([
      {
        code: 'down_without_up',
        file: '001_t.sql',
        line: 2,
        message: '001_t.sql line 2: "-- migrate:down" has no up part before it.',
        hint: 'Put "-- migrate:up" and the SQL to apply above "-- migrate:down".',
      },
    ]);
  });

  it('invalid_marker_option: unknown, and given twice', () => {
    expect(
      problems({
        '001_t.sql':
          '-- migrate:up transaction:off\nA;\n-- migrate:down transaction:false transaction:false\nB;',
      }),
    ).toEqual([
      {
        code: 'invalid_marker_option',
        file: '001_t.sql',
        line: 1,
        option: 'transaction:off',
        message: '001_t.sql line 1: "transaction:off" is not an option of "-- migrate:up".',
        hint: 'The only option is transaction:true or transaction:false, for example "-- migrate:up transaction:false".',
      },
      {
        code: 'invalid_marker_option',
        file: '001_t.sql',
        line: 3,
        option: 'transaction:false',
        message: '001_t.sql line 3: "transaction:false" is a second transaction option on "-- migrate:down".',
        hint: 'The only option is transaction:true or transaction:false, for example "-- migrate:down transaction:false".',
      },
    ]);
  });

  it('unknown_marker', () => {
    expect(problems({ '001_t.sql': 'A;\n-- migrate:donw\nDROP TABLE t;' })).toEqual([
      {
        code: 'unknown_marker',
        file: '001_t.sql',
        line: 2,
        marker: '-- migrate:donw',
        message: '001_t.sql line 2: "-- migrate:donw" is not a marker gao-db knows.',
        hint: 'Write "-- migrate:up" or "-- migrate:down" exactly (lower case), or reword the comment so it does not start with "migrate:".',
      },
    ]);
  });

  it('sql_before_up_marker', () => {
    expect(problems({ '001_t.sql': '-- about\nPRAGMA foreign_keys = OFF;\n-- migrate:up\nA;' })).toEqual([
      {
        code: 'sql_before_up_marker',
        file: '001_t.sql',
        line: 2,
        markerLine: 3,
        message: '001_t.sql line 2: SQL above "-- migrate:up" (line 3) belongs to no part.',
        hint: 'Move it below "-- migrate:up", or delete the "-- migrate:up" line so the top of the file is the up part.',
      },
    ]);
  });
});

describe('.down.sql problems', () => {
  it('down_conflict, also when the -- migrate:down section is empty', () => {
    const conflict = (file: string) => ({
      code: 'down_conflict',
      file,
      downFile: file.replace('.sql', '.down.sql'),
      message: `${file} has a "-- migrate:down" section and there is also ${file.replace('.sql', '.down.sql')}.`,
      hint: `Keep one down part: delete the "-- migrate:down" section of ${file}, or delete ${file.replace('.sql', '.down.sql')}.`,
    });
    expect(
      problems({
        '001_a.sql': 'A;\n-- migrate:down\nB;',
        '001_a.down.sql': 'B;',
        '002_b.sql': 'A;\n-- migrate:down\n',
        '002_b.down.sql': 'B;',
      }),
    ).toEqual([conflict('001_a.sql'), conflict('002_b.sql')]);
  });

  it('orphan_down_file, with a hint for golang-migrate names and for code migrations', () => {
    expect(
      problems({
        '001_a.down.sql': 'A;',
        '002_b.up.sql': 'B;',
        '002_b.down.sql': 'B;',
        '003_c.ts': 'export const up = () => {};',
        '003_c.down.sql': 'C;',
      }),
    ).toEqual([
      {
        code: 'orphan_down_file',
        file: '001_a.down.sql',
        message: '001_a.down.sql has no matching 001_a.sql.',
        hint: 'Rename it after the migration it undoes (<version>_<name>.down.sql next to <version>_<name>.sql), or delete it.',
      },
      {
        code: 'orphan_down_file',
        file: '002_b.down.sql',
        message: '002_b.down.sql has no matching 002_b.sql.',
        hint: 'Rename 002_b.up.sql to 002_b.sql: the up file of a migration is named <version>_<name>.sql.',
      },
      {
        code: 'orphan_down_file',
        file: '003_c.down.sql',
        message: '003_c.down.sql has no matching 003_c.sql.',
        hint: '003_c.ts is a code migration: export a down function from it instead, and delete 003_c.down.sql.',
      },
    ]);
  });

  it('marker_in_down_file', () => {
    expect(
      problems({ '001_t.sql': 'A;', '001_t.down.sql': '-- migrate:down transaction:false\nB;' }),
    ).toEqual([
      {
        code: 'marker_in_down_file',
        file: '001_t.down.sql',
        line: 1,
        message: '001_t.down.sql line 1: a .down.sql file cannot contain marker lines.',
        hint: 'All of a .down.sql file is down SQL: remove the marker line (markers belong in the .sql file).',
      },
    ]);
  });
});

describe('all problems at once', () => {
  it('collects every problem of every file, in file order, then the duplicate versions', () => {
    const found = problems({
      '003_c.sql': '-- migrate:up\n',
      '001_a.sql': '-- migrate:down\nB;\n-- migrate:up\n',
      '002_b.sql': LATIN1,
      '002_b.down.sql': '-- migrate:up\n',
      '003_d.sql': 'D;',
      '004_e.down.sql': 'E;',
      '0_f.sql': 'F;',
      README: 'read me',
    });
    expect(found.map((problem) => [problem.code, 'file' in problem ? problem.file : problem.files])).toEqual([
      ['marker_out_of_order', '001_a.sql'],
      ['invalid_utf8', '002_b.sql'],
      ['marker_in_down_file', '002_b.down.sql'],
      ['empty_up', '003_c.sql'],
      ['orphan_down_file', '004_e.down.sql'],
      ['invalid_version', '0_f.sql'],
      ['duplicate_version', ['003_c.sql', '003_d.sql']],
    ]);
  });
});
