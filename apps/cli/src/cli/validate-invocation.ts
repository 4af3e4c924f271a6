import { UsageError } from '../errors.ts';
import type { CommandArgs, GlobalFlags, Invocation, RepairAction } from './invocation.ts';
import type { RawInvocation, RawValue } from './raw-invocation.ts';
import type { CommandName } from './spec.ts';

type Reader = (name: string) => RawValue | undefined;

function flag(read: Reader, name: string): boolean {
  return read(name) === true;
}

function text(read: Reader, name: string, command: CommandName): string | undefined {
  const value = read(name);
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new UsageError(`--${name} needs a value.`, command);
  }
  return value;
}

/** A whole number >= `min`, written in digits only (`003` is 3; `1e3`, `-1`, `2.5` are refused). */
function integer(value: string, what: string, min: number, command: CommandName): number {
  const parsed = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed < min) {
    throw new UsageError(
      `${what} must be a whole number${min > 0 ? ` of at least ${min}` : ''}, got '${value}'.`,
      command,
    );
  }
  return parsed;
}

function optionalInteger(read: Reader, name: string, min: number, command: CommandName): number | undefined {
  const value = text(read, name, command);
  return value === undefined ? undefined : integer(value, `--${name}`, min, command);
}

function globalFlags(read: Reader, command: CommandName): GlobalFlags {
  const logFile = read('log-file');
  const color = read('color');
  if (flag(read, 'verbose') && flag(read, 'quiet')) {
    throw new UsageError('--verbose and --quiet cannot be used together.', command);
  }
  return {
    db: text(read, 'db', command),
    migrations: text(read, 'migrations', command),
    config: text(read, 'config', command),
    json: flag(read, 'json'),
    logFile: logFile === false ? false : text(read, 'log-file', command),
    verbose: flag(read, 'verbose'),
    quiet: flag(read, 'quiet'),
    busyTimeoutMs: optionalInteger(read, 'busy-timeout', 0, command),
    color: typeof color === 'boolean' ? color : undefined,
  };
}

function rollbackTarget(raw: RawInvocation, read: Reader): { count: number } | { to: number } {
  const n = raw.positionals.n;
  const to = optionalInteger(read, 'to', 0, 'rollback');
  if (n !== undefined && to !== undefined) {
    throw new UsageError(
      'N and --to cannot be used together: give how many to undo, or the version to go back to.',
      'rollback',
    );
  }
  if (to !== undefined) return { to };
  return { count: n === undefined ? 1 : integer(n, 'N', 1, 'rollback') };
}

function newKind(read: Reader): 'sql' | 'ts' | 'js' {
  const kinds = (['sql', 'ts', 'js'] as const).filter((kind) => flag(read, kind));
  if (kinds.length > 1) {
    throw new UsageError(
      `Choose one of --sql, --ts and --js (got ${kinds.map((k) => `--${k}`).join(' and ')}).`,
      'new',
    );
  }
  return kinds[0] ?? 'sql';
}

function migrationName(name: string): string {
  // The name becomes part of a file name: keep it to letters, digits and underscores.
  const cleaned = name.trim().replace(/[\s-]+/g, '_');
  if (!/^[A-Za-z0-9_]+$/.test(cleaned) || !/[A-Za-z]/.test(cleaned)) {
    throw new UsageError(
      `The migration name '${name}' can use only letters, digits, '_', '-' and spaces, and needs a letter.`,
      'new',
      "Describe the change, e.g. 'gao-db new add_users'.",
    );
  }
  return cleaned.toLowerCase();
}

function commandArgs(raw: RawInvocation, read: Reader): CommandArgs {
  const { command, positionals } = raw;
  const yes = flag(read, 'yes');
  switch (command) {
    case 'migrate': {
      if (flag(read, 'dry-run') && flag(read, 'rehearse')) {
        throw new UsageError('--dry-run and --rehearse cannot be used together.', command);
      }
      if (flag(read, 'round-trip') && !flag(read, 'rehearse')) {
        throw new UsageError(
          "--round-trip runs on the rehearsal's copy: use it with --rehearse (gao-db migrate --rehearse --round-trip).",
          command,
        );
      }
      return {
        command,
        to: optionalInteger(read, 'to', 0, command),
        yes,
        dryRun: flag(read, 'dry-run'),
        rehearse: flag(read, 'rehearse'),
        roundTrip: flag(read, 'round-trip'),
        backup: read('backup') !== false,
        allowOutOfOrder: flag(read, 'allow-out-of-order'),
        allOrNothing: flag(read, 'all-or-nothing'),
      };
    }
    case 'rollback':
      if (flag(read, 'dry-run') && flag(read, 'rehearse')) {
        throw new UsageError('--dry-run and --rehearse cannot be used together.', command);
      }
      return {
        command,
        target: rollbackTarget(raw, read),
        yes,
        dryRun: flag(read, 'dry-run'),
        rehearse: flag(read, 'rehearse'),
        backup: read('backup') !== false,
        allOrNothing: flag(read, 'all-or-nothing'),
      };
    case 'status':
    case 'validate':
      return { command };
    case 'history':
      return { command, limit: optionalInteger(read, 'limit', 1, command) };
    case 'new':
      return { command, name: migrationName(positionals.name ?? ''), kind: newKind(read) };
    case 'baseline':
      return { command, version: integer(positionals.version ?? '', 'The version', 1, command), yes };
    case 'repair':
      return {
        command,
        action: (positionals.action ?? '').replaceAll('-', '_') as RepairAction,
        version: integer(positionals.version ?? '', 'The version', 0, command),
        yes,
      };
    case 'backup':
      return { command, action: positionals.action === 'create' ? 'create' : 'list' };
    case 'restore':
      return { command, backup: positionals.backup ?? '', yes };
  }
}

/**
 * Checks what a parser read and types it: numbers are whole numbers, conflicting flags are refused
 * (`rollback 2 --to 1`, `--dry-run --rehearse`, `--verbose --quiet`), before anything runs.
 *
 * @example
 * validateInvocation({ command: 'rollback', positionals: { n: '2' }, options: { to: '1' } })
 * // throws UsageError: N and --to cannot be used together ...
 */
export function validateInvocation(raw: RawInvocation): Invocation {
  const read: Reader = (name) => raw.options[name];
  return { global: globalFlags(read, raw.command), args: commandArgs(raw, read) };
}
