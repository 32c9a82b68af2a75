-- bench/run's reference for `ledger import` of a CSV of evidence: the sqlite3 shell itself
-- making the rows ledger's import makes from the benchmark evidence CSV (100k rows on the
-- 100k-claim ledger's open claims), in one transaction, in plain SQL: the evidence rows under
-- the schema's constraints and indexes; one log entry for the import and one per row, each
-- holding the row it wrote in canonical form; each touched claim's status, grade and counts
-- derived again by SPEC §2's rules (origin groups, echoes, grade E left out), with a
-- `rederive` entry holding the update where the status moved; the search index's evidence
-- column made again for each touched claim; and the chain hashed over the new entries.
-- It skips what ledger adds on top (validation, the guards, duplicate checks, folding,
-- UUIDs from the kernel), so it is a floor, not a twin. bench/run feeds it the CSV path in
-- place of @CSV@, and then compares its evidence rows and claim statuses with ledger's.
--
-- As in import-floor.sql the chain is SHA3-256 (the shell has no SHA-256): the same
-- sequential hashing work, in another function.
PRAGMA foreign_keys = ON;
PRAGMA cache_size = -262144;
.import --csv @CSV@ t
BEGIN;
CREATE TEMP TABLE header AS
SELECT coalesce(max(id), 0) + 1 AS id, strftime('%Y-%m-%dT%H:%M:%SZ') AS at, date('now') AS effective,
       'imported the benchmark evidence CSV' AS summary,
       (SELECT coalesce(max(id), 0) FROM evidence) AS base
FROM log;
INSERT INTO log (id, recorded_at, actor, action, effective, summary, entry, hash)
SELECT id, at, 'bench', 'import', effective, summary,
       '{"action":"import","actor":"bench","effective":' || json_quote(effective) || ',"id":' || id || ',"recorded_at":'
           || json_quote(at) || ',"summary":' || json_quote(summary) || ',"writes":[]}',
       printf('%064d', 0)
FROM header;
-- The rows, in the file's order: evidence n is the header's base + n.
INSERT INTO evidence (id, uuid, claim_id, stance, source_id, date, quote, forced, while_closed, recorded_at, recorded_by)
SELECT (SELECT base FROM header) + t.rowid,
       lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-a'
             || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
       CAST(substr(t.claim, 2) AS INTEGER), t.stance, s.id, t.date, nullif(t.quote, ''), 0, 0, (SELECT at FROM header), 'bench'
FROM t JOIN source s ON s.handle = t.source
ORDER BY t.rowid;
-- Each row's entry: its fields, then the row (members sorted, NULLs left out).
INSERT INTO log (id, recorded_at, actor, action, claim_id, evidence_id, source_handle, effective, summary, caused_by, entry, hash)
SELECT h.id + e.id - h.base, e.recorded_at, 'bench', 'evidence-add', e.claim_id, e.id, s.handle, e.date,
       'E' || e.id || ': ' || s.handle || ' ' || e.stance || ' C' || e.claim_id, h.id,
       '{"action":"evidence-add","actor":"bench","caused_by":' || h.id || ',"claim_id":' || e.claim_id || ',"effective":'
           || json_quote(e.date) || ',"evidence_id":' || e.id || ',"id":' || (h.id + e.id - h.base) || ',"recorded_at":'
           || json_quote(e.recorded_at) || ',"source_handle":' || json_quote(s.handle) || ',"summary":'
           || json_quote('E' || e.id || ': ' || s.handle || ' ' || e.stance || ' C' || e.claim_id)
           || ',"writes":[{"insert":"evidence","row":{"claim_id":' || e.claim_id || ',"date":' || json_quote(e.date)
           || ',"forced":0,"id":' || e.id || CASE WHEN e.quote IS NULL THEN '' ELSE ',"quote":' || json_quote(e.quote) END
           || ',"recorded_at":' || json_quote(e.recorded_at) || ',"recorded_by":"bench","source_id":' || e.source_id
           || ',"stance":' || json_quote(e.stance) || ',"uuid":' || json_quote(e.uuid) || ',"while_closed":0}}]}',
       printf('%064d', 0)
FROM evidence e JOIN source s ON s.id = e.source_id, header h
WHERE e.id > h.base
ORDER BY e.id;
CREATE TEMP TABLE added AS SELECT count(*) AS n FROM evidence WHERE id > (SELECT base FROM header);
-- SPEC §2 over every (not withdrawn) row of each touched claim: S, echoes, K, status, grade.
CREATE TEMP TABLE touched AS SELECT DISTINCT claim_id AS id FROM evidence WHERE id > (SELECT base FROM header);
CREATE TEMP TABLE derived AS
WITH rows AS (
    SELECT e.claim_id, e.stance, o.reliability AS reliability,
           CASE WHEN trim(o.affiliation) = '' THEN 'alone:' || o.handle ELSE 'side:' || lower(trim(o.affiliation)) END AS origin,
           CASE WHEN trim(cs.affiliation) = '' THEN 'alone:' || cs.handle ELSE 'side:' || lower(trim(cs.affiliation)) END AS own
    FROM touched JOIN evidence e ON e.claim_id = touched.id JOIN source o ON o.id = coalesce(e.citing_id, e.source_id)
    JOIN claim c ON c.id = e.claim_id JOIN source cs ON cs.id = c.claimant_id
    WHERE e.withdrawn_at IS NULL
), counts AS (
    SELECT claim_id AS id,
           count(DISTINCT CASE WHEN stance = 'supports' AND origin <> own AND reliability <> 'E' THEN origin END) AS s,
           sum(stance = 'supports' AND NOT (origin <> own AND reliability <> 'E')) AS echoes,
           count(DISTINCT CASE WHEN stance = 'contradicts' AND reliability <> 'E' THEN origin END) AS k
    FROM rows GROUP BY claim_id
), statuses AS (
    SELECT id, s, echoes, k,
           CASE WHEN k = 0 AND s = 0 THEN 'unverified' WHEN k = 0 AND s = 1 THEN 'corroborated' WHEN k = 0 THEN 'confirmed'
                WHEN s > 0 THEN 'disputed' ELSE 'contradicted' END AS status
    FROM counts
)
SELECT x.id, x.s, x.echoes, x.k, x.status,
       cs.reliability || CASE x.status WHEN 'confirmed' THEN 1 WHEN 'corroborated' THEN 2 WHEN 'disputed' THEN 3
                                       WHEN 'contradicted' THEN 5 ELSE 6 END AS grade,
       c.status AS was_status, c.grade AS was_grade, c.support_independent AS was_s, c.support_echoes AS was_echoes,
       c.contradictions AS was_k,
       (SELECT max(date) FROM evidence WHERE claim_id = x.id) AS effective
FROM statuses x JOIN claim c ON c.id = x.id JOIN source cs ON cs.id = c.claimant_id;
-- A `rederive` entry, holding the claim's update, for each claim whose status moved.
INSERT INTO log (id, recorded_at, actor, action, claim_id, effective, status_before, status_after, summary, cause, caused_by, entry,
                 hash)
SELECT rid, at, 'bench', 'rederive', id, effective, was_status, status, summary, 'import of the benchmark evidence CSV', header,
       '{"action":"rederive","actor":"bench","cause":"import of the benchmark evidence CSV","caused_by":' || header
           || ',"claim_id":' || id || ',"effective":' || json_quote(effective) || ',"id":' || rid || ',"recorded_at":' || json_quote(at)
           || ',"status_after":' || json_quote(status) || ',"status_before":' || json_quote(was_status)
           || ',"summary":' || json_quote(summary)
           || ',"writes":[{"id":' || id || ',"set":{"contradictions":' || k || ',"grade":' || json_quote(grade)
           || ',"status":' || json_quote(status) || ',"support_echoes":' || echoes || ',"support_independent":' || s
           || '},"update":"claim","was":{"contradictions":' || was_k || ',"grade":' || json_quote(was_grade) || ',"status":'
           || json_quote(was_status) || ',"support_echoes":' || was_echoes || ',"support_independent":' || was_s || '}}]}',
       printf('%064d', 0)
FROM (
    SELECT d.*, h.id AS header, h.at, 'C' || d.id || ' re-derived: ' || d.was_status || ' → ' || d.status AS summary,
           h.id + a.n + row_number() OVER (ORDER BY d.id) AS rid
    FROM derived d, header h, added a
    WHERE d.status <> d.was_status
)
ORDER BY rid;
UPDATE claim SET status = d.status, grade = d.grade, support_independent = d.s, support_echoes = d.echoes, contradictions = d.k
FROM derived d WHERE claim.id = d.id;
-- The search index's evidence column, made again for each touched claim.
UPDATE claim_search SET evidence = lower(coalesce((SELECT group_concat(coalesce(quote, '') || ' ' || coalesce(note, ''), ' ')
                                                   FROM evidence WHERE claim_id = claim_search.rowid), ''))
WHERE rowid IN (SELECT id FROM touched);
-- The chain, entry after entry, from the hash of the entry before the import's.
.read @CHAIN@
COMMIT;
DROP TABLE t;
