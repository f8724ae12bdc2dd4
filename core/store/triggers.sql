-- The workspace's triggers, as temp triggers (migration 24 took them out of
-- the stored schema). SQLite parses a database's whole stored schema on a
-- connection's first statement, and the 33 triggers were half of that parse
-- (4.1 ms with them, 2.05 ms without, docs/benchmarks.md) for a reader,
-- which never fires them. Here they cost only the writer, the one
-- connection that writes (core/store/triggers.go creates them on it when it
-- connects and in the migration that dropped them), and a reader's parse is
-- the tables and indexes alone.
--
-- Each is the latest definition the migrations gave it (0001, 0002, 0004,
-- 0008, 0012, 0013, 0017, 0018), unchanged but for TEMP, IF NOT EXISTS and
-- the table it is on, named in main: a temp trigger may be on a table of
-- another schema, and its body finds main's tables by their plain names
-- (there are no temp tables of those names). The order SQLite fires several
-- triggers of one event in is not defined; these commute, but for the
-- values of the stats_changes marks, whose meaning (a later change has a
-- greater mark) holds in any order.
--
-- Every write to these tables must go through a connection that has them:
-- the store's writer. A write from elsewhere (an sqlite3 shell) leaves the
-- counts, the stats, the change marks and the full-text indexes behind.
--
-- A later migration that changes one of these triggers changes it here (the
-- file is the current definitions), and each statement must hold on the
-- schema of every version from 24 on: migrate creates them after step 24.

CREATE TEMP TRIGGER IF NOT EXISTS items_fts_delete AFTER DELETE ON main.items BEGIN
    DELETE FROM items_fts WHERE rowid = old.fts_key;
END;

CREATE TEMP TRIGGER IF NOT EXISTS members_fts_insert AFTER INSERT ON main.members BEGIN
    INSERT INTO members_fts (rowid, search) VALUES (new.id, new.search);
END;

CREATE TEMP TRIGGER IF NOT EXISTS members_fts_delete AFTER DELETE ON main.members BEGIN
    INSERT INTO members_fts (members_fts, rowid, search) VALUES ('delete', old.id, old.search);
END;

CREATE TEMP TRIGGER IF NOT EXISTS members_fts_update AFTER UPDATE OF search ON main.members BEGIN
    INSERT INTO members_fts (members_fts, rowid, search) VALUES ('delete', old.id, old.search);
    INSERT INTO members_fts (rowid, search) VALUES (new.id, new.search);
END;

CREATE TEMP TRIGGER IF NOT EXISTS identities_member_dirty AFTER UPDATE ON main.identities BEGIN
    UPDATE members SET dirty = 1
    WHERE id = (SELECT member_id FROM member_identities WHERE identity_id = new.id) AND dirty = 0;
END;

CREATE TEMP TRIGGER IF NOT EXISTS stats_hours_insert AFTER INSERT ON main.items
WHEN new.outgoing = 1 OR (new.kind <> 'feed_item' AND new.state <> 'spam') BEGIN
    INSERT INTO stats_hours (account_id, hour, inbound, outgoing)
    VALUES (new.account_id, new.created_at / 3600000,
            new.outgoing = 0, new.outgoing = 1)
    ON CONFLICT (account_id, hour) DO UPDATE SET
        inbound = inbound + excluded.inbound, outgoing = outgoing + excluded.outgoing;
END;

CREATE TEMP TRIGGER IF NOT EXISTS stats_hours_delete AFTER DELETE ON main.items
WHEN old.outgoing = 1 OR (old.kind <> 'feed_item' AND old.state <> 'spam') BEGIN
    UPDATE stats_hours SET inbound = inbound - (old.outgoing = 0), outgoing = outgoing - (old.outgoing = 1)
    WHERE account_id = old.account_id AND hour = old.created_at / 3600000;
END;

CREATE TEMP TRIGGER IF NOT EXISTS stats_hours_update AFTER UPDATE OF account_id, created_at, outgoing, kind, state ON main.items
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

CREATE TEMP TRIGGER IF NOT EXISTS threads_flow_insert AFTER INSERT ON main.items BEGIN
    UPDATE threads SET
        first_in = CASE WHEN new.outgoing = 0 AND new.kind <> 'feed_item' AND new.state <> 'spam'
                        THEN min(COALESCE(first_in, new.created_at), new.created_at) ELSE first_in END,
        last_out = CASE WHEN new.outgoing = 1
                        THEN max(COALESCE(last_out, new.created_at), new.created_at) ELSE last_out END
    WHERE id = new.thread_id;
END;

CREATE TEMP TRIGGER IF NOT EXISTS threads_flow_update AFTER UPDATE OF thread_id, created_at, outgoing ON main.items BEGIN
    UPDATE threads SET
        first_in = CASE WHEN new.outgoing = 0 AND new.kind <> 'feed_item' AND new.state <> 'spam'
                        THEN min(COALESCE(first_in, new.created_at), new.created_at) ELSE first_in END,
        last_out = CASE WHEN new.outgoing = 1
                        THEN max(COALESCE(last_out, new.created_at), new.created_at) ELSE last_out END
    WHERE id = new.thread_id;
END;

CREATE TEMP TRIGGER IF NOT EXISTS reply_waits_insert AFTER INSERT ON main.items WHEN new.outgoing = 1 BEGIN
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

CREATE TEMP TRIGGER IF NOT EXISTS reply_waits_message AFTER INSERT ON main.items
WHEN new.outgoing = 0 AND new.kind <> 'feed_item' AND new.state <> 'spam' BEGIN
    UPDATE reply_waits SET since = min(COALESCE(since, new.created_at), new.created_at)
    WHERE reply_id = (SELECT o.id FROM items o INDEXED BY items_thread_flow
        WHERE o.thread_id = new.thread_id AND o.outgoing = 1
          AND (o.created_at > new.created_at OR (o.created_at = new.created_at AND o.id > new.id))
        ORDER BY o.created_at, o.id LIMIT 1);
END;

CREATE TEMP TRIGGER IF NOT EXISTS reply_waits_spam AFTER UPDATE OF state ON main.items
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

CREATE TEMP TRIGGER IF NOT EXISTS reply_waits_delete AFTER DELETE ON main.items BEGIN
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

CREATE TEMP TRIGGER IF NOT EXISTS items_count_insert AFTER INSERT ON main.items WHEN new.face = 1 BEGIN
    INSERT INTO item_counts (account_id, kind, state, total, unseen)
    VALUES (new.account_id, new.kind, new.state, 1, new.seen = 0 AND new.deleted = 0)
    ON CONFLICT (account_id, kind, state) DO UPDATE SET
        total = total + 1, unseen = unseen + excluded.unseen;
END;

CREATE TEMP TRIGGER IF NOT EXISTS items_count_delete AFTER DELETE ON main.items WHEN old.face = 1 BEGIN
    UPDATE item_counts SET total = total - 1, unseen = unseen - (old.seen = 0 AND old.deleted = 0)
    WHERE account_id = old.account_id AND kind = old.kind AND state = old.state;
END;

CREATE TEMP TRIGGER IF NOT EXISTS items_count_update AFTER UPDATE OF account_id, kind, state, seen, deleted, face ON main.items
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

CREATE TEMP TRIGGER IF NOT EXISTS stats_changes_item_insert AFTER INSERT ON main.items
WHEN new.outgoing = 1 OR new.kind <> 'feed_item' BEGIN
    INSERT INTO stats_changes (hour, mark) VALUES (new.created_at / 3600000,
        (SELECT COALESCE(max(mark), 0) + 1 FROM stats_changes))
    ON CONFLICT (hour) DO UPDATE SET mark = excluded.mark;
END;

CREATE TEMP TRIGGER IF NOT EXISTS stats_changes_item_delete AFTER DELETE ON main.items
WHEN old.outgoing = 1 OR old.kind <> 'feed_item' BEGIN
    INSERT INTO stats_changes (hour, mark) VALUES (old.created_at / 3600000,
        (SELECT COALESCE(max(mark), 0) + 1 FROM stats_changes))
    ON CONFLICT (hour) DO UPDATE SET mark = excluded.mark;
END;

CREATE TEMP TRIGGER IF NOT EXISTS stats_changes_item_update AFTER UPDATE OF account_id, thread_id, created_at, outgoing, kind, state, stats ON main.items
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

CREATE TEMP TRIGGER IF NOT EXISTS stats_changes_wait_insert AFTER INSERT ON main.reply_waits BEGIN
    INSERT INTO stats_changes (hour, mark) VALUES (new.at / 3600000,
        (SELECT COALESCE(max(mark), 0) + 1 FROM stats_changes))
    ON CONFLICT (hour) DO UPDATE SET mark = excluded.mark;
END;

CREATE TEMP TRIGGER IF NOT EXISTS stats_changes_wait_update AFTER UPDATE OF since ON main.reply_waits
WHEN old.since IS NOT new.since BEGIN
    INSERT INTO stats_changes (hour, mark) VALUES (new.at / 3600000,
        (SELECT COALESCE(max(mark), 0) + 1 FROM stats_changes))
    ON CONFLICT (hour) DO UPDATE SET mark = excluded.mark;
    INSERT INTO stats_changes (hour, mark)
    SELECT s / 3600000, (SELECT COALESCE(max(mark), 0) + 1 FROM stats_changes)
    FROM (SELECT old.since AS s UNION SELECT new.since) WHERE s IS NOT NULL
    ON CONFLICT (hour) DO UPDATE SET mark = excluded.mark;
END;

CREATE TEMP TRIGGER IF NOT EXISTS stats_changes_thread AFTER UPDATE OF first_in, last_out ON main.threads
WHEN old.first_in IS NOT new.first_in OR old.last_out IS NOT new.last_out BEGIN
    INSERT INTO stats_changes (hour, mark)
    SELECT s / 3600000, (SELECT COALESCE(max(mark), 0) + 1 FROM stats_changes)
    FROM (SELECT old.first_in AS s UNION SELECT new.first_in) WHERE s IS NOT NULL
    ON CONFLICT (hour) DO UPDATE SET mark = excluded.mark;
END;

CREATE TEMP TRIGGER IF NOT EXISTS stats_changes_target_insert AFTER INSERT ON main.post_targets
WHEN new.published_at IS NOT NULL BEGIN
    INSERT INTO stats_changes (hour, mark) VALUES (new.published_at / 3600000,
        (SELECT COALESCE(max(mark), 0) + 1 FROM stats_changes))
    ON CONFLICT (hour) DO UPDATE SET mark = excluded.mark;
END;

CREATE TEMP TRIGGER IF NOT EXISTS stats_changes_target_update AFTER UPDATE OF state, published_at, remote_id, account_id ON main.post_targets
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

CREATE TEMP TRIGGER IF NOT EXISTS stats_changes_target_delete AFTER DELETE ON main.post_targets
WHEN old.published_at IS NOT NULL BEGIN
    INSERT INTO stats_changes (hour, mark) VALUES (old.published_at / 3600000,
        (SELECT COALESCE(max(mark), 0) + 1 FROM stats_changes))
    ON CONFLICT (hour) DO UPDATE SET mark = excluded.mark;
END;

CREATE TEMP TRIGGER IF NOT EXISTS stats_changes_days_insert AFTER INSERT ON main.identity_days BEGIN
    INSERT INTO stats_changes (hour, mark) VALUES (new.day * 24,
        (SELECT COALESCE(max(mark), 0) + 1 FROM stats_changes))
    ON CONFLICT (hour) DO UPDATE SET mark = excluded.mark;
END;

CREATE TEMP TRIGGER IF NOT EXISTS stats_changes_days_update AFTER UPDATE ON main.identity_days BEGIN
    INSERT INTO stats_changes (hour, mark)
    SELECT d * 24, (SELECT COALESCE(max(mark), 0) + 1 FROM stats_changes)
    FROM (SELECT old.day AS d UNION SELECT new.day) WHERE true
    ON CONFLICT (hour) DO UPDATE SET mark = excluded.mark;
END;

CREATE TEMP TRIGGER IF NOT EXISTS stats_changes_member_of AFTER UPDATE OF member_id ON main.member_identities
WHEN old.member_id <> new.member_id BEGIN
    INSERT INTO stats_changes (hour, mark)
    SELECT day * 24, (SELECT COALESCE(max(mark), 0) + 1 FROM stats_changes)
    FROM identity_days WHERE identity_id = new.identity_id
    ON CONFLICT (hour) DO UPDATE SET mark = excluded.mark;
END;

CREATE TEMP TRIGGER IF NOT EXISTS stats_changes_member_gone AFTER DELETE ON main.member_identities BEGIN
    INSERT INTO stats_changes (hour, mark)
    SELECT day * 24, (SELECT COALESCE(max(mark), 0) + 1 FROM stats_changes)
    FROM identity_days WHERE identity_id = old.identity_id
    ON CONFLICT (hour) DO UPDATE SET mark = excluded.mark;
END;

CREATE TEMP TRIGGER IF NOT EXISTS stats_tone_insert AFTER INSERT ON main.items
WHEN (new.outgoing = 0 AND new.kind <> 'feed_item' AND new.state <> 'spam' AND new.sentiment IS NOT NULL) OR (new.outgoing = 0 AND new.kind <> 'feed_item' AND new.abusive IS 1) BEGIN
    INSERT INTO stats_hours (account_id, hour, toned, negative, sentiment_milli, abusive, abusive_handled)
    VALUES (new.account_id, new.created_at / 3600000,
        (new.outgoing = 0 AND new.kind <> 'feed_item' AND new.state <> 'spam' AND new.sentiment IS NOT NULL),
        ((new.outgoing = 0 AND new.kind <> 'feed_item' AND new.state <> 'spam' AND new.sentiment IS NOT NULL) AND new.sentiment <= -0.05),
        (CASE WHEN (new.outgoing = 0 AND new.kind <> 'feed_item' AND new.state <> 'spam' AND new.sentiment IS NOT NULL) THEN CAST(round(new.sentiment * 1000) AS INTEGER) ELSE 0 END),
        (new.outgoing = 0 AND new.kind <> 'feed_item' AND new.abusive IS 1),
        ((new.outgoing = 0 AND new.kind <> 'feed_item' AND new.abusive IS 1) AND (new.state IN ('done', 'spam', 'hidden') OR new.deleted = 1 OR new.moderation_fine = 1)))
    ON CONFLICT (account_id, hour) DO UPDATE SET toned = toned + excluded.toned, negative = negative + excluded.negative,
        sentiment_milli = sentiment_milli + excluded.sentiment_milli, abusive = abusive + excluded.abusive,
        abusive_handled = abusive_handled + excluded.abusive_handled;
END;

CREATE TEMP TRIGGER IF NOT EXISTS stats_tone_delete AFTER DELETE ON main.items
WHEN (old.outgoing = 0 AND old.kind <> 'feed_item' AND old.state <> 'spam' AND old.sentiment IS NOT NULL) OR (old.outgoing = 0 AND old.kind <> 'feed_item' AND old.abusive IS 1) BEGIN
    UPDATE stats_hours SET toned = toned - (old.outgoing = 0 AND old.kind <> 'feed_item' AND old.state <> 'spam' AND old.sentiment IS NOT NULL),
        negative = negative - ((old.outgoing = 0 AND old.kind <> 'feed_item' AND old.state <> 'spam' AND old.sentiment IS NOT NULL) AND old.sentiment <= -0.05),
        sentiment_milli = sentiment_milli - (CASE WHEN (old.outgoing = 0 AND old.kind <> 'feed_item' AND old.state <> 'spam' AND old.sentiment IS NOT NULL) THEN CAST(round(old.sentiment * 1000) AS INTEGER) ELSE 0 END),
        abusive = abusive - (old.outgoing = 0 AND old.kind <> 'feed_item' AND old.abusive IS 1),
        abusive_handled = abusive_handled - ((old.outgoing = 0 AND old.kind <> 'feed_item' AND old.abusive IS 1) AND (old.state IN ('done', 'spam', 'hidden') OR old.deleted = 1 OR old.moderation_fine = 1))
    WHERE account_id = old.account_id AND hour = old.created_at / 3600000;
END;

CREATE TEMP TRIGGER IF NOT EXISTS stats_tone_update AFTER UPDATE OF account_id, created_at, outgoing, kind, state, sentiment, abusive, deleted, moderation_fine ON main.items
WHEN ((old.outgoing = 0 AND old.kind <> 'feed_item' AND old.state <> 'spam' AND old.sentiment IS NOT NULL) OR (old.outgoing = 0 AND old.kind <> 'feed_item' AND old.abusive IS 1) OR (new.outgoing = 0 AND new.kind <> 'feed_item' AND new.state <> 'spam' AND new.sentiment IS NOT NULL) OR (new.outgoing = 0 AND new.kind <> 'feed_item' AND new.abusive IS 1))
    AND (old.account_id, old.created_at / 3600000, (old.outgoing = 0 AND old.kind <> 'feed_item' AND old.state <> 'spam' AND old.sentiment IS NOT NULL), ((old.outgoing = 0 AND old.kind <> 'feed_item' AND old.state <> 'spam' AND old.sentiment IS NOT NULL) AND old.sentiment <= -0.05), (CASE WHEN (old.outgoing = 0 AND old.kind <> 'feed_item' AND old.state <> 'spam' AND old.sentiment IS NOT NULL) THEN CAST(round(old.sentiment * 1000) AS INTEGER) ELSE 0 END), (old.outgoing = 0 AND old.kind <> 'feed_item' AND old.abusive IS 1), ((old.outgoing = 0 AND old.kind <> 'feed_item' AND old.abusive IS 1) AND (old.state IN ('done', 'spam', 'hidden') OR old.deleted = 1 OR old.moderation_fine = 1)))
        IS NOT (new.account_id, new.created_at / 3600000, (new.outgoing = 0 AND new.kind <> 'feed_item' AND new.state <> 'spam' AND new.sentiment IS NOT NULL), ((new.outgoing = 0 AND new.kind <> 'feed_item' AND new.state <> 'spam' AND new.sentiment IS NOT NULL) AND new.sentiment <= -0.05), (CASE WHEN (new.outgoing = 0 AND new.kind <> 'feed_item' AND new.state <> 'spam' AND new.sentiment IS NOT NULL) THEN CAST(round(new.sentiment * 1000) AS INTEGER) ELSE 0 END), (new.outgoing = 0 AND new.kind <> 'feed_item' AND new.abusive IS 1), ((new.outgoing = 0 AND new.kind <> 'feed_item' AND new.abusive IS 1) AND (new.state IN ('done', 'spam', 'hidden') OR new.deleted = 1 OR new.moderation_fine = 1))) BEGIN
    UPDATE stats_hours SET toned = toned - (old.outgoing = 0 AND old.kind <> 'feed_item' AND old.state <> 'spam' AND old.sentiment IS NOT NULL),
        negative = negative - ((old.outgoing = 0 AND old.kind <> 'feed_item' AND old.state <> 'spam' AND old.sentiment IS NOT NULL) AND old.sentiment <= -0.05),
        sentiment_milli = sentiment_milli - (CASE WHEN (old.outgoing = 0 AND old.kind <> 'feed_item' AND old.state <> 'spam' AND old.sentiment IS NOT NULL) THEN CAST(round(old.sentiment * 1000) AS INTEGER) ELSE 0 END),
        abusive = abusive - (old.outgoing = 0 AND old.kind <> 'feed_item' AND old.abusive IS 1),
        abusive_handled = abusive_handled - ((old.outgoing = 0 AND old.kind <> 'feed_item' AND old.abusive IS 1) AND (old.state IN ('done', 'spam', 'hidden') OR old.deleted = 1 OR old.moderation_fine = 1))
    WHERE account_id = old.account_id AND hour = old.created_at / 3600000;
    INSERT INTO stats_hours (account_id, hour, toned, negative, sentiment_milli, abusive, abusive_handled)
    VALUES (new.account_id, new.created_at / 3600000,
        (new.outgoing = 0 AND new.kind <> 'feed_item' AND new.state <> 'spam' AND new.sentiment IS NOT NULL),
        ((new.outgoing = 0 AND new.kind <> 'feed_item' AND new.state <> 'spam' AND new.sentiment IS NOT NULL) AND new.sentiment <= -0.05),
        (CASE WHEN (new.outgoing = 0 AND new.kind <> 'feed_item' AND new.state <> 'spam' AND new.sentiment IS NOT NULL) THEN CAST(round(new.sentiment * 1000) AS INTEGER) ELSE 0 END),
        (new.outgoing = 0 AND new.kind <> 'feed_item' AND new.abusive IS 1),
        ((new.outgoing = 0 AND new.kind <> 'feed_item' AND new.abusive IS 1) AND (new.state IN ('done', 'spam', 'hidden') OR new.deleted = 1 OR new.moderation_fine = 1)))
    ON CONFLICT (account_id, hour) DO UPDATE SET toned = toned + excluded.toned, negative = negative + excluded.negative,
        sentiment_milli = sentiment_milli + excluded.sentiment_milli, abusive = abusive + excluded.abusive,
        abusive_handled = abusive_handled + excluded.abusive_handled;
    INSERT INTO stats_changes (hour, mark) VALUES (old.created_at / 3600000,
        (SELECT COALESCE(max(mark), 0) + 1 FROM stats_changes))
    ON CONFLICT (hour) DO UPDATE SET mark = excluded.mark;
    INSERT INTO stats_changes (hour, mark) VALUES (new.created_at / 3600000,
        (SELECT COALESCE(max(mark), 0) + 1 FROM stats_changes))
    ON CONFLICT (hour) DO UPDATE SET mark = excluded.mark;
END;

