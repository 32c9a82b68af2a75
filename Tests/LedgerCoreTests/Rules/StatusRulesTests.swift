import LedgerTestSupport
import Testing

@testable import LedgerCore

/// SPEC §2, row by row: independence, echoes, S and K, the derived statuses and the grades.
struct StatusRulesTests {
    // Sources used throughout: two Ukrainian, two British, one Russian, one unaffiliated outlet.
    let uaMilitary = SourceStanding(handle: "ua-military", affiliation: "UA", reliability: .C)
    let uaMFA = SourceStanding(handle: "ua-mfa", affiliation: "UA", reliability: .C)
    let ukMOD = SourceStanding(handle: "uk-mod", affiliation: "UK", reliability: .B)
    let ukPM = SourceStanding(handle: "uk-pm", affiliation: "uk", reliability: .B)
    let ruMOD = SourceStanding(handle: "ru-mod", affiliation: "RU", reliability: .D)
    let ap = SourceStanding(handle: "ap", reliability: .B)
    let reuters = SourceStanding(handle: "reuters", reliability: .B)
    let troll = SourceStanding(handle: "troll", affiliation: "XX", reliability: .E)

    func supports(_ origin: SourceStanding) -> EvidenceFacts { EvidenceFacts(stance: .supports, origin: origin) }
    func contradicts(_ origin: SourceStanding) -> EvidenceFacts { EvidenceFacts(stance: .contradicts, origin: origin) }

    // MARK: The status table

    @Test(arguments: [
        (0, 0, ClaimStatus.unverified),
        (0, 1, .corroborated),
        (0, 2, .confirmed),
        (0, 7, .confirmed),
        (1, 1, .disputed),
        (3, 2, .disputed),
        (1, 0, .contradicted),
        (4, 0, .contradicted),
    ])
    func derivedStatusTable(k: Int, s: Int, expected: ClaimStatus) {
        #expect(StatusRules.derivedStatus(independentGroups: s, contradictingGroups: k) == expected)
    }

    /// A withdrawn row (SPEC §1: recorded by mistake) counts for nothing, on either side, and says so.
    @Test func withdrawnRowsCountForNothing() {
        var support = supports(ukMOD)
        support.withdrawn = true
        var against = contradicts(ruMOD)
        against.withdrawn = true
        var echo = supports(uaMFA)
        echo.withdrawn = true
        let result = StatusRules.assess(claimant: uaMilitary, evidence: [support, against, echo, supports(ap)])
        #expect(result.status == .corroborated)
        #expect(result.support == Support(independent: 1, echoes: 0))
        #expect(result.contradictingGroups == 0)
        #expect(result.independent == [false, false, false, true])
        #expect(StatusRules.reason(stance: .supports, origin: ukMOD, citing: nil, claimant: uaMilitary, withdrawn: true) == "withdrawn")
        #expect(StatusRules.reason(stance: .contradicts, origin: troll, citing: nil, claimant: uaMilitary, withdrawn: true) == "withdrawn")
    }

    @Test func noEvidenceIsUnverified() {
        let result = StatusRules.assess(claimant: uaMilitary, evidence: [])
        #expect(result.status == .unverified)
        #expect(result.support == Support(independent: 0, echoes: 0))
        #expect(result.contradictingGroups == 0)
    }

    @Test func oneIndependentGroupCorroborates() {
        let result = StatusRules.assess(claimant: uaMilitary, evidence: [supports(ukMOD)])
        #expect(result.status == .corroborated)
        #expect(result.independent == [true])
    }

    @Test func twoIndependentGroupsConfirm() {
        let result = StatusRules.assess(claimant: uaMilitary, evidence: [supports(ukMOD), supports(ap)])
        #expect(result.status == .confirmed)
        #expect(result.independentGroups == 2)
    }

    @Test func supportAndContradictionDispute() {
        let result = StatusRules.assess(claimant: uaMilitary, evidence: [supports(ukMOD), contradicts(ruMOD)])
        #expect(result.status == .disputed)
        #expect(result.independentGroups == 1)
        #expect(result.contradictingGroups == 1)
    }

    @Test func contradictionAloneContradicts() {
        let result = StatusRules.assess(claimant: uaMilitary, evidence: [contradicts(ruMOD)])
        #expect(result.status == .contradicted)
        #expect(result.independent == [false])
    }

    @Test func echoesAloneWithContradictionStillContradicted() {
        let result = StatusRules.assess(claimant: uaMilitary, evidence: [supports(uaMFA), contradicts(ruMOD)])
        #expect(result.status == .contradicted)
        #expect(result.support == Support(independent: 0, echoes: 1))
    }

    // MARK: Independence

    @Test func sameHandleIsNotIndependent() {
        // The claimant itself, reached through --citing by another outlet.
        let result = StatusRules.assess(claimant: ap, evidence: [supports(ap)])
        #expect(result.independent == [false])
        #expect(result.status == .unverified)
        #expect(result.echoes == 1)
    }

    @Test func sameAffiliationIsAnEcho() {
        let result = StatusRules.assess(claimant: uaMilitary, evidence: [supports(uaMFA)])
        #expect(result.independent == [false])
        #expect(result.support == Support(independent: 0, echoes: 1))
        #expect(result.status == .unverified)
    }

    @Test func affiliationIsComparedIgnoringCaseAndSpaces() {
        let spaced = SourceStanding(handle: "uk-embassy", affiliation: " Uk ", reliability: .B)
        let result = StatusRules.assess(claimant: ukMOD, evidence: [supports(ukPM), supports(spaced)])
        #expect(result.independent == [false, false])
        #expect(result.status == .unverified)
    }

    @Test func noAffiliationStandsAlone() {
        // Two unaffiliated outlets are two groups, and each differs from an affiliated claimant.
        let result = StatusRules.assess(claimant: uaMilitary, evidence: [supports(ap), supports(reuters)])
        #expect(result.independent == [true, true])
        #expect(result.status == .confirmed)
    }

    @Test func unaffiliatedClaimantIsItsOwnGroup() {
        let result = StatusRules.assess(claimant: ap, evidence: [supports(reuters), supports(ukMOD)])
        #expect(result.independentGroups == 2)
        #expect(result.status == .confirmed)
    }

    @Test func handleAndAffiliationNeverCollide() {
        // A source with no affiliation whose handle equals another's affiliation is still its own group.
        let ua = SourceStanding(handle: "ua", reliability: .B)
        let result = StatusRules.assess(claimant: uaMilitary, evidence: [supports(ua)])
        #expect(result.independent == [true])
    }

    @Test func anOriginOnTheClaimantsSideIsAnEcho() {
        // The origin (the cited source, when one is cited) on the claimant's side: an echo.
        // (That a citing row's origin is the cited source is the store's: `CitingTests`.)
        let result = StatusRules.assess(claimant: uaMFA, evidence: [supports(uaMilitary)])
        #expect(result.independent == [false])
        #expect(result.status == .unverified)
    }

    @Test func anIndependentOriginCounts() {
        let result = StatusRules.assess(claimant: uaMilitary, evidence: [supports(ukMOD)])
        #expect(result.independent == [true])
        #expect(result.status == .corroborated)
    }

    @Test func reliabilityEOnTheSupportingSideIsNotIndependent() {
        let result = StatusRules.assess(claimant: uaMilitary, evidence: [supports(troll)])
        #expect(result.independent == [false])
        #expect(result.support == Support(independent: 0, echoes: 1))
        #expect(result.status == .unverified)
    }

    @Test func reliabilityEOnTheContradictingSideIsLeftOut() {
        let result = StatusRules.assess(claimant: uaMilitary, evidence: [contradicts(troll)])
        #expect(result.contradictingGroups == 0)
        #expect(result.status == .unverified)
        let disputed = StatusRules.assess(claimant: uaMilitary, evidence: [supports(ukMOD), contradicts(troll)])
        #expect(disputed.status == .corroborated)
    }

    @Test func twoSourcesOfOneGroupCountOnce() {
        let support = StatusRules.assess(claimant: uaMilitary, evidence: [supports(ukMOD), supports(ukPM)])
        #expect(support.independentGroups == 1)
        #expect(support.status == .corroborated)
        #expect(support.independent == [true, true])

        let against = StatusRules.assess(claimant: ukMOD, evidence: [contradicts(uaMilitary), contradicts(uaMFA)])
        #expect(against.contradictingGroups == 1)
        #expect(against.status == .contradicted)
    }

    @Test func sameSideContradictionCounts() {
        // A contradiction from the claimant's own side is still a contradiction.
        let result = StatusRules.assess(claimant: uaMilitary, evidence: [contradicts(uaMFA)])
        #expect(result.status == .contradicted)
    }

    // MARK: Grades

    @Test(arguments: [
        (ClaimStatus.confirmed, Verdict?.none, 1),
        (.corroborated, nil, 2),
        (.disputed, nil, 3),
        (.contradicted, nil, 5),
        (.unverified, nil, 6),
        (.resolved, .true, 1),
        (.resolved, .misleading, 4),
        (.resolved, .false, 5),
        (.resolved, .unproven, 6),
        (.retracted, nil, 5),
    ])
    func credibilityDigits(status: ClaimStatus, verdict: Verdict?, digit: Int) {
        #expect(StatusRules.credibility(status: status, verdict: verdict, previous: 3) == digit)
    }

    @Test func supersededKeepsItsDigit() {
        for previous in 1...6 {
            #expect(StatusRules.credibility(status: .superseded, verdict: nil, previous: previous) == previous)
        }
        let grade = StatusRules.grade(claimant: .B, status: .superseded, verdict: nil, previous: Grade(reliability: .B, credibility: 2))
        #expect(grade.description == "B2")
    }

    @Test func gradeIsClaimantLetterAndDigit() {
        #expect(StatusRules.grade(claimant: .C, status: .corroborated, verdict: nil, previous: nil).description == "C2")
        #expect(StatusRules.grade(claimant: .F, status: .unverified, verdict: nil, previous: nil).description == "F6")
        #expect(Grade("B2") == Grade(reliability: .B, credibility: 2))
        #expect(Grade("G2") == nil)
        #expect(Grade("B7") == nil)
    }

    // MARK: Order does not matter

    @Test func derivedStatusDoesNotDependOnOrder() {
        let pool = [uaMilitary, uaMFA, ukMOD, ukPM, ruMOD, ap, reuters, troll]
        var random = SeededRandom(seed: 0x1ED6E5)
        for _ in 0..<500 {
            let claimant = pool[Int(random.next() % UInt64(pool.count))]
            let count = Int(random.next() % 9)
            let evidence = (0..<count).map { _ in
                EvidenceFacts(
                    stance: random.next() % 3 == 0 ? .contradicts : .supports, origin: pool[Int(random.next() % UInt64(pool.count))])
            }
            let expected = StatusRules.assess(claimant: claimant, evidence: evidence)
            for _ in 0..<5 {
                var shuffled = Array(evidence.indices)
                shuffled.shuffle(using: &random)
                let result = StatusRules.assess(claimant: claimant, evidence: shuffled.map { evidence[$0] })
                #expect(result.status == expected.status)
                #expect(result.support == expected.support)
                #expect(result.contradictingGroups == expected.contradictingGroups)
                // Each row keeps its own independence wherever it lands.
                #expect(shuffled.enumerated().allSatisfy { result.independent[$0.offset] == expected.independent[$0.element] })
            }
        }
    }
}
