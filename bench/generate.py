#!/usr/bin/env python3
"""Writes synthetic ledgers and import files for the benchmarks.

    bench/generate.py --claims 100000 --ledger out.db [--csv out.csv] [--sources-only out.db] [--seed 1]

A ledger has CLAIMS claims with about three evidence rows each, 300 sources in 30
groups (a tenth unaffiliated, a few graded E), quantities, places, tags, a few
resolved and retracted claims, the search index and a log that accounts for every
row (as an import would write it). Statuses and grades are derived by SPEC §2's
rules; `ledger check` on the result verifies them against ledger's own code, so a
divergence here shows up as a benchmark failure, not as wrong numbers.

The CSV has CLAIMS rows with the header ledger imports
(statement,source,date,url,via,quote,quantity,place,tags); --sources-only writes an
empty ledger holding just the sources, to import it into.
"""
import argparse
import csv
import datetime
import os
import random
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
    db.executemany(
        "INSERT INTO source (id, uuid, handle, name, kind, affiliation, reliability, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'bench')",
        [(i + 1, *row, NOW) for i, row in enumerate(source_rows)])
    log = [(1, "import", None, None, None, None, "2026-01-01", None, None, "imported bench data", None)]
    log += [(len(log) + i + 1, "source-add", None, None, None, row[1], "2026-01-01", None, None, f"added source {row[1]}", 1)
            for i, row in enumerate(source_rows)]

    def flush_log():
        db.executemany(
            "INSERT INTO log (id, recorded_at, actor, action, claim_id, evidence_id, lifecycle_id, source_handle, effective, status_before, status_after, summary, caused_by) "
            "VALUES (?, '" + NOW + "', 'bench', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", log)
        log.clear()

    next_log = len(log) + 1
    flush_log()
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
        db.executemany(
            "INSERT INTO claim (id, uuid, statement, claimant_id, date, quote, quantity_text, quantity_low, quantity_high, quantity_low_open, "
            "quantity_high_open, quantity_unit, quantity_dimension, place, place_key, status, verdict, grade, support_independent, "
            "support_echoes, contradictions, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '" + NOW + "', 'bench')",
            batch_claims)
        db.executemany("INSERT INTO claim_tag (claim_id, tag) VALUES (?, ?)", batch_tags)
        db.executemany(
            "INSERT INTO evidence (id, uuid, claim_id, stance, source_id, citing_id, date, quote, note, recorded_at, recorded_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '" + NOW + "', 'bench')", batch_evidence)
        db.executemany(
            "INSERT INTO lifecycle (id, uuid, claim_id, action, effective, reason, verdict, step, recorded_at, recorded_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, 1, '" + NOW + "', 'bench')", batch_lifecycle)
        db.executemany("INSERT INTO claim_search (rowid, statement, quote, place, tags, evidence) VALUES (?, ?, ?, ?, ?, ?)", batch_search)
        flush_log()
        for batch in (batch_claims, batch_tags, batch_evidence, batch_lifecycle, batch_search):
            batch.clear()

    for cid in range(1, claims + 1):
        claimant = rng.randrange(300)
        date = start + datetime.timedelta(days=rng.randrange(700))
        statement = claim_text(rng, cid)
        quote = f"we {rng.choice(VERBS)} it" if rng.random() < 0.5 else None
        qtext, q = quantity(rng)
        place = rng.choice(PLACES)
        tags = sorted(set(rng.sample(TAGS, rng.randrange(4))))
        log.append((next_log, "claim-add", cid, None, None, source_rows[claimant][1], date.isoformat(), None, "unverified",
                    f"added C{cid}", 1))
        next_log += 1
        supporting, contradicting, echoes, evidence_text = set(), set(), 0, []
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
            batch_evidence.append((evidence_id, str(uuid.UUID(int=rng.getrandbits(128), version=4)), cid, stance, source + 1,
                                   None if citing is None else citing + 1, edate.isoformat(), equote, None))
            evidence_text.append(equote or "")
            log.append((next_log, "evidence-add", cid, evidence_id, None, source_rows[source][1], edate.isoformat(), None, None,
                        f"E{evidence_id}", 1))
            next_log += 1
        s, k = len(supporting), len(contradicting)
        status = "unverified" if s == 0 and k == 0 else "corroborated" if k == 0 and s == 1 else "confirmed" if k == 0 else "disputed" if s else "contradicted"
        digit = CREDIBILITY[status]
        verdict = None
        roll = rng.random()
        if roll < 0.02:
            lifecycle_id += 1
            verdict = rng.choice(list(VERDICT_DIGIT))
            batch_lifecycle.append((lifecycle_id, str(uuid.UUID(int=rng.getrandbits(128), version=4)), cid, "resolve",
                                    (date + datetime.timedelta(days=7)).isoformat(), "reviewed", verdict))
            log.append((next_log, "resolve", cid, None, lifecycle_id, None, (date + datetime.timedelta(days=7)).isoformat(), None, None,
                        f"C{cid} resolved", 1))
            next_log += 1
            status, digit = "resolved", VERDICT_DIGIT[verdict]
        elif roll < 0.03:
            lifecycle_id += 1
            batch_lifecycle.append((lifecycle_id, str(uuid.UUID(int=rng.getrandbits(128), version=4)), cid, "retract",
                                    (date + datetime.timedelta(days=7)).isoformat(), None, None))
            log.append((next_log, "retract", cid, None, lifecycle_id, None, (date + datetime.timedelta(days=7)).isoformat(), None, None,
                        f"C{cid} retracted", 1))
            next_log += 1
            status, digit = "retracted", 5
        if status != "unverified":
            log.append((next_log, "rederive", cid, None, None, None, "2026-01-01", "unverified", status, f"C{cid} re-derived", 1))
            next_log += 1
        batch_claims.append((cid, str(uuid.UUID(int=rng.getrandbits(128), version=4)), statement, claimant + 1, date.isoformat(), quote, qtext,
                             *(q if q else (None,) * 6), place, place.lower(), status, verdict, f"{source_rows[claimant][5]}{digit}", s,
                             echoes, k))
        batch_tags.extend((cid, tag) for tag in tags)
        batch_search.append((cid, statement.lower(), (quote or "").lower(), place.lower(), " ".join(tags), " ".join(evidence_text).lower()))
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
