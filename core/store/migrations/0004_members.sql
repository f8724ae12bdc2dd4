-- Version 4: member files. A member groups identities (one per channel
-- address); every new identity gets a member of its own at once, by the
-- trigger below, and only a person merges members.
--
-- What is derived from items is kept by a catch-up step in Go
-- (store.CatchUpMembers) rather than by triggers on items: a trigger would
-- tax every item insert of every sync, the sentiment lexicon lives in Go,
-- and the catch-up reads each item once, in bulk, after its batch.

CREATE TABLE members (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    name           TEXT    NOT NULL DEFAULT '',
    photo_url      TEXT    NOT NULL DEFAULT '',
    location       TEXT    NOT NULL DEFAULT '',
    language       TEXT    NOT NULL DEFAULT '',
    bio            TEXT    NOT NULL DEFAULT '',
    -- Derived from the identities by the catch-up when dirty is set.
    followers      INTEGER NOT NULL DEFAULT -1,
    channels       INTEGER NOT NULL DEFAULT 0,  -- bits: 1 email, 2 vk, 4 x
    search         TEXT    NOT NULL DEFAULT '', -- folded name, addresses, handles
    joined_at      INTEGER,
    first_seen     INTEGER NOT NULL,
    last_seen      INTEGER,
    last_contacted INTEGER,
    activity       REAL    NOT NULL DEFAULT 0,
    loyalty        REAL    NOT NULL DEFAULT 0,
    quadrant       TEXT    NOT NULL DEFAULT 'passer_by',
    scored_day     INTEGER NOT NULL DEFAULT 0,  -- unix day the scores were computed on
    dirty          INTEGER NOT NULL DEFAULT 1,
    created_at     INTEGER NOT NULL
);
CREATE INDEX members_dirty ON members (id) WHERE dirty = 1;
CREATE INDEX members_stale ON members (scored_day);
-- The sorts of the members table. Each also carries the columns of the
-- quadrant, channel and cohort filters, so that a page walks one index in
-- order, tests the filters on its entries and stops at the page's end
-- without reading a row it does not show.
CREATE INDEX members_activity ON members (activity DESC, id, quadrant, channels, first_seen, last_seen);
CREATE INDEX members_loyalty ON members (loyalty DESC, id, quadrant, channels, first_seen, last_seen);
CREATE INDEX members_followers ON members (followers DESC, id, quadrant, channels, first_seen, last_seen);
CREATE INDEX members_last_seen ON members (last_seen DESC, id, quadrant, channels, first_seen);
CREATE INDEX members_first_seen ON members (first_seen DESC, id, quadrant, channels, last_seen);
CREATE INDEX members_name ON members (name COLLATE NOCASE, id, quadrant, channels, first_seen, last_seen);
-- Counts: per quadrant and channel, and per cohort as ranges of the last
-- sign of life (the cohorts move with the clock, their bounds are times).
CREATE INDEX members_segments ON members (quadrant, channels, first_seen, last_seen);
CREATE INDEX members_last_active ON members (COALESCE(last_seen, first_seen), first_seen, last_seen, quadrant, channels);
-- A search too short for trigrams reads every search text: here rather
-- than in the wide rows.
CREATE INDEX members_search ON members (search);

-- The search box matches any part of members.search (folded name,
-- addresses, handles): trigrams find those substrings without a scan.
-- Kept in step with members by the triggers below.
CREATE VIRTUAL TABLE members_fts USING fts5 (
    search, content = 'members', content_rowid = 'id', tokenize = 'trigram case_sensitive 1'
);
CREATE TRIGGER members_fts_insert AFTER INSERT ON members BEGIN
    INSERT INTO members_fts (rowid, search) VALUES (new.id, new.search);
END;
CREATE TRIGGER members_fts_delete AFTER DELETE ON members BEGIN
    INSERT INTO members_fts (members_fts, rowid, search) VALUES ('delete', old.id, old.search);
END;
CREATE TRIGGER members_fts_update AFTER UPDATE OF search ON members BEGIN
    INSERT INTO members_fts (members_fts, rowid, search) VALUES ('delete', old.id, old.search);
    INSERT INTO members_fts (rowid, search) VALUES (new.id, new.search);
END;

CREATE TABLE member_identities (
    identity_id INTEGER PRIMARY KEY REFERENCES identities (id) ON DELETE CASCADE,
    member_id   INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE
);
CREATE INDEX member_identities_member ON member_identities (member_id);

CREATE TABLE member_tags (
    member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    tag_id    INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (member_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX member_tags_tag ON member_tags (tag_id, member_id);

CREATE TABLE member_notes (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    text      TEXT    NOT NULL CHECK (text <> ''),
    at        INTEGER NOT NULL
);
CREATE INDEX member_notes_member ON member_notes (member_id, at);

CREATE TABLE member_interests (
    member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    topic     TEXT    NOT NULL COLLATE NOCASE CHECK (topic <> ''),
    PRIMARY KEY (member_id, topic)
) WITHOUT ROWID;
CREATE INDEX member_interests_topic ON member_interests (topic, member_id);

CREATE TABLE member_expertise (
    member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    topic     TEXT    NOT NULL COLLATE NOCASE CHECK (topic <> ''),
    level     INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    PRIMARY KEY (member_id, topic)
) WITHOUT ROWID;
CREATE INDEX member_expertise_topic ON member_expertise (topic, member_id);

-- Rituals done: who was welcomed or checked in on, and when.
CREATE TABLE member_rituals (
    member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    ritual    TEXT    NOT NULL CHECK (ritual IN ('welcome', 'checkin')),
    at        INTEGER NOT NULL,
    PRIMARY KEY (member_id, ritual, at)
) WITHOUT ROWID;

-- A person's answer to a merge suggestion, by identity pair (a < b):
-- members come and go with merges, identities stay.
CREATE TABLE merge_decisions (
    identity_a INTEGER NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
    identity_b INTEGER NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
    accepted   INTEGER NOT NULL CHECK (accepted IN (0, 1)),
    at         INTEGER NOT NULL,
    PRIMARY KEY (identity_a, identity_b),
    CHECK (identity_a < identity_b)
) WITHOUT ROWID;
CREATE INDEX merge_decisions_b ON merge_decisions (identity_b);

-- What an identity wrote per day, by weight class and sentiment: the
-- scores sum a window of these, and merges and splits need no recount.
CREATE TABLE identity_days (
    identity_id INTEGER NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
    day         INTEGER NOT NULL, -- unix day (UTC)
    posts       INTEGER NOT NULL DEFAULT 0,
    comments    INTEGER NOT NULL DEFAULT 0,
    messages    INTEGER NOT NULL DEFAULT 0,
    positive    INTEGER NOT NULL DEFAULT 0,
    negative    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (identity_id, day)
) WITHOUT ROWID;

-- Replies and messages we sent, by recipient identity: the timeline's
-- outgoing half and "not written to in 30 days".
CREATE TABLE item_recipients (
    identity_id INTEGER NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
    at          INTEGER NOT NULL,
    item_id     INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    PRIMARY KEY (identity_id, at, item_id)
) WITHOUT ROWID;
CREATE INDEX item_recipients_item ON item_recipients (item_id);

-- A member's timeline reads each identity's items newest first.
DROP INDEX items_author;
CREATE INDEX items_author_time ON items (author_identity_id, created_at);

-- Identities already stored get a member each, with the same id.
INSERT INTO members (id, name, photo_url, location, language, bio, first_seen, created_at)
SELECT id, name, photo_url, location, language, bio,
       COALESCE(joined_at, CAST(unixepoch('subsec') * 1000 AS INTEGER)),
       CAST(unixepoch('subsec') * 1000 AS INTEGER)
FROM identities WHERE kind <> 'feed';
INSERT INTO member_identities (identity_id, member_id)
SELECT id, id FROM identities WHERE kind <> 'feed';

-- A new identity is a new member; last_insert_rowid() inside a trigger is
-- the row the trigger itself inserted.
CREATE TRIGGER identities_new_member AFTER INSERT ON identities WHEN new.kind <> 'feed' BEGIN
    INSERT INTO members (name, photo_url, location, language, bio, first_seen, created_at)
    VALUES (new.name, new.photo_url, new.location, new.language, new.bio,
            COALESCE(new.joined_at, CAST(unixepoch('subsec') * 1000 AS INTEGER)),
            CAST(unixepoch('subsec') * 1000 AS INTEGER));
    INSERT INTO member_identities (identity_id, member_id) VALUES (new.id, last_insert_rowid());
END;

-- A changed profile is folded into its member by the next catch-up.
CREATE TRIGGER identities_member_dirty AFTER UPDATE ON identities BEGIN
    UPDATE members SET dirty = 1
    WHERE id = (SELECT member_id FROM member_identities WHERE identity_id = new.id) AND dirty = 0;
END;
