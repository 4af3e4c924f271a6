-- VACUUM cannot run inside a transaction: this migration runs outside one.
-- migrate:up transaction:false
VACUUM;
