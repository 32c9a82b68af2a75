-- The floors' chain (bench/import-floor.sql, bench/evidence-floor.sql read it in place of
-- @CHAIN@): SHA3-256 (the sqlite3 shell has no SHA-256) over the previous hash's hex and each
-- entry, from the entry before the import's header (temp table `header`) to the last.
CREATE TEMP TABLE chain AS
WITH RECURSIVE link(id, hash) AS (
    SELECT id, hash FROM log WHERE id = (SELECT id FROM header) - 1
    UNION ALL
    SELECT log.id, lower(hex(sha3(link.hash || log.entry, 256))) FROM link JOIN log ON log.id = link.id + 1
)
SELECT id, hash FROM link WHERE id >= (SELECT id FROM header);
UPDATE log SET hash = chain.hash FROM chain WHERE log.id = chain.id;
