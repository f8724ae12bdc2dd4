-- Version 16: Rules (issue 10, item 4): a query and actions run in order at ingest on
-- every new or changed item, inside the transaction that writes the batch.
CREATE TABLE rules (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT    NOT NULL UNIQUE COLLATE NOCASE CHECK (name <> ''),
    query      TEXT    NOT NULL CHECK (query <> ''),
    actions    TEXT    NOT NULL CHECK (actions <> ''), -- as core.ParseRuleActions reads them
    stop       INTEGER NOT NULL DEFAULT 0 CHECK (stop IN (0, 1)),
    enabled    INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    auto_reply INTEGER NOT NULL DEFAULT 0 CHECK (auto_reply IN (0, 1)),
    position   INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);

-- What each rule did to each item, with what it replaced, so the item
-- says it and a person can undo it. A removed rule leaves its steps (named
-- as the rule was). author is the account and address an auto-reply went
-- to: at most one a day each.
CREATE TABLE rule_actions (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id   INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    rule_id   INTEGER REFERENCES rules (id) ON DELETE SET NULL,
    rule_name TEXT    NOT NULL,
    action    TEXT    NOT NULL,
    previous  TEXT    NOT NULL DEFAULT '',
    outcome   TEXT    NOT NULL DEFAULT '',
    outbox_id INTEGER,
    author    TEXT    NOT NULL DEFAULT '',
    at        INTEGER NOT NULL,
    undone_at INTEGER
);
CREATE INDEX rule_actions_item ON rule_actions (item_id);
CREATE INDEX rule_actions_rule ON rule_actions (rule_id);
CREATE INDEX rule_actions_reply ON rule_actions (author, at) WHERE author <> '';

-- Notifications rules asked for; the window shows each once.
CREATE TABLE notifications (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id   INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    rule_name TEXT    NOT NULL,
    at        INTEGER NOT NULL,
    shown_at  INTEGER
);
CREATE INDEX notifications_unshown ON notifications (id) WHERE shown_at IS NULL;
