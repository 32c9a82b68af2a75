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

    public var label: String { evidenceLabel(number) }
    public var origin: String { citing ?? source }
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

/// What recording evidence did, beyond the claim it returns.
public struct EvidenceOutcome: Sendable {
    public var detail: ClaimDetail
    public var evidence: Evidence
    public var statusBefore: ClaimStatus
    /// True when the claim is closed, so the evidence was kept but the status did not move.
    public var claimWasClosed: Bool
}
