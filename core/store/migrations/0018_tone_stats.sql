-- Version 18: the tone of the messages in, per account and UTC hour, for
-- the dashboard's tone KPIs (issue 11): how many messages in have a
-- sentiment (toned; spam and feed entries are not counted, as for the
-- volume), how many of them read negative (sentiment <= -0.05,
-- core.SentimentNegativeAt), the sum of their sentiments in thousandths,
-- how many are abusive (spam included: marking abuse as spam handles it)
-- and how many of those were handled (done, spam, hidden, deleted or found
-- fine in the moderation queue). Kept by triggers like the volume columns,
-- so a period sums hours, not items; a change of tone or of how an
-- abusive message was handled also marks its hour (migration 17), so the
-- kept day summaries of that day are read again.

ALTER TABLE stats_hours ADD COLUMN toned INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stats_hours ADD COLUMN negative INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stats_hours ADD COLUMN sentiment_milli INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stats_hours ADD COLUMN abusive INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stats_hours ADD COLUMN abusive_handled INTEGER NOT NULL DEFAULT 0;

-- The same expressions in every trigger (triggers have no functions); the
-- tone is usually written after the item (the engine's background pass),
-- so the update trigger carries most of the work.
CREATE TRIGGER stats_tone_insert AFTER INSERT ON items
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

CREATE TRIGGER stats_tone_delete AFTER DELETE ON items
WHEN (old.outgoing = 0 AND old.kind <> 'feed_item' AND old.state <> 'spam' AND old.sentiment IS NOT NULL) OR (old.outgoing = 0 AND old.kind <> 'feed_item' AND old.abusive IS 1) BEGIN
    UPDATE stats_hours SET toned = toned - (old.outgoing = 0 AND old.kind <> 'feed_item' AND old.state <> 'spam' AND old.sentiment IS NOT NULL),
        negative = negative - ((old.outgoing = 0 AND old.kind <> 'feed_item' AND old.state <> 'spam' AND old.sentiment IS NOT NULL) AND old.sentiment <= -0.05),
        sentiment_milli = sentiment_milli - (CASE WHEN (old.outgoing = 0 AND old.kind <> 'feed_item' AND old.state <> 'spam' AND old.sentiment IS NOT NULL) THEN CAST(round(old.sentiment * 1000) AS INTEGER) ELSE 0 END),
        abusive = abusive - (old.outgoing = 0 AND old.kind <> 'feed_item' AND old.abusive IS 1),
        abusive_handled = abusive_handled - ((old.outgoing = 0 AND old.kind <> 'feed_item' AND old.abusive IS 1) AND (old.state IN ('done', 'spam', 'hidden') OR old.deleted = 1 OR old.moderation_fine = 1))
    WHERE account_id = old.account_id AND hour = old.created_at / 3600000;
END;

CREATE TRIGGER stats_tone_update AFTER UPDATE OF account_id, created_at, outgoing, kind, state, sentiment, abusive, deleted, moderation_fine ON items
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

-- The tone of the items already analysed.
INSERT INTO stats_hours (account_id, hour, toned, negative, sentiment_milli, abusive, abusive_handled)
SELECT account_id, created_at / 3600000, sum((i.outgoing = 0 AND i.kind <> 'feed_item' AND i.state <> 'spam' AND i.sentiment IS NOT NULL)), sum(((i.outgoing = 0 AND i.kind <> 'feed_item' AND i.state <> 'spam' AND i.sentiment IS NOT NULL) AND i.sentiment <= -0.05)), sum((CASE WHEN (i.outgoing = 0 AND i.kind <> 'feed_item' AND i.state <> 'spam' AND i.sentiment IS NOT NULL) THEN CAST(round(i.sentiment * 1000) AS INTEGER) ELSE 0 END)), sum((i.outgoing = 0 AND i.kind <> 'feed_item' AND i.abusive IS 1)), sum(((i.outgoing = 0 AND i.kind <> 'feed_item' AND i.abusive IS 1) AND (i.state IN ('done', 'spam', 'hidden') OR i.deleted = 1 OR i.moderation_fine = 1)))
FROM items AS i WHERE (i.outgoing = 0 AND i.kind <> 'feed_item') AND (i.sentiment IS NOT NULL OR i.abusive IS 1)
GROUP BY account_id, created_at / 3600000
ON CONFLICT (account_id, hour) DO UPDATE SET toned = excluded.toned, negative = excluded.negative,
    sentiment_milli = excluded.sentiment_milli, abusive = excluded.abusive, abusive_handled = excluded.abusive_handled;

-- The kept day summaries have no tone: read every day again.
DELETE FROM stats_days;
