-- GAO-Dev context database, as the original Python runner created it (story 17.6, migration 001).
-- Projects, their epics and stories, the documents the agents write and their reviews, and the
-- context system's two tables: workflow context and agent episodes (with their messages).

-- migrate:up
CREATE TABLE projects (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  root_path  TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE epics (
  id         INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  epic_num   INTEGER NOT NULL,
  title      TEXT NOT NULL,
  status     TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'active', 'done')),
  UNIQUE (project_id, epic_num)
);

CREATE TABLE stories (
  id        INTEGER PRIMARY KEY,
  epic_id   INTEGER NOT NULL REFERENCES epics (id) ON DELETE CASCADE,
  story_num INTEGER NOT NULL,
  title     TEXT NOT NULL,
  status    TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'in_progress', 'review', 'done')),
  points    INTEGER,
  UNIQUE (epic_id, story_num)
);

CREATE TABLE documents (
  id         INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  path       TEXT NOT NULL,
  doc_type   TEXT NOT NULL,
  state      TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'active', 'obsolete', 'archived')),
  updated_at TEXT NOT NULL,
  UNIQUE (project_id, path)
);

CREATE TABLE document_reviews (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  reviewer    TEXT NOT NULL,
  verdict     TEXT NOT NULL CHECK (verdict IN ('approved', 'changes_requested', 'comment')),
  reviewed_at TEXT NOT NULL
);

-- Context system: these two came from the separate context.db and are merged by 003.
CREATE TABLE workflow_context (
  id         INTEGER PRIMARY KEY,
  story_id   INTEGER REFERENCES stories (id) ON DELETE CASCADE,
  workflow   TEXT NOT NULL,
  phase      TEXT NOT NULL,
  payload    TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE agent_episodes (
  id          INTEGER PRIMARY KEY,
  story_id    INTEGER REFERENCES stories (id) ON DELETE SET NULL,
  agent       TEXT NOT NULL,
  task        TEXT NOT NULL,
  outcome     TEXT,
  started_at  TEXT NOT NULL,
  finished_at TEXT
);

CREATE TABLE episode_messages (
  id         INTEGER PRIMARY KEY,
  episode_id INTEGER NOT NULL REFERENCES agent_episodes (id) ON DELETE CASCADE,
  role       TEXT NOT NULL CHECK (role IN ('system', 'user', 'assistant', 'tool')),
  content    TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE INDEX stories_epic ON stories (epic_id, status);
CREATE INDEX documents_project ON documents (project_id, doc_type);
CREATE INDEX episode_messages_episode ON episode_messages (episode_id, created_at);

-- migrate:down
DROP TABLE episode_messages;
DROP TABLE agent_episodes;
DROP TABLE workflow_context;
DROP TABLE document_reviews;
DROP TABLE documents;
DROP TABLE stories;
DROP TABLE epics;
DROP TABLE projects;
