// Captures the screens in docs/screens/ (80 columns, no colour) and checks they stay current.
// Regenerate with: GAO_WRITE_SCREENS=1 pnpm exec vitest run src/ui/screens
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ok } from '@gao/migrate-core';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { ColorContext } from './color-context.ts';
import { Dashboard } from './components/Dashboard.tsx';
import { MigrateApp } from './components/MigrateApp.tsx';
import { FakeBackend } from './test-backend.ts';
import { applyStep, MIGRATIONS, migratePlan, sampleInspection } from './test-fixtures.ts';
import { plain, renderAt, WAIT, waitForFrame } from './test-terminal.ts';

const SCREENS = join(import.meta.dirname, '../../../../docs/screens');
let unmount: (() => void) | null = null;
afterEach(() => unmount?.());

/** Writes the screen when asked to, otherwise checks the committed one still matches. */
function screen(name: string, text: string): void {
  const path = join(SCREENS, name);
  if (process.env.GAO_WRITE_SCREENS === '1') {
    mkdirSync(SCREENS, { recursive: true });
    writeFileSync(path, `${text}\n`);
  } else if (existsSync(path)) {
    expect(`${text}\n`).toBe(readFileSync(path, 'utf8'));
  }
}

const fence = (title: string, frame: string) => `${title}\n${'-'.repeat(80)}\n${frame}\n${'-'.repeat(80)}`;

describe('docs/screens', () => {
  test('dashboard.txt and history.txt', async () => {
    const backend = new FakeBackend({ inspection: sampleInspection() });
    const term = renderAt(
      <ColorContext value={false}>
        <Dashboard backend={backend} now={() => 0} interrupts={null} />
      </ColorContext>,
      80,
      24,
    );
    unmount = term.unmount;
    // Each capture waits for the screen it shows; each key waits for the previous key's frame.
    const table = await waitForFrame(term.lastFrame, ['› 001', 'rows 1-9 of 9']);
    await term.stdin.press('j');
    await waitForFrame(term.lastFrame, '› 002');
    await term.stdin.press('j');
    await waitForFrame(term.lastFrame, '› 003');
    await term.stdin.press('\r');
    const details = await waitForFrame(term.lastFrame, ['003 rebuild_orders  ! changed', 'q/Esc back']);
    await term.stdin.press('q');
    await waitForFrame(term.lastFrame, '› 003');
    await term.stdin.press('h');
    const history = await waitForFrame(term.lastFrame, 'events 1-6 of 6');
    screen(
      'dashboard.txt',
      [
        'gao-db (no command) on an 80x24 terminal, NO_COLOR. States read without colour:',
        '✓ applied  · pending  ↓ out of order  ✗ failed  ! changed  ? missing',
        '',
        fence('The table (the selected row is marked with ›):', table),
        '',
        fence('Enter on 003 (changed): details with the recorded and on-disk checksums:', details),
      ].join('\n'),
    );
    screen('history.txt', fence('h in the dashboard (80x24): the event log, oldest first.', history));
  });

  test('migrate-progress.txt', async () => {
    const m = MIGRATIONS;
    const plan = migratePlan([applyStep(m.addSessions), applyStep(m.vacuum), applyStep(m.seedAdmin)], 9);
    const backend = new FakeBackend({
      inspection: sampleInspection(),
      migratePlan: ok(plan),
      mode: 'manual',
    });
    let clock = 0;
    const term = renderAt(
      <ColorContext value={false}>
        <MigrateApp
          backend={backend}
          request={{ command: 'migrate' }}
          database="data/app.db"
          currentVersion={6}
          yes={false}
          now={() => clock}
          interrupts={null}
        />
      </ColorContext>,
      80,
      24,
    );
    unmount = term.unmount;
    const asking = await waitForFrame(term.lastFrame, 'Apply 3 migrations to data/app.db? y/N');
    await term.stdin.press('y');
    const control = await vi.waitUntil(() => backend.control, WAIT);
    const [s1, s2, s3] = plan.steps as [
      (typeof plan.steps)[0],
      (typeof plan.steps)[0],
      (typeof plan.steps)[0],
    ];
    control.onEvent({ type: 'step_started', index: 0, total: 3, step: s1 });
    clock = 12;
    control.onEvent({ type: 'step_finished', index: 0, total: 3, step: s1, durationMs: 12 });
    control.onEvent({ type: 'step_started', index: 1, total: 3, step: s2 });
    clock = 1546;
    control.onEvent({ type: 'step_finished', index: 1, total: 3, step: s2, durationMs: 1534 });
    control.onEvent({ type: 'step_started', index: 2, total: 3, step: s3 });
    clock = 1800;
    // The elapsed times redraw every 200 ms: wait for the redraw that read the clock at 1800.
    const running = await waitForFrame(term.lastFrame, ['2/3  1.80 s', '→ Applying 009 seed_admin (254 ms)']);
    control.onEvent({ type: 'step_finished', index: 2, total: 3, step: s3, durationMs: 0 });
    clock = 1850;
    control.onEvent({ type: 'done', finalVersion: 9, durationMs: 1850 });
    backend.settle({ ok: true, finalVersion: 9 });
    // The first frame with the summary (Ink's debug mode repeats the last static line on unmount).
    const firstFinished = () =>
      term.stdout.frames.map(plain).find((frame) => frame.includes('✓ Migrated')) ?? '';
    const finished = await waitForFrame(firstFinished, '✓ Migrated');
    screen(
      'migrate-progress.txt',
      [
        'gao-db migrate on an 80-column terminal, NO_COLOR (with --yes the question is skipped).',
        '',
        fence('The plan and the question (Enter alone answers no):', asking),
        '',
        fence('After y: finished migrations above (<Static>), the live bar below:', running),
        '',
        fence('The end:', finished.replace(/\n+$/, '')),
      ].join('\n'),
    );
  });
});
