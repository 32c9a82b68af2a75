/// The formats `ledger report` writes.
public enum ReportFormat: String, CaseIterable, Sendable {
    case markdown, html, json, csv, claimreview
}

/// What a report covers and how it is labelled.
public struct ReportOptions: Sendable {
    public var filter: ClaimFilter
    public var asOf: LedgerDate?
    public var changesSince: LedgerDate?
    public var title: String?
    /// For ClaimReview: who publishes the reviews, and where each review lives.
    public var publisher: String?
    public var baseURL: String?

    public init(
        filter: ClaimFilter = ClaimFilter(), asOf: LedgerDate? = nil, changesSince: LedgerDate? = nil, title: String? = nil,
        publisher: String? = nil, baseURL: String? = nil
    ) {
        self.filter = filter
        self.asOf = asOf
        self.changesSince = changesSince
        self.title = title
        self.publisher = publisher
        self.baseURL = baseURL
    }

    public var displayTitle: String { title?.nonBlank ?? "Claim verification report" }

    /// What the report covers: (label, description) pairs; descriptions hold user text.
    public var scope: [(label: String, text: String)] {
        var parts: [String] = []
        if !filter.statuses.isEmpty { parts.append("status " + filter.statuses.map(\.rawValue).joined(separator: " or ")) }
        if let tag = filter.tag?.nonBlank { parts.append("tagged \(tag.lowercased())") }
        if let source = filter.source?.nonBlank { parts.append("made or answered by \(source)") }
        if let place = filter.place?.nonBlank { parts.append("place matching \"\(place)\"") }
        if let since = filter.since { parts.append("made on or after \(since.text)") }
        if let until = filter.until { parts.append("made on or before \(until.text)") }
        if let search = filter.search?.nonBlank { parts.append("containing \"\(search)\"") }
        var lines = [("Claims", parts.isEmpty ? "all claims in the ledger." : parts.joined(separator: "; ") + ".")]
        if let asOf {
            lines.append(("As of", "the end of \(asOf.text); only claims, evidence and lifecycle changes effective by then count."))
        } else {
            lines.append(("As of", "every change recorded in the ledger."))
        }
        if let changesSince { lines.append(("Changes", "status changes since \(changesSince.text) are listed.")) }
        return lines
    }
}

/// Totals for a report's heading and summary.
public struct ReportCounts: Sendable, Equatable {
    public var claims = 0
    /// Evidence that counts (not withdrawn), and withdrawn evidence.
    public var evidence = 0
    public var withdrawn = 0
    public var byStatus: [ClaimStatus: Int] = [:]

    public init() {}

    mutating func add(_ claim: Claim) {
        claims += 1
        byStatus[claim.status, default: 0] += 1
    }
}

/// A source with its part in the claims a report covers.
public struct SourceRecord: Sendable, Equatable {
    public var source: Source
    public var claimsMade = 0
    public var evidenceGiven = 0
    public var confirmedOrCorroborated = 0
    public var disputed = 0
    public var contradicted = 0
    public var retracted = 0
    public var resolvedTrue = 0
    public var resolvedFalse = 0

    public init(source: Source) { self.source = source }
}

/// Tallies each source's track record as claims stream past.
public struct TrackRecords: Sendable {
    struct Tally: Sendable {
        var made = 0, evidence = 0, supported = 0, disputed = 0, contradicted = 0, retracted = 0, resolvedTrue = 0, resolvedFalse = 0
    }

    private(set) var tallies: [String: Tally] = [:]

    public init() {}

    public mutating func add(_ detail: ClaimDetail) {
        let claim = detail.claim
        var tally = tallies[claim.claimant, default: Tally()]
        tally.made += 1
        switch claim.status {
        case .confirmed, .corroborated: tally.supported += 1
        case .disputed: tally.disputed += 1
        case .contradicted: tally.contradicted += 1
        case .retracted: tally.retracted += 1
        case .resolved:
            if claim.verdict == .true { tally.resolvedTrue += 1 }
            if claim.verdict == .false { tally.resolvedFalse += 1 }
        case .unverified, .superseded: break
        }
        tallies[claim.claimant] = tally
        // Sources that only appear (via, cited, retracting) are listed with zero counts.
        func involve(_ handle: String?) {
            if let handle, tallies[handle] == nil { tallies[handle] = Tally() }
        }
        involve(claim.via)
        for row in detail.evidence {
            // A withdrawn row was never that source's evidence (a misattribution, a typo in its stance).
            tallies[row.source, default: Tally()].evidence += row.isWithdrawn ? 0 : 1
            involve(row.citing)
            involve(row.via)
        }
        for event in detail.lifecycle { involve(event.source) }
        for note in detail.notes { involve(note.source) }
    }

    public var handles: Set<String> { Set(tallies.keys) }

    public func records(for sources: [Source]) -> [SourceRecord] {
        sources.compactMap { source in
            guard let tally = tallies[source.handle] else { return nil }
            var record = SourceRecord(source: source)
            record.claimsMade = tally.made
            record.evidenceGiven = tally.evidence
            record.confirmedOrCorroborated = tally.supported
            record.disputed = tally.disputed
            record.contradicted = tally.contradicted
            record.retracted = tally.retracted
            record.resolvedTrue = tally.resolvedTrue
            record.resolvedFalse = tally.resolvedFalse
            return record
        }
    }
}

/// A claim whose status differs between two days.
public struct StatusChange: Sendable, Equatable {
    public var claim: Claim
    /// Nil when the claim had not yet been made.
    public var before: ClaimStatus?
    public var after: ClaimStatus
}

/// The flags a report raises on a claim.
public enum ClaimFlag: Sendable, Equatable {
    case afterClosing(Evidence)
    case forced(Evidence)
    case beforeClaim(Evidence)
    /// Withdrawn: recorded by mistake, kept and shown, not counted.
    case withdrawn(Evidence)

    public static func flags(of detail: ClaimDetail) -> [ClaimFlag] {
        var flags: [ClaimFlag] = []
        // A withdrawn row is flagged as withdrawn, and for nothing else: it no longer counts.
        let counted = detail.evidence.filter { !$0.isWithdrawn }
        for row in counted where detail.isAfterClosing(row) { flags.append(.afterClosing(row)) }
        for row in counted where row.forced { flags.append(.forced(row)) }
        for row in counted where detail.isBeforeClaim(row) { flags.append(.beforeClaim(row)) }
        for row in detail.evidence where row.isWithdrawn { flags.append(.withdrawn(row)) }
        return flags
    }

    public var code: String {
        switch self {
        case .afterClosing: "new-evidence-after-closing"
        case .forced(let row): row.stance == .contradicts ? "forced-consistent-contradiction" : "forced-inconsistent-quantity"
        case .beforeClaim: "evidence-before-claim"
        case .withdrawn: "evidence-withdrawn"
        }
    }

    public var evidence: Evidence {
        switch self {
        case .afterClosing(let row), .forced(let row), .beforeClaim(let row), .withdrawn(let row): row
        }
    }
}
