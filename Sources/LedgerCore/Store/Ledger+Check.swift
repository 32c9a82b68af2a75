import LedgerSQLite

/// `ledger check`: the file's integrity and the ledger's own invariants.
///
/// Findings are data, not exceptions: every problem found is returned, one line
/// each. Claims, evidence and lifecycle are read in three streams ordered by
/// claim, merged as they go, so the check is linear and holds one claim at a time.
extension Ledger {
    public func check() throws(LedgerError) -> [String] {
        try translating { try prepareForBulkRead() }
        return try read {
            var problems: [String] = []
            do {
                try db.query("PRAGMA integrity_check(20)") { row in
                    for line in row.text(0).split(separator: "\n") where line != "ok" && !line.hasPrefix("*** in database") {
                        problems.append("The file is damaged: \(line)")
                    }
                }
                guard problems.isEmpty else { return problems }
                problems += try schemaProblems()
                try db.query("PRAGMA foreign_key_check") { row in
                    problems.append("\(row.text(0)) row \(row.integer(1)) refers to a missing row in \(row.text(2)).")
                }
                try checkClaims(into: &problems)
                try checkLog(into: &problems)
            } catch let error as SQLiteError where error.primaryCode == SQLITE_CORRUPT || error.primaryCode == SQLITE_NOTADB {
                problems.append("The file is damaged: SQLite could not read all of it (\(error.message)). Restore it from a backup or an export.")
            }
            return problems
        }
    }

    /// Every stored status, verdict, successor, grade and count equals what `ClaimRules` derives,
    /// and every lifecycle is a sequence of allowed transitions.
    private func checkClaims(into problems: inout [String]) throws {
        let claims = try db.prepare(
            """
            SELECT c.id, c.status, c.verdict, c.superseded_by, c.grade, c.support_independent, c.support_echoes,
                   c.contradictions, s.handle, s.affiliation, s.reliability, c.place, c.place_key
            FROM claim c JOIN source s ON s.id = c.claimant_id ORDER BY c.id
            """)
        let evidence = try db.prepare(
            """
            SELECT e.claim_id, e.stance, o.handle, o.affiliation, o.reliability
            FROM evidence e JOIN source o ON o.id = coalesce(e.citing_id, e.source_id)
            ORDER BY e.claim_id, e.id
            """)
        let lifecycle = try db.prepare(
            "SELECT claim_id, action, verdict, superseded_by, kept_digit FROM lifecycle ORDER BY claim_id, effective, step, uuid")
        var evidenceRow = try evidence.step()
        var lifecycleRow = try lifecycle.step()

        while try claims.step() {
            let id = claims.integer(0)
            let label = claimLabel(id)
            let claimant = SourceStanding(
                handle: claims.text(8), affiliation: claims.text(9), reliability: Reliability(rawValue: claims.text(10)) ?? .F)
            // Rows for claims that no longer exist are orphans; foreign_key_check reports them.
            while evidenceRow, evidence.integer(0) < id { evidenceRow = try evidence.step() }
            while lifecycleRow, lifecycle.integer(0) < id { lifecycleRow = try lifecycle.step() }
            var facts: [EvidenceFacts] = []
            while evidenceRow, evidence.integer(0) == id {
                facts.append(
                    EvidenceFacts(
                        stance: Stance(rawValue: evidence.text(1)) ?? .supports,
                        origin: SourceStanding(
                            handle: evidence.text(2), affiliation: evidence.text(3),
                            reliability: Reliability(rawValue: evidence.text(4)) ?? .F)))
                evidenceRow = try evidence.step()
            }
            var changes: [LifecycleFacts] = []
            var open = true
            while lifecycleRow, lifecycle.integer(0) == id {
                let action = LifecycleAction(rawValue: lifecycle.text(1)) ?? .retract
                if (action == .reopen) == open {
                    problems.append("\(label): its lifecycle has a \(action.rawValue) while the claim was \(open ? "open" : "closed").")
                }
                open = action == .reopen
                changes.append(
                    LifecycleFacts(
                        action: action, verdict: lifecycle.optionalText(2).flatMap(Verdict.init(rawValue:)),
                        supersededBy: lifecycle.optionalInteger(3), keptDigit: lifecycle.optionalInteger(4).map(Int.init)))
                lifecycleRow = try lifecycle.step()
            }

            if claims.optionalText(12) != claims.optionalText(11).map(TextFold.fold) {
                problems.append("\(label): its place is not indexed as it reads; `--place` may miss it.")
            }
            let expected = ClaimRules.state(claimant: claimant, evidence: facts, lifecycle: changes)
            let stored = (
                status: claims.text(1), verdict: claims.optionalText(2), supersededBy: claims.optionalInteger(3),
                grade: claims.text(4), independent: claims.integer(5), echoes: claims.integer(6), contradictions: claims.integer(7)
            )
            let origin = "its evidence and lifecycle give"
            if stored.status != expected.status.rawValue {
                problems.append("\(label): stored status is \(stored.status), but \(origin) \(expected.status.rawValue).")
            }
            if stored.verdict != expected.verdict?.rawValue {
                problems.append("\(label): stored verdict is \(stored.verdict ?? "none"), but \(origin) \(expected.verdict?.rawValue ?? "none").")
            }
            if stored.supersededBy != expected.supersededBy {
                problems.append(
                    "\(label): stored as superseded by \(stored.supersededBy.map(claimLabel) ?? "nothing"), but \(origin) \(expected.supersededBy.map(claimLabel) ?? "nothing").")
            }
            if stored.grade != expected.grade.description {
                problems.append("\(label): stored grade is \(stored.grade), but \(origin) \(expected.grade.description).")
            }
            if stored.independent != Int64(expected.support.independent) || stored.echoes != Int64(expected.support.echoes)
                || stored.contradictions != Int64(expected.contradictions)
            {
                problems.append(
                    "\(label): stored support \(stored.independent) (+\(stored.echoes) echoes) against \(stored.contradictions), but its evidence gives \(expected.support.independent) (+\(expected.support.echoes) echoes) against \(expected.contradictions).")
            }
        }
    }

    /// The log accounts for the ledger: every row was written by a change still in force,
    /// every change in force still has its row, and each claim's last logged status is its status.
    private func checkLog(into problems: inout [String]) throws {
        // An entry is in force unless it, or the import that caused it, was undone.
        // (Two lookups on the unique `undoes` index: an OR inside one would scan the log per row.)
        let live = """
            NOT EXISTS (SELECT 1 FROM log u WHERE u.undoes = l.id)
            AND (l.caused_by IS NULL OR NOT EXISTS (SELECT 1 FROM log u WHERE u.undoes = l.caused_by))
            """
        let unlogged: [(String, (Statement) -> String)] = [
            (
                "SELECT handle FROM source s WHERE NOT EXISTS (SELECT 1 FROM log l WHERE l.action = 'source-add' AND l.source_handle = s.handle AND \(live))",
                { "Source \($0.text(0)) has no entry in the log that added it." }
            ),
            (
                "SELECT id FROM claim c WHERE NOT EXISTS (SELECT 1 FROM log l WHERE l.action = 'claim-add' AND l.claim_id = c.id AND \(live))",
                { "\(claimLabel($0.integer(0))) has no entry in the log that added it." }
            ),
            (
                "SELECT id, claim_id FROM evidence e WHERE NOT EXISTS (SELECT 1 FROM log l WHERE l.action = 'evidence-add' AND l.evidence_id = e.id AND \(live))",
                { "\(evidenceLabel($0.integer(0))) on \(claimLabel($0.integer(1))) has no entry in the log that added it." }
            ),
            (
                "SELECT id, claim_id, action FROM lifecycle c WHERE NOT EXISTS (SELECT 1 FROM log l WHERE l.action = c.action AND l.lifecycle_id = c.id AND \(live))",
                { "\(claimLabel($0.integer(1))): its \($0.text(2)) has no entry in the log." }
            ),
            (
                "SELECT l.id, l.claim_id FROM log l WHERE l.action = 'claim-add' AND \(live) AND NOT EXISTS (SELECT 1 FROM claim c WHERE c.id = l.claim_id)",
                { "Log entry #\($0.integer(0)) added \(claimLabel($0.integer(1))), which is missing and was not undone." }
            ),
            (
                "SELECT l.id, l.evidence_id FROM log l WHERE l.action = 'evidence-add' AND \(live) AND NOT EXISTS (SELECT 1 FROM evidence e WHERE e.id = l.evidence_id)",
                { "Log entry #\($0.integer(0)) added \(evidenceLabel($0.integer(1))), which is missing and was not undone." }
            ),
            (
                "SELECT l.id, l.claim_id FROM log l WHERE l.action IN ('retract', 'resolve', 'supersede', 'reopen') AND \(live) AND NOT EXISTS (SELECT 1 FROM lifecycle c WHERE c.id = l.lifecycle_id)",
                { "Log entry #\($0.integer(0)) changed \(claimLabel($0.integer(1))), but that change is missing and was not undone." }
            ),
            (
                "SELECT l.id, l.source_handle FROM log l WHERE l.action = 'source-add' AND \(live) AND NOT EXISTS (SELECT 1 FROM source s WHERE s.handle = l.source_handle)",
                { "Log entry #\($0.integer(0)) added source \($0.text(1)), which is missing and was not undone." }
            ),
            (
                "SELECT l.id, l.undoes FROM log l JOIN log t ON t.id = l.undoes WHERE t.action IN ('undo', 'rederive')",
                { "Log entry #\($0.integer(0)) undoes #\($0.integer(1)), which cannot be undone." }
            ),
        ]
        try db.query("SELECT id FROM claim WHERE id NOT IN (SELECT rowid FROM claim_search) ORDER BY id") {
            problems.append("\(claimLabel($0.integer(0))) is missing from the search index; `--search` cannot find it.")
        }
        try db.query("SELECT rowid FROM claim_search WHERE rowid NOT IN (SELECT id FROM claim) ORDER BY rowid") {
            problems.append("The search index has an entry for \(claimLabel($0.integer(0))), which is not in the ledger.")
        }
        for (sql, describe) in unlogged {
            try db.query(sql) { problems.append(describe($0)) }
        }
        try db.query(
            """
            SELECT c.id, c.status,
                   (SELECT status_after FROM log l WHERE l.claim_id = c.id AND l.status_after IS NOT NULL ORDER BY l.id DESC LIMIT 1)
            FROM claim c ORDER BY c.id
            """
        ) { row in
            let logged = row.optionalText(2)
            if logged != row.text(1) {
                problems.append(
                    "\(claimLabel(row.integer(0))): stored status is \(row.text(1)), but the log last recorded \(logged ?? "no status") for it.")
            }
        }
    }
}
