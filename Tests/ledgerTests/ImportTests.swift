import Foundation
import Testing

/// `ledger import` refuses a bad file with one sentence that names the file, the row and the
/// field once, and leaves the ledger as it was (SPEC §5, §6).
struct ImportMessageTests {
    static let claim = "00000000-0000-4000-8000-000000000002"

    /// Writes `content` to x.json in a seeded workspace, imports it, and checks that it was
    /// refused with exit 65 and exactly `message`, and that the ledger did not change.
    func refused(_ content: String, exactly message: String) throws {
        let workspace = try Workspace().seeded()
        let file = workspace.folder + "/x.json"
        try content.write(toFile: file, atomically: true, encoding: .utf8)
        let before = try workspace.run(["export"]).stdout
        let result = try workspace.run(["import", "x.json"])
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr == "ledger: " + message + "\n")
        #expect(try workspace.run(["export"]).stdout == before)
    }

    @Test func aMissingFieldIsNamedOnce() throws {
        try refused(
            #"{"format": "ledger-export", "version": 1, "claims": {"\#(Self.claim)": {"claimant": "x", "date": "2022-09-10"}}}"#,
            exactly: "x.json: claims.\(Self.claim).statement: missing (expected text); nothing was imported.")
    }

    @Test func aRefusedValueIsNamedOnce() throws {
        try refused(
            #"{"format": "ledger-export", "version": 1, "sources": {"\#(Self.claim)": {"handle": "Bad Handle", "name": "x"}}}"#,
            exactly:
                "x.json: sources.\(Self.claim).handle: 'Bad Handle' is not a valid source handle; use lowercase letters, digits and hyphens, starting with a letter or digit (for example uk-mod); nothing was imported."
        )
    }

    @Test func aValueOfTheWrongTypeIsNamedOnce() throws {
        try refused(
            #"{"format": "ledger-export", "version": 1, "claims": {"\#(Self.claim)": {"statement": 5, "claimant": "x", "date": "2022-09-10"}}}"#,
            exactly: "x.json: claims.\(Self.claim).statement: expected text, not a number; nothing was imported.")
    }
}

/// An export's `version` that is not one this ledger reads is described as what it is.
struct ImportVersionTests {
    static let upgrade = "nothing was imported. Give a file written by `ledger export`."

    @Test(arguments: [
        (#""version": "1""#, #"x.json: "version" is the text "1", not a whole number; "# + upgrade),
        (#""version": -1"#, #"x.json: "version" is -1, but export versions start at 1; "# + upgrade),
        (#""version": 0"#, #"x.json: "version" is 0, but export versions start at 1; "# + upgrade),
        (#""version": 1e308"#, #"x.json: "version" is 1e+308, which is no version of the export format (this ledger reads version 1); "# + upgrade),
        (#""version": 1.5"#, #"x.json: "version" is 1.5, not a whole number; "# + upgrade),
        (#""version": null"#, #"x.json: "version" is null, not a whole number; "# + upgrade),
        (#""versio": 1"#, #"x.json lacks "version"; "# + upgrade),
        (#""version": 2"#, "x.json was written by a newer version of ledger (export version 2; this one reads version 1); nothing was imported. Upgrade ledger to import it."),
    ])
    func aVersionThatIsNotOneIsDescribed(version: String, message: String) throws {
        try ImportMessageTests().refused(#"{"format": "ledger-export", \#(version)}"#, exactly: message)
    }

    @Test func versionOneWrittenAsADecimalIsVersionOne() throws {
        let workspace = try Workspace().seeded()
        try #"{"format": "ledger-export", "version": 1.0}"#.write(toFile: workspace.folder + "/x.json", atomically: true, encoding: .utf8)
        #expect(try workspace.run(["import", "x.json"]).status == 0)
    }
}

/// An import reads all of its input before it takes the write lock, and refuses input beyond
/// its size limit (512 MiB; LEDGER_IMPORT_MAX_BYTES) instead of exhausting memory.
struct ImportInputTests {
    @Test(arguments: ["csv", "json"])
    func endlessInputIsRefusedWithOneSentence(format: String) throws {
        let workspace = try Workspace().seeded()
        let before = try workspace.run(["export"]).stdout
        let started = Date()
        let result = try workspace.run(["import", "/dev/zero", "--format", format])
        #expect(Date().timeIntervalSince(started) < 60)
        #expect(result.status == 65, "\(result.stderr)")
        #expect(
            result.stderr
                == "ledger: /dev/zero is larger than 512 MiB, the most `ledger import` reads; nothing was imported. Split it into smaller files, or raise the limit with LEDGER_IMPORT_MAX_BYTES.\n"
        )
        #expect(try workspace.run(["export"]).stdout == before)
    }

    @Test func theLimitCanBeSetForAFile() throws {
        let workspace = try Workspace().seeded()
        let file = workspace.folder + "/claims.csv"
        try "statement,source\nKupiansk retaken,uk-mod\n".write(toFile: file, atomically: true, encoding: .utf8)
        let tight = try workspace.run(["import", file], environment: ["LEDGER_IMPORT_MAX_BYTES": "20"])
        #expect(tight.status == 65)
        #expect(tight.stderr.hasPrefix("ledger: \(file) is larger than 20 bytes, the most `ledger import` reads;"), "\(tight.stderr)")
        let roomy = try workspace.run(["import", file], environment: ["LEDGER_IMPORT_MAX_BYTES": "41"])
        #expect(roomy.status == 0, "\(roomy.stderr)")
    }

    /// A CSV fed slowly through a FIFO does not keep other writers out while it arrives.
    @Test func aSlowFeedDoesNotHoldTheWriteLock() throws {
        let workspace = try Workspace().seeded()
        let script = """
            mkfifo "$DIR/feed.csv"
            { echo statement,source; sleep 4; echo 'Slow claim,uk-mod'; } > "$DIR/feed.csv" &
            "$L" import "$DIR/feed.csv" > "$DIR/import.out" 2>&1 &
            importer=$!
            sleep 2
            LEDGER_BUSY_TIMEOUT_MS=500 "$L" add 'Quick claim' --source uk-mod 2>&1
            echo "add=$?"
            wait $importer
            echo "import=$?"
            cat "$DIR/import.out"
            """
        let result = try BadInputTests().run(script, workspace)
        #expect(result.stdout.contains("add=0"), "\(result.stdout)")
        #expect(result.stdout.contains("import=0"), "\(result.stdout)")
        let statements = try #require(try workspace.json("list") as? [[String: Any]]).compactMap { $0.string("statement") }
        #expect(statements == ["Kupiansk seized", "Quick claim", "Slow claim"])
    }
}
