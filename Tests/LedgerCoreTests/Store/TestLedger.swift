import Foundation
import LedgerTestSupport
import Testing

@testable import LedgerCore

/// A new ledger on a real file, with the Kharkiv example's core sources.
struct TestLedger {
    let folder = TemporaryFolder()
    let ledger: Ledger
    var path: String { ledger.path }

    init() throws {
        ledger = try Ledger.create(at: folder.file("test.db"), actor: "tester")
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
        try Ledger.open(at: path, access: access, actor: "tester")
    }

    func count(_ table: String) throws -> Int64 {
        try ledger.db.scalarInteger("SELECT count(*) FROM \(table)") ?? -1
    }

    /// Everything in the ledger that a refused command must leave alone.
    func snapshot() throws -> [String] {
        var rows: [String] = []
        for table in ["source", "claim", "claim_tag", "evidence", "log"] {
            try ledger.db.query("SELECT * FROM \(table) ORDER BY 1") { row in
                let columns = sqlite3ColumnCount(row)
                rows.append(table + ":" + (0..<columns).map { row.optionalText($0) ?? "NULL" }.joined(separator: "|"))
            }
        }
        return rows
    }
}

import LedgerSQLite

func sqlite3ColumnCount(_ statement: Statement) -> Int32 { sqlite3_column_count(statement.handle) }
