/// `ledger undo`: reverse the most recent change by appending its inverse to the log.
///
/// The log is never rewritten: the change stays in it, marked undone by the new
/// entry (`undoes`), and what the change had written is removed from the ledger.
/// Repeated undos walk further back. Re-derivations and undos themselves are not
/// undone on their own: a re-derivation goes with the change that caused it.
extension Ledger {
    /// What `undo` did.
    public struct UndoOutcome: Sendable {
        /// The entry that was undone.
        public var undone: LogEntry
        /// The claim the change was about, as it stands after the undo (nil when none, or when it was removed).
        public var claim: ClaimDetail?
        public var statusBefore: ClaimStatus?
        public var statusAfter: ClaimStatus?
    }

    /// Undoes the latest change that can be undone.
    ///
    /// Serialised (`Transaction.write`): the latest change read here is still the latest when it
    /// is undone, and what still uses a row (checked before it is deleted) stays so.
    public func undo() throws(LedgerError) -> UndoOutcome {
        try write {
            var found: LogEntry?
            try db.query(
                """
                SELECT \(Ledger.logColumns) FROM log
                WHERE action NOT IN ('undo', 'rederive', 'migrate') AND caused_by IS NULL
                  AND NOT EXISTS (SELECT 1 FROM log u WHERE u.undoes = log.id)
                ORDER BY id DESC LIMIT 1
                """
            ) { found = Ledger.decodeLogEntry($0) }
            guard let target = found else {
                let empty = (try db.scalarInteger("SELECT count(*) FROM log") ?? 0) == 0
                throw LedgerError.refused(
                    empty
                        ? "The log is empty; there is nothing to undo."
                        : "Every change in the log has already been undone; there is nothing left to undo. Run `ledger log` to see them.")
            }
            var entry = NewLogEntry(
                action: .undo, claimID: target.claimNumber, evidenceID: target.evidenceNumber, lifecycleID: target.lifecycleNumber,
                sourceHandle: target.sourceHandle, effective: target.effective,
                summary: "undid #\(target.sequence): \(target.summary)", undoes: target.sequence)

            /// After an undo that changed `claim`'s rows: the claim derived again, the undo logged with its status move.
            func rederived(_ claim: ClaimRef) throws -> UndoOutcome {
                let state = try recompute(claim)
                entry.statusBefore = claim.status
                entry.statusAfter = state.status
                try appendLog(entry)
                return UndoOutcome(undone: target, claim: try detail(id: claim.id), statusBefore: claim.status, statusAfter: state.status)
            }

            switch target.action {
            case .sourceAdd:
                let source = try requireSource(target.sourceHandle ?? "")
                let uses =
                    try db.scalarInteger(
                        """
                        SELECT (SELECT count(*) FROM claim WHERE claimant_id = \(source.id) OR via_id = \(source.id))
                             + (SELECT count(*) FROM evidence WHERE source_id = \(source.id) OR citing_id = \(source.id) OR via_id = \(source.id))
                             + (SELECT count(*) FROM lifecycle WHERE source_id = \(source.id))
                             + (SELECT count(*) FROM note WHERE source_id = \(source.id))
                        """) ?? 0
                guard uses == 0 else {
                    throw LedgerError.refused(
                        "Cannot undo adding source \(source.handle): claims or evidence still use it; nothing was changed. Run `ledger check`.")
                }
                try deleteRow(.source, id: source.id)
                try appendLog(entry)
                return UndoOutcome(undone: target, claim: nil, statusBefore: nil, statusAfter: nil)

            case .sourceEdit:
                let source = try requireSource(target.sourceHandle ?? "")
                // What the source was before: the values the edit replaced (or, for an entry migrated
                // from version 2, the payload's "before").
                let stored = try storedEntry(target.sequence)
                let before: JSONValue
                if let update = stored?.updates(.source).first {
                    before = update.was
                } else if let old = stored?.payload?["before"] {
                    before = old
                } else {
                    throw LedgerError.refused("Log entry #\(target.sequence) does not say what the source was before; it cannot be undone. Run `ledger check`.")
                }
                let current = try loadSource(id: source.id)
                var restored = current
                // A member left out of "was" was not changed; one given as null was empty before.
                func text(_ key: String) -> String?? {
                    guard let value = before[key] else { return .none }
                    return .some(value.stringValue)
                }
                restored.name = text("name").flatMap { $0 } ?? current.name
                restored.kind = text("kind").flatMap { $0 }.flatMap(SourceKind.init(rawValue:)) ?? current.kind
                restored.affiliation = text("affiliation").flatMap { $0 } ?? current.affiliation
                restored.reliability = text("reliability").flatMap { $0 }.flatMap(Reliability.init(rawValue:)) ?? current.reliability
                if let url = text("url") { restored.url = url }
                if let note = text("note") { restored.note = note }
                try updateRow(.source, id: source.id, Ledger.sourceFields(restored))
                let undoID = try appendLog(entry)
                if restored.standing != current.standing {
                    try rederiveClaims(
                        touching: source.id,
                        cause: "undo of #\(target.sequence): source \(source.handle): \(Ledger.describeChanges(from: current, to: restored))",
                        causedBy: undoID)
                }
                return UndoOutcome(undone: target, claim: nil, statusBefore: nil, statusAfter: nil)

            case .claimAdd:
                let claim = try requireClaim(claimLabel(target.claimNumber ?? 0))
                let uses =
                    try db.scalarInteger(
                        """
                        SELECT (SELECT count(*) FROM evidence WHERE claim_id = \(claim.id))
                             + (SELECT count(*) FROM lifecycle WHERE claim_id = \(claim.id) OR superseded_by = \(claim.id))
                             + (SELECT count(*) FROM claim WHERE superseded_by = \(claim.id))
                             + (SELECT count(*) FROM note WHERE claim_id = \(claim.id))
                        """) ?? 0
                guard uses == 0 else {
                    throw LedgerError.refused(
                        "Cannot undo adding \(claim.label): evidence, notes or other claims still refer to it; nothing was changed. Run `ledger check`.")
                }
                try deleteTags(claimID: claim.id)
                try search.replace(claimID: claim.id, fields: nil)
                try deleteRow(.claim, id: claim.id)
                entry.statusBefore = claim.status
                try appendLog(entry)
                return UndoOutcome(undone: target, claim: nil, statusBefore: claim.status, statusAfter: nil)

            case .evidenceAdd, .retract, .resolve, .supersede, .reopen:
                let claim = try requireClaim(claimLabel(target.claimNumber ?? 0))
                let deleted: Bool
                if target.action == .evidenceAdd {
                    deleted = try deleteRow(.evidence, id: target.evidenceNumber ?? 0)
                    if deleted { try indexForSearch(claimID: claim.id) }
                } else {
                    deleted = try deleteRow(.lifecycle, id: target.lifecycleNumber ?? 0)
                }
                guard deleted else {
                    throw LedgerError.refused(
                        "What log entry #\(target.sequence) recorded is no longer in the ledger, so it cannot be undone; nothing was changed. Run `ledger check`.")
                }
                return try rederived(claim)

            case .claimEdit, .evidenceEdit, .withdraw:
                let claim = try requireClaim(claimLabel(target.claimNumber ?? 0))
                guard let stored = try storedEntry(target.sequence) else {
                    throw LedgerError.refused("Log entry #\(target.sequence) cannot be read; it cannot be undone. Run `ledger check`.")
                }
                try revertCorrection(stored, sequence: target.sequence)
                try indexForSearch(claimID: claim.id)
                return try rederived(claim)

            case .noteAdd:
                guard let stored = try storedEntry(target.sequence),
                    let id = stored.insertedRows(.note).first?["id"]?.integerValue, try deleteRow(.note, id: id)
                else {
                    throw LedgerError.refused(
                        "What log entry #\(target.sequence) recorded is no longer in the ledger, so it cannot be undone; nothing was changed. Run `ledger check`.")
                }
                let claim = target.claimNumber ?? 0
                try indexForSearch(claimID: claim)
                try appendLog(entry)
                return UndoOutcome(undone: target, claim: try detail(id: claim), statusBefore: nil, statusAfter: nil)

            case .import:
                try undoImport(target, entry: entry)
                return UndoOutcome(undone: target, claim: nil, statusBefore: nil, statusAfter: nil)

            case .undo, .rederive, .migrate:
                throw LedgerError.refused("Log entry #\(target.sequence) (\(target.action.rawValue)) cannot be undone.")
            }
        }
    }

    /// Removes everything an import added, newest first, and re-derives the claims it touched.
    private func undoImport(_ target: LogEntry, entry: NewLogEntry) throws {
        // Claims leave newest first, while a claim the import superseded still names its
        // successor until it is re-derived (or leaves too): keys are checked at commit.
        try db.execute(db.dialect.deferForeignKeys)
        var added: [LogEntry] = []
        try db.query("SELECT \(Ledger.logColumns) FROM log WHERE caused_by = \(target.sequence) AND action <> 'rederive' ORDER BY id DESC") {
            added.append(Ledger.decodeLogEntry($0))
        }
        let own = Set(added.map(\.sequence))
        var touched = Set<Int64>()
        var removedClaims = Set<Int64>()
        for row in added {
            switch row.action {
            case .undo:
                // A lifecycle change of the ledger's own that the import withdrew in a conflict: put
                // it back. (One the import itself added and left out stays out.)
                guard let undone = row.undoes, !own.contains(undone), let withdrawal = try storedEntry(row.sequence) else { continue }
                if let claim = try restoreWithdrawn(withdrawal, undoing: target.sequence) { touched.insert(claim) }
            case .retract, .resolve, .supersede, .reopen:
                try deleteRow(.lifecycle, id: row.lifecycleNumber ?? 0)
                if let claim = row.claimNumber { touched.insert(claim) }
            case .evidenceAdd:
                try deleteRow(.evidence, id: row.evidenceNumber ?? 0)
                if let claim = row.claimNumber { touched.insert(claim) }
            case .noteAdd:
                if let id = try storedEntry(row.sequence)?.insertedRows(.note).first?["id"]?.integerValue { try deleteRow(.note, id: id) }
                if let claim = row.claimNumber { touched.insert(claim) }
            case .withdraw:
                if let stored = try storedEntry(row.sequence) { try revertCorrection(stored, sequence: row.sequence) }
                if let claim = row.claimNumber { touched.insert(claim) }
            case .claimAdd:
                let id = row.claimNumber ?? 0
                try deleteTags(claimID: id)
                try search.replace(claimID: id, fields: nil)
                try deleteRow(.claim, id: id)
                removedClaims.insert(id)
            case .sourceAdd:
                if let id = try db.scalarInteger("SELECT id FROM source WHERE handle = \(row.sourceHandle ?? "")") {
                    try deleteRow(.source, id: id)
                }
            default:
                continue
            }
        }
        let undoID = try appendLog(entry)
        for id in touched.subtracting(removedClaims).sorted() {
            try indexForSearch(claimID: id)
            try rederiveAgainstLog(id, effective: target.effective, cause: "undo of #\(target.sequence)", causedBy: undoID)
        }
    }
}
