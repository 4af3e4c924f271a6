// Captures the screens in docs/screens/ (80 columns, no colour) and checks they stay current.
// Regenerate with: GAO_WRITE_SCREENS=1 pnpm exec vitest run src/ui/screens
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ok } from '@gao/migrate-core';
import { afterEach, describe, expect, test } from 'vitest';
import { ColorContext } from './color-context.ts';
import { Dashboard } from './components/Dashboard.tsx';
import { MigrateApp } from './components/MigrateApp.tsx';
import { FakeBackend } from './test-backend.ts';
import { applyStep, MIGRATIONS, migratePlan, sampleInspection } from './test-fixtures.ts';
import { plain, renderAt, tick } from './test-terminal.ts';

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
    await tick(50);
    const table = term.lastFrame();
    term.stdin.write('j');
    await tick();
    term.stdin.write('j');
    await tick();
    term.stdin.write('\r');
    await tick(50);
    const details = term.lastFrame();
    term.stdin.write('q');
    await tick();
    term.stdin.write('h');
    await tick(50);
    const history = term.lastFrame();
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
    await tick(50);
    const asking = term.lastFrame();
    term.stdin.write('y');
    await tick();
    const control = backend.control;
    if (control === null) throw new Error('the run did not start');
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
    await tick(250);
    const running = term.lastFrame();
    control.onEvent({ type: 'step_finished', index: 2, total: 3, step: s3, durationMs: 0 });
    clock = 1850;
    control.onEvent({ type: 'done', finalVersion: 9, durationMs: 1850 });
    backend.settle({ ok: true, finalVersion: 9 });
    await tick(50);
    // The first frame with the summary (Ink's debug mode repeats the last static line on unmount).
    const finished = term.stdout.frames.map(plain).find((frame) => frame.includes('✓ Migrated')) ?? '';
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
