/// An export's chain on import: verified first, and taken as the ledger's own when the
/// ledger is empty, so that a ledger moves between files (and servers) with its history
/// and head intact. Into a ledger that has history, an import merges the rows and appends
/// entries of its own to the importing ledger's chain (`Ledger+Import.swift`).
extension Ledger {
    /// One entry of an export's log, verified.
    struct ExportedEntry {
        let value: JSONValue
        let bytes: [UInt8]
        let id: Int64
        let hash: String
    }

    /// The export's log, its chain verified: each entry's hash follows from the one before and
    /// its canonical bytes, ids rise, and the last hash is the head the export states. An
    /// export of version 1 carries no chain: nothing to verify or take.
    static func verifiedChain(_ document: JSONValue, name: String) throws(LedgerError) -> [ExportedEntry] {
        guard let version = document["version"]?.integerValue, version >= 2 else { return [] }
        guard let log = document["log"]?.arrayValue else {
            throw .refused("\(name): \"log\" is not a list of entries; nothing was imported. Give a file written by `ledger export`.")
        }
        var entries: [ExportedEntry] = []
        entries.reserveCapacity(log.count)
        var previous = genesisHash
        var lastID: Int64 = 0
        for (index, item) in log.enumerated() {
            guard let value = item["entry"], case .object = value, let hash = item["hash"]?.stringValue, let id = value["id"]?.integerValue,
                id > lastID
            else {
                throw .refused(
                    "\(name): log entry \(index + 1) lacks its entry, its id (rising from one entry to the next) or its hash; nothing was imported. Give a file written by `ledger export`.")
            }
            let bytes = value.canonicalBytes()
            let computed = chainHash(previous: previous, entry: bytes)
            guard Hex.encode(computed) == hash else {
                throw .refused(
                    "\(name): log entry #\(id) was altered (its hash does not follow from its contents and the entry before it), or an entry before it was removed; nothing was imported.")
            }
            previous = computed
            lastID = id
            entries.append(ExportedEntry(value: value, bytes: bytes, id: id, hash: hash))
        }
        let stated = document["head"]?.stringValue
        if stated != entries.last?.hash {
            throw .refused(
                "\(name) states the head \(stated?.shown(limit: 64) ?? "none"), but its log ends in \(entries.last?.hash ?? "no entry"); nothing was imported. Give a file written by `ledger export`.")
        }
        return entries
    }

    /// Whether the ledger has no history at all (a new ledger), so that an export's log can become its own.
    func isPristine() throws -> Bool {
        (try db.scalarInteger("SELECT (SELECT count(*) FROM log) + (SELECT count(*) FROM source) + (SELECT count(*) FROM claim)") ?? 1) == 0
    }

    /// Takes an export's log as this ledger's own: every entry as it is (same ids, same bytes,
    /// same hashes), its writes applied to the tables, the search index built. Returns the
    /// number of rows of each table it made.
    func adopt(_ entries: [ExportedEntry], name: String) throws -> (sources: Int, claims: Int, evidence: Int, lifecycle: Int) {
        // A migrated entry may name a claim added later (its row as it stood): keys are checked at commit.
        try db.execute("PRAGMA defer_foreign_keys = ON")
        var replay = Replay(scratch: db)
        for entry in entries {
            var values: [SQLValue] = []
            for (field, _) in Ledger.logFieldColumns {
                guard let value = Ledger.sqlValue(entry.value[field] ?? .null) else {
                    throw LedgerError.refused("\(name): log entry #\(entry.id) holds a \(field) of the wrong kind; nothing was imported.")
                }
                values.append(value)
            }
            if let failure = replayFailure(of: {
                try db.run(Ledger.insertLogSQL, values + [.text(String(decoding: entry.bytes, as: UTF8.self)), .text(entry.hash)])
            }) {
                throw LedgerError.refused("\(name): log entry #\(entry.id) is not an entry ledger writes (\(failure)); nothing was imported.")
            }
            try replay.apply(StoredEntry(value: entry.value), id: entry.id)
            if let problem = replay.problems.first {
                throw LedgerError.refused("\(name): its log cannot be replayed (\(problem)); nothing was imported.")
            }
        }
        var claims: [Int64] = []
        try db.query("SELECT id FROM claim ORDER BY id") { claims.append($0.integer(0)) }
        for id in claims { try indexForSearch(claimID: id) }
        func count(_ table: String) throws -> Int { Int(try db.scalarInteger("SELECT count(*) FROM \(table)") ?? 0) }
        return (try count("source"), claims.count, try count("evidence"), try count("lifecycle"))
    }

    private func replayFailure(of body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return (error as? SQLiteError)?.message ?? "\(error)"
        }
    }
}
