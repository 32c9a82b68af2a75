import Foundation
import LedgerTestSupport
import Testing

/// The tamper-evident ledger (SPEC §1): the log is the record, chained by hashes.
@Suite struct IntegrityTests {
    /// A ledger written by schema version 2 (committed: the worked example plus edits, undo,
    /// lifecycle changes and imports) is migrated by its first write, passes `check`, and
    /// every claim reads as it did.
    @Test(.sqliteOnly) func aVersion2LedgerIsMigratedAndReadsAsBefore() throws {
        let workspace = try Workspace().fromVersion2Fixture()
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Workspace.fixtures + "/v2-ledger/show.json")))
        let claims = try #require(expected as? [[String: Any]])
        #expect(claims.count == 12)
        #expect(try workspace.run(["check"]).status == 0)
        try workspace.ok("source", "add", "isw-2", "--name", "A new source")
        let version = try workspace.run([workspace.db, "PRAGMA user_version"], useDB: false, executable: "/usr/bin/sqlite3")
        #expect(version.stdout == "5\n")
        let check = try workspace.run(["check"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        for (index, before) in claims.enumerated() {
            let shown = try #require(try workspace.json("show", "C\(index + 1)") as? [String: Any])
            // "counts_as", "withdrawn", "notes" and the bounds' inclusion came after the fixture was written; everything else reads as it did.
            let after = Workspace.withoutLaterFields(shown, dropping: ["counts_as", "withdrawn"])
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

    /// An export edited by a Python `edit` (on `doc`), with every hash and the head made to
    /// match, as a forger who knows the canonical form would; returns the new file's path.
    static func forge(_ workspace: Workspace, _ export: String, into name: String, edit: String) throws -> String {
        let forged = workspace.folder + "/" + name
        let script = #"""
            import hashlib, json, sys
            doc = json.load(open(sys.argv[1]))
            def canon(v):
                s = json.dumps(v, sort_keys=True, separators=(',', ':'), ensure_ascii=False)
                for a, b in (('<', '\\u003c'), ('>', '\\u003e'), ('&', '\\u0026'), ('\u2028', '\\u2028'), ('\u2029', '\\u2029')):
                    s = s.replace(a, b)
                return s.encode()

            """# + edit + #"""

            previous = bytes(32)
            for item in doc['log']:
                previous = hashlib.sha256(previous + canon(item['entry'])).digest()
                item['hash'] = previous.hex()
            doc['head'] = previous.hex()
            json.dump(doc, open(sys.argv[2], 'w'), ensure_ascii=False)
            """#
        let python = try workspace.run(["-c", script, export, forged], useDB: false, executable: "/usr/bin/python3")
        #expect(python.status == 0, "\(python.stderr)")
        return forged
    }

    static func head(_ workspace: Workspace, _ db: String) throws -> String {
        let result = try workspace.run(["log", "--head", "--json"], environment: ["LEDGER_DB": db])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return try #require(object["head"] as? String)
    }

    /// Each change made behind the tool's back with the sqlite3 shell is found by `check`
    /// and named in one line (the claim, evidence, source or entry, and the field).
    @Test(.sqliteOnly, arguments: [
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
        // A search shadow table's SQL rewritten to refuse chosen words (found by review: only its presence was compared).
        ("PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = 'CREATE TABLE ''claim_search_content''(id INTEGER PRIMARY KEY, c0, c1, c2, c3, c4, CHECK (c0 NOT LIKE ''%forbidden%''))' WHERE name = 'claim_search_content'; PRAGMA schema_version = 100000",
         "The file's schema has a table 'claim_search_content' changed from what ledger created."),
        ("PRAGMA journal_mode = DELETE", "The file is not in WAL journal mode, as ledger makes it"),
        ("UPDATE claim SET uuid = 'ZZZZZZZZ-0000-4000-8000-000000000000' WHERE id = 1", "C1: its uuid 'ZZZZZZZZ-0000-4000-8000-000000000000' is not a UUID as ledger stores one."),
        ("UPDATE claim SET date = '2022-99-99' WHERE id = 3", "C3: its date '2022-99-99' is not a date as ledger stores one."),
        ("PRAGMA ignore_check_constraints = ON; UPDATE evidence SET date = 'garbage' WHERE id = 2", "E2 on C3: its date 'garbage' is not a date as ledger stores one."),
        ("PRAGMA ignore_check_constraints = ON; UPDATE evidence SET stance = 'maybe' WHERE id = 2", "E2 on C3: its stance is 'maybe' in the ledger, but the log gives 'supports'."),
        ("PRAGMA ignore_check_constraints = ON; UPDATE claim SET quantity_low = 2000 WHERE id = 2", "C2: its quantity '50 km' is stored as [2000, 50] km, but reads as 50 km (length)"),
        ("UPDATE claim SET quantity_text = '70 km' WHERE id = 2", "C2: its quantity '70 km' is stored as 50 km, but reads as 70 km (length); `ledger refigure` re-reads"),
        ("DELETE FROM log WHERE id = 5", "Log entry #6 was altered, or an entry before it was removed"),
        ("UPDATE log SET entry = replace(entry, 'Kupiansk', 'Kharkiv') WHERE id = 14", "Log entry #14 was altered, or an entry before it was removed"),
        // Corrections and notes are rows like any other: an undone withdrawal, a rewritten or dropped note.
        ("UPDATE evidence SET withdrawn_at = NULL, withdrawn_reason = NULL WHERE id = 3", "E3 on C3: its withdrawn_at is nothing in the ledger, but the log gives '2022-09-11T18:00:00Z'."),
        ("UPDATE note SET text = 'Nothing found' WHERE id = 1", "N1 on C3: its text is 'Nothing found' in the ledger, but the log gives"),
        ("DELETE FROM note WHERE id = 1", "N1 on C3 is missing from the ledger, but the log wrote it."),
        ("UPDATE claim SET quantity_text = 'more than 100 sq km', quantity_low = 100 WHERE id = 1", "C1: its quantity_low is 100.0 in the ledger, but the log gives 1000.0."),
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
    @Test(.sqliteOnly) func aPublishedHeadVerifiesUntilTheHistoryIsAltered() throws {
        let (workspace, db) = try Self.example()
        let report = try String(contentsOfFile: workspace.folder + "/report.md", encoding: .utf8)
        let published = try Self.head(workspace, db)
        #expect(report.contains("- Ledger head: `\(published)` (28 log entries)"))
        for index in 1...100 {
            try workspace.run(["add", "Later claim \(index)", "--source", "ap", "--date", "2022-09-12"], environment: ["LEDGER_DB": db])
        }
        let later = try workspace.run(["verify", "--head", published], environment: ["LEDGER_DB": db])
        #expect(later.status == 0, "\(later.stderr)")
        #expect(later.stdout.contains("log entry #28, followed by 100 later entries"))
        let export = workspace.folder + "/export.json"
        try workspace.ok("export", "--output", export, "--db", db)
        #expect(try workspace.run(["verify", export, "--head", published]).status == 0)
        // A head that is no entry's, and one mistyped.
        let other = String(repeating: "ab", count: 32)
        let unknown = try workspace.run(["verify", "--head", other], environment: ["LEDGER_DB": db])
        #expect(unknown.status == 65 && unknown.stderr.contains("its chain of 128 entries holds together, but no entry has that hash"))
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
        #expect(imported.stderr.contains("took its log of 28 entries as the ledger's own"))
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

    /// A ledger of schema version 2 reads, reports and exports as it is, has no head until its
    /// next change, and a refused command leaves it unmigrated; one with a row no entry
    /// accounts for is found by `check` and is not migrated (that would seal the row in).
    @Test(.sqliteOnly) func aVersion2LedgerReadsAsItIsAndIsMigratedOnlyWhenSound() throws {
        let workspace = try Workspace().fromVersion2Fixture()
        func version() throws -> String {
            try workspace.run([workspace.db, "PRAGMA user_version"], useDB: false, executable: "/usr/bin/sqlite3").stdout
        }
        let head = try workspace.run(["log", "--head"])
        #expect(head.status == 0 && head.stderr.contains("no chain yet"))
        #expect(try workspace.run(["report"]).stdout.contains("- Ledger head: none; it was written by an earlier version of ledger"))
        let export = try workspace.run(["export"])
        #expect(export.status == 0 && export.stdout.contains("\"version\": 1,"))
        #expect(try workspace.run(["verify", "--head", String(repeating: "a", count: 64)]).status == 65)
        #expect(try workspace.run(["corroborate", "C1", "--source", "ua-military"]).status == 65)
        #expect(try version() == "2\n", "a refused command migrated the ledger")

        try Self.sqlite3(
            workspace, workspace.db,
            "INSERT INTO source (uuid, handle, name, kind, affiliation, reliability, recorded_at, recorded_by) VALUES ('11111111-1111-4111-8111-111111111111', 'planted', 'Planted', 'other', '', 'F', '2022-09-11T18:00:00Z', 'x')")
        let check = try workspace.run(["check"])
        #expect(check.status == 65 && check.stdout.contains("Source planted has no entry in the log that added it."))
        let write = try workspace.run(["add", "A claim", "--source", "ap"])
        #expect(write.status == 65 && write.stderr.contains("it has a problem (Source planted has no entry in the log that added it)"))
        #expect(try version() == "2\n")
    }

    /// What the replay cannot see, `check` finds otherwise: a damaged search index, a lowered
    /// id counter, text that no command would store.
    @Test(.sqliteOnly, arguments: [
        ("UPDATE claim_search_data SET block = x'00' WHERE id = 1", "The search index is damaged"),
        ("DELETE FROM claim_search_docsize WHERE id = 1", "The search index is damaged"),
        ("UPDATE sqlite_sequence SET seq = 7 WHERE name = 'claim'", "The ledger's counter of claim ids (sqlite_sequence) is 7, below the id 8 its log already used"),
        ("UPDATE sqlite_sequence SET seq = 20 WHERE name = 'claim'", "The ledger's counter of claim ids (sqlite_sequence) is 20, but its log never used an id above 8"),
        ("UPDATE source SET name = 'AP' || char(8238) WHERE handle = 'ap'", "Source ap: its name does not read as ledger stores text"),
        // Found by review: the same words once folded, but words FTS5 cuts otherwise, so a
        // search misses the claim; and a counter stored as text is read as its number.
        ("UPDATE claim_search SET statement = replace(statement, 'ukrainian', 'ukrain''ian') WHERE rowid = 1",
         "C1: the search index holds other words for its statement than the claim has"),
        ("UPDATE sqlite_sequence SET seq = '7' WHERE name = 'claim'", "The ledger's counter of claim ids (sqlite_sequence) is 7, below the id 8 its log already used"),
    ])
    func checkFindsWhatTheReplayCannotSee(sql: String, finding: String) throws {
        let (workspace, db) = try Self.example()
        try Self.sqlite3(workspace, db, sql)
        let result = try workspace.run(["check"], environment: ["LEDGER_DB": db])
        #expect(result.status == 65, "check passed after: \(sql)")
        #expect(result.stdout.contains(finding), "\(sql) gave:\n\(result.stdout)")
    }

    /// An export whose rows were edited but whose log was not: `verify` of the file fails,
    /// naming the row and field, and so does an import into a ledger with history; an export
    /// that says version 1 but carries hashes is refused; one whose log was rewritten and
    /// hashed again, with a row ledger would not store, is not taken into a new ledger.
    @Test func anExportIsItsLogAndNothingElse() throws {
        let (workspace, db) = try Self.example()
        let published = try Self.head(workspace, db)
        let export = workspace.folder + "/export.json"
        try workspace.ok("export", "--output", export, "--db", db)
        let text = try String(contentsOfFile: export, encoding: .utf8)

        let edited = workspace.folder + "/edited.json"
        try text.replacingOccurrences(of: "\"statement\": \"Ukrainian troops have retaken Kupiansk\"", with: "\"statement\": \"Ukrainian troops have retaken Kharkiv\"")
            .write(toFile: edited, atomically: true, encoding: .utf8)
        let verified = try workspace.run(["verify", edited, "--head", published])
        #expect(verified.status == 65)
        #expect(verified.stderr.contains(".statement is not what its log gives: its rows were altered after it was written."), "\(verified.stderr)")
        let other = workspace.folder + "/other.db"
        try workspace.ok("init", "--db", other)
        try workspace.ok("source", "add", "isw", "--name", "ISW", "--db", other)
        let merged = try workspace.run(["import", edited, "--db", other])
        #expect(merged.status == 65 && merged.stderr.contains(".statement is not what its log gives; nothing was imported."))

        let relabelled = workspace.folder + "/v1.json"
        try text.replacingOccurrences(of: "\"version\": 3,", with: "\"version\": 1,").write(toFile: relabelled, atomically: true, encoding: .utf8)
        let v1 = try workspace.run(["import", relabelled, "--db", other])
        #expect(v1.status == 65 && v1.stderr.contains("says it is export version 1 but carries a head or hashes"))

        // Entry #9 (source ap added) rewritten with a hidden right-to-left override in the name,
        // the rows and every later hash made to match.
        let forged = try Self.forge(
            workspace, export, into: "forged.json",
            edit: """
                name = 'Associated Press\\u202e'
                doc['log'][8]['entry']['writes'][0]['row']['name'] = name
                for source in doc['sources'].values():
                    if source['handle'] == 'ap': source['name'] = name
                """)
        let fresh = workspace.folder + "/fresh.db"
        try workspace.ok("init", "--db", fresh)
        let adopted = try workspace.run(["import", forged, "--db", fresh])
        #expect(adopted.status == 65, "\(adopted.stderr)")
        #expect(adopted.stderr.contains("its log does not rebuild a sound ledger (Source ap: its name does not read as ledger stores text"), "\(adopted.stderr)")
        #expect(try workspace.run(["log", "--head"], environment: ["LEDGER_DB": fresh]).stderr.contains("the log is empty"))

        // An entry with a field ledger does not write is not taken either.
        let extra = try Self.forge(workspace, export, into: "extra.json", edit: "doc['log'][3]['entry']['unknownfield'] = 1")
        let unknown = try workspace.run(["import", extra, "--db", fresh])
        #expect(unknown.status == 65 && unknown.stderr.contains("log entry #4 holds a field 'unknownfield' that ledger does not write"), "\(unknown.stderr)")
    }
}
