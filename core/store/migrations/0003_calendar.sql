-- Version 3: the content calendar. A post is placed at a UTC instant and
-- keeps the IANA zone it was scheduled in; a recurring post keeps its
-- anchor wall time in its recurrence. Each channel of a post is a target
-- with its own state and idempotency key.

CREATE TABLE campaigns (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    name     TEXT    NOT NULL CHECK (name <> ''),
    goal     TEXT    NOT NULL DEFAULT '',
    start_on TEXT    NOT NULL,                -- civil date, 2006-01-02
    end_on   TEXT    NOT NULL,                -- inclusive
    notes    TEXT    NOT NULL DEFAULT '',
    CHECK (end_on >= start_on)
);

CREATE TABLE posts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    text        TEXT    NOT NULL DEFAULT '',
    media       TEXT,                          -- JSON array of file paths
    agenda      TEXT    NOT NULL DEFAULT '' CHECK (agenda IN ('', 'project', 'news', 'life')),
    tags        TEXT,                          -- JSON array
    campaign_id INTEGER REFERENCES campaigns (id) ON DELETE SET NULL,
    notes       TEXT    NOT NULL DEFAULT '',
    at          INTEGER,                       -- NULL: not placed on the calendar
    zone        TEXT    NOT NULL DEFAULT 'UTC',
    recurrence  TEXT,                          -- JSON core.Recurrence; NULL: once
    series_id   INTEGER,                       -- id of the series' first occurrence
    occurrence  INTEGER NOT NULL DEFAULT 0,
    skipped     INTEGER NOT NULL DEFAULT 0 CHECK (skipped IN (0, 1)), -- an occurrence passed over
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    -- Each occurrence of a series exists once, however often it is created.
    UNIQUE (series_id, occurrence)
);
CREATE INDEX posts_at ON posts (at) WHERE at IS NOT NULL;

CREATE TABLE post_targets (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    post_id      INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    account_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    text         TEXT    NOT NULL DEFAULT '',  -- the channel's variant; '' is the post's text
    state        TEXT    NOT NULL DEFAULT 'draft' CHECK (state IN
                 ('draft', 'scheduled', 'publishing', 'published', 'failed', 'unconfirmed', 'held')),
    idem_key     TEXT    NOT NULL UNIQUE CHECK (idem_key <> ''),
    attempts     INTEGER NOT NULL DEFAULT 0,
    since        INTEGER,                      -- first attempt
    retry_at     INTEGER,                      -- not before (rate limits)
    late_ok      INTEGER NOT NULL DEFAULT 0 CHECK (late_ok IN (0, 1)),
    remote_id    TEXT    NOT NULL DEFAULT '',
    url          TEXT    NOT NULL DEFAULT '',
    published_at INTEGER,
    error        TEXT    NOT NULL DEFAULT '',
    updated_at   INTEGER NOT NULL,
    UNIQUE (post_id, account_id)
);
CREATE INDEX post_targets_open ON post_targets (state)
    WHERE state IN ('scheduled', 'publishing', 'unconfirmed');

CREATE TABLE meetups (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    title       TEXT    NOT NULL CHECK (title <> ''),
    place       TEXT    NOT NULL DEFAULT '',
    start_at    INTEGER NOT NULL,
    end_at      INTEGER NOT NULL,
    zone        TEXT    NOT NULL DEFAULT 'UTC',
    campaign_id INTEGER REFERENCES campaigns (id) ON DELETE SET NULL,
    notes       TEXT    NOT NULL DEFAULT '',
    attendees   TEXT,                          -- JSON [{member_id, name}]
    CHECK (end_at >= start_at)
);
CREATE INDEX meetups_start ON meetups (start_at);
