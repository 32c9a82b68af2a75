import Foundation
import LedgerTestSupport
import Testing

@testable import LedgerCore

/// A small export written field by field, so that a test can break one field (or give it twice).
struct ExportFixture {
    typealias Row = [(key: String, raw: String)]
    static let claimant = "00000000-0000-4000-8000-0000000000a1"
    static let witness = "00000000-0000-4000-8000-0000000000b1"
    static let claim = "00000000-0000-4000-8000-0000000000c1"
    static let evidence = "00000000-0000-4000-8000-0000000000e1"
    static let retraction = "00000000-0000-4000-8000-0000000000f1"
    static let recorded: Row = [("recorded_at", #""2022-09-12T08:00:00Z""#), ("recorded_by", #""analyst""#)]

    var top: Row = [("format", #""ledger-export""#), ("version", "1")]
    /// Rows given as raw JSON instead of their fields, by UUID.
    var replaced: [String: String] = [:]
    var sections: [(name: String, rows: [(uuid: String, row: Row)])] = [
        (
            "sources",
            [
                (claimant, [("handle", #""file-claimant""#), ("name", #""File claimant""#), ("affiliation", #""X""#), ("reliability", #""C""#)] + recorded),
                (witness, [("handle", #""file-witness""#), ("name", #""File witness""#), ("affiliation", #""Y""#), ("reliability", #""B""#)] + recorded),
            ]
        ),
        (
            "claims",
            [
                (
                    claim,
                    [
                        ("statement", #""Fifty kilometres deep""#), ("claimant", "\"\(claimant)\""), ("date", #""2022-09-10""#),
                        ("quantity", #""50 km""#), ("tags", #"["depth"]"#),
                    ] + recorded
                )
            ]
        ),
        (
            "evidence",
            [
                (
                    evidence,
                    [
                        ("claim", "\"\(claim)\""), ("stance", #""supports""#), ("source", "\"\(witness)\""), ("date", #""2022-09-11""#),
                        ("quantity", #""about 50 km""#), ("forced", "false"), ("while_closed", "false"),
                    ] + recorded
                )
            ]
        ),
        (
            "lifecycle",
            [(retraction, [("claim", "\"\(claim)\""), ("action", #""retract""#), ("effective", #""2022-09-12""#), ("step", "1")] + recorded)]
        ),
    ]

    /// Gives `key` of the first row of `section` the raw JSON `raw` (nil removes it).
    mutating func set(_ section: String, _ key: String, _ raw: String?, row: Int = 0) {
        guard let index = sections.firstIndex(where: { $0.name == section }) else { return }
        var fields = sections[index].rows[row].row
        if let position = fields.firstIndex(where: { $0.key == key }) {
            if let raw { fields[position].raw = raw } else { fields.remove(at: position) }
        } else if let raw {
            fields.append((key, raw))
        }
        sections[index].rows[row].row = fields
    }

    mutating func append(_ section: String, uuid: String, _ row: Row) {
        guard let index = sections.firstIndex(where: { $0.name == section }) else { return }
        sections[index].rows.append((uuid, row))
    }

    var text: String {
        func object(_ row: Row) -> String { "{" + row.map { "\"\($0.key)\": \($0.raw)" }.joined(separator: ", ") + "}" }
        let body = sections.map { section in
            "\"\(section.name)\": {" + section.rows.map { "\"\($0.uuid)\": " + (replaced[$0.uuid] ?? object($0.row)) }.joined(separator: ",\n") + "}"
        }
        return "{" + (top.map { "\"\($0.key)\": \($0.raw)" } + body).joined(separator: ",\n") + "}"
    }
}

/// SPEC §6: an import is checked exactly as the one-row commands check, and names what it refuses.
struct ImportValidationTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var change: @Sendable (inout ExportFixture) -> Void
        var problem: String
        var testDescription: String { name }
    }

    static let claim = ExportFixture.claim
    static let evidence = ExportFixture.evidence
    static let retraction = ExportFixture.retraction

    static let cases: [Case] = [
        // recorded_at and recorded_by, on every kind of row.
        Case(name: "recorded_at that is not a time", change: { $0.set("claims", "recorded_at", #""not a time <script>""#) },
             problem: "claims.\(claim).recorded_at: 'not a time <script>' is not a UTC timestamp such as 2022-09-10T14:30:00Z"),
        Case(name: "recorded_at with a control character", change: { $0.set("sources", "recorded_at", #""2022-09-12T08:00:00Z\u0007""#) },
             problem: "sources.\(ExportFixture.claimant).recorded_at: '2022-09-12T08:00:00Z"),
        Case(name: "recorded_at in another zone", change: { $0.set("evidence", "recorded_at", #""2022-09-12T08:00:00+03:00""#) },
             problem: "evidence.\(evidence).recorded_at: '2022-09-12T08:00:00+03:00' is not a UTC timestamp"),
        Case(name: "recorded_at a day", change: { $0.set("lifecycle", "recorded_at", #""2022-09-12""#) },
             problem: "lifecycle.\(retraction).recorded_at: '2022-09-12' is not a UTC timestamp"),
        Case(name: "recorded_by with a control character", change: { $0.set("claims", "recorded_by", #""x\u0007y""#) },
             problem: "claims.\(claim).recorded_by: The name of who recorded it contains a control character"),
        Case(name: "recorded_by blank", change: { $0.set("lifecycle", "recorded_by", #"" ""#) },
             problem: "lifecycle.\(retraction).recorded_by: The name of who recorded it is empty"),
        Case(name: "recorded_by with a line break", change: { $0.set("evidence", "recorded_by", #""a\nb""#) },
             problem: "evidence.\(evidence).recorded_by: The name of who recorded it contains a line break or tab"),
        Case(name: "recorded_by longer than --by takes", change: { $0.set("claims", "recorded_by", "\"" + String(repeating: "a", count: 65) + "\"") },
             problem: "claims.\(claim).recorded_by: The name of who recorded it is 65 characters long; the limit is 64"),
        Case(name: "recorded_by with a zero-width space", change: { $0.set("claims", "recorded_by", #""a\u200Bb""#) },
             problem: "claims.\(claim).recorded_by: The name of who recorded it contains an invisible character"),
        Case(name: "a key no export writes", change: { $0.set("claims", "statment", #""typo""#) },
             problem: "claims.\(claim).statment: not a field of claims in a ledger export; remove it"),
        Case(name: "kept_digit on a retraction", change: { $0.set("lifecycle", "kept_digit", "2") },
             problem: "lifecycle.\(retraction).kept_digit: only a supersede keeps a credibility digit"),
        Case(name: "recorded_by not text", change: { $0.set("sources", "recorded_by", "7") },
             problem: "sources.\(ExportFixture.claimant).recorded_by: expected text or null, not a number"),
        // The lifecycle date rule of retract, resolve, supersede and reopen.
        Case(name: "retraction dated before the claim", change: { $0.set("lifecycle", "effective", #""0001-01-01""#) },
             problem: "lifecycle.\(retraction).effective: C1 was made on 2022-09-10, so it cannot be retracted dated 0001-01-01"),
        // Steps.
        Case(name: "step 2^63-1", change: { $0.set("lifecycle", "step", "9223372036854775807") },
             problem: "lifecycle.\(retraction).step: 9223372036854775807 is not between 1 and 1, the change's place among the claim's changes in the file"),
        Case(name: "step 0", change: { $0.set("lifecycle", "step", "0") },
             problem: "lifecycle.\(retraction).step: 0 is not between 1 and 1, the change's place among the claim's changes in the file"),
        Case(name: "step as text", change: { $0.set("lifecycle", "step", #""1""#) },
             problem: "lifecycle.\(retraction).step: expected a whole number, not text"),
        Case(name: "step with a fraction", change: { $0.set("lifecycle", "step", "1.5") },
             problem: "lifecycle.\(retraction).step: expected a whole number, not 1.5"),
        // Flags.
        Case(name: "forced without a figure", change: { $0.set("evidence", "quantity", nil); $0.set("evidence", "forced", "true") },
             problem: "evidence.\(evidence).forced: true, but the evidence gives no figure"),
        Case(name: "forced as text", change: { $0.set("evidence", "forced", #""yes""#) },
             problem: "evidence.\(evidence).forced: expected true or false, not text"),
        Case(name: "while_closed as a number", change: { $0.set("evidence", "while_closed", "1") },
             problem: "evidence.\(evidence).while_closed: expected true or false, not a number"),
        Case(name: "forced with a consistent figure", change: { $0.set("evidence", "forced", "true") },
             problem: "evidence.\(evidence).forced: true, but its figure 'about 50 km' is consistent with the claim's '50 km'"),
        Case(name: "an inconsistent figure not forced", change: { $0.set("evidence", "quantity", #""200 km""#) },
             problem: "evidence.\(evidence).forced: false, but its figure '200 km' is inconsistent with the claim's '50 km'"),
        Case(name: "an incomparable figure", change: { $0.set("evidence", "quantity", #""5 sq km""#) },
             problem: "evidence.\(evidence).quantity: '5 sq km' measures area and the claim's '50 km' measures length; they cannot be compared"),
        // Duplicate keys and wrong types, by name.
        Case(name: "a field given twice", change: { $0.set("claims", "statement", #""Fifty""#); $0.sections[1].rows[0].row.append(("statement", #""Sixty""#)) },
             problem: "claims.\(claim): \"statement\" is given twice"),
        Case(name: "a UUID given twice", change: { $0.append("claims", uuid: claim, $0.sections[1].rows[0].row) },
             problem: "claims.\(claim): the UUID is given twice"),
        Case(name: "a UUID given twice in another case", change: { $0.append("claims", uuid: claim.uppercased(), $0.sections[1].rows[0].row) },
             problem: "claims.\(claim.uppercased()): the UUID is given twice"),
        Case(name: "a section given twice", change: { $0.top.append(("claims", "{}")) },
             problem: "\"claims\" is given twice"),
        Case(name: "tags as one text", change: { $0.set("claims", "tags", #""a,b""#) },
             problem: "claims.\(claim).tags: expected a list of text, not text"),
        Case(name: "a tag that is a number", change: { $0.set("claims", "tags", #"["a", 2]"#) },
             problem: "claims.\(claim).tags: expected a list of text, but item 2 is a number"),
        Case(name: "a row that is not an object", change: { $0.replaced[claim] = #""Fifty kilometres deep""# },
             problem: "claims.\(claim): expected an object, not text"),
        Case(name: "a verdict that is a number", change: { $0.set("lifecycle", "action", #""resolve""#); $0.set("lifecycle", "reason", #""r""#); $0.set("lifecycle", "verdict", "1") },
             problem: "lifecycle.\(retraction).verdict: expected text or null, not a number"),
        // A lifecycle the one-row commands could not have written.
        Case(name: "two closings in a row", change: {
                 $0.append("lifecycle", uuid: "00000000-0000-4000-8000-0000000000f2",
                           [("claim", "\"\(claim)\""), ("action", #""resolve""#), ("verdict", #""false""#), ("reason", #""r""#), ("effective", #""2022-09-13""#), ("step", "2")] + ExportFixture.recorded)
             },
             problem: "lifecycle.00000000-0000-4000-8000-0000000000f2: the file resolves the claim while it is already closed by its retract of 2022-09-12"),
        Case(name: "a reopening of an open claim", change: { $0.set("lifecycle", "action", #""reopen""#); $0.set("lifecycle", "reason", #""r""#) },
             problem: "lifecycle.\(retraction): the file reopens the claim while it is open"),
        Case(name: "resolve without a reason", change: { $0.set("lifecycle", "action", #""resolve""#); $0.set("lifecycle", "verdict", #""true""#) },
             problem: "lifecycle.\(retraction).reason: The reason is empty"),
        Case(name: "a claim superseding itself", change: {
                 $0.set("lifecycle", "action", #""supersede""#); $0.set("lifecycle", "superseded_by", "\"\(claim)\""); $0.set("lifecycle", "kept_digit", "2")
             },
             problem: "lifecycle.\(retraction).superseded_by: a claim cannot supersede itself"),
    ]

    @Test func theFixtureImports() throws {
        let test = try TestLedger()
        let outcome = try test.ledger.importExport(Array(ExportFixture().text.utf8), name: "x.json")
        #expect(outcome.added == 5, "\(outcome)")
        #expect(outcome.conflicts.isEmpty)
        #expect(try test.ledger.check() == [])
    }

    @Test(arguments: cases)
    func refusedByName(_ item: Case) throws {
        let test = try TestLedger()
        var fixture = ExportFixture()
        item.change(&fixture)
        let before = try test.snapshot()
        do {
            let outcome = try test.ledger.importExport(Array(fixture.text.utf8), name: "x.json")
            Issue.record("\(item.name): imported \(outcome)")
        } catch {
            #expect(error.message.hasPrefix("x.json: "), "\(error.message)")
            #expect(error.message.contains(item.problem), "\(item.name): \(error.message)")
            #expect(error.message.hasSuffix("; nothing was imported."), "\(error.message)")
            #expect(error.exitCode == 65)
        }
        #expect(try test.snapshot() == before)
        #expect(try test.ledger.check() == [])
    }
}

/// `ledger check` finds whatever a hand-edited file (or an older import) could have let in.
struct CheckImportedRowsTests {
    /// C1 with a figure and forced support, C2 resolved.
    func exampleLedger() throws -> TestLedger {
        let test = try TestLedger()
        let day = LedgerDate("2022-09-10")
        _ = try test.ledger.addClaim(NewClaim(statement: "50 km", claimant: "ua-military", date: day, quantity: "50 km"))
        _ = try test.ledger.addEvidence(to: "C1", NewEvidence(stance: .supports, source: "uk-mod", date: day, quantity: "200 km", force: true))
        _ = try test.ledger.addEvidence(to: "C1", NewEvidence(stance: .supports, source: "ap", date: day))
        _ = try test.ledger.addClaim(NewClaim(statement: "Regrouping", claimant: "ru-mod", date: day))
        _ = try test.ledger.changeLifecycle(of: "C2", .resolve(verdict: .misleading, reason: "a rout", date: day))
        _ = try test.ledger.changeLifecycle(of: "C2", .reopen(reason: "new footage", date: LedgerDate("2022-09-11")))
        return test
    }

    @Test func passesOnAnUntouchedLedger() throws {
        let test = try exampleLedger()
        #expect(try test.ledger.check() == [])
    }

    @Test(.sqliteOnly, arguments: [
        ("UPDATE lifecycle SET step = 9223372036854775807 WHERE step = 1",
         "C2: its lifecycle's change 1 (resolve of 2022-09-10) has step 9223372036854775807; the change at place n has a step from 1 to n."),
        ("UPDATE lifecycle SET step = 5 WHERE step = 2",
         "C2: its lifecycle's change 2 (reopen of 2022-09-11) has step 5; the change at place n has a step from 1 to n."),
        ("UPDATE evidence SET forced = 1 WHERE id = 2", "E2 on C1: forced is true, but the evidence gives no figure."),
        ("UPDATE evidence SET forced = 0 WHERE id = 1", "E1 on C1: forced is false, but its figure '200 km' is inconsistent with the claim's '50 km'"),
        ("UPDATE evidence SET quantity_text = 'about 50 km', quantity_low = 45, quantity_high = 55 WHERE id = 1",
         "E1 on C1: forced is true, but its figure 'about 50 km' is consistent with the claim's '50 km'."),
        ("UPDATE claim SET recorded_at = 'not a time <script>' WHERE id = 1", "C1: recorded_at 'not a time <script>' is not a UTC timestamp."),
        ("UPDATE evidence SET recorded_at = '2022-02-30T10:00:00Z' WHERE id = 2", "E2 on C1: recorded_at '2022-02-30T10:00:00Z' is not a UTC timestamp."),
        ("UPDATE lifecycle SET recorded_at = '2022-09-10' WHERE step = 2", "C2: its reopen of 2022-09-11 has recorded_at '2022-09-10', which is not a UTC timestamp."),
        ("UPDATE source SET recorded_at = '2022-09-10T10:00:00+03:00' WHERE handle = 'ap'", "Source ap: recorded_at '2022-09-10T10:00:00+03:00' is not a UTC timestamp."),
        ("UPDATE claim SET recorded_by = 'x' || char(7) WHERE id = 2", "C2: recorded_by 'x"),
        ("UPDATE source SET recorded_by = ' ' WHERE handle = 'ap'", "Source ap: recorded_by ' ' is blank or holds a control character."),
        ("UPDATE evidence SET recorded_by = 'a' || char(10) || 'b' WHERE id = 1", "E1 on C1: recorded_by 'a"),
        ("UPDATE lifecycle SET effective = '0001-01-01' WHERE step = 1",
         "C2: its lifecycle has a resolve dated 0001-01-01, before the claim was made (2022-09-10)."),
    ])
    func findsWhatAnImportCouldLetIn(sql: String, problem: String) throws {
        let test = try exampleLedger()
        try test.ledger.db.execute(sql)
        let problems = try test.reopen(.read).check()
        #expect(problems.contains { $0.hasPrefix(problem) }, "got \(problems)")
    }
}

/// The lifecycle merge rule (README, Export and import): all of a claim's changes, the ledger's
/// and the file's, in (effective, step, uuid) order; each applies if it can, the rest are kept
/// out on both sides. Two ledgers so converge whatever order they import in.
struct LifecycleMergeStoreTests {
    static func export(_ ledger: Ledger) throws -> [UInt8] {
        var text = ""
        try ledger.export { text += $0 }
        return Array(text.utf8)
    }

    /// What two ledgers must agree on: each claim's status and verdict, and the lifecycle rows (by UUID).
    static func agreed(_ ledger: Ledger) throws -> String {
        let document = try JSONParser.parse(bytes: try export(ledger))
        guard case .object(let claims) = document["claims"], case .object(let lifecycle) = document["lifecycle"] else { return "" }
        let statuses = claims.map { "\($0.0): \($0.1["status"]?.stringValue ?? "")" }.sorted()
        let changes = lifecycle.map { uuid, row -> String in
            guard case .object(let fields) = row else { return uuid }
            return uuid + " " + fields.filter { $0.0 != "source" }.map { "\($0.0)=\($0.1.serialized(pretty: false))" }.joined(separator: " ")
        }.sorted()
        return (statuses + changes).joined(separator: "\n")
    }

    /// The same, in words that do not depend on the UUIDs a run drew: to compare runs.
    static func shape(_ ledger: Ledger) throws -> String {
        try ledger.claims().map { claim in
            let changes = try ledger.claim(claim.label).lifecycle.map { "\($0.action.rawValue) \($0.effective.text) \($0.verdict?.rawValue ?? "")" }
            return "\(claim.statement): \(claim.status.rawValue) [\(changes.joined(separator: ", "))]"
        }.joined(separator: "\n")
    }

    /// Two ledgers sharing the claims of `setUp` (B imported A's export), then changed apart.
    static func diverged(
        _ setUp: (Ledger) throws -> Void, a changeA: (Ledger) throws -> Void, b changeB: (Ledger) throws -> Void
    ) throws -> (TestLedger, TestLedger) {
        let a = try TestLedger()
        let b = try TestLedger()
        try setUp(a.ledger)
        _ = try b.ledger.importExport(try export(a.ledger), name: "shared.json")
        try changeA(a.ledger)
        try changeB(b.ledger)
        return (a, b)
    }

    /// A copy of a ledger (same UUIDs, same log, same head), as any backend makes one: its
    /// export imported into a new, empty ledger, which takes the export's log as its own.
    static func copy(_ test: TestLedger) throws -> (TemporaryFolder, Ledger) {
        let folder = TemporaryFolder()
        let copy = try Ledger.create(LedgerLocation(TestBackend.current.ledgerLocation(in: folder.path, name: "copy.db")), actor: "tester")
        let outcome = try copy.importExport(try export(test.ledger), name: "copy.json")
        #expect(outcome.adoptedEntries > 0)
        #expect(try copy.head() == test.ledger.head())
        return (folder, copy)
    }

    /// A imports B's export, then B imports A's (exported before or after A's import), and the
    /// other way round, each on copies of the same two diverged ledgers: all four agree.
    static func expectConvergence(
        _ setUp: (Ledger) throws -> Void, a changeA: (Ledger) throws -> Void, b changeB: (Ledger) throws -> Void
    ) throws -> String {
        let (originalA, originalB) = try diverged(setUp, a: changeA, b: changeB)
        var results: [String] = []
        var shapes: [String] = []
        for (aFirst, exportAfter) in [(true, false), (true, true), (false, false), (false, true)] {
            let (folderA, a) = try copy(originalA)
            let (folderB, b) = try copy(originalB)
            let (first, second) = aFirst ? (a, b) : (b, a)
            let fromSecond = try export(second)
            var fromFirst = try export(first)
            let intoFirst = try first.importExport(fromSecond, name: "second.json")
            if exportAfter { fromFirst = try export(first) }
            let intoSecond = try second.importExport(fromFirst, name: "first.json")
            #expect(try agreed(a) == agreed(b), "aFirst \(aFirst), exportAfter \(exportAfter)")
            let (problemsA, problemsB) = (try a.check(), try b.check())
            #expect(problemsA == [] && problemsB == [], "\(problemsA) \(problemsB)")
            // A further round changes nothing.
            #expect(try a.importExport(try export(b), name: "again.json").added == 0)
            #expect(try b.importExport(try export(a), name: "again.json").added == 0)
            results.append(try agreed(a))
            shapes.append(try shape(a))
            // Undoing both imports (those that changed anything) leaves each ledger as it was, and sound.
            let before = (try agreed(originalA.ledger), try agreed(originalB.ledger))
            if intoSecond.added + intoSecond.withdrawn > 0 { _ = try second.undo() }
            if intoFirst.added + intoFirst.withdrawn > 0 { _ = try first.undo() }
            #expect(try a.check() == [] && b.check() == [])
            #expect(try agreed(a) == before.0 && agreed(b) == before.1, "undo, aFirst \(aFirst), exportAfter \(exportAfter)")
            _ = (folderA, folderB)
        }
        #expect(Set(results).count == 1, "the result depends on the order of the imports")
        return shapes[0]
    }

    static func claimC1(_ ledger: Ledger) throws {
        _ = try ledger.addClaim(NewClaim(statement: "Kupiansk retaken", claimant: "ua-military", date: LedgerDate("2022-09-10")))
    }

    @Test func aLongerHistoryConverges() throws {
        // A retracts on the 11th and reopens on the 13th; B resolves on the 12th, which A's retraction came before.
        let result = try Self.expectConvergence(
            Self.claimC1,
            a: { ledger in
                _ = try ledger.changeLifecycle(of: "C1", .retract(date: LedgerDate("2022-09-11")))
                _ = try ledger.changeLifecycle(of: "C1", .reopen(reason: "the post is back", date: LedgerDate("2022-09-13")))
            },
            b: { ledger in _ = try ledger.changeLifecycle(of: "C1", .resolve(verdict: .false, reason: "footage", date: LedgerDate("2022-09-12"))) })
        #expect(result == "Kupiansk retaken: unverified [retract 2022-09-11 , reopen 2022-09-13 ]")
    }

    @Test func supersessionsThatWouldFormACycleConverge() throws {
        let result = try Self.expectConvergence(
            { ledger in
                try Self.claimC1(ledger)
                _ = try ledger.addClaim(NewClaim(statement: "Kupiansk fully retaken", claimant: "ua-mfa", date: LedgerDate("2022-09-11")))
            },
            a: { ledger in _ = try ledger.changeLifecycle(of: "C1", .supersede(by: "C2", date: LedgerDate("2022-09-12"))) },
            b: { ledger in _ = try ledger.changeLifecycle(of: "C2", .supersede(by: "C1", date: LedgerDate("2022-09-13"))) })
        // A's supersession came first: it stands, B's is kept out on both sides.
        #expect(result == "Kupiansk retaken: superseded [supersede 2022-09-12 ]\nKupiansk fully retaken: unverified []")
    }

    static func claims(_ statements: String...) -> (Ledger) throws -> Void {
        { ledger in
            for statement in statements {
                _ = try ledger.addClaim(NewClaim(statement: statement, claimant: "ua-military", date: LedgerDate("2022-09-10")))
            }
        }
    }

    @Test func aSupersessionSinceReopenedClosesNoCycle() throws {
        // A's C1 → C2 ends with C1 reopened, so B's C2 → C1 forms no cycle: both stand.
        let result = try Self.expectConvergence(
            Self.claims("C", "D"),
            a: { ledger in
                _ = try ledger.changeLifecycle(of: "C1", .supersede(by: "C2", date: LedgerDate("2022-09-12")))
                _ = try ledger.changeLifecycle(of: "C1", .reopen(reason: "not the same", date: LedgerDate("2022-09-14")))
            },
            b: { ledger in _ = try ledger.changeLifecycle(of: "C2", .supersede(by: "C1", date: LedgerDate("2022-09-13"))) })
        #expect(result == "C: unverified [supersede 2022-09-12 , reopen 2022-09-14 ]\nD: superseded [supersede 2022-09-13 ]")
    }

    @Test func aCycleThroughThreeClaimsConverges() throws {
        // A: C3 → C1 on the 11th. B: C1 → C2 on the 12th, C2 → C3 on the 14th. Together they would
        // cycle; B's C2 → C3 comes last, so it is kept out on both sides (on A, right after A added it).
        let result = try Self.expectConvergence(
            Self.claims("C", "Y", "Z"),
            a: { ledger in _ = try ledger.changeLifecycle(of: "C3", .supersede(by: "C1", date: LedgerDate("2022-09-11"))) },
            b: { ledger in
                _ = try ledger.changeLifecycle(of: "C2", .supersede(by: "C3", date: LedgerDate("2022-09-14")))
                _ = try ledger.changeLifecycle(of: "C1", .supersede(by: "C2", date: LedgerDate("2022-09-12")))
            })
        #expect(result == "C: superseded [supersede 2022-09-12 ]\nY: unverified []\nZ: superseded [supersede 2022-09-11 ]")
    }

    /// Random histories: each ledger closes and reopens the shared claim its own way, on days
    /// that may coincide; every order of cross-imports ends with both ledgers agreeing.
    @Test func randomHistoriesConverge() throws {
        var random = SeededRandom(seed: 0x3E26E)
        for round in 0..<12 {
            var plans: [[(LifecycleAction, Int)]] = []
            for _ in 0..<2 {
                var plan: [(LifecycleAction, Int)] = []
                var open = true
                var day = 11
                for _ in 0..<Int(random.next() % 5) {
                    day += Int(random.next() % 3)
                    let action: LifecycleAction = open ? (random.next() % 2 == 0 ? .retract : .resolve) : .reopen
                    plan.append((action, day))
                    open = action == .reopen
                }
                plans.append(plan)
            }
            func play(_ plan: [(LifecycleAction, Int)]) -> (Ledger) throws -> Void {
                { ledger in
                    for (action, day) in plan {
                        let date = LedgerDate("2022-09-\(day)")
                        switch action {
                        case .retract: _ = try ledger.changeLifecycle(of: "C1", .retract(date: date))
                        case .resolve: _ = try ledger.changeLifecycle(of: "C1", .resolve(verdict: .misleading, reason: "r", date: date))
                        default: _ = try ledger.changeLifecycle(of: "C1", .reopen(reason: "r", date: date))
                        }
                    }
                }
            }
            let result = try Self.expectConvergence(Self.claimC1, a: play(plans[0]), b: play(plans[1]))
            #expect(!result.isEmpty, "round \(round)")
        }
    }

    @Test func undoingTheImportPutsBackWhatItWithdrew() throws {
        let (a, b) = try Self.diverged(
            Self.claimC1, a: { _ = try $0.changeLifecycle(of: "C1", .retract(date: LedgerDate("2022-09-12"))) },
            b: { _ = try $0.changeLifecycle(of: "C1", .resolve(verdict: .false, reason: "footage", date: LedgerDate("2022-09-11"))) })
        let before = try a.snapshot(log: false)
        let outcome = try a.ledger.importExport(try Self.export(b.ledger), name: "b.json")
        #expect(outcome.withdrawn == 1 && outcome.lifecycle == 1)
        #expect(outcome.conflicts.filter { $0.hasPrefix("C1:") }.count == 1, "\(outcome.conflicts)")
        #expect(try a.ledger.claim("C1").claim.status == .resolved)
        #expect(try a.ledger.check() == [])

        _ = try a.ledger.undo()
        #expect(try a.ledger.claim("C1").claim.status == .retracted)
        #expect(try a.ledger.check() == [])
        #expect(try a.snapshot(log: false) == before)
        // The restored retraction is the ledger's latest change again: the next undo takes it back out.
        let next = try a.ledger.undo()
        #expect(next.undone.action == .retract)
        #expect(try a.ledger.claim("C1").claim.status == .unverified)
        #expect(try a.ledger.check() == [])
    }
}

struct ImportSourceMatchTests {
    /// Two ledgers started apart both have `uk-mod`: matched by handle, the same fields are no conflict.
    @Test func aSourceMatchedByHandleWithTheSameFieldsIsNoConflict() throws {
        let a = try TestLedger()
        let b = try TestLedger()
        _ = try b.ledger.editSource("ap", SourceChanges(reliability: .A))
        let outcome = try b.ledger.importExport(try LifecycleMergeStoreTests.export(a.ledger), name: "a.json")
        #expect(outcome.skipped == 5)
        #expect(outcome.conflicts == [#"Source ap: reliability here "A", in the file "B"; kept the ledger's."#])
    }
}
