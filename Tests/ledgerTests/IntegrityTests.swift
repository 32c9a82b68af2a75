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
}
