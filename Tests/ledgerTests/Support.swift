import Foundation
import Testing
import LedgerTestSupport

/// Runs the built `ledger` binary as a user would, in a fresh folder.
/// (Its state is set once at creation, so sharing it across threads is safe.)
final class Workspace: @unchecked Sendable {
    let folder: String
    let db: String

    init() {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-e2e-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        db = TestBackend.current.ledgerLocation(in: folder)
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `ledger` executable built beside this test bundle.
    static let binary: String = {
        if let explicit = ProcessInfo.processInfo.environment["LEDGER_BIN"] { return explicit }
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var url = URL(fileURLWithPath: exe)
        while url.pathComponents.count > 1 {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent("ledger").path
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate
            }
        }
        return "ledger"
    }()

    /// Runs `ledger ARGS` with the ledger file in this workspace (unless `db` is nil).
    @discardableResult
    func run(
        _ arguments: [String], environment extra: [String: String] = [:], useDB: Bool = true, killAfter seconds: Double? = nil,
        executable: String = Workspace.binary
    ) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["LEDGER_USER"] = "e2e"
        environment.removeValue(forKey: "LEDGER_DB")
        if useDB { environment["LEDGER_DB"] = db }
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        if let seconds {
            // A command that hangs (the defect some tests look for) is killed, and fails the test.
            let pid = process.processIdentifier
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { if process.isRunning { kill(pid, SIGKILL) } }
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs a command that must succeed, and returns its stdout.
    @discardableResult
    func ok(_ arguments: String...) throws -> String { try ok(arguments) }

    @discardableResult
    func ok(_ arguments: [String]) throws -> String {
        let result = try run(arguments)
        #expect(result.status == 0, "ledger \(arguments.joined(separator: " ")) failed: \(result.stderr)")
        return result.stdout
    }

    /// Runs a command with --json and parses what it prints.
    func json(_ arguments: String...) throws -> Any { try json(arguments) }

    func json(_ arguments: [String]) throws -> Any {
        let result = try run(arguments + ["--json"])
        #expect(result.status == 0, "ledger \(arguments.joined(separator: " ")) failed: \(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    func fileBytes() -> Data? { FileManager.default.contents(atPath: db) }

    /// Writes each content to `file` and imports it: refused with exit 65 and a message holding
    /// the expected text, the ledger's export unchanged.
    func expectImportsRefused(_ file: String, _ cases: [(content: String, message: String)]) throws {
        for (content, message) in cases {
            try content.write(toFile: file, atomically: true, encoding: .utf8)
            let before = try run(["export"]).stdout
            let refused = try run(["import", file])
            #expect(refused.status == 65 && refused.stderr.contains(message), "\(content): \(refused.stderr)")
            #expect(try run(["export"]).stdout == before)
        }
    }

    /// A ledger with a few sources on each side.
    func seeded() throws -> Workspace {
        try ok("init")
        try ok("source", "add", "ua-military", "--name", "General Staff of Ukraine", "--kind", "military", "--affiliation", "UA", "--reliability", "C")
        try ok("source", "add", "ua-mfa", "--name", "Ukrainian Foreign Ministry", "--affiliation", "UA", "--reliability", "C")
        try ok("source", "add", "uk-mod", "--name", "UK Ministry of Defence", "--affiliation", "UK", "--reliability", "B")
        try ok("source", "add", "ru-mod", "--name", "Russian Defence Ministry", "--affiliation", "RU", "--reliability", "D")
        try ok("add", "Kupiansk seized", "--source", "ua-mfa", "--date", "2022-09-10", "--place", "Kupiansk")
        return self
    }
}

extension Workspace {
    /// A claim's `show --json` without what later versions added to the shape (`notes`, each
    /// quantity's `low_included`/`high_included`, and `dropping` of each evidence row), to
    /// compare with what an earlier version printed.
    static func withoutLaterFields(_ claim: [String: Any], dropping: Set<String>) -> [String: Any] {
        func quantity(_ value: Any?) -> Any? {
            guard let object = value as? [String: Any] else { return value }
            return object.filter { $0.key != "low_included" && $0.key != "high_included" }
        }
        var claim = claim
        claim["notes"] = nil
        claim["quantity"] = quantity(claim["quantity"])
        claim["evidence"] = (claim["evidence"] as? [[String: Any]])?.map { row in
            var row = row.filter { !dropping.contains($0.key) }
            row["quantity"] = quantity(row["quantity"])
            return row
        }
        return claim
    }

    /// The folder of committed test files (`Tests/ledgerTests/Fixtures`).
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path

    /// This workspace's ledger is a copy of a committed one: the worked example with more
    /// changes (edits, undo, lifecycle, imports), as version 2 of the schema wrote it.
    func fromVersion2Fixture() throws -> Workspace {
        try FileManager.default.copyItem(atPath: Workspace.fixtures + "/v2-ledger/kharkiv-v2.ledger", toPath: db)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: db)
        return self
    }

    /// Runs `ledger ARGUMENTS` (with this workspace's ledger) under `script`, which gives it a
    /// pseudo-terminal as a person at a shell would have; returns what the terminal showed
    /// and the exit status. `environment` is prefixed as `NAME=value`.
    func onTerminal(_ arguments: String, environment: [String] = []) throws -> (output: String, status: Int32) {
        let terminal = Process()
        terminal.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        terminal.arguments = environment + ["script", "-qec", "'\(Workspace.binary)' \(arguments) --db '\(db)'", "/dev/null"]
        let output = Pipe()
        terminal.standardOutput = output
        terminal.standardInput = FileHandle.nullDevice
        try terminal.run()
        let seen = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        terminal.waitUntilExit()
        return (seen, terminal.terminationStatus)
    }

    /// The seeded ledger plus `count` imported claims with long quotes, for commands that
    /// must run long enough to be interrupted.
    func withManyClaims(_ count: Int = 20_000) throws -> Workspace {
        var csv = "statement,source,date,quote\n"
        for index in 0..<count { csv += "Claim number \(index),uk-mod,2022-09-10,\(String(repeating: "word ", count: 20))\n" }
        try csv.write(toFile: folder + "/big.csv", atomically: true, encoding: .utf8)
        try ok("import", folder + "/big.csv")
        return self
    }
}

extension Dictionary where Key == String, Value == Any {
    func string(_ key: String) -> String? { self[key] as? String }
}
