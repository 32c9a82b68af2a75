/// Reading a document `ledger export` wrote, field by field, into typed rows for the store.
///
/// Every field is checked as the one-row command that writes it checks it (the same
/// `Validation` functions, the same quantity rules), its type is checked by name, and a key
/// given twice is refused rather than read once: a refusal names the field by its path
/// (`claims.<uuid>.tags`) and fails the whole import. Rows refer to each other by UUID; the
/// store resolves those (`Ledger.Importer`).
struct ExportReader {
    /// When the import began, and who makes it: what a row records when the file does not say.
    let now: String
    let actor: String

    /// A field of the file that is missing, of the wrong type or refused by validation.
    ///
    /// It names the field by its path; the import turns it into one sentence that names the
    /// file too, once, however deep the refusal came from.
    struct FieldError: Error {
        var path: String
        var problem: String
    }

    func fail(_ path: String, _ problem: String) -> FieldError {
        FieldError(path: path, problem: problem)
    }

    // MARK: Reading fields

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

    /// The first key that an object gives a second time, if any.
    static func repeatedKey(_ members: [(String, JSONValue)]) -> String? {
        // Rows have a dozen keys: comparing each with those before it beats hashing them.
        for index in members.indices.dropFirst() where members[..<index].contains(where: { $0.0 == members[index].0 }) {
            return members[index].0
        }
        return nil
    }

    /// The keys `ledger export` writes for each kind of row; no other is read.
    static let knownKeys: [String: Set<String>] = [
        "sources": ["handle", "name", "kind", "affiliation", "reliability", "url", "note", "recorded_at", "recorded_by"],
        "claims": [
            "id", "statement", "claimant", "date", "via", "url", "quote", "quantity", "place", "tags", "status", "recorded_at",
            "recorded_by",
        ],
        "evidence": [
            "id", "claim", "stance", "source", "citing", "date", "via", "url", "quote", "quantity", "note", "forced", "while_closed",
            "recorded_at", "recorded_by", "withdrawn_at", "withdrawn_reason",
        ],
        "notes": ["id", "claim", "text", "source", "url", "date", "recorded_at", "recorded_by"],
        "lifecycle": [
            "claim", "action", "effective", "source", "url", "reason", "verdict", "superseded_by", "kept_digit", "step", "recorded_at",
            "recorded_by",
        ],
    ]

    /// A row: an object that gives each key once, and only keys an export writes (a key
    /// misspelt or from elsewhere would otherwise be dropped without a word).
    func fields(_ value: JSONValue, _ path: String) throws -> JSONValue {
        guard case .object(let members) = value else { throw fail(path, "expected an object, not \(Self.describe(value))") }
        if let twice = Self.repeatedKey(members) { throw fail(path, "\"\(twice.shown(limit: 40))\" is given twice") }
        let section = String(path.prefix { $0 != "." })
        if let known = Self.knownKeys[section], let unknown = members.first(where: { !known.contains($0.0) }) {
            throw fail("\(path).\(unknown.0.shown(limit: 40))", "not a field of \(section) in a ledger export; remove it")
        }
        return value
    }

    func string(_ row: JSONValue, _ key: String, _ path: String) throws -> String {
        switch row[key] {
        case .none, .some(.null): throw fail("\(path).\(key)", "missing (expected text)")
        case .some(.string(let text)): return text
        case .some(let other): throw fail("\(path).\(key)", "expected text, not \(Self.describe(other))")
        }
    }

    func optionalString(_ row: JSONValue, _ key: String, _ path: String) throws -> String? {
        switch row[key] {
        case .none, .some(.null): return nil
        case .some(.string(let text)): return text
        case .some(let other): throw fail("\(path).\(key)", "expected text or null, not \(Self.describe(other))")
        }
    }

    /// A flag: true or false (absent is false).
    func flag(_ row: JSONValue, _ key: String, _ path: String) throws -> Bool {
        switch row[key] {
        case .none, .some(.null): return false
        case .some(.bool(let value)): return value
        case .some(let other): throw fail("\(path).\(key)", "expected true or false, not \(Self.describe(other))")
        }
    }

    /// A whole number, or nil when absent.
    func wholeNumber(_ row: JSONValue, _ key: String, _ path: String) throws -> Int64? {
        switch row[key] {
        case .none, .some(.null): return nil
        case .some(.integer(let value)): return value
        case .some(.number(let value)) where value == value.rounded() && abs(value) < 9_007_199_254_740_992: return Int64(value)
        case .some(.number(let value)): throw fail("\(path).\(key)", "expected a whole number, not \(JSONValue.number(value).serialized())")
        case .some(let other): throw fail("\(path).\(key)", "expected a whole number, not \(Self.describe(other))")
        }
    }

    /// A list of text (absent is empty).
    func texts(_ row: JSONValue, _ key: String, _ path: String) throws -> [String] {
        switch row[key] {
        case .none, .some(.null): return []
        case .some(.array(let items)):
            return try items.enumerated().map { index, item in
                guard case .string(let text) = item else {
                    throw fail("\(path).\(key)", "expected a list of text, but item \(index + 1) is \(Self.describe(item))")
                }
                return text
            }
        case .some(let other): throw fail("\(path).\(key)", "expected a list of text, not \(Self.describe(other))")
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

    func optionalText(_ row: JSONValue, _ key: String, _ path: String, limit: Int) throws -> String? {
        try checked("\(path).\(key)") { try Validation.optional(try optionalString(row, key, path), field: key, limit: limit) }
    }

    func url(_ row: JSONValue, _ path: String) throws -> String? {
        try checked("\(path).url") { try Validation.url(try optionalString(row, "url", path)) }
    }

    func quantity(_ row: JSONValue, _ path: String) throws -> Quantity? {
        try checked("\(path).quantity") { try Ledger.parseQuantity(try optionalString(row, "quantity", path)) }
    }

    /// When the row was first recorded: a UTC timestamp as the ledger writes them (the
    /// import's own time when the file does not say).
    func recordedAt(_ row: JSONValue, _ path: String) throws -> String {
        guard let text = try optionalString(row, "recorded_at", path) else { return now }
        guard let moment = LedgerDate(text), !moment.isDay, moment.text == text else {
            throw fail("\(path).recorded_at", "'\(text.shown(limit: 40))' is not a UTC timestamp such as 2022-09-10T14:30:00Z")
        }
        return text
    }

    /// Who recorded the row: a name on one line (whoever imports, when the file does not say).
    func recordedBy(_ row: JSONValue, _ path: String) throws -> String {
        guard let text = try optionalString(row, "recorded_by", path) else { return actor }
        return try checked("\(path).recorded_by") { try Ledger.recorderName(text) }
    }

    func date(_ text: String, _ path: String) throws -> LedgerDate {
        guard let date = LedgerDate(text) else { throw fail(path, "'\(text.shown(limit: 40))' is not a valid date (use ISO 8601, such as \(LedgerDate.example))") }
        return date
    }

    func requireUUID(_ uuid: String, _ path: String) throws {
        guard UUIDText.isValid(uuid) else { throw fail(path, "'\(uuid.shown(limit: 40))' is not a UUID") }
    }

    /// An evidence row's withdrawal: both its time and its reason, or neither.
    func withdrawal(_ row: JSONValue, _ path: String) throws -> (at: String, reason: String)? {
        let at = try optionalString(row, "withdrawn_at", path)
        let reason = try optionalText(row, "withdrawn_reason", path, limit: Validation.longTextLimit)
        switch (at, reason) {
        case (nil, nil): return nil
        case (let at?, let reason?):
            guard let time = LedgerDate(at), time.text == at, at.count > 10 else {
                throw fail("\(path).withdrawn_at", "not a UTC time as ledger records one (such as 2022-09-11T18:00:00Z)")
            }
            return (at, reason)
        case (nil, _): throw fail("\(path).withdrawn_at", "missing, though withdrawn_reason is given")
        case (_, nil): throw fail("\(path).withdrawn_reason", "missing, though withdrawn_at is given")
        }
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
        case .some(let other): return "\(name): \"version\" is \(describe(other)), not a whole number; \(giveAnExport)"
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

    /// One lifecycle change as the file gives it, each field checked.
    struct IncomingChange {
        var uuid: String
        var path: String
        /// The claim's UUID as the file writes it.
        var claim: String
        var action: LifecycleAction
        var effective: LedgerDate
        var step: Int64
        var source: String?
        var url: String?
        var reason: String?
        var verdict: Verdict?
        var successor: String?
        var keptDigit: Int?
        var recordedAt: String
        var recordedBy: String
    }

    /// Reads one change, checking each field as `retract`, `resolve`, `supersede` and `reopen` check theirs.
    func change(_ uuid: String, _ value: JSONValue) throws -> IncomingChange {
        let path = "lifecycle.\(uuid)"
        try requireUUID(uuid, path)
        let row = try fields(value, path)
        guard let action = LifecycleAction(rawValue: try string(row, "action", path)) else {
            throw fail("\(path).action", "not retract, resolve, supersede or reopen")
        }
        let claim = try string(row, "claim", path)
        let effective = try date(try string(row, "effective", path), "\(path).effective")
        guard let step = try wholeNumber(row, "step", path) else { throw fail("\(path).step", "missing (expected a whole number)") }
        let reason = try checked("\(path).reason") {
            action == .resolve || action == .reopen
                ? try Validation.required(try optionalString(row, "reason", path) ?? "", field: "reason", limit: Validation.longTextLimit)
                : try Validation.optional(try optionalString(row, "reason", path), field: "reason", limit: Validation.longTextLimit)
        }
        var verdict: Verdict?
        if let text = try optionalString(row, "verdict", path) {
            guard action == .resolve else { throw fail("\(path).verdict", "a \(action.rawValue) has no verdict") }
            guard let given = Verdict(rawValue: text) else { throw fail("\(path).verdict", "not true, false, misleading or unproven") }
            verdict = given
        } else if action == .resolve {
            throw fail("\(path).verdict", "missing (expected true, false, misleading or unproven)")
        }
        let successor = try optionalString(row, "superseded_by", path)
        let keptDigit = try wholeNumber(row, "kept_digit", path)
        if action == .supersede {
            guard let successor else { throw fail("\(path).superseded_by", "missing (expected the UUID of the claim that supersedes it)") }
            guard successor.lowercased() != claim.lowercased() else { throw fail("\(path).superseded_by", "a claim cannot supersede itself") }
            guard let keptDigit else { throw fail("\(path).kept_digit", "missing (expected the credibility digit the claim keeps, 1 to 6)") }
            guard (1...6).contains(keptDigit) else { throw fail("\(path).kept_digit", "\(keptDigit) is not a credibility digit from 1 to 6") }
        } else if successor != nil {
            throw fail("\(path).superseded_by", "only a supersede names the claim that supersedes it")
        } else if keptDigit != nil {
            throw fail("\(path).kept_digit", "only a supersede keeps a credibility digit")
        }
        return IncomingChange(
            uuid: uuid.lowercased(), path: path, claim: claim, action: action, effective: effective, step: step,
            source: try optionalString(row, "source", path), url: try url(row, path), reason: reason, verdict: verdict,
            successor: successor, keptDigit: keptDigit.map(Int.init), recordedAt: try recordedAt(row, path),
            recordedBy: try recordedBy(row, path))
    }


    /// The document, and its sections of rows (sources, claims, evidence, notes, lifecycle)
    /// keyed by UUID: valid JSON, an export of a version this ledger reads, each key and each
    /// UUID given once.
    static func document(_ bytes: [UInt8], name: String) throws(LedgerError) -> (JSONValue, [String: [(String, JSONValue)]]) {
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes: bytes)
        } catch {
            throw .refused("\(name) is not valid JSON (\(error.description)); nothing was imported. Give a file written by `ledger export`, or use --format csv.")
        }
        if case .object(let members) = document, let twice = repeatedKey(members) {
            throw .refused("\(name): \"\(twice.shown(limit: 40))\" is given twice; nothing was imported.")
        }
        guard document["format"]?.stringValue == Ledger.exportFormat else {
            throw .refused("\(name) is not a ledger export (it lacks \"format\": \"\(Ledger.exportFormat)\"); nothing was imported. Give a file written by `ledger export`.")
        }
        if let refusal = versionRefusal(document["version"], name: name) { throw .refused(refusal) }
        var sections: [String: [(String, JSONValue)]] = [:]
        for section in Ledger.exportSections {
            switch document[section] {
            case .none, .some(.null): sections[section] = []
            case .some(.object(let members)): sections[section] = members
            default: throw .refused("\(name): \"\(section)\" is not an object keyed by UUID; nothing was imported.")
            }
            // One UUID names one row: the same UUID twice (in any case) is a broken file, not a row to skip.
            var seen = Set<String>(minimumCapacity: sections[section]?.count ?? 0)
            for (uuid, _) in sections[section] ?? [] where !seen.insert(uuid.lowercased()).inserted {
                throw .refused("\(name): \(section).\(uuid.shown(limit: 40)): the UUID is given twice; nothing was imported.")
            }
        }
        return (document, sections)
    }

    // MARK: Rows

    /// A source row: the source as the file gives it.
    func source(_ uuid: String, _ value: JSONValue) throws -> Source {
        let path = "sources.\(uuid)"
        try requireUUID(uuid, path)
        let row = try fields(value, path)
        let handle = try checked("\(path).handle") { try Validation.handle(try string(row, "handle", path)) }
        let name = try checked("\(path).name") { try Validation.required(try string(row, "name", path), field: "name", limit: Validation.nameLimit) }
        guard let kind = SourceKind(rawValue: try optionalString(row, "kind", path) ?? "other") else {
            throw fail("\(path).kind", "not a kind of source (\(SourceKind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        guard let reliability = Reliability(rawValue: try optionalString(row, "reliability", path) ?? "F") else {
            throw fail("\(path).reliability", "not a grade from A to F")
        }
        return Source(
            uuid: uuid.lowercased(), handle: handle, name: name, kind: kind,
            affiliation: try optionalText(row, "affiliation", path, limit: Validation.nameLimit) ?? "", reliability: reliability,
            url: try url(row, path), note: try optionalText(row, "note", path, limit: Validation.longTextLimit),
            recordedAt: try recordedAt(row, path), recordedBy: try recordedBy(row, path))
    }

    /// A claim row, its sources named by UUID.
    struct Claim {
        var uuid: String
        var path: String
        var statement: String
        var claimant: String
        var date: LedgerDate
        var via: String?
        var url: String?
        var quote: String?
        var quantity: Quantity?
        var place: String?
        var tags: [String]
        var recordedAt: String
        var recordedBy: String
    }

    func claim(_ uuid: String, _ value: JSONValue) throws -> Claim {
        let path = "claims.\(uuid)"
        try requireUUID(uuid, path)
        let row = try fields(value, path)
        let statement = try checked("\(path).statement") {
            try Validation.required(try string(row, "statement", path), field: "statement", limit: Validation.statementLimit)
        }
        let date = try date(try string(row, "date", path), "\(path).date")
        let claimant = try string(row, "claimant", path)
        let tags = try checked("\(path).tags") { try Validation.tags(try texts(row, "tags", path)) }
        return Claim(
            uuid: uuid.lowercased(), path: path, statement: statement, claimant: claimant, date: date, via: try optionalString(row, "via", path),
            url: try url(row, path), quote: try optionalText(row, "quote", path, limit: Validation.longTextLimit), quantity: try quantity(row, path),
            place: try optionalText(row, "place", path, limit: Validation.nameLimit), tags: tags, recordedAt: try recordedAt(row, path),
            recordedBy: try recordedBy(row, path))
    }

    /// An evidence row, its claim and sources named by UUID.
    struct Evidence {
        var uuid: String
        var path: String
        var stance: Stance
        var claim: String
        var source: String
        var citing: String?
        var date: LedgerDate
        var via: String?
        var url: String?
        var quote: String?
        var quantity: Quantity?
        var note: String?
        var forced: Bool
        var whileClosed: Bool
        var recordedAt: String
        var recordedBy: String
        var withdrawal: (at: String, reason: String)?
    }

    func evidence(_ uuid: String, _ value: JSONValue) throws -> Evidence {
        let path = "evidence.\(uuid)"
        try requireUUID(uuid, path)
        let row = try fields(value, path)
        guard let stance = Stance(rawValue: try string(row, "stance", path)) else { throw fail("\(path).stance", "not supports or contradicts") }
        return Evidence(
            uuid: uuid.lowercased(), path: path, stance: stance, claim: try string(row, "claim", path), source: try string(row, "source", path),
            citing: try optionalString(row, "citing", path), date: try date(try string(row, "date", path), "\(path).date"),
            via: try optionalString(row, "via", path), url: try url(row, path),
            quote: try optionalText(row, "quote", path, limit: Validation.longTextLimit), quantity: try quantity(row, path),
            note: try optionalText(row, "note", path, limit: Validation.longTextLimit), forced: try flag(row, "forced", path),
            whileClosed: try flag(row, "while_closed", path), recordedAt: try recordedAt(row, path), recordedBy: try recordedBy(row, path),
            withdrawal: try withdrawal(row, path))
    }

    /// A research note row, its claim and source named by UUID.
    struct Note {
        var uuid: String
        var path: String
        var claim: String
        var text: String
        var source: String?
        var url: String?
        var date: LedgerDate
        var recordedAt: String
        var recordedBy: String
    }

    func note(_ uuid: String, _ value: JSONValue) throws -> Note {
        let path = "notes.\(uuid)"
        try requireUUID(uuid, path)
        let row = try fields(value, path)
        return Note(
            uuid: uuid.lowercased(), path: path, claim: try string(row, "claim", path),
            text: try checked("\(path).text") { try Validation.required(try string(row, "text", path), field: "note", limit: Validation.longTextLimit) },
            source: try optionalString(row, "source", path), url: try url(row, path), date: try date(try string(row, "date", path), "\(path).date"),
            recordedAt: try recordedAt(row, path), recordedBy: try recordedBy(row, path))
    }
}
