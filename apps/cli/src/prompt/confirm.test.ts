import { describe, expect, it } from 'vitest';
import type { Io } from '../io.ts';
import { confirm, isCi } from './confirm.ts';

function io(stdinIsTTY: boolean, env: Record<string, string>, answer = ''): Io & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    stdinIsTTY,
    env,
    ask: async (question: string) => {
      asked.push(question);
      return answer;
    },
  } as unknown as Io & { asked: string[] };
}

const request = { yes: false, command: 'migrate', question: 'Apply 2 migrations to app.db?' };

describe('confirm', () => {
  it('does not ask with --yes', async () => {
    const terminal = io(false, { CI: 'true' });
    await confirm(terminal, { ...request, yes: true });
    expect(terminal.asked).toEqual([]);
  });

  it('refuses without a terminal or in CI, naming --yes', async () => {
    await expect(confirm(io(false, {}), request)).rejects.toMatchObject({
      code: 'confirmation_required',
      message:
        'gao-db migrate changes the database and needs confirmation, but this shell is not interactive. Nothing was changed.',
      hint: "Run 'gao-db migrate --yes' to go ahead without a question.",
    });
    await expect(confirm(io(true, { CI: '1' }), request)).rejects.toMatchObject({
      message:
        'gao-db migrate changes the database and needs confirmation, but CI is set. Nothing was changed.',
    });
  });

  it('asks y/N on a terminal', async () => {
    const yes = io(true, { CI: 'false' }, ' Y ');
    await confirm(yes, request);
    expect(yes.asked).toEqual(['Apply 2 migrations to app.db? [y/N] ']);
    await confirm(io(true, {}, 'yes'), request);
    await expect(confirm(io(true, {}, ''), request)).rejects.toMatchObject({
      code: 'not_confirmed',
      message: 'Not confirmed. Nothing was changed.',
    });
    await expect(confirm(io(true, {}, 'nope'), request)).rejects.toMatchObject({ code: 'not_confirmed' });
  });

  it('reads CI like CI systems set it', () => {
    expect([
      isCi({ CI: 'true' }),
      isCi({ CI: '1' }),
      isCi({ CI: 'false' }),
      isCi({ CI: '0' }),
      isCi({ CI: '' }),
      isCi({}),
    ]).toEqual([true, true, false, false, false, false]);
  });
});
