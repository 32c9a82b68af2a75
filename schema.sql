-- ledger: the one definition of the ledger file's schema.
--
-- This file is compiled into the `ledger` binary (see Package.swift) and run
-- once, in one transaction, by `ledger init`. The schema version lives in
-- PRAGMA user_version; `application_id` marks the file as a ledger so that a
-- foreign SQLite database is refused instead of being written to.
--
-- Dates ("effective" dates: when a source said something) are stored in a
-- sortable form: `YYYY-MM-DD` for a day, `YYYY-MM-DDTHH:MM:SSZ` (UTC) for a
-- moment. Times the ledger recorded something are always UTC timestamps.

PRAGMA application_id = 1279477586; -- 'LDGR'
-- Version 2 added claim_by_successor and lifecycle_by_successor; version 3 made the log the
-- record (entries with every row they wrote, chained by hashes); version 4 added corrections
-- (evidence withdrawn, claims and evidence edited) and research notes. A ledger of an earlier
-- version is migrated when a command next writes to it.
PRAGMA user_version = 5;

-- Anyone who asserts or publishes something.
CREATE TABLE source (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT    NOT NULL UNIQUE CHECK (length(uuid) = 36),
    handle      TEXT    NOT NULL UNIQUE
                CHECK (length(handle) BETWEEN 1 AND 64
                       AND handle GLOB '[a-z0-9]*'
                       AND handle NOT GLOB '*[^a-z0-9-]*'),
    name        TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    kind        TEXT    NOT NULL DEFAULT 'other'
                CHECK (kind IN ('government', 'military', 'media', 'ngo', 'osint',
                                'social', 'individual', 'other')),
    -- The side or group; '' means the source stands alone, as its own group.
    affiliation TEXT    NOT NULL DEFAULT '',
    -- NATO Admiralty reliability: A completely reliable ... E unreliable, F cannot be judged.
    reliability TEXT    NOT NULL DEFAULT 'F'
                CHECK (reliability IN ('A', 'B', 'C', 'D', 'E', 'F')),
    url         TEXT,
    note        TEXT,
    recorded_at TEXT    NOT NULL,
    recorded_by TEXT    NOT NULL
) STRICT;

-- One checkable statement, made by one source (the claimant).
-- Its id is shown to people as C<id>; AUTOINCREMENT keeps an id from ever being reused.
CREATE TABLE claim (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid                TEXT    NOT NULL UNIQUE CHECK (length(uuid) = 36),
    statement           TEXT    NOT NULL CHECK (length(trim(statement)) > 0),
    claimant_id         INTEGER NOT NULL REFERENCES source (id),
    date                TEXT    NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'),
    via_id              INTEGER REFERENCES source (id),
    url                 TEXT,
    quote               TEXT,
    quantity_text       TEXT,
    -- The figure as an interval in its base unit (km, km2, or the counted noun); NULL high = no bound.
    quantity_low        REAL,
    quantity_high       REAL,
    quantity_low_open   INTEGER CHECK (quantity_low_open IN (0, 1)),
    quantity_high_open  INTEGER CHECK (quantity_high_open IN (0, 1)),
    quantity_unit       TEXT,
    quantity_dimension  TEXT    CHECK (quantity_dimension IN ('length', 'area', 'count', 'percentage', 'percentage-points', 'money', 'duration')),
    place               TEXT,
    -- The place folded for matching: case, diacritics and apostrophes removed.
    place_key           TEXT,
    status              TEXT    NOT NULL DEFAULT 'unverified'
                        CHECK (status IN ('unverified', 'corroborated', 'confirmed', 'disputed',
                                          'contradicted', 'retracted', 'resolved', 'superseded')),
    verdict             TEXT    CHECK (verdict IN ('true', 'false', 'misleading', 'unproven')),
    grade               TEXT    NOT NULL CHECK (grade GLOB '[A-F][1-6]'),
    superseded_by       INTEGER REFERENCES claim (id),
    -- Derived from the evidence by the status rules; kept so lists need no recomputation.
    support_independent INTEGER NOT NULL DEFAULT 0 CHECK (support_independent >= 0),
    support_echoes      INTEGER NOT NULL DEFAULT 0 CHECK (support_echoes >= 0),
    contradictions      INTEGER NOT NULL DEFAULT 0 CHECK (contradictions >= 0),
    recorded_at         TEXT    NOT NULL,
    recorded_by         TEXT    NOT NULL,
    CHECK ((status = 'resolved') = (verdict IS NOT NULL)),
    CHECK ((status = 'superseded') = (superseded_by IS NOT NULL)),
    CHECK (superseded_by IS NULL OR superseded_by <> id),
    CHECK ((quantity_text IS NULL) = (quantity_dimension IS NULL)),
    CHECK (quantity_low IS NULL OR quantity_high IS NULL OR quantity_low <= quantity_high),
    CHECK ((place IS NULL) = (place_key IS NULL))
) STRICT;

-- Also finds an identical claim (same claimant, date and statement) when a CSV is imported again.
CREATE INDEX claim_by_claimant ON claim (claimant_id, date, statement);
CREATE INDEX claim_by_status ON claim (status);
CREATE INDEX claim_by_date ON claim (date);
CREATE INDEX claim_by_place ON claim (place_key) WHERE place_key IS NOT NULL;
-- Deleting a claim (undoing its import) looks for claims and lifecycle rows that name it
-- as successor; without these indexes each delete scanned both tables.
CREATE INDEX claim_by_successor ON claim (superseded_by) WHERE superseded_by IS NOT NULL;

CREATE TABLE claim_tag (
    claim_id INTEGER NOT NULL REFERENCES claim (id) ON DELETE CASCADE,
    tag      TEXT    NOT NULL CHECK (length(trim(tag)) > 0),
    PRIMARY KEY (claim_id, tag)
) STRICT, WITHOUT ROWID;

CREATE INDEX claim_tag_by_tag ON claim_tag (tag);

-- A statement by another source about a claim. Shown to people as E<id>.
CREATE TABLE evidence (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid          TEXT    NOT NULL UNIQUE CHECK (length(uuid) = 36),
    claim_id      INTEGER NOT NULL REFERENCES claim (id),
    stance        TEXT    NOT NULL CHECK (stance IN ('supports', 'contradicts')),
    source_id     INTEGER NOT NULL REFERENCES source (id),
    -- The source this one only repeats; the evidence's origin is citing, else source.
    citing_id     INTEGER REFERENCES source (id),
    date          TEXT    NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'),
    via_id        INTEGER REFERENCES source (id),
    url           TEXT,
    quote         TEXT,
    -- The figure as given and as an interval, as for a claim.
    quantity_text      TEXT,
    quantity_low       REAL,
    quantity_high      REAL,
    quantity_low_open  INTEGER CHECK (quantity_low_open IN (0, 1)),
    quantity_high_open INTEGER CHECK (quantity_high_open IN (0, 1)),
    quantity_unit      TEXT,
    quantity_dimension TEXT    CHECK (quantity_dimension IN ('length', 'area', 'count', 'percentage', 'percentage-points', 'money', 'duration')),
    note          TEXT,
    -- 1 when recorded with --force despite an inconsistent quantity.
    forced        INTEGER NOT NULL DEFAULT 0 CHECK (forced IN (0, 1)),
    -- 1 when recorded while the claim was closed (kept, but it did not move the status).
    while_closed  INTEGER NOT NULL DEFAULT 0 CHECK (while_closed IN (0, 1)),
    recorded_at   TEXT    NOT NULL,
    recorded_by   TEXT    NOT NULL,
    -- Set when the row was withdrawn (recorded by mistake): when (UTC) and why. A withdrawn
    -- row no longer counts, but stays, shown as withdrawn.
    withdrawn_at     TEXT,
    withdrawn_reason TEXT CHECK (withdrawn_reason IS NULL OR length(trim(withdrawn_reason)) > 0),
    CHECK (citing_id IS NULL OR citing_id <> source_id),
    CHECK ((quantity_text IS NULL) = (quantity_dimension IS NULL)),
    CHECK ((withdrawn_at IS NULL) = (withdrawn_reason IS NULL))
) STRICT;

CREATE INDEX evidence_by_claim ON evidence (claim_id, date, id);
CREATE INDEX evidence_by_source ON evidence (source_id);
CREATE INDEX evidence_by_citing ON evidence (citing_id) WHERE citing_id IS NOT NULL;

-- An analyst's research note on a claim ("searched the regional administration's channel,
-- nothing either way"), optionally naming the source and URL consulted. Shown to people as
-- N<id>. Notes never move a status.
CREATE TABLE note (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid        TEXT    NOT NULL UNIQUE CHECK (length(uuid) = 36),
    claim_id    INTEGER NOT NULL REFERENCES claim (id),
    text        TEXT    NOT NULL CHECK (length(trim(text)) > 0),
    -- The source consulted, if any.
    source_id   INTEGER REFERENCES source (id),
    url         TEXT,
    -- When the research was done (what --as-of compares against).
    date        TEXT    NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'),
    recorded_at TEXT    NOT NULL,
    recorded_by TEXT    NOT NULL
) STRICT;

CREATE INDEX note_by_claim ON note (claim_id, date, id);
CREATE INDEX note_by_source ON note (source_id) WHERE source_id IS NOT NULL;

-- Full-text search over each claim's statement, quote, place, tags and its evidence's
-- quotes and notes, and its research notes (rowid = claim id). The text is folded (case, diacritics and
-- apostrophes removed) by ledger before it is indexed, in the same transaction as the
-- change that alters it.
CREATE VIRTUAL TABLE claim_search USING fts5 (
    statement, quote, place, tags, evidence,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- How a claim was closed and reopened: retracted, resolved with a verdict,
-- superseded by another claim, reopened. Replayed in order (effective date, then step,
-- then uuid: the order they were recorded in, and the same order in every ledger that
-- holds these rows) on top of the status the evidence gives, this is the claim's status.
CREATE TABLE lifecycle (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid          TEXT    NOT NULL UNIQUE CHECK (length(uuid) = 36),
    claim_id      INTEGER NOT NULL REFERENCES claim (id),
    action        TEXT    NOT NULL CHECK (action IN ('retract', 'resolve', 'supersede', 'reopen')),
    effective     TEXT    NOT NULL CHECK (effective GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'),
    -- Who retracted it, when a source did.
    source_id     INTEGER REFERENCES source (id),
    url           TEXT,
    reason        TEXT,
    verdict       TEXT    CHECK (verdict IN ('true', 'false', 'misleading', 'unproven')),
    superseded_by INTEGER REFERENCES claim (id),
    -- The credibility digit a superseded claim keeps.
    kept_digit    INTEGER CHECK (kept_digit BETWEEN 1 AND 6),
    -- 1 for a claim's first change, 2 for its second, …: orders changes with the same effective date.
    step          INTEGER NOT NULL CHECK (step >= 1),
    recorded_at   TEXT    NOT NULL,
    recorded_by   TEXT    NOT NULL,
    CHECK ((action = 'resolve') = (verdict IS NOT NULL)),
    CHECK ((action = 'supersede') = (superseded_by IS NOT NULL)),
    CHECK ((action = 'supersede') = (kept_digit IS NOT NULL)),
    CHECK (action NOT IN ('resolve', 'reopen') OR reason IS NOT NULL),
    CHECK (superseded_by IS NULL OR superseded_by <> claim_id)
) STRICT;

CREATE INDEX lifecycle_by_claim ON lifecycle (claim_id, effective, step, uuid);
CREATE INDEX lifecycle_by_successor ON lifecycle (superseded_by) WHERE superseded_by IS NOT NULL;

-- Every change to the ledger, appended and never rewritten: the record the other tables are
-- a view of. `entry` holds the whole change in canonical form (README, "Integrity"): the
-- fields in the columns beside it, and every row of source, claim, claim_tag, evidence,
-- note and lifecycle the change inserted, updated (new and old values) or deleted, so that the
-- ledger can be rebuilt from the log alone. `hash` chains the entries: SHA-256 over the
-- previous entry's hash (32 zero bytes before the first entry) followed by `entry`, in hex;
-- the last entry's hash is the ledger's head. The other columns repeat the entry's fields
-- for queries. Entries name claims, evidence and sources by value (not by foreign key) so
-- that an entry outlives the row it describes when a later entry undoes it.
CREATE TABLE log (
    id            INTEGER PRIMARY KEY,
    recorded_at   TEXT    NOT NULL,
    actor         TEXT    NOT NULL,
    action        TEXT    NOT NULL
                  CHECK (action IN ('source-add', 'source-edit', 'claim-add', 'evidence-add',
                                    'retract', 'resolve', 'supersede', 'reopen', 'rederive',
                                    'undo', 'import', 'migrate', 'claim-edit', 'evidence-edit',
                                    'withdraw', 'note-add')),
    claim_id      INTEGER,
    evidence_id   INTEGER,
    lifecycle_id  INTEGER,
    source_handle TEXT,
    -- When the change took effect in the world (what --as-of compares against).
    effective     TEXT    NOT NULL,
    status_before TEXT,
    status_after  TEXT,
    summary       TEXT    NOT NULL,
    cause         TEXT,
    -- The entry this one undid (for action 'undo'); an entry is undone at most once.
    undoes        INTEGER UNIQUE REFERENCES log (id),
    -- The entry whose change caused this one: a 'rederive' after a source edit or an undo,
    -- or each row an 'import' added (undoing the import undoes them all).
    caused_by     INTEGER REFERENCES log (id),
    entry         TEXT    NOT NULL,
    hash          TEXT    NOT NULL CHECK (length(hash) = 64),
    CHECK ((action = 'undo') = (undoes IS NOT NULL)),
    CHECK (action <> 'rederive' OR caused_by IS NOT NULL)
) STRICT;

CREATE INDEX log_by_claim ON log (claim_id) WHERE claim_id IS NOT NULL;
CREATE INDEX log_by_evidence ON log (evidence_id) WHERE evidence_id IS NOT NULL;
CREATE INDEX log_by_lifecycle ON log (lifecycle_id) WHERE lifecycle_id IS NOT NULL;
CREATE INDEX log_by_source ON log (source_handle) WHERE source_handle IS NOT NULL;
CREATE INDEX log_by_cause ON log (caused_by) WHERE caused_by IS NOT NULL;
-- The corrections of each claim (shown with it in `show` and reports): few, found without reading the log.
CREATE INDEX log_corrections ON log (claim_id, id) WHERE action IN ('claim-edit', 'evidence-edit', 'withdraw');
