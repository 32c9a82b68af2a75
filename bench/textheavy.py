#!/usr/bin/env python3
"""Writes a text-heavy claim CSV and evidence CSV for the report benchmark.

    bench/textheavy.py --claims 50000 --claims-csv claims.csv --evidence-csv evidence.csv [--seed 1]

Real fact-checking data is long text full of what Markdown and HTML must escape: quotation
marks, apostrophes, colons, brackets, asterisks, hashes, ampersands, angle brackets, @ and
www. addresses, dashes, and Cyrillic, accented and other non-ASCII words. Each claim's
statement and quote, and each of its two evidence rows' quotes, are made of such sentences
(written after the worked example's AP report). Claimants and evidence sources are the 300
sources of bench/generate.py's sources ledger (s000…s299), which the CSVs are imported into.
"""
import argparse
import csv
import random

FRAGMENTS = [
    "Ukraine’s General Staff said on Sunday that its forces had “liberated” more than 20 settlements",
    "according to Oleksiy Reznikov, the defence minister: “the Russians had no food or fuel”",
    "Russia’s Defence Ministry (MoD) described the move as a “planned regrouping” — not a retreat",
    "Kupiansk, a key rail hub [east of Kharkiv], was reported retaken; video showed a flag raised",
    "officials in Izyum — *installed by Moscow* — urged residents to evacuate “for their safety”",
    "the UK’s MoD said Russian units around Izyum were #increasingly isolated, with supply lines cut",
    "Зеленський заявив, що українські військові звільнили понад 30 населених пунктів",
    "Міноборони Росії повідомило про «перегрупування» військ у Балаклії та Ізюмі",
    "les forces ukrainiennes ont repris Koupiansk, selon l’état-major à Kyiv",
    "drone footage (geolocated by @osint_analyst) shows 3 T-72 tanks abandoned near Balakliia",
    "“We will not stop,” said Zelenskyy: 1,000 sq km & more — 50 km deep in places",
    "reports of ~40% losses <unconfirmed> in the 4th Tank Army; see www.example.org for the claim",
    "a spokesman for the Kremlin, Dmitry Peskov, declined to comment: “the special operation continues”",
    "satellite images from 10 Sept. (Maxar) show craters along the H-26 road | south of Shevchenkove",
    "Der ukrainische Generalstab meldete die Rückeroberung von Balaklija, Kupjansk und Isjum",
    "“Our soldiers are in Kupiansk,” wrote an adviser, Oleksiy Arestovych, on Telegram at 14:05",
]


def sentence(rng, count):
    return "; ".join(rng.choice(FRAGMENTS) for _ in range(count))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--claims", type=int, required=True)
    parser.add_argument("--claims-csv", required=True)
    parser.add_argument("--evidence-csv", required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with open(args.claims_csv, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["statement", "source", "date", "url", "quote", "place"])
        for n in range(args.claims):
            day = 1 + n % 28
            writer.writerow([
                f"{sentence(rng, 2)} (report {n})", f"s{n % 300:03d}", f"2022-09-{day:02d}",
                f"https://news.example/{n}?ref=feed&lang=en", sentence(rng, 2), rng.choice(["Kupiansk", "Izyum", "Балаклія", "Kharkiv oblast"]),
            ])
    with open(args.evidence_csv, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["claim", "stance", "source", "date", "quote", "note"])
        for n in range(args.claims):
            day = 1 + n % 28
            for k in (1, 2):
                stance = "contradicts" if (n + k) % 5 == 0 else "supports"
                writer.writerow([
                    f"C{n + 1}", stance, f"s{(n + 37 * k) % 300:03d}", f"2022-09-{min(28, day + k):02d}", sentence(rng, 1 + k % 2),
                    sentence(rng, 1) if rng.random() < 0.3 else "",
                ])


if __name__ == "__main__":
    main()
