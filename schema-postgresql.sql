-- ledger: the schema of a ledger on a PostgreSQL server (README, "A shared ledger").
--
-- The same tables, columns, CHECKs, foreign keys and indexes as schema.sql, the file's
-- schema, written for PostgreSQL; compiled into `ledger` when it is built with the
-- PostgreSQL trait and run once, in one transaction, by `ledger init` in the schema that
-- comes first on the connection's search_path (`public` unless the URL says otherwise).
-- What differs, and why:
-- - the version and the mark that this is a ledger live in the table `meta` (a file keeps
--   them in PRAGMA user_version and application_id);
-- - every text column sorts and compares in the "C" collation: by code point, as SQLite's
--   BINARY does, so that lists and reports come out in the same order on both;
-- - ids are assigned under the ledger's write lock by `ledger_assign_id` (a trigger), not
--   by a sequence: claim, evidence, note and lifecycle numbers are one above the highest
--   ever used (the table's, or the highest deleted, kept in `id_counter`): never reused, and
--   gapless, since a rolled-back write takes its rows with it, as AUTOINCREMENT does in a
--   file; source and log ids are the highest plus one, as SQLite assigns them;
-- - foreign keys are DEFERRABLE so that an import may check them at its commit;
-- - the search index holds the words ledger made in Swift (the same words as in a file)
--   and a tsvector of them, built from the words themselves, never parsed again.

CREATE TABLE meta (
    one            boolean PRIMARY KEY DEFAULT true CHECK (one),
    application_id bigint  NOT NULL CHECK (application_id = 1279477586), -- 'LDGR'
    schema_version bigint  NOT NULL
);
INSERT INTO meta (application_id, schema_version) VALUES (1279477586, 5);

-- The highest id ever deleted from each table whose ids are never reused (a row undone): the
-- next id is one above it or above the highest id in the table, whichever is higher.
CREATE TABLE id_counter (
    name text COLLATE "C" PRIMARY KEY CHECK (name IN ('claim', 'evidence', 'note', 'lifecycle')),
    seq  bigint NOT NULL CHECK (seq >= 0)
);
INSERT INTO id_counter (name, seq) VALUES ('claim', 0), ('evidence', 0), ('lifecycle', 0), ('note', 0);

-- Assigns a row's id when the INSERT gives none, under the ledger's write lock: one above the
-- highest in the table (source, log), or above the highest ever used (the others: never
-- reused, as AUTOINCREMENT keeps them in a file). It reads, and writes nothing: a counter row
-- updated at every insert grew slower with each update in one long transaction. Static SQL on
-- the search path the ledger was made with, so its plans are kept.
CREATE FUNCTION ledger_assign_id() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    highest bigint;
BEGIN
    IF NEW.id IS NOT NULL THEN
        RETURN NEW;
    END IF;
    CASE TG_TABLE_NAME
    WHEN 'source' THEN SELECT max(id) INTO highest FROM source;
    WHEN 'log' THEN SELECT max(id) INTO highest FROM log;
    WHEN 'claim' THEN SELECT greatest(max(id), (SELECT seq FROM id_counter WHERE name = 'claim')) INTO highest FROM claim;
    WHEN 'evidence' THEN SELECT greatest(max(id), (SELECT seq FROM id_counter WHERE name = 'evidence')) INTO highest FROM evidence;
    WHEN 'note' THEN SELECT greatest(max(id), (SELECT seq FROM id_counter WHERE name = 'note')) INTO highest FROM note;
    WHEN 'lifecycle' THEN SELECT greatest(max(id), (SELECT seq FROM id_counter WHERE name = 'lifecycle')) INTO highest FROM lifecycle;
    END CASE;
    NEW.id := coalesce(highest, 0) + 1;
    RETURN NEW;
END
$$;

-- Remembers the highest id a statement deleted (once per statement, and only when it is a new
-- highest), so that the id is never given again.
CREATE FUNCTION ledger_remember_ids() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE id_counter SET seq = gone.highest
    FROM (SELECT max(id) AS highest FROM deleted) AS gone
    WHERE name = TG_TABLE_NAME AND gone.highest > seq;
    RETURN NULL;
END
$$;

-- Anyone who asserts or publishes something.
CREATE TABLE source (
    id          bigint  PRIMARY KEY,
    uuid        text    COLLATE "C" NOT NULL UNIQUE CHECK (length(uuid) = 36),
    handle      text    COLLATE "C" NOT NULL UNIQUE
                CHECK (length(handle) BETWEEN 1 AND 64 AND handle ~ '^[a-z0-9][a-z0-9-]*$'),
    name        text    COLLATE "C" NOT NULL CHECK (length(trim(name)) > 0),
    kind        text    COLLATE "C" NOT NULL DEFAULT 'other'
                CHECK (kind IN ('government', 'military', 'media', 'ngo', 'osint',
                                'social', 'individual', 'other')),
    affiliation text    COLLATE "C" NOT NULL DEFAULT '',
    reliability text    COLLATE "C" NOT NULL DEFAULT 'F'
                CHECK (reliability IN ('A', 'B', 'C', 'D', 'E', 'F')),
    url         text    COLLATE "C",
    note        text    COLLATE "C",
    recorded_at text    COLLATE "C" NOT NULL,
    recorded_by text    COLLATE "C" NOT NULL
);
CREATE TRIGGER source_id BEFORE INSERT ON source FOR EACH ROW EXECUTE FUNCTION ledger_assign_id();

CREATE TABLE claim (
    id                  bigint  PRIMARY KEY,
    uuid                text    COLLATE "C" NOT NULL UNIQUE CHECK (length(uuid) = 36),
    statement           text    COLLATE "C" NOT NULL CHECK (length(trim(statement)) > 0),
    claimant_id         bigint  NOT NULL REFERENCES source (id) DEFERRABLE,
    date                text    COLLATE "C" NOT NULL CHECK (date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}'),
    via_id              bigint  REFERENCES source (id) DEFERRABLE,
    url                 text    COLLATE "C",
    quote               text    COLLATE "C",
    quantity_text       text    COLLATE "C",
    quantity_low        double precision,
    quantity_high       double precision,
    quantity_low_open   bigint  CHECK (quantity_low_open IN (0, 1)),
    quantity_high_open  bigint  CHECK (quantity_high_open IN (0, 1)),
    quantity_unit       text    COLLATE "C",
    quantity_dimension  text    COLLATE "C" CHECK (quantity_dimension IN ('length', 'area', 'count', 'percentage', 'percentage-points', 'money', 'duration')),
    place               text    COLLATE "C",
    place_key           text    COLLATE "C",
    status              text    COLLATE "C" NOT NULL DEFAULT 'unverified'
                        CHECK (status IN ('unverified', 'corroborated', 'confirmed', 'disputed',
                                          'contradicted', 'retracted', 'resolved', 'superseded')),
    verdict             text    COLLATE "C" CHECK (verdict IN ('true', 'false', 'misleading', 'unproven')),
    grade               text    COLLATE "C" NOT NULL CHECK (grade ~ '^[A-F][1-6]$'),
    superseded_by       bigint  REFERENCES claim (id) DEFERRABLE,
    support_independent bigint  NOT NULL DEFAULT 0 CHECK (support_independent >= 0),
    support_echoes      bigint  NOT NULL DEFAULT 0 CHECK (support_echoes >= 0),
    contradictions      bigint  NOT NULL DEFAULT 0 CHECK (contradictions >= 0),
    recorded_at         text    COLLATE "C" NOT NULL,
    recorded_by         text    COLLATE "C" NOT NULL,
    CHECK ((status = 'resolved') = (verdict IS NOT NULL)),
    CHECK ((status = 'superseded') = (superseded_by IS NOT NULL)),
    CHECK (superseded_by IS NULL OR superseded_by <> id),
    CHECK ((quantity_text IS NULL) = (quantity_dimension IS NULL)),
    CHECK (quantity_low IS NULL OR quantity_high IS NULL OR quantity_low <= quantity_high),
    CHECK ((place IS NULL) = (place_key IS NULL))
);
CREATE TRIGGER claim_id BEFORE INSERT ON claim FOR EACH ROW EXECUTE FUNCTION ledger_assign_id();
CREATE TRIGGER claim_ids_kept AFTER DELETE ON claim REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION ledger_remember_ids();

CREATE INDEX claim_by_claimant ON claim (claimant_id, date, statement);
CREATE INDEX claim_by_status ON claim (status);
CREATE INDEX claim_by_date ON claim (date);
CREATE INDEX claim_by_place ON claim (place_key) WHERE place_key IS NOT NULL;
CREATE INDEX claim_by_successor ON claim (superseded_by) WHERE superseded_by IS NOT NULL;

CREATE TABLE claim_tag (
    claim_id bigint NOT NULL REFERENCES claim (id) ON DELETE CASCADE DEFERRABLE,
    tag      text   COLLATE "C" NOT NULL CHECK (length(trim(tag)) > 0),
    PRIMARY KEY (claim_id, tag)
);

CREATE INDEX claim_tag_by_tag ON claim_tag (tag);

CREATE TABLE evidence (
    id            bigint  PRIMARY KEY,
    uuid          text    COLLATE "C" NOT NULL UNIQUE CHECK (length(uuid) = 36),
    claim_id      bigint  NOT NULL REFERENCES claim (id) DEFERRABLE,
    stance        text    COLLATE "C" NOT NULL CHECK (stance IN ('supports', 'contradicts')),
    source_id     bigint  NOT NULL REFERENCES source (id) DEFERRABLE,
    citing_id     bigint  REFERENCES source (id) DEFERRABLE,
    date          text    COLLATE "C" NOT NULL CHECK (date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}'),
    via_id        bigint  REFERENCES source (id) DEFERRABLE,
    url           text    COLLATE "C",
    quote         text    COLLATE "C",
    quantity_text      text    COLLATE "C",
    quantity_low       double precision,
    quantity_high      double precision,
    quantity_low_open  bigint  CHECK (quantity_low_open IN (0, 1)),
    quantity_high_open bigint  CHECK (quantity_high_open IN (0, 1)),
    quantity_unit      text    COLLATE "C",
    quantity_dimension text    COLLATE "C" CHECK (quantity_dimension IN ('length', 'area', 'count', 'percentage', 'percentage-points', 'money', 'duration')),
    note          text    COLLATE "C",
    forced        bigint  NOT NULL DEFAULT 0 CHECK (forced IN (0, 1)),
    while_closed  bigint  NOT NULL DEFAULT 0 CHECK (while_closed IN (0, 1)),
    recorded_at   text    COLLATE "C" NOT NULL,
    recorded_by   text    COLLATE "C" NOT NULL,
    withdrawn_at     text COLLATE "C",
    withdrawn_reason text COLLATE "C" CHECK (withdrawn_reason IS NULL OR length(trim(withdrawn_reason)) > 0),
    CHECK (citing_id IS NULL OR citing_id <> source_id),
    CHECK ((quantity_text IS NULL) = (quantity_dimension IS NULL)),
    CHECK ((withdrawn_at IS NULL) = (withdrawn_reason IS NULL))
);
CREATE TRIGGER evidence_id BEFORE INSERT ON evidence FOR EACH ROW EXECUTE FUNCTION ledger_assign_id();
CREATE TRIGGER evidence_ids_kept AFTER DELETE ON evidence REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION ledger_remember_ids();

CREATE INDEX evidence_by_claim ON evidence (claim_id, date, id);
CREATE INDEX evidence_by_source ON evidence (source_id);
CREATE INDEX evidence_by_citing ON evidence (citing_id) WHERE citing_id IS NOT NULL;

CREATE TABLE note (
    id          bigint  PRIMARY KEY,
    uuid        text    COLLATE "C" NOT NULL UNIQUE CHECK (length(uuid) = 36),
    claim_id    bigint  NOT NULL REFERENCES claim (id) DEFERRABLE,
    text        text    COLLATE "C" NOT NULL CHECK (length(trim(text)) > 0),
    source_id   bigint  REFERENCES source (id) DEFERRABLE,
    url         text    COLLATE "C",
    date        text    COLLATE "C" NOT NULL CHECK (date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}'),
    recorded_at text    COLLATE "C" NOT NULL,
    recorded_by text    COLLATE "C" NOT NULL
);
CREATE TRIGGER note_id BEFORE INSERT ON note FOR EACH ROW EXECUTE FUNCTION ledger_assign_id();
CREATE TRIGGER note_ids_kept AFTER DELETE ON note REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION ledger_remember_ids();

CREATE INDEX note_by_claim ON note (claim_id, date, id);
CREATE INDEX note_by_source ON note (source_id) WHERE source_id IS NOT NULL;

-- The search index: each claim's five fields as the words ledger made of them, and those
-- words as a tsvector (one lexeme per word, as given).
CREATE TABLE claim_search (
    claim_id  bigint   PRIMARY KEY,
    statement text     COLLATE "C" NOT NULL,
    quote     text     COLLATE "C" NOT NULL,
    place     text     COLLATE "C" NOT NULL,
    tags      text     COLLATE "C" NOT NULL,
    evidence  text     COLLATE "C" NOT NULL,
    words     tsvector NOT NULL
);
CREATE INDEX claim_search_words ON claim_search USING gin (words);

CREATE TABLE lifecycle (
    id            bigint  PRIMARY KEY,
    uuid          text    COLLATE "C" NOT NULL UNIQUE CHECK (length(uuid) = 36),
    claim_id      bigint  NOT NULL REFERENCES claim (id) DEFERRABLE,
    action        text    COLLATE "C" NOT NULL CHECK (action IN ('retract', 'resolve', 'supersede', 'reopen')),
    effective     text    COLLATE "C" NOT NULL CHECK (effective ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}'),
    source_id     bigint  REFERENCES source (id) DEFERRABLE,
    url           text    COLLATE "C",
    reason        text    COLLATE "C",
    verdict       text    COLLATE "C" CHECK (verdict IN ('true', 'false', 'misleading', 'unproven')),
    superseded_by bigint  REFERENCES claim (id) DEFERRABLE,
    kept_digit    bigint  CHECK (kept_digit BETWEEN 1 AND 6),
    step          bigint  NOT NULL CHECK (step >= 1),
    recorded_at   text    COLLATE "C" NOT NULL,
    recorded_by   text    COLLATE "C" NOT NULL,
    CHECK ((action = 'resolve') = (verdict IS NOT NULL)),
    CHECK ((action = 'supersede') = (superseded_by IS NOT NULL)),
    CHECK ((action = 'supersede') = (kept_digit IS NOT NULL)),
    CHECK (action NOT IN ('resolve', 'reopen') OR reason IS NOT NULL),
    CHECK (superseded_by IS NULL OR superseded_by <> claim_id)
);
CREATE TRIGGER lifecycle_id BEFORE INSERT ON lifecycle FOR EACH ROW EXECUTE FUNCTION ledger_assign_id();
CREATE TRIGGER lifecycle_ids_kept AFTER DELETE ON lifecycle REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION ledger_remember_ids();

CREATE INDEX lifecycle_by_claim ON lifecycle (claim_id, effective, step, uuid);
CREATE INDEX lifecycle_by_successor ON lifecycle (superseded_by) WHERE superseded_by IS NOT NULL;

CREATE TABLE log (
    id            bigint  PRIMARY KEY,
    recorded_at   text    COLLATE "C" NOT NULL,
    actor         text    COLLATE "C" NOT NULL,
    action        text    COLLATE "C" NOT NULL
                  CHECK (action IN ('source-add', 'source-edit', 'claim-add', 'evidence-add',
                                    'retract', 'resolve', 'supersede', 'reopen', 'rederive',
                                    'undo', 'import', 'migrate', 'claim-edit', 'evidence-edit',
                                    'withdraw', 'note-add')),
    claim_id      bigint,
    evidence_id   bigint,
    lifecycle_id  bigint,
    source_handle text    COLLATE "C",
    effective     text    COLLATE "C" NOT NULL,
    status_before text    COLLATE "C",
    status_after  text    COLLATE "C",
    summary       text    COLLATE "C" NOT NULL,
    cause         text    COLLATE "C",
    undoes        bigint  UNIQUE REFERENCES log (id) DEFERRABLE,
    caused_by     bigint  REFERENCES log (id) DEFERRABLE,
    entry         text    COLLATE "C" NOT NULL,
    hash          text    COLLATE "C" NOT NULL CHECK (length(hash) = 64),
    CHECK ((action = 'undo') = (undoes IS NOT NULL)),
    CHECK (action <> 'rederive' OR caused_by IS NOT NULL)
);
CREATE TRIGGER log_id BEFORE INSERT ON log FOR EACH ROW EXECUTE FUNCTION ledger_assign_id();

CREATE INDEX log_by_claim ON log (claim_id) WHERE claim_id IS NOT NULL;
CREATE INDEX log_by_evidence ON log (evidence_id) WHERE evidence_id IS NOT NULL;
CREATE INDEX log_by_lifecycle ON log (lifecycle_id) WHERE lifecycle_id IS NOT NULL;
CREATE INDEX log_by_source ON log (source_handle) WHERE source_handle IS NOT NULL;
CREATE INDEX log_by_cause ON log (caused_by) WHERE caused_by IS NOT NULL;
CREATE INDEX log_corrections ON log (claim_id, id) WHERE action IN ('claim-edit', 'evidence-edit', 'withdraw');
