/// `ledger verify`: does a ledger, or an export of one, still hold the history a report
/// published with head H showed?
///
/// The chain is walked from its start: each entry's hash must follow from the hash before
/// it and the entry's canonical bytes (SHA-256), and the walk succeeds at the entry whose
/// hash is H. Later entries may follow: a ledger goes on after a report. What it proves is
/// that nothing up to H was altered, inserted or removed since H was published; not that
/// the tables agree with the log (that is `check`'s replay), and not who published H.
public struct ChainWalk: Sendable {
    /// What `verify` found.
    public enum Outcome: Sendable, Equatable {
        /// The entry with id `entry` (the `position`-th of `total`) has hash H, and every entry up to it is unaltered.
        case verified(entry: Int64, position: Int64, total: Int64)
        /// The first entry whose hash does not follow from its contents and the entry before it.
        case altered(entry: Int64)
        /// The chain holds together, but no entry has hash H.
        case notFound(entries: Int64)
    }

    private let wanted: String
    private var previous = Ledger.genesisHash
    private(set) var position: Int64 = 0
    private(set) var outcome: Outcome?

    init(head: String) { wanted = head.lowercased() }

    /// Takes the next entry; returns false once the walk has its outcome.
    mutating func add(id: Int64, entry bytes: UnsafeRawBufferPointer, hash stored: String) -> Bool {
        guard outcome == nil else { return false }
        position += 1
        let computed = Hex.encode(Ledger.chainHash(previous: previous, entry: bytes))
        guard computed == stored.lowercased() else {
            outcome = .altered(entry: id)
            return false
        }
        previous = Hex.decode(computed) ?? []
        if computed == wanted {
            outcome = .verified(entry: id, position: position, total: 0)
            return false
        }
        return true
    }

    /// The outcome once every entry (`total` of them) has been offered.
    func finish(total: Int64) -> Outcome {
        switch outcome {
        case .verified(let entry, let position, _): .verified(entry: entry, position: position, total: total)
        case .some(let other): other
        case nil: .notFound(entries: total)
        }
    }

    /// Whether `text` is a head as reports print it: 64 hex digits.
    public static func isHead(_ text: String) -> Bool {
        text.utf8.count == 64 && Hex.decode(text) != nil
    }
}

extension Ledger {
    /// Walks this ledger's chain to the entry with hash `head`.
    public func verify(head: String) throws(LedgerError) -> ChainWalk.Outcome {
        try read {
            let current = try currentHead()
            guard current.hash != nil else {
                throw LedgerError.refused("The ledger \(path) has no head to verify against: \(current.absence).")
            }
            var walk = ChainWalk(head: head)
            let log = try db.cursor("SELECT id, entry, hash FROM log ORDER BY id")
            while try log.next() {
                let id = log.integer("id")
                let hash = log.text("hash")
                let more = log.withBytes("entry") { walk.add(id: id, entry: UnsafeRawBufferPointer($0), hash: hash) }
                if !more { break }
            }
            return walk.finish(total: try db.scalarInteger("SELECT count(*) FROM log") ?? 0)
        }
    }

    /// Walks the chain an export (`ledger export`, version 2) carries to the entry with hash
    /// `head`; when it is there, the export's stated head must end its log, and its rows must
    /// be what its log gives (replayed in a scratch ledger), or the export was altered.
    public static func verifyExport(_ bytes: [UInt8], name: String, head: String) throws(LedgerError) -> ChainWalk.Outcome {
        let (document, entries) = try exportedLog(bytes, name: name)
        var walk = ChainWalk(head: head)
        for entry in entries {
            let more = entry.bytes.withUnsafeBytes { walk.add(id: entry.id, entry: $0, hash: entry.hash) }
            if !more { break }
        }
        let outcome = walk.finish(total: Int64(entries.count))
        guard case .verified = outcome else { return outcome }
        // The whole chain (entries after H too) and the rows it gives.
        try requireChain(entries, document: document, name: name)
        if let difference = sectionDifference(file: document, log: try sectionsFromChain(entries, name: name)) {
            throw .refused("\(name) holds the history that ended in \(head.lowercased()), but \(difference): its rows were altered after it was written.")
        }
        return outcome
    }

    /// An export's log: each entry's canonical bytes, its id, and the hash the export states.
    static func exportedLog(_ bytes: [UInt8], name: String) throws(LedgerError) -> (JSONValue, [ExportedEntry]) {
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes: bytes)
        } catch {
            let ledgerFile = bytes.starts(with: Array("SQLite format 3".utf8))
            throw .refused(
                ledgerFile
                    ? "\(name) is a ledger file, not an export; to verify a ledger, give it with --db: `ledger verify --db \(name) --head H`."
                    : "\(name) is not valid JSON (\(error.description)); give a file written by `ledger export`.")
        }
        guard document["format"]?.stringValue == Ledger.exportFormat else {
            throw .refused("\(name) is not a ledger export (it lacks \"format\": \"\(Ledger.exportFormat)\"); give a file written by `ledger export`.")
        }
        if let refusal = ExportReader.versionRefusal(document["version"], name: name) { throw .refused(refusal) }
        guard let version = document["version"]?.integerValue, version >= 2 else {
            throw .refused(
                "\(name) was written by an earlier version of ledger (export version 1), whose log carries no hashes; it cannot be verified. Export the ledger again with this version.")
        }
        guard let log = document["log"]?.arrayValue else {
            throw .refused("\(name): \"log\" is not a list of entries; give a file written by `ledger export`.")
        }
        var entries: [ExportedEntry] = []
        entries.reserveCapacity(log.count)
        for (index, item) in log.enumerated() {
            guard let entry = item["entry"], case .object = entry, let hash = item["hash"]?.stringValue else {
                throw .refused("\(name): log entry \(index + 1) lacks its \"entry\" object or its \"hash\"; give a file written by `ledger export`.")
            }
            entries.append(ExportedEntry(value: entry, bytes: entry.canonicalBytes(), id: entry["id"]?.integerValue ?? Int64(index + 1), hash: hash))
        }
        return (document, entries)
    }
}
