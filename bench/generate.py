#!/usr/bin/env python3
"""Writes synthetic ledgers (schema version 4) and import files for the benchmarks.

    bench/generate.py --claims 100000 --ledger out.db [--csv out.csv] [--sources-only out.db] [--seed 1]

A ledger has CLAIMS claims with about three evidence rows each, 300 sources in 30
groups (a tenth unaffiliated, a few graded E), quantities, places, tags, a few
resolved and retracted claims, the search index and the log, which is the record:
`ledger check` replays it into an empty database and requires exactly the stored rows.
Statuses and grades are derived by SPEC §2's rules; `ledger check` on the result
verifies them against ledger's own code, so a divergence here shows up as a benchmark
failure, not as wrong numbers.

The log is written as ledger's commands write it, one entry per change, each holding
every row it wrote in the canonical form (Sources/LedgerCore/Support/CanonicalJSON.swift,
Store/Ledger+Log.swift `LogFields.canonical`, Store/Ledger+Writes.swift), chained by
SHA-256 over the previous hash's 32 bytes and the entry's bytes (32 zero bytes first):

  #1            import   (no writes): the header every other entry names as caused_by,
                         so the data set reads, and undoes, as one import;
  #2 … #301     source-add: inserts the source;
  per claim     claim-add: inserts the claim as `ledger add` does (unverified, grade
                         <reliability>6, counts 0) and its tags;
                evidence-add (one per row): inserts the evidence and, as `corroborate`
                         and `contradict` do, updates the claim's derived columns that
                         the new row moves (status, grade, support_independent,
                         support_echoes, contradictions), with their old values in
                         "was"; status_before/status_after around it;
                resolve / retract (a few): inserts the lifecycle row and updates the
                         claim's status, verdict and grade, as those commands do.

So replaying the log gives every stored row column for column, and each claim's last
status_after is its status. Reals (the bounds of a figure) are whole numbers here;
Python's repr() of them (`45.0`) is Swift's shortest round-trip form, as the canonical
form requires.

The CSV has CLAIMS rows with the header ledger imports
(statement,source,date,url,via,quote,quantity,place,tags); --sources-only writes an
empty ledger holding just the sources (and their log entries), to import it into.
"""
import argparse
import csv
import datetime
import hashlib
import os
import random
import re
import sqlite3
import sys
import uuid

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
KINDS = ["government", "military", "media", "ngo", "osint", "social", "individual", "other"]
PLACES = [f"{a}{b}" for a in ["Kup", "Iz", "Bal", "Lyman", "Svat", "Kher", "Bakh", "Avd", "Vuh", "Pokr"]
          for b in ["iansk", "yum", "akliya", "ove", "ivka", "son", "mut", "iivka", "ledar", "ovsk"]]
TAGS = [f"tag{n:02d}" for n in range(50)]
VERBS = ["retook", "shelled", "advanced near", "withdrew from", "encircled", "struck", "evacuated", "reinforced"]
SUBJECTS = ["Ukrainian forces", "Russian forces", "Local officials", "Artillery units", "Volunteers", "Engineers"]
RARE = [f"rareword{n:03d}" for n in range(1000)]
CREDIBILITY = {"confirmed": 1, "corroborated": 2, "disputed": 3, "contradicted": 5, "unverified": 6}
VERDICT_DIGIT = {"true": 1, "misleading": 4, "false": 5, "unproven": 6}
NOW = "2026-01-01T00:00:00Z"


def sources(rng):
    rows = []
    for n in range(300):
        group = "" if n % 10 == 0 else f"G{n % 30:02d}"
        reliability = "E" if n % 37 == 5 else "ABCDF"[n % 5]
        rows.append((str(uuid.UUID(int=rng.getrandbits(128), version=4)), f"s{n:03d}", f"Source {n}", KINDS[n % 8], group, reliability))
    return rows


def group(source):
    return ("side", source[4].lower()) if source[4] else ("alone", source[1])


def claim_text(rng, n):
    statement = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(PLACES)} on day {n % 700}"
    if n % 100 == 7:
        statement += f" {RARE[(n // 100) % 1000]}"
    return statement


def quantity(rng):
    roll = rng.random()
    if roll < 0.1:
        n = rng.randint(10, 5000)
        return f"more than {n} sq km", (float(n), None, 1, 0, "km2", "area")
    if roll < 0.2:
        n = rng.randint(1, 80)
        return f"{n} km", (float(n), float(n), 0, 0, "km", "length")
    if roll < 0.3:
        n = rng.randint(2, 200)
        return f"up to {n} tanks", (0.0, float(n), 0, 0, "tank", "count")
    return None, None


# The canonical form of a log entry (CanonicalJSON.swift): no whitespace, members sorted by
# their names' UTF-8 bytes, strings escaped as JSONValue.writeString escapes them.
_ESCAPE = re.compile('[\x00-\x1f"\\\\<>&\u2028\u2029]')
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f",
            "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def jstring(text):
    if not _ESCAPE.search(text):
        return '"' + text + '"'
    return '"' + _ESCAPE.sub(lambda m: _ESCAPES.get(m.group(), "\\u%04x" % ord(m.group())), text) + '"'


def jvalue(value):
    if value is None:
        return "null"
    if isinstance(value, str):
        return jstring(value)
    if isinstance(value, float):
        return repr(value)  # the shortest round-trip form, as Swift's description (checked for whole numbers)
    return str(value)


def jobject(members, keep_null=False):
    """`members` (name -> value) as a canonical object; null members left out unless keep_null."""
    return "{" + ",".join(jstring(name) + ":" + jvalue(members[name]) for name in sorted(members, key=lambda n: n.encode())
                          if keep_null or members[name] is not None) + "}"


def insert_write(table, row):
    return '{"insert":' + jstring(table) + ',"row":' + jobject(row) + "}"


def update_write(table, row_id, before, after):
    """The update of the columns whose value moves from `before` to `after` (None when none does)."""
    changed = [name for name in after if after[name] != before[name]]
    if not changed:
        return None
    return ('{"id":' + str(row_id) + ',"set":' + jobject({n: after[n] for n in changed}, keep_null=True) + ',"update":' + jstring(table)
            + ',"was":' + jobject({n: before[n] for n in changed}, keep_null=True) + "}")


LOG_FIELDS = ("id", "recorded_at", "actor", "action", "claim_id", "evidence_id", "lifecycle_id", "source_handle", "effective",
              "status_before", "status_after", "summary", "cause", "undoes", "caused_by")


class Log:
    """Entries in id order, each hashed into the chain as it is appended; `rows` awaits insertion."""

    def __init__(self):
        self.next_id = 1
        self.previous = bytes(32)
        self.rows = []

    def append(self, action, effective, summary, writes, caused_by=1, **fields):
        fields.update(id=self.next_id, recorded_at=NOW, actor="bench", action=action, effective=effective, summary=summary,
                      caused_by=caused_by)
        self.next_id += 1
        members = {name: value for name, value in fields.items() if value is not None}
        text = jobject(members)[:-1] + ',"writes":[' + ",".join(writes) + "]}"
        digest = hashlib.sha256(self.previous + text.encode()).digest()
        self.previous = digest
        self.rows.append(tuple(fields.get(name) for name in LOG_FIELDS) + (text, digest.hex()))

    def flush(self, db):
        db.executemany(
            f"INSERT INTO log ({', '.join(LOG_FIELDS)}, entry, hash) VALUES ({', '.join('?' * (len(LOG_FIELDS) + 2))})", self.rows)
        self.rows.clear()


CLAIM_COLUMNS = ("id", "uuid", "statement", "claimant_id", "date", "via_id", "url", "quote", "quantity_text", "quantity_low",
                 "quantity_high", "quantity_low_open", "quantity_high_open", "quantity_unit", "quantity_dimension", "place",
                 "place_key", "status", "verdict", "grade", "superseded_by", "support_independent", "support_echoes",
                 "contradictions", "recorded_at", "recorded_by")
EVIDENCE_COLUMNS = ("id", "uuid", "claim_id", "stance", "source_id", "citing_id", "date", "quote", "note", "forced", "while_closed",
                    "recorded_at", "recorded_by")
LIFECYCLE_COLUMNS = ("id", "uuid", "claim_id", "action", "effective", "reason", "verdict", "step", "recorded_at", "recorded_by")
SOURCE_COLUMNS = ("id", "uuid", "handle", "name", "kind", "affiliation", "reliability", "recorded_at", "recorded_by")


def insert_sql(table, columns):
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def derived(reliability, supporting, echoes, contradicting, verdict=None, retracted=False):
    """A claim's derived columns (SPEC §2) from its independent supporting and contradicting groups."""
    s, k = len(supporting), len(contradicting)
    status = "unverified" if s == 0 and k == 0 else "corroborated" if k == 0 and s == 1 else "confirmed" if k == 0 else "disputed" if s else "contradicted"
    digit = CREDIBILITY[status]
    if verdict is not None:
        status, digit = "resolved", VERDICT_DIGIT[verdict]
    elif retracted:
        status, digit = "retracted", 5
    return {"status": status, "verdict": verdict, "superseded_by": None, "grade": f"{reliability}{digit}",
            "support_independent": s, "support_echoes": echoes, "contradictions": k}


def generate(path, claims, seed, sources_only=False):
    rng = random.Random(seed)
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    with open(os.path.join(ROOT, "schema.sql")) as schema:
        db.executescript(schema.read())
    db.execute("BEGIN")
    source_rows = sources(rng)
    log = Log()
    log.append("import", "2026-01-01", "imported bench data", [], caused_by=None)
    source_values = []
    for i, row in enumerate(source_rows):
        values = (i + 1, *row, NOW, "bench")
        source_values.append(values)
        log.append("source-add", "2026-01-01", f"added source {row[1]} ({row[2]})", [insert_write("source", dict(zip(SOURCE_COLUMNS, values)))],
                   source_handle=row[1])
    db.executemany(insert_sql("source", SOURCE_COLUMNS), source_values)
    log.flush(db)
    if sources_only:
        db.execute("COMMIT")
        db.execute("PRAGMA journal_mode = WAL")
        db.close()
        return

    start = datetime.date(2022, 2, 24)
    evidence_id = 0
    lifecycle_id = 0
    batch_claims, batch_tags, batch_evidence, batch_lifecycle, batch_search = [], [], [], [], []

    def flush():
        db.executemany(insert_sql("claim", CLAIM_COLUMNS), batch_claims)
        db.executemany("INSERT INTO claim_tag (claim_id, tag) VALUES (?, ?)", batch_tags)
        db.executemany(insert_sql("evidence", EVIDENCE_COLUMNS), batch_evidence)
        db.executemany(insert_sql("lifecycle", LIFECYCLE_COLUMNS), batch_lifecycle)
        db.executemany("INSERT INTO claim_search (rowid, statement, quote, place, tags, evidence) VALUES (?, ?, ?, ?, ?, ?)", batch_search)
        log.flush(db)
        for batch in (batch_claims, batch_tags, batch_evidence, batch_lifecycle, batch_search):
            batch.clear()

    for cid in range(1, claims + 1):
        # The random draws are made in the same order as before version 3, so the data is the same.
        claimant = rng.randrange(300)
        reliability = source_rows[claimant][5]
        date = start + datetime.timedelta(days=rng.randrange(700))
        statement = claim_text(rng, cid)
        quote = f"we {rng.choice(VERBS)} it" if rng.random() < 0.5 else None
        qtext, q = quantity(rng)
        place = rng.choice(PLACES)
        tags = sorted(set(rng.sample(TAGS, rng.randrange(4))))
        supporting, contradicting, echoes = set(), set(), 0
        evidence = []  # (row, derived state after it) in the order recorded
        for _ in range(rng.choice([1, 2, 3, 3, 4, 5])):
            source = rng.randrange(300)
            if source == claimant:
                continue
            citing = rng.randrange(300) if rng.random() < 0.1 else None
            if citing == source:
                citing = None
            origin = source_rows[citing if citing is not None else source]
            stance = "supports" if rng.random() < 0.75 else "contradicts"
            if stance == "supports":
                if group(origin) != group(source_rows[claimant]) and origin[5] != "E":
                    supporting.add(group(origin))
                else:
                    echoes += 1
            elif origin[5] != "E":
                contradicting.add(group(origin))
            evidence_id += 1
            edate = date + datetime.timedelta(days=rng.randrange(6))
            equote = f"confirmed {place}" if rng.random() < 0.3 else None
            euuid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            row = (evidence_id, euuid, cid, stance, source + 1, None if citing is None else citing + 1, edate.isoformat(), equote, None,
                   0, 0, NOW, "bench")
            evidence.append((row, derived(reliability, supporting, echoes, contradicting)))
        change = None
        roll = rng.random()
        if roll < 0.02:
            lifecycle_id += 1
            verdict = rng.choice(list(VERDICT_DIGIT))
            row = (lifecycle_id, str(uuid.UUID(int=rng.getrandbits(128), version=4)), cid, "resolve",
                   (date + datetime.timedelta(days=7)).isoformat(), "reviewed", verdict, 1, NOW, "bench")
            change = (row, derived(reliability, supporting, echoes, contradicting, verdict=verdict), f"C{cid} resolved: {verdict} — reviewed")
        elif roll < 0.03:
            lifecycle_id += 1
            row = (lifecycle_id, str(uuid.UUID(int=rng.getrandbits(128), version=4)), cid, "retract",
                   (date + datetime.timedelta(days=7)).isoformat(), None, None, 1, NOW, "bench")
            change = (row, derived(reliability, supporting, echoes, contradicting, retracted=True), f"C{cid} retracted")

        # The claim as `ledger add` writes it, then each change's writes, as the commands make them.
        state = derived(reliability, set(), 0, set())
        claim = dict(zip(CLAIM_COLUMNS, (
            cid, str(uuid.UUID(int=rng.getrandbits(128), version=4)), statement, claimant + 1, date.isoformat(), None, None, quote,
            qtext, *(q if q else (None,) * 6), place, place.lower(), None, None, None, None, None, None, None, NOW, "bench")))
        claim.update(state)
        handle = source_rows[claimant][1]
        log.append("claim-add", date.isoformat(), f"added C{cid} by {handle}: {statement}",
                   [insert_write("claim", claim)] + [insert_write("claim_tag", {"claim_id": cid, "tag": tag}) for tag in tags],
                   claim_id=cid, source_handle=handle, status_after=state["status"])
        for row, after in evidence:
            writes = [insert_write("evidence", dict(zip(EVIDENCE_COLUMNS, row)))]
            update = update_write("claim", cid, state, after)
            if update:
                writes.append(update)
            citing_text = "" if row[5] is None else f", citing {source_rows[row[5] - 1][1]}"
            log.append("evidence-add", row[6], f"E{row[0]}: {source_rows[row[4] - 1][1]}{citing_text} {row[3]} C{cid}", writes,
                       claim_id=cid, evidence_id=row[0], source_handle=source_rows[row[4] - 1][1], status_before=state["status"],
                       status_after=after["status"])
            state = after
            batch_evidence.append(row)
        if change:
            row, after, summary = change
            writes = [insert_write("lifecycle", dict(zip(LIFECYCLE_COLUMNS, row)))]
            update = update_write("claim", cid, state, after)
            if update:
                writes.append(update)
            log.append(row[3], row[4], summary, writes, claim_id=cid, lifecycle_id=row[0], status_before=state["status"],
                       status_after=after["status"])
            state = after
            batch_lifecycle.append(row)
        claim.update(state)
        batch_claims.append(tuple(claim.values()))
        batch_tags.extend((cid, tag) for tag in tags)
        # As Ledger.searchFields gives it: the evidence's quotes (and notes) in the order the index reads them.
        evidence_text = " ".join((row[7] or "") + " " for row, _ in sorted(evidence, key=lambda e: (e[0][6], e[0][0])))
        batch_search.append((cid, statement.lower(), (quote or "").lower(), place.lower(), " ".join(tags), evidence_text.lower()))
        if cid % 20000 == 0:
            flush()
    flush()
    db.execute("COMMIT")
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("ANALYZE")
    db.close()


def write_csv(path, claims, seed):
    rng = random.Random(seed + 1)
    with open(path, "w", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["statement", "source", "date", "url", "via", "quote", "quantity", "place", "tags"])
        start = datetime.date(2022, 2, 24)
        for n in range(claims):
            qtext, _ = quantity(rng)
            writer.writerow([
                claim_text(rng, n) + f" (report {n})", f"s{rng.randrange(300):03d}",
                (start + datetime.timedelta(days=rng.randrange(700))).isoformat(),
                f"https://example.org/reports/{n}" if n % 3 == 0 else "", f"s{rng.randrange(300):03d}" if n % 5 == 0 else "",
                f"we {rng.choice(VERBS)} it" if n % 2 == 0 else "", qtext or "", rng.choice(PLACES),
                ";".join(sorted(set(rng.sample(TAGS, rng.randrange(3))))),
            ])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, required=True)
    parser.add_argument("--ledger")
    parser.add_argument("--csv")
    parser.add_argument("--sources-only")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.ledger:
        generate(args.ledger, args.claims, args.seed)
    if args.sources_only:
        generate(args.sources_only, 0, args.seed, sources_only=True)
    if args.csv:
        write_csv(args.csv, args.claims, args.seed)


if __name__ == "__main__":
    sys.exit(main())
