/// What reports read: claims with their evidence and lifecycle, streamed.
extension Ledger {
    /// Each claim passing `filter` (in id order) with its evidence and lifecycle, as of `asOf`;
    /// and, when `alsoAt` is given, the claim's state at the end of that day (nil if not yet made).
    ///
    /// The cursors (claims, evidence, lifecycle, tags, notes), each ordered by claim, are merged as they
    /// go: one pass, no query per claim, one claim in memory at a time.
    public func forEachReportClaim(
        _ filter: ClaimFilter, asOf: LedgerDate? = nil, alsoAt: LedgerDate? = nil, history: Bool = false,
        _ body: (ClaimDetail, ClaimState?) throws -> Void
    ) throws(LedgerError) {
        try read {
            let sources = SourceDirectory(db)
            let claims = try db.cursor(try claimQuery(filter, asOf: asOf, ranked: false, columns: Ledger.claimColumns(db.dialect, tags: false)))
            func until(_ column: String) -> SQL { asOf.map { " WHERE \(raw: column) <= \($0.inclusiveUpperBound)" } ?? "" }
            let evidence = try db.cursor(Ledger.evidenceSelect + until("e.date") + Ledger.evidenceOrder)
            let lifecycle = try db.cursor(Ledger.lifecycleSelect + until("l.effective") + Ledger.lifecycleOrder)
            let tags = try db.cursor(Ledger.claimTagsSelect)
            let notes = try db.cursor(Ledger.noteSelect + until("n.date") + Ledger.noteOrder)
            var noteRow = try notes.next()
            // Before version 4 nothing could be corrected.
            let corrections = try db.cursor(Ledger.correctionsSelect(oneClaim: nil) + (version >= 4 ? "" : " LIMIT 0"))
            var correctionRow = try corrections.next()
            var evidenceRow = try evidence.next()
            var lifecycleRow = try lifecycle.next()
            var tagRow = try tags.next()
            // Each cursor's columns found by name once (for every row after).
            let claimColumns = Ledger.ClaimColumns(claims)
            let evidenceColumns = Ledger.EvidenceColumns(evidence)
            while try claims.next() {
                var claim = try Ledger.decodeClaim(claims, claimColumns, sources: sources)
                let id = claim.number
                while evidenceRow, evidence.integer(evidenceColumns.claimID) < id { evidenceRow = try evidence.next() }
                while lifecycleRow, lifecycle.integer("claim_id") < id { lifecycleRow = try lifecycle.next() }
                while tagRow, tags.integer("claim_id") < id { tagRow = try tags.next() }
                while noteRow, notes.integer("claim_id") < id { noteRow = try notes.next() }
                while correctionRow, corrections.integer("claim_id") < id { correctionRow = try corrections.next() }
                var claimCorrections: [LogEntry] = []
                while correctionRow, corrections.integer("claim_id") == id {
                    claimCorrections.append(Ledger.decodeLogEntry(corrections))
                    correctionRow = try corrections.next()
                }
                var claimNotes: [Note] = []
                while noteRow, notes.integer("claim_id") == id {
                    claimNotes.append(try Ledger.decodeNote(notes, sources: sources))
                    noteRow = try notes.next()
                }
                var rows: [(Evidence, EvidenceFacts)] = []
                while evidenceRow, evidence.integer(evidenceColumns.claimID) == id {
                    rows.append(try Ledger.decodeEvidence(evidence, evidenceColumns, sources: sources))
                    evidenceRow = try evidence.next()
                }
                var events: [LifecycleEvent] = []
                while lifecycleRow, lifecycle.integer("claim_id") == id {
                    events.append(try Ledger.decodeLifecycle(lifecycle, sources: sources))
                    lifecycleRow = try lifecycle.next()
                }
                while tagRow, tags.integer("claim_id") == id {
                    claim.tags.append(tags.text("tag"))
                    tagRow = try tags.next()
                }
                let claimant = try sources[claims.integer(claimColumns.claimantID)]
                var detail = Ledger.makeDetail(
                    claim: claim, claimant: claimant.standing, claimantName: claimant.name, evidence: rows, lifecycle: events,
                    derive: asOf != nil)
                detail.notes = claimNotes
                detail.corrections = claimCorrections
                if asOf != nil, !filter.statuses.isEmpty, !filter.statuses.contains(detail.claim.status) { continue }
                if history {
                    detail.history = ClaimRules.history(
                        claimant: claimant.standing, made: claim.date, evidence: rows.map { ($0.0.date, $0.1) },
                        lifecycle: events.map { ($0.effective, $0.facts) }, final: detail.claim.status)
                }
                var earlier: ClaimState?
                if let alsoAt, claim.date.text <= alsoAt.inclusiveUpperBound {
                    let bound = alsoAt.inclusiveUpperBound
                    earlier = ClaimRules.state(
                        claimant: claimant.standing, evidence: rows.filter { $0.0.date.text <= bound }.map(\.1),
                        lifecycle: events.filter { $0.effective.text <= bound }.map(\.facts))
                }
                try body(detail, earlier)
            }
        }
    }

    /// Counts for a report's heading: claims by status, and their evidence.
    public func reportCounts(_ filter: ClaimFilter, asOf: LedgerDate? = nil) throws(LedgerError) -> ReportCounts {
        var counts = ReportCounts()
        if asOf == nil {
            // Stored statuses are current: let SQLite count.
            try read {
                if filter.isEmpty {
                    // The whole ledger: the status index and the evidence table count themselves.
                    try db.query("SELECT status, count(*) AS claims FROM claim GROUP BY status") { row in
                        guard let status = ClaimStatus(rawValue: row.text("status")) else { return }
                        counts.byStatus[status] = Int(row.integer("claims"))
                        counts.claims += Int(row.integer("claims"))
                    }
                    try db.query("SELECT count(*) AS evidence, count(withdrawn_at) AS withdrawn FROM evidence") { row in
                        counts.withdrawn = Int(row.integer("withdrawn"))
                        counts.evidence = Int(row.integer("evidence")) - counts.withdrawn
                    }
                    return
                }
                // Only the columns counted: the full claim columns cost four times as much here.
                let claims = try claimQuery(filter, asOf: nil, ranked: false, columns: "c.id, c.status")
                try db.query(
                    """
                    SELECT q.status, count(*) AS claims, sum((SELECT count(*) FROM evidence e WHERE e.claim_id = q.id)) AS evidence,
                           sum((SELECT count(withdrawn_at) FROM evidence e WHERE e.claim_id = q.id)) AS withdrawn
                    FROM (\(claims)) q GROUP BY q.status
                    """
                ) { row in
                    guard let status = ClaimStatus(rawValue: row.text("status")) else { return }
                    counts.byStatus[status] = Int(row.integer("claims"))
                    counts.claims += Int(row.integer("claims"))
                    counts.withdrawn += Int(row.integer("withdrawn"))
                    counts.evidence += Int(row.integer("evidence")) - Int(row.integer("withdrawn"))
                }
            }
            return counts
        }
        try forEachReportClaim(filter, asOf: asOf) { detail, _ in
            counts.add(detail.claim)
            let withdrawn = detail.evidence.count { $0.isWithdrawn }
            counts.evidence += detail.evidence.count - withdrawn
            counts.withdrawn += withdrawn
        }
        return counts
    }

    /// The sources with these handles, by handle.
    public func sources(handles: Set<String>) throws(LedgerError) -> [Source] {
        try sources().filter { handles.contains($0.handle) }
    }
}
