-- bench/run's reference for `ledger import`: the sqlite3 shell itself making the same rows
-- ledger's import makes from the benchmark CSV (claims under the schema's constraints and
-- indexes, tags, the full-text index, one log entry for the import and one per claim, each
-- entry holding the rows it wrote in the canonical form, chained by hashes), in one
-- transaction, in plain SQL. It skips what ledger adds on top (validation, quantity
-- parsing, duplicate checks, case/diacritic folding, UUIDs from the kernel), so it is a
-- floor, not a twin. bench/run feeds it with the CSV path in place of @CSV@, into the
-- sources-only ledger (no claims yet, so claim n is the header's entry id + n).
--
-- The sqlite3 shell has no SHA-256, so the chain here is SHA3-256 (the shell's sha3())
-- over the previous hash's hex and the entry: the same sequential hashing work, in another
-- function. bench/run re-chains the file with SHA-256 after timing it, so that
-- `ledger check` can verify the rest (rows, entries, replay) against ledger's own code.
PRAGMA foreign_keys = ON;
PRAGMA cache_size = -262144;
.import --csv @CSV@ t
BEGIN;
CREATE TEMP TABLE header AS
SELECT coalesce(max(id), 0) + 1 AS id, strftime('%Y-%m-%dT%H:%M:%SZ') AS at, date('now') AS effective,
       'imported the benchmark CSV' AS summary
FROM log;
INSERT INTO log (id, recorded_at, actor, action, effective, summary, entry, hash)
SELECT id, at, 'bench', 'import', effective, summary,
       '{"action":"import","actor":"bench","effective":' || json_quote(effective) || ',"id":' || id || ',"recorded_at":'
           || json_quote(at) || ',"summary":' || json_quote(summary) || ',"writes":[]}',
       printf('%064d', 0)
FROM header;
INSERT INTO claim (uuid, statement, claimant_id, date, via_id, url, quote, place, place_key, status, grade,
                   recorded_at, recorded_by)
SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-a'
             || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
       t.statement, s.id, coalesce(nullif(t.date, ''), date('now')), v.id, nullif(t.url, ''), nullif(t.quote, ''),
       nullif(t.place, ''), lower(nullif(t.place, '')), 'unverified', s.reliability || '6',
       (SELECT at FROM header), 'bench'
FROM t JOIN source s ON s.handle = t.source LEFT JOIN source v ON v.handle = nullif(t.via, '')
ORDER BY t.rowid;
INSERT INTO claim_tag (claim_id, tag)
SELECT DISTINCT c.id, j.value
FROM t JOIN claim c ON c.id = t.rowid, json_each('["' || replace(t.tags, ';', '","') || '"]') j
WHERE t.tags <> '';
INSERT INTO claim_search (rowid, statement, quote, place, tags, evidence)
SELECT c.id, lower(c.statement), lower(coalesce(c.quote, '')), coalesce(c.place_key, ''), replace(lower(t.tags), ';', ' '), ''
FROM claim c JOIN t ON t.rowid = c.id;
-- Each claim's entry: its fields, then the claim row (members sorted, NULLs left out) and its tags.
WITH r AS (
    SELECT c.*, s.handle, h.id AS header, h.id + c.id AS entry_id,
           'added C' || c.id || ' by ' || s.handle || ': ' || substr(c.statement, 1, 60) AS summary
    FROM claim c JOIN source s ON s.id = c.claimant_id, header h
)
INSERT INTO log (id, recorded_at, actor, action, claim_id, source_handle, effective, status_after, summary, caused_by, entry, hash)
SELECT entry_id, recorded_at, 'bench', 'claim-add', id, handle, date, 'unverified', summary, header,
       '{"action":"claim-add","actor":"bench","caused_by":' || header || ',"claim_id":' || id || ',"effective":' || json_quote(date)
           || ',"id":' || entry_id || ',"recorded_at":' || json_quote(recorded_at) || ',"source_handle":' || json_quote(handle)
           || ',"status_after":"unverified","summary":' || json_quote(summary)
           || ',"writes":[{"insert":"claim","row":{"claimant_id":' || claimant_id || ',"contradictions":' || contradictions
           || ',"date":' || json_quote(date) || ',"grade":' || json_quote(grade) || ',"id":' || id
           || CASE WHEN place IS NULL THEN '' ELSE ',"place":' || json_quote(place) END
           || CASE WHEN place_key IS NULL THEN '' ELSE ',"place_key":' || json_quote(place_key) END
           || CASE WHEN quote IS NULL THEN '' ELSE ',"quote":' || json_quote(quote) END
           || ',"recorded_at":' || json_quote(recorded_at) || ',"recorded_by":' || json_quote(recorded_by)
           || ',"statement":' || json_quote(statement) || ',"status":' || json_quote(status)
           || ',"support_echoes":' || support_echoes || ',"support_independent":' || support_independent
           || CASE WHEN url IS NULL THEN '' ELSE ',"url":' || json_quote(url) END
           || ',"uuid":' || json_quote(uuid)
           || coalesce(',"via_id":' || via_id, '') || '}}'
           || coalesce((SELECT ',' || group_concat('{"insert":"claim_tag","row":{"claim_id":' || g.claim_id || ',"tag":'
                                                   || json_quote(g.tag) || '}}', ',')
                        FROM claim_tag g WHERE g.claim_id = r.id), '')
           || ']}',
       printf('%064d', 0)
FROM r
ORDER BY id;
-- The chain, entry after entry, from the hash of the entry before the import's.
.read @CHAIN@
COMMIT;
DROP TABLE t;
