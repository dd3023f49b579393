-- Reviews of Welsh wording: who checked which string against its English, and when.
-- A review is of one version of the Welsh (its SHA-256): if the translation changes,
-- the old review no longer counts. Reviews are append-only, like the log.

CREATE TABLE welsh_reviews (
    id            INTEGER PRIMARY KEY,
    key           TEXT NOT NULL,
    welsh_sha256  TEXT NOT NULL,
    reviewed_by   TEXT NOT NULL CHECK (length(trim(reviewed_by)) > 0),
    reviewed_at   TEXT NOT NULL,
    note          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX welsh_reviews_key ON welsh_reviews (key);

CREATE TRIGGER welsh_reviews_never_change BEFORE UPDATE ON welsh_reviews
BEGIN SELECT RAISE(ABORT, 'a recorded review is never changed; record a new one'); END;
CREATE TRIGGER welsh_reviews_never_deleted BEFORE DELETE ON welsh_reviews
BEGIN SELECT RAISE(ABORT, 'a recorded review is never deleted'); END;
