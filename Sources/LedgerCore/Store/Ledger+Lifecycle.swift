/// Closing and reopening claims: retract, resolve, supersede, reopen (SPEC §2's second table).
extension Ledger {
    /// What a lifecycle change did.
    public struct LifecycleOutcome: Sendable {
        public var detail: ClaimDetail
        public var statusBefore: ClaimStatus
    }

    /// Applies one lifecycle change, or refuses it (exit 65) and changes nothing.
    public func changeLifecycle(of claimText: String, _ change: LifecycleChange) throws(LedgerError) -> LifecycleOutcome {
        let reasonRequired = change.action == .resolve || change.action == .reopen
        let reason =
            reasonRequired
            ? try Validation.required(change.reason ?? "", field: "reason", limit: Validation.longTextLimit)
            : try Validation.optional(change.reason, field: "reason", limit: Validation.longTextLimit)
        let url = try Validation.url(change.url)
        if change.action == .resolve, change.verdict == nil {
            throw .refused("Give a verdict to resolve a claim: --verdict true, false, misleading or unproven.")
        }
        return try write {
            let claim = try requireClaim(claimText)
            if let refusal = ClaimRules.refusal(of: change.action, claim: claim.label, status: claim.status) {
                throw LedgerError.refused(refusal)
            }
            let source = try requireOptionalSource(change.source)
            if change.action == .retract, let source, source.id != claim.claimant.id {
                throw LedgerError.refused(
                    "\(source.handle) did not make \(claim.label) (\(claim.claimant.handle) did), so it cannot retract it; nothing was changed. `retract --source` names the claimant taking its claim back; without --source, an analyst withdraws the claim.")
            }
            var successor: ClaimRef?
            if change.action == .supersede {
                let other = try requireClaim(change.supersededBy ?? "")
                try guardSupersession(of: claim, by: other)
                successor = other
            }
            let history = try loadLifecycle(claimID: claim.id)
            let effective = try effectiveDate(of: change, for: claim, successor: successor, after: history.last)

            let uuid = try newUUID()
            let lifecycleID = try insertLifecycle(
                LifecycleRow(
                    uuid: uuid, claimID: claim.id, action: change.action, effective: effective, sourceID: source?.id, url: url,
                    reason: reason, verdict: change.action == .resolve ? change.verdict : nil, supersededBy: successor?.id,
                    keptDigit: change.action == .supersede ? claim.grade.credibility : nil, step: nil,
                    recordedAt: LedgerDate.nowTimestamp(), recordedBy: actor))
            let state = try recompute(claim)
            var summary: String
            switch change.action {
            case .retract: summary = "\(claim.label) retracted" + (source.map { " by \($0.handle)" } ?? "")
            case .resolve: summary = "\(claim.label) resolved: \(change.verdict?.rawValue ?? "")"
            case .supersede: summary = "\(claim.label) superseded by \(successor?.label ?? "")"
            case .reopen: summary = "\(claim.label) reopened"
            }
            if let reason { summary += " — \(reason.shown())" }
            try appendLog(
                NewLogEntry(
                    action: LogAction(rawValue: change.action.rawValue) ?? .retract, claimID: claim.id, lifecycleID: lifecycleID,
                    sourceHandle: source?.handle, effective: effective, statusBefore: claim.status, statusAfter: state.status,
                    summary: summary))
            return LifecycleOutcome(detail: try detail(id: claim.id), statusBefore: claim.status)
        }
    }

    /// A lifecycle row's stored fields, ready to insert.
    struct LifecycleRow {
        var uuid: String
        var claimID: Int64
        var action: LifecycleAction
        var effective: LedgerDate
        var sourceID: Int64?
        var url: String?
        var reason: String?
        var verdict: Verdict?
        var supersededBy: Int64?
        var keptDigit: Int?
        /// Nil for the claim's next step.
        var step: Int64?
        var recordedAt: String
        var recordedBy: String
    }

    /// Inserts a lifecycle row (under `id` when given); returns its id.
    ///
    /// Serialised (`Transaction.write`): `max(step) + 1` read here is still the next step at the insert.
    @discardableResult
    func insertLifecycle(_ row: LifecycleRow, id: Int64? = nil) throws -> Int64 {
        var step = row.step
        if step == nil {
            step = (try db.scalarInteger("SELECT coalesce(max(step), 0) + 1 FROM lifecycle WHERE claim_id = \(row.claimID)")) ?? 1
        }
        return try insertRow(
            .lifecycle,
            [
                SQLValue(id), .text(row.uuid), .integer(row.claimID), .text(row.action.rawValue), .text(row.effective.text),
                SQLValue(row.sourceID), SQLValue(row.url), SQLValue(row.reason), SQLValue(row.verdict?.rawValue),
                SQLValue(row.supersededBy), SQLValue(row.keptDigit.map(Int64.init)), SQLValue(step), .text(row.recordedAt),
                .text(row.recordedBy),
            ])
    }

    /// Refuses superseding a claim by itself or by a claim that (through its own successors) leads back to it.
    ///
    /// Serialised (`Transaction.write`): no other writer changes the chain between this walk and the insert.
    func guardSupersession(of claim: ClaimRef, by other: ClaimRef) throws {
        guard other.id != claim.id else {
            throw LedgerError.refused("\(claim.label) cannot supersede itself; nothing was changed. Name the later claim that replaces it.")
        }
        var seen: Set<Int64> = [other.id]
        var next = other.supersededBy
        var chain = [other.label]
        while let current = next {
            chain.append(claimLabel(current))
            if current == claim.id {
                throw LedgerError.refused(
                    "Superseding \(claim.label) by \(other.label) would form a cycle (\(chain.joined(separator: " → "))); nothing was changed. Reopen one of them first, or choose another claim.")
            }
            guard seen.insert(current).inserted else { break }
            next = try db.scalarInteger("SELECT superseded_by FROM claim WHERE id = \(current)")
        }
    }

    /// Why a change dated `effective` cannot apply to a claim made on `made`, or nil when it can:
    /// a claim is closed or reopened no earlier than the day it was made (`import` checks the same).
    static func datedBeforeClaim(_ action: LifecycleAction, effective: LedgerDate, claim label: String, made: LedgerDate) -> String? {
        guard effective.inclusiveUpperBound < made.text else { return nil }
        let verb = action == .retract ? "be retracted" : "take a \(action.rawValue)"
        return "\(label) was made on \(made.text), so it cannot \(verb) dated \(effective.text)"
    }

    /// The date a change takes effect: as given, else the successor's date for `supersede`,
    /// else today. It may not fall before the claim was made or before its last change.
    func effectiveDate(of change: LifecycleChange, for claim: ClaimRef, successor: ClaimRef?, after last: LifecycleEvent?) throws
        -> LedgerDate
    {
        var effective = change.date ?? successor.map { max($0.date, claim.date) } ?? LedgerDate.today()
        if change.date == nil, let last, effective < last.effective { effective = last.effective }
        let verb = change.action.rawValue
        if let refusal = Ledger.datedBeforeClaim(change.action, effective: effective, claim: claim.label, made: claim.date) {
            throw LedgerError.refused("\(refusal); nothing was changed. Give a --date on or after \(claim.date.day).")
        }
        if let last, effective.inclusiveUpperBound < last.effective.text {
            throw LedgerError.refused(
                "\(claim.label)'s last change (\(last.action.rawValue)) took effect on \(last.effective.text), so this \(verb) cannot be dated \(effective.text); nothing was changed. Give a --date on or after \(last.effective.day).")
        }
        // A claim is superseded by one that exists by then (a point-in-time view would otherwise
        // show a successor not yet made).
        if let successor, effective.inclusiveUpperBound < successor.date.text {
            throw LedgerError.refused(
                "\(successor.label) was made on \(successor.date.text), so it cannot supersede \(claim.label) as of \(effective.text); nothing was changed. Give a --date on or after \(successor.date.day).")
        }
        return effective
    }
}
