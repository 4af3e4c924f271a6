/**
 * Creates the demo database: the GAO-Dev context database as the story's Python runner left it.
 * Migration 001 is applied and recorded in the story's `schema_version` table (no checksum column,
 * status 'success'), and the tables hold realistic data. `gao-db migrate` then adopts it as it is
 * and applies 002..004, keeping every row.
 *
 *   node examples/demo/seed.ts [path/to/demo.db]     (default: examples/demo/demo.db)
 *
 * An existing file at that path is replaced.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const target = resolve(process.argv[2] ?? join(here, 'demo.db'));

// The Python runner ran the whole file; ours has a down section, so run the up part only.
const initial = readFileSync(join(here, 'migrations', '001_initial_schema.sql'), 'utf8');
const upPart = initial.split(/^-- migrate:down.*$/m)[0] ?? initial;

const replaced = existsSync(target);
for (const suffix of ['', '-journal', '-wal', '-shm', '.gao-db.log'])
  rmSync(`${target}${suffix}`, { force: true });
const db = new DatabaseSync(target);

// A fixed clock and a tiny deterministic generator: the same demo database every time.
let seed = 17_6;
function next(): number {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
}
function pick<T>(items: readonly T[]): T {
  return items[Math.floor(next() * items.length)] as T;
}
const start = Date.parse('2026-09-01T09:00:00Z');
function at(minutes: number): string {
  return new Date(start + minutes * 60_000).toISOString().replace('T', ' ').slice(0, 19);
}
let minute = 10;
/** Moves the demo clock on by `minutes` and returns the new time. */
function later(minutes: number): string {
  minute += minutes;
  return at(minute);
}

db.exec(`
  CREATE TABLE IF NOT EXISTS schema_version (
    version TEXT PRIMARY KEY,
    migration_name TEXT NOT NULL,
    applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    status TEXT NOT NULL,
    duration_ms INTEGER,
    error_message TEXT
  )
`);
db.exec('BEGIN');
db.exec(upPart);
db.prepare(
  "INSERT INTO schema_version (version, migration_name, applied_at, status, duration_ms) VALUES ('001', '001_initial_schema', ?, 'success', 0)",
).run(at(0));

const projects = [
  ['gao-dev', '/home/dev/gao-dev'],
  ['todo-app-sandbox', '/home/dev/sandbox/todo-app'],
  ['docs-site', '/home/dev/docs-site'],
] as const;
const epicTitles = [
  'State Tracking',
  'Document Lifecycle',
  'Context System Integration',
  'Agent Orchestration',
  'Benchmark Harness',
  'Onboarding Flow',
];
const storyTitles = [
  'Schema for workflow state',
  'Context cache with TTL',
  'Document registry',
  'Lifecycle state machine',
  'Review workflow',
  'Migration system',
  'Episode persistence',
  'Context lineage',
  'Search over documents',
  'Archive obsolete documents',
];
const agents = ['Brian', 'Mary', 'John', 'Winston', 'Sally', 'Bob', 'Amelia', 'Murat'];
const workflows = ['prd', 'architecture', 'create-story', 'dev-story', 'story-done', 'retrospective'];
const phases = ['analysis', 'planning', 'solutioning', 'implementation'];
const docTypes = ['prd', 'architecture', 'epic', 'story', 'adr', 'test-plan'];
const statuses = ['pending', 'in_progress', 'review', 'done'] as const;

const insertProject = db.prepare('INSERT INTO projects (name, root_path, created_at) VALUES (?, ?, ?)');
const insertEpic = db.prepare('INSERT INTO epics (project_id, epic_num, title, status) VALUES (?, ?, ?, ?)');
const insertStory = db.prepare(
  'INSERT INTO stories (epic_id, story_num, title, status, points) VALUES (?, ?, ?, ?, ?)',
);
const insertDocument = db.prepare(
  'INSERT INTO documents (project_id, path, doc_type, state, updated_at) VALUES (?, ?, ?, ?, ?)',
);
const insertReview = db.prepare(
  'INSERT INTO document_reviews (document_id, reviewer, verdict, reviewed_at) VALUES (?, ?, ?, ?)',
);
const insertContext = db.prepare(
  'INSERT INTO workflow_context (story_id, workflow, phase, payload, updated_at) VALUES (?, ?, ?, ?, ?)',
);
const insertEpisode = db.prepare(
  'INSERT INTO agent_episodes (story_id, agent, task, outcome, started_at, finished_at) VALUES (?, ?, ?, ?, ?, ?)',
);
const insertMessage = db.prepare(
  'INSERT INTO episode_messages (episode_id, role, content, created_at) VALUES (?, ?, ?, ?)',
);

const counts = {
  projects: 0,
  epics: 0,
  stories: 0,
  documents: 0,
  reviews: 0,
  contexts: 0,
  episodes: 0,
  messages: 0,
};
for (const [projectIndex, [name, root]] of projects.entries()) {
  const projectId = Number(insertProject.run(name, root, at(minute)).lastInsertRowid);
  counts.projects += 1;
  const epicCount = projectIndex === 0 ? 6 : 2;
  for (let e = 0; e < epicCount; e += 1) {
    const epicNum = projectIndex === 0 ? 12 + e : e + 1;
    const epicStatus = e < epicCount - 2 ? 'done' : e === epicCount - 2 ? 'active' : 'planned';
    const epicId = Number(
      insertEpic.run(projectId, epicNum, epicTitles[e % epicTitles.length] as string, epicStatus)
        .lastInsertRowid,
    );
    counts.epics += 1;
    const epicPath = `docs/epics/epic-${epicNum}/epic-${epicNum}.md`;
    insertDocument.run(projectId, epicPath, 'epic', epicStatus === 'done' ? 'archived' : 'active', later(7));
    counts.documents += 1;
    for (let s = 1; s <= 6; s += 1) {
      const status = epicStatus === 'done' ? 'done' : epicStatus === 'planned' ? 'pending' : pick(statuses);
      const points = pick([1, 2, 3, 5, 8, 13]);
      const storyId = Number(
        insertStory.run(epicId, s, storyTitles[(e * 6 + s) % storyTitles.length] as string, status, points)
          .lastInsertRowid,
      );
      counts.stories += 1;
      const docId = Number(
        insertDocument.run(
          projectId,
          `docs/epics/epic-${epicNum}/story-${epicNum}.${s}.md`,
          'story',
          status === 'done' ? 'active' : 'draft',
          later(11),
        ).lastInsertRowid,
      );
      counts.documents += 1;
      for (let r = 0; r < (status === 'pending' ? 0 : 2); r += 1) {
        insertReview.run(docId, pick(agents), pick(['approved', 'changes_requested', 'comment']), later(3));
        counts.reviews += 1;
      }
      if (status === 'pending') continue;
      for (const phase of phases.slice(0, 2 + Math.floor(next() * 3))) {
        const workflow = pick(workflows);
        insertContext.run(
          storyId,
          workflow,
          phase,
          JSON.stringify({ story: `${epicNum}.${s}`, step: phase, agent: pick(agents) }),
          later(5),
        );
        counts.contexts += 1;
      }
      for (let k = 0; k < 2; k += 1) {
        const agent = pick(agents);
        minute += 13;
        const started = minute;
        const finished = status === 'in_progress' && k === 1 ? null : later(20);
        const episodeId = Number(
          insertEpisode.run(
            storyId,
            agent,
            `${pick(workflows)} for story ${epicNum}.${s}`,
            finished === null ? null : pick(['success', 'success', 'needs_review', 'failed']),
            at(started),
            finished,
          ).lastInsertRowid,
        );
        counts.episodes += 1;
        const turns = 3 + Math.floor(next() * 5);
        for (let m = 0; m < turns; m += 1) {
          const role = m === 0 ? 'system' : m % 2 === 1 ? 'user' : pick(['assistant', 'assistant', 'tool']);
          insertMessage.run(
            episodeId,
            role,
            `${agent} (${role}) on story ${epicNum}.${s}, turn ${m + 1}`,
            at(started + m),
          );
          counts.messages += 1;
        }
      }
    }
  }
  for (const docType of docTypes.filter((type) => type !== 'epic' && type !== 'story')) {
    insertDocument.run(
      projectId,
      `docs/features/${name}/${docType.toUpperCase()}.md`,
      docType,
      'active',
      later(17),
    );
    counts.documents += 1;
  }
}
db.exec('COMMIT');
db.close();

const summary = Object.entries(counts)
  .map(([table, count]) => `${count} ${table}`)
  .join(', ');
process.stdout.write(
  `${replaced ? 'Replaced' : 'Created'} ${target}\n` +
    `  the GAO-Dev context database as the story's Python runner left it: 001 applied (schema_version, no checksums)\n` +
    `  ${summary}\n`,
);
