/// Whether evidence supports or contradicts a claim.
public enum Stance: String, CaseIterable, Sendable, Codable {
    case supports, contradicts
}

/// A statement by a source about a claim.
public struct Evidence: Sendable, Equatable {
    public var number: Int64
    public var uuid: String
    public var claimNumber: Int64
    public var stance: Stance
    public var source: String
    /// The source this one only repeats; the evidence's origin is `citing ?? source`.
    public var citing: String?
    public var date: LedgerDate
    public var via: String?
    public var url: String?
    public var quote: String?
    public var quantity: Quantity?
    public var note: String?
    /// Whether the status rules count it as independent support (false for every contradiction).
    public var independent: Bool
    /// Why it counts as it does: "independent", "echo (same group as the claimant: UA)", … (`StatusRules.reason`).
    public var countsAs: String = ""
    public var forced: Bool
    /// Recorded while the claim was closed: kept, but it did not move the status.
    public var whileClosed: Bool
    public var recordedAt: String
    public var recordedBy: String
    /// When (UTC) and why it was withdrawn (recorded by mistake): it then no longer counts.
    public var withdrawnAt: String? = nil
    public var withdrawnReason: String? = nil

    public var label: String { evidenceLabel(number) }
    public var origin: String { citing ?? source }
    public var isWithdrawn: Bool { withdrawnAt != nil }
}

/// The fields new evidence is recorded with.
public struct NewEvidence: Sendable {
    public var stance: Stance
    public var source: String
    public var citing: String?
    public var date: LedgerDate?
    public var via: String?
    public var url: String?
    public var quote: String?
    public var quantity: String?
    public var note: String?
    public var force: Bool

    public init(
        stance: Stance, source: String, citing: String? = nil, date: LedgerDate? = nil, via: String? = nil,
        url: String? = nil, quote: String? = nil, quantity: String? = nil, note: String? = nil, force: Bool = false
    ) {
        self.stance = stance
        self.source = source
        self.citing = citing
        self.date = date
        self.via = via
        self.url = url
        self.quote = quote
        self.quantity = quantity
        self.note = note
        self.force = force
    }
}

/// A correction of an evidence row (`ledger evidence edit`): each field given replaces the
/// stored one; an empty text clears an optional field. Its source and stance cannot change.
public struct EvidenceEdit: Sendable {
    public var date: LedgerDate?
    public var via: String?
    public var url: String?
    public var quote: String?
    public var quantity: String?
    public var citing: String?
    public var note: String?
    public var reason: String
    public var force: Bool

    public init(
        date: LedgerDate? = nil, via: String? = nil, url: String? = nil, quote: String? = nil, quantity: String? = nil,
        citing: String? = nil, note: String? = nil, reason: String, force: Bool = false
    ) {
        self.date = date
        self.via = via
        self.url = url
        self.quote = quote
        self.quantity = quantity
        self.citing = citing
        self.note = note
        self.reason = reason
        self.force = force
    }
}

/// An analyst's research note on a claim: it never moves a status.
public struct Note: Sendable, Equatable {
    public var number: Int64
    public var uuid: String
    public var claimNumber: Int64
    public var text: String
    /// The source consulted, if any.
    public var source: String?
    public var url: String?
    public var date: LedgerDate
    public var recordedAt: String
    public var recordedBy: String

    public var label: String { noteLabel(number) }
}

/// How people name a note: N3.
public func noteLabel(_ number: Int64) -> String { "N\(number)" }

/// The fields a new note is recorded with.
public struct NewNote: Sendable {
    public var text: String
    public var source: String?
    public var url: String?
    public var date: LedgerDate?

    public init(text: String, source: String? = nil, url: String? = nil, date: LedgerDate? = nil) {
        self.text = text
        self.source = source
        self.url = url
        self.date = date
    }
}

/// What a correction did: the claim as it now stands, its status before, and what changed.
public struct CorrectionOutcome: Sendable {
    /// What was corrected: `C3` or `E7`.
    public var subject: String
    public var detail: ClaimDetail
    public var statusBefore: ClaimStatus
    /// The fields changed, by name, each with its value before and after (as shown to people).
    public var changes: [FieldChange]
    /// The log entry that recorded it.
    public var entry: Int64
}

public struct FieldChange: Sendable, Equatable {
    public var field: String
    public var before: String?
    public var after: String?
}

/// What recording evidence did, beyond the claim it returns.
public struct EvidenceOutcome: Sendable {
    public var detail: ClaimDetail
    public var evidence: Evidence
    public var statusBefore: ClaimStatus
    /// True when the claim is closed, so the evidence was kept but the status did not move.
    public var claimWasClosed: Bool
}
