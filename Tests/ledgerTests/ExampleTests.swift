import Foundation
import Testing

/// The worked example (examples/kharkiv-2022) runs end to end and yields the statuses
/// a reader of the 11 September 2022 report would give.
struct ExampleTests {
    @Test func kharkivExampleStatuses() throws {
        let workspace = Workspace()
        let db = try runExample(into: workspace)
        let result = try workspace.run(["list", "--json"], environment: ["LEDGER_DB": db])
        let claims = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let statuses = Dictionary(uniqueKeysWithValues: claims.map { ($0.string("id") ?? "", $0.string("status") ?? "") })
        #expect(statuses == [
            "C1": "unverified",  // 1000 sq km: the Ukrainian military alone
            "C2": "corroborated",  // 50 km depth: matched by the UK MoD
            "C3": "unverified",  // Kupiansk: the SBU only echoes the Foreign Ministry (same side)
            "C4": "confirmed",  // pull-back: Zelensky and the Balakliya videos, two groups
            "C5": "contradicted",  // "planned regrouping": Zelensky says they run
            "C6": "unverified",  // 30 settlements: Zelensky alone
            "C7": "unverified",  // Izyum evacuation: the Russian-appointed head alone
            "C8": "corroborated",  // Izyum supply lines: the UK MoD's "increasingly isolated"
        ])
        let kupiansk = try #require(claims.first { $0.string("id") == "C3" })
        #expect((kupiansk["support"] as? [String: Int]) == ["independent": 0, "echoes": 1])
        let pullback = try #require(claims.first { $0.string("id") == "C4" })
        #expect(pullback.string("grade") == "D1")
    }
}
