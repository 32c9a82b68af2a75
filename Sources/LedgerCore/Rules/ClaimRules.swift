/// Everything about a claim that is derived rather than typed in.
public struct ClaimState: Sendable, Equatable {
    public var status: ClaimStatus
    public var verdict: Verdict?
    public var supersededBy: Int64?
    public var grade: Grade
    public var support: Support
    public var contradictions: Int
}

/// From `day` (`YYYY-MM-DD`) on, a claim stood in `status`.
public struct StatusStep: Sendable, Equatable {
    public var day: String
    public var status: ClaimStatus

    public init(day: String, status: ClaimStatus) {
        self.day = day
        self.status = status
    }
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

    /// The claim's status day by day: a step on the day it was made, and one on each later day
    /// its evidence or lifecycle moved it (as `state` derives it from what was dated by the end
    /// of that day). Evidence dated before the claim counts from the claim's day. What the
    /// timelines and "the ledger over time" draw; `--as-of` has already left out what came later.
    /// `final`, the claim's state with everything counted, saves deriving the last day again.
    public static func history(
        claimant: SourceStanding, made: LedgerDate, evidence: [(date: LedgerDate, facts: EvidenceFacts)],
        lifecycle: [(date: LedgerDate, facts: LifecycleFacts)], final: ClaimStatus? = nil
    ) -> [StatusStep] {
        let first = made.day
        var days = [first]
        for row in evidence where row.date.text > first { days.append(row.date.day) }
        for change in lifecycle where change.date.text > first { days.append(change.date.day) }
        if days.count > 1 {
            days.sort()
            var unique: [String] = []
            for day in days where unique.last != day { unique.append(day) }
            days = unique
        }
        var steps: [StatusStep] = []
        for (index, day) in days.enumerated() {
            // On the last day everything counts: the claim's own state, when the caller has it.
            if index == days.count - 1, let final {
                if steps.last?.status != final { steps.append(StatusStep(day: day, status: final)) }
                break
            }
            let bound = day + "T99"
            let status = state(
                claimant: claimant, evidence: evidence.lazy.filter { $0.date.text <= bound }.map(\.facts),
                lifecycle: lifecycle.lazy.filter { $0.date.text <= bound }.map(\.facts)
            ).status
            if steps.last?.status != status { steps.append(StatusStep(day: day, status: status)) }
        }
        return steps
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
