import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REFERENCE_PATH, renderCliReference } from '../scripts/cli-reference.ts';
import { COMMANDS, GLOBAL_OPTIONS } from '../src/cli/spec.ts';

describe('docs/reference/cli.md', () => {
  it('is what scripts/cli-reference.ts renders from the command spec (run pnpm docs:generate to update)', () => {
    const committed = readFileSync(REFERENCE_PATH, 'utf8');
    expect(committed, 'docs/reference/cli.md is out of date: run pnpm docs:generate to update it').toBe(
      renderCliReference(),
    );
  });

  it('has a section for every command and a row for every option', () => {
    const reference = renderCliReference();
    for (const spec of COMMANDS) {
      expect(reference).toContain(`## \`gao-db ${spec.name}\``);
      for (const option of spec.options) expect(reference).toContain(`--${option.name}`);
    }
    for (const option of GLOBAL_OPTIONS) expect(reference).toContain(`--${option.name}`);
  });
});
