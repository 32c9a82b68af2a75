/// Sources: adding, editing (which re-derives the claims they touch), reading.
extension Ledger {
    /// A source with what it has done in this ledger.
    public struct SourceDetail: Sendable, Equatable {
        public var source: Source
        public var claimsMade: Int
        public var evidenceGiven: Int
    }

    /// Records a new source.
    ///
    /// Serialised (`Transaction.write`): the handle found unused is still unused at the insert.
    public func addSource(_ new: NewSource) throws(LedgerError) -> Source {
        let handle = try Validation.handle(new.handle.trimmingSpaces)
        let name = try Validation.required(new.name, field: "source name", limit: Validation.nameLimit)
        let affiliation = try Validation.optional(new.affiliation, field: "affiliation", limit: Validation.nameLimit) ?? ""
        let url = try Validation.url(new.url)
        let note = try Validation.optional(new.note, field: "note", limit: Validation.longTextLimit)
        return try write {
            if let existing = try findSource(handle) {
                throw LedgerError.refused(
                    "There is already a source '\(handle)' (\(existing.name)); nothing was changed. Use `ledger source edit \(handle)` to change it.")
            }
            let source = Source(
                uuid: try newUUID(), handle: handle, name: name, kind: new.kind, affiliation: affiliation,
                reliability: new.reliability, url: url, note: note, recordedAt: LedgerDate.nowTimestamp(), recordedBy: actor)
            try insertSource(source, causedBy: nil)
            return source
        }
    }

    /// Writes a new source and its log entry; returns its row id.
    @discardableResult
    func insertSource(_ source: Source, causedBy: Int64?) throws -> Int64 {
        let id = try insertRow(.source, [.null] + Ledger.sourceValues(source))
        try appendLog(
            NewLogEntry(
                action: .sourceAdd, sourceHandle: source.handle, effective: LedgerDate.today(),
                summary: "added source \(source.handle) (\(source.name.shown()))", causedBy: causedBy))
        return id
    }

    /// A claim whose status a change moved.
    public struct StatusMove: Sendable, Equatable {
        public var claim: String
        public var before: ClaimStatus
        public var after: ClaimStatus
    }

    /// Changes a source (see `editSourceMoving`).
    public func editSource(_ handle: String, _ changes: SourceChanges) throws(LedgerError) -> Source {
        try editSourceMoving(handle, changes).source
    }

    /// Changes a source. A new reliability or affiliation re-derives every open claim
    /// the source touches, in the same transaction, and logs each status that moves;
    /// the claims that moved are returned with it.
    public func editSourceMoving(_ handle: String, _ changes: SourceChanges) throws(LedgerError) -> (source: Source, moved: [StatusMove]) {
        let name = try changes.name.map { name throws(LedgerError) in
            try Validation.required(name, field: "source name", limit: Validation.nameLimit)
        }
        let affiliation = try changes.affiliation.map { text throws(LedgerError) in
            try Validation.optional(text, field: "affiliation", limit: Validation.nameLimit) ?? ""
        }
        let url = try changes.url.map { text throws(LedgerError) in try Validation.url(text) }
        let note = try changes.note.map { text throws(LedgerError) in
            try Validation.optional(text, field: "note", limit: Validation.longTextLimit)
        }
        return try write {
            let ref = try requireSource(handle)
            let before = try loadSource(id: ref.id)
            var after = before
            if let name { after.name = name }
            if let kind = changes.kind { after.kind = kind }
            if let affiliation { after.affiliation = affiliation }
            if let reliability = changes.reliability { after.reliability = reliability }
            if let url { after.url = url }
            if let note { after.note = note }
            guard after != before else { return (before, []) }
            try updateRow(.source, id: ref.id, Ledger.sourceFields(after))
            let changed = Ledger.describeChanges(from: before, to: after)
            let entry = try appendLog(
                NewLogEntry(
                    action: .sourceEdit, sourceHandle: after.handle, effective: LedgerDate.today(),
                    summary: "edited source \(after.handle): \(changed)"))
            var moved: [StatusMove] = []
            if before.standing != after.standing {
                moved = try rederiveClaims(touching: ref.id, cause: "source \(after.handle): \(changed)", causedBy: entry)
            }
            return (after, moved)
        }
    }

    /// The columns `source edit` may change, with their values in `source`.
    static func sourceFields(_ source: Source) -> [(String, SQLValue)] {
        [
            ("name", .text(source.name)), ("kind", .text(source.kind.rawValue)), ("affiliation", .text(source.affiliation)),
            ("reliability", .text(source.reliability.rawValue)), ("url", SQLValue(source.url)), ("note", SQLValue(source.note)),
        ]
    }

    /// Re-derives every claim the source touches as claimant, evidence source or cited origin.
    ///
    /// Open claims get a fresh status; every claim the source made gets its grade
    /// letter from the source's new reliability. Each status that moves is logged.
    @discardableResult
    func rederiveClaims(touching sourceID: Int64, cause: String, causedBy: Int64) throws -> [StatusMove] {
        var ids: [Int64] = []
        try db.query(
            """
            SELECT id FROM claim WHERE claimant_id = \(sourceID)
            UNION SELECT claim_id FROM evidence WHERE source_id = \(sourceID) OR citing_id = \(sourceID)
            ORDER BY 1
            """
        ) { ids.append($0.integer("id")) }
        var moved: [StatusMove] = []
        for id in ids {
            let claim = try requireClaim(claimLabel(id))
            let state = try recompute(claim, rederive: (LedgerDate.today(), cause, causedBy))
            if state.status != claim.status { moved.append(StatusMove(claim: claim.label, before: claim.status, after: state.status)) }
        }
        return moved
    }

    public func sources() throws(LedgerError) -> [Source] {
        try read {
            var sources: [Source] = []
            try db.query("SELECT \(Ledger.sourceColumns) FROM source ORDER BY handle") { sources.append(Ledger.decodeSource($0)) }
            return sources
        }
    }

    public func source(_ handle: String) throws(LedgerError) -> SourceDetail {
        try read {
            let ref = try requireSource(handle)
            let source = try loadSource(id: ref.id)
            let made = try db.scalarInteger("SELECT count(*) FROM claim WHERE claimant_id = \(ref.id)") ?? 0
            let given =
                try db.scalarInteger("SELECT count(*) FROM evidence WHERE source_id = \(ref.id) OR citing_id = \(ref.id)") ?? 0
            return SourceDetail(source: source, claimsMade: Int(made), evidenceGiven: Int(given))
        }
    }

    func loadSource(id: Int64) throws -> Source {
        var source: Source?
        try db.query("SELECT \(Ledger.sourceColumns) FROM source WHERE id = \(id)") { source = Ledger.decodeSource($0) }
        guard let source else { throw LedgerError.refused("A source disappeared while it was being read; try again.") }
        return source
    }

    static func sourceValues(_ source: Source) -> [SQLValue] {
        [
            .text(source.uuid), .text(source.handle), .text(source.name), .text(source.kind.rawValue), .text(source.affiliation),
            .text(source.reliability.rawValue), SQLValue(source.url), SQLValue(source.note), .text(source.recordedAt),
            .text(source.recordedBy),
        ]
    }

    static func sourcePayload(_ source: Source) -> JSONValue {
        .object([
            ("uuid", .string(source.uuid)), ("handle", .string(source.handle)), ("name", .string(source.name)),
            ("kind", .string(source.kind.rawValue)), ("affiliation", .string(source.affiliation)),
            ("reliability", .string(source.reliability.rawValue)), ("url", .optional(source.url)), ("note", .optional(source.note)),
        ])
    }

    static func describeChanges(from before: Source, to after: Source) -> String {
        var parts: [String] = []
        if before.name != after.name { parts.append("name '\(before.name.shown(limit: 30))' → '\(after.name.shown(limit: 30))'") }
        if before.kind != after.kind { parts.append("kind \(before.kind.rawValue) → \(after.kind.rawValue)") }
        if before.affiliation != after.affiliation {
            parts.append("affiliation '\(before.affiliation.shown(limit: 30))' → '\(after.affiliation.shown(limit: 30))'")
        }
        if before.reliability != after.reliability {
            parts.append("reliability \(before.reliability.rawValue) → \(after.reliability.rawValue)")
        }
        if before.url != after.url { parts.append("url changed") }
        if before.note != after.note { parts.append("note changed") }
        return parts.joined(separator: ", ")
    }
}
