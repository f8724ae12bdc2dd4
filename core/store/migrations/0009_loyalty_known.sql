-- Version 9: loyalty with no signal behind it (nothing the member wrote
-- lately read warm or cold) is unknown, not low: a quiet member asking
-- friendly questions is no critic. The flag is set by the rescoring, which
-- every member gets again at the next refresh.

ALTER TABLE members ADD COLUMN loyalty_known INTEGER NOT NULL DEFAULT 0 CHECK (loyalty_known IN (0, 1));
UPDATE members SET scored_day = 0;
