-- Version 11: the query language (issue 10). Word forms: each term of the
-- full-text index under the form keys of core/wordform ("ru:встреч" for
-- встреча, встрече, встречи), so a word finds its forms by one indexed
-- lookup. The store fills it for every new term at write time and rebuilds
-- it at open when the stemmers change (setting term_forms_version), which
-- is also how an existing workspace gets it: a vocabulary, not the items.
CREATE TABLE term_forms (
    form TEXT NOT NULL,
    term TEXT NOT NULL,
    PRIMARY KEY (form, term)
) WITHOUT ROWID;

-- Saved views: a query under a name, listed in the inbox's navigation. A
-- watch is a view whose new matches are tagged watch:<name> at ingest.
CREATE TABLE views (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT    NOT NULL UNIQUE COLLATE NOCASE CHECK (name <> ''),
    query      TEXT    NOT NULL CHECK (query <> ''),
    watch      INTEGER NOT NULL DEFAULT 0 CHECK (watch IN (0, 1)),
    created_at INTEGER NOT NULL
);
