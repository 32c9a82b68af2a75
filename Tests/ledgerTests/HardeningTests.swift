import Foundation
import LedgerTestSupport
import Testing

/// The hostile tester's findings (the hardening issue), one regression test per item, run
/// against the built binary as a user would. (Refusals of one command are in BadInputTests'
/// catalogue; these need more than one command, a signal, or a look at the file system.)
struct HardeningTests {
    // MARK: Files (items 1, 6, 23, 28)

    /// Item 1: a second name for the ledger (a hard link) and a FIFO are refused, never opened.
    @Test(.sqliteOnly) func aHardLinkedLedgerOrAFIFOIsRefused() throws {
        let workspace = try Workspace().seeded()
        let second = workspace.folder + "/second.db"
        #expect(link(workspace.db, second) == 0)
        for arguments in [["list"], ["add", "x", "--source", "uk-mod"], ["list", "--db", second]] {
            let result = try workspace.run(arguments)
            #expect(result.status == 66, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("hard links"), "\(result.stderr)")
        }
        unlink(second)
        #expect(try workspace.run(["check"]).status == 0)

        let fifo = workspace.folder + "/pipe.db"
        #expect(mkfifo(fifo, 0o600) == 0)
        let result = try workspace.run(["list", "--db", fifo], killAfter: 10)
        #expect(result.status == 66, "a FIFO as the ledger: \(result.status) \(result.stderr)")
        #expect(result.stderr.contains("not a regular file"))
    }

    /// Item 6: `init` killed at any moment leaves either nothing or a whole ledger at the path.
    @Test func initKilledAtAnyMomentLeavesNothingHalfMade() throws {
        let workspace = Workspace()
        var killedBeforeTheEnd = 0
        for trial in 0..<60 {
            let path = workspace.folder + "/l\(trial).db"
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Workspace.binary)
            process.arguments = ["init", "--db", path]
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32(trial) * 500)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal { killedBeforeTheEnd += 1 }
            if FileManager.default.fileExists(atPath: path) {
                let check = try workspace.run(["check", "--db", path])
                #expect(check.status == 0, "trial \(trial): a file at the path is not a whole ledger: \(check.stderr)")
            } else {
                #expect(try workspace.run(["init", "--db", path]).status == 0, "trial \(trial): init cannot start again")
            }
        }
        #expect(killedBeforeTheEnd >= 3, "the kills should land while init runs")
    }

    /// Item 23: a ledger in a folder its reader cannot write still reads (as `nobody`).
    @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")))
    func aLedgerInAReadOnlyFolderStillReads() throws {
        let workspace = try Workspace().seeded()
        let folder = "/tmp/ledger-readonly-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = folder + "/shared.db"
        try workspace.ok("export", "--output", workspace.folder + "/all.json")
        try workspace.ok("init", "--db", ledger)
        try workspace.ok("import", workspace.folder + "/all.json", "--db", ledger)
        chmod(ledger, 0o644)
        chmod(folder, 0o755)
        // The binary must be reachable by nobody: copy it where anyone can run it.
        let binary = folder + "/ledger"
        try FileManager.default.copyItem(atPath: Workspace.binary, toPath: binary)
        chmod(binary, 0o755)
        for arguments in [["list"], ["show", "C1"], ["check"]] {
            let result = try workspace.run(
                ["--reuid=nobody", "--regid=nogroup", "--clear-groups", binary] + arguments + ["--db", ledger], environment: ["HOME": "/"],
                executable: "/usr/bin/setpriv")
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        let list = try workspace.run(
            ["--reuid=nobody", "--regid=nogroup", "--clear-groups", binary, "list", "--db", ledger], executable: "/usr/bin/setpriv")
        #expect(list.stdout.contains("Kupiansk seized"))
        let write = try workspace.run(
            ["--reuid=nobody", "--regid=nogroup", "--clear-groups", binary, "add", "x", "--source", "uk-mod", "--db", ledger],
            executable: "/usr/bin/setpriv")
        #expect(write.status == 74, "a write is refused: \(write.stderr)")
    }

    /// Item 28: a claim whose claimant row was deleted by hand is damage, not a typo.
    @Test(.sqliteOnly) func aDanglingClaimantIsReportedAsDamage() throws {
        let workspace = try Workspace().seeded()
        let sql = try sqlite(workspace, "PRAGMA foreign_keys = OFF; DELETE FROM source WHERE handle = 'ua-mfa';")
        #expect(sql.status == 0, "\(sql.stderr)")
        // Every command that meets the damage says so, with one code, and points to check.
        for arguments in [["corroborate", "C1", "--source", "uk-mod"], ["show", "C1"], ["list"], ["report"], ["export"]] {
            let result = try workspace.run(arguments)
            #expect(result.status == 74, "\(arguments): \(result.status) \(result.stderr)")
            #expect(result.stderr.contains("ledger check") && !result.stderr.contains("Did you mean"), "\(arguments): \(result.stderr)")
            #expect(arguments[0] != "export" || result.stdout.isEmpty, "a damaged export was written")
        }
    }

    // MARK: Outputs (items 2–5, 7, 27)

    /// Item 4: every command whose output cannot be written exits 74 and says so.
    @Test(.sqliteOnly) func outputThatCannotBeWrittenExits74() throws {
        let workspace = try Workspace().seeded()
        try workspace.ok("corroborate", "C1", "--source", "uk-mod")
        // A check with findings has output to write.
        let damaged = try Workspace().seeded()
        _ = try sqlite(damaged, "UPDATE claim SET status = 'confirmed', grade = 'C1';")
        let commands: [(Workspace, [String])] = [
            (workspace, ["list", "--json"]), (workspace, ["list"]), (workspace, ["log"]), (workspace, ["source", "list"]),
            (workspace, ["source", "show", "uk-mod"]), (workspace, ["show", "C1"]), (workspace, ["show", "C1", "--json"]),
            (workspace, ["report"]), (workspace, ["export"]), (damaged, ["check"]), (workspace, ["--help"]),
            (workspace, ["--version"]), (workspace, ["list", "--help"]),
        ]
        for (place, arguments) in commands {
            let result = try shell("\"$L\" \(arguments.joined(separator: " ")) > /dev/full", place)
            #expect(result.status == 74, "\(arguments): exit \(result.status), \(result.stderr)")
            #expect(result.stderr.contains("failed"), "\(arguments): \(result.stderr)")
        }
    }

    /// Item 7: a new output is 0600 like the ledger; a replaced one keeps its permissions.
    @Test func outputFilesArePrivateAndAReplacedFileKeepsItsMode() throws {
        let workspace = try Workspace().seeded()
        let report = workspace.folder + "/r.md"
        try workspace.ok("report", "--output", report)
        #expect(try permissions(report) == 0o600)
        chmod(report, 0o640)
        try workspace.ok("report", "--output", report, "--force")
        #expect(try permissions(report) == 0o640)
        // Less set-user-ID, set-group-ID and sticky bits: a report is never a program.
        chmod(report, 0o4755)
        try workspace.ok("report", "--output", report, "--force")
        #expect(try permissions(report) == 0o755)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: workspace.folder).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    /// Item 7: SIGINT, SIGTERM, SIGHUP or SIGPIPE while a report is being written leaves no
    /// temporary file (nor a half report).
    @Test(arguments: [SIGINT, SIGTERM, SIGHUP, SIGPIPE])
    func aSignalDuringOutputLeavesNoTemporaryFile(signal: Int32) throws {
        let workspace = try Workspace().seeded().withManyClaims()
        let output = workspace.folder + "/report.md"
        var caught = 0
        for _ in 0..<5 where caught == 0 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Workspace.binary)
            process.arguments = ["report", "--output", output, "--db", workspace.db]
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Wait for the temporary file, then signal.
            var temporary: String?
            for _ in 0..<20_000 where temporary == nil && process.isRunning {
                temporary = try FileManager.default.contentsOfDirectory(atPath: workspace.folder).first { $0.contains(".tmp-") }
                if temporary == nil { usleep(200) }
            }
            if temporary != nil, process.isRunning {
                kill(process.processIdentifier, signal)
                caught += 1
            }
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal {
                #expect(process.terminationStatus == signal)
                #expect(!FileManager.default.fileExists(atPath: output), "a signal left a report")
            } else {
                try? FileManager.default.removeItem(atPath: output)
            }
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: workspace.folder).filter { $0.contains(".tmp-") }
            #expect(leftovers.isEmpty, "left behind: \(leftovers)")
        }
        #expect(caught > 0, "the signal should land while the report is written")
    }

    // MARK: Security (items 9, 10, 11)

    /// Item 9: a ClaimReview pasted into `<script type="application/ld+json">` cannot end it.
    @Test func jsonOutputIsSafeInsideAScriptElement() throws {
        let workspace = try Workspace().seeded()
        let statement = "</script><script>alert(1)</script> & \u{2028}"
        try workspace.ok("add", statement, "--source", "uk-mod")
        let review = try workspace.run(["report", "--format", "claimreview", "--publisher", "Desk", "--base-url", "https://desk.example/c/"])
        #expect(review.status == 0)
        for text in ["<", ">", "&", "\u{2028}"] { #expect(!review.stdout.contains(text), "\(text) printed raw") }
        let json = try workspace.run(["list", "--json"]).stdout + (try workspace.run(["export"]).stdout)
        #expect(!json.contains("</script"))
        let listed = try #require(try workspace.json("list") as? [[String: Any]])
        #expect(listed.contains { $0.string("statement") == "</script><script>alert(1)</script> &" })
    }

    /// Item 10: a trigger planted with the sqlite3 shell never runs: writes are refused, and
    /// `check` names it, as it names a view, an extra table and a dropped index.
    @Test(.sqliteOnly) func foreignSchemaObjectsAreRefusedAndNamed() throws {
        let workspace = try Workspace().seeded()
        _ = try sqlite(
            workspace,
            """
            CREATE TABLE stolen (x TEXT);
            CREATE TRIGGER spy AFTER INSERT ON evidence BEGIN INSERT INTO stolen VALUES (new.quote); END;
            CREATE VIEW everything AS SELECT * FROM claim;
            DROP INDEX claim_by_status;
            """)
        let write = try workspace.run(["corroborate", "C1", "--source", "uk-mod", "--quote", "secret"])
        #expect(write.status == 66, "\(write.stderr)")
        #expect(write.stderr.contains("altered outside ledger"), "\(write.stderr)")
        #expect(try sqlite(workspace, "SELECT count(*) FROM evidence; SELECT count(*) FROM stolen;").stdout == "0\n0\n")
        let check = try workspace.run(["check"])
        #expect(check.status == 65)
        for name in ["trigger 'spy'", "table 'stolen'", "view 'everything'", "index 'claim_by_status'"] {
            #expect(check.stdout.contains(name), "check does not name \(name): \(check.stdout)")
        }
        // Reading still works, so the analyst can export what is there.
        #expect(try workspace.run(["list"]).status == 0)
    }

    /// Item 11: every hidden character the tester found is dropped from what is stored;
    /// joiners stay where an emoji or a Persian word needs them.
    @Test func hiddenCharactersAreDroppedAndNeededJoinersKept() throws {
        let workspace = try Workspace().seeded()
        let hidden: [UInt32] = [
            0xE0041, 0xE007F, 0x200C, 0x200D, 0x00AD, 0x2061, 0x2064, 0x206A, 0x206F, 0xFFF9, 0xFFFB, 0x180E, 0x3164, 0x115F,
            0x1160, 0xFFA0, 0x034F, 0xFE0F, 0x200B, 0x202E, 0x2066, 0xFEFF,
        ]
        for (index, value) in hidden.enumerated() {
            let scalar = Character(Unicode.Scalar(value)!)
            let statement = "Kupi\(scalar)ansk \(index) seized"
            let added = try #require(try workspace.json("add", statement, "--source", "uk-mod") as? [String: Any])
            #expect(added.string("statement") == "Kupiansk \(index) seized", "U+\(String(value, radix: 16, uppercase: true)) was kept")
        }
        let emoji = "Firefighter 👩\u{200D}🚒 and keycap 1\u{FE0F}\u{20E3}"
        let persian = "می\u{200C}خواهم"
        for text in [emoji, persian] {
            let added = try #require(try workspace.json("add", text, "--source", "uk-mod") as? [String: Any])
            #expect(added.string("statement") == text)
        }
        #expect(try workspace.run(["check"]).status == 0)
    }

    /// Item 11: what is echoed to a terminal is escaped: a file name cannot retitle the window.
    @Test func echoedTextIsEscaped() throws {
        let workspace = try Workspace().seeded()
        let name = workspace.folder + "/\u{1B}]0;owned\u{07}\u{202E}.csv"
        try "statement,source\nEchoed claim,uk-mod\n".write(toFile: name, atomically: true, encoding: .utf8)
        let result = try workspace.run(["import", name])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("\u{1B}") && !result.stderr.contains("\u{07}") && !result.stderr.contains("\u{202E}"))
        #expect(result.stderr.contains("\\u{1B}]0;owned"))
        let missing = try workspace.run(["show", "C1\u{1B}[2J"])
        #expect(!missing.stderr.contains("\u{1B}"))
    }

    // MARK: Scaling (items 15, 16, 17, 19, 20)

    /// Item 15: version 2 indexes the successor columns that deleting a claim looks up, and
    /// a version 1 ledger is migrated by its next write (reads leave it as it is).
    @Test(.sqliteOnly) func aVersionOneLedgerIsMigratedByItsNextWrite() throws {
        // The committed version 2 ledger, without version 2's indexes, is a version 1 ledger.
        let workspace = try Workspace().fromVersion2Fixture()
        _ = try sqlite(workspace, "DROP INDEX claim_by_successor; DROP INDEX lifecycle_by_successor; PRAGMA user_version = 1;")
        #expect(try workspace.run(["list"]).status == 0)
        #expect(try workspace.run(["check"]).status == 0, "a version 1 ledger is whole as version 1")
        #expect(try sqlite(workspace, "PRAGMA user_version;").stdout == "1\n")
        try workspace.ok("corroborate", "C1", "--source", "uk-mod")
        #expect(try sqlite(workspace, "PRAGMA user_version;").stdout == "5\n")
        let plan = try sqlite(workspace, "EXPLAIN QUERY PLAN SELECT 1 FROM claim WHERE superseded_by = 1; EXPLAIN QUERY PLAN SELECT 1 FROM lifecycle WHERE superseded_by = 1;")
        #expect(plan.stdout.contains("claim_by_successor") && plan.stdout.contains("lifecycle_by_successor"), "\(plan.stdout)")
        #expect(try workspace.run(["check"]).status == 0)
    }

    /// Item 16: the same word 400 times is one search term.
    @Test func repeatedSearchWordsAreOneTerm() throws {
        let workspace = try Workspace().seeded()
        let search = Array(repeating: "k*", count: 400).joined(separator: " ")
        let found = try #require(try workspace.json("list", "--search", search) as? [[String: Any]])
        #expect(found.count == 1)
    }

    /// Item 17: a 10 KB typo is not compared with 2,000 names (it was 11.6 s of edit distances).
    @Test(.sqliteOnly) func aLongTypoIsNotComparedWithEveryName() throws {
        let workspace = try Workspace().seeded()
        let insert = try sqlite(
            workspace,
            """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
            INSERT INTO source (uuid, handle, name, recorded_at, recorded_by)
            SELECT printf('00000000-0000-4000-8000-%012d', i), 'source-' || i, 'Source ' || i, '2022-09-10T00:00:00Z', 'test' FROM n;
            """)
        #expect(insert.status == 0, "\(insert.stderr)")
        // It starts like an existing handle, which once made it a suggestion too.
        let typo = "source-1" + String(repeating: "x", count: 10_000)
        let result = try workspace.run(["corroborate", "C1", "--source", typo], killAfter: 60)
        #expect(result.status == 65)
        #expect(result.stderr.contains("There is no source") && !result.stderr.contains("Did you mean"), "\(result.stderr.prefix(200))")
    }

    /// Item 20: a bus error while `check` reads its memory map is one sentence and exit 74.
    @Test(.sqliteOnly) func aBusErrorDuringCheckIsAnIOFailure() throws {
        let workspace = try Workspace().seeded().withManyClaims()
        var signalled = false
        for _ in 0..<5 where !signalled {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Workspace.binary)
            process.arguments = ["check", "--db", workspace.db]
            let err = Pipe()
            process.standardError = err
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            // Signal once check reads through its memory map (the ledger shows in /proc/PID/maps).
            let maps = "/proc/\(process.processIdentifier)/maps"
            while process.isRunning, !signalled {
                // (The ledger itself, not its -shm file, which every connection maps.)
                let mapped = (try? String(contentsOfFile: maps, encoding: .utf8)) ?? ""
                if mapped.split(separator: "\n").contains(where: { $0.hasSuffix(" " + workspace.db) }) {
                    kill(process.processIdentifier, SIGBUS)
                    signalled = true
                } else {
                    usleep(200)
                }
            }
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            guard signalled else { continue }
            #expect(process.terminationReason == .exit && process.terminationStatus == 74, "\(process.terminationStatus): \(stderr)")
            #expect(stderr.contains("while it was being checked"))
            #expect(!stderr.contains("Backtrac") && !stderr.contains("crashed"))
        }
        #expect(signalled, "check should still be running once its handler is in place")
    }

    // MARK: Found by the second hostile pass

    /// A FIFO where SQLite looks for the ledger's journal is refused, not opened (it hung).
    @Test(.sqliteOnly) func aFIFOBesideTheLedgerIsRefused() throws {
        let workspace = try Workspace().seeded()
        #expect(mkfifo(workspace.db + "-journal", 0o600) == 0)
        let result = try workspace.run(["list"], killAfter: 10)
        #expect(result.status == 66, "\(result.status) \(result.stderr)")
        #expect(result.stderr.contains("not a regular file"))
    }

    /// `check` of a ledger whose search table was dropped names what is missing (exit 65).
    @Test(.sqliteOnly) func checkNamesALostTableInsteadOfFailing() throws {
        let workspace = try Workspace().seeded()
        _ = try sqlite(workspace, "DROP TABLE claim_search;")
        let check = try workspace.run(["check"])
        #expect(check.status == 65, "\(check.stderr)")
        #expect(check.stdout.contains("lost a table 'claim_search'"), "\(check.stdout)")
    }

    /// Argument errors echo what was typed with its control characters escaped.
    @Test func argumentErrorsAreEscaped() throws {
        let workspace = try Workspace().seeded()
        let result = try workspace.run(["add", "x", "--source", "uk-mod", "--date", "\u{1B}]0;owned\u{07}"])
        #expect(result.status == 64)
        #expect(!result.stderr.contains("\u{1B}") && result.stderr.contains("\\u{1B}]0;owned"), "\(result.stderr)")
    }

    /// Filters drop hidden characters as stored text does; --by keeps an emoji's joiner.
    @Test func filtersAndNamesReadHiddenCharactersAsInputDoes() throws {
        let workspace = try Workspace().seeded()
        try workspace.ok("add", "Tagged claim", "--source", "uk-mod", "--tag", "front\u{200B}line", "--place", "Iz\u{200B}yum")
        for filter in [["--tag", "front\u{200B}line"], ["--place", "Iz\u{2060}yum"], ["--search", "Tag\u{200B}ged"]] {
            let found = try #require(try workspace.json(["list"] + filter) as? [[String: Any]])
            #expect(found.count == 1, "\(filter)")
        }
        // A name typed is a file's way to say who records (a server takes the database role).
        if TestBackend.current == .sqlite {
            let result = try workspace.run(["add", "By a firefighter", "--source", "uk-mod", "--by", "crew 👩\u{200D}🚒"])
            #expect(result.status == 0, "\(result.stderr)")
        }
    }

    // MARK: Helpers

    func permissions(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    func sqlite(_ workspace: Workspace, _ sql: String) throws -> Workspace.Result {
        try workspace.run([workspace.db, sql], useDB: false, executable: "/usr/bin/sqlite3")
    }

    func shell(_ script: String, _ workspace: Workspace) throws -> Workspace.Result {
        try workspace.run(["-c", script], environment: ["L": Workspace.binary], executable: "/bin/bash")
    }
}
