/// Reading an export's sources, claims and evidence, field by field.
///
/// Every field is checked as the one-row command that writes it checks it (the same
/// `Validation` functions, the same quantity rules), its type is checked by name, and a key
/// given twice is refused rather than read once: a refusal names the field by its path
/// (`claims.<uuid>.tags`) and fails the whole import.
extension Ledger.Importer {
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
        guard let text = try optionalString(row, "recorded_by", path) else { return ledger.actor }
        return try checked("\(path).recorded_by") { try Ledger.recorderName(text) }
    }

    // MARK: Rows

    mutating func source(_ uuid: String, _ value: JSONValue) throws {
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
        let source = Source(
            uuid: uuid.lowercased(), handle: handle, name: name, kind: kind,
            affiliation: try optionalText(row, "affiliation", path, limit: Validation.nameLimit) ?? "", reliability: reliability,
            url: try url(row, path), note: try optionalText(row, "note", path, limit: Validation.longTextLimit),
            recordedAt: try recordedAt(row, path), recordedBy: try recordedBy(row, path))
        tick()
        var existing: Source?
        try db.query(
            "SELECT \(Ledger.sourceColumns) FROM source WHERE uuid = \(source.uuid) OR handle = \(handle) ORDER BY uuid = \(source.uuid) DESC LIMIT 1"
        ) { existing = Ledger.decodeSource($0) }
        if let existing {
            outcome.skipped += 1
            sourceIDs[uuid] = try ledger.findSource(existing.handle)
            // Matched by handle, a source keeps the ledger's UUID: only its fields can conflict.
            let theirs = Ledger.sourcePayload(source)
            let ours = Ledger.sourcePayload(existing)
            var differences: [String] = []
            for key in ["handle", "name", "kind", "affiliation", "reliability", "url", "note"] where theirs[key] != ours[key] {
                differences.append("\(key) here \(ours[key]?.serialized(pretty: false) ?? "null"), in the file \(theirs[key]?.serialized(pretty: false) ?? "null")")
            }
            if !differences.isEmpty {
                outcome.conflicts.append("Source \(existing.handle): \(differences.joined(separator: "; ")); kept the ledger's.")
            }
            return
        }
        let id = try ledger.insertSource(source, causedBy: try headerID())
        sourceIDs[uuid] = Ledger.SourceRef(id: id, standing: source.standing, name: source.name)
        outcome.sources += 1
    }

    mutating func claim(_ uuid: String, _ value: JSONValue) throws {
        let path = "claims.\(uuid)"
        try requireUUID(uuid, path)
        let row = try fields(value, path)
        let statement = try checked("\(path).statement") {
            try Validation.required(try string(row, "statement", path), field: "statement", limit: Validation.statementLimit)
        }
        let date = try date(try string(row, "date", path), "\(path).date")
        let claimant = try sourceRef(try string(row, "claimant", path), "\(path).claimant")
        let tags = try checked("\(path).tags") { try Validation.tags(try texts(row, "tags", path)) }
        let claim = Ledger.ClaimRow(
            uuid: uuid.lowercased(), statement: statement, claimant: claimant, date: date,
            via: try optionalSourceRef(try optionalString(row, "via", path), "\(path).via"), url: try url(row, path),
            quote: try optionalText(row, "quote", path, limit: Validation.longTextLimit), quantity: try quantity(row, path),
            place: try optionalText(row, "place", path, limit: Validation.nameLimit), tags: tags, recordedAt: try recordedAt(row, path),
            recordedBy: try recordedBy(row, path))
        tick()
        if let existingID = try db.scalarInteger("SELECT id FROM claim WHERE uuid = \(claim.uuid)") {
            claimIDs[uuid] = existingID
            outcome.skipped += 1
            let ours = try ledger.loadClaim(id: existingID)
            // A correction made in one ledger and not the other differs here: named, and left to an analyst.
            let differing = [
                ("statement", ours.statement != statement), ("date", ours.date != date), ("via", ours.via != claim.via?.handle),
                ("url", ours.url != claim.url), ("quote", ours.quote != claim.quote), ("quantity", ours.quantity?.text != claim.quantity?.text),
                ("place", ours.place != claim.place), ("tags", ours.tags.sorted() != claim.tags.sorted()),
            ].filter(\.1).map(\.0)
            if !differing.isEmpty {
                correctedClaims.insert(existingID)
                outcome.conflicts.append(
                    "\(ours.label): the file gives another \(differing.joined(separator: ", ")) for it; kept the ledger's (correct it with `ledger edit \(ours.label)` if the file's is right).")
            }
            return
        }
        let id = try ledger.insertClaim(claim, causedBy: try headerID(), loggedAt: now)
        claimIDs[uuid] = id
        outcome.claims += 1
    }

    mutating func evidence(_ uuid: String, _ value: JSONValue) throws {
        let path = "evidence.\(uuid)"
        try requireUUID(uuid, path)
        let row = try fields(value, path)
        guard let stance = Stance(rawValue: try string(row, "stance", path)) else { throw fail("\(path).stance", "not supports or contradicts") }
        let claimID = try claimID(try string(row, "claim", path), "\(path).claim")
        let source = try sourceRef(try string(row, "source", path), "\(path).source")
        let citing = try optionalSourceRef(try optionalString(row, "citing", path), "\(path).citing")
        let date = try date(try string(row, "date", path), "\(path).date")
        let via = try optionalSourceRef(try optionalString(row, "via", path), "\(path).via")
        let url = try url(row, path)
        let quote = try optionalText(row, "quote", path, limit: Validation.longTextLimit)
        let quantity = try quantity(row, path)
        let note = try optionalText(row, "note", path, limit: Validation.longTextLimit)
        let forced = try flag(row, "forced", path)
        let whileClosed = try flag(row, "while_closed", path)
        let recordedAt = try recordedAt(row, path)
        let recordedBy = try recordedBy(row, path)
        let withdrawal = try withdrawal(row, path)
        tick()
        if let existing = try db.scalarInteger("SELECT id FROM evidence WHERE uuid = \(uuid.lowercased())") {
            outcome.skipped += 1
            // A correction made in one ledger and not the other differs here: named, and left to an
            // analyst. One query for the row (a re-import meets every row of the file).
            var ours: [String?] = []
            var withdrawnHere = false
            try db.query(
                """
                SELECT e.date, v.handle AS via, e.url, e.quote, e.quantity_text AS quantity, c.handle AS citing, e.note,
                       e.withdrawn_at IS NOT NULL AS withdrawn
                FROM evidence e LEFT JOIN source v ON v.id = e.via_id LEFT JOIN source c ON c.id = e.citing_id WHERE e.id = \(existing)
                """
            ) { row in
                ours = ["date", "via", "url", "quote", "quantity", "citing", "note"].map { row.optionalText($0) }
                withdrawnHere = row.integer("withdrawn") != 0
            }
            let theirs: [String?] = [date.text, via?.handle, url, quote, quantity?.text, citing?.handle, note]
            let fields = ["date", "via", "url", "quote", "quantity", "citing", "note"]
            let differing = fields.indices.filter { ours.count == fields.count && ours[$0] != theirs[$0] }.map { fields[$0] }
            if !differing.isEmpty {
                let label = evidenceLabel(existing)
                outcome.conflicts.append(
                    "\(label): the file gives another \(differing.joined(separator: ", ")) for it; kept the ledger's (correct it with `ledger evidence edit \(label)` if the file's is right).")
            }
            // A withdrawal made in the other ledger is a correction: it travels.
            if let withdrawal, !withdrawnHere {
                let claim = try ledger.requireClaim(claimLabel(claimID))
                // The import's own entry first: an entry takes the writes made before it.
                let header = try headerID()
                try ledger.updateRow(.evidence, id: existing, [("withdrawn_at", .text(withdrawal.at)), ("withdrawn_reason", .text(withdrawal.reason))])
                try ledger.appendLog(
                    Ledger.NewLogEntry(
                        action: .withdraw, claimID: claim.id, evidenceID: existing, sourceHandle: source.handle, effective: LedgerDate.today(),
                        summary: "withdrew \(evidenceLabel(existing)) (\(source.handle) \(stance.rawValue) \(claim.label)): \(withdrawal.reason.shown(limit: 200))",
                        causedBy: header, recordedAt: now))
                touched.insert(claimID)
                outcome.withdrawals += 1
            }
            return
        }
        let claim = try ledger.requireClaim(claimLabel(claimID))
        // The guards of `corroborate` refuse the row here as there (exit 65, the whole import):
        // no command writes such a row, so it comes from a file edited by hand, or from a
        // ledger that gives the claim another claimant — both need an analyst, not a skip.
        do {
            try Ledger.guardEvidence(claim: claim, source: source, citing: citing, stance: stance)
        } catch {
            throw fail(citing?.id == source.id ? "\(path).citing" : "\(path).source", error.message.withoutOutcome.trimmingSuffix("."))
        }
        // The figure's rules of `corroborate`: comparable with the claim's, and flagged forced exactly when
        // inconsistent (a withdrawn row no longer counts, and its figure is not held to the claim's).
        if withdrawal == nil, quantity != nil || forced {
            let claimQuantity = try claimFigure(claimID)
            if let problem = Ledger.figureProblem(claim: claimQuantity, evidence: quantity, stance: stance, forced: forced) {
                let what =
                    problem.field != "forced" ? "its \(problem.field) is \(problem.text)"
                    : problem.text.hasPrefix("true") ? "it is marked forced" + problem.text.dropFirst(4) : "it is not marked forced" + problem.text.dropFirst(5)
                if correctedClaims.contains(claimID) {
                    outcome.conflicts.append(
                        "\(claimLabel(claimID)): the file's evidence \(uuid.lowercased()) from \(source.handle) was kept out: against this ledger's corrected figure for \(claimLabel(claimID)), \(what).")
                    return
                }
                // A contradiction an earlier version recorded unflagged though its figure agrees: the
                // file is sound, but this ledger holds new rows to the rule.
                if QuantityRules.isUnflaggedAgreeingContradiction(claim: claimQuantity, evidence: quantity, stance: stance, forced: forced) {
                    outcome.conflicts.append(
                        "\(claimLabel(claimID)): the file's evidence \(uuid.lowercased()) from \(source.handle) was kept out: it contradicts \(claimLabel(claimID)) with '\(quantity?.text ?? "")', which is consistent with the claim's figure, and is not marked forced (an earlier version of ledger recorded such rows unflagged); record it with `ledger contradict --force` if it contradicts something other than the number.")
                    return
                }
                throw fail("\(path).\(problem.field)", problem.text)
            }
        }
        let evidence = Ledger.EvidenceRow(
            uuid: uuid.lowercased(), claim: claim, stance: stance, source: source, citing: citing, date: date, via: via, url: url,
            quote: quote, quantity: quantity, note: note, forced: forced, whileClosed: whileClosed, recordedAt: recordedAt,
            recordedBy: recordedBy, withdrawnAt: withdrawal?.at, withdrawnReason: withdrawal?.reason)
        let header = try headerID()
        let id = try ledger.insertEvidence(evidence)
        try ledger.logEvidence(evidence, id: id, statusBefore: nil, statusAfter: nil, causedBy: header)
        touched.insert(claimID)
        outcome.evidence += 1
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

    mutating func note(_ uuid: String, _ value: JSONValue) throws {
        let path = "notes.\(uuid)"
        try requireUUID(uuid, path)
        let row = try fields(value, path)
        let claimID = try claimID(try string(row, "claim", path), "\(path).claim")
        let text = try checked("\(path).text") { try Validation.required(try string(row, "text", path), field: "note", limit: Validation.longTextLimit) }
        let source = try optionalSourceRef(try optionalString(row, "source", path), "\(path).source")
        let url = try url(row, path)
        let date = try date(try string(row, "date", path), "\(path).date")
        let recordedAt = try recordedAt(row, path)
        let recordedBy = try recordedBy(row, path)
        tick()
        if try db.scalarInteger("SELECT id FROM note WHERE uuid = \(uuid.lowercased())") != nil {
            outcome.skipped += 1
            return
        }
        let header = try headerID()
        let id = try ledger.insertNote(
            Ledger.NoteRow(
                uuid: uuid.lowercased(), claimID: claimID, text: text, source: source, url: url, date: date, recordedAt: recordedAt,
                recordedBy: recordedBy))
        try ledger.logNote(id: id, claim: claimLabel(claimID), claimID: claimID, text: text, source: source?.handle, date: date, causedBy: header, loggedAt: now)
        outcome.notes += 1
    }

    /// A claim's figure, read once per claim.
    mutating func claimFigure(_ claimID: Int64) throws -> Quantity? {
        if let known = claimFigures[claimID] { return known }
        let figure = try ledger.loadClaim(id: claimID).quantity
        claimFigures[claimID] = .some(figure)
        return figure
    }
}

extension Ledger {
    /// A name recorded as who made a change: what `--by` accepts (`Validation.actor`).
    static func recorderName(_ text: String) throws(LedgerError) -> String {
        if let problem = Validation.actorProblem(text) {
            throw .refused("The name of who recorded it \(problem).")
        }
        return text.trimmingSpaces
    }

    /// What is wrong with an evidence row's figure and its `forced` flag, by the rules `corroborate`
    /// records them by (and `check` checks): a figure comparable with the claim's, flagged forced
    /// exactly when it is supporting and inconsistent with the claim's. Nil when nothing is.
    static func figureProblem(claim: Quantity?, evidence: Quantity?, stance: Stance, forced: Bool) -> (field: String, text: String)? {
        if let claim, let evidence, !evidence.isComparable(with: claim) {
            return (
                "quantity",
                "'\(evidence.text)' measures \(evidence.dimension) and the claim's '\(claim.text)' measures \(claim.dimension); they cannot be compared"
            )
        }
        let breaks = QuantityRules.breaksFigureRule(claim: claim, evidence: evidence, stance: stance)
        guard forced != breaks else { return nil }
        guard let evidence else { return ("forced", "true, but the evidence gives no figure") }
        guard let claim else { return ("forced", "true, but the claim gives no figure for its figure '\(evidence.text)' to disagree with") }
        if stance == .contradicts {
            return forced
                ? ("forced", "true, but its figure '\(evidence.text)' is inconsistent with the claim's '\(claim.text)', so it contradicts the number as recorded")
                : ("forced", "false, but its figure '\(evidence.text)' is consistent with the claim's '\(claim.text)', which only `contradict --force` records")
        }
        return forced
            ? ("forced", "true, but its figure '\(evidence.text)' is consistent with the claim's '\(claim.text)'")
            : ("forced", "false, but its figure '\(evidence.text)' is inconsistent with the claim's '\(claim.text)', which only `corroborate --force` records")
    }
}
