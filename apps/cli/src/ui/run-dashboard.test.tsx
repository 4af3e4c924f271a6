import { EventEmitter } from 'node:events';
import { ok } from '@gao/migrate-core';
import { describe, expect, test, vi } from 'vitest';
import { runDashboard } from './run-dashboard.tsx';
import { FakeBackend } from './test-backend.ts';
import { applyStep, MIGRATIONS, migratePlan, sampleInspection } from './test-fixtures.ts';
import { fakeStreams, KEYS, WAIT, waitForFrame } from './test-terminal.ts';
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
    await expect.poll(term.lastFrame, WAIT).toContain('› 001 ✓ applied');
    await term.stdin.press('q');
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
    // Idle: the table's keys are on screen.
    await waitForFrame(term.lastFrame, 'm migrate');
    await term.stdin.press(KEYS.ctrlC);
    expect((await result).exitCode).toBe(0);
    const slow = fakeStreams(80, 24);
    const backend = new FakeBackend({ inspection: sampleInspection() });
    backend.inspect = () => new Promise(() => {});
    const waiting = runDashboard({ backend, color: false, now: () => 0, interrupts: null, ...slow.streams });
    await expect.poll(slow.lastFrame, WAIT).toContain('Reading the database…');
    await slow.stdin.press('q');
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
    await waitForFrame(term.lastFrame, 'm migrate');
    await term.stdin.press('m');
    await waitForFrame(term.lastFrame, 'Apply 2 migrations to data/app.db? y/N');
    await term.stdin.press('y');
    // The run has started once the backend has its control (and the run screen listens for SIGINT).
    await vi.waitUntil(() => backend.control, WAIT);
    signals.emit('SIGINT');
    await expect.poll(() => backend.control?.signal.aborted, WAIT).toBe(true);
    backend.settle({ ok: true, finalVersion: 6 });
    expect(await result).toEqual({ outcome: 'interrupted', exitCode: 130 });
  });
});
