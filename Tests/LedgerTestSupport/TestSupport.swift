import Foundation

/// SplitMix64: a small seeded generator, so property and fuzz tests replay exactly.
public struct SeededRandom: RandomNumberGenerator {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A fresh folder per test, removed when the value goes away.
public final class TemporaryFolder: @unchecked Sendable {
    public let path: String

    public init() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-tests-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    public func file(_ name: String) -> String { path + "/" + name }
}

/// The engine the store and end-to-end suites run against, chosen by configuration:
/// `LEDGER_TEST_BACKEND` (`sqlite`, the default, or `postgresql`). Each test makes its ledger
/// where `ledgerLocation(in:)` says, and a test of the engine itself (the SQLite file, its
/// pragmas, its journal, a file altered with the sqlite3 shell) carries the `.sqliteOnly` trait.
///
/// On `postgresql` each ledger is a fresh schema in the database `LEDGER_TEST_POSTGRES_URL`
/// names (made with `psql`), named in the URL's search_path: `scripts/postgres-server` starts
/// a throwaway server and prints the variables.
public enum TestBackend: String, Sendable, CaseIterable {
    case sqlite
    case postgresql

    /// The backend of this run. An unknown name stops the run rather than test the wrong thing.
    public static let current: TestBackend = {
        let name = ProcessInfo.processInfo.environment["LEDGER_TEST_BACKEND"].flatMap { $0.isEmpty ? nil : $0 } ?? "sqlite"
        guard let backend = TestBackend(rawValue: name) else {
            fatalError("LEDGER_TEST_BACKEND=\(name) is not a backend these tests know (\(allCases.map(\.rawValue).joined(separator: ", "))).")
        }
        if backend == .postgresql, serverURL == nil {
            fatalError("LEDGER_TEST_BACKEND=postgresql needs LEDGER_TEST_POSTGRES_URL: run `eval \"$(scripts/postgres-server start)\"` first.")
        }
        return backend
    }()

    /// The test database's URL (a role that owns it).
    public static let serverURL: String? = ProcessInfo.processInfo.environment["LEDGER_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    /// The server as its superuser (tests that make roles and databases).
    public static let adminURL: String? = ProcessInfo.processInfo.environment["LEDGER_TEST_POSTGRES_ADMIN_URL"].flatMap { $0.isEmpty ? nil : $0 }
    /// The same database as a role granted nothing yet (tests grant it reading).
    public static let readerURL: String? = ProcessInfo.processInfo.environment["LEDGER_TEST_POSTGRES_READER_URL"].flatMap { $0.isEmpty ? nil : $0 }

    /// What `--db` names for a new test ledger whose files (if any) live in `folder`.
    public func ledgerLocation(in folder: String, name: String = "ledger.db") -> String {
        switch self {
        case .sqlite: folder + "/" + name
        case .postgresql: TestBackend.newServerLedger()
        }
    }

    /// The name a ledger's changes are recorded under when a test gives `given`: the name
    /// itself in a file, the database role on a server (which ignores names typed).
    public func actor(_ given: String) -> String {
        switch self {
        case .sqlite: given
        case .postgresql: TestBackend.serverURL.flatMap(TestBackend.user(of:)) ?? given
        }
    }

    /// The user name in a postgres:// URL.
    public static func user(of url: String) -> String? {
        guard let scheme = url.range(of: "://") else { return nil }
        let rest = url[scheme.upperBound...]
        guard let at = rest.lastIndex(of: "@") else { return nil }
        let userinfo = rest[..<at]
        return String(userinfo.prefix { $0 != ":" })
    }

    /// A URL for a new, empty schema in the test database.
    public static func newServerLedger() -> String {
        guard let url = serverURL else { fatalError("LEDGER_TEST_POSTGRES_URL is not set") }
        let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        runPSQL(url, "CREATE SCHEMA \(schema); GRANT USAGE ON SCHEMA \(schema) TO PUBLIC")
        return url + (url.contains("?") ? "&" : "?") + "options=-csearch_path%3D" + schema
    }

    /// Runs SQL with `psql` against `url`, stopping the run when it fails.
    @discardableResult
    public static func runPSQL(_ url: String, _ sql: String) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch { fatalError("psql could not run: \(error)") }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            fatalError("psql failed on \(sql): \(String(decoding: errors, as: UTF8.self))")
        }
        return String(decoding: output, as: UTF8.self)
    }
}

// Swift Testing is there only when tests are built (`swift build` of every target, as
// `bench/run` and the worked example do, builds this one without it).
#if canImport(Testing)
    import Testing

    extension Trait where Self == ConditionTrait {
        /// A test of a ledger on a server (roles, concurrent writers on one database): run only
        /// on that backend.
        public static var postgresqlOnly: Self {
            .enabled(if: TestBackend.current == .postgresql, "tests a ledger on a PostgreSQL server (LEDGER_TEST_BACKEND=\(TestBackend.current.rawValue))")
        }

        /// A test of what the binary writes the same on every backend (a page in a browser): run once, on files.
        public static var onceAcrossBackends: Self {
            .enabled(if: TestBackend.current == .sqlite, "checks output that is the same on every backend, so it runs once, on files")
        }

        /// A test of the SQLite file itself rather than of the ledger: run only on that backend.
        public static var sqliteOnly: Self {
            .enabled(if: TestBackend.current == .sqlite, "tests the SQLite file itself (LEDGER_TEST_BACKEND=\(TestBackend.current.rawValue))")
        }
    }
#endif
