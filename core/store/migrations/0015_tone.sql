-- Version 15: the tone of each item (issue 10, item 5; core/tone): its
-- language (en, fr, ru, bg, other; '' when it has no words), its sentiment
-- in [-1, 1] and whether it insults, slurs or threatens; all NULL until
-- computed. The engine computes them at ingest, and for items stored
-- before this version (or by a path that does not compute them) in the
-- background, newest first, in small batches: the analysis is Go code, so
-- this migration only adds columns (instant) and two partial indexes (a
-- table scan each: 12 s together on a million items, measured loaded).
-- moderation_fine records that a person looked at an item in the
-- moderation queue and found it fine.
ALTER TABLE items ADD COLUMN lang TEXT;
ALTER TABLE items ADD COLUMN sentiment REAL CHECK (sentiment BETWEEN -1 AND 1);
ALTER TABLE items ADD COLUMN abusive INTEGER CHECK (abusive IN (0, 1));
ALTER TABLE items ADD COLUMN moderation_fine INTEGER NOT NULL DEFAULT 0 CHECK (moderation_fine IN (0, 1));

-- The items still to analyse, newest first: empty once the backfill is
-- done, and each new item leaves it as its tone is written.
CREATE INDEX items_tone_todo ON items (created_at DESC, id DESC) WHERE lang IS NULL;

-- The moderation queue, newest first. Its condition must be written in the
-- store's queries exactly as here (moderationCond in core/store/tone.go,
-- -0.5 being core.StronglyNegativeAt), or SQLite cannot use the index.
CREATE INDEX items_moderation ON items (created_at DESC, id DESC, state, deleted)
    WHERE (abusive = 1 OR sentiment <= -0.5) AND moderation_fine = 0 AND outgoing = 0;
