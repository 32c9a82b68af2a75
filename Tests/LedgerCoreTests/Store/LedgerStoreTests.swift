import Foundation
import LedgerSQLite
import LedgerTestSupport
import Testing

@testable import LedgerCore

struct LedgerFileTests {
    /// The rename that moves an output or a new ledger into place never replaces a file,
    /// even one that appeared after every check (the hardening issue, item 3).
    @Test(.sqliteOnly) func theFinalRenameNeverReplaces() throws {
        let folder = TemporaryFolder()
        let from = folder.path + "/new", to = folder.path + "/existing"
        try "new".write(toFile: from, atomically: false, encoding: .utf8)
        try "kept".write(toFile: to, atomically: false, encoding: .utf8)
        #expect(Files.renameWithoutReplacing(from, to) == EEXIST)
        #expect(try String(contentsOfFile: to, encoding: .utf8) == "kept")
        #expect(FileManager.default.fileExists(atPath: from))
        try FileManager.default.removeItem(atPath: to)
        #expect(Files.renameWithoutReplacing(from, to) == 0)
        #expect(try String(contentsOfFile: to, encoding: .utf8) == "new")
        #expect(!FileManager.default.fileExists(atPath: from))
    }

    /// Every object schema.sql makes is what a new ledger has, and nothing else.
    @Test(.sqliteOnly) func aNewLedgerHasExactlyTheCompiledSchema() throws {
        // The generated list (scripts/generate-schema-objects.py) is what schema.sql makes.
        #expect(try Ledger.schemaObjectsBuiltFromSchemaSQL() == Ledger.compiledSchemaObjects, "run scripts/generate-schema-objects.py")
        let test = try TestLedger()
        #expect(try test.ledger.schemaDifferences().isEmpty)
        // ANALYZE's statistics tables are SQLite's own, not an alteration.
        try test.ledger.db.execute("ANALYZE")
        #expect(try test.ledger.schemaDifferences().isEmpty)
        try test.ledger.db.execute("CREATE TRIGGER t AFTER INSERT ON claim BEGIN SELECT 1; END")
        #expect(try test.ledger.schemaDifferences().map(\.phrase) == ["a trigger 't' on claim that ledger did not create"])
    }

    @Test(.sqliteOnly) func createdFileIsALedgerReadableByItsOwnerOnly() throws {
        let test = try TestLedger()
        let attributes = try FileManager.default.attributesOfItem(atPath: test.path)
        let permissions = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
        #expect(permissions & 0o077 == 0)
        #expect(try test.ledger.db.scalarInteger("PRAGMA user_version") == Ledger.schemaVersion)
        #expect(try test.ledger.db.scalarInteger("PRAGMA application_id") == Ledger.applicationID)
        #expect(try test.ledger.db.scalarText("PRAGMA journal_mode") == "wal")
        #expect(try test.ledger.db.scalarInteger("PRAGMA foreign_keys") == 1)
    }

    @Test(.sqliteOnly) func schemaFileDeclaresTheVersionTheCodeKnows() {
        #expect(Ledger.schemaSQL.contains("PRAGMA user_version = \(Ledger.schemaVersion);"))
        #expect(Ledger.schemaSQL.contains("PRAGMA application_id = \(Ledger.applicationID);"))
    }

    @Test(.sqliteOnly) func createRefusesAnExistingFile() throws {
        let test = try TestLedger()
        #expect(throws: LedgerError.ledgerExists(path: test.path)) { try Ledger.create(at: test.path, actor: "x") }
        #expect(try test.count("source") == 5)
    }

    @Test(.sqliteOnly) func createInAMissingFolderFailsWithIO() throws {
        let folder = TemporaryFolder()
        let error = #expect(throws: LedgerError.self) { try Ledger.create(at: folder.file("no/such/dir.db"), actor: "x") }
        #expect(error?.exitCode == 74)
    }

    @Test(.sqliteOnly) func openingAMissingFileSaysToRunInit() throws {
        let folder = TemporaryFolder()
        let path = folder.file("absent.db")
        let error = #expect(throws: LedgerError.self) { try Ledger.open(at: path, access: .read, actor: "x") }
        #expect(error == .missingLedger(path: path))
        #expect(error?.exitCode == 66)
        #expect(error?.message.contains("ledger init") == true)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test(.sqliteOnly) func aFolderIsNotALedger() throws {
        let folder = TemporaryFolder()
        let error = #expect(throws: LedgerError.self) { try Ledger.open(at: folder.path, access: .read, actor: "x") }
        #expect(error?.exitCode == 66)
        #expect(error?.message.contains("folder") == true)
    }

    @Test(.sqliteOnly) func randomBytesAndTextAreRefused() throws {
        let folder = TemporaryFolder()
        var random = SeededRandom(seed: 7)
        let bytes = (0..<8192).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        for (name, data) in [("random.db", Data(bytes)), ("notes.db", Data("claims and notes\n".utf8))] {
            let path = folder.file(name)
            _ = FileManager.default.createFile(atPath: path, contents: data)
            for access in [Ledger.Access.read, .write] {
                let error = #expect(throws: LedgerError.self) { try Ledger.open(at: path, access: access, actor: "x") }
                #expect(error?.exitCode == 66)
            }
            #expect(FileManager.default.contents(atPath: path) == data)
        }
    }

    @Test(.sqliteOnly) func aForeignSQLiteDatabaseIsRefused() throws {
        let folder = TemporaryFolder()
        let path = folder.file("other.db")
        do {
            let connection = try SQLiteDatabase.scratch(at: path)
            try connection.execute("CREATE TABLE notes (body TEXT)")
        }
        let error = #expect(throws: LedgerError.self) { try Ledger.open(at: path, access: .write, actor: "x") }
        #expect(error?.exitCode == 66)
        #expect(error?.message.contains("not a ledger") == true)
    }

    /// Rows name their sources by id (resolved by `SourceDirectory`); a file altered by hand so
    /// that a claim's source is gone is reported as one sentence pointing to `check`.
    @Test(.sqliteOnly) func aClaimWhoseSourceWasDeletedByHandPointsToCheck() throws {
        let test = try TestLedger()
        _ = try test.ledger.addClaim(NewClaim(statement: "Kupiansk seized", claimant: "ua-mfa", date: LedgerDate("2022-09-10")))
        try test.ledger.db.execute("PRAGMA foreign_keys = OFF")
        try test.ledger.db.execute("DELETE FROM log")
        try test.ledger.db.execute("DELETE FROM source WHERE handle = 'ua-mfa'")
        let reads: [() throws -> Void] = [
            { _ = try test.ledger.claims() },
            { try test.ledger.forEachReportClaim(ClaimFilter()) { _, _ in } },
        ]
        for read in reads {
            let error = #expect(throws: LedgerError.self) { try read() }
            #expect(error?.exitCode == 74)
            #expect(error?.message.contains("run `ledger check`") == true)
        }
        #expect(try test.ledger.check().contains { $0.contains("source") })
    }

    @Test(.sqliteOnly) func aNewerSchemaVersionIsRefused() throws {
        let test = try TestLedger()
        try test.ledger.db.execute("PRAGMA user_version = \(Ledger.schemaVersion + 1)")
        let error = #expect(throws: LedgerError.self) { try test.reopen() }
        #expect(error?.exitCode == 66)
        #expect(error?.message.contains("newer version of ledger") == true)
    }
}

struct LedgerConstraintTests {
    /// Rows that break the schema's invariants are rejected by SQLite itself, whoever writes them.
    @Test(.sqliteOnly, arguments: [
        "INSERT INTO source (uuid, handle, name, recorded_at, recorded_by) VALUES ('00000000-0000-4000-8000-000000000001', 'Bad Handle', 'x', 't', 'u')",
        "INSERT INTO source (uuid, handle, name, recorded_at, recorded_by) VALUES ('00000000-0000-4000-8000-000000000001', '-bad', 'x', 't', 'u')",
        "INSERT INTO source (uuid, handle, name, reliability, recorded_at, recorded_by) VALUES ('00000000-0000-4000-8000-000000000001', 'ok', 'x', 'G', 't', 'u')",
        "INSERT INTO source (uuid, handle, name, kind, recorded_at, recorded_by) VALUES ('00000000-0000-4000-8000-000000000001', 'ok', 'x', 'blog', 't', 'u')",
        "INSERT INTO source (uuid, handle, name, recorded_at, recorded_by) VALUES ('00000000-0000-4000-8000-000000000001', 'ok', '  ', 't', 'u')",
        "INSERT INTO source (uuid, handle, name, recorded_at, recorded_by) VALUES ('short', 'ok', 'x', 't', 'u')",
        "INSERT INTO claim (uuid, statement, claimant_id, date, grade, recorded_at, recorded_by) VALUES ('00000000-0000-4000-8000-000000000002', 'x', 999, '2022-09-10', 'C6', 't', 'u')",
        "INSERT INTO claim (uuid, statement, claimant_id, date, grade, status, recorded_at, recorded_by) VALUES ('00000000-0000-4000-8000-000000000002', 'x', 1, '2022-09-10', 'C6', 'true', 't', 'u')",
        "INSERT INTO claim (uuid, statement, claimant_id, date, grade, status, recorded_at, recorded_by) VALUES ('00000000-0000-4000-8000-000000000002', 'x', 1, '2022-09-10', 'C6', 'resolved', 't', 'u')",
        "INSERT INTO claim (uuid, statement, claimant_id, date, grade, recorded_at, recorded_by) VALUES ('00000000-0000-4000-8000-000000000002', 'x', 1, 'yesterday', 'C6', 't', 'u')",
        "INSERT INTO claim (uuid, statement, claimant_id, date, grade, recorded_at, recorded_by) VALUES ('00000000-0000-4000-8000-000000000002', 'x', 1, '2022-09-10', 'C9', 't', 'u')",
        "INSERT INTO claim (uuid, statement, claimant_id, date, grade, recorded_at, recorded_by) VALUES ('00000000-0000-4000-8000-000000000002', 'x', 1, '2022-09-10', 'C6', 't', NULL)",
        "INSERT INTO claim (uuid, statement, claimant_id, date, grade, recorded_at, recorded_by) VALUES ('00000000-0000-4000-8000-000000000002', X'00FF', 1, '2022-09-10', 'C6', 't', 'u')",
        "INSERT INTO evidence (uuid, claim_id, stance, source_id, date, recorded_at, recorded_by) VALUES ('00000000-0000-4000-8000-000000000003', 1, 'neutral', 1, '2022-09-10', 't', 'u')",
        "INSERT INTO evidence (uuid, claim_id, stance, source_id, date, recorded_at, recorded_by) VALUES ('00000000-0000-4000-8000-000000000003', 999, 'supports', 1, '2022-09-10', 't', 'u')",
        "INSERT INTO log (recorded_at, actor, action, effective, summary) VALUES ('t', 'u', 'delete', '2022-09-10', 's')",
        "UPDATE claim SET status = 'resolved' WHERE id = 1",
        "UPDATE claim SET support_independent = -1 WHERE id = 1",
    ])
    func schemaRejects(sql: String) throws {
        let test = try TestLedger()
        _ = try test.ledger.addClaim(NewClaim(statement: "Kupiansk seized", claimant: "ua-mfa", date: LedgerDate("2022-09-10")))
        let before = try test.snapshot()
        #expect(throws: DatabaseError.self) { try test.ledger.db.run(SQL(raw: sql)) }
        #expect(try test.snapshot() == before)
    }
}

struct LedgerClaimTests {
    let date = LedgerDate("2022-09-10")

    @Test func claimRoundTripsThroughTheFile() throws {
        let test = try TestLedger()
        let added = try test.ledger.addClaim(
            NewClaim(
                statement: "Units penetrated the enemy's defences to a depth of 50 km", claimant: "ua-military", date: date,
                via: "ap", url: "https://apnews.com/x", quote: "to a depth of 50 kilometres", quantity: "50 km",
                place: "Kharkiv oblast", tags: ["Kharkiv", "depth"]))
        #expect(added.claim.label == "C1")
        #expect(added.claim.status == .unverified)
        #expect(added.claim.grade.description == "C6")
        #expect(added.claim.tags == ["depth", "kharkiv"])
        #expect(added.claim.recordedBy == TestBackend.current.actor("tester"))
        #expect(UUIDText.isValid(added.claim.uuid))

        let reopened = try test.reopen(.read)
        let read = try reopened.claim("c1")
        #expect(read == added)
        #expect(try reopened.claim(added.claim.uuid.uppercased()) == added)
    }

    @Test func evidenceDerivesAndStoresTheStatus() throws {
        let test = try TestLedger()
        _ = try test.ledger.addClaim(NewClaim(statement: "Kupiansk seized", claimant: "ua-mfa", date: date))
        let echo = try test.ledger.addEvidence(to: "C1", NewEvidence(stance: .supports, source: "ua-military", date: date))
        #expect(echo.detail.claim.status == .unverified)
        #expect(echo.detail.claim.support == Support(independent: 0, echoes: 1))
        #expect(!echo.evidence.independent)

        let uk = try test.ledger.addEvidence(to: "C1", NewEvidence(stance: .supports, source: "uk-mod", date: date))
        #expect(uk.statusBefore == .unverified)
        #expect(uk.detail.claim.status == .corroborated)
        #expect(uk.detail.claim.grade.description == "C2")

        let ap = try test.ledger.addEvidence(to: "C1", NewEvidence(stance: .supports, source: "ap", date: date))
        #expect(ap.detail.claim.status == .confirmed)

        let ru = try test.ledger.addEvidence(to: "C1", NewEvidence(stance: .contradicts, source: "ru-mod", date: date))
        #expect(ru.detail.claim.status == .disputed)
        #expect(ru.detail.claim.contradictions == 1)
        #expect(ru.detail.claim.grade.description == "C3")

        // What is stored is what the rules derive, and survives reopening.
        let stored = try test.reopen(.read).claims()
        #expect(stored.map(\.status) == [.disputed])
        #expect(stored.first?.support == Support(independent: 2, echoes: 1))
        // Every change, with its status before and after.
        let log = try test.ledger.log(claim: "C1")
        #expect(log.map(\.action) == [.claimAdd, .evidenceAdd, .evidenceAdd, .evidenceAdd, .evidenceAdd])
        #expect(log.map(\.statusAfter) == [.unverified, .unverified, .corroborated, .confirmed, .disputed])
        #expect(log.allSatisfy { $0.actor == TestBackend.current.actor("tester") && $0.effective == date! })
    }

    @Test func citingDecidesTheOrigin() throws {
        let test = try TestLedger()
        _ = try test.ledger.addClaim(NewClaim(statement: "Kupiansk seized", claimant: "ua-mfa", date: date))
        // AP repeating the Ukrainian military is an echo of Ukraine, not independent support.
        let echo = try test.ledger.addEvidence(to: "C1", NewEvidence(stance: .supports, source: "ap", citing: "ua-military", date: date))
        #expect(!echo.evidence.independent)
        #expect(echo.detail.claim.status == .unverified)
        // The Ukrainian military citing the UK MoD brings the UK's independent support.
        let uk = try test.ledger.addEvidence(to: "C1", NewEvidence(stance: .supports, source: "ua-military", citing: "uk-mod", date: date))
        #expect(uk.evidence.independent)
        #expect(uk.detail.claim.status == .corroborated)
    }

    @Test func guardsRefuseAndChangeNothing() throws {
        let test = try TestLedger()
        _ = try test.ledger.addClaim(NewClaim(statement: "Kupiansk seized", claimant: "ua-mfa", date: date))
        let before = try test.snapshot()

        let cases: [(() throws -> Void, String)] = [
            ({ _ = try test.ledger.addEvidence(to: "C1", NewEvidence(stance: .supports, source: "ua-mfa")) }, "cannot corroborate"),
            ({ _ = try test.ledger.addEvidence(to: "C1", NewEvidence(stance: .contradicts, source: "ua-mfa")) }, "ledger retract C1"),
            ({ _ = try test.ledger.addEvidence(to: "C1", NewEvidence(stance: .supports, source: "uk-mod", citing: "uk-mod")) }, "cannot cite itself"),
            ({ _ = try test.ledger.addEvidence(to: "C1", NewEvidence(stance: .supports, source: "uk-mdo")) }, "Did you mean uk-mod"),
            ({ _ = try test.ledger.addEvidence(to: "C1", NewEvidence(stance: .supports, source: "uk-mod", citing: "ua-militray")) }, "Did you mean ua-military?"),
            ({ _ = try test.ledger.addEvidence(to: "C7", NewEvidence(stance: .supports, source: "uk-mod")) }, "There is no claim C7. Did you mean C1?"),
            ({ _ = try test.ledger.addEvidence(to: "Kupiansk", NewEvidence(stance: .supports, source: "uk-mod")) }, "not a claim id"),
            ({ _ = try test.ledger.addEvidence(to: "C1", NewEvidence(stance: .supports, source: "uk-mod", url: "javascript:alert(1)")) }, "http"),
            ({ _ = try test.ledger.addClaim(NewClaim(statement: "   ", claimant: "uk-mod")) }, "statement is empty"),
            ({ _ = try test.ledger.addClaim(NewClaim(statement: "x", claimant: "nobody")) }, "There is no source 'nobody'"),
            ({ _ = try test.ledger.addClaim(NewClaim(statement: "x", claimant: "uk-mod", via: "apnews")) }, "There is no source 'apnews'"),
            ({ _ = try test.ledger.addClaim(NewClaim(statement: String(repeating: "x", count: 1_000_000), claimant: "uk-mod")) }, "the limit is"),
            ({ _ = try test.ledger.addSource(NewSource(handle: "uk-mod", name: "Again")) }, "already a source 'uk-mod'"),
            ({ _ = try test.ledger.addSource(NewSource(handle: "UK MoD", name: "Bad")) }, "not a valid source handle"),
            ({ _ = try test.ledger.editSource("nobody", SourceChanges(reliability: .A)) }, "There is no source 'nobody'"),
        ]
        for (attempt, fragment) in cases {
            let error = #expect(throws: LedgerError.self) { try attempt() }
            #expect(error?.exitCode == 65)
            #expect(error?.message.contains(fragment) == true, "\(error?.message ?? "no error") should mention \(fragment)")
        }
        #expect(try test.snapshot() == before)
    }

    @Test func sourceEditRederivesOpenClaimsAndLogsTheCause() throws {
        let test = try TestLedger()
        _ = try test.ledger.addClaim(NewClaim(statement: "50 km depth", claimant: "ua-military", date: date))
        _ = try test.ledger.addEvidence(to: "C1", NewEvidence(stance: .supports, source: "uk-mod", date: date))
        _ = try test.ledger.addClaim(NewClaim(statement: "Regrouping to Donetsk", claimant: "ru-mod", date: date))
        _ = try test.ledger.addEvidence(to: "C2", NewEvidence(stance: .contradicts, source: "uk-mod", date: date))

        // The UK MoD judged unreliable: it no longer corroborates or contradicts anything.
        _ = try test.ledger.editSource("uk-mod", SourceChanges(reliability: .E))
        let claims = try test.ledger.claims()
        #expect(claims.map(\.status) == [.unverified, .unverified])
        let rederived = try test.ledger.log().filter { $0.action == .rederive }
        #expect(rederived.map(\.claimNumber) == [1, 2])
        #expect(rederived.allSatisfy { $0.cause?.contains("reliability B → E") == true })

        // Moving the UK MoD onto Ukraine's side makes its support an echo.
        _ = try test.ledger.editSource("uk-mod", SourceChanges(affiliation: "UA", reliability: .B))
        #expect(try test.ledger.claim("C1").claim.support == Support(independent: 0, echoes: 1))
        #expect(try test.ledger.claim("C2").claim.status == .contradicted)

        // The claimant's reliability is the grade's letter.
        _ = try test.ledger.editSource("ua-military", SourceChanges(reliability: .A))
        #expect(try test.ledger.claim("C1").claim.grade.description == "A6")
    }

    @Test func editingNothingChangesNothing() throws {
        let test = try TestLedger()
        let before = try test.snapshot()
        _ = try test.ledger.editSource("uk-mod", SourceChanges(reliability: .B))
        #expect(try test.snapshot() == before)
    }

    @Test func listFilters() throws {
        let test = try TestLedger()
        _ = try test.ledger.addClaim(NewClaim(statement: "1000 sq km", claimant: "ua-military", date: LedgerDate("2022-09-09"), place: "Kharkiv oblast", tags: ["area"]))
        _ = try test.ledger.addClaim(NewClaim(statement: "Kupiansk seized", claimant: "ua-mfa", date: LedgerDate("2022-09-10T15:00:00Z"), place: "Kupiansk", tags: ["kupiansk"]))
        _ = try test.ledger.addClaim(NewClaim(statement: "Regrouping", claimant: "ru-mod", date: LedgerDate("2022-09-11"), place: "Izyum"))
        _ = try test.ledger.addEvidence(to: "C3", NewEvidence(stance: .contradicts, source: "uk-mod"))

        func ids(_ filter: ClaimFilter) throws -> [String] { try test.ledger.claims(filter).map(\.label) }
        #expect(try ids(ClaimFilter()) == ["C1", "C2", "C3"])
        #expect(try ids(ClaimFilter(statuses: [.contradicted])) == ["C3"])
        #expect(try ids(ClaimFilter(statuses: [.contradicted, .unverified])) == ["C1", "C2", "C3"])
        #expect(try ids(ClaimFilter(tag: "KUPIANSK")) == ["C2"])
        #expect(try ids(ClaimFilter(source: "ua-mfa")) == ["C2"])
        #expect(try ids(ClaimFilter(source: "uk-mod")) == ["C3"])
        #expect(try ids(ClaimFilter(place: "kharkiv")) == ["C1"])
        #expect(try ids(ClaimFilter(place: "%")) == [])
        #expect(try ids(ClaimFilter(since: LedgerDate("2022-09-10"))) == ["C2", "C3"])
        #expect(try ids(ClaimFilter(until: LedgerDate("2022-09-10"))) == ["C1", "C2"])
        #expect(try ids(ClaimFilter(since: LedgerDate("2022-09-10"), until: LedgerDate("2022-09-10"))) == ["C2"])
        #expect(throws: LedgerError.self) { try ids(ClaimFilter(source: "nobody")) }
    }

    @Test func textIsStoredVerbatimWhateverItContains() throws {
        let test = try TestLedger()
        let hostile = "Robert'); DROP TABLE claim;-- \"quoted\" % _ \\ ; SELECT * FROM source"
        let detail = try test.ledger.addClaim(NewClaim(statement: hostile, claimant: "uk-mod", quote: hostile, place: hostile, tags: ["'); DROP TABLE claim_tag;--"]))
        let read = try test.reopen(.read).claim("C1")
        #expect(read.claim.statement == hostile)
        #expect(read.claim.quote == hostile)
        #expect(read.claim.place == hostile)
        #expect(read == detail)
        #expect(try test.count("claim") == 1)
    }
}

/// Two connections to one older file: the first opened it before the second migrated it.
struct MigrationByAnotherProcessTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("ledgerTests/Fixtures").path

    func copy(_ fixture: String, _ folder: TemporaryFolder) throws -> String {
        let path = folder.file("copy.ledger")
        try FileManager.default.copyItem(atPath: Self.fixtures + "/" + fixture, toPath: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        return path
    }

    /// A connection that read a version-3 file through temporary views writes to it after
    /// another migrated it: it follows the migration (reads the withdrawal the other wrote,
    /// writes to the real table), and the ledger stays sound. (Found by review: it wrote
    /// through its stale views, or re-derived C2 without the other's withdrawal.)
    @Test(.sqliteOnly) func aWriterFollowsAMigrationMadeAfterItOpenedTheFile() throws {
        let folder = TemporaryFolder()
        let path = try copy("v3-ledger/kharkiv-v3.ledger", folder)
        let early = try Ledger.open(at: path, access: .write, actor: "early")
        let reader = try Ledger.open(at: path, access: .read, actor: "reader")
        #expect(early.version == 3)
        let other = try Ledger.open(at: path, access: .write, actor: "other")
        _ = try other.withdraw("E1", reason: "Withdrawn by the other process")
        #expect(other.version == Ledger.schemaVersion)
        // The early writer's change re-derives C2 from the evidence as it now stands.
        _ = try early.addNote(to: "C2", NewNote(text: "Written after the other's migration"))
        #expect(early.version == Ledger.schemaVersion)
        #expect(try early.claim("C2").evidence.first { $0.label == "E1" }?.isWithdrawn == true)
        #expect(try reader.claim("C2").evidence.first { $0.label == "E1" }?.isWithdrawn == true)
        #expect(try other.check() == [])
    }

    /// A version-4 file migrated by another connection after this one opened it is not taken
    /// for a tampered one: the schema is checked inside the write, against the version then.
    @Test(.sqliteOnly) func aMigrationByAnotherIsNotTakenForTampering() throws {
        let folder = TemporaryFolder()
        let path = try copy("v4-ledger/kharkiv-v4.ledger", folder)
        let early = try Ledger.open(at: path, access: .write, actor: "early")
        let other = try Ledger.open(at: path, access: .write, actor: "other")
        _ = try other.addNote(to: "C1", NewNote(text: "Migrates the file"))
        _ = try early.addNote(to: "C1", NewNote(text: "Written after the other's migration"))
        #expect(early.version == Ledger.schemaVersion)
    }

    /// A trigger planted after a writer opened the file is refused inside the write.
    @Test(.sqliteOnly) func aTriggerPlantedAfterOpeningIsRefusedInsideTheWrite() throws {
        let folder = TemporaryFolder()
        let path = try copy("v4-ledger/kharkiv-v4.ledger", folder)
        let early = try Ledger.open(at: path, access: .write, actor: "early")
        let shell = try SQLiteDatabase(path: path, mode: .readWrite, busyTimeoutMilliseconds: 1000)
        try shell.execute("CREATE TRIGGER planted AFTER INSERT ON note BEGIN SELECT 1; END")
        let error = #expect(throws: LedgerError.self) { try early.addNote(to: "C1", NewNote(text: "x")) }
        #expect(error?.message.contains("its schema was altered outside ledger (it has a trigger 'planted' on note that ledger did not create)") == true, "\(error?.message ?? "")")
        #expect(try shell.scalarInteger("PRAGMA user_version") == 4)
    }
}

/// "Citing counts as the cited source" (SPEC §2), through the store: a row from one source
/// citing another counts as the one cited, whatever the citing outlet's own side.
struct CitingTests {
    @Test func anUnaffiliatedOutletCitingTheClaimantsSideIsAnEcho() throws {
        let test = try TestLedger()
        _ = try test.ledger.addSource(NewSource(handle: "kyiv-independent", name: "Kyiv Independent", kind: .media, reliability: .B))
        _ = try test.ledger.addClaim(NewClaim(statement: "Kupiansk retaken", claimant: "ua-mfa"))
        // On its own the unaffiliated outlet would be independent of the Ukrainian claimant…
        let own = try test.ledger.addEvidence(to: "C1", NewEvidence(stance: .supports, source: "kyiv-independent"))
        #expect(own.evidence.independent && own.detail.claim.status == .corroborated)
        _ = try test.ledger.undo()
        // …but citing the General Staff, its origin is the General Staff: an echo.
        let cited = try test.ledger.addEvidence(to: "C1", NewEvidence(stance: .supports, source: "kyiv-independent", citing: "ua-military"))
        #expect(!cited.evidence.independent && cited.detail.claim.status == .unverified)
        #expect(cited.evidence.countsAs.hasPrefix("echo (cites ua-military"), "\(cited.evidence.countsAs)")
    }

    @Test func anOutletOnTheClaimantsSideCitingAnIndependentSourceCounts() throws {
        let test = try TestLedger()
        _ = try test.ledger.addSource(NewSource(handle: "ukrinform", name: "Ukrinform", kind: .media, affiliation: "UA", reliability: .C))
        _ = try test.ledger.addClaim(NewClaim(statement: "Balakliya retaken", claimant: "ua-military"))
        // On its own a Ukrainian outlet echoes the Ukrainian claimant…
        let own = try test.ledger.addEvidence(to: "C1", NewEvidence(stance: .supports, source: "ukrinform"))
        #expect(!own.evidence.independent && own.detail.claim.status == .unverified)
        // …citing the UK MoD, its origin is the UK MoD, independent of the claimant.
        let cited = try test.ledger.addEvidence(to: "C1", NewEvidence(stance: .supports, source: "ukrinform", citing: "uk-mod"))
        #expect(cited.evidence.independent && cited.detail.claim.status == .corroborated)
        #expect(try test.ledger.check() == [])
    }
}

/// An update names each column once and only columns of its table (a log entry being undone
/// could have been altered to say otherwise): refused in one sentence, nothing changed.
struct UpdateRowTests {
    @Test(arguments: [[("url", SQLValue.null), ("url", .text("https://example.org"))], [("statement; DROP TABLE log", .null)]])
    func anUpdateNamingAColumnTwiceOrNoneOfTheTablesIsRefused(changes: [(String, SQLValue)]) throws {
        let test = try TestLedger()
        _ = try test.ledger.addClaim(NewClaim(statement: "Kupiansk seized", claimant: "ua-mfa", date: LedgerDate("2022-09-10")))
        let before = try test.snapshot()
        let error = #expect(throws: LedgerError.self) { try test.ledger.write { try test.ledger.updateRow(.claim, id: 1, changes) } }
        #expect(error?.message.contains("names a column twice or one claim does not have") == true, "\(error?.message ?? "")")
        #expect(try test.snapshot() == before)
    }
}
