-- Version 14: what a channel answered to the upload of a post's picture,
-- per target: a retry of the post (after a failure at the save or post
-- step, or a crash) resumes from here and never uploads a picture twice.
-- upload is the integration's own record (a VK upload or saved photo, an
-- X media id); it is replaced as the steps go on.

CREATE TABLE post_uploads (
    target_id   INTEGER NOT NULL REFERENCES post_targets (id) ON DELETE CASCADE,
    path        TEXT    NOT NULL,
    upload      TEXT    NOT NULL CHECK (upload <> ''),
    uploaded_at INTEGER NOT NULL,
    PRIMARY KEY (target_id, path)
) WITHOUT ROWID;
