-- Conversation counts per account, kind and state, so the inbox can say
-- how many wait in each view, account and channel without counting rows.
DROP TRIGGER items_count_insert;
DROP TRIGGER items_count_delete;
DROP TRIGGER items_count_update;
DROP TABLE item_counts;

CREATE TABLE item_counts (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL,
    state      TEXT    NOT NULL,
    total      INTEGER NOT NULL DEFAULT 0,
    unseen     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, kind, state)
) WITHOUT ROWID;

CREATE TRIGGER items_count_insert AFTER INSERT ON items WHEN new.face = 1 BEGIN
    INSERT INTO item_counts (account_id, kind, state, total, unseen)
    VALUES (new.account_id, new.kind, new.state, 1, new.seen = 0 AND new.deleted = 0)
    ON CONFLICT (account_id, kind, state) DO UPDATE SET
        total = total + 1, unseen = unseen + excluded.unseen;
END;

CREATE TRIGGER items_count_delete AFTER DELETE ON items WHEN old.face = 1 BEGIN
    UPDATE item_counts SET total = total - 1, unseen = unseen - (old.seen = 0 AND old.deleted = 0)
    WHERE account_id = old.account_id AND kind = old.kind AND state = old.state;
END;

CREATE TRIGGER items_count_update AFTER UPDATE OF account_id, kind, state, seen, deleted, face ON items
WHEN (old.face = 1 OR new.face = 1) AND (old.account_id <> new.account_id OR old.kind <> new.kind
    OR old.state <> new.state OR old.seen <> new.seen OR old.deleted <> new.deleted OR old.face <> new.face) BEGIN
    UPDATE item_counts SET total = total - old.face,
        unseen = unseen - (old.face = 1 AND old.seen = 0 AND old.deleted = 0)
    WHERE account_id = old.account_id AND kind = old.kind AND state = old.state;
    INSERT INTO item_counts (account_id, kind, state, total, unseen)
    VALUES (new.account_id, new.kind, new.state, new.face, new.face = 1 AND new.seen = 0 AND new.deleted = 0)
    ON CONFLICT (account_id, kind, state) DO UPDATE SET
        total = total + excluded.total, unseen = unseen + excluded.unseen;
END;

INSERT INTO item_counts (account_id, kind, state, total, unseen)
SELECT account_id, kind, state, count(*), sum(seen = 0 AND deleted = 0) FROM items WHERE face = 1
GROUP BY account_id, kind, state;
