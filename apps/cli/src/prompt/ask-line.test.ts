import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { askLine } from './ask-line.ts';

function streams(terminal = false) {
  const input = new PassThrough();
  const output = new PassThrough();
  if (terminal) {
    // What readline looks for to read keys: Ctrl+C and Ctrl+D are then keys, not a signal and an end.
    Object.assign(input, { isTTY: true, setRawMode: () => input });
    Object.assign(output, { isTTY: true, columns: 80 });
  }
  let written = '';
  output.on('data', (chunk: Buffer) => (written += chunk.toString()));
  let interrupted = 0;
  return {
    input,
    output,
    onInterrupt: () => {
      interrupted += 1;
    },
    written: () => written,
    interrupted: () => interrupted,
  };
}

describe('askLine', () => {
  it('resolves with the line typed', async () => {
    const io = streams();
    const answer = askLine('Apply? [y/N] ', io);
    setImmediate(() => io.input.write('yes\n'));
    await expect(answer).resolves.toBe('yes');
    expect(io.written()).toContain('Apply? [y/N] ');
  });

  it('resolves with an empty answer when input ends first (Ctrl+D)', async () => {
    const io = streams();
    const answer = askLine('Apply? [y/N] ', io);
    setImmediate(() => io.input.end());
    await expect(answer).resolves.toBe('');
    expect(io.written()).toBe('Apply? [y/N] \n');
    expect(io.interrupted()).toBe(0);
  });

  it('resolves with an empty answer when input has already ended', async () => {
    const io = streams();
    io.input.end();
    await expect(askLine('Apply? [y/N] ', io)).resolves.toBe('');
  });

  it('resolves with an empty answer on Ctrl+D at a terminal', async () => {
    const io = streams(true);
    const answer = askLine('Apply? [y/N] ', io);
    setImmediate(() => io.input.write('\x04'));
    await expect(answer).resolves.toBe('');
    expect(io.interrupted()).toBe(0);
  });

  it('calls onInterrupt on Ctrl+C at a terminal, then resolves with an empty answer', async () => {
    const io = streams(true);
    const answer = askLine('Apply? [y/N] ', io);
    setImmediate(() => io.input.write('\x03'));
    await expect(answer).resolves.toBe('');
    expect(io.interrupted()).toBe(1);
  });
});
