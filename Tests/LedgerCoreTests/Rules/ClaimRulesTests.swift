import Testing

@testable import LedgerCore

/// The lifecycle replayed over the evidence (SPEC §2's closed states and grades).
struct ClaimRulesTests {
    let claimant = SourceStanding(handle: "ua-military", affiliation: "UA", reliability: .C)
    let uk = EvidenceFacts(stance: .supports, origin: SourceStanding(handle: "uk-mod", affiliation: "UK", reliability: .B))
    let ap = EvidenceFacts(stance: .supports, origin: SourceStanding(handle: "ap", reliability: .B))
    let ru = EvidenceFacts(stance: .contradicts, origin: SourceStanding(handle: "ru-mod", affiliation: "RU", reliability: .D))

    func state(_ evidence: [EvidenceFacts], _ lifecycle: [LifecycleFacts] = []) -> ClaimState {
        ClaimRules.state(claimant: claimant, evidence: evidence, lifecycle: lifecycle)
    }

    /// SPEC §2's alternation, every row: a closing change takes an open claim, reopen a closed one.
    @Test(arguments: [
        (LifecycleAction.retract, true, true), (.resolve, true, true), (.supersede, true, true), (.reopen, true, false),
        (.retract, false, false), (.resolve, false, false), (.supersede, false, false), (.reopen, false, true),
    ])
    func lifecycleChangesAlternate(action: LifecycleAction, open: Bool, allowed: Bool) {
        #expect(ClaimRules.allows(action, whileOpen: open) == allowed)
        #expect((ClaimRules.refusal(of: action, claim: "C1", status: open ? .unverified : .retracted) == nil) == allowed)
    }

    @Test func withoutLifecycleTheEvidenceDecides() {
        #expect(state([]).status == .unverified)
        #expect(state([uk]).grade.description == "C2")
        #expect(state([uk, ap]).grade.description == "C1")
        #expect(state([uk, ru]).grade.description == "C3")
        #expect(state([ru]).grade.description == "C5")
    }

    @Test(arguments: [
        (LifecycleFacts(action: .retract), ClaimStatus.retracted, "C5"),
        (LifecycleFacts(action: .resolve, verdict: .true), .resolved, "C1"),
        (LifecycleFacts(action: .resolve, verdict: .misleading), .resolved, "C4"),
        (LifecycleFacts(action: .resolve, verdict: .false), .resolved, "C5"),
        (LifecycleFacts(action: .resolve, verdict: .unproven), .resolved, "C6"),
        (LifecycleFacts(action: .supersede, supersededBy: 9, keptDigit: 2), .superseded, "C2"),
    ])
    func closingSetsStatusAndGrade(change: LifecycleFacts, status: ClaimStatus, grade: String) {
        // The evidence would say corroborated (C2); the closed state overrides it but keeps the counts.
        let result = state([uk], [change])
        #expect(result.status == status)
        #expect(result.grade.description == grade)
        #expect(result.support == Support(independent: 1, echoes: 0))
        #expect(result.verdict == change.verdict)
        #expect(result.supersededBy == change.supersededBy)
    }

    @Test func reopeningReturnsToTheDerivedStatus() {
        let result = state([uk, ru], [LifecycleFacts(action: .retract), LifecycleFacts(action: .reopen)])
        #expect(result.status == .disputed)
        #expect(result.grade.description == "C3")
        #expect(result.verdict == nil)
        #expect(result.supersededBy == nil)
    }

    @Test func theLastChangeWins() {
        let result = state(
            [],
            [
                LifecycleFacts(action: .resolve, verdict: .false), LifecycleFacts(action: .reopen),
                LifecycleFacts(action: .supersede, supersededBy: 4, keptDigit: 6),
            ])
        #expect(result.status == .superseded)
        #expect(result.verdict == nil)
        #expect(result.supersededBy == 4)
        #expect(result.grade.description == "C6")
    }

    /// SPEC §2's second table: which transitions are allowed from which status.
    @Test func allowedAndRefusedTransitions() {
        for status in ClaimStatus.allCases {
            for action in LifecycleAction.allCases {
                let refusal = ClaimRules.refusal(of: action, claim: "C3", status: status)
                let allowed = action == .reopen ? !status.isOpen : status.isOpen
                #expect((refusal == nil) == allowed, "\(action) from \(status)")
                if let refusal {
                    #expect(refusal.contains("C3 is \(status.rawValue)"))
                    #expect(refusal.contains("nothing was changed"))
                    if !status.isOpen { #expect(refusal.contains("ledger reopen C3 --reason")) }
                }
            }
        }
    }
}
