import Foundation
import LedgerTestSupport
import Testing

@testable import LedgerCore

/// A new ledger on a real file, with the Kharkiv example's core sources.
struct TestLedger {
    let folder = TemporaryFolder()
    let ledger: Ledger
    var path: String { ledger.path }
    /// Where the ledger lives, on the backend this run tests (`TestBackend`).
    var location: LedgerLocation { ledger.location }

    init() throws {
        ledger = try Ledger.create(LedgerLocation(TestBackend.current.ledgerLocation(in: folder.path, name: "test.db")), actor: "tester")
        for source in [
            NewSource(handle: "ua-military", name: "General Staff of Ukraine", kind: .military, affiliation: "UA", reliability: .C),
            NewSource(handle: "ua-mfa", name: "Ukrainian Foreign Ministry", kind: .government, affiliation: "UA", reliability: .C),
            NewSource(handle: "uk-mod", name: "UK Ministry of Defence", kind: .government, affiliation: "UK", reliability: .B),
            NewSource(handle: "ru-mod", name: "Russian Defence Ministry", kind: .military, affiliation: "RU", reliability: .D),
            NewSource(handle: "ap", name: "Associated Press", kind: .media, reliability: .B),
        ] {
            _ = try ledger.addSource(source)
        }
    }

    func reopen(_ access: Ledger.Access = .write) throws -> Ledger {
        try Ledger.open(location, access: access, actor: "tester")
    }

    func count(_ table: String) throws -> Int64 {
        try ledger.db.scalarInteger("SELECT count(*) FROM \(raw: table)") ?? -1
    }

    /// Everything in the ledger that a refused command must leave alone, as any backend gives
    /// it: each section of the export (every row, and the log with its head unless `log` is
    /// false), then each claim's derived state and its figure as stored (the interval).
    func snapshot(log: Bool = true) throws -> [String] {
        var text = ""
        try ledger.export { text += $0 }
        guard case .object(let sections) = try JSONParser.parse(text) else { return [] }
        var lines = sections.filter { log || !["head", "entries", "log"].contains($0.0) }.map { "\($0.0): \($0.1.serialized(pretty: false))" }
        for claim in try ledger.claims() {
            lines.append(
                "\(claim.label) \(claim.status) \(claim.verdict?.rawValue ?? "-") \(claim.supersededBy.map(claimLabel) ?? "-") \(claim.grade) "
                    + "\(claim.support.independent)+\(claim.support.echoes)/\(claim.contradictions) \(claim.quantity?.intervalText ?? "-")")
        }
        return lines
    }
}
