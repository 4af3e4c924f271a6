-- Stories get a priority. Existing stories are backfilled from what we know: in-progress or review
-- work in an active epic is P1, large pending stories are P2, everything else P3.

-- migrate:up
ALTER TABLE stories ADD COLUMN priority TEXT NOT NULL DEFAULT 'P2' CHECK (priority IN ('P0', 'P1', 'P2', 'P3'));

UPDATE stories
SET priority = CASE
  WHEN status IN ('in_progress', 'review')
    AND epic_id IN (SELECT id FROM epics WHERE status = 'active') THEN 'P1'
  WHEN status = 'pending' AND coalesce(points, 0) >= 5 THEN 'P2'
  ELSE 'P3'
END;

CREATE INDEX stories_priority ON stories (priority, status);

-- migrate:down
DROP INDEX stories_priority;
ALTER TABLE stories DROP COLUMN priority;
