import Foundation
import LedgerCore
import LedgerTestSupport
import Testing

/// SPEC §8: what a ledger on a PostgreSQL server changes — attribution from the database role,
/// a role that may only read, writers serialised with a bounded wait, connection failures in
/// one sentence, and a ledger moved between a file and a server intact. Run on the
/// `postgresql` backend (`scripts/test` runs it); every other suite runs there too.
@Suite(.postgresqlOnly)
struct ServerTests {
    /// The schema a server workspace's ledger lives in (the URL's search_path).
    static func schema(of url: String) -> String {
        guard let range = url.range(of: "csearch_path%3D") else { return "public" }
        return String(url[range.upperBound...].prefix { $0 != "&" })
    }

    /// `url`'s ledger as seen by another role's URL.
    static func sameLedger(_ url: String, as roleURL: String) -> String {
        roleURL + (roleURL.contains("?") ? "&" : "?") + "options=-csearch_path%3D" + schema(of: url)
    }

    /// The test server's port, read from its URL.
    static var port: String {
        let url = TestBackend.serverURL ?? ""
        guard let at = url.lastIndex(of: "@") else { return "5432" }
        let host = url[url.index(after: at)...].prefix { $0 != "/" }
        return host.split(separator: ":").last.map(String.init) ?? "5432"
    }

    @Test func aRoleGrantedOnlyReadingRunsEveryReadAndGets77OnAWrite() throws {
        let workspace = try Workspace().seeded()
        try workspace.ok("corroborate", "C1", "--source", "uk-mod", "--date", "2022-09-11")
        let schema = ServerTests.schema(of: workspace.db)
        TestBackend.runPSQL(workspace.db, "GRANT USAGE ON SCHEMA \(schema) TO reader; GRANT SELECT ON ALL TABLES IN SCHEMA \(schema) TO reader")
        let reader = ServerTests.sameLedger(workspace.db, as: try #require(TestBackend.readerURL))
        let report = try JSONSerialization.jsonObject(with: Data(try workspace.ok("report", "--format", "json").utf8)) as? [String: Any]
        let head = try #require(report?["head"] as? String, "\(report ?? [:])")
        let before = try workspace.ok("export")
        for read in [
            ["list"], ["show", "C1"], ["source", "list"], ["source", "show", "uk-mod"], ["log"], ["report"], ["export"], ["check"],
            ["list", "--search", "kupiansk"], ["verify", "--head", head],
        ] {
            let result = try workspace.run(read, environment: ["LEDGER_DB": reader])
            #expect(result.status == 0, "\(read): \(result.stderr)")
        }
        for write in [
            ["add", "x", "--source", "uk-mod"], ["corroborate", "C1", "--source", "ru-mod"], ["source", "add", "x", "--name", "X"],
            ["note", "C1", "looked"], ["retract", "C1"], ["undo"],
        ] {
            let result = try workspace.run(write, environment: ["LEDGER_DB": reader])
            #expect(result.status == 77, "\(write): \(result.status) \(result.stderr)")
            #expect(result.stderr.hasPrefix("ledger: The database role reader may only read the ledger"), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1 && !result.stderr.contains("s3cret"))
        }
        #expect(try workspace.ok("export") == before)
    }

    /// README, "A shared ledger", step by step: an owner role, a login role per analyst in it,
    /// a role that may only read; the ledger made as the owner; each analyst's changes logged
    /// under their own role.
    @Test(.enabled(if: TestBackend.adminURL != nil, "needs LEDGER_TEST_POSTGRES_ADMIN_URL"))
    func theSetUpTheREADMEGivesWorks() throws {
        let admin = try #require(TestBackend.adminURL)
        let tag = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(8)
        let (desk, amira, editor, database) = ("desk_\(tag)", "amira_\(tag)", "editor_\(tag)", "newsroom_\(tag)")
        let password = "pw\(tag)"
        TestBackend.runPSQL(
            admin,
            "CREATE ROLE \(desk) NOLOGIN; CREATE ROLE \(amira) LOGIN PASSWORD '\(password)' IN ROLE \(desk); CREATE ROLE \(editor) LOGIN PASSWORD '\(password)'")
        TestBackend.runPSQL(admin, "CREATE DATABASE \(database) OWNER \(desk)")
        let server = "127.0.0.1:\(ServerTests.port)"
        let asAmira = "postgres://\(amira):\(password)@\(server)/\(database)"
        let asEditor = "postgres://\(editor):\(password)@\(server)/\(database)"
        let asOwner = asAmira + "?options=-crole%3D\(desk)"
        let workspace = Workspace()
        func run(_ db: String, _ arguments: String...) throws -> Workspace.Result {
            try workspace.run(arguments, environment: ["LEDGER_DB": db])
        }
        #expect(try run(asOwner, "init").status == 0)
        #expect(try run(asAmira, "source", "add", "ua-military", "--name", "General Staff of Ukraine").status == 0)
        let added = try run(asAmira, "add", "Kupiansk seized", "--source", "ua-military", "--date", "2022-09-10")
        #expect(added.status == 0, "\(added.stderr)")
        let log = try run(asAmira, "log", "--json")
        let entries = try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(entries.count == 2 && entries.allSatisfy { $0["actor"] as? String == amira }, "\(log.stdout)")
        TestBackend.runPSQL(asOwner, "GRANT USAGE ON SCHEMA public TO \(editor); GRANT SELECT ON ALL TABLES IN SCHEMA public TO \(editor)")
        #expect(try run(asEditor, "list").stdout.contains("Kupiansk seized"))
        #expect(try run(asEditor, "report").status == 0)
        let refused = try run(asEditor, "add", "x", "--source", "ua-military")
        #expect(refused.status == 77 && refused.stderr.contains("The database role \(editor) may only read"), "\(refused.stderr)")
    }

    @Test func theLogNamesTheRoleAndANameTypedIsRefused() throws {
        let workspace = try Workspace().seeded()
        let role = try #require(TestBackend.serverURL.flatMap(TestBackend.user(of:)))
        let log = try #require(try workspace.json("log") as? [[String: Any]])
        #expect(!log.isEmpty && log.allSatisfy { $0["actor"] as? String == role }, "\(log)")
        let before = try workspace.ok("export")
        for typed in [["add", "x", "--source", "uk-mod", "--by", "alice"], ["supersede", "C1", "--by", "C1", "--recorded-by", "alice"], ["init", "--by", "alice"]] {
            let result = try workspace.run(typed)
            #expect(result.status == 64, "\(typed): \(result.stderr)")
            #expect(result.stderr.contains("on a server the log records the database role"), "\(result.stderr)")
        }
        // LEDGER_USER names who records in a file; a server takes the role.
        try workspace.run(["add", "y", "--source", "uk-mod"], environment: ["LEDGER_USER": "alice"])
        let last = try #require((try workspace.json("log") as? [[String: Any]])?.last)
        #expect(last["actor"] as? String == role)
        #expect(try workspace.ok("export") != before)
    }

    @Test func connectionFailuresEachGetOneSentence() throws {
        let workspace = Workspace()
        let url = try #require(TestBackend.serverURL)
        let password = String(url.split(separator: "@").first?.split(separator: ":").last ?? "")
        let cases: [(name: String, url: String, code: Int32, message: String)] = [
            ("server down", "postgres://ledger:\(password)@127.0.0.1:1/ledger", 75, "Cannot reach the PostgreSQL server of postgres://ledger:***@127.0.0.1:1/ledger"),
            ("wrong password", "postgres://ledger:wrong@127.0.0.1:\(ServerTests.port)/ledger", 77, "refused the connection (password authentication failed"),
            ("unknown role", "postgres://nobody:x@127.0.0.1:\(ServerTests.port)/ledger", 77, "refused the connection"),
            ("unknown database", "postgres://ledger:\(password)@127.0.0.1:\(ServerTests.port)/nosuchdb", 66, "the server has no database nosuchdb"),
            ("bad URL", "postgres://ledger@127.0.0.1:notaport/ledger", 64, "is not a PostgreSQL URL ledger can use"),
            ("TLS required, server without it", "postgres://ledger:\(password)@127.0.0.1:\(ServerTests.port)/ledger?sslmode=require", 75, "Cannot connect securely"),
        ]
        for item in cases {
            for command in [["list"], ["add", "x", "--source", "a"], ["init"]] {
                let result = try workspace.run(command, environment: ["LEDGER_DB": item.url])
                #expect(result.status == item.code, "\(item.name) \(command): \(result.status) \(result.stderr)")
                #expect(result.stderr.contains(item.message), "\(item.name): \(result.stderr)")
                let lines = result.stderr.split(separator: "\n")
                #expect(lines.count == 1 && lines[0].hasPrefix("ledger: "), "\(item.name): \(result.stderr)")
                #expect(password.isEmpty || !result.stderr.contains(password), "\(item.name) printed the password")
                #expect(result.stdout.isEmpty)
            }
        }
    }

    /// Found by review: tampering on the server that turned the id triggers off or sent them
    /// elsewhere (a used claim number came back), named by `check` and refused by writes.
    @Test func tamperingWithTheServersTriggersAndFunctionsIsNamed() throws {
        let cases: [(name: String, sql: String, phrase: String)] = [
            ("trigger turned off", "ALTER TABLE claim DISABLE TRIGGER claim_ids_kept", "a trigger 'claim_ids_kept' turned off"),
            ("trigger firing only as a replica", "ALTER TABLE claim ENABLE REPLICA TRIGGER claim_id", "a trigger 'claim_id' turned off"),
            ("trigger pointed at another function",
             "DROP TRIGGER claim_id ON claim; CREATE FUNCTION other_id() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.id := 100; RETURN NEW; END$$; CREATE TRIGGER claim_id BEFORE INSERT ON claim FOR EACH ROW EXECUTE FUNCTION other_id()",
             "a trigger 'claim_id' changed"),
            ("function on another search path", "ALTER FUNCTION ledger_assign_id() SET search_path = public", "a function 'ledger_assign_id' set to run otherwise"),
            ("function run as its owner", "ALTER FUNCTION ledger_remember_ids() SECURITY DEFINER", "a function 'ledger_remember_ids' set to run otherwise"),
            ("function body", "CREATE OR REPLACE FUNCTION ledger_remember_ids() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NULL; END$$",
             "a function 'ledger_remember_ids' changed"),
            ("trigger added", "CREATE TRIGGER spy AFTER INSERT ON claim FOR EACH ROW EXECUTE FUNCTION ledger_remember_ids()", "a trigger 'spy' that ledger did not create"),
        ]
        for item in cases {
            let workspace = try Workspace().seeded()
            TestBackend.runPSQL(workspace.db, item.sql)
            let check = try workspace.run(["check"])
            #expect(check.status == 65 && check.stdout.contains(item.phrase), "\(item.name): \(check.stdout)\(check.stderr)")
            let before = try workspace.ok("export")
            let write = try workspace.run(["add", "x", "--source", "uk-mod"])
            #expect(write.status == 66 && write.stderr.contains("its schema was altered outside ledger"), "\(item.name): \(write.stderr)")
            #expect(try workspace.ok("export") == before)
        }
    }

    /// Found by review: what a URL names that the server will not give, in one sentence each,
    /// never with the password.
    @Test func schemasRolesAndMalformedURLsEachGetOneSentence() throws {
        let url = try #require(TestBackend.serverURL)
        let reader = try #require(TestBackend.readerURL)
        let password = String(url.split(separator: "@").first?.split(separator: ":").last ?? "")
        let workspace = Workspace()
        let owned = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12)
        TestBackend.runPSQL(url, "CREATE SCHEMA \(owned)")
        let cases: [(name: String, db: String, command: [String], code: Int32, message: String)] = [
            ("a schema that does not exist", url + "?options=-csearch_path%3Dnosuch", ["list"], 66, "the schema nosuch its search path names does not exist"),
            ("init in a schema that does not exist", url + "?options=-csearch_path%3Dnosuch", ["init"], 66, "CREATE SCHEMA nosuch"),
            ("a schema the role may not use", reader + "?options=-csearch_path%3D\(owned)", ["list"], 77, "may not use the schema \(owned)"),
            ("a role the login may not take", reader + "?options=-crole%3Dledger", ["list"], 77, "permission denied to set role"),
            ("a setting the server does not know", url + "?options=-cno_such_setting%3D1", ["list"], 64, "is not a PostgreSQL URL ledger can use"),
            ("a scheme in capitals", url.replacingOccurrences(of: "postgres://", with: "POSTGRES://").replacingOccurrences(of: "@", with: "x@"), ["list"], 77, "refused the connection"),
            ("a password that is not percent-encoded", url.replacingOccurrences(of: "://ledger:", with: "://ledger:%zz"), ["list"], 64, "invalid percent-encoded token"),
        ]
        for item in cases {
            let result = try workspace.run(item.command, environment: ["LEDGER_DB": item.db])
            #expect(result.status == item.code && result.stderr.contains(item.message), "\(item.name): \(result.status) \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(item.name): \(result.stderr)")
            #expect(password.isEmpty || !result.stderr.contains(password), "\(item.name) printed the password")
        }
        // A word longer than a server's index holds is found nowhere there, as the README says.
        let seeded = try Workspace().seeded()
        let long = String(repeating: "w", count: 3000)
        let search = try seeded.run(["list", "--search", long])
        #expect(search.status == 0 && search.stderr.contains("No claims match"), "\(search.stderr)")
    }

    /// 20 processes × 50 mixed writes at once: every write lands, claim numbers stay gapless
    /// and unique, `check` is clean, and none waits past the default bound (exit 75).
    @Test func twentyWritersAtOnceLoseNothing() throws {
        let workspace = try Workspace().seeded()
        let writers = 20
        let writes = 50
        let script = """
            for i in $(seq \(writes)); do
              case $((i % 3)) in
                0) "$L" add "claim $W-$i" --source uk-mod --date 2022-09-10 >/dev/null 2>>"$DIR/errors-$W" ;;
                1) "$L" corroborate C1 --source ru-mod --quote "write $W-$i" >/dev/null 2>>"$DIR/errors-$W" ;;
                2) "$L" note C1 "note $W-$i" >/dev/null 2>>"$DIR/errors-$W" ;;
              esac
              rc=$?; [ $rc -eq 0 ] || echo "$rc" >>"$DIR/codes-$W"
            done
            """
        var processes: [Process] = []
        for writer in 1...writers {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-c", script]
            var environment = ProcessInfo.processInfo.environment
            environment["L"] = Workspace.binary
            environment["DIR"] = workspace.folder
            environment["W"] = String(writer)
            environment["LEDGER_DB"] = workspace.db
            environment["NO_COLOR"] = "1"
            process.environment = environment
            try process.run()
            processes.append(process)
        }
        for process in processes { process.waitUntilExit() }
        var failures: [String] = []
        for writer in 1...writers {
            if let codes = FileManager.default.contents(atPath: workspace.folder + "/codes-\(writer)"), !codes.isEmpty {
                let errors = FileManager.default.contents(atPath: workspace.folder + "/errors-\(writer)").map { String(decoding: $0, as: UTF8.self) } ?? ""
                failures.append("writer \(writer): exits \(String(decoding: codes, as: UTF8.self)) \(errors.prefix(300))")
            }
        }
        #expect(failures.isEmpty, "\(failures)")
        let claims = try #require(try workspace.json("list") as? [[String: Any]])
        let perWriter = (1...writers).map { _ in (1...writes).filter { $0 % 3 == 0 }.count }.reduce(0, +)
        #expect(claims.count == 1 + perWriter)
        #expect(claims.compactMap { $0["id"] as? String } == (1...(1 + perWriter)).map { "C\($0)" }, "claim numbers are not 1…\(1 + perWriter) in order")
        let c1 = try #require(try workspace.json("show", "C1") as? [String: Any])
        let evidence = (c1["evidence"] as? [[String: Any]])?.count ?? 0
        let notes = (c1["notes"] as? [[String: Any]])?.count ?? 0
        let corroborations = (1...writers).map { _ in (1...writes).filter { $0 % 3 == 1 }.count }.reduce(0, +)
        let noted = (1...writers).map { _ in (1...writes).filter { $0 % 3 == 2 }.count }.reduce(0, +)
        #expect(evidence == corroborations && notes == noted)
        let log = try #require(try workspace.json("log") as? [[String: Any]])
        #expect(log.count == 5 + writers * writes, "every write has its one entry")
        let check = try workspace.run(["check"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    /// A writer that finds the ledger's lock held past its wait gives up with exit 75 and
    /// changes nothing; once the lock is free, the same write goes through.
    @Test func aWriterWaitingPastTheBoundGets75() throws {
        let workspace = try Workspace().seeded()
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = [
            "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", workspace.db, "-c",
            "BEGIN; SELECT pg_advisory_xact_lock(1279477586, 'meta'::regclass::oid::integer); SELECT pg_sleep(4); COMMIT;",
        ]
        holder.standardOutput = FileHandle.nullDevice
        try holder.run()
        Thread.sleep(forTimeInterval: 1)
        let before = try workspace.ok("export")
        let started = Date()
        let blocked = try workspace.run(["add", "x", "--source", "uk-mod"], environment: ["LEDGER_BUSY_TIMEOUT_MS": "500"])
        let waited = Date().timeIntervalSince(started)
        #expect(blocked.status == 75, "\(blocked.stderr)")
        #expect(blocked.stderr.contains("stayed locked by another writer"), "\(blocked.stderr)")
        #expect(waited < 3.5, "waited \(waited) s for a 0.5 s bound")
        #expect(try workspace.ok("export") == before)
        // Reads never wait for the lock.
        #expect(try workspace.run(["list"]).status == 0)
        holder.waitUntilExit()
        #expect(try workspace.run(["add", "x", "--source", "uk-mod"]).status == 0)
    }

    /// export from a file, import into a server, and back: every UUID, log entry and the head
    /// kept, `check` clean on each, reports byte for byte the same.
    @Test func aLedgerMovesBetweenAFileAndAServerIntact() throws {
        let workspace = Workspace()
        let file = workspace.folder + "/desk.db"
        func on(_ db: String, _ arguments: String...) throws -> String {
            let result = try workspace.run(arguments, environment: ["LEDGER_DB": db])
            #expect(result.status == 0, "\(arguments) on \(LedgerLocation(db)): \(result.stderr)")
            return result.stdout
        }
        _ = try on(file, "init")
        _ = try on(file, "source", "add", "ua-military", "--name", "General Staff of Ukraine", "--kind", "military", "--affiliation", "UA", "--reliability", "C")
        _ = try on(file, "source", "add", "uk-mod", "--name", "UK Ministry of Defence", "--affiliation", "UK", "--reliability", "B")
        _ = try on(file, "source", "add", "ru-mod", "--name", "Russian Defence Ministry", "--affiliation", "RU", "--reliability", "D")
        _ = try on(file, "add", "Ukrainian forces retook more than 1000 sq km", "--source", "ua-military", "--date", "2022-09-10", "--quantity", "more than 1000 sq km", "--tag", "kharkiv", "--place", "Kharkiv oblast")
        _ = try on(file, "add", "Kupiansk seized", "--source", "ua-military", "--date", "2022-09-10", "--place", "Kupiansk")
        _ = try on(file, "corroborate", "C1", "--source", "uk-mod", "--date", "2022-09-11", "--quantity", "about 3000 sq km")
        _ = try on(file, "contradict", "C2", "--source", "ru-mod", "--date", "2022-09-11", "--quote", "Kupiansk holds")
        _ = try on(file, "note", "C2", "Checked the regional channel", "--date", "2022-09-12")
        _ = try on(file, "edit", "C2", "--statement", "Kupiansk retaken", "--reason", "typo in the wording")
        _ = try on(file, "resolve", "C2", "--verdict", "true", "--reason", "Confirmed by footage", "--date", "2022-09-13")
        _ = try on(file, "withdraw", "E2", "--reason", "recorded twice")
        let fromFile = try on(file, "export")
        try fromFile.write(toFile: workspace.folder + "/file.json", atomically: true, encoding: .utf8)

        _ = try on(workspace.db, "init")
        _ = try on(workspace.db, "import", workspace.folder + "/file.json")
        #expect(try on(workspace.db, "export") == fromFile, "the server's export differs from the file's")
        #expect(try on(workspace.db, "report") == (try on(file, "report")))
        #expect(try on(workspace.db, "report", "--format", "json") == (try on(file, "report", "--format", "json")))
        #expect(try workspace.run(["check"], environment: ["LEDGER_DB": workspace.db]).status == 0)

        // A change on the server, then back into a new file.
        _ = try on(workspace.db, "corroborate", "C1", "--source", "ru-mod", "--date", "2022-09-14", "--citing", "uk-mod")
        let fromServer = try on(workspace.db, "export")
        try fromServer.write(toFile: workspace.folder + "/server.json", atomically: true, encoding: .utf8)
        let back = workspace.folder + "/back.db"
        _ = try on(back, "init")
        _ = try on(back, "import", workspace.folder + "/server.json")
        #expect(try on(back, "export") == fromServer, "the file's export differs from the server's")
        #expect(try on(back, "report") == (try on(workspace.db, "report")))
        #expect(try workspace.run(["check"], environment: ["LEDGER_DB": back]).status == 0)
    }

    /// A file an earlier version wrote (its log begins with migrated entries, whose earlier
    /// rows went unrecorded) moves onto a server and checks clean there too.
    @Test func aLedgerAnEarlierVersionWroteMovesOntoAServer() throws {
        let workspace = Workspace()
        let file = workspace.folder + "/old.ledger"
        try FileManager.default.copyItem(atPath: Workspace.fixtures + "/v2-ledger/kharkiv-v2.ledger", toPath: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        let migrated = try workspace.run(["source", "add", "desk-check", "--name", "Desk check"], environment: ["LEDGER_DB": file])
        #expect(migrated.status == 0, "\(migrated.stderr)")
        let export = try workspace.run(["export", "--output", workspace.folder + "/old.json"], environment: ["LEDGER_DB": file])
        #expect(export.status == 0, "\(export.stderr)")
        let exported = String(decoding: try Data(contentsOf: URL(fileURLWithPath: workspace.folder + "/old.json")), as: UTF8.self)
        #expect(exported.contains("\"migrated\""), "the fixture's log holds no migrated entry")
        try workspace.ok("init")
        try workspace.ok("import", workspace.folder + "/old.json")
        let check = try workspace.run(["check"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(try workspace.ok("export") == exported)
    }

    /// The same words find the same claims in a file and on a server (SPEC §8).
    @Test func searchFindsTheSameClaimsOnBoth() throws {
        let workspace = try Workspace().seeded()
        let file = workspace.folder + "/desk.db"
        let statements = [
            "Ukrainian forces retook Balakliya", "Izium encircled, say officials", "Kup'iansk seized by the 14th brigade",
            "Купʼянськ звільнено", "Frontline moved 50 km east of Kharkiv", "Évacuation ordonnée à Izioum", "Ukrainian troops near Lyman",
        ]
        try workspace.run(["init"], environment: ["LEDGER_DB": file])
        try workspace.run(["source", "add", "uk-mod", "--name", "UK"], environment: ["LEDGER_DB": file])
        try workspace.run(["source", "add", "ua-mfa", "--name", "UA"], environment: ["LEDGER_DB": file])
        try workspace.run(["add", "Kupiansk seized", "--source", "ua-mfa", "--date", "2022-09-10", "--place", "Kupiansk"], environment: ["LEDGER_DB": file])
        for statement in statements {
            try workspace.ok("add", statement, "--source", "uk-mod", "--tag", "front line")
            try workspace.run(["add", statement, "--source", "uk-mod", "--tag", "front line"], environment: ["LEDGER_DB": file])
        }
        for search in ["kupiansk", "kup*", "ukrainian", "ukr* forces", "izium", "izioum", "евакуація", "купʼянськ", "evacuation", "50", "front", "14th", "kharkiv east", "nothing"] {
            func found(_ db: String) throws -> [String] {
                let result = try workspace.run(["list", "--search", search, "--json"], environment: ["LEDGER_DB": db])
                #expect(result.status == 0, "\(search): \(result.stderr)")
                let claims = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
                return claims.compactMap { $0["id"] as? String }.sorted()
            }
            #expect(try found(workspace.db) == (try found(file)), "search '\(search)'")
        }
    }
}
