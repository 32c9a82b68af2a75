/// The append-only log: writing entries, chaining them by hash, and reading them back.
///
/// An entry is written in its canonical form (`entry`, see `CanonicalJSON`): its fields and
/// every row its change wrote. Its `hash` is SHA-256 over the previous entry's hash (32 zero
/// bytes before the first entry) followed by those bytes; the last entry's hash is the
/// ledger's head. An entry is hashed as it is appended; writes made after a transaction's
/// last entry join that entry when the transaction commits (`sealLog`), and it is hashed again.
extension Ledger {
    struct NewLogEntry {
        var action: LogAction
        var claimID: Int64? = nil
        var evidenceID: Int64? = nil
        var lifecycleID: Int64? = nil
        var sourceHandle: String? = nil
        var effective: LedgerDate
        var statusBefore: ClaimStatus? = nil
        var statusAfter: ClaimStatus? = nil
        var summary: String
        var cause: String? = nil
        var undoes: Int64? = nil
        var causedBy: Int64? = nil
        /// When the entry was written; nil means now. (An import gives all its entries its own start.)
        var recordedAt: String? = nil
    }

    /// What the chain starts from: the "previous hash" of the first entry.
    static let genesisHash = [UInt8](repeating: 0, count: 32)
    /// What a migrated entry's hash holds until the migration commits.
    static let unsealedHash = String(repeating: "0", count: 64)

    /// The INSERT of a log entry: `LogFields.columnValues`, then its canonical bytes and hash.
    static func insertLog(_ values: [SQLValue]) -> SQL {
        SQL(text: insertLogText, values: values)
    }

    private static let insertLogText = """
        INSERT INTO log (id, recorded_at, actor, action, claim_id, evidence_id, lifecycle_id, source_handle, effective,
                         status_before, status_after, summary, cause, undoes, caused_by, entry, hash)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// Appends an entry holding the writes made since the previous one; returns its id.
    ///
    /// Serialised: the entry's id follows the last one read, and chains from its hash.
    @discardableResult
    func appendLog(_ entry: NewLogEntry) throws -> Int64 {
        let id: Int64
        if let last = journal.last {
            id = last + 1
        } else {
            var previous: (Int64, String)?
            try db.query("SELECT id, hash FROM log ORDER BY id DESC LIMIT 1") { previous = ($0.integer("id"), $0.text("hash")) }
            id = (previous?.0 ?? 0) + 1
            journal.previousHash = previous.map { Hex.decode($0.1) ?? [] } ?? Ledger.genesisHash
            journal.lastHash = journal.previousHash
            journal.first = id
        }
        journal.last = id
        let fields = LogFields(
            id: id, recordedAt: entry.recordedAt ?? LedgerDate.nowTimestamp(), actor: actor, action: entry.action.rawValue,
            claimID: entry.claimID, evidenceID: entry.evidenceID, lifecycleID: entry.lifecycleID, sourceHandle: entry.sourceHandle,
            effective: entry.effective.text, statusBefore: entry.statusBefore?.rawValue, statusAfter: entry.statusAfter?.rawValue,
            summary: entry.summary, cause: entry.cause, undoes: entry.undoes, causedBy: entry.causedBy)
        let bytes = fields.canonical(writes: journal.writes)
        journal.writes.removeAll(keepingCapacity: true)
        let hash = Ledger.chainHash(previous: journal.lastHash, entry: bytes)
        journal.hashBeforeLast = journal.lastHash
        journal.lastHash = hash
        try db.run(Ledger.insertLog(fields.columnValues + [.utf8(bytes), .text(Hex.encode(hash))]))
        return id
    }

    /// Before a write transaction commits: writes made after its last entry join that entry,
    /// which is hashed again (and a migration's entries are hashed into the chain).
    func sealLog() throws {
        guard journal.first != nil, let last = journal.last else {
            guard journal.writes.isEmpty else {
                throw LedgerError.io("A change wrote rows without a log entry, so it was not saved; nothing was changed. Please report this.")
            }
            return
        }
        if !journal.writes.isEmpty {
            // "writes" is the entry's last member: its bytes end in `]}`.
            guard let text = try db.scalarText("SELECT entry FROM log WHERE id = \(last)") else { return }
            var bytes = Array(text.utf8)
            bytes.removeLast(2)
            if bytes.last != UInt8(ascii: "[") { bytes.append(UInt8(ascii: ",")) }
            bytes += journal.writes
            bytes += Array("]}".utf8)
            journal.writes.removeAll()
            let hash = Ledger.chainHash(previous: journal.hashBeforeLast, entry: bytes)
            try db.run("UPDATE log SET entry = \(String(decoding: bytes, as: UTF8.self)), hash = \(Hex.encode(hash)) WHERE id = \(last)")
        }
        guard let first = journal.unhashedFrom else {
            journal = Journal()
            return
        }
        var previous = journal.previousHash
        var hashes: [(Int64, String)] = []
        hashes.reserveCapacity(Int(last - first + 1))
        try db.query("SELECT id, entry FROM log WHERE id >= \(first) ORDER BY id") { row in
            previous = row.withBytes("entry") { Ledger.chainHash(previous: previous, entry: UnsafeRawBufferPointer($0)) }
            hashes.append((row.integer("id"), Hex.encode(previous)))
        }
        for (id, hash) in hashes {
            try db.run("UPDATE log SET hash = \(hash) WHERE id = \(id)")
        }
        journal = Journal()
    }

    /// SHA-256 of `previous` followed by the entry's canonical bytes.
    static func chainHash(previous: [UInt8], entry: UnsafeRawBufferPointer) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(previous)
        hasher.update(entry)
        return hasher.finish()
    }

    static func chainHash(previous: [UInt8], entry: [UInt8]) -> [UInt8] {
        entry.withUnsafeBytes { chainHash(previous: previous, entry: $0) }
    }

    /// In the order `decodeLogEntry` reads them.
    static let logColumns: SQL = """
        id, recorded_at, actor, action, claim_id, evidence_id, lifecycle_id, source_handle, effective,
        status_before, status_after, summary, cause, undoes, caused_by
        """

    static func decodeLogEntry(_ row: any DatabaseRow) -> LogEntry {
        LogEntry(
            sequence: row.integer("id"),
            recordedAt: row.text("recorded_at"),
            actor: row.text("actor"),
            action: LogAction(rawValue: row.text("action")) ?? .claimAdd,
            claimNumber: row.optionalInteger("claim_id"),
            evidenceNumber: row.optionalInteger("evidence_id"),
            lifecycleNumber: row.optionalInteger("lifecycle_id"),
            sourceHandle: row.optionalText("source_handle"),
            effective: LedgerDate(stored: row.text("effective")),
            statusBefore: row.optionalText("status_before").flatMap(ClaimStatus.init(rawValue:)),
            statusAfter: row.optionalText("status_after").flatMap(ClaimStatus.init(rawValue:)),
            summary: row.text("summary"),
            cause: row.optionalText("cause"),
            undoes: row.optionalInteger("undoes"),
            causedBy: row.optionalInteger("caused_by")
        )
    }

    /// The ledger's head: its last entry's hash and the number of entries (nil hash when the log is empty).
    public func head() throws(LedgerError) -> Head {
        try read { try currentHead() }
    }

    func currentHead() throws -> Head {
        guard version >= 3 else {
            // Written by an earlier version: no chain until its next write migrates it.
            return Head(hash: nil, entries: try db.scalarInteger("SELECT count(*) FROM log") ?? 0, unchained: true)
        }
        var head = Head(hash: nil, entries: 0)
        try db.query("SELECT count(*) AS entries, (SELECT hash FROM log ORDER BY id DESC LIMIT 1) AS hash FROM log") {
            head = Head(hash: $0.optionalText("hash"), entries: $0.integer("entries"))
        }
        return head
    }

    /// The whole log, or one claim's part of it, oldest first; `since`, `until` (by when each
    /// entry was recorded, both ends included) and `by` (who recorded it) narrow it.
    ///
    /// A claim's part is found by its number, so it is still there after the claim was undone.
    public func log(claim: String? = nil, since: LedgerDate? = nil, until: LedgerDate? = nil, by actor: String? = nil) throws(LedgerError)
        -> [LogEntry]
    {
        try read {
            var entries: [LogEntry] = []
            var narrowed: SQL = ""
            if let since { narrowed = narrowed + " AND recorded_at >= \(since.text)" }
            if let until { narrowed = narrowed + " AND recorded_at <= \(until.inclusiveUpperBound)" }
            if let actor { narrowed = narrowed + " AND actor = \(actor)" }
            if let claim {
                guard let reference = ClaimReference(claim) else {
                    throw LedgerError.refused("'\(claim.shown(limit: 80))' is not a claim id; claim ids look like C12.")
                }
                let number: Int64
                switch reference {
                case .number(let value): number = value
                case .uuid: number = try requireClaim(claim).id
                }
                try db.query("SELECT \(Ledger.logColumns) FROM log WHERE claim_id = \(number)\(narrowed) ORDER BY id") {
                    entries.append(Ledger.decodeLogEntry($0))
                }
                if entries.isEmpty, (try db.scalarInteger("SELECT count(*) FROM log WHERE claim_id = \(number)") ?? 0) == 0 {
                    _ = try requireClaim(claim)
                }
            } else {
                try db.query("SELECT \(Ledger.logColumns) FROM log WHERE 1 = 1\(narrowed) ORDER BY id") { entries.append(Ledger.decodeLogEntry($0)) }
            }
            return entries
        }
    }
}

/// A ledger's head: the hash of its last log entry, and how many entries the log has.
public struct Head: Sendable, Equatable {
    /// 64 lower-case hex digits; nil for an empty log, or one not chained yet.
    public var hash: String?
    public var entries: Int64
    /// A ledger written by an earlier version (schema 1 or 2), whose log has no chain until its next write.
    public var unchained = false

    /// Why a ledger has no head, for a person.
    public var absence: String {
        unchained
            ? "it was written by an earlier version of ledger and has no chain yet; its next change computes it"
            : "the log is empty"
    }
}

/// A log entry's fields, as its columns and in its canonical form.
struct LogFields {
    var id: Int64
    var recordedAt: String
    var actor: String
    var action: String
    var claimID: Int64?
    var evidenceID: Int64?
    var lifecycleID: Int64?
    var sourceHandle: String?
    var effective: String
    var statusBefore: String?
    var statusAfter: String?
    var summary: String
    var cause: String?
    var undoes: Int64?
    var causedBy: Int64?
    /// Set on entries written before version 3, whose writes were reconstructed when the ledger was migrated.
    var migrated = false
    /// What a version-2 entry held in its payload (kept for the record when migrated).
    var payload: JSONValue? = nil

    /// The values of log's columns id … caused_by, in `insertLog`'s order.
    var columnValues: [SQLValue] {
        [
            .integer(id), .text(recordedAt), .text(actor), .text(action), SQLValue(claimID), SQLValue(evidenceID), SQLValue(lifecycleID),
            SQLValue(sourceHandle), .text(effective), SQLValue(statusBefore), SQLValue(statusAfter), .text(summary), SQLValue(cause),
            SQLValue(undoes), SQLValue(causedBy),
        ]
    }

    /// The names of `columnValues`, in its order: the log's columns id … caused_by.
    static let names = [
        "id", "recorded_at", "actor", "action", "claim_id", "evidence_id", "lifecycle_id", "source_handle", "effective", "status_before",
        "status_after", "summary", "cause", "undoes", "caused_by",
    ]

    /// Every member an entry may have but `writes` (which sorts last), in canonical order, with
    /// its place in `names` (nil for `migrated` and `payload`).
    private static let canonicalOrder: [(name: String, index: Int?)] = (names + ["migrated", "payload"])
        .sorted { CanonicalJSON.compare($0, $1) < 0 }
        .map { ($0, names.firstIndex(of: $0)) }

    /// The entry's canonical bytes: its fields (those that are not null) and `writes`, the
    /// comma-separated canonical writes, as its last member.
    func canonical(writes: [UInt8]) -> [UInt8] {
        var json = CanonicalJSON(capacity: 256 + writes.count)
        let values = columnValues
        json.raw("{")
        for (name, index) in LogFields.canonicalOrder {
            switch name {
            case "migrated":
                if migrated { json.raw("\"migrated\":true,") }
            case "payload":
                if let payload {
                    json.raw("\"payload\":")
                    json.raw(payload.canonicalBytes())
                    json.raw(",")
                }
            default:
                guard let index, values[index] != .null else { continue }
                json.key(name)
                json.value(values[index])
                json.raw(",")
            }
        }
        json.raw("\"writes\":[")
        json.raw(writes)
        json.raw("]}")
        return json.bytes
    }
}
