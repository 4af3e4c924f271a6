import { describe, expect, it } from 'vitest';
import { fromThread, toThread } from './thread-messages.ts';

describe('errors across threads', () => {
  it('keep their name, message, stack, fields and causes through a structured clone', () => {
    const database = Object.assign(new Error('The database app.db is full.'), {
      code: 'disk_full',
      hint: 'Free space.',
    });
    const failed = Object.assign(
      new Error('Migration 003_x.sql failed: database or disk is full', { cause: database }),
      {
        code: 'migration_failed',
        version: 3,
        completed: [{ kind: 'apply', version: 2, name: 'b', file: '002_b.sql', durationMs: 4 }],
        recordError: new Error('could not record'),
        retry: () => 'dropped',
      },
    );
    Object.defineProperty(failed, 'name', { value: 'MigrationFailedError' });
    const back = fromThread(structuredClone(toThread(failed))) as typeof failed & { cause: typeof database };
    expect(back).toBeInstanceOf(Error);
    expect(back.name).toBe('MigrationFailedError');
    expect(back.message).toBe(failed.message);
    expect(back.stack).toBe(failed.stack);
    expect(back).toMatchObject({ code: 'migration_failed', version: 3, completed: failed.completed });
    expect(back.recordError).toBeInstanceOf(Error);
    expect((back.recordError as Error).message).toBe('could not record');
    expect('retry' in back).toBe(false);
    expect(back.cause).toBeInstanceOf(Error);
    expect(back.cause).toMatchObject({ code: 'disk_full', hint: 'Free space.', message: database.message });
  });

  it('leaves other values as they are, errors inside them revived', () => {
    const event = {
      type: 'step_failed',
      index: 0,
      step: { migration: { version: 1 } },
      error: new Error('boom'),
    };
    const back = fromThread(structuredClone(toThread(event))) as typeof event;
    expect(back).toEqual({ ...event, error: expect.any(Error) });
    expect(back.error.message).toBe('boom');
    expect(fromThread(toThread([1, 'a', null, undefined]))).toEqual([1, 'a', null, undefined]);
  });
});
