/// The tables whose rows the log records, with their columns as `schema.sql` makes them.
///
/// Every row written to one of these goes through `Ledger+Writes.swift`, so that the log
/// entry of the change holds it, and `check` can rebuild these tables from the log alone.
/// The search index (`claim_search`) is not recorded: it is made from these rows.
/// (A test compares the column lists with the compiled schema.)
enum RecordedTable: String, CaseIterable, Sendable {
    case source, claim
    case claimTag = "claim_tag"
    case evidence, note, lifecycle

    var name: String { rawValue }

    /// Every column, in the schema's order.
    var columns: [String] {
        switch self {
        case .source:
            ["id", "uuid", "handle", "name", "kind", "affiliation", "reliability", "url", "note", "recorded_at", "recorded_by"]
        case .claim:
            [
                "id", "uuid", "statement", "claimant_id", "date", "via_id", "url", "quote", "quantity_text", "quantity_low",
                "quantity_high", "quantity_low_open", "quantity_high_open", "quantity_unit", "quantity_dimension", "place",
                "place_key", "status", "verdict", "grade", "superseded_by", "support_independent", "support_echoes",
                "contradictions", "recorded_at", "recorded_by",
            ]
        case .claimTag: ["claim_id", "tag"]
        case .evidence:
            [
                "id", "uuid", "claim_id", "stance", "source_id", "citing_id", "date", "via_id", "url", "quote", "quantity_text",
                "quantity_low", "quantity_high", "quantity_low_open", "quantity_high_open", "quantity_unit", "quantity_dimension",
                "note", "forced", "while_closed", "recorded_at", "recorded_by", "withdrawn_at", "withdrawn_reason",
            ]
        case .note: ["id", "uuid", "claim_id", "text", "source_id", "url", "date", "recorded_at", "recorded_by"]
        case .lifecycle:
            [
                "id", "uuid", "claim_id", "action", "effective", "source_id", "url", "reason", "verdict", "superseded_by",
                "kept_digit", "step", "recorded_at", "recorded_by",
            ]
        }
    }

    /// Columns schema version 4 added (NULL in every row written before).
    static let addedInVersion4: Set<String> = ["withdrawn_at", "withdrawn_reason"]

    /// The columns that identify a row.
    var key: [String] { self == .claimTag ? ["claim_id", "tag"] : ["id"] }

    /// The columns of SQL type REAL (the rest are INTEGER or TEXT, as `isInteger` says).
    static let realColumns: Set<String> = ["quantity_low", "quantity_high"]

    static let integerColumns: Set<String> = [
        "id", "claimant_id", "via_id", "quantity_low_open", "quantity_high_open", "superseded_by", "support_independent",
        "support_echoes", "contradictions", "claim_id", "source_id", "citing_id", "forced", "while_closed", "kept_digit", "step",
    ]

    /// How people name a row of this table in a finding ("claim C12", "source ap").
    static func table(named name: String) -> RecordedTable? { RecordedTable(rawValue: name) }

    /// The columns' positions, in the order their names sort (the canonical order of a row's members).
    var sortedColumnIndexes: [Int] { RecordedTable.sortedIndexes[self] ?? [] }

    private static let sortedIndexes: [RecordedTable: [Int]] = Dictionary(
        uniqueKeysWithValues: allCases.map { table in
            (table, table.columns.indices.sorted { CanonicalJSON.compare(table.columns[$0], table.columns[$1]) < 0 })
        })

    /// Each column's position, by name.
    var columnIndex: [String: Int] { RecordedTable.columnIndexes[self] ?? [:] }

    private static let columnIndexes: [RecordedTable: [String: Int]] = Dictionary(
        uniqueKeysWithValues: allCases.map { table in
            (table, Dictionary(uniqueKeysWithValues: table.columns.enumerated().map { ($1, $0) }))
        })

    /// Inserts a row: `values` holds every column in the table's order. A NULL `id` is left
    /// for the database to assign (and, with `returningID`, the statement returns it).
    func insert(_ values: [SQLValue], returningID dialect: Dialect? = nil) -> SQL {
        precondition(values.count == columns.count, "a row of \(name) has \(columns.count) columns")
        if self != .claimTag, values.first == .null {
            return SQL(text: (RecordedTable.insertsAssigningID[self] ?? "") + (dialect?.returningID ?? ""), values: Array(values.dropFirst()))
        }
        return SQL(text: RecordedTable.inserts[self] ?? "", values: values)
    }

    /// Each table's INSERT of every column, and of every column but the id (made once).
    private static let inserts: [RecordedTable: String] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0, insertText($0.name, $0.columns)) })
    private static let insertsAssigningID: [RecordedTable: String] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0, insertText($0.name, Array($0.columns.dropFirst()))) })

    private static func insertText(_ table: String, _ columns: [String]) -> String {
        "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
    }

    private static let columnLists: [RecordedTable: String] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0, $0.columns.joined(separator: ", ")) })

    /// Deletes the row only if every column holds the given value (`IS`, so NULL matches NULL).
    func deleteWhole(_ values: [SQLValue], dialect: Dialect) -> SQL {
        "DELETE FROM \(raw: name) WHERE " + SQL.joined(zip(columns, values).map { "\(raw: $0.0) \(raw: dialect.isSameAs) \($0.1)" }, separator: " AND ")
    }

    /// Every column, in the table's order (read back with `DatabaseRow.values(count:)`).
    var select: SQL { "SELECT \(raw: RecordedTable.columnLists[self] ?? "") FROM \(raw: name)" }

    /// The table as `check` rebuilds it from the log: the same columns and types, keyed the
    /// same way, without the schema's other constraints and indexes (the ledger's own rows,
    /// which the rebuilt ones must equal, are held to those), so that a replay of a million
    /// entries appends rows instead of maintaining indexes.
    var scratchSQL: String {
        let definitions = columns.map { column -> String in
            let type = RecordedTable.realColumns.contains(column) ? "REAL" : RecordedTable.integerColumns.contains(column) ? "INTEGER" : "TEXT"
            return column == "id" ? "id INTEGER PRIMARY KEY" : "\(column) \(type)"
        }
        let key = self == .claimTag ? ", PRIMARY KEY (claim_id, tag)" : ""
        return "CREATE TABLE \(name) (\(definitions.joined(separator: ", "))\(key)) STRICT\(self == .claimTag ? ", WITHOUT ROWID" : "")"
    }

    /// Columns an update never changes: a row's identity and who recorded it.
    static let immutableColumns: Set<String> = ["id", "uuid", "handle", "claimant_id", "claim_id", "stance", "source_id", "recorded_at", "recorded_by"]
}
