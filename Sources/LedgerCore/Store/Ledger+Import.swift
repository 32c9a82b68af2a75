#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `ledger import`: merging an export (JSON) or a list of claims (CSV) into the ledger.
///
/// An import is one transaction: a bad row fails all of it, with a message naming the
/// row and field, and the ledger is left as it was. What is already present (same UUID)
/// is skipped; what differs is reported as a conflict and the ledger's own version kept.
/// Every row added gets its usual log entry, caused by one `import` entry, so `undo`
/// reverses a whole import. An import that adds nothing writes nothing.
extension Ledger {
    public struct ImportOutcome: Sendable, Equatable {
        public var sources = 0
        public var claims = 0
        public var evidence = 0
        public var lifecycle = 0
        /// Rows already in the ledger.
        public var skipped = 0
        public var conflicts: [String] = []

        public var added: Int { sources + claims + evidence + lifecycle }

        public var summary: String {
            var parts = ["added \(sources) sources, \(claims) claims, \(evidence) evidence, \(lifecycle) lifecycle changes"]
            parts.append("skipped \(skipped) already present")
            parts.append(conflicts.count == 1 ? "1 conflict" : "\(conflicts.count) conflicts")
            return parts.joined(separator: "; ")
        }
    }

    // MARK: JSON

    /// Merges a document written by `ledger export`.
    public func importExport(_ bytes: [UInt8], name: String, progress: ((Int) -> Void)? = nil) throws(LedgerError) -> ImportOutcome {
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes: bytes)
        } catch {
            throw .refused("\(name) is not valid JSON (\(error.description)); nothing was imported. Give a file written by `ledger export`, or use --format csv.")
        }
        guard document["format"]?.stringValue == Ledger.exportFormat else {
            throw .refused("\(name) is not a ledger export (it lacks \"format\": \"\(Ledger.exportFormat)\"); nothing was imported. Give a file written by `ledger export`.")
        }
        if let refusal = Ledger.versionRefusal(document["version"], name: name) { throw .refused(refusal) }
        var sections: [String: [(String, JSONValue)]] = [:]
        for section in ["sources", "claims", "evidence", "lifecycle"] {
            switch document[section] {
            case .none, .some(.null): sections[section] = []
            case .some(.object(let members)): sections[section] = members
            default: throw .refused("\(name): \"\(section)\" is not an object keyed by UUID; nothing was imported.")
            }
        }
        try useLargeCache()
        return try write(
            {
                var importer = Importer(ledger: self, name: name, progress: progress)
                do {
                    try importer.begin()
                    for (uuid, value) in sections["sources"] ?? [] { try importer.source(uuid, value) }
                    for (uuid, value) in sections["claims"] ?? [] { try importer.claim(uuid, value) }
                    for (uuid, value) in sections["evidence"] ?? [] { try importer.evidence(uuid, value) }
                    for (uuid, value) in sections["lifecycle"] ?? [] { try importer.lifecycle(uuid, value) }
                    return try importer.finish()
                } catch let error as Importer.FieldError {
                    throw LedgerError.refused("\(name): \(error.path): \(error.problem); nothing was imported.")
                }
            }, commitIf: { $0.added > 0 })
    }

    /// Why an export's `version` is not one this ledger reads, or nil when it is.
    static func versionRefusal(_ version: JSONValue?, name: String) -> String? {
        let giveAnExport = "nothing was imported. Give a file written by `ledger export`."
        let number: Double
        switch version {
        case .none: return "\(name) lacks \"version\"; \(giveAnExport)"
        case .some(.integer(let value)): number = Double(value)
        case .some(.number(let value)): number = value
        case .some(.string(let text)): return "\(name): \"version\" is the text \"\(text.shown(limit: 40))\", not a whole number; \(giveAnExport)"
        case .some(let other): return "\(name): \"version\" is \(Importer.describe(other)), not a whole number; \(giveAnExport)"
        }
        let shown = version?.serialized(pretty: false) ?? ""
        guard number == number.rounded() else { return "\(name): \"version\" is \(shown), not a whole number; \(giveAnExport)" }
        guard number >= 1 else { return "\(name): \"version\" is \(shown), but export versions start at 1; \(giveAnExport)" }
        // Beyond 2^53 a number no longer counts one by one: no ledger wrote that.
        guard number < 9_007_199_254_740_992 else {
            return "\(name): \"version\" is \(shown), which is no version of the export format (this ledger reads version \(Ledger.exportVersion)); \(giveAnExport)"
        }
        guard number <= Double(Ledger.exportVersion) else {
            return "\(name) was written by a newer version of ledger (export version \(Int64(number)); this one reads version \(Ledger.exportVersion)); nothing was imported. Upgrade ledger to import it."
        }
        return nil
    }

    // MARK: CSV

    /// A bulk write changes the same index pages many times: a page cache of up to 256 MiB
    /// (taken only as pages are used: 90 MB for 100k claims) keeps them in memory instead of
    /// spilling them to the write-ahead log again and again.
    func useLargeCache() throws(LedgerError) {
        try translating { try db.execute("PRAGMA cache_size = -262144") }
    }

    public static let csvColumns = ["statement", "source", "date", "url", "via", "quote", "quantity", "place", "tags"]

    /// Adds the claims of a CSV file with the header `statement,source,date,url,via,quote,quantity,place,tags`.
    ///
    /// A row whose statement, source and date match a claim already in the ledger is skipped.
    /// The caller reads the whole file first (`ImportInput.read`), so that nothing waits on
    /// the input while the ledger is locked.
    public func importCSV(_ bytes: [UInt8], name: String, progress: ((Int) -> Void)? = nil) throws(LedgerError) -> ImportOutcome {
        var reader = CSVReader(bytes: bytes)
        func fail(_ failure: CSVReader.Failure) -> LedgerError {
            switch failure {
            case .unterminatedQuote(let row): .refused("\(name) row \(row): a quoted field is never closed; nothing was imported.")
            case .quoteInUnquotedField(let row):
                .refused("\(name) row \(row): a quote appears inside an unquoted field; quote the whole field and double the quote (\"\"); nothing was imported.")
            case .textAfterClosingQuote(let row): .refused("\(name) row \(row): text follows a closing quote; nothing was imported.")
            case .invalidUTF8(let row): .refused("\(name) row \(row): the text is not valid UTF-8; save the file as UTF-8; nothing was imported.")
            case .read(let reason): .io("Reading \(name) failed: \(reason.lowercased()); nothing was imported.")
            }
        }
        let header: [String]
        do {
            guard let first = try reader.next() else { throw LedgerError.refused("\(name) is empty; it needs the header \(Ledger.csvColumns.joined(separator: ",")).") }
            header = first.enumerated().map { index, field in
                (index == 0 && field.hasPrefix("\u{FEFF}") ? String(field.dropFirst()) : field).trimmingSpaces.lowercased()
            }
        } catch let failure as CSVReader.Failure {
            throw fail(failure)
        } catch let error as LedgerError {
            throw error
        } catch {
            throw .io("Reading \(name) failed.")
        }
        for column in header where !Ledger.csvColumns.contains(column) {
            throw .refused(
                "\(name): the header has an unknown column '\(column.shown(limit: 40))'; the columns are \(Ledger.csvColumns.joined(separator: ",")). Nothing was imported.")
        }
        for column in ["statement", "source"] where !header.contains(column) {
            throw .refused("\(name): the header lacks the column '\(column)'; the columns are \(Ledger.csvColumns.joined(separator: ",")). Nothing was imported.")
        }
        if Set(header).count != header.count { throw .refused("\(name): the header names a column twice; nothing was imported.") }

        let positions = Dictionary(uniqueKeysWithValues: header.enumerated().map { ($1, $0) })
        try useLargeCache()
        return try write(
            {
                var importer = Importer(ledger: self, name: name, progress: progress)
                try importer.begin()
                while true {
                    let fields: [String]
                    do {
                        guard let next = try reader.next() else { break }
                        fields = next
                    } catch let failure as CSVReader.Failure {
                        throw fail(failure)
                    }
                    let row = reader.recordNumber
                    guard fields.count == header.count else {
                        throw LedgerError.refused(
                            "\(name) row \(row) has \(fields.count) fields but the header has \(header.count); nothing was imported.")
                    }
                    try importer.csvClaim(row: row, CSVRecord(fields: fields, positions: positions))
                }
                return try importer.finish()
            }, commitIf: { $0.added > 0 })
    }

    /// One import in progress, inside its transaction.
    struct Importer {
        let ledger: Ledger
        let name: String
        let progress: ((Int) -> Void)?
        var header: Int64 = 0
        var outcome = ImportOutcome()
        var sourceIDs: [String: SourceRef] = [:]
        var claimIDs: [String: Int64] = [:]
        var touched = Set<Int64>()
        var rows = 0
        var uuids = UUIDText.Generator()
        /// When the import began: the time its rows and log entries are recorded at.
        let now = LedgerDate.nowTimestamp()

        var db: Connection { ledger.db }

        init(ledger: Ledger, name: String, progress: ((Int) -> Void)?) {
            self.ledger = ledger
            self.name = name
            self.progress = progress
        }

        mutating func begin() throws {
            header = try ledger.appendLog(
                NewLogEntry(
                    action: .import, effective: LedgerDate.today(), summary: "imported \(name)", payload: .object([("file", .string(name))]),
                    recordedAt: now))
        }

        mutating func tick() {
            rows += 1
            if rows % 1000 == 0 { progress?(rows) }
        }

        /// Re-derives every claim the import touched, logs statuses that moved, and sums up.
        /// (When nothing was added, the caller rolls all of this back.)
        mutating func finish() throws -> ImportOutcome {
            for id in touched.sorted() {
                try ledger.rederiveAgainstLog(id, effective: LedgerDate.today(), cause: "import of \(name)", causedBy: header)
            }
            try db.run("UPDATE log SET summary = ? WHERE id = ?", [.text("imported \(name): \(outcome.summary)"), .integer(header)])
            return outcome
        }

        // MARK: Reading fields

        /// A field of the file that is missing, of the wrong type or refused by validation.
        ///
        /// It names the field by its path (`claims.<uuid>.date`); the import turns it into one
        /// sentence that names the file too, once, however deep the refusal came from.
        struct FieldError: Error {
            var path: String
            var problem: String
        }

        func fail(_ path: String, _ problem: String) -> FieldError {
            FieldError(path: path, problem: problem)
        }

        /// What a JSON value is, in words, for "expected text, not a number".
        static func describe(_ value: JSONValue) -> String {
            switch value {
            case .null: "null"
            case .bool(let flag): flag ? "true" : "false"
            case .integer, .number: "a number"
            case .string: "text"
            case .array: "a list"
            case .object: "an object"
            }
        }

        func string(_ value: JSONValue, _ key: String, _ path: String) throws -> String {
            switch value[key] {
            case .none, .some(.null): throw fail("\(path).\(key)", "missing (expected text)")
            case .some(.string(let text)): return text
            case .some(let other): throw fail("\(path).\(key)", "expected text, not \(Importer.describe(other))")
            }
        }

        func optionalString(_ value: JSONValue, _ key: String, _ path: String) throws -> String? {
            switch value[key] {
            case .none, .some(.null): return nil
            case .some(.string(let text)): return text
            case .some(let other): throw fail("\(path).\(key)", "expected text or null, not \(Importer.describe(other))")
            }
        }

        /// Runs a validation, naming the field when it refuses. (A field error from inside passes through as it is.)
        func checked<T>(_ path: String, _ body: () throws -> T) throws -> T {
            do {
                return try body()
            } catch let error as LedgerError {
                if case .refused(let message) = error { throw fail(path, message.trimmingSuffix(".")) }
                throw error
            }
        }

        func date(_ text: String, _ path: String) throws -> LedgerDate {
            guard let date = LedgerDate(text) else { throw fail(path, "'\(text.shown(limit: 40))' is not a valid date (use ISO 8601, such as \(LedgerDate.example))") }
            return date
        }

        mutating func sourceRef(_ uuid: String?, _ path: String) throws -> SourceRef? {
            guard let uuid else { return nil }
            if let known = sourceIDs[uuid] { return known }
            guard let handle = try db.scalarText("SELECT handle FROM source WHERE uuid = ?", [.text(uuid.lowercased())]),
                let found = try ledger.findSource(handle)
            else {
                throw fail(path, "refers to source \(uuid.shown(limit: 40)), which is neither in the file nor in the ledger")
            }
            sourceIDs[uuid] = found
            return found
        }

        mutating func claimID(_ uuid: String?, _ path: String) throws -> Int64? {
            guard let uuid else { return nil }
            if let known = claimIDs[uuid] { return known }
            guard let id = try db.scalarInteger("SELECT id FROM claim WHERE uuid = ?", [.text(uuid.lowercased())]) else {
                throw fail(path, "refers to claim \(uuid.shown(limit: 40)), which is neither in the file nor in the ledger")
            }
            claimIDs[uuid] = id
            return id
        }

        func requireUUID(_ uuid: String, _ path: String) throws {
            guard UUIDText.isValid(uuid) else { throw fail(path, "'\(uuid.shown(limit: 40))' is not a UUID") }
        }

        // MARK: Rows

        mutating func source(_ uuid: String, _ value: JSONValue) throws {
            let path = "sources.\(uuid)"
            try requireUUID(uuid, path)
            let handle = try checked("\(path).handle") { try Validation.handle(try string(value, "handle", path)) }
            let name = try checked("\(path).name") { try Validation.required(try string(value, "name", path), field: "name", limit: Validation.nameLimit) }
            guard let kind = SourceKind(rawValue: try optionalString(value, "kind", path) ?? "other") else { throw fail("\(path).kind", "not a kind of source") }
            guard let reliability = Reliability(rawValue: try optionalString(value, "reliability", path) ?? "F") else {
                throw fail("\(path).reliability", "not a grade from A to F")
            }
            let source = Source(
                uuid: uuid.lowercased(), handle: handle, name: name, kind: kind,
                affiliation: try checked("\(path).affiliation") {
                    try Validation.optional(try optionalString(value, "affiliation", path), field: "affiliation", limit: Validation.nameLimit)
                } ?? "",
                reliability: reliability, url: try checked("\(path).url") { try Validation.url(try optionalString(value, "url", path)) },
                note: try checked("\(path).note") {
                    try Validation.optional(try optionalString(value, "note", path), field: "note", limit: Validation.longTextLimit)
                },
                recordedAt: try optionalString(value, "recorded_at", path) ?? now,
                recordedBy: try optionalString(value, "recorded_by", path) ?? ledger.actor)
            tick()
            var existing: Source?
            try db.query("SELECT \(Ledger.sourceColumns) FROM source WHERE uuid = ? OR handle = ? ORDER BY uuid = ? DESC LIMIT 1", [
                .text(source.uuid), .text(handle), .text(source.uuid),
            ]) { existing = Ledger.decodeSource($0) }
            if let existing {
                outcome.skipped += 1
                sourceIDs[uuid] = try ledger.findSource(existing.handle)
                let theirs = Ledger.sourcePayload(source)
                let ours = Ledger.sourcePayload(existing)
                if theirs != ours {
                    var differences: [String] = []
                    for key in ["handle", "name", "kind", "affiliation", "reliability", "url", "note"] where theirs[key] != ours[key] {
                        differences.append("\(key) here \(ours[key]?.serialized(pretty: false) ?? "null"), in the file \(theirs[key]?.serialized(pretty: false) ?? "null")")
                    }
                    outcome.conflicts.append("Source \(existing.handle): \(differences.joined(separator: "; ")); kept the ledger's.")
                }
                return
            }
            let id = try ledger.insertSource(source, causedBy: header)
            sourceIDs[uuid] = SourceRef(id: id, standing: source.standing, name: source.name)
            outcome.sources += 1
        }

        mutating func claim(_ uuid: String, _ value: JSONValue) throws {
            let path = "claims.\(uuid)"
            try requireUUID(uuid, path)
            let statement = try checked("\(path).statement") {
                try Validation.required(try string(value, "statement", path), field: "statement", limit: Validation.statementLimit)
            }
            let date = try date(try string(value, "date", path), "\(path).date")
            tick()
            if let existingID = try db.scalarInteger("SELECT id FROM claim WHERE uuid = ?", [.text(uuid.lowercased())]) {
                claimIDs[uuid] = existingID
                outcome.skipped += 1
                let ours = try ledger.loadClaim(id: existingID)
                if ours.statement != statement || ours.date != date {
                    outcome.conflicts.append("\(ours.label): the file gives another statement or date for it; kept the ledger's.")
                }
                return
            }
            guard let claimant = try sourceRef(try string(value, "claimant", path), "\(path).claimant") else { return }
            let tagValues = value["tags"]?.arrayValue ?? []
            let tags = try checked("\(path).tags") {
                try Validation.tags(try tagValues.map { tag in
                    guard let text = tag.stringValue else { throw fail("\(path).tags", "a tag is not text") }
                    return text
                })
            }
            let row = ClaimRow(
                uuid: uuid.lowercased(), statement: statement, claimant: claimant, date: date,
                via: try sourceRef(try optionalString(value, "via", path), "\(path).via"),
                url: try checked("\(path).url") { try Validation.url(try optionalString(value, "url", path)) },
                quote: try checked("\(path).quote") {
                    try Validation.optional(try optionalString(value, "quote", path), field: "quote", limit: Validation.longTextLimit)
                },
                quantity: try checked("\(path).quantity") { try Ledger.parseQuantity(try optionalString(value, "quantity", path)) },
                place: try checked("\(path).place") {
                    try Validation.optional(try optionalString(value, "place", path), field: "place", limit: Validation.nameLimit)
                },
                tags: tags, recordedAt: try optionalString(value, "recorded_at", path) ?? now,
                recordedBy: try optionalString(value, "recorded_by", path) ?? ledger.actor)
            let id = try ledger.insertClaim(row, causedBy: header, loggedAt: now)
            claimIDs[uuid] = id
            outcome.claims += 1
        }

        mutating func evidence(_ uuid: String, _ value: JSONValue) throws {
            let path = "evidence.\(uuid)"
            try requireUUID(uuid, path)
            guard let stance = Stance(rawValue: try string(value, "stance", path)) else { throw fail("\(path).stance", "not supports or contradicts") }
            guard let claimID = try claimID(try string(value, "claim", path), "\(path).claim") else { return }
            tick()
            if try db.scalarInteger("SELECT id FROM evidence WHERE uuid = ?", [.text(uuid.lowercased())]) != nil {
                outcome.skipped += 1
                return
            }
            let claim = try ledger.requireClaim(claimLabel(claimID))
            guard let source = try sourceRef(try string(value, "source", path), "\(path).source") else { return }
            let citing = try sourceRef(try optionalString(value, "citing", path), "\(path).citing")
            do {
                try Ledger.guardEvidence(claim: claim, source: source, citing: citing, stance: stance)
            } catch {
                outcome.conflicts.append("Evidence \(uuid) on \(claim.label): \(error.message) It was not imported.")
                return
            }
            let row = EvidenceRow(
                uuid: uuid.lowercased(), claim: claim, stance: stance, source: source, citing: citing,
                date: try date(try string(value, "date", path), "\(path).date"),
                via: try sourceRef(try optionalString(value, "via", path), "\(path).via"),
                url: try checked("\(path).url") { try Validation.url(try optionalString(value, "url", path)) },
                quote: try checked("\(path).quote") {
                    try Validation.optional(try optionalString(value, "quote", path), field: "quote", limit: Validation.longTextLimit)
                },
                quantity: try checked("\(path).quantity") { try Ledger.parseQuantity(try optionalString(value, "quantity", path)) },
                note: try checked("\(path).note") {
                    try Validation.optional(try optionalString(value, "note", path), field: "note", limit: Validation.longTextLimit)
                },
                forced: value["forced"]?.boolValue ?? false, whileClosed: value["while_closed"]?.boolValue ?? false,
                recordedAt: try optionalString(value, "recorded_at", path) ?? now,
                recordedBy: try optionalString(value, "recorded_by", path) ?? ledger.actor)
            let id = try ledger.insertEvidence(row)
            try ledger.logEvidence(row, id: id, statusBefore: nil, statusAfter: nil, causedBy: header)
            touched.insert(claimID)
            outcome.evidence += 1
        }

        mutating func lifecycle(_ uuid: String, _ value: JSONValue) throws {
            let path = "lifecycle.\(uuid)"
            try requireUUID(uuid, path)
            guard let action = LifecycleAction(rawValue: try string(value, "action", path)) else {
                throw fail("\(path).action", "not retract, resolve, supersede or reopen")
            }
            guard let claimID = try claimID(try string(value, "claim", path), "\(path).claim") else { return }
            tick()
            if try db.scalarInteger("SELECT id FROM lifecycle WHERE uuid = ?", [.text(uuid.lowercased())]) != nil {
                outcome.skipped += 1
                return
            }
            let effective = try date(try string(value, "effective", path), "\(path).effective")
            let verdict = try optionalString(value, "verdict", path).map { text in
                guard let verdict = Verdict(rawValue: text) else { throw fail("\(path).verdict", "not true, false, misleading or unproven") }
                return verdict
            }
            let reason = try checked("\(path).reason") {
                try Validation.optional(try optionalString(value, "reason", path), field: "reason", limit: Validation.longTextLimit)
            }
            let successor = try self.claimID(try optionalString(value, "superseded_by", path), "\(path).superseded_by")
            let keptDigit = value["kept_digit"]?.integerValue.map(Int.init)
            guard (action == .resolve) == (verdict != nil), action != .resolve && action != .reopen || reason != nil,
                (action == .supersede) == (successor != nil && keptDigit != nil), keptDigit.map({ (1...6).contains($0) }) ?? true
            else {
                throw fail(path, "a \(action.rawValue) needs \(action == .resolve ? "a verdict and a reason" : action == .reopen ? "a reason" : action == .supersede ? "superseded_by and kept_digit" : "no verdict")")
            }
            let step = value["step"]?.integerValue ?? 1
            let row = LifecycleRow(
                uuid: uuid.lowercased(), claimID: claimID, action: action, effective: effective,
                sourceID: try sourceRef(try optionalString(value, "source", path), "\(path).source")?.id,
                url: try checked("\(path).url") { try Validation.url(try optionalString(value, "url", path)) }, reason: reason,
                verdict: verdict, supersededBy: successor, keptDigit: keptDigit, step: max(1, step),
                recordedAt: try optionalString(value, "recorded_at", path) ?? now,
                recordedBy: try optionalString(value, "recorded_by", path) ?? ledger.actor)
            let claim = try ledger.requireClaim(claimLabel(claimID))
            // The change must fit the claim's lifecycle: closings and reopenings alternate, no supersession cycles.
            if let successor {
                do {
                    try ledger.guardSupersession(of: claim, by: try ledger.requireClaim(claimLabel(successor)))
                } catch {
                    outcome.conflicts.append("\(claim.label): the file supersedes it by \(claimLabel(successor)), which would form a cycle; not imported.")
                    return
                }
            }
            try ledger.insertLifecycle(row)
            var open = true
            var fits = true
            try db.query("SELECT action FROM lifecycle l WHERE claim_id = ?" + Ledger.lifecycleOrderWithinClaim, [.integer(claimID)]) { row in
                let isReopen = row.text(0) == LifecycleAction.reopen.rawValue
                if isReopen == open { fits = false }
                open = isReopen
            }
            guard fits else {
                try db.run("DELETE FROM lifecycle WHERE uuid = ?", [.text(row.uuid)])
                outcome.conflicts.append(
                    "\(claim.label): the file's \(action.rawValue) of \(effective.text) does not fit the ledger's own lifecycle for it (a claim must be open to close and closed to reopen); not imported.")
                return
            }
            let lifecycleID = db.lastInsertedRowID
            try ledger.recompute(claim)
            try ledger.appendLog(
                NewLogEntry(
                    action: LogAction(rawValue: action.rawValue) ?? .retract, claimID: claimID, lifecycleID: lifecycleID,
                    effective: effective, summary: "\(claim.label) \(action.rawValue) (imported from \(name))", causedBy: header))
            touched.insert(claimID)
            outcome.lifecycle += 1
        }

        mutating func csvClaim(row: Int, _ values: CSVRecord) throws {
            func field(_ column: String) -> String? { values[column]?.nonBlank }
            /// Runs a check on one field, naming the row and field when it refuses.
            func at<T>(_ column: String, _ body: () throws -> T) throws -> T {
                do {
                    return try body()
                } catch let error as LedgerError {
                    if case .refused(let message) = error { throw LedgerError.refused("\(name) row \(row), field \(column): \(message) Nothing was imported.") }
                    throw error
                }
            }
            tick()
            let statement = try at("statement") { try Validation.required(values["statement"] ?? "", field: "statement", limit: Validation.statementLimit) }
            let claimant = try at("source") { try ledger.requireSource(values["source"] ?? "") }
            let date = try at("date") { () throws -> LedgerDate in
                guard let text = field("date") else { return LedgerDate.today() }
                guard let parsed = LedgerDate(text) else {
                    throw LedgerError.refused("'\(text.shown(limit: 40))' is not a valid date; use ISO 8601, such as \(LedgerDate.example).")
                }
                return parsed
            }
            let tags = (values["tags"] ?? "").split(separator: ";").map(String.init).filter { $0.nonBlank != nil }
            let claimRow = ClaimRow(
                uuid: uuids.next(), statement: statement, claimant: claimant, date: date,
                via: try at("via") { try ledger.requireOptionalSource(field("via")) },
                url: try at("url") { try Validation.url(field("url")) },
                quote: try at("quote") { try Validation.optional(field("quote"), field: "quote", limit: Validation.longTextLimit) },
                quantity: try at("quantity") { try Ledger.parseQuantity(field("quantity")) },
                place: try at("place") { try Validation.optional(field("place"), field: "place", limit: Validation.nameLimit) },
                tags: try at("tags") { try Validation.tags(tags) },
                recordedAt: now, recordedBy: ledger.actor)
            let duplicate = try db.scalarInteger(
                "SELECT id FROM claim WHERE statement = ? AND claimant_id = ? AND date = ? LIMIT 1",
                [.text(statement), .integer(claimant.id), .text(date.text)])
            if duplicate != nil {
                outcome.skipped += 1
                return
            }
            // A claim from a CSV has no evidence or lifecycle: it stays unverified, as inserted.
            _ = try ledger.insertClaim(claimRow, causedBy: header, loggedAt: now)
            outcome.claims += 1
        }
    }
}

/// One CSV record's fields, read by column name.
struct CSVRecord {
    let fields: [String]
    /// Where each column named in the header is.
    let positions: [String: Int]

    subscript(column: String) -> String? { positions[column].map { fields[$0] } }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
