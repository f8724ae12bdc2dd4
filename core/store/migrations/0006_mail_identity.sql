-- Version 6: a mail message is identified by where it is (folder,
-- UIDVALIDITY, UID), not by its Message-Id alone. Mailers that reuse one
-- Message-Id for different messages lost all but the first before: the
-- content hash tells a different message (kept as another item) from an
-- identical copy (shown once), and item_locations records every place an
-- item is seen, so that one expunged from all of them is marked deleted.

ALTER TABLE items ADD COLUMN content_hash TEXT NOT NULL DEFAULT '';

CREATE TABLE item_locations (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    scope      TEXT    NOT NULL,
    location   TEXT    NOT NULL,
    item_id    INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    PRIMARY KEY (account_id, location)
) WITHOUT ROWID;
CREATE INDEX item_locations_scope ON item_locations (account_id, scope);
CREATE INDEX item_locations_item ON item_locations (item_id);

-- The places known so far: an IMAP location is "uidvalidity:uid:folder",
-- its scope the folder. UID 0 means a move whose UID was not learnt.
INSERT OR IGNORE INTO item_locations (account_id, scope, location, item_id)
SELECT i.account_id,
       substr(substr(i.location, instr(i.location, ':') + 1),
              instr(substr(i.location, instr(i.location, ':') + 1), ':') + 1),
       i.location, i.id
FROM items i JOIN accounts a ON a.id = i.account_id
WHERE a.kind = 'imap' AND i.location <> '' AND i.outgoing = 0
  AND substr(i.location, instr(i.location, ':') + 1) NOT LIKE '0:%';

-- Every folder is read again once, so that the messages dropped for their
-- reused Message-Id come back; stored ones are recognised, not duplicated.
DELETE FROM sync_cursors
WHERE key LIKE 'folder:%' AND account_id IN (SELECT id FROM accounts WHERE kind = 'imap');
