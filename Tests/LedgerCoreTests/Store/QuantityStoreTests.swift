import LedgerTestSupport
import Testing

@testable import LedgerCore

struct QuantityStoreTests {
    let day = LedgerDate("2022-09-10")

    func ledger() throws -> TestLedger {
        let test = try TestLedger()
        _ = try test.ledger.addClaim(NewClaim(statement: "50 km depth", claimant: "ua-military", date: day, quantity: "50 km"))
        return test
    }

    @Test func quantitiesAreStoredAsGivenAndAsIntervals() throws {
        let test = try ledger()
        let claim = try test.reopen(.read).claim("C1").claim
        #expect(claim.quantity == Quantity(text: "50 km", low: 50, high: 50, dimension: .length))
        let json = JSONShapes.claim(claim).serialized(pretty: false)
        #expect(json.contains(#""quantity":{"text":"50 km","low":50,"high":50,"low_included":true,"high_included":true,"unit":"km","dimension":"length"}"#))
        _ = try test.ledger.addClaim(NewClaim(statement: "1000 sq km", claimant: "ua-military", quantity: "more than 1000 sq km"))
        #expect(JSONShapes.claim(try test.ledger.claim("C2").claim).serialized(pretty: false).contains(#""low":1000,"high":null,"low_included":false,"high_included":false,"unit":"km2""#))
    }

    @Test func inconsistentSupportIsRefusedUnlessForced() throws {
        let test = try ledger()
        let before = try test.snapshot()
        let error = #expect(throws: LedgerError.self) {
            try test.ledger.addEvidence(to: "C1", NewEvidence(stance: .supports, source: "uk-mod", quantity: "up to 40 km"))
        }
        #expect(error?.exitCode == 65)
        #expect(error?.message.contains("'up to 40 km' ([0, 40] km) is inconsistent with C1's '50 km' (50 km)") == true)
        #expect(error?.message.contains("ledger contradict C1") == true)
        #expect(try test.snapshot() == before)

        let forced = try test.ledger.addEvidence(to: "C1", NewEvidence(stance: .supports, source: "uk-mod", quantity: "up to 40 km", force: true))
        #expect(forced.evidence.forced)
        #expect(forced.detail.claim.status == .corroborated)
        // A consistent figure is never flagged, even with --force.
        let fine = try test.ledger.addEvidence(to: "C1", NewEvidence(stance: .supports, source: "ap", quantity: "as much as 50 km", force: true))
        #expect(!fine.evidence.forced)
        // A contradiction may give any figure of the same kind.
        _ = try test.ledger.addEvidence(to: "C1", NewEvidence(stance: .contradicts, source: "ru-mod", quantity: "5 km"))
        #expect(try test.ledger.check() == [])
    }

    @Test func incomparableFiguresAreRefusedEvenWhenForced() throws {
        let test = try ledger()
        for stance in [Stance.supports, .contradicts] {
            let error = #expect(throws: LedgerError.self) {
                try test.ledger.addEvidence(to: "C1", NewEvidence(stance: stance, source: "uk-mod", quantity: "50 sq km", force: true))
            }
            #expect(error?.message.contains("measures area and C1's '50 km' measures length; they cannot be compared") == true)
        }
    }

    @Test func figuresAndTheirAgreedRange() throws {
        let test = try ledger()
        _ = try test.ledger.addEvidence(to: "C1", NewEvidence(stance: .supports, source: "uk-mod", quantity: "as much as 50 km"))
        _ = try test.ledger.addEvidence(to: "C1", NewEvidence(stance: .supports, source: "ap", quantity: "more than 40 km"))
        // An echo's figure is listed but not part of the agreement.
        _ = try test.ledger.addEvidence(to: "C1", NewEvidence(stance: .supports, source: "ua-mfa", quantity: "about 50 km"))
        let figures = try #require(try test.ledger.claim("C1").figures)
        #expect(figures.all.map(\.label) == ["C1", "E1", "E2", "E3"])
        #expect(figures.agreement == .agree(Quantity(text: "(40, 50] km", low: 40, high: 50, lowOpen: true, dimension: .length)))

        // A forced figure is listed, marked, and left out of the agreement (SPEC §4).
        _ = try test.ledger.addEvidence(to: "C1", NewEvidence(stance: .supports, source: "ru-mod", quantity: "30 km", force: true))
        let forced = try #require(try test.ledger.claim("C1").figures)
        #expect(forced.all.map(\.forced) == [nil, nil, nil, nil, "forced: not in the agreed range"])
        #expect(forced.agreement == figures.agreement)

        // Figures each consistent with the claim's but not with each other disagree.
        _ = try test.ledger.addClaim(NewClaim(statement: "30 to 60 km", claimant: "ua-military", quantity: "30-60 km"))
        _ = try test.ledger.addEvidence(to: "C2", NewEvidence(stance: .supports, source: "uk-mod", quantity: "up to 35 km"))
        _ = try test.ledger.addEvidence(to: "C2", NewEvidence(stance: .supports, source: "ap", quantity: "more than 50 km"))
        #expect(try test.ledger.claim("C2").figures?.agreement == .disagree)
    }

    @Test func placesMatchIgnoringCaseDiacriticsAndApostrophes() throws {
        let test = try TestLedger()
        _ = try test.ledger.addClaim(NewClaim(statement: "Town retaken", claimant: "ua-mfa", place: "Kup'iansk, Kharkiv oblast"))
        _ = try test.ledger.addClaim(NewClaim(statement: "Evacuation", claimant: "ru-mod", place: "Izyum"))
        for typed in ["Kupiansk", "kupiansk", "Kup’iansk", "KUPIÁNSK", "kharkiv"] {
            #expect(try test.ledger.claims(ClaimFilter(place: typed)).map(\.label) == ["C1"], "\(typed)")
        }
        #expect(try test.ledger.claims(ClaimFilter(place: "Izium")).isEmpty)
    }

    @Test func searchFindsWordsAnywhereAndRanksThem() throws {
        let test = try TestLedger()
        _ = try test.ledger.addClaim(NewClaim(statement: "Ukrainian troops retook Kupiansk", claimant: "ua-mfa", place: "Kupiansk", tags: ["kupiansk"]))
        _ = try test.ledger.addClaim(NewClaim(statement: "Russian forces regroup", claimant: "ru-mod", quote: "regrouped from Izyum"))
        _ = try test.ledger.addClaim(NewClaim(statement: "Supply lines cut", claimant: "ua-military"))
        _ = try test.ledger.addEvidence(to: "C3", NewEvidence(stance: .supports, source: "uk-mod", quote: "forces around Izyum increasingly isolated"))

        func search(_ text: String) throws -> [String] { try test.ledger.claims(ClaimFilter(search: text)).map(\.label) }
        #expect(try search("Kup'iansk") == ["C1"])
        #expect(Set(try search("izyum")) == ["C2", "C3"])
        #expect(try search("isolated") == ["C3"])
        #expect(try search("regroup*") == ["C2"])
        #expect(try search("Izyum isolated") == ["C3"])
        #expect(try search("troops AND NOT Kupiansk") == [])
        // FTS5 syntax is read as words, never as operators or SQL.
        for hostile in ["\"", "NEAR(Izyum Kupiansk)", "-Izyum", "(Izyum", "Izyum)", "statement:Izyum", "'; DROP TABLE claim; --", "*", "^Izyum"] {
            let result = try? search(hostile)
            if hostile == "*" || hostile == "\"" {
                #expect(result == nil)
            } else {
                #expect(result != nil, "\(hostile)")
            }
        }
        #expect(try test.count("claim") == 3)
        // The index follows undo.
        _ = try test.ledger.undo()
        #expect(try search("isolated") == [])
        #expect(try test.ledger.check() == [])
    }

    /// Best matches first (BM25): a claim that names the word often, in few words, before one
    /// that names it once among many, whatever order they were recorded in.
    @Test func searchRanksBestMatchesFirst() throws {
        let test = try TestLedger()
        _ = try test.ledger.addClaim(
            NewClaim(
                statement: "Forces moved along the river past several villages and towns while officials spoke of Balakliya and Izyum",
                claimant: "ua-mfa"))
        _ = try test.ledger.addClaim(NewClaim(statement: "Evacuation ordered", claimant: "ru-mod", quote: "Izyum residents leave Izyum"))
        _ = try test.ledger.addClaim(NewClaim(statement: "Izyum encircled near Izyum", claimant: "ua-military", place: "Izyum", tags: ["izyum"]))
        let ranked = try test.ledger.claims(ClaimFilter(search: "izyum")).map(\.label)
        #expect(ranked == ["C3", "C2", "C1"], "ranked \(ranked): recorded order would be C1, C2, C3")
        // Without a search, claims come in their own order.
        #expect(try test.ledger.claims(ClaimFilter()).map(\.label) == ["C1", "C2", "C3"])
    }
}
