import Foundation
import LedgerTestSupport
import Testing

@testable import LedgerCore

/// The pictures' data and their text equivalents: a claim's status day by day, the ledger
/// over time, who echoes whom, and what each picture draws.
struct ChartTests {
    let claimant = SourceStanding(handle: "ua-military", affiliation: "UA", reliability: .C)
    let uk = EvidenceFacts(stance: .supports, origin: SourceStanding(handle: "uk-mod", affiliation: "UK", reliability: .B))
    let ap = EvidenceFacts(stance: .supports, origin: SourceStanding(handle: "ap", reliability: .B))
    let ru = EvidenceFacts(stance: .contradicts, origin: SourceStanding(handle: "ru-mod", affiliation: "RU", reliability: .D))
    let echo = EvidenceFacts(stance: .supports, origin: SourceStanding(handle: "ua-mfa", affiliation: "UA", reliability: .C))

    func day(_ text: String) -> LedgerDate { LedgerDate(text)! }

    @Test func historyStepsOnEachDayTheStatusMoves() {
        let steps = ClaimRules.history(
            claimant: claimant, made: day("2022-09-10"),
            evidence: [
                (day("2022-09-08"), echo),  // before the claim: counts from its day, and only echoes
                (day("2022-09-11T09:00:00Z"), uk), (day("2022-09-11T18:00:00Z"), ap),  // one day, two moments: one step
                (day("2022-09-13"), ru),
            ],
            lifecycle: [(day("2022-09-15"), LifecycleFacts(action: .retract)), (day("2022-09-16"), LifecycleFacts(action: .reopen))])
        #expect(
            steps == [
                StatusStep(day: "2022-09-10", status: .unverified), StatusStep(day: "2022-09-11", status: .confirmed),
                StatusStep(day: "2022-09-13", status: .disputed), StatusStep(day: "2022-09-15", status: .retracted),
                StatusStep(day: "2022-09-16", status: .disputed),
            ])
        // A day on which nothing moves the status adds no step; a claim without evidence has one.
        #expect(ClaimRules.history(claimant: claimant, made: day("2022-09-10"), evidence: [(day("2022-09-12"), echo)], lifecycle: []).count == 1)
        let withdrawn = EvidenceFacts(stance: .supports, origin: uk.origin, withdrawn: true)
        #expect(ClaimRules.history(claimant: claimant, made: day("2022-09-10"), evidence: [(day("2022-09-12"), withdrawn)], lifecycle: []) == [
            StatusStep(day: "2022-09-10", status: .unverified)
        ])
    }

    @Test func theLedgerOverTimeCountsEachDayFromTheClaimsSteps() {
        var overTime = LedgerOverTime()
        overTime.add([StatusStep(day: "2022-09-10", status: .unverified), StatusStep(day: "2022-09-12", status: .corroborated)])
        overTime.add([StatusStep(day: "2022-09-11", status: .unverified)])
        overTime.add([StatusStep(day: "2022-09-12", status: .contradicted), StatusStep(day: "2022-09-14", status: .retracted)])
        let index = LedgerOverTime.index
        func counts(_ pairs: [ClaimStatus: Int]) -> [Int] {
            var counts = [Int](repeating: 0, count: LedgerOverTime.order.count)
            for (status, count) in pairs { counts[index[status]!] = count }
            return counts
        }
        let rows = overTime.rows
        #expect(rows.map(\.day) == ["2022-09-10", "2022-09-11", "2022-09-12", "2022-09-14"])
        #expect(rows[0].counts == counts([.unverified: 1]))
        #expect(rows[1].counts == counts([.unverified: 2]))
        #expect(rows[2].counts == counts([.unverified: 1, .corroborated: 1, .contradicted: 1]))
        #expect(rows[3].counts == counts([.unverified: 1, .corroborated: 1, .retracted: 1]))
        // Every day is a column (the 13th repeats the 12th); only changes make rows.
        #expect(overTime.samples.count == 5)
        #expect(overTime.statusesShown == [.corroborated, .contradicted, .unverified, .retracted])
        let picture = try! #require(overTime.picture(standalone: true))
        #expect(picture.caption.contains("3 claims by status, from 2022-09-10 to 2022-09-14; at the end: 1 corroborated, 1 unverified, 1 retracted."))
        // One band per status shown, each named.
        #expect(picture.svg.components(separatedBy: "<path ").count - 1 == 4)
        for status in overTime.statusesShown { #expect(picture.svg.contains("<title>\(status.rawValue)</title>")) }
    }

    @Test func aLongSpanIsSampledIntoAtMostAFixedNumberOfColumns() {
        var overTime = LedgerOverTime()
        for offset in stride(from: 0, to: 3650, by: 7) {
            overTime.add([StatusStep(day: DayNumber.text(DayNumber.of("2015-01-01") + offset), status: offset % 2 == 0 ? .unverified : .disputed)])
        }
        let samples = overTime.samples
        #expect(samples.count == LedgerOverTime.columns)
        // The last column ends on the last day, and holds every claim.
        #expect(samples.last!.day == DayNumber.of("2015-01-01") + 3647)
        #expect(samples.last!.counts.reduce(0, +) == 522)
        #expect(overTime.picture(standalone: false)!.caption.contains("Each column is 8 days, counted at its last day"))
    }

    @Test func pictureTextEquivalentsOfAClaim() throws {
        let test = try TestLedger()
        let ledger = test.ledger
        _ = try ledger.addClaim(NewClaim(statement: "Retook 1000 sq km", claimant: "ua-military", date: day("2022-09-10"), quantity: "more than 1000 sq km"))
        _ = try ledger.addEvidence(to: "C1", NewEvidence(stance: .supports, source: "uk-mod", date: day("2022-09-11"), quantity: "about 1200 sq km"))
        _ = try ledger.addEvidence(to: "C1", NewEvidence(stance: .supports, source: "ua-mfa", date: day("2022-09-11")))
        _ = try ledger.addEvidence(to: "C1", NewEvidence(stance: .contradicts, source: "ru-mod", date: day("2022-09-12"), note: "Denied"))
        _ = try ledger.addEvidence(to: "C1", NewEvidence(stance: .supports, source: "ap", citing: "uk-mod", date: day("2022-09-12")))
        _ = try ledger.withdraw("E4", reason: "Wrong claim")
        var details: [ClaimDetail] = []
        try ledger.forEachReportClaim(ClaimFilter(), history: true) { detail, _ in details.append(detail) }
        let detail = try #require(details.first)
        #expect(detail.history.map(\.status) == [.unverified, .corroborated, .disputed])

        let timeline = ClaimPictures.timeline(detail, standalone: true)
        #expect(timeline.name == "c1-timeline" && timeline.fileName == "c1-timeline.svg")
        #expect(
            timeline.caption
                == "C1 from 2022-09-10 to 2022-09-12: 2 pieces of evidence for, 1 against (1 of them an echo or not counted), 1 withdrawn. "
                + "Status: unverified from 2022-09-10; corroborated from 2022-09-11; disputed from 2022-09-12.")
        // Four marks: full for counted (one for, one against), hollow for the echo, struck through for the withdrawn.
        func count(_ text: String, in svg: String) -> Int { svg.components(separatedBy: text).count - 1 }
        #expect(count("<circle ", in: timeline.svg) == 4)
        #expect(count("<circle class=\"ef\"", in: timeline.svg) == 1 && count("<circle class=\"ea\"", in: timeline.svg) == 1)
        #expect(count("<circle class=\"hf\"", in: timeline.svg) == 1 && count("<circle class=\"wd\"", in: timeline.svg) == 1)
        #expect(count("<line class=\"ws\"", in: timeline.svg) == 1, "the withdrawn mark is struck through")
        #expect(timeline.svg.contains("<title>Timeline of C1</title>\n<desc>C1 from 2022-09-10"))
        #expect(timeline.svg.contains("<style>" + SVG.style + "</style>"))
        #expect(count("<rect class=\"b-", in: timeline.svg) == 3, "a band segment per step")
        // Inline, the page describes it (its figcaption) and styles it.
        let inline = ClaimPictures.timeline(detail, standalone: false).svg
        #expect(!inline.contains("<desc>") && !inline.contains("<style>") && inline.hasPrefix("<svg id=\"c1-timeline\" class=\"chart\""))

        let figures = try #require(ClaimPictures.figures(detail, standalone: true))
        #expect(figures.caption.hasPrefix("The 2 figures given for C1, on one axis in km2: C1 (1000, ∞) km2; E1 "))
        guard case .agree(let range) = detail.figures!.agreement else { Issue.record("no agreed range"); return }
        #expect(figures.caption.hasSuffix("The independent supporting figures agree on " + range.intervalText + "."))
        #expect(figures.svg.contains("agreed: "))

        var graph = EchoGraph()
        graph.add(detail)
        // The echo of the claimant's group; the withdrawn citation is left out.
        #expect(graph.sorted.map { "\($0.pair.from)>\($0.pair.to) \($0.relation.cites)/\($0.relation.echoes)" } == ["ua-mfa>ua-military 0/1"])
        #expect(graph.claimsDiscounted == 1)
        let picture = try #require(graph.picture(affiliation: { $0 == "ap" ? "" : $0.hasPrefix("ua") ? "UA" : "X" }, standalone: true))
        #expect(picture.caption == "2 sources in 1 group (by affiliation); 0 citing relations, and discounted echoes on 1 claim.")
    }

    @Test func theEchoGraphKeepsAFewExamplesPerRelationAndDrawsTheBusiestSources() {
        var graph = EchoGraph()
        func detail(_ number: Int64, source: String, citing: String?) -> ClaimDetail {
            let claim = Claim(
                number: number, uuid: "u\(number)", statement: "s", claimant: "c0", date: LedgerDate("2022-09-10")!, tags: [], status: .unverified,
                grade: Grade(reliability: .C, credibility: 6), support: Support(independent: 0, echoes: 0), contradictions: 0,
                recordedAt: "", recordedBy: "")
            var row = Evidence(
                number: number, uuid: "e\(number)", claimNumber: number, stance: .supports, source: source, citing: citing,
                date: LedgerDate("2022-09-11")!, independent: false, forced: false, whileClosed: false, recordedAt: "", recordedBy: "")
            row.countsAs = "independent"
            return ClaimDetail(claim: claim, evidence: [row], lifecycle: [], claimantName: "c0")
        }
        // A contradiction from a source graded E is not an echo of anyone (found by a hostile review).
        var graded = detail(999, source: "e1", citing: nil)
        graded.evidence[0].stance = .contradicts
        graded.evidence[0].countsAs = "not counted (reliability E)"
        graph.add(graded)
        #expect(graph.isEmpty && graph.claimsDiscounted == 0)
        for number in 1...60 { graph.add(detail(Int64(number), source: "s\(number % 45)", citing: "t\(number % 45)")) }
        graph.add(detail(61, source: "s1", citing: "t1"))
        let first = graph.relations[EchoGraph.Pair(from: "s1", to: "t1")]!
        #expect(first.cites == 3 && first.claims == 3 && first.examples == ["C1", "C46"])
        #expect(graph.relations.count == 45)
        let picture = graph.picture(affiliation: { _ in "" }, standalone: false)!
        // 90 sources: the 36 busiest are drawn, and the caption says so.
        #expect(picture.caption.hasSuffix("The 36 sources with the most relations are drawn; the table lists all."))
        #expect(picture.svg.components(separatedBy: "<rect class=\"nd\"").count - 1 == 36)
    }
}
