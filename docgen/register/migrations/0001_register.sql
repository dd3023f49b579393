-- The first register schema: cases, their key dates, issued documents and their files,
-- and the log of who did what, when and why (Data Protection Act 2018 s.62).
-- Issued documents, their files and the log are append-only: triggers refuse any change.

CREATE TABLE cases (
    case_id        TEXT PRIMARY KEY,
    force          TEXT NOT NULL,
    case_no        INTEGER NOT NULL CHECK (case_no > 0),
    status         TEXT NOT NULL,
    release_date   TEXT,
    starts_on      TEXT,
    expires_on     TEXT,
    stamp_date     TEXT NOT NULL,
    source         TEXT NOT NULL,
    source_sha256  TEXT NOT NULL,
    synced_at      TEXT NOT NULL,
    closed_at      TEXT,
    closed_by      TEXT,
    UNIQUE (force, case_no)
);

CREATE TABLE key_dates (
    case_id  TEXT NOT NULL REFERENCES cases (case_id),
    uid      TEXT NOT NULL,
    on_date  TEXT NOT NULL,
    kind     TEXT NOT NULL,
    label    TEXT NOT NULL,
    PRIMARY KEY (case_id, uid)
);
CREATE INDEX key_dates_on_date ON key_dates (on_date);

CREATE TABLE documents (
    id               INTEGER PRIMARY KEY,
    reference        TEXT NOT NULL UNIQUE,
    case_id          TEXT NOT NULL REFERENCES cases (case_id),
    kind             TEXT NOT NULL,
    event_id         TEXT NOT NULL DEFAULT '',
    seq              INTEGER NOT NULL CHECK (seq > 0),
    version          INTEGER NOT NULL CHECK (version > 0),
    document_date    TEXT NOT NULL,
    template         TEXT NOT NULL,
    template_sha256  TEXT NOT NULL,
    clauses          TEXT NOT NULL,
    law_version      TEXT NOT NULL,
    docgen_version   TEXT NOT NULL,
    record           TEXT NOT NULL DEFAULT '{}',
    generated_by     TEXT NOT NULL,
    generated_at     TEXT NOT NULL,
    reason           TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    UNIQUE (case_id, kind, seq, version)
);

CREATE TABLE files (
    document_id  INTEGER NOT NULL REFERENCES documents (id),
    format       TEXT NOT NULL,
    path         TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    bytes        INTEGER NOT NULL,
    PRIMARY KEY (document_id, format)
);

CREATE TABLE log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    user       TEXT NOT NULL,
    action     TEXT NOT NULL,
    case_id    TEXT,
    reference  TEXT,
    reason     TEXT NOT NULL
);

CREATE TRIGGER documents_never_change BEFORE UPDATE ON documents
BEGIN SELECT RAISE(ABORT, 'an issued document is never changed; issue a new version'); END;
CREATE TRIGGER documents_never_deleted BEFORE DELETE ON documents
BEGIN SELECT RAISE(ABORT, 'an issued document is never deleted from the register'); END;
CREATE TRIGGER files_never_change BEFORE UPDATE ON files
BEGIN SELECT RAISE(ABORT, 'the record of an issued file is never changed'); END;
CREATE TRIGGER files_never_deleted BEFORE DELETE ON files
BEGIN SELECT RAISE(ABORT, 'the record of an issued file is never deleted'); END;
CREATE TRIGGER log_never_changes BEFORE UPDATE ON log
BEGIN SELECT RAISE(ABORT, 'the register log is append-only'); END;
CREATE TRIGGER log_never_deleted BEFORE DELETE ON log
BEGIN SELECT RAISE(ABORT, 'the register log is append-only'); END;
