import { describe, expect, it } from 'vitest';
import { classifyFileName } from './classify-file-name.ts';

const RULE = 'name it <version>_<name>.sql (or .ts, .mts, .js, .mjs), for example 001_create_users.sql';

describe('classifyFileName: migrations', () => {
  it('splits <version>_<name>.sql', () => {
    expect(classifyFileName('001_create_users.sql')).toEqual({
      kind: 'migration',
      file: '001_create_users.sql',
      versionText: '001',
      name: 'create_users',
      id: '001_create_users',
      extension: '.sql',
    });
  });

  it.each(['.ts', '.mts', '.js', '.mjs'])('accepts the code extension %s', (extension) => {
    expect(classifyFileName(`0042_seed${extension}`)).toMatchObject({
      kind: 'migration',
      versionText: '0042',
      extension,
    });
  });

  it('takes the name after the first "_", keeping further "_" and dots', () => {
    expect(classifyFileName('20261124120000_add_v1.2_index.sql')).toMatchObject({
      versionText: '20261124120000',
      name: 'add_v1.2_index',
      id: '20261124120000_add_v1.2_index',
    });
    expect(classifyFileName('7__x.sql')).toMatchObject({ kind: 'migration', name: '_x' });
  });

  it('recognises <stem>.down.sql as the down part of <stem>.sql', () => {
    expect(classifyFileName('001_create_users.down.sql')).toEqual({
      kind: 'down',
      file: '001_create_users.down.sql',
      versionText: '001',
      name: 'create_users',
      id: '001_create_users',
      upFile: '001_create_users.sql',
    });
  });
});

describe('classifyFileName: ignored files', () => {
  it.each([
    [
      '.gitkeep',
      'hidden',
      `.gitkeep is hidden (its name starts with "."), so it is not a migration; if it was meant as one, ${RULE}.`,
      null,
    ],
    [
      '.#001_x.sql',
      'hidden',
      '.#001_x.sql is hidden (its name starts with "."), so it is not a migration; if it was meant as one, rename it to 001_x.sql.',
      '001_x.sql',
    ],
    [
      '.001_x.sql.swp',
      'hidden',
      '.001_x.sql.swp is hidden (its name starts with "."), so it is not a migration; if it was meant as one, rename it to 001_x.sql.',
      '001_x.sql',
    ],
    [
      '001_x.sql~',
      'editor_backup',
      '001_x.sql~ looks like an editor backup, swap or lock file, so it is not a migration; if it was meant as one, rename it to 001_x.sql.',
      '001_x.sql',
    ],
    [
      '001_x.sql.swp',
      'editor_backup',
      '001_x.sql.swp looks like an editor backup, swap or lock file, so it is not a migration; if it was meant as one, rename it to 001_x.sql.',
      '001_x.sql',
    ],
    [
      '#001_x.sql#',
      'editor_backup',
      '#001_x.sql# looks like an editor backup, swap or lock file, so it is not a migration; if it was meant as one, rename it to 001_x.sql.',
      '001_x.sql',
    ],
    [
      '001_x.ts.orig',
      'editor_backup',
      '001_x.ts.orig looks like an editor backup, swap or lock file, so it is not a migration; if it was meant as one, rename it to 001_x.ts.',
      '001_x.ts',
    ],
    [
      '001_x.sql.BAK',
      'editor_backup',
      '001_x.sql.BAK looks like an editor backup, swap or lock file, so it is not a migration; if it was meant as one, rename it to 001_x.sql.',
      '001_x.sql',
    ],
    [
      'notes.bak',
      'editor_backup',
      `notes.bak looks like an editor backup, swap or lock file, so it is not a migration; if it was meant as one, ${RULE}.`,
      null,
    ],
    [
      'README.md',
      'readme_or_doc',
      `README.md is documentation, so it is not a migration; if it was meant as one, ${RULE}.`,
      null,
    ],
    [
      'README',
      'readme_or_doc',
      `README is documentation, so it is not a migration; if it was meant as one, ${RULE}.`,
      null,
    ],
    [
      '001_notes.txt',
      'readme_or_doc',
      `001_notes.txt is documentation, so it is not a migration; if it was meant as one, ${RULE}.`,
      null,
    ],
    [
      '001_x.SQL',
      'extension_case',
      '001_x.SQL has the extension ".SQL", but extensions must be lower case, so it is not a migration; if it was meant as one, rename it to 001_x.sql.',
      '001_x.sql',
    ],
    [
      '001_x.Ts',
      'extension_case',
      '001_x.Ts has the extension ".Ts", but extensions must be lower case, so it is not a migration; if it was meant as one, rename it to 001_x.ts.',
      '001_x.ts',
    ],
    [
      '001_x.Down.sql',
      'extension_case',
      '001_x.Down.sql has the extension ".Down.sql", but extensions must be lower case, so it is not a migration; if it was meant as one, rename it to 001_x.down.sql.',
      '001_x.down.sql',
    ],
    [
      '001-x.sql',
      'bad_separator',
      '001-x.sql has "-" after the version where "_" is expected, so it is not a migration; if it was meant as one, rename it to 001_x.sql.',
      '001_x.sql',
    ],
    [
      '001 x.sql',
      'bad_separator',
      '001 x.sql has " " after the version where "_" is expected, so it is not a migration; if it was meant as one, rename it to 001_x.sql.',
      '001_x.sql',
    ],
    [
      '001.x.sql',
      'bad_separator',
      '001.x.sql has "." after the version where "_" is expected, so it is not a migration; if it was meant as one, rename it to 001_x.sql.',
      '001_x.sql',
    ],
    [
      '001x.sql',
      'bad_separator',
      '001x.sql has no "_" between the version and the name, so it is not a migration; if it was meant as one, rename it to 001_x.sql.',
      '001_x.sql',
    ],
    [
      '001-x.SQL',
      'bad_separator',
      '001-x.SQL has "-" after the version where "_" is expected, so it is not a migration; if it was meant as one, rename it to 001_x.sql.',
      '001_x.sql',
    ],
    [
      '001-x.down.sql',
      'bad_separator',
      '001-x.down.sql has "-" after the version where "_" is expected, so it is not a migration; if it was meant as one, rename it to 001_x.down.sql.',
      '001_x.down.sql',
    ],
    [
      '001-.sql',
      'bad_separator',
      `001-.sql has "-" after the version where "_" is expected, so it is not a migration; if it was meant as one, ${RULE}.`,
      null,
    ],
    [
      'seed.sql',
      'no_version',
      `seed.sql does not start with a version number, so it is not a migration; if it was meant as one, ${RULE}.`,
      null,
    ],
    [
      'helpers.ts',
      'no_version',
      `helpers.ts does not start with a version number, so it is not a migration; if it was meant as one, ${RULE}.`,
      null,
    ],
    [
      '001.sql',
      'no_name',
      `001.sql has a version but no name after it, so it is not a migration; if it was meant as one, ${RULE}.`,
      null,
    ],
    [
      '001_.sql',
      'no_name',
      `001_.sql has a version but no name after it, so it is not a migration; if it was meant as one, ${RULE}.`,
      null,
    ],
    [
      '001_x.py',
      'unsupported_extension',
      `001_x.py has the extension ".py", which is not .sql, .ts, .mts, .js or .mjs, so it is not a migration; if it was meant as one, ${RULE}.`,
      null,
    ],
    [
      '001_x.cjs',
      'unsupported_extension',
      `001_x.cjs has the extension ".cjs", which is not .sql, .ts, .mts, .js or .mjs, so it is not a migration; if it was meant as one, ${RULE}.`,
      null,
    ],
    [
      '001_x.tsx',
      'unsupported_extension',
      `001_x.tsx has the extension ".tsx", which is not .sql, .ts, .mts, .js or .mjs, so it is not a migration; if it was meant as one, ${RULE}.`,
      null,
    ],
    [
      '001_x.d.ts',
      'unsupported_extension',
      `001_x.d.ts is a TypeScript declaration file, so it is not a migration; if it was meant as one, ${RULE}.`,
      null,
    ],
    [
      '001_x.d.mts',
      'unsupported_extension',
      `001_x.d.mts is a TypeScript declaration file, so it is not a migration; if it was meant as one, ${RULE}.`,
      null,
    ],
    [
      '001_x.test.ts',
      'unsupported_extension',
      `001_x.test.ts is a test file, so it is not a migration; if it was meant as one, ${RULE}.`,
      null,
    ],
    [
      '001_x',
      'unsupported_extension',
      `001_x has no extension, so it is not a migration; if it was meant as one, ${RULE}.`,
      null,
    ],
  ])('%s is ignored (%s)', (file, reason, message, suggestion) => {
    expect(classifyFileName(file)).toEqual({ kind: 'ignored', file, reason, message, suggestion });
  });
});
