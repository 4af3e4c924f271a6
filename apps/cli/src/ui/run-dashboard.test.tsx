import { EventEmitter } from 'node:events';
import { ok } from '@gao/migrate-core';
import { describe, expect, test } from 'vitest';
import { runDashboard } from './run-dashboard.tsx';
import { FakeBackend } from './test-backend.ts';
import { applyStep, MIGRATIONS, migratePlan, sampleInspection } from './test-fixtures.ts';
import { fakeStreams, KEYS, tick } from './test-terminal.ts';
import type { InterruptSource } from './types.ts';

describe('runDashboard', () => {
  test('q quits with exit code 0', async () => {
    const term = fakeStreams(80, 24);
    const result = runDashboard({
      backend: new FakeBackend({ inspection: sampleInspection() }),
      color: false,
      alternateScreen: false,
      interrupts: null,
      ...term.streams,
    });
    await tick(80);
    expect(term.lastFrame()).toContain('› 001 ✓ applied');
    term.stdin.write('q');
    expect(await result).toEqual({ outcome: 'quit', exitCode: 0 });
  });

  test('Ctrl+C while idle quits; while loading, q quits', async () => {
    const term = fakeStreams(80, 24);
    const result = runDashboard({
      backend: new FakeBackend({ inspection: sampleInspection() }),
      color: true,
      interrupts: null,
      ...term.streams,
    });
    await tick(80);
    term.stdin.write(KEYS.ctrlC);
    expect((await result).exitCode).toBe(0);
    const slow = fakeStreams(80, 24);
    const backend = new FakeBackend({ inspection: sampleInspection() });
    backend.inspect = () => new Promise(() => {});
    const waiting = runDashboard({ backend, color: false, now: () => 0, interrupts: null, ...slow.streams });
    await tick(80);
    expect(slow.lastFrame()).toContain('Reading the database…');
    slow.stdin.write('q');
    expect((await waiting).outcome).toBe('quit');
  });

  test('SIGINT during a run stops after the running migration and exits 130', async () => {
    const term = fakeStreams(80, 24);
    const signals = new EventEmitter();
    const plan = migratePlan([applyStep(MIGRATIONS.addSessions), applyStep(MIGRATIONS.vacuum)], 8);
    const backend = new FakeBackend({
      inspection: sampleInspection(),
      migratePlan: ok(plan),
      mode: 'manual',
    });
    const result = runDashboard({
      backend,
      color: false,
      interrupts: signals as unknown as InterruptSource,
      ...term.streams,
    });
    await tick(80);
    term.stdin.write('m');
    await tick(80);
    term.stdin.write('y');
    await tick(80);
    signals.emit('SIGINT');
    await tick();
    expect(backend.control?.signal.aborted).toBe(true);
    backend.settle({ ok: true, finalVersion: 6 });
    expect(await result).toEqual({ outcome: 'interrupted', exitCode: 130 });
  });
});
