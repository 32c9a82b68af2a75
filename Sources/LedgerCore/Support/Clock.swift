#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The time ledger records changes at, and where its UUIDs come from.
///
/// Both are the system's, unless pinned for a reproducible run (the worked example, golden
/// tests): `LEDGER_CLOCK` (a moment such as `2022-09-11T12:00:00Z`) is then the time of
/// every change and "today", and `LEDGER_UUID_SEED` (any text) makes each new UUID a hash
/// of the seed and the ledger's history so far instead of random bytes. A ledger's head
/// depends on both, so pinning them is what makes a report's head reproducible, as
/// `SOURCE_DATE_EPOCH` does for builds. Never set them for real work: every change would
/// claim the same moment.
public enum Clock {
    /// Why `LEDGER_CLOCK` cannot be used, or nil when it is unset (or empty) or a valid moment.
    public static var problem: String? {
        guard let text = environment("LEDGER_CLOCK"), !text.isEmpty, pinnedSeconds == nil else { return nil }
        return "LEDGER_CLOCK is '\(text.shown(limit: 40))', which is not a moment such as 2022-09-11T12:00:00Z; set it to one, or unset it to use the system clock."
    }

    /// Seconds since 1970: the pinned moment, or now.
    static func now() -> Int { pinnedSeconds ?? Int(time(nil)) }

    private static let pinnedSeconds: Int? = {
        guard let text = environment("LEDGER_CLOCK"), let date = LedgerDate(text), !date.isDay else { return nil }
        return date.secondsSinceEpoch
    }()

    /// The seed of reproducible UUIDs, when one is set.
    static let uuidSeed: String? = environment("LEDGER_UUID_SEED").flatMap { $0.isEmpty ? nil : $0 }

    static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}

extension Ledger {
    /// A new UUID for a row this transaction writes: random, or with `LEDGER_UUID_SEED`,
    /// SHA-256 of the seed, the last entry before this transaction (its id and hash) and a
    /// counter, so that the same commands on the same ledger make the same UUIDs.
    func newUUID() throws -> String {
        guard let seed = Clock.uuidSeed else { return UUIDText.random() }
        if journal.uuidBase.isEmpty {
            var base: [UInt8] = []
            if let first = journal.first {
                base = Array("\(first - 1):".utf8) + journal.previousHash
            } else {
                try db.query("SELECT id, hash FROM log ORDER BY id DESC LIMIT 1") {
                    base = Array("\($0.integer("id")):\($0.text("hash"))".utf8)
                }
                if base.isEmpty { base = Array("0:".utf8) }
            }
            journal.uuidBase = base
        }
        journal.uuidCounter += 1
        let digest = SHA256.hash(Array(seed.utf8) + [0] + journal.uuidBase + [0] + Array(String(journal.uuidCounter).utf8))
        return UUIDText.format(digest[0..<16])
    }
}
