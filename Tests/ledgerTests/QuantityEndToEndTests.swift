import Foundation
import LedgerTestSupport
import Testing

struct QuantityEndToEndTests {
    func workspace() throws -> Workspace {
        let workspace = try Workspace().seeded()
        try workspace.ok("add", "Units penetrated to a depth of 50 km", "--source", "ua-military", "--quantity", "a depth of 50 kilometres", "--place", "Kharkiv oblast")
        return workspace
    }

    @Test func inconsistentFigureIsRefusedThenForced() throws {
        let workspace = try workspace()
        let before = workspace.fileBytes()
        let refused = try workspace.run(["corroborate", "C2", "--source", "uk-mod", "--quantity", "up to 40 km"])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("is inconsistent with C2's 'a depth of 50 kilometres' (50 km)"))
        #expect(refused.stderr.contains("ledger contradict C2"))
        #expect(workspace.fileBytes() == before)

        let forced = try #require(try workspace.json("corroborate", "C2", "--source", "uk-mod", "--quantity", "up to 40 km", "--force") as? [String: Any])
        #expect(forced.string("status") == "corroborated")
        let shown = try workspace.ok("show", "C2")
        #expect(shown.contains("[forced: inconsistent quantity]"))
        // A forced figure is shown, marked, and left out of the agreed range (SPEC §4).
        #expect(shown.contains("[0, 40] km (forced: not in the agreed range)"), "\(shown)")
        #expect(shown.contains("No independent supporting figure yet."), "\(shown)")
        try workspace.ok("source", "add", "isw", "--name", "ISW", "--affiliation", "US")
        try workspace.ok("corroborate", "C2", "--source", "isw", "--quantity", "about 50 km")
        let agreed = try workspace.ok("report")
        #expect(agreed.contains("Independent supporting figures agree on \\[45, 55\\] km."), "\(agreed)")
        #expect(agreed.contains("| \\[0, 40\\] km (forced: not in the agreed range) |"), "\(agreed)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(workspace.ok("report", "--format", "json").utf8)) as? [String: Any])
        let c2 = try #require((json["claims"] as? [[String: Any]])?.first { $0["id"] as? String == "C2" })
        let range = try #require(c2["agreed_range"] as? [String: Any])
        #expect(range["low"] as? Double == 45 && range["high"] as? Double == 55)
    }

    /// A ledger written by the previous version (schema 3) with figures it read otherwise
    /// ("300 dead" a count of "dead"s, "upwards of 600" exactly 600, "300 acres" a count):
    /// they keep their stored meaning, `check` names them, `refigure` re-reads them as logged
    /// corrections, and a figure that no longer reads is kept and named.
    @Test(.sqliteOnly) func figuresStoredByAnEarlierVersionAreReadAgainOnRequest() throws {
        let workspace = Workspace()
        try FileManager.default.copyItem(atPath: Workspace.fixtures + "/v3-figures/figures-v3.ledger", toPath: workspace.db)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: workspace.db)
        let stale = try workspace.run(["check"])
        #expect(stale.status == 65)
        #expect(stale.stdout.contains("C1: its quantity '300 dead' is stored as 300 dead, but reads as 300 death (a count of deaths); `ledger refigure`"), "\(stale.stdout)")
        #expect(stale.stdout.contains("C3: its quantity '11.300 killed' no longer reads as a figure"), "\(stale.stdout)")
        #expect(stale.stderr.contains("9 problems found"), "\(stale.stderr)")
        let c5 = try #require((try workspace.json("show", "C5") as? [String: Any])?["quantity"] as? [String: Any])
        #expect(c5["dimension"] as? String == "count", "a stored figure keeps its meaning until re-read")

        let refigured = try workspace.run(["refigure"])
        #expect(refigured.status == 0, "\(refigured.stderr)")
        #expect(refigured.stderr.contains("Re-read C1 (log entry #16): C1's '300 dead' '300 dead (a count of deads)' → '300 death (a count of deaths)'"), "\(refigured.stderr)")
        #expect(refigured.stderr.contains("E2 'not forced' → 'forced'"), "support of exactly 600 no longer fits 'upwards of 600'")
        #expect(refigured.stderr.contains("Kept C3 as stored: C3's '11.300 killed' no longer reads"))
        #expect(refigured.stderr.contains("7 claims re-read, 1 kept as stored."))
        let area = try #require((try workspace.json("show", "C5") as? [String: Any])?["quantity"] as? [String: Any])
        #expect(area["dimension"] as? String == "area" && area["unit"] as? String == "km2")
        #expect(try workspace.ok("show", "C4").contains("[forced: inconsistent quantity] 600 troops"))
        let left = try workspace.run(["check"])
        #expect(left.status == 65 && left.stderr.contains("1 problem found") && left.stdout.contains("C3: its quantity '11.300 killed'"), "\(left.stdout)")
        try workspace.ok("edit", "C3", "--quantity", "11,300 killed", "--reason", "The ministry's figure is 11,300")
        #expect(try workspace.run(["check"]).status == 0)
        // Each re-reading is a correction: undone, the figure has its old meaning again.
        try workspace.ok("undo")
        try workspace.ok("undo")
        let again = try workspace.run(["check"])
        #expect(again.stdout.contains("C8: its quantity 'a hundred and fifty wounded' is stored as 100 and fifty wounded"), "\(again.stdout)")

        // A ledger whose figures all read as stored is left as it is.
        let current = try self.workspace()
        let head = try current.ok("log", "--head")
        let nothing = try current.run(["refigure"])
        #expect(nothing.status == 0 && nothing.stderr.contains("Every figure reads as it is stored; nothing was changed."))
        #expect(try current.ok("log", "--head") == head)
    }

    /// SPEC §4: a contradiction is held to the claim's figure wherever one is recorded or
    /// corrected — `contradict`, a CSV evidence row, `evidence edit`, and `edit` of the claim's
    /// figure — refused when consistent unless --force, which flags it; undo puts flags back.
    @Test func aContradictionIsHeldToTheClaimsFigure() throws {
        let workspace = try workspace()
        let before = workspace.fileBytes()
        let agrees = try workspace.run(["contradict", "C2", "--source", "ru-mod", "--quantity", "about 50 km"])
        #expect(agrees.status == 65, "\(agrees.stderr)")
        #expect(
            agrees.stderr.contains(
                "ru-mod's figure 'about 50 km' ([45, 55] km) is consistent with C2's 'a depth of 50 kilometres' (50 km), so it does not contradict the number and nothing was changed. Record it with `ledger corroborate C2 …` if it bears the figure out, or add --force"),
            "\(agrees.stderr)")
        #expect(workspace.fileBytes() == before)
        try workspace.ok("contradict", "C2", "--source", "ru-mod", "--quantity", "no more than 20 km")
        #expect(!(try workspace.ok("show", "C2")).contains("forced"))
        let forcedContradiction = try workspace.run(["contradict", "C2", "--source", "ru-mod", "--quantity", "about 50 km", "--force", "--quote", "not there, but in Balakliya"])
        #expect(forcedContradiction.stderr.contains("Recorded E2 (counts against), flagged forced: its figure agrees with the claim's."), "\(forcedContradiction.stderr)")
        let shown = try workspace.ok("show", "C2")
        #expect(shown.contains("[forced: consistent quantity]") && shown.contains("(forced: consistent, recorded as a contradiction)"), "\(shown)")
        let report = try workspace.ok("report")
        #expect(report.contains("- Consistent quantity recorded as a contradiction with --force: E2’s figure about 50 km fits the claim’s"), "\(report)")
        #expect(try workspace.run(["check"]).status == 0)

        // Correcting E1's figure into agreement is refused, then forced; the flag follows.
        let edit = try workspace.run(["evidence", "edit", "E1", "--quantity", "50 km", "--reason", "misread"])
        #expect(edit.status == 65 && edit.stderr.contains("does not contradict the number"), "\(edit.stderr)")
        try workspace.ok("evidence", "edit", "E1", "--quantity", "50 km", "--reason", "The ministry said 50 km, denying the place", "--force")
        #expect((try workspace.ok("evidence", "show", "E1")).contains("(forced: consistent)"))
        try workspace.ok("undo")
        #expect(!(try workspace.ok("evidence", "show", "E1")).contains("forced"))

        // The claim's figure corrected to agree with E1's contradiction: refused naming E1, then forced.
        let claimEdit = try workspace.run(["edit", "C2", "--quantity", "up to 20 km", "--reason", "typo"])
        #expect(
            claimEdit.stderr.contains("E1 (ru-mod) contradicts C2 with 'no more than 20 km' ([0, 20] km), which is consistent with the new figure 'up to 20 km'"),
            "\(claimEdit.stderr)")
        try workspace.ok("edit", "C2", "--quantity", "up to 20 km", "--reason", "typo", "--force")
        // E1 now agrees (flagged); E2 no longer does (unflagged).
        #expect(try workspace.ok("evidence", "show", "E1").contains("(forced: consistent)"))
        #expect(!(try workspace.ok("evidence", "show", "E2")).contains("forced"))
        #expect(try workspace.run(["check"]).status == 0)
        try workspace.ok("undo")
        #expect(try workspace.run(["check"]).status == 0)

        // A CSV evidence row is held to the same rule.
        let file = workspace.folder + "/evidence.csv"
        try workspace.expectImportsRefused(file, [
            ("claim,stance,source,quantity\nC2,contradicts,uk-mod,about 50 km\n", "does not contradict the number")
        ])
        try "claim,stance,source,quantity\nC2,contradicts,uk-mod,more than 60 km\n".write(toFile: file, atomically: true, encoding: .utf8)
        try workspace.ok("import", file)
        #expect(try workspace.run(["check"]).status == 0)
    }

    /// A ledger written by schema version 4 (the worked example as the previous release made
    /// it, with "nearly seven months" read as a count of months and a contradiction whose
    /// figure agrees with the claim's): read as it is; `check` names both without calling the
    /// file damaged; the first write migrates it (the dimension CHECK widened in place, logged)
    /// and its published head still verifies; `refigure` re-reads the duration and flags the
    /// contradiction; and a new contradiction is held to the figure.
    @Test(.sqliteOnly) func aVersion4LedgerTakesTheNewFigures() throws {
        let workspace = Workspace()
        try FileManager.default.copyItem(atPath: Workspace.fixtures + "/v4-ledger/kharkiv-v4.ledger", toPath: workspace.db)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: workspace.db)
        let head = "7d6dfa573e0df5bf9faad31e3e85a78c596f36337c683715352248c0be9f690c"
        func sqlite(_ sql: String) throws -> String {
            try workspace.run([workspace.db, sql], useDB: false, executable: "/usr/bin/sqlite3").stdout
        }
        let stale = try workspace.run(["check"])
        #expect(stale.status == 65 && stale.stderr.contains("2 problems found"), "\(stale.stdout)\(stale.stderr)")
        #expect(
            stale.stdout.contains(
                "C9: its quantity 'nearly seven months' is stored as [6.3, 7.7] month, but reads as [190.8, 236.5] days (a duration)"),
            "\(stale.stdout)")
        #expect(stale.stdout.contains("E8 on C2: it contradicts C2 with 'about 50 km', which is consistent with the claim's '50 km'; an earlier version recorded it unflagged"), "\(stale.stdout)")
        let expected = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Workspace.fixtures + "/v4-ledger/show.json")))
                as? [[String: Any]])
        #expect(expected.count == 9)
        for (index, before) in expected.enumerated() {
            let now = try #require(try workspace.json("show", "C\(index + 1)") as? [String: Any])
            #expect(NSDictionary(dictionary: now) == NSDictionary(dictionary: before), "C\(index + 1) reads otherwise")
        }
        // A write that changes nothing leaves the file at version 4; the first real one migrates it.
        let export = workspace.folder + "/export.json"
        try workspace.ok("export", "--output", export)
        #expect(try workspace.run(["import", export]).stderr.contains("nothing new"))
        #expect(try sqlite("PRAGMA user_version") == "4\n")
        try workspace.ok("add", "A share given in percent", "--source", "fixture-desk", "--date", "2022-09-11", "--quantity", "about 40%")
        #expect(try sqlite("PRAGMA user_version") == "5\n")
        #expect(try sqlite("SELECT count(*) FROM sqlite_schema WHERE name IN ('claim', 'evidence') AND sql LIKE '%''duration''%'") == "2\n")
        let log = try #require(try workspace.json("log") as? [[String: Any]])
        #expect(log.dropLast().last?.string("summary")?.hasPrefix("migrated the ledger from schema version 4 to 5") == true)
        #expect(try workspace.run(["verify", "--head", head]).status == 0)
        let migrated = try workspace.run(["check"])
        #expect(migrated.status == 65 && migrated.stderr.contains("2 problems found"), "\(migrated.stdout)\(migrated.stderr)")
        let percent = try #require((try workspace.json("show", "C10") as? [String: Any])?["quantity"] as? [String: Any])
        #expect(percent.string("dimension") == "percentage" && percent["low"] as? Double == 36 && percent["high"] as? Double == 44)

        let refigured = try workspace.run(["refigure"])
        #expect(refigured.status == 0, "\(refigured.stderr)")
        #expect(refigured.stderr.contains("E8 'not forced' → 'forced'"), "\(refigured.stderr)")
        #expect(refigured.stderr.contains("C9's 'nearly seven months'"), "\(refigured.stderr)")
        #expect(try workspace.run(["check"]).status == 0)
        #expect(try workspace.ok("show", "C2").contains("[forced: consistent quantity]"))
        #expect(try workspace.ok("show", "C2").contains("forced: consistent, recorded as a contradiction"))

        let agrees = try workspace.run(["contradict", "C2", "--source", "uk-mod", "--date", "2022-09-11", "--quantity", "nearly 50 km"])
        #expect(agrees.status == 65 && agrees.stderr.contains("so it does not contradict the number and nothing was changed"), "\(agrees.stderr)")
        try workspace.ok("contradict", "C2", "--source", "uk-mod", "--date", "2022-09-11", "--quantity", "more than 60 km")
        try workspace.ok("contradict", "C2", "--source", "uk-mod", "--date", "2022-09-11", "--quantity", "nearly 50 km", "--force")
        let report = try JSONSerialization.jsonObject(with: Data(try workspace.ok("report", "--format", "json").utf8))
        let flags = try #require((report as? [String: Any])?["claims"] as? [[String: Any]])
        let c2 = try #require(flags.first { $0.string("id") == "C2" }?["flags"] as? [[String: Any]])
        #expect(c2.filter { $0.string("flag") == "forced-consistent-contradiction" }.count == 2, "\(c2)")
        #expect(try workspace.run(["check"]).status == 0)

        // An export carrying the old unflagged contradiction adopts as it is into a new ledger,
        // and is kept out, named, when merged into a ledger with a history of its own.
        let old = Workspace()
        try FileManager.default.copyItem(atPath: Workspace.fixtures + "/v4-ledger/kharkiv-v4.ledger", toPath: old.db)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: old.db)
        let oldExport = old.folder + "/old.json"
        try old.ok("export", "--output", oldExport)
        let adopting = Workspace()
        try adopting.ok("init")
        try adopting.ok("import", oldExport)
        #expect(try adopting.ok("log", "--head").contains(head))
        let merging = Workspace()
        try merging.ok("init")
        try merging.ok("source", "add", "desk", "--name", "A desk of its own")
        let merged = try merging.run(["import", oldExport])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stderr.contains("was kept out: it contradicts C2 with 'about 50 km', which is consistent with the claim's figure"), "\(merged.stderr)")
        #expect(try merging.run(["check"]).status == 0)
    }

    @Test func incomparableAndUnreadableFiguresAreRefused() throws {
        let workspace = try workspace()
        let area = try workspace.run(["corroborate", "C2", "--source", "uk-mod", "--quantity", "50 sq km", "--force"])
        #expect(area.status == 65)
        #expect(area.stderr.contains("measures area and C2's 'a depth of 50 kilometres' measures length; they cannot be compared"))
        let text = try workspace.run(["add", "x", "--source", "uk-mod", "--quantity", "Kupiansk"])
        #expect(text.status == 65)
        #expect(text.stderr.contains("'Kupiansk' is not a quantity (it does not start with a number: 'Kupiansk'); give a number with an optional qualifier and unit, such as \"more than 1000 sq km\""), "\(text.stderr)")
    }

    @Test func showGivesEveryFigureAndTheAgreedRange() throws {
        let workspace = try workspace()
        try workspace.ok("corroborate", "C2", "--source", "uk-mod", "--quantity", "as much as 50km", "--quote", "as much as 50km south of Kharkiv")
        let output = try workspace.ok("show", "C2")
        #expect(output.contains("Figures"))
        #expect(output.contains("as much as 50km"))
        #expect(output.contains("[0, 50] km"))
        #expect(output.contains("Independent supporting figures agree on [0, 50] km."))
        let claim = try #require(try workspace.json("show", "C2") as? [String: Any])
        let quantity = try #require(claim["quantity"] as? [String: Any])
        #expect(quantity["low"] as? Double == 50 && quantity["high"] as? Double == 50)
        #expect(quantity["low_included"] as? Bool == true && quantity["high_included"] as? Bool == true)
        let upTo = try #require((claim["evidence"] as? [[String: Any]])?.first?["quantity"] as? [String: Any])
        #expect(upTo["low"] as? Double == 0 && upTo["high"] as? Double == 50 && upTo["high_included"] as? Bool == true)
        try workspace.ok("add", "More than 1000 sq km retaken", "--source", "ua-military", "--quantity", "more than 1000 sq km")
        let open = try #require((try workspace.json("show", "C3") as? [String: Any])?["quantity"] as? [String: Any])
        #expect(open["low_included"] as? Bool == false && open["high_included"] as? Bool == false && open["high"] is NSNull)
        #expect(quantity.string("unit") == "km" && quantity.string("dimension") == "length")
    }

    @Test func placeAndSearchFromTheCommandLine() throws {
        let workspace = try workspace()
        let byPlace = try #require(try workspace.json("list", "--place", "Kup’iansk") as? [[String: Any]])
        #expect(byPlace.map { $0.string("id") } == ["C1"])
        // Operators are words: NEAR and OR must appear in the text like any other word.
        let queries: [(String, [String])] = [
            ("Kupiansk", ["C1"]), ("\"Kupiansk\"", ["C1"]), ("Kup*", ["C1"]), ("(seized)", ["C1"]), ("-seized", ["C1"]),
            ("NEAR(Kupiansk seized)", []), ("seized OR depth", []), ("kharkiv", ["C2"]),
        ]
        for (query, expected) in queries {
            let result = try workspace.run(["list", "--search=\(query)", "--json"])
            #expect(result.status == 0, "\(query): \(result.stderr)")
            let claims = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
            #expect(claims.compactMap { $0.string("id") } == expected, "\(query)")
        }
        let empty = try workspace.run(["list", "--search", "***"])
        #expect(empty.status == 65)
        #expect(empty.stderr.contains("has no words in it"))
    }
}
