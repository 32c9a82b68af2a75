/// What `check` asks of the SQLite file itself, below the ledger's rows: its pages, its
/// foreign keys, its journal mode. (The search index's structure is `SQLiteSearch`'s, the
/// schema's objects `Ledger+Schema.swift`'s.)
extension Ledger {
    /// Damage to the file's pages and b-trees, one finding per line SQLite reports (at most 20).
    func storageDamage() throws -> [String] {
        // A server keeps its own pages.
        guard let sqlite else { return [] }
        var problems: [String] = []
        try sqlite.query("PRAGMA integrity_check(20)") { row in
            for line in (row.firstText ?? "").split(separator: "\n") where line != "ok" && !line.hasPrefix("*** in database") {
                problems.append("The file is damaged: \(line)")
            }
        }
        return problems
    }

    /// Rows that name a row missing from another table (the schema's foreign keys).
    func missingReferences() throws -> [String] {
        guard let sqlite else {
            guard case .server(let server) = engine else { return [] }
            return try server.missingReferences()
        }
        var problems: [String] = []
        try sqlite.query("PRAGMA foreign_key_check") { row in
            problems.append("\(row.text("table")) row \(row.integer("rowid")) refers to a missing row in \(row.text("parent")).")
        }
        return problems
    }

    /// Settings of the file that ledger makes and relies on.
    func storageSettingProblems() -> [String] {
        guard sqlite != nil, !Files.isInWALMode(path) else { return [] }
        return [
            "The file is not in WAL journal mode, as ledger makes it, so a reader can block a writer; run `sqlite3 \(path.shown()) 'PRAGMA journal_mode = WAL'` with no other ledger command running."
        ]
    }

    /// AUTOINCREMENT's counters against the highest id the log used in each table: below it,
    /// the next row would take a used id again; above it (unless entries were migrated, their
    /// earlier rows unrecorded), rows were removed or the counter altered behind the log's back.
    func idCounterProblems(highestID: [RecordedTable: Int64], sawMigrated: Bool) throws -> [String] {
        var problems: [String] = []
        for table in [RecordedTable.claim, .evidence, .note, .lifecycle] {
            let counter: Int64
            let kept: String
            switch engine {
            case .file(let sqlite):
                counter = try sqlite.scalarInteger("SELECT seq FROM sqlite_sequence WHERE name = \(table.name)") ?? 0
                kept = "sqlite_sequence"
            case .server(let server):
                counter = try server.idCounter(table)
                kept = "id_counter"
            }
            let used = highestID[table] ?? 0
            if counter < used {
                problems.append(
                    "The ledger's counter of \(table.name) ids (\(kept)) is \(counter), below the id \(used) its log already used: the next \(table.name) would take a used id again.")
            } else if counter > used, !sawMigrated {
                problems.append(
                    "The ledger's counter of \(table.name) ids (\(kept)) is \(counter), but its log never used an id above \(used): rows were removed, or the counter altered, behind the log's back.")
            }
        }
        return problems
    }
}
