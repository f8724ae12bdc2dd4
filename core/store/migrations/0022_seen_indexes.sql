-- Version 22: the read messages of a state, with or without an account, in
-- time order (a saved view such as `account:x -is:unread`). Without these
-- the list walked the (account, state, time) index and read every row's
-- seen flag: snoozed and spam messages are nearly all unread, so a page of
-- read ones cost about 100 CPU-ms at a million items. The query language
-- writes that condition as `i.seen = 1`, the form these partial indexes
-- are chosen by, mirroring the unseen ones.
CREATE INDEX items_seen_state_time ON items (state, created_at DESC, id DESC, deleted, vip, face) WHERE seen = 1;
CREATE INDEX items_seen_account_state_time ON items (account_id, state, created_at DESC, id DESC, deleted, vip, face)
    WHERE seen = 1;
