-- Version 23: the triage lists take the snoozed conversations whose time
-- has come. The (account, state, time) indexes lack snooze_until, so each
-- snoozed entry a page walked cost a read of its item's row: about a fifth
-- of the default view's page at a million items. These partial indexes of
-- the snoozed items carry it, with the columns the lists filter on; the
-- lists name them (INDEXED BY) with the literal condition state = 'snoozed'.
CREATE INDEX items_snoozed_time ON items (created_at DESC, id DESC, snooze_until, deleted, vip, face, seen)
    WHERE state = 'snoozed';
CREATE INDEX items_snoozed_account_time ON items (account_id, created_at DESC, id DESC, snooze_until, deleted, vip, face, seen)
    WHERE state = 'snoozed';
