-- Version 19: what a channel answered to the upload of a reply's picture
-- (a VK comment's photo, an X reply's media), per outbox entry, as
-- post_uploads keeps a post's: a retry of the reply resumes from here and
-- never uploads a picture twice.

CREATE TABLE outbox_uploads (
    outbox_id   INTEGER NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
    path        TEXT    NOT NULL,
    upload      TEXT    NOT NULL CHECK (upload <> ''),
    uploaded_at INTEGER NOT NULL,
    PRIMARY KEY (outbox_id, path)
) WITHOUT ROWID;
