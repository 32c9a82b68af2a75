/// The append-only log: writing entries and reading them back.
extension Ledger {
    struct NewLogEntry {
        var action: LogAction
        var claimID: Int64? = nil
        var evidenceID: Int64? = nil
        var lifecycleID: Int64? = nil
        var sourceHandle: String? = nil
        var effective: LedgerDate
        var statusBefore: ClaimStatus? = nil
        var statusAfter: ClaimStatus? = nil
        var summary: String
        var cause: String? = nil
        var payload: JSONValue = .object([])
        var undoes: Int64? = nil
        var causedBy: Int64? = nil
        /// When the entry was written; nil means now. (An import gives all its entries its own start.)
        var recordedAt: String? = nil
    }

    @discardableResult
    func appendLog(_ entry: NewLogEntry) throws -> Int64 {
        try db.run(
            """
            INSERT INTO log (recorded_at, actor, action, claim_id, evidence_id, lifecycle_id, source_handle, effective,
                             status_before, status_after, summary, cause, payload, undoes, caused_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(entry.recordedAt ?? LedgerDate.nowTimestamp()), .text(actor), .text(entry.action.rawValue), SQLValue(entry.claimID),
                SQLValue(entry.evidenceID), SQLValue(entry.lifecycleID), SQLValue(entry.sourceHandle), .text(entry.effective.text),
                SQLValue(entry.statusBefore?.rawValue), SQLValue(entry.statusAfter?.rawValue), .text(entry.summary),
                SQLValue(entry.cause), .text(entry.payload.serialized(pretty: false)), SQLValue(entry.undoes),
                SQLValue(entry.causedBy),
            ])
        return db.lastInsertedRowID
    }

    static let logColumns = """
        id, recorded_at, actor, action, claim_id, evidence_id, source_handle, effective,
        status_before, status_after, summary, cause, undoes, lifecycle_id, caused_by
        """

    static func decodeLogEntry(_ row: Statement) -> LogEntry {
        LogEntry(
            sequence: row.integer(0),
            recordedAt: row.text(1),
            actor: row.text(2),
            action: LogAction(rawValue: row.text(3)) ?? .claimAdd,
            claimNumber: row.optionalInteger(4),
            evidenceNumber: row.optionalInteger(5),
            lifecycleNumber: row.optionalInteger(13),
            sourceHandle: row.optionalText(6),
            effective: LedgerDate(stored: row.text(7)),
            statusBefore: row.optionalText(8).flatMap(ClaimStatus.init(rawValue:)),
            statusAfter: row.optionalText(9).flatMap(ClaimStatus.init(rawValue:)),
            summary: row.text(10),
            cause: row.optionalText(11),
            undoes: row.optionalInteger(12),
            causedBy: row.optionalInteger(14)
        )
    }

    /// The whole log, or one claim's part of it, oldest first.
    ///
    /// A claim's part is found by its number, so it is still there after the claim was undone.
    public func log(claim: String? = nil) throws(LedgerError) -> [LogEntry] {
        try read {
            var entries: [LogEntry] = []
            if let claim {
                guard let reference = ClaimReference(claim) else {
                    throw LedgerError.refused("'\(claim.shown(limit: 80))' is not a claim id; claim ids look like C12.")
                }
                let number: Int64
                switch reference {
                case .number(let value): number = value
                case .uuid: number = try requireClaim(claim).id
                }
                try db.query("SELECT \(Ledger.logColumns) FROM log WHERE claim_id = ? ORDER BY id", [.integer(number)]) {
                    entries.append(Ledger.decodeLogEntry($0))
                }
                if entries.isEmpty { _ = try requireClaim(claim) }
            } else {
                try db.query("SELECT \(Ledger.logColumns) FROM log ORDER BY id") { entries.append(Ledger.decodeLogEntry($0)) }
            }
            return entries
        }
    }
}
