#!/usr/bin/env bash
# The worked example: the Kharkiv counteroffensive, 9–11 September 2022.
#
# Builds a ledger from the claims, sources and sides of the AP report of
# 11 September 2022 (../../../shared/seeds/000_ec968c88233d40a1.txt, quoted below)
# and shows what the ledger derives from them. Needs no network access.
#
#   examples/kharkiv-2022/run.sh            # builds a release binary, then runs
#   LEDGER=path/to/ledger OUT=dir run.sh     # uses that binary, writes the ledger into dir
#
# It writes the ledger to out/kharkiv.db and, beside this script, its Markdown report to
# report.md with the report's pictures as SVG files in charts/, and the same report as one
# HTML page, report.html (REPORT=path, CHARTS=folder and REPORT_HTML=path write them elsewhere). It
# then verifies the ledger against the head the reports state. The committed report.md,
# charts/ and report.html are the expected output: the test suite regenerates them and
# compares byte for byte.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
if [ -z "${LEDGER:-}" ]; then
  echo "Building ledger (release)…" >&2
  swift build -c release --static-swift-stdlib --package-path "$root" >&2
  LEDGER="$(swift build -c release --static-swift-stdlib --package-path "$root" --show-bin-path)/ledger"
fi
out="${OUT:-$here/out}"
mkdir -p "$out"
export LEDGER_DB="$out/kharkiv.db" LEDGER_USER="example"
# The ledger's head (printed in the report) hashes every change with the moment it was
# recorded and the UUIDs it made. Pinning both makes the report reproducible byte for byte,
# as SOURCE_DATE_EPOCH does for builds (README, "Integrity"); never set them for real work.
export LEDGER_CLOCK="2022-09-11T18:00:00Z" LEDGER_UUID_SEED="kharkiv-2022"
rm -f "$LEDGER_DB" "$LEDGER_DB-wal" "$LEDGER_DB-shm"

ledger() { "$LEDGER" "$@"; }
quietly() { "$LEDGER" "$@" >/dev/null 2>&1 || { echo "failed: ledger $*" >&2; "$LEDGER" "$@"; }; }

ledger init

# --- Sources: who speaks, for which side, and how far we trust them (Admiralty A–F).
quietly source add ua-military --name "General Staff of the Armed Forces of Ukraine" --kind military --affiliation UA --reliability C
quietly source add ua-mfa      --name "Oleh Nikolenko, Ukrainian Foreign Ministry spokesman" --kind government --affiliation UA --reliability C
quietly source add sbu         --name "Security Service of Ukraine (SBU)" --kind government --affiliation UA --reliability C
quietly source add zelensky    --name "Volodymyr Zelensky, President of Ukraine" --kind government --affiliation UA --reliability C
quietly source add reznikov    --name "Oleksii Reznikov, Ukrainian Defence Minister" --kind government --affiliation UA --reliability C
quietly source add uk-mod      --name "UK Ministry of Defence" --kind government --affiliation UK --reliability B
quietly source add ru-mod      --name "Russian Defence Ministry (spokesman Igor Konashenkov)" --kind military --affiliation RU --reliability D
quietly source add ru-izyum    --name "Vladislav Sokolov, head of the Russian-appointed administration" --kind government --affiliation RU --reliability D
quietly source add ap          --name "Associated Press" --kind media --reliability B --url "https://apnews.com"
quietly source add social-video --name "Unattributed social media videos" --kind social --reliability F

# --- C1: the area retaken. Only the Ukrainian military says so: unverified.
# (Its figure is typed wrong here, and corrected below: corrections are logged, never erased.)
quietly add "Ukrainian forces took more than 1000 square kilometres from Russian forces this week" \
  --source ua-military --via ap --date 2022-09-10 --quantity "more than 100 sq km" --place "Kharkiv oblast" \
  --quote "more than 1000 square kilometres" --tag kharkiv --tag territory

# --- C2: the depth of the advance, matched by the UK's "as much as 50km": corroborated.
quietly add "In some areas Ukrainian units penetrated Russian defences to a depth of 50 km" \
  --source ua-military --via ap --date 2022-09-10 --quantity "50 km" --place "Kharkiv oblast" \
  --quote "in some areas, units of the Defence Forces have penetrated the enemy's defences to a depth of 50 kilometres" \
  --tag kharkiv --tag depth
quietly corroborate C2 --source uk-mod --via ap --date 2022-09-10 --quantity "as much as 50 km" \
  --quote "Ukrainian troops had advanced as much as 50km south of Kharkiv"

# --- C3: Kupiansk. The Security Service repeats the Foreign Ministry's side: an echo, still unverified.
quietly add "Ukrainian troops have retaken Kupiansk" \
  --source ua-mfa --via ap --date 2022-09-10 --place "Kupiansk" --tag kupiansk \
  --quote "tweeted a photo showing soldiers in front of what he said was a government building in Kupiansk"
quietly corroborate C3 --source sbu --via ap --date 2022-09-10 \
  --note "Posted a message hours later saying troops were in Kupiansk; the military did not immediately confirm."
# A mistake, withdrawn below: the Balakliya videos recorded against Kupiansk (as E3).
quietly corroborate C3 --source social-video --via ap --date 2022-09-08 \
  --note "Videos showed residents cheering as Ukrainian troops moved in."
# What the analyst looked for and did not find: a note, which never moves a status.
quietly note C3 "The General Staff's update did not confirm entering Kupiansk; nothing either way from the military." \
  --source ua-military --date 2022-09-10

# --- C4: Russia pulling back from Balakliya and Izyum. Ukraine and the Balakliya videos agree: confirmed.
quietly add "Russian troops are pulling back from the Balakliya and Izyum areas" \
  --source ru-mod --via ap --date 2022-09-10 --place "Balakliya; Izyum" --tag withdrawal \
  --quote "troops would be regrouped from the Balakliya and Izyum areas to the eastern Donetsk region"
quietly corroborate C4 --source zelensky --via ap --date 2022-09-10 \
  --quote "The Russian army in these days is demonstrating the best that it can do - showing its back"
quietly corroborate C4 --source social-video --via ap --date 2022-09-08 \
  --note "Earlier in the week, videos showed residents of Balakliya cheering as Ukrainian troops moved in."

# --- C5: Russia's reason for it. Zelensky calls it running, not regrouping: contradicted.
quietly add "The pullback is a planned regrouping to concentrate forces on the Donetsk region" \
  --source ru-mod --via ap --date 2022-09-10 --tag withdrawal \
  --quote "in order to achieve the stated goals of the special military operation to liberate Donbas"
quietly contradict C5 --source zelensky --via ap --date 2022-09-10 \
  --quote "And, of course, it's a good decision for them to run."

# --- C6: settlements reclaimed, said on Friday by the President alone: unverified.
quietly add "Ukrainian troops have reclaimed more than 30 settlements in the Kharkiv region since the start of the counteroffensive" \
  --source zelensky --via ap --date 2022-09-09 --quantity "more than 30 settlements" --place "Kharkiv oblast" --tag kharkiv

# --- C7: the Izyum evacuation, from the Russian-appointed administration alone: unverified.
quietly add "Authorities in Izyum have started evacuating residents to Russia" \
  --source ru-izyum --via ap --date 2022-09-10 --place "Izyum" --tag izyum

# --- C8: Izyum's supply lines cut. The UK's "increasingly isolated" supports it: corroborated.
quietly add "Ukraine has cut off the supply lines of Russian troops around Izyum" \
  --source reznikov --via ap --date 2022-09-10 --place "Izyum" --tag izyum \
  --quote "the Russians had no food or fuel for their troops in the area as Kyiv had cut off their supply lines"
quietly corroborate C8 --source uk-mod --via ap --date 2022-09-10 \
  --quote "described Russian forces around Izyum as \"increasingly isolated\""

# --- Corrections: the record is corrected, never erased; `show` and the report list each one.
quietly withdraw E3 --reason "Misattributed: the videos show Balakliya, not Kupiansk; they are recorded on C4 as E5"
quietly edit C1 --quantity "more than 1000 sq km" \
  --reason "Typo: the General Staff said more than 1000 square kilometres"

report="${REPORT:-$here/report.md}"
charts="${CHARTS:-$here/charts}"
page="${REPORT_HTML:-$here/report.html}"
ledger report --title "Kharkiv counteroffensive, 9–11 September 2022" --changes-since 2022-09-09 \
  --output "$report" --charts "$charts" --force
ledger report --title "Kharkiv counteroffensive, 9–11 September 2022" --changes-since 2022-09-09 \
  --format html --output "$page" --force

# Anyone holding the report can prove the ledger (or an export of it) still holds the
# history the report was made from.
head=$(ledger log --head --json | sed -n 's/.*"head": "\([0-9a-f]*\)".*/\1/p')
ledger verify --head "$head"

echo
ledger list
echo
ledger show C4
echo
echo "The report is in $report (its pictures in $charts) and $page; the ledger in $LEDGER_DB (try: LEDGER_DB=$LEDGER_DB $LEDGER show C3)." >&2
