/// Where a claim stands.
///
/// The first five are *open*: derived from evidence by `StatusRules`. The last
/// three are *closed*: set by an analyst or the claimant and left alone by new evidence.
public enum ClaimStatus: String, CaseIterable, Sendable, Codable {
    case unverified, corroborated, confirmed, disputed, contradicted
    case retracted, resolved, superseded

    public var isOpen: Bool {
        switch self {
        case .unverified, .corroborated, .confirmed, .disputed, .contradicted: true
        case .retracted, .resolved, .superseded: false
        }
    }

    /// One line for legends and help.
    public var meaning: String {
        switch self {
        case .unverified: "no independent support and no contradiction yet"
        case .corroborated: "supported by one independent group, contradicted by none"
        case .confirmed: "supported by two or more independent groups, contradicted by none"
        case .disputed: "independently supported and contradicted"
        case .contradicted: "contradicted, with no independent support"
        case .retracted: "withdrawn by its claimant or an analyst"
        case .resolved: "closed by an analyst with a verdict"
        case .superseded: "replaced by a later claim"
        }
    }
}

/// An analyst's verdict on a resolved claim.
public enum Verdict: String, CaseIterable, Sendable, Codable {
    case `true`, `false`, misleading, unproven
}

/// Admiralty-style grade: the claimant's reliability letter and a credibility digit.
public struct Grade: Sendable, Equatable, CustomStringConvertible {
    public var reliability: Reliability
    public var credibility: Int

    public init(reliability: Reliability, credibility: Int) {
        self.reliability = reliability
        self.credibility = credibility
    }

    /// Parses the stored form, such as `B2`. (Read from its two bytes: a report reads one per
    /// claim, and going through Characters cost it 2%.)
    public init?(_ text: String) {
        var bytes = text.utf8.makeIterator()
        guard let first = bytes.next(), let second = bytes.next(), bytes.next() == nil,
            first >= UInt8(ascii: "A"), first <= UInt8(ascii: "F"), second >= UInt8(ascii: "1"), second <= UInt8(ascii: "6"),
            let letter = Reliability(rawValue: String(UnicodeScalar(first)))
        else { return nil }
        self.init(reliability: letter, credibility: Int(second - UInt8(ascii: "0")))
    }

    public var description: String { "\(reliability.rawValue)\(credibility)" }

    public static let credibilityMeanings: [(Int, String)] = [
        (1, "confirmed by other sources"),
        (2, "probably true"),
        (3, "possibly true"),
        (4, "doubtful"),
        (5, "improbable"),
        (6, "truth cannot be judged"),
    ]
}

/// Independent support (S, counted in distinct groups) and echoes (rows) of a claim.
public struct Support: Sendable, Equatable {
    public var independent: Int
    public var echoes: Int

    public init(independent: Int, echoes: Int) {
        self.independent = independent
        self.echoes = echoes
    }
}

/// How people refer to a claim: `C12` (or `c12`, or `12`), or its UUID.
public enum ClaimReference: Sendable, Equatable {
    case number(Int64)
    case uuid(String)

    public init?(_ text: String) {
        let trimmed = text.trimmingSpaces
        var digits = Substring(trimmed)
        if let first = digits.first, first == "C" || first == "c" { digits = digits.dropFirst() }
        if !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int64(digits) {
            self = .number(number)
        } else if UUIDText.isValid(trimmed) {
            self = .uuid(trimmed.lowercased())
        } else {
            return nil
        }
    }
}

/// Formats a claim number as people see it.
public func claimLabel(_ number: Int64) -> String { "C" + String(number) }

/// Formats an evidence number as people see it.
public func evidenceLabel(_ number: Int64) -> String { "E" + String(number) }

/// One claim as it now stands (or stood, for a point-in-time view).
public struct Claim: Sendable, Equatable {
    public var number: Int64
    public var uuid: String
    public var statement: String
    public var claimant: String
    public var date: LedgerDate
    public var via: String?
    public var url: String?
    public var quote: String?
    public var quantity: Quantity?
    public var place: String?
    public var tags: [String]
    public var status: ClaimStatus
    public var verdict: Verdict?
    public var grade: Grade
    public var support: Support
    public var contradictions: Int
    public var supersededBy: Int64?
    public var recordedAt: String
    public var recordedBy: String

    public var label: String { claimLabel(number) }
}

/// The fields a new claim is recorded with.
public struct NewClaim: Sendable {
    public var statement: String
    public var claimant: String
    public var date: LedgerDate?
    public var via: String?
    public var url: String?
    public var quote: String?
    public var quantity: String?
    public var place: String?
    public var tags: [String]
    /// Record it even when the claimant already made the same statement on the same date.
    public var allowDuplicate: Bool

    public init(
        statement: String, claimant: String, date: LedgerDate? = nil, via: String? = nil, url: String? = nil,
        quote: String? = nil, quantity: String? = nil, place: String? = nil, tags: [String] = [], allowDuplicate: Bool = false
    ) {
        self.allowDuplicate = allowDuplicate
        self.statement = statement
        self.claimant = claimant
        self.date = date
        self.via = via
        self.url = url
        self.quote = quote
        self.quantity = quantity
        self.place = place
        self.tags = tags
    }
}

/// A claim with its evidence and lifecycle, as `show` and `add` present it.
public struct ClaimDetail: Sendable, Equatable {
    public var claim: Claim
    public var evidence: [Evidence]
    public var lifecycle: [LifecycleEvent]
    public var claimantName: String
    /// Research notes, in date order.
    public var notes: [Note] = []
    /// The log entries that corrected the claim or its evidence (not undone), oldest first.
    public var corrections: [LogEntry] = []
    /// Its status day by day (`ClaimRules.history`); filled in only for reports that draw it.
    public var history: [StatusStep] = []

    /// The change that closed the claim, when it is closed.
    public var closing: LifecycleEvent? {
        guard !claim.status.isOpen else { return nil }
        return lifecycle.last
    }

    /// Evidence that came after the claim was closed: recorded while it was closed,
    /// or dated after the closing. It is kept and shown, but did not move the status.
    public func isAfterClosing(_ evidence: Evidence) -> Bool {
        guard let closing else { return false }
        return evidence.whileClosed || evidence.date.text > closing.effective.inclusiveUpperBound
    }

    /// Every figure given for the claim (a figure recorded with `--force` marked so, with what
    /// that means for it) and what
    /// the independent supporting figures agree on; a forced figure is left out of that range
    /// (SPEC §4: it was recorded against the rule, so it cannot define the agreement).
    public var figures: (all: [(label: String, source: String, quantity: Quantity, forced: String?)], agreement: Agreement)? {
        guard let own = claim.quantity else { return nil }
        var all: [(label: String, source: String, quantity: Quantity, forced: String?)] = [(claim.label, claim.claimant, own, nil)]
        var independent: [Quantity] = []
        for row in evidence where !row.isWithdrawn {
            guard let quantity = row.quantity else { continue }
            let forced = row.forced ? (row.stance == .contradicts ? "forced: consistent, recorded as a contradiction" : "forced: not in the agreed range") : nil
            all.append((row.label, row.origin == row.source ? row.source : "\(row.source) citing \(row.origin)", quantity, forced))
            if row.stance == .supports, row.independent, !row.forced, quantity.isComparable(with: own) { independent.append(quantity) }
        }
        return (all, QuantityRules.agreement(of: independent))
    }

    /// Evidence dated before the claim was made.
    public func isBeforeClaim(_ evidence: Evidence) -> Bool {
        evidence.date.inclusiveUpperBound < claim.date.text
    }
}

/// A correction of a claim (`ledger edit`): each field given replaces the stored one; an
/// empty text clears an optional field (via, url, quote, quantity, place). Its claimant cannot change.
public struct ClaimEdit: Sendable {
    public var statement: String?
    public var date: LedgerDate?
    public var via: String?
    public var url: String?
    public var quote: String?
    public var quantity: String?
    public var place: String?
    public var addTags: [String]
    public var removeTags: [String]
    public var reason: String
    public var force: Bool

    public init(
        statement: String? = nil, date: LedgerDate? = nil, via: String? = nil, url: String? = nil, quote: String? = nil,
        quantity: String? = nil, place: String? = nil, addTags: [String] = [], removeTags: [String] = [], reason: String,
        force: Bool = false
    ) {
        self.statement = statement
        self.date = date
        self.via = via
        self.url = url
        self.quote = quote
        self.quantity = quantity
        self.place = place
        self.addTags = addTags
        self.removeTags = removeTags
        self.reason = reason
        self.force = force
    }
}

/// Which claims `list` shows.
public struct ClaimFilter: Sendable {
    public var statuses: [ClaimStatus]
    public var tag: String?
    public var source: String?
    public var place: String?
    public var since: LedgerDate?
    public var until: LedgerDate?
    /// Words that must all appear in the claim's text (statement, quote, place, tags, evidence).
    public var search: String?

    public init(
        statuses: [ClaimStatus] = [], tag: String? = nil, source: String? = nil, place: String? = nil,
        since: LedgerDate? = nil, until: LedgerDate? = nil, search: String? = nil
    ) {
        self.statuses = statuses
        self.tag = tag
        self.source = source
        self.place = place
        self.since = since
        self.until = until
        self.search = search
    }

    /// True when it lets every claim through (blank text filters count as absent).
    public var isEmpty: Bool {
        statuses.isEmpty && tag?.nonBlank == nil && source?.nonBlank == nil && place?.nonBlank == nil && since == nil
            && until == nil && search == nil
    }
}
