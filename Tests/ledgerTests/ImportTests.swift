import Foundation
import Testing

/// `ledger import` refuses a bad file with one sentence that names the file, the row and the
/// field once, and leaves the ledger as it was (SPEC §5, §6).
struct ImportMessageTests {
    static let claim = "00000000-0000-4000-8000-000000000002"

    /// Writes `content` to x.json in a seeded workspace, imports it, and checks that it was
    /// refused with exit 65 and exactly `message`, and that the ledger did not change.
    func refused(_ content: String, exactly message: String) throws {
        let workspace = try Workspace().seeded()
        let file = workspace.folder + "/x.json"
        try content.write(toFile: file, atomically: true, encoding: .utf8)
        let before = try workspace.run(["export"]).stdout
        let result = try workspace.run(["import", "x.json"])
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr == "ledger: " + message + "\n")
        #expect(try workspace.run(["export"]).stdout == before)
    }

    @Test func aMissingFieldIsNamedOnce() throws {
        try refused(
            #"{"format": "ledger-export", "version": 1, "claims": {"\#(Self.claim)": {"claimant": "x", "date": "2022-09-10"}}}"#,
            exactly: "x.json: claims.\(Self.claim).statement: missing (expected text); nothing was imported.")
    }

    @Test func aRefusedValueIsNamedOnce() throws {
        try refused(
            #"{"format": "ledger-export", "version": 1, "sources": {"\#(Self.claim)": {"handle": "Bad Handle", "name": "x"}}}"#,
            exactly:
                "x.json: sources.\(Self.claim).handle: 'Bad Handle' is not a valid source handle; use lowercase letters, digits and hyphens, starting with a letter or digit (for example uk-mod); nothing was imported."
        )
    }

    @Test func aValueOfTheWrongTypeIsNamedOnce() throws {
        try refused(
            #"{"format": "ledger-export", "version": 1, "claims": {"\#(Self.claim)": {"statement": 5, "claimant": "x", "date": "2022-09-10"}}}"#,
            exactly: "x.json: claims.\(Self.claim).statement: expected text, not a number; nothing was imported.")
    }

    /// A row `corroborate` would refuse is refused in a file too (exit 65, the whole import).
    @Test func aSelfCorroborationIsRefusedAsOnTheCommandLine() throws {
        let a = "00000000-0000-4000-8000-0000000000a1"
        let row = "00000000-0000-4000-8000-0000000000e5"
        try refused(
            #"{"format": "ledger-export", "version": 1, "sources": {"\#(a)": {"handle": "alpha", "name": "Alpha"}}, "claims": {"\#(Self.claim)": {"statement": "s", "claimant": "\#(a)", "date": "2022-09-10"}}, "evidence": {"\#(row)": {"claim": "\#(Self.claim)", "stance": "supports", "source": "\#(a)", "date": "2022-09-11"}}}"#,
            exactly: "x.json: evidence.\(row).source: alpha made claim C2, so it cannot corroborate it; nothing was imported.")
    }

    /// A retraction by a source is the claimant's own (SPEC §3), in a file as on the command line.
    @Test func aRetractionByAnotherSourceIsRefused() throws {
        let a = "00000000-0000-4000-8000-0000000000a1"
        let b = "00000000-0000-4000-8000-0000000000b2"
        let change = "00000000-0000-4000-8000-0000000000c3"
        try refused(
            #"{"format": "ledger-export", "version": 1, "sources": {"\#(a)": {"handle": "alpha", "name": "Alpha"}, "\#(b)": {"handle": "beta", "name": "Beta"}}, "claims": {"\#(Self.claim)": {"statement": "s", "claimant": "\#(a)", "date": "2022-09-10"}}, "lifecycle": {"\#(change)": {"claim": "\#(Self.claim)", "action": "retract", "effective": "2022-09-11", "source": "\#(b)", "step": 1}}}"#,
            exactly: "x.json: lifecycle.\(change).source: a retraction by a source names the claimant taking its claim back, and beta did not make C2; nothing was imported.")
    }
}

/// An export's `version` that is not one this ledger reads is described as what it is.
struct ImportVersionTests {
    static let upgrade = "nothing was imported. Give a file written by `ledger export`."

    @Test(arguments: [
        (#""version": "1""#, #"x.json: "version" is the text "1", not a whole number; "# + upgrade),
        (#""version": -1"#, #"x.json: "version" is -1, but export versions start at 1; "# + upgrade),
        (#""version": 0"#, #"x.json: "version" is 0, but export versions start at 1; "# + upgrade),
        (#""version": 1e308"#, #"x.json: "version" is 1e+308, which is no version of the export format (this ledger reads version 3); "# + upgrade),
        (#""version": 1.5"#, #"x.json: "version" is 1.5, not a whole number; "# + upgrade),
        (#""version": null"#, #"x.json: "version" is null, not a whole number; "# + upgrade),
        (#""versio": 1"#, #"x.json lacks "version"; "# + upgrade),
        (#""version": 4"#, "x.json was written by a newer version of ledger (export version 4; this one reads version 3); nothing was imported. Upgrade ledger to import it."),
    ])
    func aVersionThatIsNotOneIsDescribed(version: String, message: String) throws {
        try ImportMessageTests().refused(#"{"format": "ledger-export", \#(version)}"#, exactly: message)
    }

    @Test func versionOneWrittenAsADecimalIsVersionOne() throws {
        let workspace = try Workspace().seeded()
        try #"{"format": "ledger-export", "version": 1.0}"#.write(toFile: workspace.folder + "/x.json", atomically: true, encoding: .utf8)
        #expect(try workspace.run(["import", "x.json"]).status == 0)
    }
}

/// An import reads all of its input before it takes the write lock, and refuses input beyond
/// its size limit (512 MiB; LEDGER_IMPORT_MAX_BYTES) instead of exhausting memory.
struct ImportInputTests {
    @Test(arguments: ["csv", "json"])
    func endlessInputIsRefusedWithOneSentence(format: String) throws {
        let workspace = try Workspace().seeded()
        let before = try workspace.run(["export"]).stdout
        let started = Date()
        let result = try workspace.run(["import", "/dev/zero", "--format", format])
        #expect(Date().timeIntervalSince(started) < 60)
        #expect(result.status == 65, "\(result.stderr)")
        #expect(
            result.stderr
                == "ledger: /dev/zero is larger than 512 MiB, the most `ledger import` reads; nothing was imported. Split it into smaller files, or raise the limit with LEDGER_IMPORT_MAX_BYTES.\n"
        )
        #expect(try workspace.run(["export"]).stdout == before)
    }

    @Test func theLimitCanBeSetForAFile() throws {
        let workspace = try Workspace().seeded()
        let file = workspace.folder + "/claims.csv"
        try "statement,source\nKupiansk retaken,uk-mod\n".write(toFile: file, atomically: true, encoding: .utf8)
        let tight = try workspace.run(["import", file], environment: ["LEDGER_IMPORT_MAX_BYTES": "20"])
        #expect(tight.status == 65)
        #expect(tight.stderr.hasPrefix("ledger: \(file) is larger than 20 bytes, the most `ledger import` reads;"), "\(tight.stderr)")
        let roomy = try workspace.run(["import", file], environment: ["LEDGER_IMPORT_MAX_BYTES": "41"])
        #expect(roomy.status == 0, "\(roomy.stderr)")
    }

    /// A CSV fed slowly through a FIFO does not keep other writers out while it arrives.
    @Test func aSlowFeedDoesNotHoldTheWriteLock() throws {
        let workspace = try Workspace().seeded()
        let script = """
            mkfifo "$DIR/feed.csv"
            { echo statement,source; sleep 4; echo 'Slow claim,uk-mod'; } > "$DIR/feed.csv" &
            "$L" import "$DIR/feed.csv" > "$DIR/import.out" 2>&1 &
            importer=$!
            sleep 2
            LEDGER_BUSY_TIMEOUT_MS=500 "$L" add 'Quick claim' --source uk-mod 2>&1
            echo "add=$?"
            wait $importer
            echo "import=$?"
            cat "$DIR/import.out"
            """
        let result = try BadInputTests().run(script, workspace)
        #expect(result.stdout.contains("add=0"), "\(result.stdout)")
        #expect(result.stdout.contains("import=0"), "\(result.stdout)")
        let statements = try #require(try workspace.json("list") as? [[String: Any]]).compactMap { $0.string("statement") }
        #expect(statements == ["Kupiansk seized", "Quick claim", "Slow claim"])
    }
}

/// Two ledgers that close the same claim differently converge when they import each other's
/// exports: the change that comes first in (effective, step, uuid) wins on both sides, the
/// other is a conflict and is kept out on both sides, whichever imported first (SPEC §5).
struct LifecycleMergeTests {
    /// Everything two ledgers must agree on: the export without the log and without local ids.
    static func shared(_ workspace: Workspace, _ db: String) throws -> String {
        let result = try workspace.run(["export"], environment: ["LEDGER_DB": db])
        #expect(result.status == 0, "\(result.stderr)")
        var document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        // The log (and its head) is each ledger's own history: what they share is the rest.
        for key in ["log", "head", "entries"] { document.removeValue(forKey: key) }
        for section in ["claims", "evidence"] {
            document[section] = (document[section] as? [String: [String: Any]])?.mapValues { $0.filter { $0.key != "id" } }
        }
        return String(decoding: try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .prettyPrinted]), as: UTF8.self)
    }

    /// A and B share C1 (B imported A's export); A retracts it, B resolves it false.
    static func divergedLedgers(_ workspace: Workspace, retracted: String, resolved: String) throws -> (a: String, b: String) {
        let a = workspace.folder + "/a.db"
        let b = workspace.folder + "/b.db"
        try workspace.ok("init", "--db", a)
        try workspace.ok("source", "add", "ua-military", "--name", "General Staff", "--affiliation", "UA", "--reliability", "C", "--db", a)
        try workspace.ok("add", "Kupiansk retaken", "--source", "ua-military", "--date", "2022-09-10", "--db", a)
        try workspace.ok("export", "--output", workspace.folder + "/shared.json", "--db", a)
        try workspace.ok("init", "--db", b)
        try workspace.ok("import", workspace.folder + "/shared.json", "--db", b)
        try workspace.ok("retract", "C1", "--date", retracted, "--reason", "the post was deleted", "--db", a)
        try workspace.ok("resolve", "C1", "--verdict", "false", "--reason", "footage shows otherwise", "--date", resolved, "--db", b)
        return (a, b)
    }

    @Test(arguments: [
        ("2022-09-12", "2022-09-11", false), ("2022-09-11", "2022-09-12", false), ("2022-09-12", "2022-09-12", false),
        ("2022-09-12", "2022-09-11", true), ("2022-09-11", "2022-09-12", true),
    ])
    func crossImportsConverge(retracted: String, resolved: String, exportAfterImport: Bool) throws {
        let workspace = Workspace()
        let (a, b) = try Self.divergedLedgers(workspace, retracted: retracted, resolved: resolved)
        let fileA = workspace.folder + "/a.json"
        let fileB = workspace.folder + "/b.json"
        try workspace.ok("export", "--output", fileB, "--db", b)
        if !exportAfterImport { try workspace.ok("export", "--output", fileA, "--db", a) }
        let intoA = try workspace.run(["import", fileB, "--db", a])
        if exportAfterImport { try workspace.ok("export", "--output", fileA, "--db", a) }
        let intoB = try workspace.run(["import", fileA, "--db", b])
        #expect(intoA.status == 0 && intoB.status == 0, "\(intoA.stderr) \(intoB.stderr)")

        let showA = try #require(try JSONSerialization.jsonObject(with: Data(workspace.run(["show", "C1", "--json", "--db", a]).stdout.utf8)) as? [String: Any])
        let showB = try #require(try JSONSerialization.jsonObject(with: Data(workspace.run(["show", "C1", "--json", "--db", b]).stdout.utf8)) as? [String: Any])
        #expect(showA.string("status") == showB.string("status"))
        #expect(showA.string("grade") == showB.string("grade"))
        #expect(try Self.shared(workspace, a) == Self.shared(workspace, b))
        if retracted < resolved { #expect(showA.string("status") == "retracted") }
        if resolved < retracted { #expect(showA.string("status") == "resolved" && showA.string("verdict") == "false") }
        // The losing change is a conflict on the side that held it and on the side that was offered it.
        #expect(intoA.stderr.contains("conflict: C1: "), "\(intoA.stderr)")
        if !exportAfterImport { #expect(intoB.stderr.contains("conflict: C1: "), "\(intoB.stderr)") }
        for db in [a, b] {
            let check = try workspace.run(["check", "--db", db])
            #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        }

        // A second round of cross-imports changes nothing.
        let before = (try Self.shared(workspace, a), try Self.shared(workspace, b))
        try workspace.ok("export", "--output", fileA, "--force", "--db", a)
        try workspace.ok("export", "--output", fileB, "--force", "--db", b)
        let againA = try workspace.run(["import", fileB, "--db", a])
        let againB = try workspace.run(["import", fileA, "--db", b])
        #expect(againA.stderr.contains("nothing new") && againB.stderr.contains("nothing new"), "\(againA.stderr) \(againB.stderr)")
        #expect(try Self.shared(workspace, a) == before.0 && Self.shared(workspace, b) == before.1)
    }

    @Test func theConflictSaysWhichChangeWonOnBothSides() throws {
        let workspace = Workspace()
        let (a, b) = try Self.divergedLedgers(workspace, retracted: "2022-09-12", resolved: "2022-09-11")
        let fileA = workspace.folder + "/a.json"
        let fileB = workspace.folder + "/b.json"
        try workspace.ok("export", "--output", fileA, "--db", a)
        try workspace.ok("export", "--output", fileB, "--db", b)
        let intoA = try workspace.run(["import", fileB, "--db", a])
        let intoB = try workspace.run(["import", fileA, "--db", b])
        #expect(
            intoA.stderr.contains(
                "conflict: C1: the ledger's retract of 2022-09-12 comes after the file's resolve of 2022-09-11, which closed the claim first; withdrew the ledger's retract (undoing the import restores it).")
        )
        #expect(intoA.stderr.contains("withdrew 1 of the ledger's lifecycle changes"), "\(intoA.stderr)")
        #expect(
            intoB.stderr.contains(
                "conflict: C1: the file's retract of 2022-09-12 comes after the ledger's resolve of 2022-09-11, which closed the claim first; not imported."),
            "\(intoB.stderr)")
    }
}

/// A CSV of sources (SPEC §5), told apart from a CSV of claims by its header.
struct SourceCSVImportTests {
    @Test func sourcesComeInChecked() throws {
        let workspace = try Workspace().seeded()
        let file = workspace.folder + "/sources.csv"
        try "name,handle,reliability,kind,affiliation,url\nReuters,reuters,b,Media,,https://reuters.com\nInstitute for the Study of War,isw,B,osint,US,\nUK Ministry of Defence,uk-mod,B,,UK,\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try workspace.run(["import", file])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("added 2 sources, 0 claims, 0 pieces of evidence, 0 lifecycle changes; skipped 1 already present"))
        let reuters = try workspace.run(["source", "show", "reuters", "--json"]).stdout
        #expect(reuters.contains("\"reliability\": \"B\"") && reuters.contains("\"kind\": \"media\""))
        #expect(try workspace.run(["import", file]).stderr.contains("nothing new"))
        #expect(try workspace.run(["check"]).status == 0)

        try workspace.expectImportsRefused(file, [
            ("handle,name\nuk-mod,Someone Else\n", "row 2, field handle: there is already a source 'uk-mod' with another name, affiliation, reliability; nothing was imported."),
            ("handle,name,kind\nafp,AFP,newspaper\n", "row 2, field kind: 'newspaper' is not a kind of source"),
            ("handle,name\nBad Handle,X\n", "row 2, field handle:"),
            ("handle,name,stance\nafp,AFP,supports\n", "the header has an unknown column 'stance'; the columns of a CSV of sources are handle,name,kind,affiliation,reliability,url,note."),
            ("handle,kind\nafp,media\n", "the header lacks the column 'name'"),
        ])
    }

    /// The sample files in examples/csv import, in order, into a new ledger.
    @Test func theSampleFilesImport() throws {
        let workspace = Workspace()
        try workspace.ok("init")
        let samples = ReportGoldenTests.root.appendingPathComponent("examples/csv").path
        try workspace.ok("import", samples + "/sources.csv")
        try workspace.ok("import", samples + "/claims.csv")
        try workspace.ok("import", samples + "/evidence.csv")
        let claims = try #require(try workspace.json("list") as? [[String: Any]])
        #expect(claims.count == 2 && claims.first?["claimant"] as? String == "ua-military")
        #expect(claims.map { $0["status"] as? String } == ["unverified", "corroborated"])
        // Its note row is a research note on C1.
        let notes = try #require((try workspace.json("show", "C1") as? [String: Any])?["notes"] as? [[String: Any]])
        #expect(notes.count == 1 && notes.first?["source"] as? String == "ua-military")
        #expect(try workspace.run(["check"]).status == 0)
    }
}

/// A CSV of evidence (SPEC §5), told apart by its header; every row checked as corroborate checks it.
struct EvidenceCSVImportTests {
    @Test func evidenceComesInCheckedAndMovesStatuses() throws {
        let workspace = try Workspace().seeded()
        try workspace.ok("add", "50 km depth", "--source", "ua-military", "--date", "2022-09-10", "--quantity", "50 km")
        let uuid = try #require((try workspace.json("show", "C2") as? [String: Any])?["uuid"] as? String)
        let file = workspace.folder + "/evidence.csv"
        try "stance,claim,source,date,quote,quantity,citing\nsupports,C1,uk-mod,2022-09-11,\"Kupiansk, retaken\",,\nsupports,\(uuid),uk-mod,2022-09-11,,as much as 50 km,\ncontradicts,C1,ru-mod,2022-09-12,,,\nsupports,C1,ru-mod,2022-09-12,,,ua-military\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try workspace.run(["import", file])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("added 0 sources, 0 claims, 4 pieces of evidence, 0 lifecycle changes"))
        let c1 = try #require(try workspace.json("show", "C1") as? [String: Any])
        #expect(c1["status"] as? String == "disputed")
        #expect(((c1["evidence"] as? [[String: Any]])?.last?["counts_as"] as? String) == "echo (cites ua-military, the claimant's group)")
        #expect((try workspace.json("show", "C2") as? [String: Any])?["status"] as? String == "corroborated")
        #expect(try workspace.run(["import", file]).stderr.contains("nothing new"))
        #expect(try workspace.run(["check"]).status == 0)
        try workspace.ok("undo")
        #expect((try workspace.json("show", "C1") as? [String: Any])?["status"] as? String == "unverified")

        try workspace.expectImportsRefused(file, [
            ("claim,stance,source\nC1,supports,ua-mfa\n", "row 2, field source: ua-mfa made claim C1, so it cannot corroborate it. Nothing was imported."),
            ("claim,stance,source\nC9,supports,uk-mod\n", "row 2, field claim: There is no claim C9."),
            ("claim,stance,source\nC1,maybe,uk-mod\n", "row 2, field stance: 'maybe' is not a stance; use supports, contradicts or note."),
            ("claim,stance,source,quantity\nC2,supports,uk-mod,200 km\n", "row 2, field quantity:"),
            ("claim,stance,source,date\nC1,supports,uk-mod,2022-13-01\n", "row 2, field date: '2022-13-01' is not a valid date"),
            ("claim,stance\nC1,supports\n", "the header lacks the column 'source'; the columns of a CSV of evidence are claim,stance,source,date,url,via,citing,quote,quantity,note."),
        ])
    }
}
