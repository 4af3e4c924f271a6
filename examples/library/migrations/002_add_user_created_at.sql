-- migrate:up
ALTER TABLE users ADD COLUMN created_at TEXT NOT NULL DEFAULT '1970-01-01T00:00:00Z';
CREATE INDEX users_created_at ON users (created_at);

-- migrate:down
DROP INDEX users_created_at;
ALTER TABLE users DROP COLUMN created_at;
