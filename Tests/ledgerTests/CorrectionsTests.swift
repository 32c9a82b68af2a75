import Foundation
import LedgerTestSupport
import Testing

/// Corrections and notes (SPEC §2 "Corrections", §1 "Note", §3): `edit`, `evidence edit`,
/// `withdraw`, `note`, as a user runs them.
@Suite struct CorrectionsTests {
    /// The last log entry's canonical form, as stored: `export` writes each entry's bytes as
    /// they are, one entry a line (`{"entry": …, "hash": "…"}`).
    private func lastEntry(_ workspace: Workspace) throws -> String {
        let line = try #require(try workspace.ok("export").split(separator: "\n").last { $0.hasPrefix("    {\"entry\": ") })
        let entry = line.dropFirst("    {\"entry\": ".count)
        return String(try #require(entry.range(of: ", \"hash\": \"", options: .backwards).map { entry[..<$0.lowerBound] }))
    }

    private func claim(_ workspace: Workspace, _ id: String, _ extra: [String] = []) throws -> [String: Any] {
        try #require(try workspace.json(["show", id] + extra) as? [String: Any])
    }

    /// A workspace with C2 (a figure, tags, a via) supported by uk-mod with a consistent figure.
    private func withFigures() throws -> Workspace {
        let workspace = try Workspace().seeded()
        try workspace.ok(
            "add", "Ukrainian forces retook more than 1000 sq km", "--source", "ua-military", "--date", "2022-09-10", "--quantity",
            "more than 1000 sq km", "--tag", "kharkiv", "--tag", "territory", "--via", "ua-mfa")
        try workspace.ok("corroborate", "C2", "--source", "uk-mod", "--date", "2022-09-11", "--quantity", "1500 sq km")
        return workspace
    }

    @Test func editCorrectsAClaimWithBeforeAndAfterAndUndoTakesItBack() throws {
        let workspace = try withFigures()
        let before = try claim(workspace, "C2")
        #expect(before["status"] as? String == "corroborated")

        // A figure the supporting evidence contradicts is refused, naming the row and the way out.
        let exported = try workspace.run(["export"]).stdout
        let refused = try workspace.run(["edit", "C2", "--quantity", "more than 3000 sq km", "--reason", "typo"])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("E1 (uk-mod) supports C2 with '1500 sq km'") && refused.stderr.contains("--force"), "\(refused.stderr)")
        #expect(try workspace.run(["export"]).stdout == exported, "a refused correction changes nothing")

        // With --force it is made, and the supporting row is flagged as the figures disagree.
        let forced = try workspace.run(["edit", "C2", "--quantity", "more than 3000 sq km", "--reason", "typo", "--force", "--json"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stderr.contains("Corrected C2: quantity 'more than 1000 sq km' → 'more than 3000 sq km'"), "\(forced.stderr)")
        let entry = try lastEntry(workspace)
        #expect(entry.contains(#""action":"claim-edit""#))
        // Only what changed, before and after (the open upper bound stays as it was).
        #expect(entry.contains(#""set":{"quantity_low":3000.0,"quantity_text":"more than 3000 sq km"},"update":"claim","was":{"quantity_low":1000.0,"quantity_text":"more than 1000 sq km"}"#), "\(entry)")
        #expect(entry.contains(#""set":{"forced":1},"update":"evidence","was":{"forced":0}"#), "\(entry)")
        let report = try workspace.ok("report")
        #expect(report.contains("Inconsistent quantity recorded with --force: E1"))
        #expect(try workspace.run(["check"]).status == 0)

        // Statement, date, place, tags and via, in one correction; the claimant cannot be named.
        try workspace.ok(
            "edit", "C2", "--statement", "Ukrainian forces retook more than 3000 sq km", "--date", "2022-09-09", "--place", "Kharkiv oblast",
            "--tag", "counteroffensive", "--untag", "kharkiv", "--via", "", "--reason", "Checked against the General Staff's post")
        let edited = try claim(workspace, "C2")
        #expect(edited["statement"] as? String == "Ukrainian forces retook more than 3000 sq km")
        #expect(edited["date"] as? String == "2022-09-09")
        #expect(edited["place"] as? String == "Kharkiv oblast")
        #expect(edited["tags"] as? [String] == ["counteroffensive", "territory"])
        #expect(try workspace.ok("show", "C2").contains("claimant         ua-military (General Staff of Ukraine)\n"))
        #expect(try workspace.ok("list", "--search", "3000").contains("C2"), "the search index follows the statement")
        #expect(try workspace.ok("list", "--place", "kharkiv").contains("C2"))
        #expect(try workspace.run(["check"]).status == 0)
        let claimant = try workspace.run(["edit", "C2", "--claimant", "uk-mod", "--reason", "x"])
        #expect(claimant.status == 64 && claimant.stderr.contains("A claim's claimant cannot be corrected"), "\(claimant.stderr)")

        // Undo walks back both corrections: the claim reads as it did, the flag gone.
        try workspace.ok("undo")
        try workspace.ok("undo")
        let undone = try claim(workspace, "C2")
        #expect(NSDictionary(dictionary: undone) == NSDictionary(dictionary: before))
        #expect(!(try workspace.ok("report")).contains("Inconsistent quantity recorded with --force"))
        #expect(try workspace.run(["check"]).status == 0)
    }

    /// Each option of `edit` and `evidence edit` on its own: the field changes, `check` is clean, `undo` restores it.
    @Test func everyOptionCorrectsItsFieldAndUndoRestoresIt() throws {
        let workspace = try withFigures()
        let claimCases: [([String], String, Any?)] = [
            (["--statement", "Ukrainian forces retook 1000 sq km or more"], "statement", "Ukrainian forces retook 1000 sq km or more"),
            (["--date", "2022-09-09"], "date", "2022-09-09"),
            (["--quantity", "1000–2000 sq km"], "quantity", "1000–2000 sq km"),
            (["--quantity", ""], "quantity", nil),
            (["--place", "Izium"], "place", "Izium"),
            (["--tag", "area"], "tags", ["area", "kharkiv", "territory"]),
            (["--untag", "kharkiv"], "tags", ["territory"]),
        ]
        for (options, field, expected) in claimCases {
            let before = try claim(workspace, "C2")
            try workspace.ok(["edit", "C2"] + options + ["--reason", "test"])
            var value = try claim(workspace, "C2")[field]
            if let quantity = value as? [String: Any] { value = quantity["text"] }
            if value is NSNull { value = nil }
            #expect(String(describing: value ?? "nil") == String(describing: expected ?? "nil"), "\(options)")
            #expect(try workspace.run(["check"]).status == 0, "\(options)")
            try workspace.ok("undo")
            #expect(NSDictionary(dictionary: try claim(workspace, "C2")) == NSDictionary(dictionary: before), "\(options) undone")
        }
        // Fields `show --json` leaves out of the claim shape: read in the text view.
        for (options, shown) in [
            (["--url", "https://example.org/gs"], "url              https://example.org/gs"), (["--quote", "more than 1000 square kilometres"], "quote            “more than 1000 square kilometres”"),
            (["--via", "ru-mod"], "ua-military (General Staff of Ukraine) via ru-mod"),
        ] {
            try workspace.ok(["edit", "C2"] + options + ["--reason", "test"])
            #expect(try workspace.ok("show", "C2").contains(shown), "\(options)")
            #expect(try workspace.run(["check"]).status == 0)
            try workspace.ok("undo")
            #expect(!(try workspace.ok("show", "C2")).contains(shown))
        }
        let evidenceCases: [([String], String, Any?)] = [
            (["--date", "2022-09-12"], "date", "2022-09-12"),
            (["--via", "ap-none"], "via", nil),
            (["--url", "https://example.org/ukmod"], "url", "https://example.org/ukmod"),
            (["--quote", "as much as 1500 sq km"], "quote", "as much as 1500 sq km"),
            (["--quantity", "about 1200 sq km"], "quantity", "about 1200 sq km"),
            (["--quantity", "200 sq km", "--force"], "quantity", "200 sq km"),
            (["--citing", "ru-mod"], "citing", "ru-mod"),
            (["--note", "From the daily update"], "note", "From the daily update"),
        ]
        try workspace.ok("source", "add", "ap-none", "--name", "An outlet")
        for (options, field, expected) in evidenceCases {
            let before = try claim(workspace, "C2")
            try workspace.ok(["evidence", "edit", "E1"] + options + ["--reason", "test"])
            let row = try #require((try claim(workspace, "C2")["evidence"] as? [[String: Any]])?.first)
            var value = row[field]
            if let quantity = value as? [String: Any] { value = quantity["text"] }
            if value is NSNull { value = nil }
            if field == "via" { #expect(row["via"] as? String == "ap-none") } else {
                #expect(String(describing: value ?? "nil") == String(describing: expected ?? "nil"), "\(options)")
            }
            #expect(try workspace.run(["check"]).status == 0, "\(options)")
            try workspace.ok("undo")
            #expect(NSDictionary(dictionary: try claim(workspace, "C2")) == NSDictionary(dictionary: before), "\(options) undone")
        }
        #expect(try workspace.ok("report").contains("Inconsistent quantity") == false)
    }

    @Test func correctionsThatChangeNothingOrBreakARuleAreRefused() throws {
        let workspace = try withFigures()
        try workspace.ok("retract", "C1", "--date", "2022-09-12")
        try workspace.ok("add", "Ukrainian forces retook more than 1000 sq km", "--source", "ua-military", "--date", "2022-09-11")
        let exported = try workspace.run(["export"]).stdout
        for (arguments, status, message) in [
            (["edit", "C2", "--reason", "nothing"], Int32(64), "Say what to correct"),
            (["edit", "C2", "--quantity", "more than 1000 sq km", "--reason", "same"], 65, "C2 already has the values given; nothing was changed."),
            (["edit", "C2", "--untag", "absent", "--reason", "x"], 65, "C2 has no tag 'absent' to remove"),
            (["edit", "C2", "--tag", "x", "--untag", "x", "--reason", "x"], 64, "given both to --tag and to --untag"),
            (["edit", "C2", "--quantity", "50 km", "--reason", "x"], 65, "cannot be compared"),
            (["edit", "C2", "--statement", " ", "--reason", "x"], 65, "The statement is empty"),
            (["edit", "C2", "--url", "javascript:alert(1)", "--reason", "x"], 65, "http"),
            (["edit", "C2", "--via", "nobody", "--reason", "x"], 65, "There is no source 'nobody'"),
            (["edit", "C2", "--place", "Izium"], 64, "--reason"),
            (["edit", "C9", "--place", "Izium", "--reason", "x"], 65, "There is no claim C9"),
            (["edit", "C3", "--date", "2022-09-10", "--reason", "x"], 65, "C2 already records this statement by ua-military on 2022-09-10"),
            (["edit", "C1", "--date", "2022-09-15", "--reason", "x"], 65, "C1 has a retract dated 2022-09-12, so it cannot have been made on 2022-09-15"),
            (["evidence", "edit", "E1", "--reason", "nothing"], 64, "Say what to correct"),
            (["evidence", "edit", "E1", "--quantity", "1500 sq km", "--reason", "same"], 65, "E1 already has the values given"),
            (["evidence", "edit", "E1", "--quantity", "200 sq km", "--reason", "x"], 65, "is inconsistent with C2's"),
            (["evidence", "edit", "E1", "--citing", "uk-mod", "--reason", "x"], 65, "uk-mod cannot cite itself"),
            (["evidence", "edit", "E1", "--source", "ru-mod", "--reason", "x"], 64, "The source and stance of evidence cannot be corrected"),
            (["evidence", "edit", "E1", "--stance", "contradicts", "--reason", "x"], 64, "withdraw it with `ledger withdraw E1 --reason …`"),
            (["evidence", "edit", "E9", "--note", "x", "--reason", "x"], 65, "There is no evidence E9"),
            (["withdraw", "E1"], 64, "--reason"),
            (["withdraw", "E1", "--reason", ""], 65, "The reason is empty"),
            (["withdraw", "X1", "--reason", "x"], 65, "'X1' is not an evidence id"),
            (["note", "C2", ""], 65, "The note is empty"),
            (["note", "C9", "looked"], 65, "There is no claim C9"),
            (["note", "C2", "looked", "--source", "nobody"], 65, "There is no source 'nobody'"),
            (["note", "C2", "looked", "--url", "file:///etc/passwd"], 65, "http"),
        ] {
            let result = try workspace.run(arguments)
            #expect(result.status == status && result.stderr.contains(message), "\(arguments): \(result.status) \(result.stderr)")
            // One sentence (the argument parser's own usage errors add its usage block).
            if status == 65 || message.hasPrefix("Say what") || message.contains("cannot be corrected") {
                #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments): one clear sentence, not \(result.stderr)")
            }
            #expect(try workspace.run(["export"]).stdout == exported, "\(arguments) changed the ledger")
        }
    }

    /// A successor exists by the day it supersedes: `supersede --date` before it, or an edit
    /// moving it after, is refused (a point-in-time view would show a successor not yet made).
    @Test func aSuccessorIsMadeByTheDayItSupersedes() throws {
        let workspace = try Workspace().seeded()
        try workspace.ok("add", "Kupiansk and its station seized", "--source", "ua-mfa", "--date", "2022-09-12")
        let early = try workspace.run(["supersede", "C1", "--by", "C2", "--date", "2022-09-11"])
        #expect(early.status == 65 && early.stderr.contains("C2 was made on 2022-09-12, so it cannot supersede C1 as of 2022-09-11"), "\(early.stderr)")
        try workspace.ok("supersede", "C1", "--by", "C2", "--date", "2022-09-14")
        let exported = try workspace.run(["export"]).stdout
        let moved = try workspace.run(["edit", "C2", "--date", "2022-09-20", "--reason", "typo"])
        #expect(moved.status == 65 && moved.stderr.contains("C2 supersedes C1 as of 2022-09-14, so it cannot have been made on 2022-09-20"), "\(moved.stderr)")
        #expect(try workspace.run(["export"]).stdout == exported)
        try workspace.ok("edit", "C2", "--date", "2022-09-13", "--reason", "The ministry's post was a day earlier")
        #expect(try workspace.run(["check"]).status == 0)
    }

    @Test func evidenceIsCorrectedAndWithdrawnAndShownWithTheReason() throws {
        let workspace = try withFigures()
        // Citing the claimant's own side makes the row an echo: the status moves, and back on undo.
        let cited = try workspace.run(["evidence", "edit", "E1", "--citing", "ua-mfa", "--reason", "It repeats the ministry"])
        #expect(cited.status == 0 && cited.stderr.contains("C2: corroborated → unverified"), "\(cited.stderr)")
        #expect(try lastEntry(workspace).contains(#""action":"evidence-edit""#))
        #expect(try workspace.run(["check"]).status == 0)
        try workspace.ok("undo")
        #expect(try claim(workspace, "C2")["status"] as? String == "corroborated")

        try workspace.ok("evidence", "edit", "E1", "--note", "Seen in the 11 September update", "--date", "2022-09-12", "--reason", "Date from the update")
        let history = try #require(try workspace.json("evidence", "show", "E1") as? [String: Any])
        let entries = try #require(history["history"] as? [[String: Any]])
        #expect(entries.map { $0["action"] as? String } == ["evidence-add", "evidence-edit", "undo", "evidence-edit"])

        // Withdrawn: it no longer counts, but stays, marked with the reason, everywhere it is shown.
        let withdrawn = try workspace.run(["withdraw", "E1", "--reason", "Misattributed: the figure is ISW's"])
        #expect(withdrawn.status == 0 && withdrawn.stderr.contains("Withdrew E1; it no longer counts") && withdrawn.stderr.contains("corroborated → unverified"), "\(withdrawn.stderr)")
        let shown = try claim(workspace, "C2")
        let row = try #require((shown["evidence"] as? [[String: Any]])?.first)
        #expect(row["counts_as"] as? String == "withdrawn")
        #expect((row["withdrawn"] as? [String: Any])?["reason"] as? String == "Misattributed: the figure is ISW's")
        #expect(shown["support"] as? [String: Int] == ["independent": 0, "echoes": 0])
        #expect(try workspace.ok("show", "C2").contains("[withdrawn: Misattributed: the figure is ISW's]"))
        #expect(try workspace.ok("show", "E1").contains("withdrawn"))
        let markdown = try workspace.ok("report")
        #expect(markdown.contains("| withdrawn: Misattributed\\: the figure is ISW's |"), "\(markdown)")
        #expect(markdown.contains("- Withdrawn: E1 (`uk-mod` supports) no longer counts"))
        #expect(try workspace.ok("report", "--format", "csv").contains("E1: Misattributed: the figure is ISW's"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(workspace.ok("report", "--format", "json").utf8)) as? [String: Any])
        let flags = ((json["claims"] as? [[String: Any]])?.first { $0["id"] as? String == "C2" }?["flags"] as? [[String: Any]]) ?? []
        #expect(flags.contains { $0["flag"] as? String == "evidence-withdrawn" && $0["evidence"] as? String == "E1" })

        // A correction fixes the record, not the world: every day reads the corrected record.
        #expect(try claim(workspace, "C2", ["--as-of", "2022-09-12"])["status"] as? String == "unverified")
        #expect(try claim(workspace, "C2", ["--as-of", "2022-09-10"])["status"] as? String == "unverified")

        let again = try workspace.run(["withdraw", "E1", "--reason", "twice"])
        #expect(again.status == 65 && again.stderr.contains("E1 was already withdrawn"))
        let edit = try workspace.run(["evidence", "edit", "E1", "--note", "x", "--reason", "x"])
        #expect(edit.status == 65 && edit.stderr.contains("E1 was withdrawn"))
        #expect(try workspace.run(["check"]).status == 0)
        try workspace.ok("undo")
        #expect(try claim(workspace, "C2")["status"] as? String == "corroborated")
        #expect(try workspace.run(["check"]).status == 0)

        // An echo's address is an appearance of the claim in ClaimReview; a withdrawn echo's is not.
        try workspace.ok("corroborate", "C2", "--source", "ua-mfa", "--url", "https://example.org/echo")
        let review = ["report", "--format", "claimreview", "--publisher", "Desk", "--base-url", "https://desk.example/"]
        #expect(try workspace.ok(review).contains("https://example.org/echo"))
        try workspace.ok("withdraw", "E2", "--reason", "Not about this claim")
        #expect(!(try workspace.ok(review)).contains("https://example.org/echo"))
    }

    @Test func notesJoinTheTimelineAndNeverMoveAStatus() throws {
        let workspace = try withFigures()
        let before = try claim(workspace, "C2")
        let added = try workspace.run([
            "note", "C2", "Searched the Kharkiv oblast administration's channel: nothing either way", "--source", "ru-mod", "--url",
            "https://t.me/example/1", "--date", "2022-09-11",
        ])
        #expect(added.status == 0 && added.stderr.contains("Recorded N1 on C2; its status does not move (corroborated)."), "\(added.stderr)")
        let after = try claim(workspace, "C2")
        #expect(after["status"] as? String == before["status"] as? String)
        let note = try #require((after["notes"] as? [[String: Any]])?.first)
        #expect(note["id"] as? String == "N1" && note["source"] as? String == "ru-mod" && note["date"] as? String == "2022-09-11")
        #expect(try workspace.ok("show", "C2").contains("N1  2022-09-11"))
        #expect(((try claim(workspace, "C2", ["--as-of", "2022-09-10"]))["notes"] as? [Any])?.isEmpty == true)
        #expect(((try claim(workspace, "C2", ["--as-of", "2022-09-11"]))["notes"] as? [Any])?.count == 1)
        let report = try workspace.ok("report")
        #expect(report.contains("#### C2 notes") && report.contains("| N1 | 2022-09-11 | \(TestBackend.current.actor("e2e")) | `ru-mod` |"), "\(report)")
        #expect(!(try workspace.ok("report", "--as-of", "2022-09-10")).contains("#### C2 notes"))
        #expect(try workspace.ok("list", "--search", "oblast channel").contains("C2"), "notes are searched")
        #expect(try workspace.run(["check"]).status == 0)
        // The consulted source cannot be undone while a note names it; the note itself can.
        try workspace.ok("undo")
        #expect(((try claim(workspace, "C2"))["notes"] as? [Any])?.isEmpty == true)
        #expect(!(try workspace.ok("list", "--search", "oblast channel")).contains("C2"))
        #expect(try workspace.run(["check"]).status == 0)
    }

    @Test func correctionsAndNotesTravelInExports() throws {
        let first = try withFigures()
        let second = Workspace()
        let file = first.folder + "/first.json"
        try first.ok("export", "--output", file)
        try second.ok("init")
        try second.ok("import", file)
        try second.ok("note", "C1", "Our own note")

        try first.ok("withdraw", "E1", "--reason", "Misattributed")
        try first.ok("note", "C2", "Consulted the ISW map", "--source", "uk-mod", "--date", "2022-09-12")
        try first.ok("edit", "C1", "--place", "Kupiansk, Kharkiv oblast", "--reason", "Fuller place")
        try first.ok("export", "--output", file, "--force")

        // Into a new ledger the export's log is taken whole: every row reads as in the first.
        let third = Workspace()
        try third.ok("init")
        let adopted = try third.run(["import", file])
        #expect(adopted.stderr.contains("0 lifecycle changes, 1 note; took its log"), "\(adopted.stderr)")
        for id in ["C1", "C2"] {
            #expect(NSDictionary(dictionary: try claim(third, id)) == NSDictionary(dictionary: try claim(first, id)), "\(id)")
        }
        #expect(try third.run(["check"]).status == 0)

        // Merged into a ledger with its own history: the note and the withdrawal arrive; the edit is a conflict kept apart.
        let merged = try second.run(["import", file])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stderr.contains("1 note") && merged.stderr.contains("withdrew 1 piece of evidence as the file had"), "\(merged.stderr)")
        #expect(merged.stderr.contains("C1: the file gives another place for it; kept the ledger's"), "\(merged.stderr)")
        let c2 = try claim(second, "C2")
        #expect(c2["status"] as? String == "unverified")
        #expect((c2["notes"] as? [[String: Any]])?.first?["text"] as? String == "Consulted the ISW map")
        #expect(try second.run(["check"]).status == 0)
        let again = try second.run(["import", file])
        #expect(again.stderr.contains("nothing new") || again.stderr.contains("added 0"), "\(again.stderr)")
        // Undoing the import takes the note and the withdrawal back out.
        try second.ok("undo")
        #expect(try claim(second, "C2")["status"] as? String == "corroborated")
        #expect((try claim(second, "C2")["notes"] as? [Any])?.isEmpty == true)
        #expect(try second.run(["check"]).status == 0)

        // An evidence correction made in one ledger is a conflict named in the other, never dropped without a word.
        try first.ok("corroborate", "C1", "--source", "uk-mod", "--date", "2022-09-11")
        try first.ok("export", "--output", file, "--force")
        try second.ok("import", file)
        try first.ok("evidence", "edit", "E2", "--citing", "ua-military", "--note", "Repeats the General Staff", "--reason", "It repeats the GS")
        try first.ok("export", "--output", file, "--force")
        let conflicted = try second.run(["import", file])
        #expect(conflicted.status == 0 && conflicted.stderr.contains("E2: the file gives another citing, note for it; kept the ledger's"), "\(conflicted.stderr)")
        #expect(try second.run(["check"]).status == 0)
    }

    /// A correction made in one ledger does not stop the other's rows from arriving: what
    /// fails a rule only against the corrected claim (a change dated before its corrected date,
    /// a figure against its corrected figure) is a conflict kept out; the rest is imported.
    @Test func aCorrectionOnOneSideKeepsOutOnlyWhatItConflictsWith() throws {
        let first = try Workspace().seeded()
        try first.ok("add", "Units penetrated 50 km", "--source", "ua-military", "--date", "2022-09-10", "--quantity", "50 km")
        let second = Workspace()
        let file = first.folder + "/first.json"
        try first.ok("export", "--output", file)
        try second.ok("init")
        try second.ok("import", file)

        try first.ok("edit", "C1", "--date", "2022-09-15", "--reason", "The ministry's post was on the 15th")
        try first.ok("edit", "C2", "--quantity", "10 km", "--reason", "Typo")
        try second.ok("retract", "C1", "--date", "2022-09-12")
        try second.ok("corroborate", "C2", "--source", "uk-mod", "--quantity", "about 50 km", "--date", "2022-09-11")
        try second.ok("add", "Izium encircled", "--source", "ua-mfa", "--date", "2022-09-11")
        let back = second.folder + "/second.json"
        try second.ok("export", "--output", back)
        let imported = try first.run(["import", back])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("C1: the file's retract of 2022-09-12 was kept out"), "\(imported.stderr)")
        #expect(imported.stderr.contains("C2: the file's evidence") && imported.stderr.contains("was kept out"), "\(imported.stderr)")
        #expect(imported.stderr.contains("C1: the file gives another date for it"), "\(imported.stderr)")
        #expect((try first.json("list") as? [[String: Any]])?.count == 3, "the new claim arrives")
        #expect(try claim(first, "C1")["status"] as? String == "unverified")
        #expect(try first.run(["check"]).status == 0)
    }

    @Test func aCSVOfEvidenceCarriesNotes() throws {
        let workspace = try withFigures()
        let file = workspace.folder + "/evidence.csv"
        try """
            claim,stance,source,date,url,note
            C2,note,ru-mod,2022-09-12,https://example.org/feed,"Consulted the ministry's feed, nothing either way"
            C2,note,,2022-09-12,,Asked the regional press office
            C1,supports,uk-mod,2022-09-11,,
            """.write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try workspace.run(["import", file])
        #expect(imported.status == 0 && imported.stderr.contains("2 notes"), "\(imported.stderr)")
        let notes = try #require(try claim(workspace, "C2")["notes"] as? [[String: Any]])
        #expect(notes.map { $0["source"] as? String } == ["ru-mod", nil])
        #expect(try claim(workspace, "C1")["status"] as? String == "corroborated")
        #expect(try workspace.run(["import", file]).stderr.contains("skipped 3"))
        #expect(try workspace.run(["check"]).status == 0)

        try workspace.expectImportsRefused(file, [
            ("claim,stance,source,note\nC1,note,uk-mod,\n", "row 2, field note: The note is empty"),
            ("claim,stance,source,quote,note\nC1,note,uk-mod,words,looked\n", "row 2, field quote: A note row takes claim, source, date, url and note; leave quote empty. Nothing was imported."),
        ])
    }

    /// A ledger written by schema version 3 (the worked example as the previous release made
    /// it) is read as it is, and migrated by its first write; its published head still verifies.
    @Test(.sqliteOnly) func aVersion3LedgerIsReadThenMigratedByItsFirstWrite() throws {
        let workspace = Workspace()
        try FileManager.default.copyItem(atPath: Workspace.fixtures + "/v3-ledger/kharkiv-v3.ledger", toPath: workspace.db)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: workspace.db)
        let head = "f2dcf959b77529a72b867bec010ddec899ddbfcc337a3a1e2ba8d3e8072a54c7"
        func version() throws -> String {
            try workspace.run([workspace.db, "PRAGMA user_version"], useDB: false, executable: "/usr/bin/sqlite3").stdout
        }
        let expected = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Workspace.fixtures + "/v3-ledger/show.json")))
                as? [[String: Any]])
        #expect(expected.count == 8)
        // Reads leave the file as it is, and so do writes that change nothing.
        #expect(try workspace.run(["check"]).status == 0)
        #expect(try workspace.ok("report").contains(head))
        let export = workspace.folder + "/export.json"
        try workspace.ok("export", "--output", export)
        let again = try workspace.run(["import", export])
        #expect(again.status == 0 && again.stderr.contains("nothing new"), "\(again.stderr)")
        try workspace.ok("source", "edit", "uk-mod", "--name", "UK Ministry of Defence")
        #expect(try version() == "3\n")
        #expect(try workspace.ok("log", "--head").contains(head))
        try workspace.ok("note", "C2", "Looked for the 50 km figure in the ISW update")
        #expect(try version() == "5\n")
        let check = try workspace.run(["check"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        for (index, before) in expected.enumerated() {
            let after = Workspace.withoutLaterFields(try claim(workspace, "C\(index + 1)"), dropping: ["withdrawn"])
            #expect(NSDictionary(dictionary: after) == NSDictionary(dictionary: before), "C\(index + 1) reads otherwise after the migration")
        }
        let log = try #require(try workspace.json("log") as? [[String: Any]])
        #expect(log.count == 26)
        #expect(log[24]["action"] as? String == "migrate" && log[25]["action"] as? String == "note-add")
        #expect(try workspace.run(["verify", "--head", head]).status == 0)
        try workspace.ok("withdraw", "E1", "--reason", "A test of the migrated ledger")
        try workspace.ok("undo")
        try workspace.ok("undo")
        #expect(try workspace.run(["check"]).status == 0)
    }
}
