/// Reading an export's lifecycle changes and merging them into the claims' own.
extension Ledger.Importer {
    /// One lifecycle change as the file gives it, each field checked.
    struct IncomingChange {
        var uuid: String
        var path: String
        /// The claim's UUID as the file writes it.
        var claim: String
        var action: LifecycleAction
        var effective: LedgerDate
        var step: Int64
        var source: String?
        var url: String?
        var reason: String?
        var verdict: Verdict?
        var successor: String?
        var keptDigit: Int?
        var recordedAt: String
        var recordedBy: String
    }

    /// Reads one change, checking each field as `retract`, `resolve`, `supersede` and `reopen` check theirs.
    func change(_ uuid: String, _ value: JSONValue) throws -> IncomingChange {
        let path = "lifecycle.\(uuid)"
        try requireUUID(uuid, path)
        let row = try fields(value, path)
        guard let action = LifecycleAction(rawValue: try string(row, "action", path)) else {
            throw fail("\(path).action", "not retract, resolve, supersede or reopen")
        }
        let claim = try string(row, "claim", path)
        let effective = try date(try string(row, "effective", path), "\(path).effective")
        guard let step = try wholeNumber(row, "step", path) else { throw fail("\(path).step", "missing (expected a whole number)") }
        let reason = try checked("\(path).reason") {
            action == .resolve || action == .reopen
                ? try Validation.required(try optionalString(row, "reason", path) ?? "", field: "reason", limit: Validation.longTextLimit)
                : try Validation.optional(try optionalString(row, "reason", path), field: "reason", limit: Validation.longTextLimit)
        }
        var verdict: Verdict?
        if let text = try optionalString(row, "verdict", path) {
            guard action == .resolve else { throw fail("\(path).verdict", "a \(action.rawValue) has no verdict") }
            guard let given = Verdict(rawValue: text) else { throw fail("\(path).verdict", "not true, false, misleading or unproven") }
            verdict = given
        } else if action == .resolve {
            throw fail("\(path).verdict", "missing (expected true, false, misleading or unproven)")
        }
        let successor = try optionalString(row, "superseded_by", path)
        let keptDigit = try wholeNumber(row, "kept_digit", path)
        if action == .supersede {
            guard let successor else { throw fail("\(path).superseded_by", "missing (expected the UUID of the claim that supersedes it)") }
            guard successor.lowercased() != claim.lowercased() else { throw fail("\(path).superseded_by", "a claim cannot supersede itself") }
            guard let keptDigit else { throw fail("\(path).kept_digit", "missing (expected the credibility digit the claim keeps, 1 to 6)") }
            guard (1...6).contains(keptDigit) else { throw fail("\(path).kept_digit", "\(keptDigit) is not a credibility digit from 1 to 6") }
        } else if successor != nil || keptDigit != nil {
            throw fail("\(path).\(successor != nil ? "superseded_by" : "kept_digit")", "only a supersede names the claim that supersedes it")
        }
        return IncomingChange(
            uuid: uuid.lowercased(), path: path, claim: claim, action: action, effective: effective, step: step,
            source: try optionalString(row, "source", path), url: try url(row, path), reason: reason, verdict: verdict,
            successor: successor, keptDigit: keptDigit.map(Int.init), recordedAt: try recordedAt(row, path),
            recordedBy: try recordedBy(row, path))
    }

    /// Whether `a` applies before `b`: by effective date, then step, then UUID, the order every
    /// ledger holding both agrees on (and `Ledger.lifecycleOrderWithinClaim` sorts by).
    static func appliesBefore(_ a: (effective: LedgerDate, step: Int64, uuid: String), _ b: (effective: LedgerDate, step: Int64, uuid: String)) -> Bool {
        if a.effective.text != b.effective.text { return a.effective.text < b.effective.text }
        if a.step != b.step { return a.step < b.step }
        return a.uuid.utf8.lexicographicallyPrecedes(b.uuid.utf8)
    }

    /// Refuses a file whose own lifecycle for a claim is not one the commands could have
    /// written: closings and reopenings alternate from an open claim, and each change's step
    /// is at least 1 and at most its place in the claim's order (a command gives the next
    /// step; a merge of two ledgers keeps each change at or after its place in its own).
    func checkSequences(_ changes: [IncomingChange]) throws {
        var claims: [String] = []
        var byClaim: [String: [Int]] = [:]
        for (index, change) in changes.enumerated() {
            let key = change.claim.lowercased()
            if byClaim[key] == nil { claims.append(key) }
            byClaim[key, default: []].append(index)
        }
        for claim in claims {
            let ordered = (byClaim[claim] ?? []).map { changes[$0] }.sorted {
                Self.appliesBefore(($0.effective, $0.step, $0.uuid), ($1.effective, $1.step, $1.uuid))
            }
            var open = true
            var last: IncomingChange?
            for (place, change) in zip(1..., ordered) {
                guard change.step >= 1, change.step <= place else {
                    throw fail("\(change.path).step", "\(change.step) is not between 1 and \(place), the change's place among the claim's changes in the file")
                }
                if change.action == .reopen, open { throw fail(change.path, "the file reopens the claim while it is open") }
                if change.action != .reopen, !open, let last {
                    throw fail(
                        change.path,
                        "the file \(change.action.rawValue)s the claim while it is already closed by its \(last.action.rawValue) of \(last.effective.text)")
                }
                open = change.action == .reopen
                last = change
            }
        }
    }

    /// Reads every change of the file, checks each claim's sequence of them, then applies them.
    mutating func lifecycle(_ rows: [(String, JSONValue)]) throws {
        let changes = try rows.map { try change($0.0, $0.1) }
        try checkSequences(changes)
        for change in changes { try apply(change) }
    }

    mutating func apply(_ change: IncomingChange) throws {
        let path = change.path
        let claimID = try claimID(change.claim, "\(path).claim")
        let claim = try ledger.requireClaim(claimLabel(claimID))
        if let refusal = Ledger.datedBeforeClaim(change.action, effective: change.effective, claim: claim.label, made: claim.date) {
            throw fail("\(path).effective", refusal)
        }
        let source = try optionalSourceRef(change.source, "\(path).source")
        let successor = try change.successor.map { try self.claimID($0, "\(path).superseded_by") }
        tick()
        if try db.scalarInteger("SELECT id FROM lifecycle WHERE uuid = ?", [.text(change.uuid)]) != nil {
            outcome.skipped += 1
            return
        }
        let row = Ledger.LifecycleRow(
            uuid: change.uuid, claimID: claimID, action: change.action, effective: change.effective, sourceID: source?.id, url: change.url,
            reason: change.reason, verdict: change.verdict, supersededBy: successor, keptDigit: change.keptDigit, step: change.step,
            recordedAt: change.recordedAt, recordedBy: change.recordedBy)
        // The change must fit the claim's lifecycle: closings and reopenings alternate, no supersession cycles.
        if let successor {
            do {
                try ledger.guardSupersession(of: claim, by: try ledger.requireClaim(claimLabel(successor)))
            } catch {
                outcome.conflicts.append("\(claim.label): the file supersedes it by \(claimLabel(successor)), which would form a cycle; not imported.")
                return
            }
        }
        try ledger.insertLifecycle(row)
        var open = true
        var fits = true
        try db.query("SELECT action FROM lifecycle l WHERE claim_id = ?" + Ledger.lifecycleOrderWithinClaim, [.integer(claimID)]) { row in
            let isReopen = row.text(0) == LifecycleAction.reopen.rawValue
            if isReopen == open { fits = false }
            open = isReopen
        }
        guard fits else {
            try db.run("DELETE FROM lifecycle WHERE uuid = ?", [.text(row.uuid)])
            outcome.conflicts.append(
                "\(claim.label): the file's \(change.action.rawValue) of \(change.effective.text) does not fit the ledger's own lifecycle for it (a claim must be open to close and closed to reopen); not imported.")
            return
        }
        let lifecycleID = db.lastInsertedRowID
        try ledger.recompute(claim)
        try ledger.appendLog(
            Ledger.NewLogEntry(
                action: LogAction(rawValue: change.action.rawValue) ?? .retract, claimID: claimID, lifecycleID: lifecycleID,
                effective: change.effective, summary: "\(claim.label) \(change.action.rawValue) (imported from \(name))", causedBy: header))
        touched.insert(claimID)
        outcome.lifecycle += 1
    }
}
