// PRAGMA journal_mode cannot change inside a transaction: this migration runs outside one.
export const transaction = false;

/** @param {import('node:sqlite').DatabaseSync} db */
export async function up(db) {
  db.exec('PRAGMA journal_mode = WAL');
}

/** @param {import('node:sqlite').DatabaseSync} db */
export async function down(db) {
  db.exec('PRAGMA journal_mode = DELETE');
}
