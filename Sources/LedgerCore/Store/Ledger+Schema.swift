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

    private static let schemaQuery = "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name"

    static func schemaObjects(of connection: Connection) throws -> [SchemaObject] {
        var objects: [SchemaObject] = []
        try connection.query(schemaQuery) { row in
            objects.append(SchemaObject(type: row.text(0), name: row.text(1), table: row.text(2), sql: row.optionalText(3)))
        }
        return objects
    }

    /// The objects `schema.sql` makes, as SQLite records them, built in a scratch database.
    /// (What `compiledSchemaObjects` must equal; a test compares them.)
    static func schemaObjectsBuiltFromSchemaSQL() throws -> [SchemaObject] {
        let scratch = try Connection(path: ":memory:", mode: .create, busyTimeoutMilliseconds: 0)
        try scratch.execute(schemaSQL)
        return try schemaObjects(of: scratch)
    }

    /// The objects a ledger of `version` has.
    static func expectedSchemaObjects(version: Int64) -> [SchemaObject] {
        guard version < 2 else { return compiledSchemaObjects }
        let added = Set(indexesAddedInVersion2.map(\.name))
        return compiledSchemaObjects.filter { !($0.type == "index" && added.contains($0.name)) }
    }

    /// The tables FTS5 makes for the search index. Their SQL is written by the SQLite library
    /// that made the file, not by schema.sql, so only their presence is compared: a ledger
    /// moved to a machine with another SQLite is not reported as altered.
    static func isSearchShadowTable(_ object: SchemaObject) -> Bool {
        object.type == "table" && object.name.hasPrefix("claim_search_")
    }

    /// One phrase per object that is missing, foreign, or made by other SQL than the schema's.
    func schemaDifferences(version: Int64) throws -> [String] {
        let expected = Ledger.expectedSchemaObjects(version: version)
        let actual = try Ledger.schemaObjects(of: db)
        return Ledger.differences(expected: expected, actual: actual)
    }

    /// True when every object ledger made is there as it made it (objects added beside them aside).
    func schemaIsIntact() throws -> Bool {
        let actual = Dictionary(try Ledger.schemaObjects(of: db).map { ($0.type + " " + $0.name, $0) }, uniquingKeysWith: { a, _ in a })
        return Ledger.expectedSchemaObjects(version: version).allSatisfy { wanted in
            guard let object = actual[wanted.type + " " + wanted.name] else { return false }
            return object.table == wanted.table && (object.sql == wanted.sql || Ledger.isSearchShadowTable(object))
        }
    }

    /// `check`'s sentences for the differences.
    func schemaProblems() throws -> [String] {
        try schemaDifferences(version: version).map { "The file's schema has \($0)." }
    }

    /// The tables `ANALYZE` makes for SQLite's query planner: SQLite's own, holding statistics
    /// and no code, so a ledger someone analysed is not reported as altered.
    static func isPlannerStatistics(_ object: SchemaObject) -> Bool {
        object.type == "table" && (object.name == "sqlite_stat1" || object.name == "sqlite_stat4")
    }

    static func differences(expected: [SchemaObject], actual: [SchemaObject]) -> [String] {
        // The usual case, answered without building dictionaries (both lists are sorted alike).
        if actual == expected { return [] }
        func key(_ object: SchemaObject) -> String { object.type + " " + object.name }
        func named(_ object: SchemaObject) -> String {
            let on = (object.type == "index" || object.type == "trigger") ? " on \(object.table.shown())" : ""
            return "\(object.type == "index" ? "an" : "a") \(object.type) '\(object.name.shown())'\(on)"
        }
        let expectedByKey = Dictionary(expected.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        let actualByKey = Dictionary(actual.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        var phrases: [String] = []
        for object in actual where !isPlannerStatistics(object) {
            guard let wanted = expectedByKey[key(object)] else {
                phrases.append("\(named(object)) that ledger did not create")
                continue
            }
            if wanted.table != object.table || (wanted.sql != object.sql && !isSearchShadowTable(object)) {
                phrases.append("\(named(object)) changed from what ledger created")
            }
        }
        for object in expected where actualByKey[key(object)] == nil {
            phrases.append("lost \(named(object)) that ledger creates")
        }
        return phrases
    }
}
