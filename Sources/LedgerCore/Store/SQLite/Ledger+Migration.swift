/// Bringing a ledger of an earlier schema version to this one, in one transaction, when a
/// command first writes to it.
///
/// - Version 2 added the indexes that keep undoing an import linear.
/// - Version 3 made the log the record: every entry holds every row its change wrote, and
///   the entries are chained by hash. An older entry held only a summary of its change, so
///   its writes are reconstructed where the row it added is still in the ledger: the entry
///   that added a source, claim (with its tags), evidence row or lifecycle change gets that
///   row inserted, with the values it has now, and is marked `migrated`; its old payload is
///   kept in it. Rows no entry accounts for are inserted by the migration's own entry, so
///   that replaying the log gives the tables exactly. Then the chain is computed over all.
/// - Version 4 added corrections and notes: evidence gained `withdrawn_at` and
///   `withdrawn_reason` (NULL in every row already there, so earlier entries replay as they
///   were), the `note` table, and four log actions. SQLite cannot change a table's columns
///   and CHECKs in place so that its SQL reads as `schema.sql` has it, so evidence and log
///   are made again from `schema.sql` and their rows copied (ids and id counter kept), and
///   the migration is logged.
/// - Version 5 let figures measure percentages, percentage points, money in a currency and
///   durations: only the CHECK on `quantity_dimension` of claim and evidence changed, and it
///   allows more than before, so every row already there satisfies it. The tables' SQL is
///   rewritten in place (SQLite's documented way to change a constraint that does not change
///   what is stored: `PRAGMA writable_schema`, then a new schema cookie) — claim is the
///   parent of five foreign keys and could not be made again and dropped inside the write
///   transaction without them cascading — and the migration is logged.
extension Ledger {
    /// The log table as schema versions 1 and 2 made it.
    static let logTableBeforeVersion3 = SchemaObject(type: "table", name: "log", table: "log", sql: "CREATE TABLE log (\n    id            INTEGER PRIMARY KEY AUTOINCREMENT,\n    recorded_at   TEXT    NOT NULL,\n    actor         TEXT    NOT NULL,\n    action        TEXT    NOT NULL\n                  CHECK (action IN ('source-add', 'source-edit', 'claim-add', 'evidence-add',\n                                    'retract', 'resolve', 'supersede', 'reopen', 'rederive',\n                                    'undo', 'import')),\n    claim_id      INTEGER,\n    evidence_id   INTEGER,\n    lifecycle_id  INTEGER,\n    source_handle TEXT,\n    -- When the change took effect in the world (what --as-of compares against).\n    effective     TEXT    NOT NULL,\n    status_before TEXT,\n    status_after  TEXT,\n    summary       TEXT    NOT NULL,\n    cause         TEXT,\n    -- What the change wrote, as JSON, so that it can be undone exactly.\n    payload       TEXT    NOT NULL DEFAULT '{}',\n    -- The entry this one undid (for action 'undo'); an entry is undone at most once.\n    undoes        INTEGER UNIQUE REFERENCES log (id),\n    -- The entry whose change caused this one: a 'rederive' after a source edit or an undo,\n    -- or each row an 'import' added (undoing the import undoes them all).\n    caused_by     INTEGER REFERENCES log (id),\n    CHECK ((action = 'undo') = (undoes IS NOT NULL)),\n    CHECK (action <> 'rederive' OR caused_by IS NOT NULL)\n) STRICT")

    /// Migrates inside the write transaction that has just begun. A ledger that `check` would
    /// find fault with is not migrated: the migration would seal what is wrong into its chain.
    func migrateInTransaction() throws {
        // A ledger on a server is made at this version; only a file is migrated.
        guard sqlite != nil else {
            throw LedgerError.unreadableLedger(path: path, reason: "its schema version \(version) is unknown to this ledger")
        }
        let from = try file.scalarInteger("PRAGMA user_version") ?? 0
        let problems = from < 3 ? try soundnessProblems() : []
        if let problem = problems.first {
            throw LedgerError.refused(
                "The ledger \(path) was written by an earlier version of ledger and must be brought to this one before it is changed, but it has \(problems.count == 1 ? "a problem" : "\(problems.count) problems") (\(problem.trimmingSuffix("."))\(problems.count > 1 ? "; `ledger check` lists them" : "")); sealing it into its history would hide it, so nothing was changed. Export it and import the export into a new ledger, or restore it from a backup.")
        }
        if from < 2 {
            for index in Ledger.indexesAddedInVersion2 { try file.execute(index.sql) }
        }
        if from < 4 {
            try dropVersion3Views()
            try migrateToVersion4()
        }
        if from < 5 { try widenFigureDimensions() }
        if from < 3 { try migrateLogToVersion3(from: from) }
        if from == 3 { try migrateLogToVersion4() }
        if from == 4 {
            try appendLog(
                NewLogEntry(
                    action: .migrate, effective: LedgerDate.today(),
                    summary: "migrated the ledger from schema version 4 to \(Ledger.schemaVersion): figures can be percentages, percentage points, money and durations"))
        }
        try file.execute("PRAGMA user_version = \(Ledger.schemaVersion)")
        version = Ledger.schemaVersion
    }

    /// Lets this build read a ledger of version 3 or earlier without migrating it (a read
    /// never writes): temporary views (this connection's only, never in the file) give
    /// evidence the withdrawal columns, empty, and an empty note table. They shadow the
    /// file's evidence table until a write migrates it (`dropVersion3Views`).
    /// The file being migrated or read as an earlier version (only files have one; the entry
    /// points check).
    private var file: SQLiteDatabase { sqlite! }

    func addVersion3Views() throws {
        guard sqlite != nil else { return }
        let evidence = RecordedTable.evidence.columns.map { RecordedTable.addedInVersion4.contains($0) ? "NULL AS \($0)" : $0 }
        let note = RecordedTable.note.columns.map { "NULL AS \($0)" }
        try file.execute(
            """
            CREATE TEMP VIEW evidence AS SELECT \(evidence.joined(separator: ", ")) FROM main.evidence;
            CREATE TEMP VIEW note AS SELECT \(note.joined(separator: ", ")) WHERE 0;
            """)
    }

    func dropVersion3Views() throws {
        guard sqlite != nil else { return }
        try file.execute("DROP VIEW IF EXISTS temp.evidence; DROP VIEW IF EXISTS temp.note")
    }

    /// Makes `table` again from schema.sql, its rows (the columns it had) and id counter kept.
    private func remake(_ table: String, columns: [String]) throws {
        let counter = try file.scalarInteger("SELECT seq FROM sqlite_sequence WHERE name = \(table)")
        try file.execute("ALTER TABLE \(table) RENAME TO \(table)_version3")
        // The renamed table keeps its indexes, under their names: dropped, they are made again after the copy.
        for index in Ledger.compiledSchemaObjects where index.type == "index" && index.table == table {
            try file.execute("DROP INDEX IF EXISTS \(index.name)")
        }
        try file.execute(Ledger.compiledSQL("table", table))
        let list = columns.joined(separator: ", ")
        try file.execute("INSERT INTO \(table) (\(list)) SELECT \(list) FROM \(table)_version3 ORDER BY id")
        try file.execute("DROP TABLE \(table)_version3")
        for index in Ledger.compiledSchemaObjects where index.type == "index" && index.table == table {
            try file.execute(index.sql ?? "")
        }
        if let counter {
            try file.run("DELETE FROM sqlite_sequence WHERE name = \(table)")
            try file.run("INSERT INTO sqlite_sequence (name, seq) VALUES (\(table), \(counter))")
        }
    }

    private static func compiledSQL(_ type: String, _ name: String) -> String {
        Ledger.compiledSchemaObjects.first { $0.type == type && $0.name == name }?.sql ?? ""
    }

    /// Claim and evidence take the figure dimensions of version 5: their SQL is set to
    /// schema.sql's where it is still an earlier version's (the file's schema was checked
    /// before any write, so it is exactly that), in place.
    private func widenFigureDimensions() throws {
        let cookie = try file.scalarInteger("PRAGMA schema_version") ?? 0
        try file.setDefensive(false)
        do {
            try file.execute("PRAGMA writable_schema = ON")
            for table in ["claim", "evidence"] {
                let sql = Ledger.compiledSQL("table", table)
                try file.run("UPDATE sqlite_schema SET sql = \(sql) WHERE type = 'table' AND name = \(table) AND sql = \(Ledger.sqlBeforeVersion5(sql))")
            }
            try file.execute("PRAGMA schema_version = \(cookie + 1)")
            try file.execute("PRAGMA writable_schema = OFF")
        } catch {
            try? file.execute("PRAGMA writable_schema = OFF")
            try? file.setDefensive(true)
            throw error
        }
        // Defensive mode must be back before anything else is written; if it cannot be, nothing is.
        try file.setDefensive(true)
        let widened = try file.scalarInteger("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('claim', 'evidence') AND sql IN (\(Ledger.compiledSQL("table", "claim")), \(Ledger.compiledSQL("table", "evidence")))")
        guard widened == 2 else {
            throw LedgerError.refused("The ledger \(path)'s claim and evidence tables are not as an earlier version of ledger made them, so it was not migrated; nothing was changed. Run `ledger check`.")
        }
    }

    /// Evidence gains its withdrawal columns, and the note table is made.
    private func migrateToVersion4() throws {
        try remake("evidence", columns: RecordedTable.evidence.columns.filter { !RecordedTable.addedInVersion4.contains($0) })
        try file.execute(Ledger.compiledSQL("table", "note"))
        for index in Ledger.compiledSchemaObjects where index.type == "index" && index.table == "note" {
            try file.execute(index.sql ?? "")
        }
    }

    /// A log of version 3 takes the new actions (a log of version 1 or 2 was just made from this schema), and the migration is logged.
    private func migrateLogToVersion4() throws {
        try remake("log", columns: LogFields.names + ["entry", "hash"])
        try appendLog(
            NewLogEntry(
                action: .migrate, effective: LedgerDate.today(),
                summary: "migrated the ledger from schema version 3 to \(Ledger.schemaVersion): evidence can be withdrawn, claims and evidence corrected, and notes kept; figures can be percentages, percentage points, money and durations"))
    }

    private func migrateLogToVersion3(from oldVersion: Int64) throws {
        let logObjects = Ledger.compiledSchemaObjects.filter { $0.table == "log" }
        // The old table keeps its indexes (by their names) until it is dropped.
        try file.execute("ALTER TABLE log RENAME TO log_version2")

        // Which old entry added each row still in the ledger: the last that names it.
        func adders(_ sql: SQL) throws -> Set<Int64> {
            var ids = Set<Int64>()
            try file.query(sql) { ids.insert($0.integer("adder")) }
            return ids
        }
        let sourceAdders = try adders(
            "SELECT max(l.id) AS adder FROM log_version2 l JOIN source s ON s.handle = l.source_handle WHERE l.action = 'source-add' GROUP BY s.id")
        let claimAdders = try adders(
            "SELECT max(l.id) AS adder FROM log_version2 l JOIN claim c ON c.id = l.claim_id WHERE l.action = 'claim-add' GROUP BY c.id")
        let evidenceAdders = try adders(
            "SELECT max(l.id) AS adder FROM log_version2 l JOIN evidence e ON e.id = l.evidence_id WHERE l.action = 'evidence-add' GROUP BY e.id")
        let lifecycleAdders = try adders(
            """
            SELECT max(l.id) AS adder FROM log_version2 l JOIN lifecycle c ON c.id = l.lifecycle_id AND c.action = l.action
            GROUP BY c.id
            """)
        // Rows no entry accounts for: the migration's own entry inserts them.
        var orphans: [UInt8] = []
        var orphanCount = 0
        let unaddedClaim = "NOT EXISTS (SELECT 1 FROM log_version2 l WHERE l.action = 'claim-add' AND l.claim_id = t.id)"
        let unaccounted: [(RecordedTable, String)] = [
            (.source, "NOT EXISTS (SELECT 1 FROM log_version2 l WHERE l.action = 'source-add' AND l.source_handle = t.handle) ORDER BY t.id"),
            (.claim, unaddedClaim + " ORDER BY t.id"),
            (.claimTag, "t.claim_id IN (SELECT t.id FROM claim t WHERE \(unaddedClaim)) ORDER BY t.claim_id, t.tag"),
            (.evidence, "NOT EXISTS (SELECT 1 FROM log_version2 l WHERE l.action = 'evidence-add' AND l.evidence_id = t.id) ORDER BY t.id"),
            (.lifecycle, "NOT EXISTS (SELECT 1 FROM log_version2 l WHERE l.action = t.action AND l.lifecycle_id = t.id) ORDER BY t.id"),
        ]
        for (table, condition) in unaccounted {
            orphanCount += try rowWrites(table, "t WHERE \(raw: condition)", into: &orphans)
        }

        for object in logObjects where object.type == "table" { try file.execute(object.sql ?? "") }
        var count: Int64 = 0
        var last: Int64 = 0
        do {
        let old = try file.cursor(
            """
            SELECT id, recorded_at, actor, action, claim_id, evidence_id, lifecycle_id, source_handle, effective,
                   status_before, status_after, summary, cause, undoes, caused_by, payload
            FROM log_version2 ORDER BY id
            """)
        while try old.next() {
            let id = old.integer("id")
            var fields = LogFields(
                id: id, recordedAt: old.text("recorded_at"), actor: old.text("actor"), action: old.text("action"),
                claimID: old.optionalInteger("claim_id"), evidenceID: old.optionalInteger("evidence_id"),
                lifecycleID: old.optionalInteger("lifecycle_id"), sourceHandle: old.optionalText("source_handle"),
                effective: old.text("effective"), statusBefore: old.optionalText("status_before"), statusAfter: old.optionalText("status_after"),
                summary: old.text("summary"), cause: old.optionalText("cause"), undoes: old.optionalInteger("undoes"),
                causedBy: old.optionalInteger("caused_by"), migrated: true)
            if let payload = try? JSONParser.parse(old.text("payload")), payload != .object([]) { fields.payload = payload }
            var writes: [UInt8] = []
            if sourceAdders.contains(id), let handle = fields.sourceHandle {
                try rowWrites(.source, "WHERE handle = \(handle)", into: &writes)
            }
            if claimAdders.contains(id), let claim = fields.claimID {
                try rowWrites(.claim, "WHERE id = \(claim)", into: &writes)
                try rowWrites(.claimTag, "WHERE claim_id = \(claim) ORDER BY tag", into: &writes)
            }
            if evidenceAdders.contains(id), let evidence = fields.evidenceID {
                try rowWrites(.evidence, "WHERE id = \(evidence)", into: &writes)
            }
            if lifecycleAdders.contains(id), let lifecycle = fields.lifecycleID {
                try rowWrites(.lifecycle, "WHERE id = \(lifecycle)", into: &writes)
            }
            let bytes = fields.canonical(writes: writes)
            try file.run(Ledger.insertLog(fields.columnValues + [.text(String(decoding: bytes, as: UTF8.self)), .text(Ledger.unsealedHash)]))
            count += 1
            last = id
        }
        }
        try file.execute("DROP TABLE log_version2")
        for index in logObjects where index.type == "index" { try file.execute(index.sql ?? "") }

        // The migration's own entry, chained after the old ones (sealed with them at commit).
        if last > 0 {
            journal.first = 1
            journal.last = last
            journal.previousHash = Ledger.genesisHash
            journal.unhashedFrom = 1
        }
        journal.writes = orphans
        try appendLog(
            NewLogEntry(
                action: .migrate, effective: LedgerDate.today(),
                summary: "migrated the ledger from schema version \(oldVersion) to \(Ledger.schemaVersion): \(count) entries chained by hash, "
                    + "their rows reconstructed from the ledger as it stood"
                    + (orphanCount == 0 ? "" : "; \(orphanCount == 1 ? "1 row" : "\(orphanCount) rows") no entry accounted for inserted by this one")))
    }

    /// Inserts of the rows `condition` selects, as canonical writes, appended to `writes`.
    /// Returns how many rows it wrote.
    @discardableResult
    private func rowWrites(_ table: RecordedTable, _ condition: SQL, into writes: inout [UInt8]) throws -> Int {
        var count = 0
        try file.query(table.select + " " + condition) { row in
            if !writes.isEmpty { writes.append(UInt8(ascii: ",")) }
            writes += Ledger.insertWrite(table, row.values(count: table.columns.count))
            count += 1
        }
        return count
    }
}
