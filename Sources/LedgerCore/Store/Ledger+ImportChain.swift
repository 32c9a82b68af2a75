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
        guard let version = document["version"]?.integerValue, version >= 2 else {
            // Version 1 had no chain: one that carries a head or hashes says the wrong version.
            let hashed = document["log"]?.arrayValue?.contains { $0["hash"] != nil || $0["entry"] != nil } ?? false
            if document["head"] != nil || document["entries"] != nil || hashed {
                throw .refused("\(name) says it is export version 1 but carries a head or hashes, which version 1 never wrote; nothing was imported. Give a file written by `ledger export`.")
            }
            return []
        }
        guard let log = document["log"]?.arrayValue else {
            throw .refused("\(name): \"log\" is not a list of entries; nothing was imported. Give a file written by `ledger export`.")
        }
        var entries: [ExportedEntry] = []
        entries.reserveCapacity(log.count)
        for (index, item) in log.enumerated() {
            guard let value = item["entry"], case .object = value, let hash = item["hash"]?.stringValue, let id = value["id"]?.integerValue else {
                throw .refused(
                    "\(name): log entry \(index + 1) lacks its entry, its id (rising from one entry to the next) or its hash; nothing was imported. Give a file written by `ledger export`.")
            }
            entries.append(ExportedEntry(value: value, bytes: value.canonicalBytes(), id: id, hash: hash))
        }
        try requireChain(entries, document: document, name: name)
        return entries
    }

    /// Each entry's hash follows from the one before and its canonical bytes, ids rise, and
    /// the last hash is the head the export states.
    static func requireChain(_ entries: [ExportedEntry], document: JSONValue, name: String) throws(LedgerError) {
        var previous = genesisHash
        var lastID: Int64 = 0
        for (index, entry) in entries.enumerated() {
            guard entry.id > lastID else {
                throw .refused(
                    "\(name): log entry \(index + 1) lacks its entry, its id (rising from one entry to the next) or its hash; nothing was imported. Give a file written by `ledger export`.")
            }
            let computed = chainHash(previous: previous, entry: entry.bytes)
            guard Hex.encode(computed) == entry.hash else {
                throw .refused(
                    "\(name): log entry #\(entry.id) was altered (its hash does not follow from its contents and the entry before it), or an entry before it was removed; nothing was imported.")
            }
            previous = computed
            lastID = entry.id
        }
        let stated = document["head"]?.stringValue
        if stated != entries.last?.hash {
            throw .refused(
                "\(name) states the head \(stated?.shown(limit: 64) ?? "none"), but its log ends in \(entries.last?.hash ?? "no entry"); nothing was imported. Give a file written by `ledger export`.")
        }
    }

    /// Whether the ledger has no history at all (a new ledger), so that an export's log can become its own.
    func isPristine() throws -> Bool {
        (try db.scalarInteger("SELECT (SELECT count(*) FROM log) + (SELECT count(*) FROM source) + (SELECT count(*) FROM claim)") ?? 1) == 0
    }

    /// Takes an export's log as this ledger's own: every entry as it is (same ids, same bytes,
    /// same hashes), its writes applied to the tables, the search index built. Returns the
    /// number of rows of each table it made.
    func adopt(_ entries: [ExportedEntry], name: String) throws -> (sources: Int, claims: Int, evidence: Int, lifecycle: Int, notes: Int) {
        // A migrated entry may name a claim added later (its row as it stood): keys are checked at commit.
        try db.execute(db.dialect.deferForeignKeys)
        var replay = Replay(scratch: db)
        for entry in entries {
            if case .object(let members) = entry.value,
                let unknown = members.first(where: { Ledger.logFieldIndex[$0.0] == nil && !["writes", "migrated", "payload"].contains($0.0) })
            {
                throw LedgerError.refused(
                    "\(name): log entry #\(entry.id) holds a field '\(unknown.0.shown(limit: 40))' that ledger does not write; nothing was imported.")
            }
            var values: [SQLValue] = []
            for field in LogFields.names {
                guard let value = Ledger.sqlValue(entry.value[field] ?? .null) else {
                    throw LedgerError.refused("\(name): log entry #\(entry.id) holds a \(field) of the wrong kind; nothing was imported.")
                }
                values.append(value)
            }
            if Replay.failure(of: {
                try db.run(Ledger.insertLog(values + [.text(String(decoding: entry.bytes, as: UTF8.self)), .text(entry.hash)]))
            }) != nil {
                throw LedgerError.refused(
                    "\(name): log entry #\(entry.id) is not an entry ledger writes (its action, or the entry it undoes or was caused by, is not one it could be); nothing was imported.")
            }
            try replay.apply(StoredEntry(value: entry.value), id: entry.id)
            if let problem = replay.problems.first {
                throw LedgerError.refused("\(name): its log cannot be replayed (\(problem)); nothing was imported.")
            }
        }
        // Each entry's own fields read as ledger writes them (its rows are checked by the caller).
        var fields = Replay(scratch: db)
        try db.query(
            """
            SELECT id, recorded_at, actor, action, claim_id, evidence_id, lifecycle_id, source_handle, effective,
                   status_before, status_after FROM log ORDER BY id
            """
        ) { Ledger.checkFields(of: $0, id: $0.integer("id"), into: &fields) }
        if let problem = fields.problems.first {
            throw LedgerError.refused("\(name): \(problem.trimmingSuffix(".")); nothing was imported.")
        }
        var claims: [Int64] = []
        try db.query("SELECT id FROM claim ORDER BY id") { claims.append($0.integer("id")) }
        for id in claims { try indexForSearch(claimID: id) }
        func count(_ table: String) throws -> Int { Int(try db.scalarInteger("SELECT count(*) FROM \(raw: table)") ?? 0) }
        return (try count("source"), claims.count, try count("evidence"), try count("lifecycle"), try count("note"))
    }

    /// The sections (sources, claims, evidence, lifecycle) an export's log gives: the log taken
    /// into a scratch ledger, exported as `ledger export` writes them.
    static func sectionsFromChain(_ entries: [ExportedEntry], name: String) throws(LedgerError) -> JSONValue {
        guard let folder = Files.makeTemporaryFolder() else {
            throw .io("Cannot make a temporary folder to check \(name) in; check $TMPDIR.")
        }
        defer { Files.removeTemporaryFolder(folder) }
        let scratch = try Ledger.create(at: folder + "/scratch.ledger", actor: "verify")
        try scratch.write { _ = try scratch.adopt(entries, name: name) }
        return try scratch.exportedDocument()
    }

    /// This ledger's export, parsed.
    func exportedDocument() throws(LedgerError) -> JSONValue {
        var text = ""
        try export { text += $0 }
        do {
            return try JSONParser.parse(text)
        } catch {
            throw .io("The ledger's own export could not be read back; run `ledger check`.")
        }
    }

    /// Where an export's sections differ from what its log gives, as a phrase naming the
    /// section, row and field; nil when they agree.
    static func sectionDifference(file: JSONValue, log: JSONValue) -> String? {
        for section in Ledger.exportSections {
            var given: [String: JSONValue] = [:]
            if case .object(let members) = file[section] ?? .object([]) {
                for (uuid, value) in members { given[uuid.lowercased()] = value }
            }
            var made: [(String, JSONValue)] = []
            if case .object(let members) = log[section] ?? .object([]) { made = members }
            for (uuid, value) in made {
                guard let theirs = given.removeValue(forKey: uuid) else {
                    return "its log makes \(section).\(uuid), which its \"\(section)\" lacks"
                }
                guard theirs.canonicalBytes() != value.canonicalBytes() else { continue }
                var field = ""
                if case .object(let fields) = value {
                    field = fields.first { theirs[$0.0]?.canonicalBytes() != $0.1.canonicalBytes() }.map { "." + $0.0 } ?? ""
                    if field.isEmpty, case .object(let extra) = theirs { field = extra.first { value[$0.0] == nil }.map { "." + $0.0 } ?? "" }
                }
                return "\(section).\(uuid)\(field) is not what its log gives"
            }
            if let extra = given.keys.sorted().first {
                return "\(section).\(extra.shown(limit: 40)) is not made by its log"
            }
        }
        return nil
    }
}
