-- SQLite cannot ALTER a column to NOT NULL or UNIQUE: rebuild the table.
-- migrate:up
CREATE TABLE users_new (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT '1970-01-01T00:00:00Z'
);
INSERT INTO users_new (id, email, name, created_at)
  SELECT id, coalesce(email, 'user' || id || '@example.invalid'), name, created_at FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
CREATE INDEX users_created_at ON users (created_at);

-- migrate:down
CREATE TABLE users_old (
  id INTEGER PRIMARY KEY,
  email TEXT,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT '1970-01-01T00:00:00Z'
);
INSERT INTO users_old (id, email, name, created_at) SELECT id, email, name, created_at FROM users;
DROP TABLE users;
ALTER TABLE users_old RENAME TO users;
CREATE INDEX users_created_at ON users (created_at);
