-- bench/run's reference for `ledger import`: the sqlite3 shell itself making the same rows
-- ledger's import makes from the benchmark CSV (claims under the schema's constraints and
-- indexes, tags, the full-text index, one log entry per claim and one for the import), in
-- one transaction, in plain SQL. It skips what ledger adds on top (validation, quantity
-- parsing, duplicate checks, case/diacritic folding, UUIDs from the kernel), so it is a
-- floor, not a twin. bench/run feeds it with the CSV path in place of @CSV@.
PRAGMA foreign_keys = ON;
PRAGMA cache_size = -262144;
.import --csv @CSV@ t
BEGIN;
INSERT INTO log (recorded_at, actor, action, effective, summary)
VALUES (strftime('%Y-%m-%dT%H:%M:%SZ'), 'bench', 'import', date('now'), 'imported the benchmark CSV');
INSERT INTO claim (uuid, statement, claimant_id, date, via_id, url, quote, place, place_key, status, grade,
                   recorded_at, recorded_by)
SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-a'
             || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
       t.statement, s.id, coalesce(nullif(t.date, ''), date('now')), v.id, nullif(t.url, ''), nullif(t.quote, ''),
       nullif(t.place, ''), lower(nullif(t.place, '')), 'unverified', s.reliability || '6',
       strftime('%Y-%m-%dT%H:%M:%SZ'), 'bench'
FROM t JOIN source s ON s.handle = t.source LEFT JOIN source v ON v.handle = nullif(t.via, '')
ORDER BY t.rowid;
INSERT INTO claim_tag (claim_id, tag)
SELECT DISTINCT c.id, j.value
FROM t JOIN claim c ON c.id = t.rowid, json_each('["' || replace(t.tags, ';', '","') || '"]') j
WHERE t.tags <> '';
INSERT INTO claim_search (rowid, statement, quote, place, tags, evidence)
SELECT c.id, lower(c.statement), lower(coalesce(c.quote, '')), coalesce(c.place_key, ''), lower(t.tags), ''
FROM claim c JOIN t ON t.rowid = c.id;
INSERT INTO log (recorded_at, actor, action, claim_id, source_handle, effective, status_after, summary, payload, caused_by)
SELECT c.recorded_at, 'bench', 'claim-add', c.id, s.handle, c.date, 'unverified',
       'added C' || c.id || ' by ' || s.handle || ': ' || substr(c.statement, 1, 60), json_object('claim', c.uuid), 1
FROM claim c JOIN source s ON s.id = c.claimant_id;
COMMIT;
DROP TABLE t;
