/**
 * `@gao/migrate-sqlite`: runs `@gao/migrate-core` plans on `node:sqlite`.
 *
 * @packageDocumentation
 */
export { sqliteVersion } from './sqlite-version.ts';
