-- Version 20: a campaign can be marked as the joint project made with the
-- community (issue 11: the dashboard says whether a quarter has one).
ALTER TABLE campaigns ADD COLUMN joint INTEGER NOT NULL DEFAULT 0 CHECK (joint IN (0, 1));
