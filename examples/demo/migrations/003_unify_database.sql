-- Story 17.2, database unification: workflow context and agent episodes become one `episodes`
-- table with a `kind` column. This is a table rebuild (create, copy, drop, rename).
--
-- Dropping a table that episode_messages references would delete every message through
-- ON DELETE CASCADE if foreign keys were enforced. gao-db turns enforcement off before the
-- migration's transaction begins and runs PRAGMA foreign_key_check before it commits, so the
-- messages survive and a real orphan would stop the migration.

-- migrate:up
-- Renaming first makes episode_messages point at `episodes`; the rebuild below keeps that name.
ALTER TABLE agent_episodes RENAME TO episodes;

CREATE TABLE episodes_new (
  id          INTEGER PRIMARY KEY,
  story_id    INTEGER REFERENCES stories (id) ON DELETE SET NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('agent', 'workflow')),
  actor       TEXT NOT NULL, -- the agent, or the workflow
  phase       TEXT,
  task        TEXT NOT NULL,
  payload     TEXT,          -- JSON
  outcome     TEXT,
  started_at  TEXT NOT NULL,
  finished_at TEXT
);

-- Agent episodes keep their ids: episode_messages.episode_id stays valid.
INSERT INTO episodes_new (id, story_id, kind, actor, phase, task, payload, outcome, started_at, finished_at)
SELECT id, story_id, 'agent', agent, NULL, task, NULL, outcome, started_at, finished_at
FROM episodes;

-- Workflow context rows are appended after them.
INSERT INTO episodes_new (story_id, kind, actor, phase, task, payload, outcome, started_at, finished_at)
SELECT story_id, 'workflow', workflow, phase, workflow || ': ' || phase, payload, NULL, updated_at, updated_at
FROM workflow_context
ORDER BY id;

DROP TABLE episodes;
ALTER TABLE episodes_new RENAME TO episodes;
DROP TABLE workflow_context;

CREATE INDEX episodes_story ON episodes (story_id, started_at);
CREATE INDEX episodes_kind ON episodes (kind, actor);

-- migrate:down
-- The reverse rebuild: split `episodes` back into agent_episodes and workflow_context.
CREATE TABLE workflow_context (
  id         INTEGER PRIMARY KEY,
  story_id   INTEGER REFERENCES stories (id) ON DELETE CASCADE,
  workflow   TEXT NOT NULL,
  phase      TEXT NOT NULL,
  payload    TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

INSERT INTO workflow_context (story_id, workflow, phase, payload, updated_at)
SELECT story_id, actor, coalesce(phase, ''), coalesce(payload, '{}'), started_at
FROM episodes
WHERE kind = 'workflow'
ORDER BY id;

-- Messages can only belong to agent episodes in the old shape.
DELETE FROM episode_messages WHERE episode_id IN (SELECT id FROM episodes WHERE kind = 'workflow');

-- Renaming first makes episode_messages point at agent_episodes again.
ALTER TABLE episodes RENAME TO agent_episodes;

CREATE TABLE agent_episodes_old (
  id          INTEGER PRIMARY KEY,
  story_id    INTEGER REFERENCES stories (id) ON DELETE SET NULL,
  agent       TEXT NOT NULL,
  task        TEXT NOT NULL,
  outcome     TEXT,
  started_at  TEXT NOT NULL,
  finished_at TEXT
);

INSERT INTO agent_episodes_old (id, story_id, agent, task, outcome, started_at, finished_at)
SELECT id, story_id, actor, task, outcome, started_at, finished_at
FROM agent_episodes
WHERE kind = 'agent';

DROP TABLE agent_episodes;
ALTER TABLE agent_episodes_old RENAME TO agent_episodes;
