/// Everything about a claim that is derived rather than typed in.
public struct ClaimState: Sendable, Equatable {
    public var status: ClaimStatus
    public var verdict: Verdict?
    public var supersededBy: Int64?
    public var grade: Grade
    public var support: Support
    public var contradictions: Int
}

/// The whole of a claim's derivation: the status rules on its evidence, then its
/// lifecycle replayed on top.
///
/// The store, `--as-of` views and `ledger check` all call this one function, so
/// what is stored, what a past day shows and what check expects cannot drift apart.
public enum ClaimRules {
    /// The claim's state from its evidence and its lifecycle changes, in order.
    public static func state(claimant: SourceStanding, evidence: [EvidenceFacts], lifecycle: [LifecycleFacts]) -> ClaimState {
        let assessment = StatusRules.assess(claimant: claimant, evidence: evidence)
        var closed: ClaimStatus?
        var verdict: Verdict?
        var supersededBy: Int64?
        var keptDigit: Int?
        for change in lifecycle {
            closed = change.action.closedStatus
            verdict = change.action == .resolve ? change.verdict : nil
            supersededBy = change.action == .supersede ? change.supersededBy : nil
            keptDigit = change.action == .supersede ? change.keptDigit : nil
        }
        let status = closed ?? assessment.status
        let digit = StatusRules.credibility(
            status: status, verdict: verdict,
            previous: keptDigit ?? StatusRules.credibility(status: assessment.status, verdict: nil, previous: 6))
        return ClaimState(
            status: status, verdict: verdict, supersededBy: supersededBy,
            grade: Grade(reliability: claimant.reliability, credibility: digit),
            support: assessment.support, contradictions: assessment.contradictingGroups)
    }

    /// SPEC §2: retract, resolve and supersede take an open claim; reopen takes a closed one.
    /// A claim's changes therefore alternate from open: the commands, `check` and an import's
    /// lifecycle all ask this.
    public static func allows(_ action: LifecycleAction, whileOpen open: Bool) -> Bool { (action == .reopen) != open }

    /// Why a lifecycle change cannot be applied to a claim in `status`, or nil when it can.
    public static func refusal(of action: LifecycleAction, claim label: String, status: ClaimStatus) -> String? {
        guard !allows(action, whileOpen: status.isOpen) else { return nil }
        switch action {
        case .retract, .resolve, .supersede:
            return "\(label) is \(status.rawValue); nothing was changed. Run `ledger reopen \(label) --reason …` first."
        case .reopen:
            return "\(label) is \(status.rawValue), which is open; nothing was changed. Only a retracted, resolved or superseded claim can be reopened."
        }
    }
}
