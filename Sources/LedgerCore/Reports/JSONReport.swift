/// `report --format json`: the report's data as one JSON document, written claim by claim.
enum JSONReport {
    static func write(_ writer: ReportWriter, to sink: (String) throws -> Void, progress: ReportWriter.Progress?) throws {
        let options = writer.options
        let filter = options.filter
        let counts = try writer.ledger.reportCounts(filter, asOf: options.asOf)
        let scope: JSONValue = .object([
            ("statuses", .array(filter.statuses.map { .string($0.rawValue) })), ("tag", .optional(filter.tag)),
            ("source", .optional(filter.source)), ("place", .optional(filter.place)), ("since", .optional(filter.since?.text)),
            ("until", .optional(filter.until?.text)), ("search", .optional(filter.search)), ("as_of", .optional(options.asOf?.text)),
            ("changes_since", .optional(options.changesSince?.text)),
        ])
        let countsValue: JSONValue = .object([
            ("claims", .integer(Int64(counts.claims))), ("evidence", .integer(Int64(counts.evidence))), ("withdrawn", .integer(Int64(counts.withdrawn))),
            ("by_status", .object(MarkdownReport.statusOrder.map { ($0.rawValue, .integer(Int64(counts.byStatus[$0] ?? 0))) })),
        ])
        let head = try writer.ledger.head()
        try sink("{\n  \"title\": \(JSONValue.string(options.displayTitle).serialized()),\n")
        try sink("  \"head\": \(JSONValue.optional(head.hash).serialized()),\n  \"entries\": \(head.entries),\n")
        try sink("  \"scope\": \(scope.serialized(indent: 1)),\n")
        try sink("  \"counts\": \(countsValue.serialized(indent: 1)),\n")
        try sink("  \"claims\": [")
        var records = TrackRecords()
        var written = 0
        try writer.ledger.forEachReportClaim(filter, asOf: options.asOf) { detail, _ in
            records.add(detail)
            try sink((written == 0 ? "\n    " : ",\n    ") + JSONShapes.reportClaim(detail).serialized(indent: 2))
            written += 1
            progress?(written)
        }
        try sink(written == 0 ? "],\n" : "\n  ],\n")
        if let since = options.changesSince {
            var changes: [JSONValue] = []
            try writer.forEachChange(since: since) { change in
                changes.append(
                    .object([
                        ("id", .string(change.claim.label)), ("before", .optional(change.before?.rawValue)),
                        ("after", .string(change.after.rawValue)),
                    ]))
            }
            try sink("  \"changes\": \(JSONValue.array(changes).serialized(indent: 1)),\n")
        }
        let sources = records.records(for: try writer.ledger.sources(handles: records.handles)).map(JSONShapes.sourceRecord)
        try sink("  \"sources\": \(JSONValue.array(sources).serialized(indent: 1))\n}\n")
    }
}
