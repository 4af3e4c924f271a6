import type { RawInvocation, RawValue } from './raw-invocation.ts';
import { COMMANDS, type CommandSpec, GLOBAL_OPTIONS, type OptionSpec } from './spec.ts';

/**
 * Parses well-formed arguments without loading yargs (which costs more start-up time than the whole
 * `status --json` run). Anything unusual (help, unknown or malformed options, missing positionals)
 * returns `null`, and the caller hands the arguments to yargs, which prints help or the error.
 *
 * @example
 * fastParse(['status', '--json']) // { command: 'status', positionals: {}, options: { json: true } }
 * fastParse(['status', '--jsno']) // null: yargs reports "Unknown argument: jsno"
 */
export function fastParse(args: readonly string[]): RawInvocation | null {
  let spec: CommandSpec | undefined;
  const words: string[] = [];
  const options: Record<string, RawValue> = {};
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (!arg.startsWith('-') || arg === '-') {
      if (spec === undefined) {
        spec = COMMANDS.find((command) => command.name === arg);
        if (spec === undefined) return null;
      } else words.push(arg);
      continue;
    }
    const known = [...GLOBAL_OPTIONS, ...(spec?.options ?? [])];
    const read = readOption(arg, args[i + 1], known);
    if (read === null) return null;
    options[read.name] = read.value;
    if (read.consumedNext) i += 1;
  }
  if (spec === undefined) return null;
  // Options of the command given before the command name belong to yargs' error path.
  const allowed = new Set([...GLOBAL_OPTIONS, ...spec.options].map((option) => option.name));
  if (Object.keys(options).some((name) => !allowed.has(name))) return null;
  const positionals: Record<string, string> = {};
  if (words.length > spec.positionals.length) return null;
  for (const [index, positional] of spec.positionals.entries()) {
    const word = words[index];
    if (word === undefined) {
      if (positional.required) return null;
      continue;
    }
    if (positional.choices !== undefined && !positional.choices.includes(word)) return null;
    positionals[positional.name] = word;
  }
  return { command: spec.name, positionals, options };
}

interface ReadOption {
  readonly name: string;
  readonly value: RawValue;
  readonly consumedNext: boolean;
}

function readOption(arg: string, next: string | undefined, known: readonly OptionSpec[]): ReadOption | null {
  if (!arg.startsWith('--')) {
    // Only single short aliases (`-y`); bundles and `-h` go to yargs.
    const option = known.find((candidate) => candidate.alias !== undefined && `-${candidate.alias}` === arg);
    return option?.kind === 'boolean' ? { name: option.name, value: true, consumedNext: false } : null;
  }
  const equals = arg.indexOf('=');
  const name = arg.slice(2, equals === -1 ? undefined : equals);
  const option = known.find((candidate) => candidate.name === name);
  if (option === undefined) {
    const negated = name.startsWith('no-')
      ? known.find((candidate) => candidate.name === name.slice(3))
      : undefined;
    if (negated?.negatable !== true || equals !== -1) return null;
    return { name: negated.name, value: false, consumedNext: false };
  }
  if (option.kind === 'boolean') return equals === -1 ? { name, value: true, consumedNext: false } : null;
  if (equals !== -1) return { name, value: arg.slice(equals + 1), consumedNext: false };
  if (next === undefined || next.startsWith('-')) return null;
  return { name, value: next, consumedNext: true };
}
