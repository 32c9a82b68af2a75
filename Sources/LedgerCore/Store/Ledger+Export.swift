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
            func section(_ name: String, last: Bool = false, _ sql: SQL, _ make: (any DatabaseRow) -> (String, JSONValue)) throws {
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
            if let dangling = try missingReferences().first {
                throw LedgerError.io("The ledger is damaged (\(dangling.trimmingSuffix("."))); nothing was exported. Run `ledger check` to see what is wrong.")
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
            let tags = db.dialect.joined("tag", from: "claim_tag WHERE claim_id = c.id", orderBy: "tag", separator: db.dialect.unitSeparator)
            try section(
                "claims",
                """
                SELECT c.uuid, c.id, c.statement, s.uuid AS claimant, c.date, v.uuid AS via, c.url, c.quote, c.quantity_text, c.place,
                       \(raw: tags) AS tags, c.status, c.recorded_at, c.recorded_by
                FROM claim c JOIN source s ON s.id = c.claimant_id LEFT JOIN source v ON v.id = c.via_id ORDER BY c.id
                """
            ) { row in
                let tags = row.optionalText("tags").map { $0.split(separator: "\u{1F}").map { JSONValue.string(String($0)) } } ?? []
                return (
                    row.text("uuid"),
                    .object([
                        ("id", .string(claimLabel(row.integer("id")))), ("statement", .string(row.text("statement"))),
                        ("claimant", .string(row.text("claimant"))), ("date", .string(row.text("date"))), ("via", .optional(row.optionalText("via"))),
                        ("url", .optional(row.optionalText("url"))), ("quote", .optional(row.optionalText("quote"))),
                        ("quantity", .optional(row.optionalText("quantity_text"))), ("place", .optional(row.optionalText("place"))),
                        ("tags", .array(tags)), ("status", .string(row.text("status"))), ("recorded_at", .string(row.text("recorded_at"))),
                        ("recorded_by", .string(row.text("recorded_by"))),
                    ])
                )
            }
            try section(
                "evidence",
                """
                SELECT e.uuid, e.id, c.uuid AS claim, e.stance, s.uuid AS source, ci.uuid AS citing, e.date, v.uuid AS via, e.url, e.quote,
                       e.quantity_text, e.note, e.forced, e.while_closed, e.recorded_at, e.recorded_by, e.withdrawn_at, e.withdrawn_reason
                FROM evidence e JOIN claim c ON c.id = e.claim_id JOIN source s ON s.id = e.source_id
                LEFT JOIN source ci ON ci.id = e.citing_id LEFT JOIN source v ON v.id = e.via_id ORDER BY e.id
                """
            ) { row in
                (
                    row.text("uuid"),
                    .object([
                        ("id", .string(evidenceLabel(row.integer("id")))), ("claim", .string(row.text("claim"))),
                        ("stance", .string(row.text("stance"))), ("source", .string(row.text("source"))),
                        ("citing", .optional(row.optionalText("citing"))), ("date", .string(row.text("date"))),
                        ("via", .optional(row.optionalText("via"))), ("url", .optional(row.optionalText("url"))),
                        ("quote", .optional(row.optionalText("quote"))), ("quantity", .optional(row.optionalText("quantity_text"))),
                        ("note", .optional(row.optionalText("note"))), ("forced", .bool(row.integer("forced") != 0)),
                        ("while_closed", .bool(row.integer("while_closed") != 0)), ("recorded_at", .string(row.text("recorded_at"))),
                        ("recorded_by", .string(row.text("recorded_by"))), ("withdrawn_at", .optional(row.optionalText("withdrawn_at"))),
                        ("withdrawn_reason", .optional(row.optionalText("withdrawn_reason"))),
                    ])
                )
            }
            try section(
                "notes",
                """
                SELECT n.uuid, n.id, c.uuid AS claim, n.text, s.uuid AS source, n.url, n.date, n.recorded_at, n.recorded_by
                FROM note n JOIN claim c ON c.id = n.claim_id LEFT JOIN source s ON s.id = n.source_id ORDER BY n.id
                """
            ) { row in
                (
                    row.text("uuid"),
                    .object([
                        ("id", .string(noteLabel(row.integer("id")))), ("claim", .string(row.text("claim"))), ("text", .string(row.text("text"))),
                        ("source", .optional(row.optionalText("source"))), ("url", .optional(row.optionalText("url"))),
                        ("date", .string(row.text("date"))), ("recorded_at", .string(row.text("recorded_at"))),
                        ("recorded_by", .string(row.text("recorded_by"))),
                    ])
                )
            }
            try section(
                "lifecycle",
                """
                SELECT l.uuid, c.uuid AS claim, l.action, l.effective, s.uuid AS source, l.url, l.reason, l.verdict,
                       n.uuid AS superseded_by, l.kept_digit, l.step, l.recorded_at, l.recorded_by
                FROM lifecycle l JOIN claim c ON c.id = l.claim_id LEFT JOIN source s ON s.id = l.source_id
                LEFT JOIN claim n ON n.id = l.superseded_by ORDER BY l.id
                """
            ) { row in
                (
                    row.text("uuid"),
                    .object([
                        ("claim", .string(row.text("claim"))), ("action", .string(row.text("action"))),
                        ("effective", .string(row.text("effective"))), ("source", .optional(row.optionalText("source"))),
                        ("url", .optional(row.optionalText("url"))), ("reason", .optional(row.optionalText("reason"))),
                        ("verdict", .optional(row.optionalText("verdict"))), ("superseded_by", .optional(row.optionalText("superseded_by"))),
                        ("kept_digit", .optional(row.optionalInteger("kept_digit"))), ("step", .integer(row.integer("step"))),
                        ("recorded_at", .string(row.text("recorded_at"))), ("recorded_by", .string(row.text("recorded_by"))),
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
                try sink((first ? "\n    {\"entry\": " : ",\n    {\"entry\": ") + row.text("entry") + ", \"hash\": \"" + row.text("hash") + "\"}")
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
                ("seq", .integer(row.integer("id"))), ("recorded_at", .string(row.text("recorded_at"))), ("actor", .string(row.text("actor"))),
                ("action", .string(row.text("action"))), ("claim", .optional(row.optionalText("uuid"))),
                ("claim_id", .optional(row.optionalInteger("claim_id").map(claimLabel))),
                ("evidence_id", .optional(row.optionalInteger("evidence_id").map(evidenceLabel))),
                ("source", .optional(row.optionalText("source_handle"))), ("effective", .string(row.text("effective"))),
                ("status_before", .optional(row.optionalText("status_before"))), ("status_after", .optional(row.optionalText("status_after"))),
                ("summary", .string(row.text("summary"))), ("cause", .optional(row.optionalText("cause"))),
                ("undoes", .optional(row.optionalInteger("undoes"))), ("caused_by", .optional(row.optionalInteger("caused_by"))),
            ])
            try sink((first ? "\n    " : ",\n    ") + entry.serialized(pretty: false))
            first = false
        }
        try sink(first ? "]\n}\n" : "\n  ]\n}\n")
    }
}
