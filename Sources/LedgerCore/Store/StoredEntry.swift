/// A log entry read back from its canonical form (`log.entry`).
struct StoredEntry {
    let value: JSONValue

    init?(text: String) {
        guard let value = try? JSONParser.parse(text), case .object = value else { return nil }
        self.value = value
    }

    init(value: JSONValue) { self.value = value }

    /// What the change wrote, in order.
    var writes: [JSONValue] { value["writes"]?.arrayValue ?? [] }

    /// A version-2 entry's payload, kept when the ledger was migrated.
    var payload: JSONValue? { value["payload"] }

    var migrated: Bool { value["migrated"] == .bool(true) }

    /// The rows of `table` the change deleted, whole.
    func deletedRows(_ table: RecordedTable) -> [JSONValue] {
        writes.compactMap { $0["delete"]?.stringValue == table.name ? $0["row"] : nil }
    }

    /// The rows of `table` the change inserted, whole.
    func insertedRows(_ table: RecordedTable) -> [JSONValue] {
        writes.compactMap { $0["insert"]?.stringValue == table.name ? $0["row"] : nil }
    }

    /// The updates of `table`'s rows, with the values set and the values they replaced.
    func updates(_ table: RecordedTable) -> [(id: Int64, set: JSONValue, was: JSONValue)] {
        writes.compactMap { write in
            guard write["update"]?.stringValue == table.name, let id = write["id"]?.integerValue, let set = write["set"],
                let was = write["was"]
            else { return nil }
            return (id, set, was)
        }
    }
}

extension Ledger {
    /// The entry with `id`, read back from its canonical form.
    func storedEntry(_ id: Int64) throws -> StoredEntry? {
        guard let text = try db.scalarText("SELECT entry FROM log WHERE id = \(id)") else { return nil }
        return StoredEntry(text: text)
    }
}
