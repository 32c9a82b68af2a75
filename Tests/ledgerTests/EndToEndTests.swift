import Foundation
import LedgerCore
import LedgerTestSupport
import Testing

/// The built binary, run as a user runs it: output, messages, exit codes, and the file left behind.
struct EndToEndTests {
    @Test func commandsBeforeInitExit66AndSayToRunInit() throws {
        let workspace = Workspace()
        for arguments in [["list"], ["show", "C1"], ["source", "list"], ["log"], ["add", "x", "--source", "a"]] {
            let result = try workspace.run(arguments)
            #expect(result.status == 66)
            #expect(result.stderr.contains("There is no ledger"))
            #expect(result.stderr.contains(LedgerLocation(workspace.db).description))
            #expect(result.stderr.contains("ledger init"))
            #expect(result.stdout.isEmpty)
        }
        #expect(!FileManager.default.fileExists(atPath: workspace.db))
    }

    @Test func ledgerFileIsChosenByFlagThenEnvironmentThenDefault() throws {
        let workspace = Workspace()
        let flagged = workspace.folder + "/flag.db"
        let fromEnvironment = workspace.folder + "/env.db"
        #expect(try workspace.run(["init", "--db", flagged], environment: ["LEDGER_DB": fromEnvironment]).status == 0)
        #expect(FileManager.default.fileExists(atPath: flagged))
        #expect(!FileManager.default.fileExists(atPath: fromEnvironment))
        #expect(try workspace.run(["init"], environment: ["LEDGER_DB": fromEnvironment]).status == 0)
        #expect(FileManager.default.fileExists(atPath: fromEnvironment))
        #expect(try workspace.run(["init"], useDB: false).status == 0)
        #expect(FileManager.default.fileExists(atPath: workspace.folder + "/ledger.db"))
        // init never overwrites.
        let again = try workspace.run(["init", "--db", flagged])
        #expect(again.status == 65)
        #expect(again.stderr.contains("already a file"))
    }

    @Test func recordingEvidenceMovesTheStatusAndTheJSONHasTheContractShape() throws {
        let workspace = try Workspace().seeded()
        let claim = try #require(try workspace.json("corroborate", "C1", "--source", "uk-mod", "--date", "2022-09-11") as? [String: Any])
        #expect(
            Set(claim.keys) == [
                "id", "uuid", "statement", "claimant", "date", "status", "verdict", "grade", "quantity", "place", "tags",
                "support", "contradictions", "superseded_by", "evidence", "notes",
            ])
        #expect(claim.string("status") == "corroborated")
        #expect(claim.string("grade") == "C2")
        let evidence = try #require((claim["evidence"] as? [[String: Any]])?.first)
        #expect(
            Set(evidence.keys) == [
                "id", "stance", "source", "citing", "date", "via", "url", "quote", "quantity", "note", "independent", "counts_as",
                "withdrawn",
            ])
        #expect(evidence["independent"] as? Bool == true)
        #expect(evidence["counts_as"] as? String == "independent")

        let list = try #require(try workspace.json("list") as? [[String: Any]])
        #expect(list.count == 1)
        #expect(list[0]["evidence"] == nil)
        let log = try #require(try workspace.json("log", "C1") as? [[String: Any]])
        #expect(log.map { $0.string("action") } == ["claim-add", "evidence-add"])
        #expect(log.last?.string("status_before") == "unverified")
        #expect(log.last?.string("status_after") == "corroborated")
        #expect(log.last?.string("actor") == TestBackend.current.actor("e2e"))
        let sources = try #require(try workspace.json("source", "list") as? [[String: Any]])
        #expect(sources.map { $0.string("handle") } == ["ru-mod", "ua-mfa", "ua-military", "uk-mod"])
    }

    @Test func jsonOutputIsOneValueAndNothingElse() throws {
        let workspace = try Workspace().seeded()
        let result = try workspace.run(["corroborate", "C1", "--source", "uk-mod", "--json"])
        #expect(result.status == 0)
        #expect(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) is [String: Any])
        #expect(result.stderr.contains("unverified → corroborated"))
    }

    /// Every guard: exit 65, one clear sentence naming what to do, and the file byte for byte as before.
    @Test(arguments: [
        (["corroborate", "C1", "--source", "ua-mfa"], "ua-mfa made claim C1, so it cannot corroborate it"),
        (["contradict", "C1", "--source", "ua-mfa"], "ledger retract C1 --source ua-mfa"),
        (["corroborate", "C9", "--source", "uk-mod"], "There is no claim C9. Did you mean C1?"),
        (["show", "C9"], "There is no claim C9"),
        (["corroborate", "C1", "--source", "uk-mdo"], "There is no source 'uk-mdo'. Did you mean uk-mod"),
        (["corroborate", "C1", "--source", "uk-mod", "--citing", "uk-mod"], "cannot cite itself"),
        (["corroborate", "C1", "--source", "uk-mod", "--url", "javascript:alert(1)"], "not a web address"),
        (["add", "  ", "--source", "uk-mod"], "statement is empty"),
        (["add", "Izyum encircled", "--source", "uk"], "Did you mean uk-mod"),
        (["source", "add", "uk-mod", "--name", "Again"], "already a source 'uk-mod'"),
        (["source", "add", "UK_MoD", "--name", "Bad"], "not a valid source handle"),
        (["source", "edit", "nobody", "--reliability", "A"], "There is no source 'nobody'"),
        (["list", "--source", "nobody"], "There is no source 'nobody'"),
        (["log", "C12"], "There is no claim C12"),
    ])
    func guardsRefuseWithExit65AndLeaveTheFileUnchanged(arguments: [String], message: String) throws {
        let workspace = try Workspace().seeded()
        let before = workspace.fileBytes()
        let result = try workspace.run(arguments)
        #expect(result.status == 65)
        #expect(result.stderr.contains(message), "stderr was: \(result.stderr)")
        #expect(result.stderr.hasPrefix("ledger: "))
        #expect(!result.stderr.contains("SQLite"))
        #expect(result.stdout.isEmpty)
        #expect(workspace.fileBytes() == before)
    }

    /// Arguments that are not what the command takes: exit 64 with the usage line.
    @Test(arguments: [
        ["add", "x", "--source", "uk-mod", "--date", "2022-02-30"],
        ["add", "x", "--source", "uk-mod", "--date", "yesterday"],
        ["corroborate", "C1"],
        ["source", "add", "ap"],
        ["source", "edit", "uk-mod"],
        ["source", "add", "ap", "--name", "AP", "--reliability", "G"],
        ["source", "add", "ap", "--name", "AP", "--kind", "blog"],
        ["list", "--status", "true"],
        ["list", "--since", "2022-13-01"],
        ["frobnicate"],
    ])
    func wrongUsageExits64(arguments: [String]) throws {
        let workspace = try Workspace().seeded()
        let before = workspace.fileBytes()
        let result = try workspace.run(arguments)
        #expect(result.status == 64, "stderr was: \(result.stderr)")
        #expect(workspace.fileBytes() == before)
    }

    @Test func badDatesGiveAnExample() throws {
        let workspace = try Workspace().seeded()
        let result = try workspace.run(["add", "x", "--source", "uk-mod", "--date", "2022-02-30"])
        #expect(result.stderr.contains("'2022-02-30' is not a valid date; use ISO 8601, such as 2022-09-10"))
    }

    @Test(.sqliteOnly) func foreignAndNewerFilesExit66() throws {
        let workspace = Workspace()
        _ = FileManager.default.createFile(atPath: workspace.db, contents: Data("not a database at all".utf8))
        let text = try workspace.run(["list"])
        #expect(text.status == 66)
        #expect(text.stderr.contains("not a ledger file"))

        try FileManager.default.removeItem(atPath: workspace.db)
        _ = try workspace.seeded()
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sqlite.arguments = ["sqlite3", workspace.db, "PRAGMA user_version = 99"]
        try sqlite.run()
        sqlite.waitUntilExit()
        try #require(sqlite.terminationStatus == 0, "this test needs the sqlite3 shell")
        let newer = try workspace.run(["list"])
        #expect(newer.status == 66)
        #expect(newer.stderr.contains("newer version of ledger (schema version 99"))
    }

    @Test func sourceEditRederivesAndTheLogSaysWhy() throws {
        let workspace = try Workspace().seeded()
        try workspace.ok("corroborate", "C1", "--source", "uk-mod")
        let edited = try workspace.run(["source", "edit", "uk-mod", "--reliability", "E"])
        #expect(edited.status == 0)
        let claim = try #require(try workspace.json("show", "C1") as? [String: Any])
        #expect(claim.string("status") == "unverified")
        let log = try workspace.ok("log", "C1")
        #expect(log.contains("corroborated → unverified"))
        #expect(log.contains("because source uk-mod: reliability B → E"))
    }

    @Test func humanOutputHasNoColourWithNoColorOrWhenPiped() throws {
        let workspace = try Workspace().seeded()
        let output = try workspace.ok("show", "C1")
        #expect(!output.contains("\u{1B}["))
        #expect(output.contains("C1  unverified  grade C6"))
        #expect(output.contains("Kupiansk seized"))
    }

    @Test func helpAndVersion() throws {
        let workspace = Workspace()
        let help = try workspace.run(["--help"])
        #expect(help.status == 0)
        for command in ["init", "source", "add", "corroborate", "contradict", "show", "list", "log"] {
            #expect(help.stdout.contains(command))
        }
        let version = try workspace.run(["--version"])
        #expect(version.status == 0)
        #expect(!version.stdout.isEmpty)
        let completion = try workspace.run(["--generate-completion-script", "bash"])
        #expect(completion.status == 0)
        #expect(completion.stdout.contains("corroborate"))
    }

    /// `--db` may stand before the command name as well as after it (SPEC §3).
    @Test func dbMayComeBeforeTheCommand() throws {
        let workspace = try Workspace().seeded()
        let before = try workspace.run(["--db", workspace.db, "list", "--json"], useDB: false)
        let after = try workspace.run(["list", "--json", "--db", workspace.db], useDB: false)
        #expect(before.status == 0 && before.stdout == after.stdout && before.stdout.contains("Kupiansk seized"))
        let equals = try workspace.run(["--db=\(workspace.db)", "source", "show", "uk-mod"], useDB: false)
        #expect(equals.status == 0 && equals.stdout.contains("UK Ministry of Defence"))
        let added = try workspace.run(["--db", workspace.db, "add", "--source", "uk-mod", "--", "-dash at the start"], useDB: false)
        #expect(added.status == 0, "\(added.stderr)")
        #expect(try workspace.run(["show", "C2", "--json"]).stdout.contains("-dash at the start"))
    }

    /// Text that starts with `-` is text: never help with exit 0 and nothing recorded (SPEC §3).
    @Test func textStartingWithADashIsText() throws {
        let workspace = try Workspace().seeded()
        for statement in ["- dash statement", "-hx", "-5 km of front"] {
            let added = try workspace.run(["add", statement, "--source", "uk-mod", "--json"])
            #expect(added.status == 0, "\(statement): \(added.stderr)")
            #expect(added.stdout.contains("\"statement\": \"\(statement)\""), "\(statement) was not recorded as typed")
        }
        let quoted = try workspace.run(["corroborate", "C1", "--source", "uk-mod", "--quote", "- Taiwan accused the mainland", "--json"])
        #expect(quoted.status == 0, "\(quoted.stderr)")
        #expect(quoted.stdout.contains("- Taiwan accused the mainland"))
        let equals = try workspace.run(["contradict", "C1", "--source", "ru-mod", "--note=-h is not help here", "--json"])
        #expect(equals.status == 0 && equals.stdout.contains("-h is not help here"))
        #expect(try workspace.run(["list", "--json"]).stdout.contains("-hx"))
        // Help itself still works.
        let help = try workspace.run(["add", "--help"])
        #expect(help.status == 0 && help.stdout.contains("OVERVIEW"))
    }

    /// The same statement by the same claimant on the same date is one claim: `add` names it,
    /// unless told to record it again. Enumerated values are read in any case.
    @Test func aDuplicateClaimIsRefusedWithItsId() throws {
        let workspace = try Workspace().seeded()
        let again = try workspace.run(["add", "Kupiansk seized", "--source", "ua-mfa", "--date", "2022-09-10"])
        #expect(again.status == 65)
        #expect(again.stderr == "ledger: C1 already records this statement by ua-mfa on 2022-09-10; nothing was changed. Add evidence to C1, or give --allow-duplicate to record it again.\n")
        try workspace.ok("add", "Kupiansk seized", "--source", "ua-mfa", "--date", "2022-09-11")
        try workspace.ok("add", "Kupiansk seized", "--source", "ua-mfa", "--date", "2022-09-10", "--allow-duplicate")
        #expect(try workspace.run(["list", "--json"]).stdout.components(separatedBy: "Kupiansk seized").count == 4)
        try workspace.ok("resolve", "C3", "--verdict", "True", "--reason", "Same claim")
        try workspace.ok("source", "add", "ocha", "--name", "OCHA", "--kind", "NGO", "--reliability", "b")
    }

    /// Small words that puzzled: counts in the singular, a closed claim not invited to take
    /// evidence as if open, the same source added alike in two ledgers is no conflict.
    @Test func wordsThatFitTheCase() throws {
        let workspace = try Workspace().seeded()
        try workspace.ok("retract", "C1", "--date", "2022-09-11")
        let shown = try workspace.run(["show", "C1"])
        #expect(shown.stdout.contains("No evidence. C1 is retracted: evidence recorded now is kept but does not move its status; `ledger reopen C1 --reason …` opens it again."))
        let other = workspace.folder + "/other.db"
        try workspace.ok("init", "--db", other)
        try workspace.ok("source", "add", "uk-mod", "--name", "UK Ministry of Defence", "--affiliation", "UK", "--reliability", "B", "--db", other)
        try workspace.ok("source", "add", "reuters", "--name", "Reuters", "--db", other)
        try workspace.ok("add", "A claim", "--source", "reuters", "--db", other)
        let export = workspace.folder + "/other.json"
        try workspace.ok("export", "--output", export, "--db", other)
        let imported = try workspace.run(["import", export])
        #expect(imported.status == 0)
        #expect(!imported.stderr.contains("conflict:"), "\(imported.stderr)")
        #expect(imported.stderr.contains("added 1 source, 1 claim, 0 pieces of evidence, 0 lifecycle changes; skipped 1 already present; 0 conflicts"))
    }

    /// `list` shows whole statements into a file or pipe and fits a terminal's width;
    /// `--status open|closed`; `log --since/--until/--by` by recording time and recorder.
    @Test func listAndLogNarrowAndFit() throws {
        let workspace = try Workspace().seeded()
        let long = "Ukrainian forces took more than 1000 square kilometres from Russian forces in the Kharkiv region this week"
        try workspace.ok("add", long, "--source", "ua-military", "--date", "2022-09-10")
        try workspace.ok("retract", "C1", "--date", "2022-09-11")
        let piped = try workspace.run(["list"])
        #expect(piped.stdout.contains(long), "a pipe gets the whole statement")
        let closed = try workspace.run(["list", "--status", "closed", "--json"])
        #expect(closed.stdout.contains("Kupiansk seized") && !closed.stdout.contains(long))
        let open = try workspace.run(["list", "--status", "Open", "--json"])
        #expect(open.stdout.contains(long) && !open.stdout.contains("Kupiansk seized"))

        func onTerminal(columns: Int) throws -> String {
            try workspace.onTerminal("list", environment: ["COLUMNS=\(columns)", "NO_COLOR=1"]).output
        }
        let wide = try onTerminal(columns: 200)
        #expect(wide.contains(long), "200 columns hold the whole statement: \(wide)")
        let narrow = try onTerminal(columns: 100)
        #expect(!narrow.contains(long) && narrow.contains("Ukrainian forces took"))
        for line in narrow.split(whereSeparator: \.isNewline) { #expect(line.count <= 100, "\(line)") }

        let all = try workspace.run(["log", "--json"]).stdout
        #expect(all.contains("\"actor\": \"\(TestBackend.current.actor("e2e"))\""))
        #expect(try workspace.run(["log", "--by", "someone-else"]).stderr.contains("No entries match."))
        let byE2E = try workspace.run(["log", "--by", TestBackend.current.actor("e2e"), "--since", "2000-01-01", "--json"])
        #expect(byE2E.stdout == all)
        #expect(try workspace.run(["log", "--until", "2000-01-01"]).stderr.contains("No entries match."))
    }

    /// Suggestions that help: a mistyped command is named with the closest one, a mistyped
    /// option of `source edit` is named, a doubled digit finds its claim, and a name is not
    /// "near" one that shares a single letter.
    @Test func suggestionsThatHelp() throws {
        let workspace = try Workspace().seeded()
        for (arguments, message) in [
            (["lst"], "ledger: 'lst' is not a ledger command. Did you mean list? Run `ledger --help` to see the commands.\n"),
            (["corroborrate", "C1", "--source", "uk-mod"], "ledger: 'corroborrate' is not a ledger command. Did you mean corroborate? Run `ledger --help` to see the commands.\n"),
        ] {
            let result = try workspace.run(arguments)
            #expect(result.status == 64 && result.stderr == message, "\(result.stderr)")
        }
        let option = try workspace.run(["source", "edit", "uk-mod", "--affiliaton", "UN"])
        #expect(option.status == 64 && option.stderr.contains("Unknown option '--affiliaton'. Did you mean --affiliation?"))
        let doubled = try workspace.run(["show", "C11"])
        #expect(doubled.stderr.contains("There is no claim C11. Did you mean C1?"), "\(doubled.stderr)")
        let far = try workspace.run(["source", "show", "bbc"])
        #expect(far.status == 65 && !far.stderr.contains("Did you mean"), "\(far.stderr)")
    }

    /// Why a row counts (SPEC §2): corroborate, show, JSON and reports give the reason; a
    /// source edit names the claims whose status it moved.
    @Test func everyRowSaysWhyItCounts() throws {
        let workspace = try Workspace().seeded()
        let echo = try workspace.run(["corroborate", "C1", "--source", "ua-military"])
        #expect(echo.stderr.contains("Recorded E1: echo (same group as the claimant: UA). C1 stays unverified."), "\(echo.stderr)")
        let cited = try workspace.run(["corroborate", "C1", "--source", "uk-mod", "--citing", "ua-mfa"])
        #expect(cited.stderr.contains("Recorded E2: echo (cites ua-mfa, the claimant's group)."), "\(cited.stderr)")
        let independent = try workspace.run(["corroborate", "C1", "--source", "uk-mod"])
        #expect(independent.stderr.contains("Recorded E3 (independent). C1: unverified → corroborated."))
        try workspace.ok("source", "add", "junk", "--name", "Junk", "--reliability", "E")
        let junk = try workspace.run(["contradict", "C1", "--source", "junk"])
        #expect(junk.stderr.contains("Recorded E4: not counted (reliability E)."), "\(junk.stderr)")
        let against = try workspace.run(["contradict", "C1", "--source", "ru-mod"])
        #expect(against.stderr.contains("Recorded E5 (counts against). C1: corroborated → disputed."))
        let shown = try workspace.run(["show", "C1"]).stdout
        #expect(shown.contains("echo (same group as the claimant: UA)") && shown.contains("counts against"))
        #expect(try workspace.run(["show", "C1", "--json"]).stdout.contains("\"counts_as\": \"echo (cites ua-mfa, the claimant's group)\""))
        #expect(try workspace.run(["report"]).stdout.contains("not counted (reliability E)"))
        let edited = try workspace.run(["source", "edit", "uk-mod", "--reliability", "E"])
        #expect(edited.stderr.contains("C1: disputed → contradicted."), "\(edited.stderr)")
    }

    /// `show E7` shows one evidence row, why it counts, and its history.
    @Test func showOneEvidenceRow() throws {
        let workspace = try Workspace().seeded()
        try workspace.ok("corroborate", "C1", "--source", "uk-mod", "--quote", "Kupiansk is back", "--date", "2022-09-11")
        let shown = try workspace.run(["show", "E1"])
        #expect(shown.status == 0)
        #expect(shown.stdout.hasPrefix("E1  supports C1  independent\nC1: Kupiansk seized"))
        #expect(shown.stdout.contains("“Kupiansk is back”") && shown.stdout.contains("E1: uk-mod supports C1"))
        let json = try #require(try workspace.json("show", "e1") as? [String: Any])
        #expect(json["claim"] as? String == "C1" && (json["history"] as? [Any])?.count == 1)
        let missing = try workspace.run(["show", "E9"])
        #expect(missing.status == 65 && missing.stderr.contains("There is no evidence E9."))
        #expect(try workspace.run(["show", "E1", "--as-of", "2022-09-10"]).status == 64)
    }

    /// An id an undone change used is never given again (a claim, evidence row or note named
    /// in a report or a message stays that one), in a file and on a server alike; a refused
    /// write leaves no gap.
    @Test func anUndoneIdIsNeverGivenAgainAndARefusalLeavesNoGap() throws {
        let workspace = try Workspace().seeded()
        #expect(try workspace.run(["add", "Balakliya retaken", "--source", "uk-mod"]).stderr.contains("Recorded C2."))
        try workspace.ok("undo")
        #expect(try workspace.run(["add", "x", "--source", "nobody"]).status == 65)
        #expect(try workspace.run(["add", "Izium retaken", "--source", "uk-mod"]).stderr.contains("Recorded C3."))
        #expect(try workspace.run(["corroborate", "C1", "--source", "uk-mod"]).stderr.contains("Recorded E1"))
        try workspace.ok("undo")
        #expect(try workspace.run(["corroborate", "C1", "--source", "uk-mod"]).stderr.contains("Recorded E2"))
        #expect(try workspace.run(["note", "C1", "Searched the channel"]).stderr.contains("N1"))
        try workspace.ok("undo")
        #expect(try workspace.run(["note", "C1", "Searched the channel again"]).stderr.contains("N2"))
        #expect(try workspace.run(["add", "Kupiansk retaken", "--source", "uk-mod"]).stderr.contains("Recorded C4."))
        let check = try workspace.run(["check"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }
}
