-- Version 8: the inbox lists conversations, not messages. Each thread's
-- face is its latest message from someone else (one not deleted remotely
-- when there is one): lists and counts take faces only, so a conversation
-- is one row, our own messages never make one, and a new message, as the
-- new face, brings a done conversation back. Threads keep their size and
-- first participants for the row.

ALTER TABLE items ADD COLUMN face INTEGER NOT NULL DEFAULT 0 CHECK (face IN (0, 1));
ALTER TABLE threads ADD COLUMN size INTEGER NOT NULL DEFAULT 0;
ALTER TABLE threads ADD COLUMN participants TEXT NOT NULL DEFAULT '[]';

UPDATE items SET face = 1 WHERE id IN (
    SELECT (SELECT i.id FROM items i WHERE i.thread_id = t.id AND i.outgoing = 0
            ORDER BY i.deleted, i.created_at DESC, i.id DESC LIMIT 1)
    FROM threads t);

UPDATE threads SET
    size = (SELECT count(*) FROM items WHERE thread_id = threads.id),
    participants = (SELECT json_group_array(author_name) FROM (
        SELECT author_name FROM items
        WHERE thread_id = threads.id AND outgoing = 0 AND author_name <> ''
        GROUP BY author_name ORDER BY min(created_at) LIMIT 3));

-- The list indexes, each with face appended: a conversation list decides
-- from the index alone which entries are faces, as it does for deleted.
DROP INDEX items_state_time;
DROP INDEX items_account_state_time;
DROP INDEX items_unseen_state_time;
DROP INDEX items_unseen_account_state_time;
DROP INDEX items_kind_state_time;
DROP INDEX items_vip_state_time;
CREATE INDEX items_state_time ON items (state, created_at DESC, id DESC, deleted, vip, face);
CREATE INDEX items_account_state_time ON items (account_id, state, created_at DESC, id DESC, deleted, vip, face);
CREATE INDEX items_unseen_state_time ON items (state, created_at DESC, id DESC, deleted, vip, face) WHERE seen = 0;
CREATE INDEX items_unseen_account_state_time ON items (account_id, state, created_at DESC, id DESC, deleted, vip, face)
    WHERE seen = 0;
CREATE INDEX items_kind_state_time ON items (kind, state, created_at DESC, id DESC, deleted, vip, face);
CREATE INDEX items_vip_state_time ON items (state, created_at DESC, id DESC, deleted, account_id, face) WHERE vip = 1;

-- Counts are of conversations: of faces.
DROP TRIGGER items_count_insert;
DROP TRIGGER items_count_delete;
DROP TRIGGER items_count_update;

CREATE TRIGGER items_count_insert AFTER INSERT ON items WHEN new.face = 1 BEGIN
    INSERT INTO item_counts (account_id, state, total, unseen)
    VALUES (new.account_id, new.state, 1, new.seen = 0 AND new.deleted = 0)
    ON CONFLICT (account_id, state) DO UPDATE SET
        total = total + 1, unseen = unseen + excluded.unseen;
END;

CREATE TRIGGER items_count_delete AFTER DELETE ON items WHEN old.face = 1 BEGIN
    UPDATE item_counts SET total = total - 1, unseen = unseen - (old.seen = 0 AND old.deleted = 0)
    WHERE account_id = old.account_id AND state = old.state;
END;

CREATE TRIGGER items_count_update AFTER UPDATE OF account_id, state, seen, deleted, face ON items
WHEN (old.face = 1 OR new.face = 1) AND (old.account_id <> new.account_id OR old.state <> new.state
    OR old.seen <> new.seen OR old.deleted <> new.deleted OR old.face <> new.face) BEGIN
    UPDATE item_counts SET total = total - old.face,
        unseen = unseen - (old.face = 1 AND old.seen = 0 AND old.deleted = 0)
    WHERE account_id = old.account_id AND state = old.state;
    INSERT INTO item_counts (account_id, state, total, unseen)
    VALUES (new.account_id, new.state, new.face, new.face = 1 AND new.seen = 0 AND new.deleted = 0)
    ON CONFLICT (account_id, state) DO UPDATE SET
        total = total + excluded.total, unseen = unseen + excluded.unseen;
END;

DELETE FROM item_counts;
INSERT INTO item_counts (account_id, state, total, unseen)
SELECT account_id, state, count(*), sum(seen = 0 AND deleted = 0) FROM items WHERE face = 1
GROUP BY account_id, state;
