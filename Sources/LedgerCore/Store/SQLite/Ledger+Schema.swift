import LedgerSQLite

/// The ledger's schema objects, compared with the schema compiled into this build.
///
/// A ledger file from someone else is data, never code: a trigger planted in it would run
/// on every write, a view or an extra table could mislead whoever opens it with another
/// tool, and a dropped index or a changed CHECK weakens what the file guarantees. Write
/// commands refuse a ledger whose objects differ from the compiled schema; `check` names
/// every difference.
extension Ledger {
    /// One row of `sqlite_schema`: what the object is and the SQL that made it.
    struct SchemaObject: Hashable {
        let type: String
        let name: String
        let table: String
        let sql: String?
    }

    /// Indexes added by schema version 2 (a ledger of version 1 is migrated when it is next written).
    static let indexesAddedInVersion2: [(name: String, sql: String)] = [
        ("claim_by_successor", "CREATE INDEX claim_by_successor ON claim (superseded_by) WHERE superseded_by IS NOT NULL"),
        ("lifecycle_by_successor", "CREATE INDEX lifecycle_by_successor ON lifecycle (superseded_by) WHERE superseded_by IS NOT NULL"),
    ]

    static func schemaObjects(of connection: SQLiteDatabase) throws -> [SchemaObject] {
        var objects: [SchemaObject] = []
        try connection.query("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name") { row in
            objects.append(SchemaObject(type: row.text("type"), name: row.text("name"), table: row.text("tbl_name"), sql: row.optionalText("sql")))
        }
        return objects
    }

    /// The objects `schema.sql` makes, as SQLite records them, built in a scratch database.
    /// (What `compiledSchemaObjects` must equal; a test compares them.)
    static func schemaObjectsBuiltFromSchemaSQL() throws -> [SchemaObject] {
        let scratch = try SQLiteDatabase.scratch()
        try scratch.execute(schemaSQL)
        return try schemaObjects(of: scratch)
    }

    /// The objects a ledger of `version` has.
    static func expectedSchemaObjects(version: Int64) -> [SchemaObject] {
        guard version < schemaVersion else { return compiledSchemaObjects }
        let added = version < 2 ? Set(indexesAddedInVersion2.map(\.name)) : []
        return compiledSchemaObjects.compactMap { object in
            if object.type == "index" && added.contains(object.name) { return nil }
            if version < 4 {
                // Version 4 added the note table; before it, evidence had no withdrawal and the log fewer actions.
                if object.table == "note" || object.name == "log_corrections" { return nil }
                if object.type == "table" && object.name == "log" { return version < 3 ? logTableBeforeVersion3 : logTableInVersion3 }
                if object.type == "table" && object.name == "evidence" { return evidenceTableInVersion3 }
            }
            // Version 5 let figures measure percentages, percentage points, money and durations.
            if object.type == "table" && (object.name == "claim" || object.name == "evidence") {
                return SchemaObject(type: object.type, name: object.name, table: object.table, sql: object.sql.map(Ledger.sqlBeforeVersion5))
            }
            return object
        }
    }

    /// The dimensions a figure could measure before version 5, and since.
    static let dimensionsBeforeVersion5 = "'length', 'area', 'count')"
    static let dimensionsSinceVersion5 = "'length', 'area', 'count', 'percentage', 'percentage-points', 'money', 'duration')"

    /// A claim or evidence table's SQL as schema version 4 (and earlier) made it: the same but
    /// for the dimensions its CHECK allows.
    static func sqlBeforeVersion5(_ sql: String) -> String {
        sql.replacing(dimensionsSinceVersion5, with: dimensionsBeforeVersion5)
    }

    /// The tables FTS5 makes for the search index. Their SQL is written by the SQLite library
    /// that made the file, not by schema.sql: it must be what the library that generated the
    /// compiled list wrote, or what the library running now writes (a ledger moved to a
    /// machine with another SQLite is not reported as altered; a shadow table whose SQL was
    /// rewritten — a CHECK that blocks chosen words — is).
    static func isSearchShadowTable(_ object: SchemaObject) -> Bool {
        object.type == "table" && object.name.hasPrefix("claim_search_")
    }

    /// The search index's shadow tables as the SQLite library running now makes them (built
    /// once, in memory, only when a file's differ from the compiled list).
    static let searchShadowTablesOfThisLibrary: [String: String] = {
        guard let scratch = try? SQLiteDatabase.scratch(),
            let search = compiledSchemaObjects.first(where: { $0.type == "table" && $0.name == "claim_search" })?.sql,
            (try? scratch.execute(search)) != nil,
            let objects = try? schemaObjects(of: scratch)
        else { return [:] }
        var tables: [String: String] = [:]
        for object in objects where isSearchShadowTable(object) { tables[object.name] = object.sql }
        return tables
    }()

    /// How the file's schema differs from what this ledger's version should have: one per
    /// object that is missing, added, or made by other SQL than the schema's.
    func schemaDifferences() throws -> [SchemaDifference] {
        guard let sqlite else {
            guard case .server(let server) = engine else { return [] }
            return try server.schemaDifferences()
        }
        return Ledger.differences(expected: Ledger.expectedSchemaObjects(version: version), actual: try Ledger.schemaObjects(of: sqlite))
    }

    /// One difference, as a phrase (`a trigger 't' on claim that ledger did not create`).
    struct SchemaDifference: Equatable {
        let phrase: String
        /// An object added beside ledger's own; the others (lost or changed) leave the schema
        /// broken for what reads it.
        let isAddition: Bool
    }

    /// The tables `ANALYZE` makes for SQLite's query planner: SQLite's own, holding statistics
    /// and no code, so a ledger someone analysed is not reported as altered.
    static func isPlannerStatistics(_ object: SchemaObject) -> Bool {
        object.type == "table" && (object.name == "sqlite_stat1" || object.name == "sqlite_stat4")
    }

    static func differences(expected: [SchemaObject], actual: [SchemaObject]) -> [SchemaDifference] {
        // The usual case, answered without building dictionaries (both lists are sorted alike).
        if actual == expected { return [] }
        func key(_ object: SchemaObject) -> String { object.type + " " + object.name }
        func named(_ object: SchemaObject) -> String {
            let on = (object.type == "index" || object.type == "trigger") ? " on \(object.table.shown())" : ""
            return "\(object.type == "index" ? "an" : "a") \(object.type) '\(object.name.shown())'\(on)"
        }
        let expectedByKey = Dictionary(expected.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        let actualByKey = Dictionary(actual.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        var differences: [SchemaDifference] = []
        for object in actual where !isPlannerStatistics(object) {
            guard let wanted = expectedByKey[key(object)] else {
                differences.append(SchemaDifference(phrase: "\(named(object)) that ledger did not create", isAddition: true))
                continue
            }
            let sameSQL =
                wanted.sql == object.sql || (isSearchShadowTable(object) && searchShadowTablesOfThisLibrary[object.name] == object.sql)
            if wanted.table != object.table || !sameSQL {
                differences.append(SchemaDifference(phrase: "\(named(object)) changed from what ledger created", isAddition: false))
            }
        }
        for object in expected where actualByKey[key(object)] == nil {
            differences.append(SchemaDifference(phrase: "lost \(named(object)) that ledger creates", isAddition: false))
        }
        return differences
    }
}
