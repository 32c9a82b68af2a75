import LedgerTestSupport
import Testing

@testable import LedgerCore

/// The log is the record (SPEC §1), as properties of the store.
struct IntegrityStoreTests {
    static func export(_ ledger: Ledger) throws -> [UInt8] {
        var text = ""
        try ledger.export { text += $0 }
        return Array(text.utf8)
    }

    /// Random changes (with undos, imports and source edits): after every step the replay of
    /// the log equals the tables and the chain holds (`check` finds nothing), the head is the
    /// last entry's hash and moves exactly when something was recorded, and a new ledger that
    /// imports an export has the same head.
    @Test func theReplayOfTheLogIsTheLedgerAfterEveryStep() throws {
        var recorded = 0
        var undos = 0
        var imports = 0
        var corrections = 0
        for seed in 0..<8 as Range<UInt64> {
            var random = SeededRandom(seed: seed &* 104_729 &+ 3)
            let test = try TestLedger()
            let ledger = test.ledger
            // A second ledger whose exports this one imports now and then.
            let other = try TestLedger()
            _ = try other.ledger.addSource(NewSource(handle: "isw", name: "Institute for the Study of War", affiliation: "US", reliability: .B))
            _ = try ledger.addClaim(NewClaim(statement: "Kupiansk seized", claimant: "ua-mfa", date: LedgerDate("2022-09-10"), quantity: "50 km"))
            let handles = ["ua-military", "ua-mfa", "uk-mod", "ru-mod", "ap"]
            for step in 0..<45 {
                let claims = try ledger.claims().map(\.label)
                let claim = claims[Int(random.next() % UInt64(claims.count))]
                let other2 = claims[Int(random.next() % UInt64(claims.count))]
                let handle = handles[Int(random.next() % UInt64(handles.count))]
                let before = try ledger.head()
                var changed = true
                do {
                    switch random.next() % 15 {
                    case 0: _ = try ledger.addClaim(NewClaim(statement: "claim <\(step)> & \u{2028}", claimant: handle, date: LedgerDate("2022-09-1\(random.next() % 3)"), quantity: random.next() % 2 == 0 ? "about \(step + 10) km" : nil, tags: ["t\(step % 3)"]))
                    case 1: _ = try ledger.addEvidence(to: claim, NewEvidence(stance: .supports, source: handle, quote: "said \"so\"", quantity: random.next() % 3 == 0 ? "50 km" : nil))
                    case 2: _ = try ledger.addEvidence(to: claim, NewEvidence(stance: .contradicts, source: handle, citing: random.next() % 2 == 0 ? nil : handles[Int(random.next() % 5)]))
                    case 3: _ = try ledger.changeLifecycle(of: claim, .retract())
                    case 4: _ = try ledger.changeLifecycle(of: claim, .resolve(verdict: Verdict.allCases[Int(random.next() % 4)], reason: "r"))
                    case 5: _ = try ledger.changeLifecycle(of: claim, .supersede(by: other2))
                    case 6: _ = try ledger.changeLifecycle(of: claim, .reopen(reason: "r"))
                    case 7, 8:
                        // An edit that changes nothing is not a change, and is not logged.
                        let prior = try ledger.source(handle).source
                        let changes =
                            random.next() % 2 == 0
                            ? SourceChanges(reliability: Reliability.allCases[Int(random.next() % 6)], url: random.next() % 2 == 0 ? "https://example.org/\(step)" : "")
                            : SourceChanges(affiliation: ["UA", "UK", "RU", ""][Int(random.next() % 4)])
                        changed = try ledger.editSource(handle, changes) != prior
                    case 9:
                        _ = try ledger.undo()
                        undos += 1
                    case 11:
                        // Corrections: a claim's figure, place or tags; an evidence row's citing, quote or figure; a withdrawal.
                        _ = try ledger.editClaim(
                            claim,
                            ClaimEdit(
                                quantity: random.next() % 2 == 0 ? ["about 40 km", "50 km", "", "more than 1000 sq km"][Int(random.next() % 4)] : nil,
                                place: random.next() % 2 == 0 ? "Izium \(step)" : nil, addTags: random.next() % 2 == 0 ? ["fix\(step % 2)"] : [],
                                removeTags: random.next() % 3 == 0 ? ["t0"] : [], reason: "corrected", force: random.next() % 2 == 0))
                        corrections += 1
                    case 12, 13:
                        let rows = try ledger.claim(claim).evidence
                        guard !rows.isEmpty else { throw LedgerError.refused("no evidence to correct") }
                        let row = rows[Int(random.next() % UInt64(rows.count))].label
                        if random.next() % 2 == 0 {
                            _ = try ledger.withdraw(row, reason: "recorded by mistake \(step)")
                        } else {
                            _ = try ledger.editEvidence(
                                row,
                                EvidenceEdit(
                                    quote: random.next() % 2 == 0 ? "corrected \(step)" : nil, quantity: random.next() % 2 == 0 ? "45 km" : nil,
                                    citing: random.next() % 2 == 0 ? handles[Int(random.next() % 5)] : nil, reason: "corrected", force: true))
                        }
                        corrections += 1
                    case 14:
                        _ = try ledger.addNote(
                            to: claim, NewNote(text: "looked \(step)", source: random.next() % 2 == 0 ? handle : nil, date: LedgerDate("2022-09-12")))
                    default:
                        // The other ledger gains a claim about what this one holds, and is imported.
                        _ = try other.ledger.addClaim(NewClaim(statement: "from afar \(step)", claimant: "isw", date: LedgerDate("2022-09-11")))
                        let outcome = try ledger.importExport(try Self.export(other.ledger), name: "other.json")
                        changed = outcome.added > 0
                        imports += 1
                    }
                } catch let error as LedgerError {
                    #expect(error.exitCode == 65, "seed \(seed) step \(step): \(error.message)")
                    changed = false
                }
                let after = try ledger.head()
                #expect((after != before) == changed, "seed \(seed) step \(step): the head moved \(after != before), changed \(changed)")
                if changed { recorded += 1 }
                #expect(try ledger.check() == [], "seed \(seed) step \(step)")
                if let hash = after.hash {
                    #expect(try ledger.verify(head: hash) == .verified(entry: after.entries, position: after.entries, total: after.entries))
                }
            }
            // The head is a function of the log alone: a new ledger given the export has it too.
            let copy = TemporaryFolder()
            let moved = try Ledger.create(at: copy.file("moved.db"), actor: "mover")
            let outcome = try moved.importExport(try Self.export(ledger), name: "export.json")
            #expect(outcome.adoptedEntries == Int(try ledger.head().entries))
            #expect(try moved.head() == ledger.head())
            #expect(try moved.check() == [])
            #expect(try Self.export(moved) == Self.export(ledger), "seed \(seed): the moved ledger exports otherwise")
        }
        // The sequences exercised what they claim to.
        #expect(recorded >= 100, "only \(recorded) changes were recorded")
        #expect(undos >= 15 && imports >= 10 && corrections >= 15, "undos \(undos), imports \(imports), corrections \(corrections)")
    }

    /// The canonical form reads back to itself: any row written is, parsed and written again
    /// by `JSONValue.canonicalBytes`, the same bytes (the export carries entries as JSON and
    /// `verify` hashes them again).
    @Test func canonicalBytesReadBackToThemselves() throws {
        var random = SeededRandom(seed: 2026)
        let alphabet: [Unicode.Scalar] = ["a", "Z", "0", " ", "\"", "\\", "<", ">", "&", "\n", "\t", "\u{01}", "\u{1F}", "\u{7F}", "é", "ü", "\u{2028}", "\u{2029}", "–", "😀", "ק", "\u{FFFD}"]
        for _ in 0..<2000 {
            let table = RecordedTable.allCases[Int(random.next() % UInt64(RecordedTable.allCases.count))]
            let row: [SQLValue] = table.columns.map { column in
                switch random.next() % 4 {
                case 0: return .null
                case 1 where RecordedTable.realColumns.contains(column):
                    return .real(Double(Int64(bitPattern: random.next()) % 1_000_000) / Double(1 + random.next() % 1000) * (random.next() % 2 == 0 ? 1 : 1e12))
                case 1 where RecordedTable.integerColumns.contains(column), 2 where RecordedTable.integerColumns.contains(column): return .integer(Int64(bitPattern: random.next()) >> Int64(random.next() % 60))
                default:
                    var text = String.UnicodeScalarView()
                    for _ in 0..<Int(random.next() % 12) { text.append(alphabet[Int(random.next() % UInt64(alphabet.count))]) }
                    return .text(String(text))
                }
            }
            let bytes = Ledger.rowWrite("insert", table, row)
            let parsed = try JSONParser.parse(bytes: bytes)
            #expect(parsed.canonicalBytes() == bytes, "\(String(decoding: bytes, as: UTF8.self))")
            // And every value comes back as written.
            for (index, column) in table.columns.enumerated() where row[index] != .null {
                #expect(parsed["row"]?[column].flatMap(Ledger.sqlValue) == row[index])
            }
        }
    }
}
