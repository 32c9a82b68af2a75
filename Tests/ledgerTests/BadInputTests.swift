import Foundation
import LedgerCore
import LedgerTestSupport
import Testing

/// SPEC §6: bad input of every kind gets one clear sentence, a documented exit code, and
/// leaves the ledger exactly as it was (its export, byte for byte).
struct BadInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        /// A bash command; `$L` is the binary, `$DB` a seeded ledger, `$DIR` a scratch folder.
        var script: String
        /// Run first, before the ledger's state is taken (changes it may make are not the refusal's).
        var setup = ""
        var code: Int32
        var message: String
        /// What a ledger on a server answers instead, where it differs (a name typed with
        /// --by is refused there, a server is reached rather than refused); nil to leave the
        /// case to files (it tests the file itself, or a setting a server ignores).
        var onServer: (code: Int32, message: String)?? = .some(nil)
        var testDescription: String { name }

        /// The exit code and message expected on the backend of this run.
        var expected: (code: Int32, message: String)? {
            guard TestBackend.current == .postgresql else { return (code, message) }
            switch onServer {
            case .none: return nil
            case .some(.none): return (code, message)
            case .some(.some(let other)): return other
            }
        }
    }

    /// A name typed with --by, refused on a server (attribution comes from the database role).
    static let byOnServer: (code: Int32, message: String)?? = .some((64, "on a server the log records the database role"))

    static let cases: [Case] = [
        // Unknown ids and handles.
        Case(name: "unknown claim", script: #"$L show C99"#, code: 65, message: "There is no claim C99"),
        Case(name: "claim id that is not one", script: #"$L show Kupiansk"#, code: 65, message: "is not a claim id"),
        Case(name: "evidence on unknown claim", script: #"$L corroborate C42 --source uk-mod"#, code: 65, message: "There is no claim C42"),
        Case(name: "unknown source", script: #"$L corroborate C1 --source nobody"#, code: 65, message: "There is no source 'nobody'"),
        Case(name: "unknown claimant", script: #"$L add x --source uk-mdo"#, code: 65, message: "Did you mean uk-mod"),
        Case(name: "unknown via", script: #"$L add x --source uk-mod --via nowhere"#, code: 65, message: "There is no source 'nowhere'"),
        Case(name: "unknown citing", script: #"$L corroborate C1 --source uk-mod --citing ghost"#, code: 65, message: "There is no source 'ghost'"),
        Case(name: "list by unknown source", script: #"$L list --source nobody"#, code: 65, message: "There is no source 'nobody'"),
        Case(name: "unknown supersessor", script: #"$L supersede C1 --by C77"#, code: 65, message: "There is no claim C77"),
        // Dates.
        Case(name: "malformed date", script: #"$L add x --source uk-mod --date 2022/09/10"#, code: 64, message: "is not a valid date"),
        Case(name: "impossible date", script: #"$L add x --source uk-mod --date 2022-02-30"#, code: 64, message: "such as 2022-09-10"),
        Case(name: "impossible time", script: #"$L corroborate C1 --source uk-mod --date 2022-09-10T25:00"#, code: 64, message: "is not a valid date"),
        Case(name: "bad since", script: #"$L list --since yesterday"#, code: 64, message: "is not a valid date"),
        Case(name: "bad as-of", script: #"$L show C1 --as-of 10.09.2022"#, code: 64, message: "is not a valid date"),
        Case(name: "retraction before the claim", script: #"$L retract C1 --date 2022-01-01"#, code: 65, message: "on or after 2022-09-10"),
        // Quantities.
        Case(name: "not a quantity", script: #"$L add x --source uk-mod --quantity lots"#, code: 65, message: "is not a quantity"),
        Case(name: "backwards range", script: #"$L add x --source uk-mod --quantity "40-30 km""#, code: 65, message: "runs backwards"),
        Case(name: "absurd number", script: #"$L add x --source uk-mod --quantity "1e999 km""#, code: 65, message: "is not a quantity"),
        Case(name: "huge number", script: #"$L add x --source uk-mod --quantity "999999999999999999999999999999 km""#, code: 65, message: "too large"),
        Case(name: "incomparable figure", script: #"$L corroborate C2 --source uk-mod --quantity "5 sq km""#, setup: #"$L add d --source ua-military --quantity "50 km""#, code: 65, message: "cannot be compared"),
        // Text.
        Case(name: "empty statement", script: #"$L add "" --source uk-mod"#, code: 65, message: "The statement is empty"),
        Case(name: "blank statement", script: #"$L add $' \t\n ' --source uk-mod"#, code: 65, message: "The statement is empty"),
        Case(name: "100 kB statement", script: #"$L add "$(head -c 100000 /dev/zero | tr '\0' x)" --source uk-mod"#, code: 65, message: "the limit is 2000"),
        Case(name: "control character", script: #"$L add $'bell\a' --source uk-mod"#, code: 65, message: "control character"),
        Case(name: "invalid UTF-8 statement", script: #"$L add $'caf\xe9' --source uk-mod"#, code: 65, message: "is not valid UTF-8"),
        Case(name: "invalid UTF-8 quote", script: #"$L corroborate C1 --source uk-mod --quote $'\xff\xfe'"#, code: 65, message: "is not valid UTF-8"),
        Case(name: "tag with a line break", script: #"$L add x --source uk-mod --tag $'a\nb'"#, code: 65, message: "'a b' contains a line break"),
        // URLs.
        Case(name: "javascript URL", script: #"$L add x --source uk-mod --url 'javascript:alert(1)'"#, code: 65, message: "not a web address"),
        Case(name: "file URL", script: #"$L corroborate C1 --source uk-mod --url file:///etc/passwd"#, code: 65, message: "not a web address"),
        Case(name: "URL with a space", script: #"$L add x --source uk-mod --url 'https://exa mple.org'"#, code: 65, message: "not a valid web address"),
        Case(name: "source URL", script: #"$L source add new --name N --url ftp://x"#, code: 65, message: "not a web address"),
        // Sources and guards.
        Case(name: "bad handle", script: #"$L source add 'UK MoD' --name x"#, code: 65, message: "not a valid source handle"),
        Case(name: "duplicate handle", script: #"$L source add uk-mod --name Again"#, code: 65, message: "already a source 'uk-mod'"),
        Case(name: "bad reliability", script: #"$L source add new --name N --reliability Z"#, code: 64, message: "reliability"),
        Case(name: "bad kind", script: #"$L source add new --name N --kind blog"#, code: 64, message: "kind"),
        Case(name: "self corroboration", script: #"$L corroborate C1 --source ua-mfa"#, code: 65, message: "cannot corroborate it"),
        Case(name: "self contradiction", script: #"$L contradict C1 --source ua-mfa"#, code: 65, message: "ledger retract C1"),
        Case(name: "reopen an open claim", script: #"$L reopen C1 --reason x"#, code: 65, message: "which is open"),
        Case(name: "retract twice", script: #"$L retract C1"#, setup: #"$L retract C1"#, code: 65, message: "C1 is retracted"),
        Case(name: "resolve without a verdict", script: #"$L resolve C1 --reason x"#, code: 64, message: "verdict"),
        Case(name: "supersede by itself", script: #"$L supersede C1 --by C1"#, code: 65, message: "cannot supersede itself"),
        Case(name: "search without words", script: #"$L list --search '()*'"#, code: 65, message: "has no words"),
        // Usage.
        Case(name: "unknown command", script: #"$L frobnicate"#, code: 64, message: "frobnicate"),
        Case(name: "unknown option", script: #"$L list --colour"#, code: 64, message: "--colour"),
        Case(name: "missing argument", script: #"$L corroborate C1"#, code: 64, message: "--source"),
        Case(name: "claimreview without publisher", script: #"$L report --format claimreview"#, code: 64, message: "--publisher"),
        // Import files.
        Case(name: "malformed JSON import", script: #"printf '{"format": "ledger-export", "version": 1, "sources": {' > $DIR/x.json; $L import $DIR/x.json"#, code: 65, message: "is not valid JSON"),
        Case(name: "foreign JSON import", script: #"echo '[1, 2, 3]' > $DIR/x.json; $L import $DIR/x.json"#, code: 65, message: "is not a ledger export"),
        Case(name: "NUL in JSON import", script: #"printf '{"format": "ledger-export", "version": 1, "sources": {"00000000-0000-4000-8000-000000000001": {"handle": "n", "name": "a\\u0000b"}}}' > $DIR/x.json; $L import $DIR/x.json"#, code: 65, message: "contains a NUL character"),
        Case(name: "malformed CSV import", script: #"printf 'statement,source\n"open,uk-mod\n' > $DIR/x.csv; $L import $DIR/x.csv"#, code: 65, message: "row 2: a quoted field is never closed"),
        Case(name: "NUL byte in CSV", script: #"printf 'statement,source\na\000b,uk-mod\n' > $DIR/x.csv; $L import $DIR/x.csv"#, code: 65, message: "row 2, field statement"),
        Case(name: "invalid UTF-8 in CSV", script: #"printf 'statement,source\ncaf\351,uk-mod\n' > $DIR/x.csv; $L import $DIR/x.csv"#, code: 65, message: "not valid UTF-8"),
        Case(name: "1 MB statement in CSV", script: #"{ echo statement,source; head -c 1000000 /dev/zero | tr '\0' x; echo ,uk-mod; } > $DIR/x.csv; $L import $DIR/x.csv"#, code: 65, message: "row 2, field statement"),
        Case(name: "random bytes as CSV", script: #"head -c 4096 /dev/urandom > $DIR/x.csv; $L import $DIR/x.csv --format csv"#, code: 65, message: "othing was imported"),
        Case(name: "missing import file", script: #"$L import $DIR/absent.json"#, code: 66, message: "Cannot read"),
        Case(name: "folder as import file", script: #"$L import $DIR"#, code: 66, message: "is a folder"),
        // Output.
        Case(name: "existing output", script: #"echo keep > $DIR/r.md; $L report --output $DIR/r.md"#, code: 65, message: "already exists"),
        Case(name: "output in a missing folder", script: #"$L report --output $DIR/no/such/r.md"#, code: 74, message: "Cannot write"),
        // Outputs that must not destroy what they should not (hardening issue, items 2, 5, 27).
        Case(name: "output over a FIFO with --force", script: #"mkfifo $DIR/f; $L export --output $DIR/f --force"#, code: 64, message: "is not a regular file"),
        Case(name: "output over a symbolic link", script: #"echo keep > $DIR/t; ln -s $DIR/t $DIR/l; $L report --output $DIR/l --force"#, code: 64, message: "is a symbolic link"),
        Case(name: "export over the ledger itself", script: #"$L export --output $DB --force"#, code: 64, message: "is the ledger itself"),
        Case(name: "export over another name of the ledger", script: #"$L export --output $DIR/../$(basename $DIR)/ledger.db --force"#, code: 64, message: "is the ledger itself", onServer: .none),
        Case(name: "report over the ledger's WAL", script: #"$L report --output $DB-wal --force"#, code: 64, message: "is the ledger itself"),
        Case(name: "empty export output", script: #"$L export --output ''"#, code: 64, message: "--output needs a file name"),
        Case(name: "empty report output", script: #"$L report --output ''"#, code: 64, message: "--output needs a file name"),
        // Hostile text (items 11–14).
        Case(name: "statement of only hidden characters", script: #"$L add "$(printf '\342\200\213\342\201\240\357\273\277')" --source uk-mod"#, code: 65, message: "only invisible characters"),
        Case(name: "quote of only a soft hyphen", script: #"$L corroborate C1 --source uk-mod --quote "$(printf '\302\255')""#, code: 65, message: "only invisible characters"),
        Case(name: "URL with a right-to-left override", script: #"$L add x --source uk-mod --url "https://example.org/$(printf '\342\200\256')gpj.exe""#, code: 65, message: "invisible character"),
        Case(name: "letter with 3,000 combining accents", script: #"$L add "Z$(for i in $(seq 3000); do printf '\314\201'; done)" --source uk-mod"#, code: 65, message: "the limit is 2000"),
        Case(name: "NUL inside a CSV source handle", script: #"printf 'statement,source\nabc,uk-mod\000junk\n' > $DIR/x.csv; $L import $DIR/x.csv"#, code: 65, message: "row 2, field source"),
        Case(name: "recorder with an escape", script: #"$L add x --source uk-mod --by $'a\eb'"#, code: 64, message: "recorder's name", onServer: byOnServer),
        Case(name: "recorder with a line break from LEDGER_USER", script: #"LEDGER_USER=$'a\nb' $L add x --source uk-mod"#, code: 64, message: "recorder's name", onServer: .none),
        Case(name: "120,000-character recorder", script: #"$L add x --source uk-mod --by "$(head -c 120000 /dev/zero | tr '\0' a)""#, code: 64, message: "the limit is 64", onServer: byOnServer),
        // Searches, figures, dates (items 16, 22, 26).
        Case(name: "search with 33 different words", script: #"$L list --search "$(for i in $(seq 33); do printf 'w%d ' $i; done)""#, code: 65, message: "the limit is 32"),
        Case(name: "figure with 17 significant digits", script: #"$L add x --source uk-mod --quantity "1.2345678901234567 km""#, code: 65, message: "significant digits"),
        Case(name: "moment past the year 9999 in UTC", script: #"$L add x --source uk-mod --date 9999-12-31T23:59:59-12:00"#, code: 64, message: "is not a valid date"),
        Case(name: "CSV moment past the year 9999 in UTC", script: #"printf 'statement,source,date\nx,uk-mod,9999-12-31T23:59:59-12:00\n' > $DIR/x.csv; $L import $DIR/x.csv"#, code: 65, message: "row 2, field date"),
        // Found by the review of the hardening (a second hostile pass).
        Case(name: "export into the journal of a ledger given through a link", script: #"ln -s $DB $DIR/link.db; $L export --output $DB-journal --db $DIR/link.db"#, code: 64, message: "is the ledger itself", onServer: .none),
        Case(name: "report title of only hidden characters", script: #"$L report --title "$(printf '\342\200\213\342\200\256')""#, code: 65, message: "only invisible characters"),
        Case(name: "ClaimReview base URL with a hidden character", script: #"$L report --format claimreview --publisher P --base-url "https://x.example/$(printf '\342\200\256')/""#, code: 65, message: "invisible character"),
        Case(name: "blank --by", script: #"$L add x --source uk-mod --by '  '"#, code: 64, message: "is empty", onServer: byOnServer),
        Case(name: "tag over the limit once lowercased", script: #"$L add x --source uk-mod --tag "$(for i in $(seq 64); do printf '\304\260'; done)""#, code: 65, message: "the limit is 64"),
        Case(name: "nothing left to undo", script: #"$L undo"#, setup: #"for i in $(seq 20); do $L undo; done"#, code: 65, message: "nothing left to undo"),
        // A server URL is named, without its password, not opened as a file called "postgres:".
        Case(name: "a PostgreSQL server in --db", script: #"$L add x --source uk-mod --db 'postgres://desk:s3cret@db.example/ledger'"#, code: Ledger.serverSupport ? 75 : 64,
             message: Ledger.serverSupport ? "Cannot reach the PostgreSQL server of postgres://desk:***@db.example/ledger" : "postgres://desk:***@db.example/ledger names a PostgreSQL server"),
        Case(name: "a PostgreSQL server in LEDGER_DB", script: #"LEDGER_DB='postgresql://desk@db.example/ledger?password=s3cret' $L list"#, code: Ledger.serverSupport ? 75 : 64,
             message: Ledger.serverSupport ? "Cannot reach the PostgreSQL server of postgresql://desk@db.example/ledger?password=***" : "postgresql://desk@db.example/ledger?password=*** names a PostgreSQL server"),
    ]

    @Test(arguments: cases)
    func refusedWithItsCodeAndMessageAndNothingChanged(_ case: Case) throws {
        guard let expected = `case`.expected else { return }
        var item = `case`
        (item.code, item.message) = expected
        let workspace = try Workspace().seeded()
        if !item.setup.isEmpty { _ = try run(item.setup + " >/dev/null 2>&1", workspace) }
        let before = try workspace.run(["export"]).stdout
        let result = try run(item.script, workspace)
        #expect(result.status == item.code, "\(item.name): exit \(result.status), stderr: \(result.stderr)")
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: true)
        let first = lines.last.map(String.init) ?? ""
        #expect(result.stderr.contains(item.message), "\(item.name): \(result.stderr)")
        #expect(!result.stderr.contains("SQLite") && !result.stderr.contains("SQLITE_") && !result.stderr.contains("sqlite3"))
        if item.code != 64 {
            // Our own refusals are one line: "ledger: " and a sentence that says what to do.
            #expect(lines.count == 1 && first.hasPrefix("ledger: "), "\(item.name): \(result.stderr)")
        }
        let after = try workspace.run(["export"]).stdout
        #expect(after == before, "\(item.name) changed the ledger")
    }

    /// Files passed as the ledger that are not one: exit 66, and the file is left as it was.
    @Test(arguments: [
        ("random bytes", #"head -c 8192 /dev/urandom > $DIR/x.db"#, "not a ledger file"),
        ("text file", #"echo 'my notes' > $DIR/x.db"#, "not a ledger file"),
        ("foreign SQLite database", #"sqlite3 $DIR/x.db 'CREATE TABLE t (x); INSERT INTO t VALUES (1);'"#, "not a ledger file"),
        ("newer schema", #"$L init --db $DIR/x.db 2>/dev/null; sqlite3 $DIR/x.db 'PRAGMA user_version = 42'"#, "newer version of ledger"),
        ("a folder", #"mkdir $DIR/x.db"#, "is a folder"),
        ("empty file", #": > $DIR/x.db"#, "not a ledger file"),
    ])
    func notALedger(name: String, setup: String, message: String) throws {
        let workspace = Workspace()
        _ = try run(setup, workspace)
        let path = workspace.folder + "/x.db"
        let before = FileManager.default.contents(atPath: path)
        for arguments in [["list"], ["add", "x", "--source", "s"], ["check"], ["report"]] {
            let result = try workspace.run(arguments + ["--db", path])
            #expect(result.status == 66, "\(name) / \(arguments[0]): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(name): \(result.stderr)")
            #expect(!result.stderr.contains("SQLite"))
        }
        #expect(FileManager.default.contents(atPath: path) == before, "\(name): the file was changed")
    }

    @Test func missingLedgerAndMissingFolder() throws {
        let workspace = Workspace()
        for path in [workspace.folder + "/absent.db", workspace.folder + "/no/such/folder/l.db"] {
            let result = try workspace.run(["list", "--db", path])
            #expect(result.status == 66)
            #expect(result.stderr.contains("ledger init"))
        }
        let initInMissing = try workspace.run(["init", "--db", workspace.folder + "/no/such/folder/l.db"])
        #expect(initInMissing.status == 74)
        #expect(initInMissing.stderr.contains("its folder does not exist"))
    }

    @Test(.sqliteOnly) func readOnlyLedgerRefusesWritesAndStillReads() throws {
        let workspace = try Workspace().seeded()
        let before = workspace.fileBytes()
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: workspace.db)
        let write = try workspace.run(["corroborate", "C1", "--source", "uk-mod"])
        #expect(write.status == 74)
        #expect(write.stderr.contains("is read-only"))
        #expect(try workspace.run(["list"]).status == 0)
        #expect(workspace.fileBytes() == before)
    }

    @Test(.sqliteOnly) func fullDiskIsAnIOFailureThatChangesNothing() throws {
        let workspace = try Workspace().seeded()
        let before = try workspace.run(["export"]).stdout
        let result = try run(#"ulimit -f 4; $L add "$(head -c 1500 /dev/zero | tr '\0' x)" --source uk-mod --quote "$(head -c 15000 /dev/zero | tr '\0' y)""#, workspace)
        #expect(result.status == 74)
        #expect(result.stderr.contains("is full"))
        #expect(try workspace.run(["export"]).stdout == before)
        #expect(try workspace.run(["check"]).status == 0)
    }

    /// SQL metacharacters in every text field are stored and shown verbatim.
    @Test func sqlMetacharactersAreJustText() throws {
        let workspace = try Workspace().seeded()
        let evil = #"Robert'); DROP TABLE claim;-- " OR 1=1; /* \ % _ ?1 :x @y $z"#
        try workspace.ok("source", "add", "bobby", "--name", evil, "--affiliation", evil, "--note", evil)
        let added = try #require(
            try workspace.json("add", evil, "--source", "bobby", "--quote", evil, "--place", evil, "--tag", evil, "--url", "https://x.example/?q=" + "%27%3B") as? [String: Any])
        #expect(added.string("statement") == evil)
        #expect(added.string("place") == evil)
        #expect(added["tags"] as? [String] == [evil.lowercased()])
        try workspace.ok("corroborate", "C2", "--source", "uk-mod", "--quote", evil, "--note", evil)
        try workspace.ok("retract", "C2", "--reason", evil)
        let shown = try #require(try workspace.json("show", "C2") as? [String: Any])
        let evidence = try #require((shown["evidence"] as? [[String: Any]])?.first)
        #expect(evidence.string("quote") == evil && evidence.string("note") == evil)
        let source = try #require(try workspace.json("source", "show", "bobby") as? [String: Any])
        #expect(source.string("name") == evil && source.string("affiliation") == evil && source.string("note") == evil)
        let found = try #require(try workspace.json("list", "--search", "Robert DROP") as? [[String: Any]])
        #expect(found.count == 1)
        #expect(try workspace.run(["check"]).status == 0)
    }

    func run(_ script: String, _ workspace: Workspace) throws -> Workspace.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = URL(fileURLWithPath: workspace.folder)
        var environment = ProcessInfo.processInfo.environment
        environment["L"] = Workspace.binary
        environment["DB"] = workspace.db
        environment["DIR"] = workspace.folder
        environment["LEDGER_DB"] = workspace.db
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Workspace.Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }
}
