-- Version 24: the triggers leave the stored schema. SQLite parses the whole
-- schema on each connection's first statement; the 33 triggers were about
-- half of that for a reader, which never fires them (hearth search paid
-- about 2 ms a run). They live on as temp triggers of the writer connection,
-- created from core/store/triggers.sql when it connects and, for this step,
-- in the same transaction, right after these drops (core/store/triggers.go):
-- every write goes through that connection, so the counts, stats, change
-- marks and full-text indexes they keep stay right.
DROP TRIGGER IF EXISTS items_fts_delete;
DROP TRIGGER IF EXISTS members_fts_insert;
DROP TRIGGER IF EXISTS members_fts_delete;
DROP TRIGGER IF EXISTS members_fts_update;
DROP TRIGGER IF EXISTS identities_member_dirty;
DROP TRIGGER IF EXISTS stats_hours_insert;
DROP TRIGGER IF EXISTS stats_hours_delete;
DROP TRIGGER IF EXISTS stats_hours_update;
DROP TRIGGER IF EXISTS threads_flow_insert;
DROP TRIGGER IF EXISTS threads_flow_update;
DROP TRIGGER IF EXISTS reply_waits_insert;
DROP TRIGGER IF EXISTS reply_waits_message;
DROP TRIGGER IF EXISTS reply_waits_spam;
DROP TRIGGER IF EXISTS reply_waits_delete;
DROP TRIGGER IF EXISTS items_count_insert;
DROP TRIGGER IF EXISTS items_count_delete;
DROP TRIGGER IF EXISTS items_count_update;
DROP TRIGGER IF EXISTS stats_changes_item_insert;
DROP TRIGGER IF EXISTS stats_changes_item_delete;
DROP TRIGGER IF EXISTS stats_changes_item_update;
DROP TRIGGER IF EXISTS stats_changes_wait_insert;
DROP TRIGGER IF EXISTS stats_changes_wait_update;
DROP TRIGGER IF EXISTS stats_changes_thread;
DROP TRIGGER IF EXISTS stats_changes_target_insert;
DROP TRIGGER IF EXISTS stats_changes_target_update;
DROP TRIGGER IF EXISTS stats_changes_target_delete;
DROP TRIGGER IF EXISTS stats_changes_days_insert;
DROP TRIGGER IF EXISTS stats_changes_days_update;
DROP TRIGGER IF EXISTS stats_changes_member_of;
DROP TRIGGER IF EXISTS stats_changes_member_gone;
DROP TRIGGER IF EXISTS stats_tone_insert;
DROP TRIGGER IF EXISTS stats_tone_delete;
DROP TRIGGER IF EXISTS stats_tone_update;
