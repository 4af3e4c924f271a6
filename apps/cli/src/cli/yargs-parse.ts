import type { Argv, Options } from 'yargs';
import yargs from 'yargs';
import type { RawInvocation, RawValue } from './raw-invocation.ts';
import { COMMANDS, type CommandName, type CommandSpec, GLOBAL_OPTIONS, type OptionSpec } from './spec.ts';

/** What yargs made of the arguments: a command to run, or text to print and an exit code. */
export type YargsOutcome =
  | { readonly kind: 'run'; readonly invocation: RawInvocation }
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'error'; readonly message: string; readonly command: CommandName | null };

const EPILOGUE = `Exit codes: 0 success, 1 a migration failed, 2 usage or configuration error,
3 problems block the command, 4 database locked, read-only, corrupt or missing.
In a terminal, gao-db with no command opens the dashboard.
Documentation: docs/cli.md`;

function optionConfig(option: OptionSpec): Options {
  return {
    type: option.kind,
    description: option.description,
    ...(option.alias === undefined ? {} : { alias: option.alias }),
    ...(option.value === undefined ? {} : { requiresArg: true }),
  };
}

function addOptions(argv: Argv, options: readonly OptionSpec[], global: boolean): Argv {
  let built = argv;
  for (const option of options) built = built.option(option.name, { ...optionConfig(option), global });
  return built;
}

function commandString(spec: CommandSpec): string {
  const words = spec.positionals.map((p) => (p.required ? `<${p.name}>` : `[${p.name}]`));
  return [spec.name, ...words].join(' ');
}

/** Picks the command's positionals and options out of yargs' argv, by their kebab-case names. */
function toRaw(spec: CommandSpec, argv: Record<string, unknown>): RawInvocation {
  const positionals: Record<string, string> = {};
  for (const positional of spec.positionals) {
    const value = argv[positional.name];
    if (value !== undefined) positionals[positional.name] = String(value);
  }
  const options: Record<string, RawValue> = {};
  for (const option of [...GLOBAL_OPTIONS, ...spec.options]) {
    const value = argv[option.name];
    if (typeof value === 'string' || typeof value === 'boolean') options[option.name] = value;
  }
  return { command: spec.name, positionals, options };
}

/**
 * Parses `args` with yargs, configured from the same spec as the fast parser: help texts with
 * examples, "Unknown argument" errors, choices and missing positionals. Runs no command.
 *
 * @example
 * await yargsParse(['rollback', '--help'], 100) // { kind: 'help', text: 'gao-db rollback [n]\n...' }
 */
export function yargsParse(args: readonly string[], width: number): YargsOutcome {
  let invocation: RawInvocation | null = null;
  let failure: string | null = null;
  let failedCommand: CommandName | null = null;
  // `usageConfiguration` (yargs 17.7+) is missing from @types/yargs 17.0.
  const base = yargs() as Argv & { usageConfiguration(config: { 'hide-types': boolean }): Argv };
  let parser = base
    .usageConfiguration({ 'hide-types': true })
    .scriptName('gao-db')
    .usage('gao-db <command> [options]\n\nSchema migrations for SQLite.')
    // No camelCase copies: toRaw reads kebab-case names, and strict mode would name an unknown
    // option twice ("Unknown arguments: round-trip, roundTrip").
    .parserConfiguration({
      'duplicate-arguments-array': false,
      'strip-aliased': true,
      'camel-case-expansion': false,
    })
    .version(false)
    .help('help')
    .alias('help', 'h')
    .strict()
    .demandCommand(1, 'Choose a command.')
    .wrap(width)
    .epilogue(EPILOGUE)
    .fail((message: string | undefined, error: Error | undefined) => {
      failure = message ?? error?.message ?? 'Invalid arguments.';
    });
  parser = addOptions(parser, GLOBAL_OPTIONS, true).group(
    [...GLOBAL_OPTIONS.map((option) => option.name), 'help'],
    'Global options:',
  );
  for (const spec of COMMANDS) {
    parser = parser.command(
      commandString(spec),
      spec.summary,
      (command: Argv) => {
        failedCommand = spec.name;
        let built = command;
        for (const positional of spec.positionals) {
          built = built.positional(positional.name, {
            type: 'string',
            description: positional.description,
            ...(positional.choices === undefined ? {} : { choices: [...positional.choices] }),
          });
        }
        built = addOptions(built, spec.options, false);
        if (spec.options.length > 0)
          built = built.group(
            spec.options.map((option) => option.name),
            'Options:',
          );
        for (const [example, description] of spec.examples) built = built.example(example, description);
        return built.epilogue(EPILOGUE);
      },
      (argv: Record<string, unknown>) => {
        invocation = toRaw(spec, argv);
      },
    );
  }
  for (const spec of COMMANDS) {
    const [example] = spec.examples;
    if (example !== undefined) parser = parser.example(example[0], example[1]);
  }
  let output = '';
  parser.parseSync([...args], {}, (_error: unknown, _argv: unknown, text: string) => {
    output = text;
  });
  if (failure !== null) return { kind: 'error', message: failure, command: failedCommand };
  if (invocation !== null) return { kind: 'run', invocation };
  return { kind: 'help', text: output };
}
