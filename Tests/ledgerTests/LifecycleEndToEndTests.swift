import Foundation
import LedgerTestSupport
import Testing

/// Lifecycle, time travel, undo and check, through the built binary.
struct LifecycleEndToEndTests {
    /// Every refused transition: exit 65, the claim, its status and the way forward; the file untouched.
    @Test(arguments: [
        (["retract", "C1"], "C1 is retracted; nothing was changed. Run `ledger reopen C1 --reason …` first."),
        (["resolve", "C1", "--verdict", "true", "--reason", "x"], "C1 is retracted; nothing was changed. Run `ledger reopen C1 --reason …` first."),
        (["supersede", "C1", "--by", "C2"], "C1 is retracted; nothing was changed. Run `ledger reopen C1 --reason …` first."),
        (["reopen", "C2", "--reason", "x"], "C2 is unverified, which is open; nothing was changed."),
        (["supersede", "C2", "--by", "C2"], "C2 cannot supersede itself"),
        (["supersede", "C2", "--by", "C7"], "There is no claim C7"),
        (["retract", "C2", "--date", "2022-09-01"], "Give a --date on or after 2022-09-10"),
        (["retract", "C2", "--url", "file:///etc/passwd"], "not a web address"),
        (["resolve", "C2", "--verdict", "true", "--reason", " "], "The reason is empty"),
    ])
    func refusedTransitions(arguments: [String], message: String) throws {
        let workspace = try Workspace().seeded()
        try workspace.ok("add", "Kupiansk town hall flag raised", "--source", "ua-military", "--date", "2022-09-10")
        try workspace.ok("retract", "C1", "--source", "ua-mfa", "--date", "2022-09-11", "--reason", "Post deleted")
        let before = workspace.fileBytes()
        let result = try workspace.run(arguments)
        #expect(result.status == 65)
        #expect(result.stderr.contains(message), "stderr was: \(result.stderr)")
        #expect(workspace.fileBytes() == before)
    }

    @Test func allowedTransitionsPrintTheClaimAsItNowStands() throws {
        let workspace = try Workspace().seeded()
        try workspace.ok("add", "More than 3000 sq km", "--source", "ua-military", "--date", "2022-09-12")
        try workspace.ok("corroborate", "C1", "--source", "uk-mod", "--date", "2022-09-10")

        let resolved = try #require(try workspace.json("resolve", "C1", "--verdict", "misleading", "--reason", "Only the outskirts", "--date", "2022-09-11") as? [String: Any])
        #expect(resolved.string("status") == "resolved")
        #expect(resolved.string("verdict") == "misleading")
        #expect(resolved.string("grade") == "C4")
        let reopened = try #require(try workspace.json("reopen", "C1", "--reason", "New footage", "--date", "2022-09-12") as? [String: Any])
        #expect(reopened.string("status") == "corroborated")
        #expect(reopened["verdict"] is NSNull)
        let superseded = try #require(try workspace.json("supersede", "C1", "--by", "C2") as? [String: Any])
        #expect(superseded.string("status") == "superseded")
        #expect(superseded.string("superseded_by") == "C2")
        #expect(superseded.string("grade") == "C2")

        // Evidence on a closed claim is kept, says so, and is marked in show.
        let late = try workspace.run(["corroborate", "C1", "--source", "ru-mod", "--date", "2022-09-13"])
        #expect(late.status == 0)
        #expect(late.stderr.contains("C1 is superseded, so its status does not move"))
        #expect(try workspace.ok("show", "C1").contains("[after closing]"))
        #expect(try workspace.run(["check"]).status == 0)
    }

    @Test func undoSaysWhatItUndidAndRefusesWhenNothingIsLeft() throws {
        let workspace = Workspace()
        try workspace.ok("init")
        let empty = try workspace.run(["undo"])
        #expect(empty.status == 65)
        #expect(empty.stderr.contains("The log is empty; there is nothing to undo."))
        try workspace.ok("source", "add", "uk-mod", "--name", "UK MoD", "--affiliation", "UK")
        try workspace.ok("source", "add", "ua", "--name", "Ukraine", "--affiliation", "UA")
        try workspace.ok("add", "50 km", "--source", "ua")
        try workspace.ok("corroborate", "C1", "--source", "uk-mod")
        let undone = try workspace.ok("undo")
        #expect(undone.contains("Undid #4: E1: uk-mod supports C1. C1: corroborated → unverified."))
        let claim = try #require(try workspace.json("show", "C1") as? [String: Any])
        #expect(claim.string("status") == "unverified")
        #expect((claim["evidence"] as? [Any])?.isEmpty == true)
        let log = try #require(try workspace.json("log") as? [[String: Any]])
        #expect(log.last?.string("action") == "undo")
        #expect((log.last?["undoes"] as? Int) == 4)
        for _ in 0..<3 { try workspace.ok("undo") }
        let none = try workspace.run(["undo"])
        #expect(none.status == 65)
        #expect(none.stderr.contains("already been undone"))
    }

    /// `retract --source H` is the claimant H taking its claim back: another source is refused;
    /// ClaimReview says "Retracted by its source" only then, and "Retracted" for an analyst's.
    @Test(.sqliteOnly) func onlyTheClaimantRetractsWithSource() throws {
        let workspace = try Workspace().seeded()
        try workspace.ok("add", "Izyum encircled", "--source", "ru-mod", "--date", "2022-09-10")
        let other = try workspace.run(["retract", "C1", "--source", "uk-mod"])
        #expect(other.status == 65)
        #expect(other.stderr == "ledger: uk-mod did not make C1 (ua-mfa did), so it cannot retract it; nothing was changed. `retract --source` names the claimant taking its claim back; without --source, an analyst withdraws the claim.\n")
        try workspace.ok("retract", "C1", "--source", "ua-mfa", "--date", "2022-09-11")
        try workspace.ok("retract", "C2", "--date", "2022-09-11")
        let review = try workspace.run(["report", "--format", "claimreview", "--publisher", "Desk", "--base-url", "https://desk.example/"])
        #expect(review.stdout.contains("\"alternateName\": \"Retracted by its source\""))
        #expect(review.stdout.contains("\"alternateName\": \"Retracted\""))
        // An import brings the same rule; check finds a row that breaks it.
        try sqlite(workspace.db, "UPDATE lifecycle SET source_id = (SELECT id FROM source WHERE handle = 'uk-mod') WHERE claim_id = 1")
        #expect(try workspace.run(["check"]).stdout.contains("C1's retract (lifecycle row 1) names uk-mod as retracting it, but uk-mod did not make the claim."))
    }

    /// `resolve --source H --url U` records the fact-checker and its article; ClaimReview names
    /// that fact-checker as the review's author and gives the reason as its body.
    @Test func aResolutionNamesItsFactChecker() throws {
        let workspace = try Workspace().seeded()
        try workspace.ok("source", "add", "afp-check", "--name", "AFP Fact Check", "--kind", "media", "--reliability", "B")
        try workspace.ok(
            "resolve", "C1", "--verdict", "false", "--reason", "Geolocated footage shows the town still held", "--source", "afp-check",
            "--url", "https://factcheck.afp.com/kupiansk", "--date", "2022-09-11")
        let shown = try workspace.run(["show", "C1"])
        #expect(shown.stdout.contains("afp-check") && shown.stdout.contains("https://factcheck.afp.com/kupiansk"))
        let review = try workspace.run(["report", "--format", "claimreview", "--publisher", "Desk", "--base-url", "https://desk.example/"])
        #expect(review.stdout.contains("\"name\": \"AFP Fact Check\""))
        #expect(review.stdout.contains("\"reviewBody\": \"Geolocated footage shows the town still held\""))
        try workspace.ok("add", "Another claim", "--source", "ru-mod")
        let bad = try workspace.run(["resolve", "C2", "--verdict", "true", "--reason", "r", "--url", "javascript:alert(1)"])
        #expect(bad.status == 65 && bad.stderr.contains("http"), "\(bad.stderr)")
        #expect(try workspace.run(["check"]).status == 0)
    }

    @Test(.sqliteOnly) func checkIsSilentWhenWellAndNamesTheClaimWhenTamperedWith() throws {
        let workspace = try Workspace().seeded()
        try workspace.ok("corroborate", "C1", "--source", "uk-mod")
        let clean = try workspace.run(["check"])
        #expect(clean.status == 0)
        #expect(clean.stdout.isEmpty && clean.stderr.isEmpty)

        try sqlite(workspace.db, "UPDATE claim SET status = 'confirmed', grade = 'C1' WHERE id = 1")
        let tampered = try workspace.run(["check"])
        #expect(tampered.status == 65)
        let lines = tampered.stdout.split(separator: "\n")
        #expect(lines.contains("C1: stored status is confirmed, but its evidence and lifecycle give corroborated."))
        #expect(lines.contains("C1: stored grade is C1, but its evidence and lifecycle give C2."))
        #expect(lines.contains("C1: stored status is confirmed, but the log last recorded corroborated for it."))
        #expect(lines.contains("C1: its status is 'confirmed' in the ledger, but the log gives 'corroborated'."))
        #expect(lines.contains("C1: its grade is 'C1' in the ledger, but the log gives 'C2'."))
        #expect(tampered.stderr.contains("5 problems found"))
    }

    @Test(.sqliteOnly) func checkReportsADamagedFileAsProblems() throws {
        let workspace = try Workspace().seeded()
        // Scribble over the cell pointers of the log table's root page; the schema stays readable.
        let pipe = Pipe()
        let query = Process()
        query.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        query.arguments = ["sqlite3", workspace.db, "SELECT rootpage FROM sqlite_master WHERE name = 'log'"]
        query.standardOutput = pipe
        try query.run()
        query.waitUntilExit()
        let page = try #require(Int(String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)))
        var bytes = try #require(workspace.fileBytes())
        let start = (page - 1) * 4096
        for index in (start + 8)..<(start + 40) { bytes[index] = 0xFF }
        try bytes.write(to: URL(fileURLWithPath: workspace.db))

        let result = try workspace.run(["check"])
        #expect(result.status == 65)
        #expect(result.stdout.hasPrefix("The file is damaged: "))
        #expect(result.stdout.split(separator: "\n").count <= 21)
        #expect(!result.stderr.contains("SQLite error"))
    }

    /// The worked example, day by day: what a reader of each day's news would have said.
    @Test func exampleDayByDay() throws {
        let workspace = Workspace()
        let db = try runExample(into: workspace)
        func statuses(_ day: String) throws -> [String: String] {
            let result = try workspace.run(["list", "--as-of", day, "--json"], environment: ["LEDGER_DB": db])
            #expect(result.status == 0, "\(result.stderr)")
            let claims = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
            return Dictionary(uniqueKeysWithValues: claims.map { ($0.string("id") ?? "", $0.string("status") ?? "") })
        }
        // Thursday 8 September: the Balakliya videos circulate, but no claim has been made yet.
        #expect(try statuses("2022-09-08") == [:])
        // Friday 9 September: Zelensky's "more than 30 settlements" stands alone.
        #expect(try statuses("2022-09-09") == ["C6": "unverified"])
        // Saturday 10 September: the Russian withdrawal announcement and the day's claims and responses.
        let saturday = try statuses("2022-09-10")
        #expect(saturday["C2"] == "corroborated")
        #expect(saturday["C3"] == "unverified")
        #expect(saturday["C4"] == "confirmed")
        #expect(saturday["C5"] == "contradicted")
        #expect(saturday.count == 8)
        // C4 as of Saturday morning had only the videos of earlier in the week.
        let c4 = try workspace.run(["show", "C4", "--as-of", "2022-09-09", "--json"], environment: ["LEDGER_DB": db])
        #expect(c4.status == 65)
        #expect(c4.stderr.contains("not yet in the ledger"))
        #expect(try workspace.run(["check"], environment: ["LEDGER_DB": db]).status == 0)
    }

    @Test func invalidAsOfIsRefusedWithAnExample() throws {
        let workspace = try Workspace().seeded()
        let result = try workspace.run(["list", "--as-of", "10 September"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("such as 2022-09-10"))
    }
}

func sqlite(_ db: String, _ sql: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["sqlite3", db, sql]
    try process.run()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "sqlite3 failed on: \(sql)")
}

/// Runs examples/kharkiv-2022/run.sh with the built binary; returns the ledger it wrote.
func runExample(into workspace: Workspace, environment extra: [String: String] = [:]) throws -> String {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let script = Process()
    script.executableURL = URL(fileURLWithPath: "/bin/bash")
    script.arguments = [root.appendingPathComponent("examples/kharkiv-2022/run.sh").path]
    var environment = ProcessInfo.processInfo.environment
    environment["LEDGER"] = Workspace.binary
    environment["OUT"] = workspace.folder
    environment["NO_COLOR"] = "1"
    environment["REPORT"] = workspace.folder + "/report.md"
    environment["CHARTS"] = workspace.folder + "/charts"
    environment["REPORT_HTML"] = workspace.folder + "/report.html"
    for (key, value) in extra { environment[key] = value }
    script.environment = environment
    script.standardOutput = FileHandle.nullDevice
    script.standardError = FileHandle.nullDevice
    try script.run()
    script.waitUntilExit()
    try #require(script.terminationStatus == 0)
    return workspace.folder + "/kharkiv.db"
}
