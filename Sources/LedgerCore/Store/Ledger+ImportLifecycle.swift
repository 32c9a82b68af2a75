/// Merging an export's lifecycle changes (read by `ExportReader.change`) into the claims' own.
extension Ledger.Importer {
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
    func checkSequences(_ changes: [ExportReader.IncomingChange]) throws {
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
            var last: ExportReader.IncomingChange?
            for (place, change) in zip(1..., ordered) {
                guard change.step >= 1, change.step <= place else {
                    throw fail("\(change.path).step", "\(change.step) is not between 1 and \(place), the change's place among the claim's changes in the file")
                }
                if !ClaimRules.allows(change.action, whileOpen: open), open { throw fail(change.path, "the file reopens the claim while it is open") }
                if !ClaimRules.allows(change.action, whileOpen: open), !open, let last {
                    throw fail(
                        change.path,
                        "the file \(change.action.rawValue)s the claim while it is already closed by its \(last.action.rawValue) of \(last.effective.text)")
                }
                open = change.action == .reopen
                last = change
            }
        }
    }

    /// Reads every change of the file, checks each claim's sequence of them, then merges each
    /// claim's new changes into its own (`merge`).
    mutating func lifecycle(_ rows: [(String, JSONValue)]) throws {
        let changes = try rows.map { try reader.change($0.0, $0.1) }
        try checkSequences(changes)
        var claims: [Int64] = []
        var incoming: [Int64: [Ledger.LifecycleRow]] = [:]
        for change in changes {
            let path = change.path
            let claimID = try claimID(change.claim, "\(path).claim")
            let made = try claimDate(claimID)
            if let refusal = Ledger.datedBeforeClaim(change.action, effective: change.effective, claim: claimLabel(claimID), made: made) {
                guard correctedClaims.contains(claimID) else { throw fail("\(path).effective", refusal) }
                outcome.conflicts.append(
                    "\(claimLabel(claimID)): the file's \(change.action.rawValue) of \(change.effective.text) was kept out: \(refusal) in this ledger, whose date for it differs from the file's.")
                tick()
                continue
            }
            let source = try optionalSourceRef(change.source, "\(path).source")
            if change.action == .retract, let source, let claimant = try db.scalarInteger("SELECT claimant_id FROM claim WHERE id = \(claimID)"),
                source.id != claimant
            {
                throw fail("\(path).source", "a retraction by a source names the claimant taking its claim back, and \(source.handle) did not make \(claimLabel(claimID))")
            }
            let successor = try change.successor.map { try self.claimID($0, "\(path).superseded_by") }
            tick()
            if try db.scalarInteger("SELECT id FROM lifecycle WHERE uuid = \(change.uuid)") != nil {
                outcome.skipped += 1
                continue
            }
            if incoming[claimID] == nil { claims.append(claimID) }
            incoming[claimID, default: []].append(
                Ledger.LifecycleRow(
                    uuid: change.uuid, claimID: claimID, action: change.action, effective: change.effective, sourceID: source?.id,
                    url: change.url, reason: change.reason, verdict: change.verdict, supersededBy: successor, keptDigit: change.keptDigit,
                    step: change.step, recordedAt: change.recordedAt, recordedBy: change.recordedBy))
        }
        for claimID in claims { try merge(claimID, incoming[claimID] ?? []) }
    }

    /// The day a claim was made, from the ledger (read once per claim).
    mutating func claimDate(_ claimID: Int64) throws -> LedgerDate {
        if let known = claimDates[claimID] { return known }
        let date = try ledger.requireClaim(claimLabel(claimID)).date
        claimDates[claimID] = date
        return date
    }

    /// One change in a merge: stored (with its row id) or not yet, the ledger's own or the file's.
    struct MergeEntry {
        var row: Ledger.LifecycleRow
        /// The row's id when it is stored.
        var id: Int64?
        /// Whether the change comes from the file (stored by this import, or still to be).
        var fromFile: Bool

        var key: (effective: LedgerDate, step: Int64, uuid: String) { (row.effective, row.step ?? 0, row.uuid) }
        var described: String { "the \(fromFile ? "file" : "ledger")'s \(row.action.rawValue) of \(row.effective.text)" }
    }

    /// A stored change, as a merge sees it.
    func stored(_ stored: (id: Int64, row: Ledger.LifecycleRow)) -> MergeEntry {
        MergeEntry(row: stored.row, id: stored.id, fromFile: insertedChanges.contains(stored.row.uuid))
    }

    /// Merges the file's new changes for a claim into the claim's own.
    ///
    /// The rule, the same in every ledger whatever was imported first: all the claim's changes,
    /// the ledger's and the file's, are taken in the order (effective date, step, UUID) that
    /// every ledger agrees on, and each applies if it can (a closing to an open claim, a
    /// reopening to a closed one). One that cannot is a conflict and is kept out: the file's is
    /// not imported, the ledger's own is withdrawn (deleted, logged as undone by the import, so
    /// undoing the import restores it). A claim's final supersession that would close a cycle
    /// with other claims' supersessions is a conflict too: the latest of the cycle in that order
    /// is kept out. Two ledgers that import each other's exports so end with the same changes.
    mutating func merge(_ claimID: Int64, _ incoming: [Ledger.LifecycleRow]) throws {
        let claim = try ledger.requireClaim(claimLabel(claimID))
        var entries = try ledger.lifecycleRows(claimID: claimID).map(stored)
        entries += incoming.map { MergeEntry(row: $0, id: nil, fromFile: true) }
        entries.sort { Self.appliesBefore($0.key, $1.key) }
        var walk = Self.walk(entries)
        // Only the claim's final change sets its successor: that is where a cycle can close.
        while let final = walk.last(where: { $0.problem == nil })?.entry, final.id == nil, final.row.action == .supersede,
            let successor = final.row.supersededBy, let cycle = try supersessionCycle(of: claimID, by: successor),
            let latest = cycle.max(by: { Self.appliesBefore($0.entry.key, $1.entry.key) })
        {
            if Self.appliesBefore(final.key, latest.entry.key) {
                try withdraw(
                    latest.entry, claim: latest.claim,
                    conflict:
                        "\(claimLabel(latest.claim)): \(latest.entry.described) (by \(claimLabel(latest.entry.row.supersededBy ?? 0))) would close a cycle of supersessions with the file's supersede of \(claim.label) of \(final.row.effective.text), which comes first")
                try ledger.recompute(try ledger.requireClaim(claimLabel(latest.claim)))
                break
            }
            outcome.conflicts.append(
                "\(claim.label): \(final.described) (by \(claimLabel(successor))) would close a cycle of supersessions that came first; not imported.")
            walk = Self.walk(entries.filter { $0.row.uuid != final.row.uuid })
        }
        for (entry, problem) in walk {
            guard let problem else {
                if entry.id == nil { try insert(entry.row, claim: claim) }
                continue
            }
            if entry.id == nil {
                outcome.conflicts.append("\(claim.label): \(entry.described) \(problem); not imported.")
            } else {
                try withdraw(entry, claim: claimID, conflict: "\(claim.label): \(entry.described) \(problem)")
            }
        }
        try ledger.recompute(claim)
        touched.insert(claimID)
    }

    /// Which of a claim's changes, in the order they apply, can apply (a closing to an open
    /// claim, a reopening to a closed one), and why each other one cannot.
    static func walk(_ entries: [MergeEntry]) -> [(entry: MergeEntry, problem: String?)] {
        var open = true
        var last: MergeEntry?
        return entries.map { entry in
            if entry.row.action == .reopen, open {
                return (entry, "reopens the claim while it is open (\(last.map { "\($0.described) reopened it" } ?? "it was never closed"))")
            }
            if entry.row.action != .reopen, !open, let last {
                return (entry, "comes after \(last.described), which closed the claim first")
            }
            open = entry.row.action == .reopen
            last = entry
            return (entry, nil)
        }
    }

    mutating func insert(_ row: Ledger.LifecycleRow, claim: Ledger.ClaimRef) throws {
        let header = try headerID()
        let id = try ledger.insertLifecycle(row)
        insertedChanges.insert(row.uuid)
        try ledger.appendLog(
            Ledger.NewLogEntry(
                action: LogAction(rawValue: row.action.rawValue) ?? .retract, claimID: claim.id, lifecycleID: id,
                effective: row.effective, summary: "\(claim.label) \(row.action.rawValue) (imported from \(name))", causedBy: header,
                recordedAt: now))
        outcome.lifecycle += 1
    }

    /// Takes one of the ledger's own changes out, logged as undone by this import (the entry
    /// holds the row it deleted, so that undoing the import puts it back), and reports the
    /// conflict. (A change this import itself added is not imported after all: its entry is
    /// undone in the same way, and undoing the import leaves it out.)
    mutating func withdraw(_ entry: MergeEntry, claim claimID: Int64, conflict: String) throws {
        guard let id = entry.id else { return }
        var added: (id: Int64, causedBy: Int64?)?
        try db.query(
            """
            SELECT id, caused_by FROM log l WHERE lifecycle_id = \(id) AND action = \(entry.row.action.rawValue)
              AND NOT EXISTS (SELECT 1 FROM log u WHERE u.undoes = l.id) ORDER BY id DESC LIMIT 1
            """
        ) { added = ($0.integer("id"), $0.optionalInteger("caused_by")) }
        guard let added else {
            throw LedgerError.refused(
                "\(claimLabel(claimID))'s \(entry.row.action.rawValue) of \(entry.row.effective.text) has no entry in the log, so the import cannot withdraw it; nothing was imported. Run `ledger check`.")
        }
        let header = try headerID()
        try ledger.deleteRow(.lifecycle, id: id)
        touched.insert(claimID)
        let ownChange = entry.fromFile && added.causedBy == header
        try ledger.appendLog(
            Ledger.NewLogEntry(
                action: .undo, claimID: claimID, lifecycleID: id, effective: entry.row.effective,
                summary: ownChange
                    ? "left out \(claimLabel(claimID))'s \(entry.row.action.rawValue) of \(entry.row.effective.text) from the import of \(name): a conflict"
                    : "withdrew \(claimLabel(claimID))'s \(entry.row.action.rawValue) of \(entry.row.effective.text): a conflict in the import of \(name)",
                undoes: added.id, causedBy: header, recordedAt: now))
        if ownChange {
            insertedChanges.remove(entry.row.uuid)
            outcome.lifecycle -= 1
            outcome.conflicts.append(conflict + "; not imported.")
            return
        }
        outcome.withdrawn += 1
        outcome.conflicts.append(conflict + "; withdrew the ledger's \(entry.row.action.rawValue) (undoing the import restores it).")
    }

    /// The supersessions (with their claims) that lead from `successor` back to `claimID`, if
    /// superseding `claimID` by `successor` would close a cycle; nil when it would not.
    func supersessionCycle(of claimID: Int64, by successor: Int64) throws -> [(claim: Int64, entry: MergeEntry)]? {
        var links: [(claim: Int64, entry: MergeEntry)] = []
        var current = successor
        var seen: Set<Int64> = [successor]
        while let next = try db.scalarInteger("SELECT superseded_by FROM claim WHERE id = \(current)") {
            // The change that set the link is the claim's last.
            guard let link = try ledger.lifecycleRows(claimID: current).last else { return nil }
            links.append((current, stored(link)))
            if next == claimID { return links }
            guard seen.insert(next).inserted else { return nil }
            current = next
        }
        return nil
    }
}

extension Ledger {
    /// A claim's lifecycle rows as stored, in the order they apply, with their row ids.
    func lifecycleRows(claimID: Int64) throws -> [(id: Int64, row: LifecycleRow)] {
        var rows: [(id: Int64, row: LifecycleRow)] = []
        try db.query(
            """
            SELECT l.id, l.uuid, l.action, l.effective, l.source_id, l.url, l.reason, l.verdict, l.superseded_by, l.kept_digit, l.step,
                   l.recorded_at, l.recorded_by
            FROM lifecycle l WHERE l.claim_id = \(claimID)
            """ + Ledger.lifecycleOrderWithinClaim
        ) { row in
            rows.append(
                (
                    row.integer("id"),
                    LifecycleRow(
                        uuid: row.text("uuid"), claimID: claimID, action: LifecycleAction(rawValue: row.text("action")) ?? .retract,
                        effective: LedgerDate(stored: row.text("effective")), sourceID: row.optionalInteger("source_id"),
                        url: row.optionalText("url"), reason: row.optionalText("reason"),
                        verdict: row.optionalText("verdict").flatMap(Verdict.init(rawValue:)), supersededBy: row.optionalInteger("superseded_by"),
                        keptDigit: row.optionalInteger("kept_digit").map(Int.init), step: row.integer("step"),
                        recordedAt: row.text("recorded_at"), recordedBy: row.text("recorded_by"))
                ))
        }
        return rows
    }

    /// Puts back a lifecycle row an import withdrew (undoing that import), under its own id, with
    /// a new log entry of its own so that `undo` can take it back out in turn. `withdrawal` is
    /// the withdrawing entry: it holds the row it deleted (or, migrated from version 2, its payload).
    func restoreWithdrawn(_ withdrawal: StoredEntry, undoing importEntry: Int64) throws -> Int64? {
        guard let (id, row) = withdrawal.deletedRows(.lifecycle).first.flatMap(LifecycleRow.from(row:))
            ?? withdrawal.payload?["withdrawn"].flatMap(LifecycleRow.from(row:))
        else {
            throw LedgerError.refused(
                "Log entry #\(importEntry) withdrew a lifecycle change it does not describe, so it cannot be undone; nothing was changed. Run `ledger check`.")
        }
        try insertLifecycle(row, id: id)
        try appendLog(
            NewLogEntry(
                action: LogAction(rawValue: row.action.rawValue) ?? .retract, claimID: row.claimID, lifecycleID: id, effective: row.effective,
                summary: "\(claimLabel(row.claimID)) \(row.action.rawValue) restored (the import #\(importEntry) that withdrew it was undone)"))
        return row.claimID
    }
}

extension Ledger.LifecycleRow {
    /// A lifecycle row as a log entry holds it (members named as its columns), with its id.
    static func from(row: JSONValue) -> (Int64, Ledger.LifecycleRow)? {
        guard let id = row["id"]?.integerValue, let uuid = row["uuid"]?.stringValue,
            let claimID = row["claim_id"]?.integerValue, let action = row["action"]?.stringValue.flatMap(LifecycleAction.init(rawValue:)),
            let effective = row["effective"]?.stringValue.flatMap(LedgerDate.init), let recordedAt = row["recorded_at"]?.stringValue,
            let recordedBy = row["recorded_by"]?.stringValue
        else { return nil }
        return (
            id,
            Ledger.LifecycleRow(
                uuid: uuid, claimID: claimID, action: action, effective: effective, sourceID: row["source_id"]?.integerValue,
                url: row["url"]?.stringValue, reason: row["reason"]?.stringValue, verdict: row["verdict"]?.stringValue.flatMap(Verdict.init(rawValue:)),
                supersededBy: row["superseded_by"]?.integerValue, keptDigit: row["kept_digit"]?.integerValue.map(Int.init),
                step: row["step"]?.integerValue, recordedAt: recordedAt, recordedBy: recordedBy)
        )
    }
}
