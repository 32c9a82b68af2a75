/// What reports read: claims with their evidence and lifecycle, streamed.
extension Ledger {
    /// Each claim passing `filter` (in id order) with its evidence and lifecycle, as of `asOf`;
    /// and, when `alsoAt` is given, the claim's state at the end of that day (nil if not yet made).
    ///
    /// The cursors (claims, evidence, lifecycle, tags, notes), each ordered by claim, are merged as they
    /// go: one pass, no query per claim, one claim in memory at a time.
    public func forEachReportClaim(
        _ filter: ClaimFilter, asOf: LedgerDate? = nil, alsoAt: LedgerDate? = nil,
        _ body: (ClaimDetail, ClaimState?) throws -> Void
    ) throws(LedgerError) {
        try read {
            let (sql, values) = try claimQuery(filter, asOf: asOf, ranked: false, columns: Ledger.claimColumnsWithoutTags)
            let sources = SourceDirectory(db)
            let claims = try db.prepare(sql)
            try claims.bind(values)
            let bound = asOf.map { [SQLValue.text($0.inclusiveUpperBound)] } ?? []
            let evidence = try db.prepare(Ledger.evidenceSelect + (asOf == nil ? "" : " WHERE e.date <= ?") + Ledger.evidenceOrder)
            try evidence.bind(bound)
            let lifecycle = try db.prepare(Ledger.lifecycleSelect + (asOf == nil ? "" : " WHERE l.effective <= ?") + Ledger.lifecycleOrder)
            try lifecycle.bind(bound)
            let tags = try db.prepare(Ledger.claimTagsSelect)
            let notes = try db.prepare(Ledger.noteSelect + (asOf == nil ? "" : " WHERE n.date <= ?") + Ledger.noteOrder)
            try notes.bind(bound)
            var noteRow = try notes.step()
            // Before version 4 nothing could be corrected.
            let corrections = try db.prepare(Ledger.correctionsSelect(oneClaim: false) + (version >= 4 ? "" : " LIMIT 0"))
            var correctionRow = try corrections.step()
            var evidenceRow = try evidence.step()
            var lifecycleRow = try lifecycle.step()
            var tagRow = try tags.step()
            while try claims.step() {
                var claim = try Ledger.decodeClaim(claims, sources: sources)
                let id = claim.number
                while evidenceRow, evidence.integer(0) < id { evidenceRow = try evidence.step() }
                while lifecycleRow, lifecycle.integer(0) < id { lifecycleRow = try lifecycle.step() }
                while tagRow, tags.integer(0) < id { tagRow = try tags.step() }
                while noteRow, notes.integer(0) < id { noteRow = try notes.step() }
                // The log's claim_id is column 4 of `logColumns`.
                while correctionRow, corrections.integer(4) < id { correctionRow = try corrections.step() }
                var claimCorrections: [LogEntry] = []
                while correctionRow, corrections.integer(4) == id {
                    claimCorrections.append(Ledger.decodeLogEntry(corrections))
                    correctionRow = try corrections.step()
                }
                var claimNotes: [Note] = []
                while noteRow, notes.integer(0) == id {
                    claimNotes.append(try Ledger.decodeNote(notes, sources: sources))
                    noteRow = try notes.step()
                }
                var rows: [(Evidence, EvidenceFacts)] = []
                while evidenceRow, evidence.integer(0) == id {
                    rows.append(try Ledger.decodeEvidence(evidence, sources: sources))
                    evidenceRow = try evidence.step()
                }
                var events: [LifecycleEvent] = []
                while lifecycleRow, lifecycle.integer(0) == id {
                    events.append(try Ledger.decodeLifecycle(lifecycle, sources: sources))
                    lifecycleRow = try lifecycle.step()
                }
                while tagRow, tags.integer(0) == id {
                    claim.tags.append(tags.text(1))
                    tagRow = try tags.step()
                }
                let claimant = try Ledger.claimant(claims, sources: sources)
                var detail = Ledger.makeDetail(
                    claim: claim, claimant: claimant.standing, claimantName: claimant.name, evidence: rows, lifecycle: events,
                    derive: asOf != nil)
                detail.notes = claimNotes
                detail.corrections = claimCorrections
                if asOf != nil, !filter.statuses.isEmpty, !filter.statuses.contains(detail.claim.status) { continue }
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
                    try db.query("SELECT status, count(*) FROM claim GROUP BY status") { row in
                        guard let status = ClaimStatus(rawValue: row.text(0)) else { return }
                        counts.byStatus[status] = Int(row.integer(1))
                        counts.claims += Int(row.integer(1))
                    }
                    try db.query("SELECT count(*), count(withdrawn_at) FROM evidence") { row in
                        counts.withdrawn = Int(row.integer(1))
                        counts.evidence = Int(row.integer(0)) - counts.withdrawn
                    }
                    return
                }
                // Only the columns counted: the full claim columns cost four times as much here.
                let (sql, values) = try claimQuery(filter, asOf: nil, ranked: false, columns: "c.id, c.status")
                try db.query(
                    """
                    SELECT q.status, count(*), sum((SELECT count(*) FROM evidence e WHERE e.claim_id = q.id)),
                           sum((SELECT count(withdrawn_at) FROM evidence e WHERE e.claim_id = q.id))
                    FROM (\(sql)) q GROUP BY q.status
                    """, values
                ) { row in
                    guard let status = ClaimStatus(rawValue: row.text(0)) else { return }
                    counts.byStatus[status] = Int(row.integer(1))
                    counts.claims += Int(row.integer(1))
                    counts.withdrawn += Int(row.integer(3))
                    counts.evidence += Int(row.integer(2)) - Int(row.integer(3))
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
