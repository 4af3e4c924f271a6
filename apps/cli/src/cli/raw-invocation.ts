import type { CommandName } from './spec.ts';

/** An option's value as parsed: text, a flag, or `false` for `--no-<string option>`. */
export type RawValue = string | boolean;

/**
 * What a parser read from the arguments, before any checking: the command, its positionals by
 * name and every option by its kebab-case name. Both parsers produce exactly this shape.
 */
export interface RawInvocation {
  readonly command: CommandName;
  readonly positionals: Readonly<Record<string, string>>;
  readonly options: Readonly<Record<string, RawValue>>;
}
