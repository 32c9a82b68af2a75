import CSV
import Foundation
import LedgerTestSupport
import Testing

@testable import LedgerCore

struct ExchangeTests {
    /// Claims and statuses by UUID, as `export` shows them: what two ledgers must agree on.
    func claimsByUUID(_ workspace: Workspace, db: String) throws -> [String: String] {
        let result = try workspace.run(["export"], environment: ["LEDGER_DB": db])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let claims = try #require(document["claims"] as? [String: [String: Any]])
        return claims.mapValues { "\($0["statement"] ?? "") | \($0["status"] ?? "")" }
    }

    func uuids(_ workspace: Workspace, db: String, section: String) throws -> Set<String> {
        let result = try workspace.run(["export"], environment: ["LEDGER_DB": db])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return Set((document[section] as? [String: Any])?.keys.map { $0 } ?? [])
    }

    @Test func roundTripIntoAnEmptyLedgerKeepsEverything() throws {
        let workspace = Workspace()
        let original = try runExample(into: workspace)
        try workspace.ok("resolve", "C3", "--verdict", "true", "--reason", "Geolocated", "--date", "2022-09-12", "--db", original)
        let file = workspace.folder + "/export.json"
        try workspace.ok("export", "--output", file, "--db", original)

        let copy = workspace.folder + "/copy.db"
        try workspace.ok("init", "--db", copy)
        let imported = try workspace.run(["import", file, "--db", copy])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("added 10 sources, 8 claims, 7 pieces of evidence, 1 lifecycle change"))
        for section in ["sources", "claims", "evidence", "lifecycle"] {
            #expect(try uuids(workspace, db: copy, section: section) == uuids(workspace, db: original, section: section), "\(section)")
        }
        #expect(try claimsByUUID(workspace, db: copy) == claimsByUUID(workspace, db: original))
        #expect(try workspace.run(["check"], environment: ["LEDGER_DB": copy]).status == 0)
        // The reports of the two ledgers are the same, byte for byte.
        let a = try workspace.run(["report"], environment: ["LEDGER_DB": original]).stdout
        let b = try workspace.run(["report"], environment: ["LEDGER_DB": copy]).stdout
        #expect(a == b)
    }

    @Test func importingTheSameFileTwiceChangesNothing() throws {
        let workspace = Workspace()
        let original = try runExample(into: workspace)
        let file = workspace.folder + "/export.json"
        try workspace.ok("export", "--output", file, "--db", original)
        let before = try Data(contentsOf: URL(fileURLWithPath: original))
        let again = try workspace.run(["import", file, "--db", original])
        #expect(again.status == 0)
        #expect(again.stderr.contains("nothing new"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: original)) == before)
    }

    @Test func twoLedgersThatImportEachOthersExportAgree() throws {
        let workspace = Workspace()
        let a = workspace.folder + "/a.db"
        let b = workspace.folder + "/b.db"
        for db in [a, b] {
            try workspace.ok("init", "--db", db)
            try workspace.ok("source", "add", "ua-military", "--name", "General Staff", "--affiliation", "UA", "--reliability", "C", "--db", db)
            try workspace.ok("source", "add", "uk-mod", "--name", "UK MoD", "--affiliation", "UK", "--reliability", "B", "--db", db)
            try workspace.ok("source", "add", "ap", "--name", "AP", "--reliability", "B", "--db", db)
        }
        // Analyst A records the depth claim and the UK's support; analyst B records Kupiansk and AP's support.
        try workspace.ok("add", "50 km depth", "--source", "ua-military", "--date", "2022-09-10", "--quantity", "50 km", "--db", a)
        try workspace.ok("corroborate", "C1", "--source", "uk-mod", "--date", "2022-09-10", "--db", a)
        try workspace.ok("add", "Kupiansk retaken", "--source", "ua-military", "--date", "2022-09-10", "--db", b)
        try workspace.ok("corroborate", "C1", "--source", "ap", "--date", "2022-09-11", "--db", b)
        try workspace.ok("retract", "C1", "--date", "2022-09-12", "--db", b)
        let fileA = workspace.folder + "/a.json"
        let fileB = workspace.folder + "/b.json"
        try workspace.ok("export", "--output", fileA, "--db", a)
        try workspace.ok("export", "--output", fileB, "--db", b)
        try workspace.ok("import", fileB, "--db", a)
        try workspace.ok("import", fileA, "--db", b)

        let claimsA = try claimsByUUID(workspace, db: a)
        #expect(claimsA.count == 2)
        #expect(claimsA == (try claimsByUUID(workspace, db: b)))
        #expect(Set(claimsA.values) == ["50 km depth | corroborated", "Kupiansk retaken | retracted"])
        for db in [a, b] { #expect(try workspace.run(["check"], environment: ["LEDGER_DB": db]).status == 0) }
    }

    /// Undoing an import that brought a supersession (into a ledger with its own history)
    /// takes it all out; undo then walks on to older changes.
    @Test func undoingAnImportWithASupersessionWorks() throws {
        let workspace = Workspace()
        let a = workspace.folder + "/a.db"
        try workspace.ok("init", "--db", a)
        try workspace.ok("source", "add", "ua", "--name", "UA", "--db", a)
        try workspace.ok("add", "one", "--source", "ua", "--date", "2022-09-10", "--db", a)
        try workspace.ok("add", "two", "--source", "ua", "--date", "2022-09-11", "--db", a)
        try workspace.ok("supersede", "C1", "--by", "C2", "--db", a)
        let file = workspace.folder + "/a.json"
        try workspace.ok("export", "--output", file, "--db", a)
        let b = workspace.folder + "/b.db"
        try workspace.ok("init", "--db", b)
        try workspace.ok("source", "add", "other", "--name", "Other", "--db", b)
        try workspace.ok("import", file, "--db", b)
        let undo = try workspace.run(["undo", "--db", b])
        #expect(undo.status == 0, "\(undo.stderr)")
        #expect(try workspace.run(["list", "--json", "--db", b]).stdout == "[]\n")
        #expect(try workspace.run(["check", "--db", b]).status == 0)
        try workspace.ok("undo", "--db", b)
        #expect(try workspace.run(["source", "list", "--json", "--db", b]).stdout == "[]\n")
    }

    /// A status an import moves is logged as moved on the date of what moved it, not the import's day.
    @Test func anImportedStatusMovesOnItsOwnDate() throws {
        let workspace = Workspace()
        let a = workspace.folder + "/a.db"
        try workspace.ok("init", "--db", a)
        try workspace.ok("source", "add", "ua", "--name", "UA", "--affiliation", "UA", "--db", a)
        try workspace.ok("source", "add", "uk", "--name", "UK", "--affiliation", "UK", "--db", a)
        try workspace.ok("add", "one", "--source", "ua", "--date", "2022-09-10", "--db", a)
        try workspace.ok("corroborate", "C1", "--source", "uk", "--date", "2022-09-12", "--db", a)
        let file = workspace.folder + "/a.json"
        try workspace.ok("export", "--output", file, "--db", a)
        let b = workspace.folder + "/b.db"
        try workspace.ok("init", "--db", b)
        try workspace.ok("source", "add", "other", "--name", "Other", "--db", b)
        try workspace.ok("import", file, "--db", b)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(workspace.run(["log", "--json", "--db", b]).stdout.utf8)) as? [[String: Any]])
        let moved = try #require(log.last { $0["action"] as? String == "rederive" })
        #expect(moved["effective"] as? String == "2022-09-12")
        #expect(moved["status_after"] as? String == "corroborated")
    }

    /// Another ledger that took this one's export and then graded AP otherwise: its export
    /// differs, and the difference is a conflict; the ledger keeps its own.
    @Test func differencesAreReportedAsConflictsAndTheLedgersVersionKept() throws {
        let workspace = Workspace()
        let original = try runExample(into: workspace)
        let file = workspace.folder + "/export.json"
        try workspace.ok("export", "--output", file, "--db", original)
        let other = workspace.folder + "/other.db"
        try workspace.ok("init", "--db", other)
        try workspace.ok("import", file, "--db", other)
        try workspace.ok("source", "edit", "ap", "--reliability", "A", "--db", other)
        let theirs = workspace.folder + "/theirs.json"
        try workspace.ok("export", "--output", theirs, "--db", other)
        let result = try workspace.run(["import", theirs, "--db", original])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("conflict: Source ap: reliability here \"B\", in the file \"A\"; kept the ledger's."))
        #expect(result.stderr.contains("nothing new"))

        // Rows edited in the file itself, behind its log's back, are refused by name.
        var text = try String(contentsOfFile: file, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"reliability\": \"B\"", with: "\"reliability\": \"A\"")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let forged = try workspace.run(["import", file, "--db", original])
        #expect(forged.status == 65)
        #expect(forged.stderr.contains(".reliability is not what its log gives; nothing was imported."), "\(forged.stderr)")
    }

    @Test(arguments: [
        ("{not json", "is not valid JSON"),
        (#"{"format": "something-else"}"#, "is not a ledger export"),
        (#"{"format": "ledger-export", "version": 99}"#, "newer version of ledger"),
        (#"{"format": "ledger-export", "version": 1, "sources": []}"#, "is not an object keyed by UUID"),
        (#"{"format": "ledger-export", "version": 1, "sources": {"00000000-0000-4000-8000-000000000001": {"handle": "Bad Handle", "name": "x"}}}"#, "sources.00000000-0000-4000-8000-000000000001.handle"),
        (#"{"format": "ledger-export", "version": 1, "sources": {"not-a-uuid": {"handle": "x", "name": "x"}}}"#, "is not a UUID"),
        (#"{"format": "ledger-export", "version": 1, "claims": {"00000000-0000-4000-8000-000000000002": {"statement": "x", "claimant": "00000000-0000-4000-8000-000000000009", "date": "2022-09-10"}}}"#, "neither in the file nor in the ledger"),
        (#"{"format": "ledger-export", "version": 1, "claims": {"00000000-0000-4000-8000-000000000002": {"statement": "x", "claimant": "00000000-0000-4000-8000-000000000009", "date": "2022-13-10"}}}"#, "claims.00000000-0000-4000-8000-000000000002.date"),
    ])
    func aBadFileFailsTheWholeImportAndChangesNothing(content: String, message: String) throws {
        let workspace = try Workspace().seeded()
        // A good source first, so that a partial import would show.
        let file = workspace.folder + "/bad.json"
        let prefixed = content.replacingOccurrences(
            of: #""version": 1, "#,
            with: #""version": 1, "sources": {"00000000-0000-4000-8000-0000000000aa": {"handle": "new-source", "name": "New"}}, "#,
            options: [], range: content.contains(#""sources""#) ? content.startIndex..<content.startIndex : nil)
        try prefixed.write(toFile: file, atomically: true, encoding: .utf8)
        let before = workspace.fileBytes()
        let result = try workspace.run(["import", file])
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.contains("nothing was imported"))
        #expect(workspace.fileBytes() == before)
    }

    @Test func csvImportAddsClaimsAndSkipsDuplicates() throws {
        let workspace = try Workspace().seeded()
        let file = workspace.folder + "/claims.csv"
        let lines = [
            "\u{FEFF}statement,source,date,url,via,quote,quantity,place,tags",
            #""Ukrainian forces took more than 1000 sq km",ua-military,2022-09-10,https://example.org/a,uk-mod,"""more than 1000 square kilometres""",more than 1000 sq km,Kharkiv oblast,kharkiv;territory"#,
            #""Izyum residents evacuated, ""to Russia""",ru-mod,2022-09-10,,,,,Izyum,"#,
        ]
        try (lines.joined(separator: "\r\n") + "\r\n").write(toFile: file, atomically: true, encoding: .utf8)
        let first = try workspace.run(["import", file])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("added 0 sources, 2 claims"))
        let claims = try #require(try workspace.json("list") as? [[String: Any]])
        #expect(claims.count == 3)
        #expect(claims[1].string("statement") == "Ukrainian forces took more than 1000 sq km")
        #expect((claims[1]["quantity"] as? [String: Any])?.string("unit") == "km2")
        #expect(claims[1]["tags"] as? [String] == ["kharkiv", "territory"])
        #expect(claims[2].string("statement") == "Izyum residents evacuated, \"to Russia\"")
        let second = try workspace.run(["import", file])
        #expect(second.stderr.contains("nothing new"))
        #expect(try workspace.run(["check"]).status == 0)
        // One undo removes the whole import.
        #expect(try workspace.ok("undo").contains("imported"))
        #expect((try workspace.json("list") as? [[String: Any]])?.count == 1)
        #expect(try workspace.run(["check"]).status == 0)
    }

    @Test(arguments: [
        ("statement,source,date\nok,uk-mod,2022-09-10\nbad,uk-mod,2022-13-01\n", "row 3, field date: '2022-13-01' is not a valid date"),
        ("statement,source\nok,uk-mod\nbad,uk-mdo\n", "row 3, field source: There is no source 'uk-mdo'. Did you mean uk-mod"),
        ("statement,source,quantity\nok,uk-mod,50 km\nbad,uk-mod,Kupiansk\n", "row 3, field quantity: 'Kupiansk' is not a quantity"),
        ("statement,source,url\nbad,uk-mod,javascript:alert(1)\n", "row 2, field url"),
        ("statement,source\n \t,uk-mod\n", "row 2, field statement: The statement is empty"),
        ("statement,source\nok,uk-mod,extra\n", "row 2 has 3 fields but the header has 2"),
        ("statement,source\n\"unclosed,uk-mod\n", "row 2: a quoted field is never closed"),
        ("statement,source\nbad\"quote,uk-mod\n", "row 2: a quote appears inside an unquoted field"),
        ("statement,colour\nx,red\n", "unknown column 'colour'"),
        ("statement,date\nx,2022-09-10\n", "lacks the column 'source'"),
        ("", "is empty"),
    ])
    func aBadCSVRowFailsTheWholeImportNamingRowAndField(content: String, message: String) throws {
        let workspace = try Workspace().seeded()
        let file = workspace.folder + "/bad.csv"
        try content.write(toFile: file, atomically: true, encoding: .utf8)
        let before = workspace.fileBytes()
        let result = try workspace.run(["import", file])
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(workspace.fileBytes() == before)
    }

    @Test func invalidUTF8InACSVIsRefused() throws {
        let workspace = try Workspace().seeded()
        let file = workspace.folder + "/latin1.csv"
        var bytes = Array("statement,source\nKiev caf".utf8)
        bytes += [0xE9, 0x0A]
        bytes[bytes.count - 2] = 0xE9
        try Data(bytes + Array(",uk-mod\n".utf8)).write(to: URL(fileURLWithPath: file))
        let result = try workspace.run(["import", file, "--format", "csv"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("not valid UTF-8"))
    }

    /// The hand-written reader and CSV.swift read the same records from the same random CSV.
    @Test func csvReaderAgreesWithCSVSwift() throws {
        var random = SeededRandom(seed: 99)
        let pieces = ["a", "b", "é", "ї", "🙂", " ", ",", "\"", "\n", "\r\n", "x\"y", "1,000", ""]
        let folder = TemporaryFolder()
        for round in 0..<200 {
            var records: [[String]] = []
            for _ in 0..<Int(random.next() % 5 + 1) {
                records.append((0..<3).map { _ in (0..<Int(random.next() % 4)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined() })
            }
            // Records must not be entirely empty single fields (a blank line), which readers treat differently.
            records = records.map { $0.allSatisfy(\.isEmpty) ? ["x", "", ""] : $0 }
            let text = records.map { CSVReport.line($0) }.joined()
            let path = folder.path + "/r\(round).csv"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            var ours = LedgerCore.CSVReader(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path))))
            var mine: [[String]] = []
            while let record = try ours.next() { mine.append(record) }
            let theirs = try CSV(string: text)
            var reference: [[String]] = []
            while let row = theirs.next() { reference.append(row) }
            #expect(mine == records, "round \(round)")
            #expect(reference == records, "round \(round): CSV.swift reads our CSV differently")
        }
    }
}

/// Long imports show progress on stderr when it is a terminal, and only the summary otherwise.
struct ProgressTests {
    @Test func progressOnATerminalOnly() throws {
        let workspace = try Workspace().seeded()
        let file = workspace.folder + "/many.csv"
        try (["statement,source,date"] + (0..<2500).map { "Claim \($0),uk-mod,2022-09-10" }).joined(separator: "\n")
            .write(toFile: file, atomically: true, encoding: .utf8)

        let piped = try workspace.run(["import", file])
        #expect(piped.status == 0)
        #expect(!piped.stderr.contains("\r"))
        #expect(piped.stderr == "Imported \(file): added 0 sources, 2500 claims, 0 pieces of evidence, 0 lifecycle changes; skipped 0 already present; 0 conflicts.\n")

        // `script` gives the command a pseudo-terminal, as a person at a shell would have.
        try workspace.ok("undo")
        let (seen, status) = try workspace.onTerminal("import '\(file)'")
        try #require(status == 0, "this test needs `script` (util-linux): \(seen)")
        #expect(seen.contains("\r1000 rows…"))
        #expect(seen.contains("\r2000 rows…"))
        #expect(seen.contains("added 0 sources, 2500 claims"))
    }
}
