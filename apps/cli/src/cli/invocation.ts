import type { CommandName } from './spec.ts';

/** Options every command accepts, checked and typed. `undefined`: not given on the command line. */
export interface GlobalFlags {
  readonly db: string | undefined;
  readonly migrations: string | undefined;
  readonly config: string | undefined;
  readonly json: boolean;
  /** A path, `false` for `--no-log-file`, `undefined` when not given. */
  readonly logFile: string | false | undefined;
  readonly verbose: boolean;
  readonly quiet: boolean;
  readonly busyTimeoutMs: number | undefined;
  /** `--color` / `--no-color`; `undefined` decides by terminal and `NO_COLOR`. */
  readonly color: boolean | undefined;
}

/** What `repair` records. */
export type RepairAction = 'mark_applied' | 'mark_rolled_back' | 'accept_checksum';

/** The arguments of each command, checked and typed. */
export type CommandArgs =
  | {
      readonly command: 'migrate';
      readonly to: number | undefined;
      readonly yes: boolean;
      readonly dryRun: boolean;
      readonly rehearse: boolean;
      /** With `rehearse`: up, down, up again on the copy. */
      readonly roundTrip: boolean;
      readonly backup: boolean;
      readonly allowOutOfOrder: boolean;
      /** One transaction for the whole run. */
      readonly allOrNothing: boolean;
    }
  | {
      readonly command: 'rollback';
      readonly target: { readonly count: number } | { readonly to: number };
      readonly yes: boolean;
      readonly dryRun: boolean;
      readonly rehearse: boolean;
      readonly backup: boolean;
      readonly allOrNothing: boolean;
    }
  | { readonly command: 'status' }
  | { readonly command: 'history'; readonly limit: number | undefined }
  | { readonly command: 'new'; readonly name: string; readonly kind: 'sql' | 'ts' | 'js' }
  | { readonly command: 'validate' }
  | { readonly command: 'baseline'; readonly version: number; readonly yes: boolean }
  | {
      readonly command: 'repair';
      readonly action: RepairAction;
      readonly version: number;
      readonly yes: boolean;
    }
  | { readonly command: 'backup'; readonly action: 'list' | 'create' }
  | { readonly command: 'restore'; readonly backup: string; readonly yes: boolean };

/** A parsed, checked command line. */
export interface Invocation {
  readonly global: GlobalFlags;
  readonly args: CommandArgs;
}

/** The command args of one command. */
export type ArgsOf<C extends CommandName> = Extract<CommandArgs, { command: C }>;
