-- Users and their posts. Deleting a user deletes their posts (ON DELETE CASCADE).
-- migrate:up
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT,
  name TEXT NOT NULL
);
CREATE TABLE posts (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  title TEXT NOT NULL
);
INSERT INTO users (id, email, name) VALUES (1, 'ada@example.com', 'Ada'), (2, 'grace@example.com', 'Grace');
INSERT INTO posts (user_id, title) VALUES (1, 'Notes on the Analytical Engine'), (2, 'Compilers');

-- migrate:down
DROP TABLE posts;
DROP TABLE users;
