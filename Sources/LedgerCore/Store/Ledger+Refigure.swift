import LedgerSQLite

/// `ledger refigure`: figures stored by an earlier version keep the meaning that version
/// gave them (SPEC §4) until the analyst asks for them to be read again. Each claim whose
/// figures (its own and its evidence's) read otherwise now is re-read as one logged
/// correction (`claim-edit`, before and after, undone by `undo`); its evidence's forced flags
/// follow the new readings, and a contradiction an earlier version recorded unflagged though
/// its figure agrees with the claim's is flagged (SPEC §4 holds contradictions to the figure). A claim is kept as stored, and named, when one of its figures no
/// longer reads, or when the new readings would make an evidence figure incomparable with
/// the claim's.
extension Ledger {
    public struct RefigureOutcome: Sendable {
        /// Each claim re-read: its label, what changed, and the log entry.
        public var reread: [(claim: String, changes: [FieldChange], entry: Int64)] = []
        /// Each claim kept as stored, and why.
        public var kept: [(claim: String, reason: String)] = []
    }

    public func refigure() throws(LedgerError) -> RefigureOutcome {
        try write {
            var outcome = RefigureOutcome()
            var ids: [Int64] = []
            try db.query(
                "SELECT id FROM claim WHERE quantity_text IS NOT NULL UNION SELECT claim_id FROM evidence WHERE quantity_text IS NOT NULL ORDER BY 1"
            ) { ids.append($0.integer("id")) }
            for id in ids {
                let ref = try requireClaim(claimLabel(id))
                let claim = try loadClaim(id: id)
                let rows = try loadEvidence(claimID: id).map(\.0)
                var unreadable: [String] = []
                func reread(_ stored: Quantity?, _ label: String) -> Quantity? {
                    guard let stored else { return nil }
                    do {
                        let read = try QuantityParser.parse(stored.text)
                        return read == stored ? nil : read
                    } catch {
                        unreadable.append("\(label)'s '\(stored.text.shown(limit: 60))' no longer reads (\(error.message.trimmingSuffix(".")))")
                        return nil
                    }
                }
                let newClaim = reread(claim.quantity, claim.label)
                var newEvidence: [Int64: Quantity] = [:]
                for row in rows { if let read = reread(row.quantity, row.label) { newEvidence[row.number] = read } }
                if let first = unreadable.first {
                    outcome.kept.append((claim.label, first + "; correct it with `ledger edit` or `ledger evidence edit`"))
                    continue
                }
                let claimFigure = newClaim ?? claim.quantity
                // A contradiction an earlier version recorded unflagged though its figure agrees is flagged too.
                let flagsChange = rows.contains { row in
                    !row.isWithdrawn
                        && QuantityRules.breaksFigureRule(claim: claimFigure, evidence: newEvidence[row.number] ?? row.quantity, stance: row.stance)
                            != row.forced
                }
                guard newClaim != nil || !newEvidence.isEmpty || flagsChange else { continue }
                if let claimFigure,
                    let row = rows.first(where: { row in
                        !row.isWithdrawn && (newEvidence[row.number] ?? row.quantity).map { !$0.isComparable(with: claimFigure) } == true
                    })
                {
                    let figure = newEvidence[row.number] ?? row.quantity
                    outcome.kept.append(
                        (claim.label, "read again, \(row.label)'s '\(figure?.text.shown(limit: 60) ?? "")' (\(figure?.dimension.description ?? "")) and \(claim.label)'s '\(claimFigure.text.shown(limit: 60))' (\(claimFigure.dimension)) could not be compared; correct one of them with `ledger edit` or `ledger evidence edit`"))
                    continue
                }
                var changes: [FieldChange] = []
                if let newClaim, let old = claim.quantity {
                    try updateRow(.claim, id: id, Array(zip(Ledger.quantityColumnNames, Ledger.quantityValues(newClaim))))
                    changes.append(FieldChange(field: "\(claim.label)'s '\(old.text)'", before: old.readingText, after: newClaim.readingText))
                }
                for row in rows {
                    let figure = newEvidence[row.number] ?? row.quantity
                    var columns: [(String, SQLValue)] = []
                    if let read = newEvidence[row.number], let old = row.quantity {
                        columns += Array(zip(Ledger.quantityColumnNames, Ledger.quantityValues(read)))
                        changes.append(FieldChange(field: "\(row.label)'s '\(old.text)'", before: old.readingText, after: read.readingText))
                    }
                    // A withdrawn row's flag is left as it was: it no longer counts.
                    let forced = row.isWithdrawn ? row.forced : QuantityRules.breaksFigureRule(claim: claimFigure, evidence: figure, stance: row.stance)
                    if forced != row.forced {
                        columns.append(("forced", .integer(forced ? 1 : 0)))
                        changes.append(FieldChange(field: "\(row.label)", before: row.forced ? "forced" : "not forced", after: forced ? "forced" : "not forced"))
                    }
                    if !columns.isEmpty { try updateRow(.evidence, id: row.number, columns) }
                }
                let state = try recompute(ref)
                let entry = try appendLog(
                    NewLogEntry(
                        action: .claimEdit, claimID: id, sourceHandle: ref.claimant.handle, effective: LedgerDate.today(),
                        statusBefore: ref.status, statusAfter: state.status,
                        summary: "re-read \(claim.label)'s figures as this version of ledger reads them: \(Ledger.describe(changes))"))
                outcome.reread.append((claim.label, changes, entry))
            }
            return outcome
        }
    }
}

extension Quantity {
    /// What a figure means, as a re-reading shows it: "300 (a count of deaths)", "(600, ∞) troop".
    public var readingText: String { "\(intervalText) (\(dimension.description))" }
}
