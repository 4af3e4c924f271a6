import { describe, expect, it } from 'vitest';
import { yargsParse } from './yargs-parse.ts';

describe('yargsParse', () => {
  it('reports errors with the command they belong to', () => {
    expect(yargsParse(['status', '--jsno'], 100)).toEqual({
      kind: 'error',
      message: 'Unknown argument: jsno',
      command: 'status',
    });
    expect(yargsParse([], 100)).toEqual({ kind: 'error', message: 'Choose a command.', command: null });
    expect(yargsParse(['frobnicate'], 100)).toEqual({
      kind: 'error',
      message: 'Unknown argument: frobnicate',
      command: null,
    });
    expect(yargsParse(['new'], 100)).toEqual({
      kind: 'error',
      message: 'Missing required argument: name',
      command: 'new',
    });
    expect(yargsParse(['status', '--db'], 100)).toMatchObject({ kind: 'error', command: 'status' });
    // Named once, as typed (not also as roundTrip).
    expect(yargsParse(['rollback', '--rehearse', '--round-trip'], 100)).toEqual({
      kind: 'error',
      message: 'Unknown argument: round-trip',
      command: 'rollback',
    });
  });

  it('prints help with examples', () => {
    const help = yargsParse(['rollback', '--help'], 100);
    expect(help.kind).toBe('help');
    if (help.kind !== 'help') return;
    expect(help.text.split('\n').slice(0, 4)).toEqual([
      'gao-db rollback [n]',
      '',
      'Undo the last N applied migrations (default 1)',
      '',
    ]);
    expect(help.text).toContain('  gao-db rollback 2 --yes            Undo the two newest without asking');
  });
});
