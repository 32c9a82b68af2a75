import LedgerTestSupport
import Testing

@testable import LedgerCore

struct LifecycleStoreTests {
    let day = LedgerDate("2022-09-10")

    func ledgerWithClaim() throws -> TestLedger {
        let test = try TestLedger()
        _ = try test.ledger.addClaim(NewClaim(statement: "Kupiansk seized", claimant: "ua-mfa", date: day))
        _ = try test.ledger.addEvidence(to: "C1", NewEvidence(stance: .supports, source: "uk-mod", date: day))
        _ = try test.ledger.addClaim(NewClaim(statement: "More than 3000 sq km", claimant: "ua-military", date: LedgerDate("2022-09-12")))
        return test
    }

    func close(_ test: TestLedger, _ action: LifecycleAction) throws {
        switch action {
        case .retract: _ = try test.ledger.changeLifecycle(of: "C1", .retract(source: "ua-mfa", date: LedgerDate("2022-09-12"), reason: "deleted"))
        case .resolve: _ = try test.ledger.changeLifecycle(of: "C1", .resolve(verdict: .true, reason: "geolocated", date: LedgerDate("2022-09-12")))
        case .supersede: _ = try test.ledger.changeLifecycle(of: "C1", .supersede(by: "C2"))
        case .reopen: _ = try test.ledger.changeLifecycle(of: "C1", .reopen(reason: "again", date: LedgerDate("2022-09-13")))
        }
    }

    @Test(arguments: [LifecycleAction.retract, .resolve, .supersede])
    func everyClosingIsAllowedFromOpenAndReopenable(action: LifecycleAction) throws {
        let test = try ledgerWithClaim()
        try close(test, action)
        let closed = try test.ledger.claim("C1").claim
        #expect(closed.status == action.closedStatus)
        #expect(try test.ledger.check() == [])

        // Every closing is refused on a closed claim, naming the way forward, and changes nothing.
        let before = try test.snapshot()
        for again in [LifecycleAction.retract, .resolve, .supersede] {
            let error = #expect(throws: LedgerError.self) { try close(test, again) }
            #expect(error?.exitCode == 65)
            #expect(error?.message == "C1 is \(closed.status.rawValue); nothing was changed. Run `ledger reopen C1 --reason …` first.")
        }
        #expect(try test.snapshot() == before)

        try close(test, .reopen)
        let reopened = try test.ledger.claim("C1").claim
        #expect(reopened.status == .corroborated)
        #expect(reopened.grade.description == "C2")
        #expect(reopened.verdict == nil && reopened.supersededBy == nil)
        #expect(try test.ledger.check() == [])
    }

    @Test func reopenIsRefusedOnAnOpenClaim() throws {
        let test = try ledgerWithClaim()
        let before = try test.snapshot()
        let error = #expect(throws: LedgerError.self) { try close(test, .reopen) }
        #expect(error?.message.contains("C1 is corroborated, which is open") == true)
        #expect(try test.snapshot() == before)
    }

    @Test func supersedeKeepsTheDigitAndRefusesSelfMissingAndCycles() throws {
        let test = try ledgerWithClaim()
        _ = try test.ledger.changeLifecycle(of: "C1", .supersede(by: "C2", reason: "a newer figure"))
        let superseded = try test.ledger.claim("C1")
        #expect(superseded.claim.status == .superseded)
        #expect(superseded.claim.supersededBy == 2)
        #expect(superseded.claim.grade.description == "C2")
        // Effective on the later claim's date.
        #expect(superseded.lifecycle.last?.effective == LedgerDate("2022-09-12"))

        _ = try test.ledger.addClaim(NewClaim(statement: "Third", claimant: "ru-mod", date: LedgerDate("2022-09-13")))
        _ = try test.ledger.changeLifecycle(of: "C2", .supersede(by: "C3"))
        let before = try test.snapshot()
        let cycle = #expect(throws: LedgerError.self) { try test.ledger.changeLifecycle(of: "C3", .supersede(by: "C1")) }
        #expect(cycle?.message.contains("would form a cycle (C1 → C2 → C3)") == true)
        let selfish = #expect(throws: LedgerError.self) { try test.ledger.changeLifecycle(of: "C3", .supersede(by: "C3")) }
        #expect(selfish?.message.contains("cannot supersede itself") == true)
        let missing = #expect(throws: LedgerError.self) { try test.ledger.changeLifecycle(of: "C3", .supersede(by: "C42")) }
        #expect(missing?.message.contains("There is no claim C42") == true)
        #expect(try test.snapshot() == before)
    }

    @Test func datesBeforeTheClaimOrItsLastChangeAreRefused() throws {
        let test = try ledgerWithClaim()
        let early = #expect(throws: LedgerError.self) {
            try test.ledger.changeLifecycle(of: "C1", .retract(date: LedgerDate("2022-09-09")))
        }
        #expect(early?.message.contains("on or after 2022-09-10") == true)
        _ = try test.ledger.changeLifecycle(of: "C1", .retract(date: LedgerDate("2022-09-12")))
        let beforeLast = #expect(throws: LedgerError.self) {
            try test.ledger.changeLifecycle(of: "C1", .reopen(reason: "x", date: LedgerDate("2022-09-11")))
        }
        #expect(beforeLast?.message.contains("on or after 2022-09-12") == true)
    }

    @Test func evidenceOnAClosedClaimIsKeptButDoesNotMoveIt() throws {
        let test = try ledgerWithClaim()
        _ = try test.ledger.changeLifecycle(of: "C1", .resolve(verdict: .false, reason: "old footage", date: LedgerDate("2022-09-11")))
        let outcome = try test.ledger.addEvidence(to: "C1", NewEvidence(stance: .supports, source: "ap", date: LedgerDate("2022-09-12")))
        #expect(outcome.claimWasClosed)
        #expect(outcome.detail.claim.status == .resolved)
        #expect(outcome.detail.claim.grade.description == "C5")
        #expect(outcome.detail.claim.support.independent == 2)
        #expect(outcome.detail.isAfterClosing(outcome.evidence))
        #expect(!outcome.detail.isAfterClosing(outcome.detail.evidence[0]))
        #expect(try test.ledger.check() == [])
    }

    @Test func asOfShowsWhatWasEffectiveThen() throws {
        let test = try ledgerWithClaim()
        _ = try test.ledger.addEvidence(to: "C1", NewEvidence(stance: .contradicts, source: "ru-mod", date: LedgerDate("2022-09-11T08:00:00Z")))
        _ = try test.ledger.changeLifecycle(of: "C1", .resolve(verdict: .true, reason: "confirmed", date: LedgerDate("2022-09-12")))

        func status(_ asOf: String) throws -> ClaimStatus { try test.ledger.claim("C1", asOf: LedgerDate(asOf)).claim.status }
        #expect(try status("2022-09-10") == .corroborated)
        #expect(try status("2022-09-11T07:59:59Z") == .corroborated)
        #expect(try status("2022-09-11") == .disputed)
        #expect(try status("2022-09-12") == .resolved)
        #expect(try test.ledger.claim("C1", asOf: LedgerDate("2022-09-11")).evidence.count == 2)
        #expect(try test.ledger.claim("C1", asOf: LedgerDate("2022-09-11")).lifecycle.isEmpty)

        let notYet = #expect(throws: LedgerError.self) { try test.ledger.claim("C2", asOf: LedgerDate("2022-09-11")) }
        #expect(notYet?.message.contains("not yet in the ledger") == true)

        #expect(try test.ledger.claims(asOf: LedgerDate("2022-09-09")).isEmpty)
        #expect(try test.ledger.claims(asOf: LedgerDate("2022-09-11")).map(\.label) == ["C1"])
        #expect(try test.ledger.claims(ClaimFilter(statuses: [.disputed]), asOf: LedgerDate("2022-09-11")).map(\.label) == ["C1"])
        #expect(try test.ledger.claims(ClaimFilter(statuses: [.disputed])).isEmpty)
    }
}

struct UndoTests {
    @Test func undoWalksBackAndRefusesAtTheStart() throws {
        let folder = TemporaryFolder()
        let ledger = try Ledger.create(at: folder.file("undo.db"), actor: "tester")
        let empty = #expect(throws: LedgerError.self) { try ledger.undo() }
        #expect(empty?.message == "The log is empty; there is nothing to undo.")

        _ = try ledger.addSource(NewSource(handle: "uk-mod", name: "UK MoD", affiliation: "UK", reliability: .B))
        _ = try ledger.addSource(NewSource(handle: "ua", name: "Ukraine", affiliation: "UA", reliability: .C))
        _ = try ledger.addClaim(NewClaim(statement: "50 km", claimant: "ua", date: LedgerDate("2022-09-10")))
        _ = try ledger.addEvidence(to: "C1", NewEvidence(stance: .supports, source: "uk-mod", date: LedgerDate("2022-09-10")))
        _ = try ledger.editSource("uk-mod", SourceChanges(reliability: .E))
        #expect(try ledger.claim("C1").claim.status == .unverified)

        let first = try ledger.undo()
        #expect(first.undone.action == .sourceEdit)
        #expect(try ledger.claim("C1").claim.status == .corroborated)
        #expect(try ledger.source("uk-mod").source.reliability == .B)
        let second = try ledger.undo()
        #expect(second.undone.action == .evidenceAdd)
        #expect(second.statusBefore == .corroborated && second.statusAfter == .unverified)
        #expect(try ledger.undo().undone.action == .claimAdd)
        #expect(throws: LedgerError.self) { try ledger.claim("C1") }
        #expect(try ledger.undo().undone.action == .sourceAdd)
        #expect(try ledger.undo().undone.action == .sourceAdd)
        #expect(try ledger.sources().isEmpty)
        let none = #expect(throws: LedgerError.self) { try ledger.undo() }
        #expect(none?.message.contains("already been undone") == true)
        #expect(try ledger.check() == [])
        // The log kept every change and every undo.
        #expect(try ledger.log().count == 12)
        // A new claim never takes an undone claim's id.
        _ = try ledger.addSource(NewSource(handle: "ua", name: "Ukraine"))
        #expect(try ledger.addClaim(NewClaim(statement: "again", claimant: "ua")).claim.label == "C2")
    }

    /// Any sequence of changes followed by as many undos restores every claim as `show --json` shows it.
    @Test func anySequenceOfChangesIsUndoneByAsManyUndos() throws {
        for seed in 0..<12 as Range<UInt64> {
            var random = SeededRandom(seed: seed &* 7919 &+ 17)
            let test = try TestLedger()
            _ = try test.ledger.addClaim(NewClaim(statement: "Kupiansk seized", claimant: "ua-mfa", date: LedgerDate("2022-09-10")))
            _ = try test.ledger.addEvidence(to: "C1", NewEvidence(stance: .supports, source: "ua-military"))
            let before = try observable(test.ledger)
            func undoable() throws -> Int { try test.ledger.log().filter { $0.action != .rederive && $0.action != .undo }.count }
            let baseline = try undoable()

            let handles = ["ua-military", "ua-mfa", "uk-mod", "ru-mod", "ap"]
            var changes = 0
            for _ in 0..<25 {
                let claims = try test.ledger.claims().map(\.label)
                let claim = claims[Int(random.next() % UInt64(claims.count))]
                let other = claims[Int(random.next() % UInt64(claims.count))]
                let handle = handles[Int(random.next() % UInt64(handles.count))]
                do {
                    switch random.next() % 9 {
                    case 0: _ = try test.ledger.addClaim(NewClaim(statement: "claim \(changes)", claimant: handle, date: LedgerDate("2022-09-1\(random.next() % 3)")))
                    case 1: _ = try test.ledger.addEvidence(to: claim, NewEvidence(stance: .supports, source: handle))
                    case 2: _ = try test.ledger.addEvidence(to: claim, NewEvidence(stance: .contradicts, source: handle, citing: random.next() % 2 == 0 ? nil : handles[Int(random.next() % 5)]))
                    case 3: _ = try test.ledger.changeLifecycle(of: claim, .retract())
                    case 4: _ = try test.ledger.changeLifecycle(of: claim, .resolve(verdict: Verdict.allCases[Int(random.next() % 4)], reason: "r"))
                    case 5: _ = try test.ledger.changeLifecycle(of: claim, .supersede(by: other))
                    case 6: _ = try test.ledger.changeLifecycle(of: claim, .reopen(reason: "r"))
                    case 7: _ = try test.ledger.editSource(handle, SourceChanges(reliability: Reliability.allCases[Int(random.next() % 6)]))
                    default: _ = try test.ledger.editSource(handle, SourceChanges(affiliation: ["UA", "UK", "RU", ""][Int(random.next() % 4)]))
                    }
                    changes += 1
                } catch {
                    // A refused change changes nothing and is not counted; only refusals are expected here.
                    #expect(error.exitCode == 65, "seed \(seed): \(error.message)")
                }
                #expect(try test.ledger.check() == [], "seed \(seed)")
            }
            // A source edit that changes nothing is not a change and is not logged.
            let logged = try undoable() - baseline
            #expect(logged >= 10, "seed \(seed) made too few changes to test anything")
            for _ in 0..<logged { _ = try test.ledger.undo() }
            #expect(try observable(test.ledger) == before, "seed \(seed): \(changes) changes, \(logged) logged")
            #expect(try test.ledger.check() == [])
        }
    }

    func observable(_ ledger: Ledger) throws -> [String] {
        let claims = try ledger.claims().map { try JSONShapes.claim($0, evidence: ledger.claim($0.label).evidence).serialized() }
        let sources = try ledger.sources().map { JSONShapes.source($0).serialized() }
        return claims + sources
    }
}

struct CheckTests {
    func exampleLedger() throws -> TestLedger {
        let test = try TestLedger()
        let day = LedgerDate("2022-09-10")
        _ = try test.ledger.addClaim(NewClaim(statement: "50 km", claimant: "ua-military", date: day))
        _ = try test.ledger.addEvidence(to: "C1", NewEvidence(stance: .supports, source: "uk-mod", date: day))
        _ = try test.ledger.addClaim(NewClaim(statement: "Regrouping", claimant: "ru-mod", date: day))
        _ = try test.ledger.addEvidence(to: "C2", NewEvidence(stance: .contradicts, source: "ua-mfa", date: day))
        _ = try test.ledger.changeLifecycle(of: "C2", .resolve(verdict: .misleading, reason: "a rout", date: day))
        return test
    }

    @Test func passesOnAnUntouchedLedger() throws {
        let test = try exampleLedger()
        let problems = try test.ledger.check()
        #expect(problems == [], "\(problems)")
    }

    @Test(.sqliteOnly, arguments: [
        ("UPDATE claim SET status = 'confirmed' WHERE id = 1", "C1: stored status is confirmed, but its evidence and lifecycle give corroborated."),
        ("UPDATE claim SET grade = 'A1' WHERE id = 1", "C1: stored grade is A1, but its evidence and lifecycle give C2."),
        ("UPDATE claim SET support_echoes = 3 WHERE id = 1", "C1: stored support 1 (+3 echoes)"),
        ("UPDATE claim SET verdict = 'true' WHERE id = 2", "C2: stored verdict is true, but its evidence and lifecycle give misleading."),
        ("UPDATE source SET reliability = 'E' WHERE handle = 'uk-mod'", "C1: stored status is corroborated, but its evidence and lifecycle give unverified."),
        ("DELETE FROM evidence WHERE id = 1", "E1 on C1 is missing from the ledger, but the log wrote it."),
        ("DELETE FROM lifecycle", "C2: stored status is resolved, but its evidence and lifecycle give contradicted."),
        ("DELETE FROM log WHERE action = 'claim-add' AND claim_id = 2", "C2 is in the ledger, but no log entry wrote it."),
        ("DELETE FROM log WHERE action = 'claim-add' AND claim_id = 2", "Log entry #9 was altered, or an entry before it was removed"),
        ("UPDATE claim SET statement = 'Retreat' WHERE id = 2", "C2: its statement is 'Retreat' in the ledger, but the log gives 'Regrouping'."),
        ("UPDATE evidence SET claim_id = 99 WHERE id = 2", "evidence row 2 refers to a missing row in claim."),
        ("INSERT INTO lifecycle (uuid, claim_id, action, effective, reason, verdict, step, recorded_at, recorded_by) VALUES ('00000000-0000-4000-8000-00000000000a', 2, 'resolve', '2022-09-11', 'x', 'true', 2, 't', 'u')", "C2: its lifecycle has a resolve while the claim was closed."),
    ])
    func catchesTamperingThroughSQL(sql: String, problem: String) throws {
        let test = try exampleLedger()
        try test.ledger.db.execute("PRAGMA foreign_keys = OFF")
        try test.ledger.db.execute(sql)
        let problems = try test.reopen(.read).check()
        #expect(problems.contains { $0.hasPrefix(problem) }, "got \(problems)")
    }
}
