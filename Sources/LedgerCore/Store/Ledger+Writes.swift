/// Every row written to a recorded table (`RecordedTable`) goes through here, so that the
/// log entry of the change holds what it wrote: whole rows inserted and deleted, and each
/// update's new and old values. `appendLog` takes the writes made since the last entry into
/// the entry it appends (SPEC §1: the log is the record).
extension Ledger {
    /// The log entries and writes of the write transaction in progress.
    struct Journal {
        /// Canonical bytes of the writes made since the last entry was appended, comma-separated.
        var writes: [UInt8] = []
        /// The first and the last entry appended in this transaction.
        var first: Int64?
        var last: Int64?
        /// The hash the first entry of this transaction chains from.
        var previousHash: [UInt8] = []
        /// The hash of the last entry appended, and of the one before it.
        var lastHash: [UInt8] = []
        var hashBeforeLast: [UInt8] = []
        /// Entries from this id on were written without their hashes (a migration), and are
        /// hashed when the transaction commits.
        var unhashedFrom: Int64?
        /// What this transaction's reproducible UUIDs are made from (`newUUID`).
        var uuidBase: [UInt8] = []
        var uuidCounter = 0
    }

    /// Inserts a row: `values` holds every column in the table's order, with `.null` for an
    /// id the database assigns. Returns the row's id (0 for `claim_tag`).
    @discardableResult
    func insertRow(_ table: RecordedTable, _ values: [SQLValue]) throws -> Int64 {
        var id: Int64 = 0
        if table == .claimTag {
            try db.run(table.insert(values))
        } else if case .integer(let given) = values[0] {
            try db.run(table.insert(values))
            id = given
        } else {
            id = try db.insert(table.insert(values, returningID: db.dialect))
        }
        recordWrite(table, operation: "insert", row: values, id: table == .claimTag ? nil : id)
        return id
    }

    /// Sets columns of the row with `id`, and records those whose value changes.
    /// Returns whether anything changed.
    @discardableResult
    func updateRow(_ table: RecordedTable, id: Int64, _ changes: [(String, SQLValue)]) throws -> Bool {
        // The columns come from code, or from a log entry being undone: each must be one of the
        // table's, and named once (a log entry altered by hand could say otherwise).
        let index = table.columnIndex
        guard changes.allSatisfy({ index[$0.0] != nil }), Set(changes.map(\.0)).count == changes.count else {
            throw LedgerError.refused(
                "A change to \(table.name) row \(id) names a column twice or one \(table.name) does not have, so it was not made; nothing was changed. Run `ledger check`: the log may have been altered.")
        }
        var before: [SQLValue] = []
        try db.query("SELECT \(raw: changes.map(\.0).joined(separator: ", ")) FROM \(raw: table.name) WHERE id = \(id)") { row in
            before = changes.map { row.value($0.0) }
        }
        guard before.count == changes.count else { return false }
        let changed = changes.indices.filter { changes[$0].1 != before[$0] }
        guard !changed.isEmpty else { return false }
        let assignments = SQL.joined(changed.map { "\(raw: changes[$0].0) = \(changes[$0].1)" }, separator: ", ")
        try db.run("UPDATE \(raw: table.name) SET \(assignments) WHERE id = \(id)")
        let order = changed.sorted { CanonicalJSON.compare(changes[$0].0, changes[$1].0) < 0 }
        var json = CanonicalJSON(capacity: 128)
        json.raw("{\"id\":")
        json.integer(id)
        json.raw(",\"set\":{")
        for (n, index) in order.enumerated() {
            if n > 0 { json.raw(",") }
            json.key(changes[index].0)
            json.value(changes[index].1)
        }
        json.raw("},\"update\":")
        json.string(table.name)
        json.raw(",\"was\":{")
        for (n, index) in order.enumerated() {
            if n > 0 { json.raw(",") }
            json.key(changes[index].0)
            json.value(before[index])
        }
        json.raw("}}")
        appendWrite(json.bytes)
        return true
    }

    /// Deletes the row with `id` (recording it whole). Returns whether there was one.
    @discardableResult
    func deleteRow(_ table: RecordedTable, id: Int64) throws -> Bool {
        var row: [SQLValue]?
        try db.query(table.select + " WHERE id = \(id)") { row = $0.values(count: table.columns.count) }
        guard let row else { return false }
        try db.run("DELETE FROM \(raw: table.name) WHERE id = \(id)")
        recordWrite(table, operation: "delete", row: row)
        return true
    }

    /// Deletes a claim's tags, recording each.
    func deleteTags(claimID: Int64) throws {
        var tags: [String] = []
        try db.query("SELECT tag FROM claim_tag WHERE claim_id = \(claimID) ORDER BY tag") { tags.append($0.text("tag")) }
        for tag in tags {
            try db.run("DELETE FROM claim_tag WHERE claim_id = \(claimID) AND tag = \(tag)")
            recordWrite(.claimTag, operation: "delete", row: [.integer(claimID), .text(tag)])
        }
    }

    /// Deletes one of a claim's tags, recording it.
    func deleteTag(claimID: Int64, tag: String) throws {
        if try db.run("DELETE FROM claim_tag WHERE claim_id = \(claimID) AND tag = \(tag)") == 1 { recordWrite(.claimTag, operation: "delete", row: [.integer(claimID), .text(tag)]) }
    }

    /// Writes `{"insert"|"delete":TABLE,"row":{…}}` straight into the pending writes (with
    /// `id` in place of the row's first column when given).
    private func recordWrite(_ table: RecordedTable, operation: StaticString, row: [SQLValue], id: Int64? = nil) {
        var json = CanonicalJSON(capacity: 0)
        swap(&json.bytes, &journal.writes)
        if !json.bytes.isEmpty { json.raw(",") }
        Ledger.writeRowWrite(operation, table, row, id: id, to: &json)
        swap(&json.bytes, &journal.writes)
    }

    /// `{"insert":TABLE,"row":{…}}`, the row's NULL columns left out.
    static func insertWrite(_ table: RecordedTable, _ row: [SQLValue]) -> [UInt8] { rowWrite("insert", table, row) }

    /// `{"insert"|"delete":TABLE,"row":{…}}`, the row's NULL columns left out.
    static func rowWrite(_ operation: StaticString, _ table: RecordedTable, _ row: [SQLValue]) -> [UInt8] {
        var json = CanonicalJSON(capacity: 512)
        writeRowWrite(operation, table, row, id: nil, to: &json)
        return json.bytes
    }

    static func writeRowWrite(_ operation: StaticString, _ table: RecordedTable, _ row: [SQLValue], id: Int64?, to json: inout CanonicalJSON) {
        json.raw("{\"")
        json.raw(operation)
        json.raw("\":")
        json.string(table.name)
        json.raw(",\"row\":{")
        var first = true
        for index in table.sortedColumnIndexes {
            let value = index == 0 && id != nil ? SQLValue.integer(id ?? 0) : row[index]
            if case .null = value { continue }
            if !first { json.raw(",") }
            first = false
            json.key(table.columns[index])
            json.value(value)
        }
        json.raw("}}")
    }

    private func appendWrite(_ bytes: [UInt8]) {
        if !journal.writes.isEmpty { journal.writes.append(UInt8(ascii: ",")) }
        journal.writes.append(contentsOf: bytes)
    }
}
