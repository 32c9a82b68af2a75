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
/// `LEDGER_TEST_BACKEND` (`sqlite`, the default). Each test makes its ledger where
/// `ledgerLocation(in:)` says, and a test of the engine itself (the SQLite file, its pragmas,
/// its journal, a file altered with the sqlite3 shell) carries the `.sqliteOnly` trait.
public enum TestBackend: String, Sendable, CaseIterable {
    case sqlite

    /// The backend of this run. An unknown name stops the run rather than test the wrong thing.
    public static let current: TestBackend = {
        let name = ProcessInfo.processInfo.environment["LEDGER_TEST_BACKEND"].flatMap { $0.isEmpty ? nil : $0 } ?? "sqlite"
        guard let backend = TestBackend(rawValue: name) else {
            fatalError("LEDGER_TEST_BACKEND=\(name) is not a backend these tests know (\(allCases.map(\.rawValue).joined(separator: ", "))).")
        }
        return backend
    }()

    /// What `--db` names for a new test ledger whose files (if any) live in `folder`.
    public func ledgerLocation(in folder: String, name: String = "ledger.db") -> String {
        switch self {
        case .sqlite: folder + "/" + name
        }
    }
}

// Swift Testing is there only when tests are built (`swift build` of every target, as
// `bench/run` and the worked example do, builds this one without it).
#if canImport(Testing)
    import Testing

    extension Trait where Self == ConditionTrait {
        /// A test of the SQLite file itself rather than of the ledger: run only on that backend.
        public static var sqliteOnly: Self {
            .enabled(if: TestBackend.current == .sqlite, "tests the SQLite file itself (LEDGER_TEST_BACKEND=\(TestBackend.current.rawValue))")
        }
    }
#endif
