/**
 * `gao-db`: the command line. Importing it runs nothing; `main(args)` runs a command.
 *
 * @packageDocumentation
 */
export { main } from './main.ts';
export { version } from './version.ts';
