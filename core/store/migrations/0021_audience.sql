-- The audience of each X and VK account over time (issue 11): the
-- channels give only today's follower or member count, so the sync reads
-- it (at most every few hours) and keeps the latest of each day here
-- (day: the civil date in the workspace's zone). A day without a row has
-- the count of the latest day before it.
CREATE TABLE audience_snapshots (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    day        TEXT    NOT NULL,
    taken_at   INTEGER NOT NULL,
    count      INTEGER NOT NULL,
    PRIMARY KEY (account_id, day)
) WITHOUT ROWID;
