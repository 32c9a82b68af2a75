import Foundation
import Testing

/// The tamper-evident ledger (SPEC §1): the log is the record, chained by hashes.
@Suite struct IntegrityTests {
    /// A ledger written by schema version 2 (committed: the worked example plus edits, undo,
    /// lifecycle changes and imports) is migrated by its first write, passes `check`, and
    /// every claim reads as it did.
    @Test func aVersion2LedgerIsMigratedAndReadsAsBefore() throws {
        let workspace = try Workspace().fromVersion2Fixture()
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Workspace.fixtures + "/v2-ledger/show.json")))
        let claims = try #require(expected as? [[String: Any]])
        #expect(claims.count == 12)
        #expect(try workspace.run(["check"]).status == 0)
        try workspace.ok("source", "add", "isw-2", "--name", "A new source")
        let version = try workspace.run([workspace.db, "PRAGMA user_version"], useDB: false, executable: "/usr/bin/sqlite3")
        #expect(version.stdout == "3\n")
        let check = try workspace.run(["check"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        for (index, before) in claims.enumerated() {
            let after = try #require(try workspace.json("show", "C\(index + 1)") as? [String: Any])
            #expect(NSDictionary(dictionary: after) == NSDictionary(dictionary: before), "C\(index + 1) reads otherwise after the migration")
        }
        let log = try #require(try workspace.json("log") as? [[String: Any]])
        #expect(log.count == 45)
        #expect(log[43]["action"] as? String == "migrate")
        // The old entries keep their words; the undo still walks back past the migration.
        #expect(log[34]["summary"] as? String == "undid #34: E7: ru-mod contradicts C1")
        try workspace.ok("undo")
        try workspace.ok("undo")
        #expect(try workspace.run(["check"]).status == 0)
    }

    /// The worked example's ledger in a fresh workspace (its report's head pinned by run.sh).
    static func example() throws -> (Workspace, String) {
        let workspace = Workspace()
        let db = try runExample(into: workspace)
        return (workspace, db)
    }

    static func sqlite3(_ workspace: Workspace, _ db: String, _ sql: String) throws {
        let result = try workspace.run([db, sql], useDB: false, executable: "/usr/bin/sqlite3")
        #expect(result.status == 0, "sqlite3 refused: \(sql): \(result.stderr)")
    }

    static func head(_ workspace: Workspace, _ db: String) throws -> String {
        let result = try workspace.run(["log", "--head", "--json"], environment: ["LEDGER_DB": db])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return try #require(object["head"] as? String)
    }

    /// Each change made behind the tool's back with the sqlite3 shell is found by `check`
    /// and named in one line (the claim, evidence, source or entry, and the field).
    @Test(arguments: [
        ("UPDATE claim SET statement = 'Ukrainian forces took 2000 square kilometres' WHERE id = 1", "C1: its statement is 'Ukrainian forces took 2000 square kilometres' in the ledger, but the log gives"),
        ("UPDATE claim SET quote = 'nothing of the kind' WHERE id = 1", "C1: its quote is 'nothing of the kind' in the ledger, but the log gives 'more than 1000 square kilometres'."),
        ("UPDATE evidence SET date = '2022-09-01' WHERE id = 1", "E1 on C2: its date is '2022-09-01' in the ledger, but the log gives '2022-09-10'."),
        ("UPDATE log SET summary = 'nothing happened' WHERE id = 11", "Log entry #11: its summary reads 'nothing happened' in the log table, but the entry holds"),
        ("UPDATE source SET name = 'Someone else' WHERE handle = 'uk-mod'", "Source uk-mod (row 6): its name is 'Someone else' in the ledger, but the log gives 'UK Ministry of Defence'."),
        ("INSERT INTO claim_tag VALUES (1, 'planted')", "C1's tag 'planted' is in the ledger, but no log entry wrote it."),
        ("UPDATE claim_search SET statement = 'nothing' WHERE rowid = 1", "C1: the search index holds other words for its statement than the claim has"),
        ("DROP INDEX claim_by_status", "The file's schema has lost an index 'claim_by_status' on claim that ledger creates."),
        ("CREATE TABLE extra (x)", "The file's schema has a table 'extra' that ledger did not create."),
        ("CREATE VIEW shown AS SELECT statement FROM claim", "The file's schema has a view 'shown' that ledger did not create."),
        ("PRAGMA journal_mode = DELETE", "The file is not in WAL journal mode, as ledger makes it"),
        ("UPDATE claim SET uuid = 'ZZZZZZZZ-0000-4000-8000-000000000000' WHERE id = 1", "C1: its uuid 'ZZZZZZZZ-0000-4000-8000-000000000000' is not a UUID as ledger stores one."),
        ("UPDATE claim SET date = '2022-99-99' WHERE id = 3", "C3: its date '2022-99-99' is not a date as ledger stores one."),
        ("PRAGMA ignore_check_constraints = ON; UPDATE evidence SET date = 'garbage' WHERE id = 2", "E2 on C3: its date 'garbage' is not a date as ledger stores one."),
        ("PRAGMA ignore_check_constraints = ON; UPDATE evidence SET stance = 'maybe' WHERE id = 2", "E2 on C3: its stance is 'maybe' in the ledger, but the log gives 'supports'."),
        ("PRAGMA ignore_check_constraints = ON; UPDATE claim SET quantity_low = 2000 WHERE id = 2", "C2: its quantity '50 km' is stored as [2000, 50] km, but reads as 50 km."),
        ("UPDATE claim SET quantity_text = '70 km' WHERE id = 2", "C2: its quantity '70 km' is stored as 50 km, but reads as 70 km."),
        ("DELETE FROM log WHERE id = 5", "Log entry #6 was altered, or an entry before it was removed"),
        ("UPDATE log SET entry = replace(entry, 'Kupiansk', 'Kharkiv') WHERE id = 14", "Log entry #14 was altered, or an entry before it was removed"),
    ])
    func checkFindsAndNamesTampering(sql: String, finding: String) throws {
        let (workspace, db) = try Self.example()
        #expect(try workspace.run(["check"], environment: ["LEDGER_DB": db]).status == 0)
        try Self.sqlite3(workspace, db, sql)
        let result = try workspace.run(["check"], environment: ["LEDGER_DB": db])
        #expect(result.status == 65, "check passed after: \(sql)")
        #expect(result.stdout.split(separator: "\n").contains { $0.hasPrefix(finding) }, "\(sql) gave:\n\(result.stdout)")
    }

    /// A report's head verifies against the ledger after 100 more changes; an edit to an
    /// earlier entry, in the ledger or in an export, fails naming that entry.
    @Test func aPublishedHeadVerifiesUntilTheHistoryIsAltered() throws {
        let (workspace, db) = try Self.example()
        let report = try String(contentsOfFile: workspace.folder + "/report.md", encoding: .utf8)
        let published = try Self.head(workspace, db)
        #expect(report.contains("- Ledger head: `\(published)` (24 log entries)"))
        for index in 1...100 {
            try workspace.run(["add", "Later claim \(index)", "--source", "ap", "--date", "2022-09-12"], environment: ["LEDGER_DB": db])
        }
        let later = try workspace.run(["verify", "--head", published], environment: ["LEDGER_DB": db])
        #expect(later.status == 0, "\(later.stderr)")
        #expect(later.stdout.contains("log entry #24, followed by 100 later entries"))
        let export = workspace.folder + "/export.json"
        try workspace.ok("export", "--output", export, "--db", db)
        #expect(try workspace.run(["verify", export, "--head", published]).status == 0)
        // A head that is no entry's, and one mistyped.
        let other = String(repeating: "ab", count: 32)
        let unknown = try workspace.run(["verify", "--head", other], environment: ["LEDGER_DB": db])
        #expect(unknown.status == 65 && unknown.stderr.contains("its chain of 124 entries holds together, but no entry has that hash"))
        #expect(try workspace.run(["verify", "--head", "abc"], environment: ["LEDGER_DB": db]).status == 64)

        // An export whose entry #14 was edited (C3's statement, inside the entry).
        var text = try String(contentsOfFile: export, encoding: .utf8)
        let edited = try #require(text.range(of: "\"statement\":\"Ukrainian troops have retaken Kupiansk\""))
        text.replaceSubrange(edited, with: "\"statement\":\"Ukrainian troops have retaken Kharkiv\"")
        let forged = workspace.folder + "/forged.json"
        try text.write(toFile: forged, atomically: true, encoding: .utf8)
        let forgedResult = try workspace.run(["verify", forged, "--head", published])
        #expect(forgedResult.status == 65)
        #expect(forgedResult.stderr.contains("log entry #14 was altered"), "\(forgedResult.stderr)")
        // Import refuses it by name, and leaves a new ledger empty.
        let copy = workspace.folder + "/copy.db"
        try workspace.ok("init", "--db", copy)
        let imported = try workspace.run(["import", forged, "--db", copy])
        #expect(imported.status == 65)
        #expect(imported.stderr == "ledger: \(forged): log entry #14 was altered (its hash does not follow from its contents and the entry before it), or an entry before it was removed; nothing was imported.\n")

        // The same edit in the ledger itself.
        try Self.sqlite3(workspace, db, "UPDATE log SET entry = replace(entry, 'retaken Kupiansk', 'retaken Kharkiv') WHERE id = 14")
        let altered = try workspace.run(["verify", "--head", published], environment: ["LEDGER_DB": db])
        #expect(altered.status == 65)
        #expect(altered.stderr.contains("log entry #14 was altered"), "\(altered.stderr)")
    }

    /// An export imported into a new ledger brings its chain: the same head, entry for entry,
    /// and the same report; into a ledger with history, the import's own entries extend that
    /// ledger's chain.
    @Test func aLedgerMovesWithItsHistory() throws {
        let (workspace, db) = try Self.example()
        let export = workspace.folder + "/export.json"
        try workspace.ok("export", "--output", export, "--db", db)
        let copy = workspace.folder + "/copy.db"
        try workspace.ok("init", "--db", copy)
        let imported = try workspace.run(["import", export, "--db", copy])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("took its log of 24 entries as the ledger's own"))
        #expect(try Self.head(workspace, copy) == Self.head(workspace, db))
        #expect(try workspace.run(["log", "--json"], environment: ["LEDGER_DB": copy]).stdout
            == workspace.run(["log", "--json"], environment: ["LEDGER_DB": db]).stdout)
        #expect(try workspace.run(["report"], environment: ["LEDGER_DB": copy]).stdout == workspace.run(["report"], environment: ["LEDGER_DB": db]).stdout)
        #expect(try workspace.run(["check"], environment: ["LEDGER_DB": copy]).status == 0)
        // Again: nothing new, the head unchanged.
        let again = try workspace.run(["import", export, "--db", copy])
        #expect(again.status == 0 && again.stderr.contains("nothing new"))
        #expect(try Self.head(workspace, copy) == Self.head(workspace, db))

        // Into a ledger with its own history: the rows merge, and its chain grows from its own head.
        let other = workspace.folder + "/other.db"
        try workspace.ok("init", "--db", other)
        try workspace.ok("source", "add", "isw", "--name", "Institute for the Study of War", "--db", other)
        let before = try Self.head(workspace, other)
        let merged = try workspace.run(["import", export, "--db", other])
        #expect(merged.status == 0 && !merged.stderr.contains("took its log"), "\(merged.stderr)")
        let after = try Self.head(workspace, other)
        #expect(after != before)
        #expect(try workspace.run(["verify", "--head", before], environment: ["LEDGER_DB": other]).status == 0)
        #expect(try workspace.run(["check"], environment: ["LEDGER_DB": other]).status == 0)
    }
}
