-- The dashboard's days, kept between openings (issue 11): a quarter on a
-- million items is a few hundred rows once its days are summarised, and
-- only the days something changed in are summarised again.
--   - stats_changes: per UTC hour, a mark that rises with every change a
--     dashboard number depends on (an item written, moved, deleted, marked
--     or unmarked spam, its reactions; a reply's wait; a conversation's
--     first message or last reply; a published post). Kept by triggers;
--     rows are never deleted, so max(mark) only rises.
--   - stats_days: core/stats's summary of one civil day (in the zone and
--     business hours that key names), with the mark it was read at: it
--     holds while no hour of its day has a later mark.

CREATE TABLE stats_changes (
    hour INTEGER PRIMARY KEY, -- unix hour (UTC)
    mark INTEGER NOT NULL
);
CREATE INDEX stats_changes_mark ON stats_changes (mark, hour);

CREATE TABLE stats_days (
    day  TEXT    PRIMARY KEY, -- YYYY-MM-DD in the zone of key
    key  TEXT    NOT NULL,
    mark INTEGER NOT NULL,
    data BLOB    NOT NULL
) WITHOUT ROWID;

-- The same statement in each trigger (triggers have no functions): the
-- hour of a time in ms gets the next mark.
CREATE TRIGGER stats_changes_item_insert AFTER INSERT ON items
WHEN new.outgoing = 1 OR new.kind <> 'feed_item' BEGIN
    INSERT INTO stats_changes (hour, mark) VALUES (new.created_at / 3600000,
        (SELECT COALESCE(max(mark), 0) + 1 FROM stats_changes))
    ON CONFLICT (hour) DO UPDATE SET mark = excluded.mark;
END;

CREATE TRIGGER stats_changes_item_delete AFTER DELETE ON items
WHEN old.outgoing = 1 OR old.kind <> 'feed_item' BEGIN
    INSERT INTO stats_changes (hour, mark) VALUES (old.created_at / 3600000,
        (SELECT COALESCE(max(mark), 0) + 1 FROM stats_changes))
    ON CONFLICT (hour) DO UPDATE SET mark = excluded.mark;
END;

-- Triage (seen, done, snoozed) changes no number: only spam marks do.
-- A post's reactions count on the day it was published, which may not
-- be the hour of the item synced back.
CREATE TRIGGER stats_changes_item_update AFTER UPDATE OF account_id, thread_id, created_at, outgoing, kind, state, stats ON items
WHEN old.account_id <> new.account_id OR old.thread_id IS NOT new.thread_id OR old.created_at <> new.created_at
    OR old.outgoing <> new.outgoing OR old.kind <> new.kind OR (old.state = 'spam') <> (new.state = 'spam')
    OR old.stats IS NOT new.stats BEGIN
    INSERT INTO stats_changes (hour, mark) VALUES (old.created_at / 3600000,
        (SELECT COALESCE(max(mark), 0) + 1 FROM stats_changes))
    ON CONFLICT (hour) DO UPDATE SET mark = excluded.mark;
    INSERT INTO stats_changes (hour, mark) VALUES (new.created_at / 3600000,
        (SELECT COALESCE(max(mark), 0) + 1 FROM stats_changes))
    ON CONFLICT (hour) DO UPDATE SET mark = excluded.mark;
    INSERT INTO stats_changes (hour, mark)
    SELECT t.published_at / 3600000, (SELECT COALESCE(max(mark), 0) + 1 FROM stats_changes)
    FROM post_targets t INDEXED BY post_targets_remote
    WHERE t.account_id = new.account_id AND t.remote_id = new.remote_id AND new.remote_id <> ''
        AND t.published_at IS NOT NULL
    ON CONFLICT (hour) DO UPDATE SET mark = excluded.mark;
END;

-- A reply counts on its day, and as a first response on the day its
-- conversation was opened.
CREATE TRIGGER stats_changes_wait_insert AFTER INSERT ON reply_waits BEGIN
    INSERT INTO stats_changes (hour, mark) VALUES (new.at / 3600000,
        (SELECT COALESCE(max(mark), 0) + 1 FROM stats_changes))
    ON CONFLICT (hour) DO UPDATE SET mark = excluded.mark;
END;

CREATE TRIGGER stats_changes_wait_update AFTER UPDATE OF since ON reply_waits
WHEN old.since IS NOT new.since BEGIN
    INSERT INTO stats_changes (hour, mark) VALUES (new.at / 3600000,
        (SELECT COALESCE(max(mark), 0) + 1 FROM stats_changes))
    ON CONFLICT (hour) DO UPDATE SET mark = excluded.mark;
    INSERT INTO stats_changes (hour, mark)
    SELECT s / 3600000, (SELECT COALESCE(max(mark), 0) + 1 FROM stats_changes)
    FROM (SELECT old.since AS s UNION SELECT new.since) WHERE s IS NOT NULL
    ON CONFLICT (hour) DO UPDATE SET mark = excluded.mark;
END;

CREATE TRIGGER stats_changes_thread AFTER UPDATE OF first_in, last_out ON threads
WHEN old.first_in IS NOT new.first_in OR old.last_out IS NOT new.last_out BEGIN
    INSERT INTO stats_changes (hour, mark)
    SELECT s / 3600000, (SELECT COALESCE(max(mark), 0) + 1 FROM stats_changes)
    FROM (SELECT old.first_in AS s UNION SELECT new.first_in) WHERE s IS NOT NULL
    ON CONFLICT (hour) DO UPDATE SET mark = excluded.mark;
END;

-- A published post counts on the hour it went out; its remote id decides
-- whether our wall post of that id counts as made outside Hearth.
CREATE TRIGGER stats_changes_target_insert AFTER INSERT ON post_targets
WHEN new.published_at IS NOT NULL BEGIN
    INSERT INTO stats_changes (hour, mark) VALUES (new.published_at / 3600000,
        (SELECT COALESCE(max(mark), 0) + 1 FROM stats_changes))
    ON CONFLICT (hour) DO UPDATE SET mark = excluded.mark;
END;

CREATE TRIGGER stats_changes_target_update AFTER UPDATE OF state, published_at, remote_id, account_id ON post_targets
WHEN old.state IS NOT new.state OR old.published_at IS NOT new.published_at OR old.remote_id IS NOT new.remote_id
    OR old.account_id IS NOT new.account_id BEGIN
    INSERT INTO stats_changes (hour, mark)
    SELECT s / 3600000, (SELECT COALESCE(max(mark), 0) + 1 FROM stats_changes)
    FROM (SELECT old.published_at AS s UNION SELECT new.published_at
        UNION SELECT created_at FROM items WHERE account_id = new.account_id AND remote_id = new.remote_id AND new.remote_id <> ''
        UNION SELECT created_at FROM items WHERE account_id = old.account_id AND remote_id = old.remote_id AND old.remote_id <> '')
    WHERE s IS NOT NULL
    ON CONFLICT (hour) DO UPDATE SET mark = excluded.mark;
END;

CREATE TRIGGER stats_changes_target_delete AFTER DELETE ON post_targets
WHEN old.published_at IS NOT NULL BEGIN
    INSERT INTO stats_changes (hour, mark) VALUES (old.published_at / 3600000,
        (SELECT COALESCE(max(mark), 0) + 1 FROM stats_changes))
    ON CONFLICT (hour) DO UPDATE SET mark = excluded.mark;
END;

-- Our wall posts of a period, read without visiting every reply.
CREATE INDEX items_our_posts ON items (created_at, account_id) WHERE outgoing = 1 AND kind = 'vk_post';

-- Joins and leaves of a period on every account.
CREATE INDEX membership_events_time ON membership_events (at, account_id, kind);

-- Members active in a past window (who wrote on which day, merged into
-- members) is a count of distinct members over a month of days: kept
-- once counted, with the mark it was counted at. The days and who they
-- belong to mark their hours (a day by its first hour, UTC): what the
-- member files write per day, and a merge or split of an identity
-- (every day it wrote).
CREATE TABLE stats_active (
    first_day INTEGER NOT NULL, -- unix days (UTC), both included
    last_day  INTEGER NOT NULL,
    channel   INTEGER NOT NULL, -- a channel bit, 0: every member
    mark      INTEGER NOT NULL,
    members   INTEGER NOT NULL,
    PRIMARY KEY (first_day, last_day, channel)
) WITHOUT ROWID;

CREATE TRIGGER stats_changes_days_insert AFTER INSERT ON identity_days BEGIN
    INSERT INTO stats_changes (hour, mark) VALUES (new.day * 24,
        (SELECT COALESCE(max(mark), 0) + 1 FROM stats_changes))
    ON CONFLICT (hour) DO UPDATE SET mark = excluded.mark;
END;

CREATE TRIGGER stats_changes_days_update AFTER UPDATE ON identity_days BEGIN
    INSERT INTO stats_changes (hour, mark)
    SELECT d * 24, (SELECT COALESCE(max(mark), 0) + 1 FROM stats_changes)
    FROM (SELECT old.day AS d UNION SELECT new.day) WHERE true
    ON CONFLICT (hour) DO UPDATE SET mark = excluded.mark;
END;

CREATE TRIGGER stats_changes_member_of AFTER UPDATE OF member_id ON member_identities
WHEN old.member_id <> new.member_id BEGIN
    INSERT INTO stats_changes (hour, mark)
    SELECT day * 24, (SELECT COALESCE(max(mark), 0) + 1 FROM stats_changes)
    FROM identity_days WHERE identity_id = new.identity_id
    ON CONFLICT (hour) DO UPDATE SET mark = excluded.mark;
END;

CREATE TRIGGER stats_changes_member_gone AFTER DELETE ON member_identities BEGIN
    INSERT INTO stats_changes (hour, mark)
    SELECT day * 24, (SELECT COALESCE(max(mark), 0) + 1 FROM stats_changes)
    FROM identity_days WHERE identity_id = old.identity_id
    ON CONFLICT (hour) DO UPDATE SET mark = excluded.mark;
END;
