/// What reports read: claims with their evidence and lifecycle, streamed.
extension Ledger {
    /// Each claim passing `filter` (in id order) with its evidence and lifecycle, as of `asOf`;
    /// and, when `alsoAt` is given, the claim's state at the end of that day (nil if not yet made).
    ///
    /// Three cursors (claims, evidence, lifecycle), each ordered by claim, are merged as they
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
            var evidenceRow = try evidence.step()
            var lifecycleRow = try lifecycle.step()
            var tagRow = try tags.step()
            while try claims.step() {
                var claim = try Ledger.decodeClaim(claims, sources: sources)
                let id = claim.number
                while evidenceRow, evidence.integer(0) < id { evidenceRow = try evidence.step() }
                while lifecycleRow, lifecycle.integer(0) < id { lifecycleRow = try lifecycle.step() }
                while tagRow, tags.integer(0) < id { tagRow = try tags.step() }
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
                let detail = Ledger.makeDetail(
                    claim: claim, claimant: claimant.standing, claimantName: claimant.name, evidence: rows, lifecycle: events,
                    derive: asOf != nil)
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
                    counts.evidence = Int(try db.scalarInteger("SELECT count(*) FROM evidence") ?? 0)
                    return
                }
                // Only the columns counted: the full claim columns cost four times as much here.
                let (sql, values) = try claimQuery(filter, asOf: nil, ranked: false, columns: "c.id, c.status")
                try db.query(
                    """
                    SELECT q.status, count(*), sum((SELECT count(*) FROM evidence e WHERE e.claim_id = q.id))
                    FROM (\(sql)) q GROUP BY q.status
                    """, values
                ) { row in
                    guard let status = ClaimStatus(rawValue: row.text(0)) else { return }
                    counts.byStatus[status] = Int(row.integer(1))
                    counts.claims += Int(row.integer(1))
                    counts.evidence += Int(row.integer(2))
                }
            }
            return counts
        }
        try forEachReportClaim(filter, asOf: asOf) { detail, _ in
            counts.add(detail.claim)
            counts.evidence += detail.evidence.count
        }
        return counts
    }

    /// The sources with these handles, by handle.
    public func sources(handles: Set<String>) throws(LedgerError) -> [Source] {
        try sources().filter { handles.contains($0.handle) }
    }
}
