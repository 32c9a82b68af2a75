/// What `check` asks of the SQLite file itself, below the ledger's rows: its pages, its
/// foreign keys, its journal mode. (The search index's structure is `SQLiteSearch`'s, the
/// schema's objects `Ledger+Schema.swift`'s.)
extension Ledger {
    /// Damage to the file's pages and b-trees, one finding per line SQLite reports (at most 20).
    func storageDamage() throws -> [String] {
        var problems: [String] = []
        try db.query("PRAGMA integrity_check(20)") { row in
            for line in (row.firstText ?? "").split(separator: "\n") where line != "ok" && !line.hasPrefix("*** in database") {
                problems.append("The file is damaged: \(line)")
            }
        }
        return problems
    }

    /// Rows that name a row missing from another table (the schema's foreign keys).
    func missingReferences() throws -> [String] {
        var problems: [String] = []
        try db.query("PRAGMA foreign_key_check") { row in
            problems.append("\(row.text("table")) row \(row.integer("rowid")) refers to a missing row in \(row.text("parent")).")
        }
        return problems
    }

    /// Settings of the file that ledger makes and relies on.
    func storageSettingProblems() -> [String] {
        guard !Files.isInWALMode(path) else { return [] }
        return [
            "The file is not in WAL journal mode, as ledger makes it, so a reader can block a writer; run `sqlite3 \(path.shown()) 'PRAGMA journal_mode = WAL'` with no other ledger command running."
        ]
    }
}
