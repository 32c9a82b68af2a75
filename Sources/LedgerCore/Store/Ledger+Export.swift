/// `ledger export`: the whole ledger as one JSON document keyed by UUID, streamed.
///
/// Rows refer to each other by UUID (a claim's `claimant` is its source's UUID), so the
/// document means the same in any ledger. The log comes whole: each entry in its canonical
/// form with its hash, and the head, so that the export can be verified without the
/// ledger (`ledger verify FILE --head H`), and an import into an empty ledger takes the
/// chain as its own.
extension Ledger {
    public static let exportFormat = "ledger-export"
    /// Version 2 carries the log's entries whole, with their hashes, and the head; version 3
    /// adds research notes and evidence withdrawals (a ledger that reads only version 2 would
    /// drop them without a word, so it is told the file is newer instead).
    public static let exportVersion: Int64 = 3
    /// The sections of rows, in the order they are written and read.
    static let exportSections = ["sources", "claims", "evidence", "notes", "lifecycle"]

    public func export(to sink: (String) throws -> Void, progress: ((Int) -> Void)? = nil) throws(LedgerError) {
        try read {
            var rows = 0
            func section(_ name: String, last: Bool = false, _ sql: String, _ make: (Statement) -> (String, JSONValue)) throws {
                try sink("  \"\(name)\": {")
                var first = true
                try db.query(sql) { row in
                    let (key, value) = make(row)
                    try sink((first ? "\n    " : ",\n    ") + JSONValue.string(key).serialized() + ": " + value.serialized(indent: 2))
                    first = false
                    rows += 1
                    if rows % 1000 == 0 { progress?(rows) }
                }
                try sink(first ? "}" : "\n  }")
                try sink(last ? "\n" : ",\n")
            }
            // A row that refers to a missing one would be left out of the joins below, and the
            // export would not import: refuse it before writing anything (2.5% of an export at 100k).
            var dangling: String?
            try db.query("PRAGMA foreign_key_check") { row in
                if dangling == nil { dangling = "a row of \(row.text(0)) refers to a missing row of \(row.text(2))" }
            }
            if let dangling {
                throw LedgerError.io("The ledger is damaged (\(dangling)); nothing was exported. Run `ledger check` to see what is wrong.")
            }
            let head = try currentHead()
            if head.unchained {
                // An earlier version's ledger has no chain to carry: it exports as that version did.
                try sink("{\n  \"format\": \"\(Ledger.exportFormat)\",\n  \"version\": 1,\n")
            } else {
                try sink("{\n  \"format\": \"\(Ledger.exportFormat)\",\n  \"version\": \(Ledger.exportVersion),\n")
                try sink("  \"head\": \(JSONValue.optional(head.hash).serialized()),\n  \"entries\": \(head.entries),\n")
            }
            try section(
                "sources", "SELECT \(Ledger.sourceColumns) FROM source ORDER BY id"
            ) { row in
                let source = Ledger.decodeSource(row)
                guard case .object(var members) = JSONShapes.source(source) else { return (source.uuid, .null) }
                members.removeAll { $0.0 == "uuid" }
                members += [("recorded_at", .string(source.recordedAt)), ("recorded_by", .string(source.recordedBy))]
                return (source.uuid, .object(members))
            }
            try section(
                "claims",
                """
                SELECT c.uuid, c.id, c.statement, s.uuid, c.date, v.uuid, c.url, c.quote, c.quantity_text, c.place,
                       (SELECT group_concat(tag, char(31)) FROM (SELECT tag FROM claim_tag WHERE claim_id = c.id ORDER BY tag)),
                       c.status, c.recorded_at, c.recorded_by
                FROM claim c JOIN source s ON s.id = c.claimant_id LEFT JOIN source v ON v.id = c.via_id ORDER BY c.id
                """
            ) { row in
                let tags = row.optionalText(10).map { $0.split(separator: "\u{1F}").map { JSONValue.string(String($0)) } } ?? []
                return (
                    row.text(0),
                    .object([
                        ("id", .string(claimLabel(row.integer(1)))), ("statement", .string(row.text(2))),
                        ("claimant", .string(row.text(3))), ("date", .string(row.text(4))), ("via", .optional(row.optionalText(5))),
                        ("url", .optional(row.optionalText(6))), ("quote", .optional(row.optionalText(7))),
                        ("quantity", .optional(row.optionalText(8))), ("place", .optional(row.optionalText(9))), ("tags", .array(tags)),
                        ("status", .string(row.text(11))), ("recorded_at", .string(row.text(12))), ("recorded_by", .string(row.text(13))),
                    ])
                )
            }
            try section(
                "evidence",
                """
                SELECT e.uuid, e.id, c.uuid, e.stance, s.uuid, ci.uuid, e.date, v.uuid, e.url, e.quote, e.quantity_text, e.note,
                       e.forced, e.while_closed, e.recorded_at, e.recorded_by, e.withdrawn_at, e.withdrawn_reason
                FROM evidence e JOIN claim c ON c.id = e.claim_id JOIN source s ON s.id = e.source_id
                LEFT JOIN source ci ON ci.id = e.citing_id LEFT JOIN source v ON v.id = e.via_id ORDER BY e.id
                """
            ) { row in
                (
                    row.text(0),
                    .object([
                        ("id", .string(evidenceLabel(row.integer(1)))), ("claim", .string(row.text(2))), ("stance", .string(row.text(3))),
                        ("source", .string(row.text(4))), ("citing", .optional(row.optionalText(5))), ("date", .string(row.text(6))),
                        ("via", .optional(row.optionalText(7))), ("url", .optional(row.optionalText(8))),
                        ("quote", .optional(row.optionalText(9))), ("quantity", .optional(row.optionalText(10))),
                        ("note", .optional(row.optionalText(11))), ("forced", .bool(row.integer(12) != 0)),
                        ("while_closed", .bool(row.integer(13) != 0)), ("recorded_at", .string(row.text(14))),
                        ("recorded_by", .string(row.text(15))), ("withdrawn_at", .optional(row.optionalText(16))),
                        ("withdrawn_reason", .optional(row.optionalText(17))),
                    ])
                )
            }
            try section(
                "notes",
                """
                SELECT n.uuid, n.id, c.uuid, n.text, s.uuid, n.url, n.date, n.recorded_at, n.recorded_by
                FROM note n JOIN claim c ON c.id = n.claim_id LEFT JOIN source s ON s.id = n.source_id ORDER BY n.id
                """
            ) { row in
                (
                    row.text(0),
                    .object([
                        ("id", .string(noteLabel(row.integer(1)))), ("claim", .string(row.text(2))), ("text", .string(row.text(3))),
                        ("source", .optional(row.optionalText(4))), ("url", .optional(row.optionalText(5))), ("date", .string(row.text(6))),
                        ("recorded_at", .string(row.text(7))), ("recorded_by", .string(row.text(8))),
                    ])
                )
            }
            try section(
                "lifecycle",
                """
                SELECT l.uuid, c.uuid, l.action, l.effective, s.uuid, l.url, l.reason, l.verdict, n.uuid, l.kept_digit, l.step,
                       l.recorded_at, l.recorded_by
                FROM lifecycle l JOIN claim c ON c.id = l.claim_id LEFT JOIN source s ON s.id = l.source_id
                LEFT JOIN claim n ON n.id = l.superseded_by ORDER BY l.id
                """
            ) { row in
                (
                    row.text(0),
                    .object([
                        ("claim", .string(row.text(1))), ("action", .string(row.text(2))), ("effective", .string(row.text(3))),
                        ("source", .optional(row.optionalText(4))), ("url", .optional(row.optionalText(5))),
                        ("reason", .optional(row.optionalText(6))), ("verdict", .optional(row.optionalText(7))),
                        ("superseded_by", .optional(row.optionalText(8))), ("kept_digit", .optional(row.optionalInteger(9))),
                        ("step", .integer(row.integer(10))), ("recorded_at", .string(row.text(11))),
                        ("recorded_by", .string(row.text(12))),
                    ])
                )
            }
            try sink("  \"log\": [")
            var first = true
            if head.unchained {
                try unchainedLog(to: sink)
                return
            }
            // The canonical bytes as they are: JSON already, with `<`, `>` and `&` escaped as every string here.
            try db.query("SELECT entry, hash FROM log ORDER BY id") { row in
                try sink((first ? "\n    {\"entry\": " : ",\n    {\"entry\": ") + row.text(0) + ", \"hash\": \"" + row.text(1) + "\"}")
                first = false
            }
            try sink(first ? "]\n}\n" : "\n  ]\n}\n")
        }
    }

    /// The log of a ledger written by schema version 1 or 2, as export version 1 wrote it (for the record).
    private func unchainedLog(to sink: (String) throws -> Void) throws {
        var first = true
        try db.query(
            """
            SELECT l.id, l.recorded_at, l.actor, l.action, c.uuid, l.claim_id, l.evidence_id, l.source_handle, l.effective,
                   l.status_before, l.status_after, l.summary, l.cause, l.undoes, l.caused_by
            FROM log l LEFT JOIN claim c ON c.id = l.claim_id ORDER BY l.id
            """
        ) { row in
            let entry: JSONValue = .object([
                ("seq", .integer(row.integer(0))), ("recorded_at", .string(row.text(1))), ("actor", .string(row.text(2))),
                ("action", .string(row.text(3))), ("claim", .optional(row.optionalText(4))),
                ("claim_id", .optional(row.optionalInteger(5).map(claimLabel))),
                ("evidence_id", .optional(row.optionalInteger(6).map(evidenceLabel))), ("source", .optional(row.optionalText(7))),
                ("effective", .string(row.text(8))), ("status_before", .optional(row.optionalText(9))),
                ("status_after", .optional(row.optionalText(10))), ("summary", .string(row.text(11))),
                ("cause", .optional(row.optionalText(12))), ("undoes", .optional(row.optionalInteger(13))),
                ("caused_by", .optional(row.optionalInteger(14))),
            ])
            try sink((first ? "\n    " : ",\n    ") + entry.serialized(pretty: false))
            first = false
        }
        try sink(first ? "]\n}\n" : "\n  ]\n}\n")
    }
}
