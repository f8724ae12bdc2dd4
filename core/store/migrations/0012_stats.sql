-- Version 12: the dashboard (issue 11). What a period's numbers need,
-- kept so that a quarter on a million items is read from a few thousand
-- rows rather than from every item:
--   - stats_hours: per account and UTC hour, the items written by others
--     (not ours, not feed entries, not spam) and ours; kept by triggers,
--     as item_counts is. An hour is the unit because the dashboard's days
--     and its day x hour heatmap are in the workspace's zone, which a
--     person may change: UTC hours regroup into any zone of whole hours.
--   - threads.first_in / last_out: when a conversation was opened by
--     someone else and when we last wrote in it, kept by triggers, so that
--     "threads answered" is a range of one index. Spam as it arrives and
--     feed entries open nothing.
--   - stats_snapshots and member_quadrants: the daily history of what
--     items cannot tell afterwards (member totals, cohorts, quadrants).

CREATE TABLE stats_hours (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    hour       INTEGER NOT NULL, -- unix hour (UTC): created_at / 3600000
    inbound    INTEGER NOT NULL DEFAULT 0,
    outgoing   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, hour)
) WITHOUT ROWID;
CREATE INDEX stats_hours_hour ON stats_hours (hour, account_id, inbound, outgoing);

CREATE TRIGGER stats_hours_insert AFTER INSERT ON items
WHEN new.outgoing = 1 OR (new.kind <> 'feed_item' AND new.state <> 'spam') BEGIN
    INSERT INTO stats_hours (account_id, hour, inbound, outgoing)
    VALUES (new.account_id, new.created_at / 3600000,
            new.outgoing = 0, new.outgoing = 1)
    ON CONFLICT (account_id, hour) DO UPDATE SET
        inbound = inbound + excluded.inbound, outgoing = outgoing + excluded.outgoing;
END;

CREATE TRIGGER stats_hours_delete AFTER DELETE ON items
WHEN old.outgoing = 1 OR (old.kind <> 'feed_item' AND old.state <> 'spam') BEGIN
    UPDATE stats_hours SET inbound = inbound - (old.outgoing = 0), outgoing = outgoing - (old.outgoing = 1)
    WHERE account_id = old.account_id AND hour = old.created_at / 3600000;
END;

CREATE TRIGGER stats_hours_update AFTER UPDATE OF account_id, created_at, outgoing, kind, state ON items
WHEN old.account_id <> new.account_id OR old.created_at / 3600000 <> new.created_at / 3600000
    OR old.outgoing <> new.outgoing
    OR (old.kind = 'feed_item' OR old.state = 'spam') <> (new.kind = 'feed_item' OR new.state = 'spam') BEGIN
    UPDATE stats_hours SET
        inbound = inbound - (old.outgoing = 0 AND old.kind <> 'feed_item' AND old.state <> 'spam'),
        outgoing = outgoing - (old.outgoing = 1)
    WHERE account_id = old.account_id AND hour = old.created_at / 3600000;
    INSERT INTO stats_hours (account_id, hour, inbound, outgoing)
    VALUES (new.account_id, new.created_at / 3600000,
            new.outgoing = 0 AND new.kind <> 'feed_item' AND new.state <> 'spam', new.outgoing = 1)
    ON CONFLICT (account_id, hour) DO UPDATE SET
        inbound = inbound + excluded.inbound, outgoing = outgoing + excluded.outgoing;
END;

INSERT INTO stats_hours (account_id, hour, inbound, outgoing)
SELECT account_id, created_at / 3600000,
       sum(outgoing = 0 AND kind <> 'feed_item' AND state <> 'spam'), sum(outgoing = 1)
FROM items GROUP BY account_id, created_at / 3600000;

-- A conversation's first message from someone else and our latest one.
-- An item deleted from the workspace leaves them as they were: a thread
-- once opened stays opened.
ALTER TABLE threads ADD COLUMN first_in INTEGER;
ALTER TABLE threads ADD COLUMN last_out INTEGER;

CREATE TRIGGER threads_flow_insert AFTER INSERT ON items BEGIN
    UPDATE threads SET
        first_in = CASE WHEN new.outgoing = 0 AND new.kind <> 'feed_item' AND new.state <> 'spam'
                        THEN min(COALESCE(first_in, new.created_at), new.created_at) ELSE first_in END,
        last_out = CASE WHEN new.outgoing = 1
                        THEN max(COALESCE(last_out, new.created_at), new.created_at) ELSE last_out END
    WHERE id = new.thread_id;
END;

CREATE TRIGGER threads_flow_update AFTER UPDATE OF thread_id, created_at, outgoing ON items BEGIN
    UPDATE threads SET
        first_in = CASE WHEN new.outgoing = 0 AND new.kind <> 'feed_item' AND new.state <> 'spam'
                        THEN min(COALESCE(first_in, new.created_at), new.created_at) ELSE first_in END,
        last_out = CASE WHEN new.outgoing = 1
                        THEN max(COALESCE(last_out, new.created_at), new.created_at) ELSE last_out END
    WHERE id = new.thread_id;
END;

UPDATE threads SET
    first_in = (SELECT min(created_at) FROM items
                WHERE thread_id = threads.id AND outgoing = 0 AND kind <> 'feed_item' AND state <> 'spam'),
    last_out = (SELECT max(created_at) FROM items WHERE thread_id = threads.id AND outgoing = 1);

CREATE INDEX threads_first_in ON threads (first_in, account_id, last_out) WHERE first_in IS NOT NULL;

-- Our wall posts of a period (engagement of posts made outside Hearth).
CREATE INDEX items_replies_time ON items (created_at, thread_id, account_id) WHERE outgoing = 1;
CREATE INDEX items_thread_flow ON items (thread_id, created_at, id, outgoing, kind, state);

-- Each reply of ours and the message it answered: the oldest message from
-- someone else (not spam, not a feed entry) after our previous reply in
-- the conversation; NULL when it answers nothing new (a second reply in
-- a row). Kept by the triggers below as messages arrive in any order: a
-- new reply splits the wait of the next one, a late message joins the
-- wait of the reply after it; marking a message spam or deleting it
-- recomputes that reply. Moving a message to another time or
-- conversation (which no sync does) is not followed.
CREATE TABLE reply_waits (
    reply_id   INTEGER PRIMARY KEY REFERENCES items (id) ON DELETE CASCADE,
    thread_id  INTEGER NOT NULL,
    account_id INTEGER NOT NULL,
    at         INTEGER NOT NULL,
    since      INTEGER
);
CREATE INDEX reply_waits_at ON reply_waits (at, account_id, since, thread_id);
CREATE INDEX reply_waits_thread ON reply_waits (thread_id, since, at, account_id);

-- The wait of reply w: the earliest message from someone else before it
-- and after the reply before it (found walking back from w); the same
-- text in each trigger below, as triggers have no functions. Each costs
-- the length of one wait, not of the conversation.
CREATE TRIGGER reply_waits_insert AFTER INSERT ON items WHEN new.outgoing = 1 BEGIN
    INSERT INTO reply_waits (reply_id, thread_id, account_id, at) VALUES (new.id, new.thread_id, new.account_id, new.created_at);
    UPDATE reply_waits AS w SET since = (
        SELECT min(i.created_at) FROM items i INDEXED BY items_thread_flow
        WHERE i.thread_id = w.thread_id AND i.outgoing = 0 AND i.kind <> 'feed_item' AND i.state <> 'spam'
          AND (i.created_at < w.at OR (i.created_at = w.at AND i.id < w.reply_id))
          AND (i.created_at, i.id) > (
              SELECT COALESCE(max(at), -1), COALESCE(max(id), -1) FROM (
                  SELECT o.created_at AS at, o.id FROM items o INDEXED BY items_thread_flow
                  WHERE o.thread_id = w.thread_id AND o.outgoing = 1
                    AND (o.created_at < w.at OR (o.created_at = w.at AND o.id < w.reply_id))
                  ORDER BY o.created_at DESC, o.id DESC LIMIT 1)))
    WHERE w.reply_id IN (new.id, (SELECT o.id FROM items o INDEXED BY items_thread_flow
        WHERE o.thread_id = new.thread_id AND o.outgoing = 1
          AND (o.created_at > new.created_at OR (o.created_at = new.created_at AND o.id > new.id))
        ORDER BY o.created_at, o.id LIMIT 1));
END;

CREATE TRIGGER reply_waits_message AFTER INSERT ON items
WHEN new.outgoing = 0 AND new.kind <> 'feed_item' AND new.state <> 'spam' BEGIN
    UPDATE reply_waits SET since = min(COALESCE(since, new.created_at), new.created_at)
    WHERE reply_id = (SELECT o.id FROM items o INDEXED BY items_thread_flow
        WHERE o.thread_id = new.thread_id AND o.outgoing = 1
          AND (o.created_at > new.created_at OR (o.created_at = new.created_at AND o.id > new.id))
        ORDER BY o.created_at, o.id LIMIT 1);
END;

CREATE TRIGGER reply_waits_spam AFTER UPDATE OF state ON items
WHEN new.outgoing = 0 AND (old.state = 'spam') <> (new.state = 'spam') BEGIN
    UPDATE reply_waits AS w SET since = (
        SELECT min(i.created_at) FROM items i INDEXED BY items_thread_flow
        WHERE i.thread_id = w.thread_id AND i.outgoing = 0 AND i.kind <> 'feed_item' AND i.state <> 'spam'
          AND (i.created_at < w.at OR (i.created_at = w.at AND i.id < w.reply_id))
          AND (i.created_at, i.id) > (
              SELECT COALESCE(max(at), -1), COALESCE(max(id), -1) FROM (
                  SELECT o.created_at AS at, o.id FROM items o INDEXED BY items_thread_flow
                  WHERE o.thread_id = w.thread_id AND o.outgoing = 1
                    AND (o.created_at < w.at OR (o.created_at = w.at AND o.id < w.reply_id))
                  ORDER BY o.created_at DESC, o.id DESC LIMIT 1)))
    WHERE w.reply_id = (SELECT o.id FROM items o INDEXED BY items_thread_flow
        WHERE o.thread_id = new.thread_id AND o.outgoing = 1
          AND (o.created_at > new.created_at OR (o.created_at = new.created_at AND o.id > new.id))
        ORDER BY o.created_at, o.id LIMIT 1);
END;

CREATE TRIGGER reply_waits_delete AFTER DELETE ON items BEGIN
    UPDATE reply_waits AS w SET since = (
        SELECT min(i.created_at) FROM items i INDEXED BY items_thread_flow
        WHERE i.thread_id = w.thread_id AND i.outgoing = 0 AND i.kind <> 'feed_item' AND i.state <> 'spam'
          AND (i.created_at < w.at OR (i.created_at = w.at AND i.id < w.reply_id))
          AND (i.created_at, i.id) > (
              SELECT COALESCE(max(at), -1), COALESCE(max(id), -1) FROM (
                  SELECT o.created_at AS at, o.id FROM items o INDEXED BY items_thread_flow
                  WHERE o.thread_id = w.thread_id AND o.outgoing = 1
                    AND (o.created_at < w.at OR (o.created_at = w.at AND o.id < w.reply_id))
                  ORDER BY o.created_at DESC, o.id DESC LIMIT 1)))
    WHERE w.reply_id = (SELECT o.id FROM items o INDEXED BY items_thread_flow
        WHERE o.thread_id = old.thread_id AND o.outgoing = 1
          AND (o.created_at > old.created_at OR (o.created_at = old.created_at AND o.id > old.id))
        ORDER BY o.created_at, o.id LIMIT 1);
END;

-- The replies stored so far, with the same rule in one pass: messages
-- numbered by how many of our replies precede them share that number
-- with the reply that answers them.
INSERT INTO reply_waits (reply_id, thread_id, account_id, at, since)
SELECT reply, thread_id, account_id, at, since FROM (
    SELECT thread_id, max(account_id) AS account_id,
        max(CASE WHEN outgoing = 1 THEN id END) AS reply,
        max(CASE WHEN outgoing = 1 THEN created_at END) AS at,
        min(CASE WHEN outgoing = 0 THEN created_at END) AS since
    FROM (SELECT id, thread_id, account_id, created_at, outgoing,
            COALESCE(sum(outgoing) OVER (PARTITION BY thread_id ORDER BY created_at, id
                ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS seg
          FROM items WHERE outgoing = 1 OR (kind <> 'feed_item' AND state <> 'spam'))
    GROUP BY thread_id, seg)
WHERE reply IS NOT NULL;

-- The dashboard's "active members" count, for any past window: who wrote
-- on which day.
CREATE INDEX identity_days_day ON identity_days (day, identity_id);

-- A day's numbers, taken once per day (day: the civil date in the
-- workspace's zone). channel 0 is every member, else a channel bit of
-- members.channels (1 e-mail, 2 VK, 4 X).
CREATE TABLE stats_snapshots (
    day       TEXT    NOT NULL,
    channel   INTEGER NOT NULL,
    taken_at  INTEGER NOT NULL,
    total     INTEGER NOT NULL,
    active    INTEGER NOT NULL, -- wrote within the activity window
    cohorts   TEXT    NOT NULL, -- JSON {cohort: members}
    quadrants TEXT    NOT NULL, -- JSON {quadrant: members}
    PRIMARY KEY (day, channel)
) WITHOUT ROWID;

-- Each member's quadrant, recorded on the days it changed: the quadrant
-- on a day is the latest row on or before it.
CREATE TABLE member_quadrants (
    member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    day       TEXT    NOT NULL,
    quadrant  TEXT    NOT NULL,
    PRIMARY KEY (member_id, day)
) WITHOUT ROWID;
CREATE INDEX member_quadrants_day ON member_quadrants (day, member_id);

-- Engagement per post: published targets of a period, and our wall posts
-- matched to the target that made them.
CREATE INDEX post_targets_published ON post_targets (published_at) WHERE state = 'published';
CREATE INDEX post_targets_remote ON post_targets (account_id, remote_id);
