/// What kind of change a log entry records.
public enum LogAction: String, CaseIterable, Sendable, Codable {
    case sourceAdd = "source-add"
    case sourceEdit = "source-edit"
    case claimAdd = "claim-add"
    case evidenceAdd = "evidence-add"
    case retract, resolve, supersede, reopen
    /// A status change caused by another change (a source's reliability or affiliation).
    case rederive
    case undo
    case `import`
    /// The ledger was brought to a newer schema version.
    case migrate
    /// Corrections (SPEC §2): a claim's or an evidence row's fields changed, evidence withdrawn.
    case claimEdit = "claim-edit"
    case evidenceEdit = "evidence-edit"
    case withdraw
    /// A research note on a claim.
    case noteAdd = "note-add"
}

/// One entry of the append-only log.
public struct LogEntry: Sendable, Equatable {
    public var sequence: Int64
    public var recordedAt: String
    public var actor: String
    public var action: LogAction
    public var claimNumber: Int64?
    public var evidenceNumber: Int64?
    public var lifecycleNumber: Int64?
    public var sourceHandle: String?
    /// When the change took effect in the world (what `--as-of` compares against).
    public var effective: LedgerDate
    public var statusBefore: ClaimStatus?
    public var statusAfter: ClaimStatus?
    public var summary: String
    public var cause: String?
    /// The entry this one undid, for `undo` entries.
    public var undoes: Int64?
    /// The entry whose change caused this one, for `rederive` entries.
    public var causedBy: Int64?
}
