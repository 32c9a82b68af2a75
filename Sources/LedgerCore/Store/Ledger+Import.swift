#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `ledger import`: merging an export (JSON) or a list of claims (CSV) into the ledger.
///
/// An import is one transaction, over input read in full beforehand (`ImportInput`): a bad
/// row fails all of it, with a message naming the row and field once, and the ledger is left
/// as it was. Every field is checked as the one-row command that writes it checks it
/// (`Ledger+ImportRows.swift`). What is already present (same UUID) is skipped; what differs
/// is reported as a conflict and the ledger's own version kept, except lifecycle changes,
/// which merge by one rule that gives every ledger the same result (`Importer.merge`).
/// Every row added gets its usual log entry, caused by one `import` entry, so `undo`
/// reverses a whole import. An import that changes nothing writes nothing.
extension Ledger {
    public struct ImportOutcome: Sendable, Equatable {
        public var sources = 0
        public var claims = 0
        public var evidence = 0
        public var lifecycle = 0
        /// Rows already in the ledger.
        public var skipped = 0
        /// The ledger's own lifecycle changes taken out because the file's came first (a conflict each).
        public var withdrawn = 0
        public var conflicts: [String] = []
        /// The entries of the file's log taken as the ledger's own (an import into a new ledger).
        public var adoptedEntries = 0
        public var notes = 0
        /// Evidence already in the ledger that the file has withdrawn, withdrawn here too.
        public var withdrawals = 0

        public var added: Int { sources + claims + evidence + lifecycle + notes + withdrawals }

        public var summary: String {
            func count(_ number: Int, _ one: String, _ many: String) -> String { "\(number) \(number == 1 ? one : many)" }
            var parts = [
                "added \(count(sources, "source", "sources")), \(count(claims, "claim", "claims")), "
                    + "\(count(evidence, "piece of evidence", "pieces of evidence")), \(count(lifecycle, "lifecycle change", "lifecycle changes"))"
            ]
            if notes > 0 { parts[0] += ", \(count(notes, "note", "notes"))" }
            if withdrawals > 0 { parts.append("withdrew \(count(withdrawals, "piece of evidence", "pieces of evidence")) as the file had") }
            if adoptedEntries > 0 { parts.append("took its log of \(adoptedEntries) entries as the ledger's own, head and all") }
            parts.append("skipped \(skipped) already present")
            if withdrawn > 0 { parts.append("withdrew \(withdrawn) of the ledger's lifecycle changes") }
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
        if case .object(let members) = document, let twice = Importer.repeatedKey(members) {
            throw .refused("\(name): \"\(twice.shown(limit: 40))\" is given twice; nothing was imported.")
        }
        guard document["format"]?.stringValue == Ledger.exportFormat else {
            throw .refused("\(name) is not a ledger export (it lacks \"format\": \"\(Ledger.exportFormat)\"); nothing was imported. Give a file written by `ledger export`.")
        }
        if let refusal = Ledger.versionRefusal(document["version"], name: name) { throw .refused(refusal) }
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
        let chain = try Ledger.verifiedChain(document, name: name)
        // The rows an export carries must be what its log gives: a chain proves only the log.
        // Into a new ledger the log itself is taken, and the rows compared with the result;
        // into one with history, the rows are compared with its log replayed in a scratch ledger.
        func requireRows(given log: JSONValue) throws(LedgerError) {
            if let difference = Ledger.sectionDifference(file: document, log: log) {
                throw .refused("\(name): \(difference); nothing was imported. Its rows were changed after it was written: export the ledger again.")
            }
        }
        var adopting = false
        if !chain.isEmpty { adopting = try read { try isPristine() } }
        if !chain.isEmpty, !adopting { try requireRows(given: try Ledger.sectionsFromChain(chain, name: name)) }
        try useLargeCache()
        return try write(
            {
                var importer = Importer(ledger: self, name: name, progress: progress)
                do {
                    if adopting, try isPristine() {
                        let adopted = try adopt(chain, name: name)
                        if let problem = try soundnessProblems().first {
                            throw LedgerError.refused("\(name): its log does not rebuild a sound ledger (\(problem.trimmingSuffix("."))); nothing was imported.")
                        }
                        try requireRows(given: try exportedDocument())
                        var outcome = ImportOutcome()
                        (outcome.sources, outcome.claims, outcome.evidence, outcome.lifecycle, outcome.notes) = adopted
                        outcome.adoptedEntries = chain.count
                        return outcome
                    } else if adopting {
                        // Someone wrote to the ledger meanwhile: merge, once the rows are shown to be the log's.
                        try requireRows(given: try Ledger.sectionsFromChain(chain, name: name))
                    }
                    for (uuid, value) in sections["sources"] ?? [] { try importer.source(uuid, value) }
                    for (uuid, value) in sections["claims"] ?? [] { try importer.claim(uuid, value) }
                    for (uuid, value) in sections["evidence"] ?? [] { try importer.evidence(uuid, value) }
                    for (uuid, value) in sections["notes"] ?? [] { try importer.note(uuid, value) }
                    try importer.lifecycle(sections["lifecycle"] ?? [])
                    return try importer.finish()
                } catch let error as Importer.FieldError {
                    throw LedgerError.refused("\(name): \(error.path): \(error.problem); nothing was imported.")
                }
            }, commitIf: { $0.added > 0 || $0.withdrawn > 0 || $0.adoptedEntries > 0 })
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
    public static let sourceCSVColumns = ["handle", "name", "kind", "affiliation", "reliability", "url", "note"]
    public static let evidenceCSVColumns = ["claim", "stance", "source", "date", "url", "via", "citing", "quote", "quantity", "note"]

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
        // A CSV of sources is told apart by its header, which names `handle`; one of evidence
        // names `stance` (and `claim`); else it is one of claims.
        let kind = header.contains("handle") ? "sources" : header.contains("stance") ? "evidence" : "claims"
        let columns = kind == "sources" ? Ledger.sourceCSVColumns : kind == "evidence" ? Ledger.evidenceCSVColumns : Ledger.csvColumns
        let required = kind == "sources" ? ["handle", "name"] : kind == "evidence" ? ["claim", "stance", "source"] : ["statement", "source"]
        for column in header where !columns.contains(column) {
            throw .refused(
                "\(name): the header has an unknown column '\(column.shown(limit: 40))'; the columns of a CSV of \(kind) are \(columns.joined(separator: ",")). Nothing was imported.")
        }
        for column in required where !header.contains(column) {
            throw .refused(
                "\(name): the header lacks the column '\(column)'; the columns of a CSV of \(kind) are \(columns.joined(separator: ",")). Nothing was imported.")
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
                    if kind == "sources" {
                        try importer.csvSource(row: row, CSVRecord(fields: fields, positions: positions))
                    } else if kind == "evidence" {
                        try importer.csvEvidence(row: row, CSVRecord(fields: fields, positions: positions))
                    } else {
                        try importer.csvClaim(row: row, CSVRecord(fields: fields, positions: positions))
                    }
                }
                return try importer.finish()
            }, commitIf: { $0.added > 0 })
    }

    /// One import in progress, inside its transaction.
    struct Importer {
        let ledger: Ledger
        let name: String
        let progress: ((Int) -> Void)?
        /// The import's own entry, which every entry of a row it adds is caused by: appended
        /// before the first row is written (`headerID`), so an import that adds nothing logs nothing.
        var header: Int64?
        var outcome = ImportOutcome()
        var sourceIDs: [String: SourceRef] = [:]
        var claimIDs: [String: Int64] = [:]
        var claimDates: [Int64: LedgerDate] = [:]
        var claimFigures: [Int64: Quantity?] = [:]
        /// Claims whose fields differ between the file and the ledger (a correction made on one
        /// side): a row of the file that fails a rule only against this ledger's version of
        /// such a claim (a date, a figure) is a conflict kept out, not a broken file.
        var correctedClaims = Set<Int64>()
        /// The UUIDs of the lifecycle changes this import has stored so far.
        var insertedChanges = Set<String>()
        var touched = Set<Int64>()
        var rows = 0
        var uuids = UUIDText.Generator()
        /// When the import began: the time its rows and log entries are recorded at.
        let now = LedgerDate.nowTimestamp()

        var db: any Database { ledger.db }

        init(ledger: Ledger, name: String, progress: ((Int) -> Void)?) {
            self.ledger = ledger
            self.name = name
            self.progress = progress
        }

        mutating func begin() throws {}

        mutating func headerID() throws -> Int64 {
            if let header { return header }
            let id = try ledger.appendLog(
                NewLogEntry(action: .import, effective: LedgerDate.today(), summary: "imported \(name)", recordedAt: now))
            header = id
            return id
        }

        /// Runs a check of one CSV field as the one-row command would: a refusal names the file,
        /// row and field, with the command's sentence (not what it says of the ledger).
        /// A CSV row's date: today when the field is empty.
        static func csvDate(_ text: String?) throws -> LedgerDate {
            guard let text else { return LedgerDate.today() }
            guard let parsed = LedgerDate(text) else {
                throw LedgerError.refused("'\(text.shown(limit: 40))' is not a valid date; use ISO 8601, such as \(LedgerDate.example).")
            }
            return parsed
        }

        func checkField<T>(row: Int, _ column: String, _ body: () throws -> T) throws -> T {
            do {
                return try body()
            } catch let error as LedgerError {
                if case .refused(let message) = error {
                    throw LedgerError.refused("\(name) row \(row), field \(column): \(message.withoutOutcome) Nothing was imported.")
                }
                throw error
            }
        }

        mutating func tick() {
            rows += 1
            if rows % 1000 == 0 { progress?(rows) }
        }

        /// Re-derives every claim the import touched, logs statuses that moved, and sums up.
        /// (When nothing was added, the caller rolls all of this back.)
        mutating func finish() throws -> ImportOutcome {
            guard let header else { return outcome }
            for id in touched.sorted() {
                // The status moved when the latest of what moved it took effect, not on the day of the import.
                let latest = try db.scalarText(
                    """
                    SELECT max(d) FROM (SELECT date AS d FROM claim WHERE id = \(id) UNION ALL SELECT date FROM evidence WHERE claim_id = \(id)
                                        UNION ALL SELECT effective FROM lifecycle WHERE claim_id = \(id)) dates
                    """)
                let effective = latest.flatMap(LedgerDate.init) ?? LedgerDate.today()
                try ledger.rederiveAgainstLog(id, effective: effective, cause: "import of \(name)", causedBy: header)
            }
            return outcome
        }

        func date(_ text: String, _ path: String) throws -> LedgerDate {
            guard let date = LedgerDate(text) else { throw fail(path, "'\(text.shown(limit: 40))' is not a valid date (use ISO 8601, such as \(LedgerDate.example))") }
            return date
        }

        mutating func sourceRef(_ uuid: String, _ path: String) throws -> SourceRef {
            if let known = sourceIDs[uuid] { return known }
            guard let handle = try db.scalarText("SELECT handle FROM source WHERE uuid = \(uuid.lowercased())"),
                let found = try ledger.findSource(handle)
            else {
                throw fail(path, "refers to source \(uuid.shown(limit: 40)), which is neither in the file nor in the ledger")
            }
            sourceIDs[uuid] = found
            return found
        }

        mutating func optionalSourceRef(_ uuid: String?, _ path: String) throws -> SourceRef? {
            guard let uuid else { return nil }
            return try sourceRef(uuid, path)
        }

        mutating func claimID(_ uuid: String, _ path: String) throws -> Int64 {
            if let known = claimIDs[uuid] { return known }
            guard let id = try db.scalarInteger("SELECT id FROM claim WHERE uuid = \(uuid.lowercased())") else {
                throw fail(path, "refers to claim \(uuid.shown(limit: 40)), which is neither in the file nor in the ledger")
            }
            claimIDs[uuid] = id
            return id
        }

        func requireUUID(_ uuid: String, _ path: String) throws {
            guard UUIDText.isValid(uuid) else { throw fail(path, "'\(uuid.shown(limit: 40))' is not a UUID") }
        }

        // MARK: CSV rows

        /// A row of a CSV of sources, checked as `source add` checks it. A source already in the
        /// ledger with the same fields is skipped (a sheet imported again adds only its new
        /// rows); one with other fields is refused: `source edit` changes a source.
        mutating func csvSource(row: Int, _ values: CSVRecord) throws {
            func field(_ column: String) -> String? { values[column]?.nonBlank }
            func at<T>(_ column: String, _ body: () throws -> T) throws -> T { try checkField(row: row, column, body) }
            tick()
            let handle = try at("handle") { try Validation.handle((values["handle"] ?? "").trimmingSpaces) }
            let sourceName = try at("name") { try Validation.required(values["name"] ?? "", field: "source name", limit: Validation.nameLimit) }
            let kind = try at("kind") { () throws -> SourceKind in
                guard let text = field("kind") else { return .other }
                guard let kind = SourceKind(rawValue: text.lowercased()) else {
                    throw LedgerError.refused("'\(text.shown(limit: 40))' is not a kind of source; use one of \(SourceKind.allCases.map(\.rawValue).joined(separator: ", ")).")
                }
                return kind
            }
            let reliability = try at("reliability") { () throws -> Reliability in
                guard let text = field("reliability") else { return .F }
                guard let grade = Reliability(rawValue: text.uppercased()) else {
                    throw LedgerError.refused("'\(text.shown(limit: 40))' is not a reliability grade; use a letter from A to F.")
                }
                return grade
            }
            let source = Source(
                uuid: try ledger.newUUID(), handle: handle, name: sourceName, kind: kind,
                affiliation: try at("affiliation") { try Validation.optional(field("affiliation"), field: "affiliation", limit: Validation.nameLimit) } ?? "",
                reliability: reliability, url: try at("url") { try Validation.url(field("url")) },
                note: try at("note") { try Validation.optional(field("note"), field: "note", limit: Validation.longTextLimit) },
                recordedAt: now, recordedBy: ledger.actor)
            if let existing = try ledger.findSource(handle) {
                let ours = try ledger.loadSource(id: existing.id)
                var differences: [String] = []
                if ours.name != source.name { differences.append("name") }
                if ours.kind != source.kind { differences.append("kind") }
                if ours.affiliation != source.affiliation { differences.append("affiliation") }
                if ours.reliability != source.reliability { differences.append("reliability") }
                if ours.url != source.url { differences.append("url") }
                if ours.note != source.note { differences.append("note") }
                guard differences.isEmpty else {
                    throw LedgerError.refused(
                        "\(name) row \(row), field handle: there is already a source '\(handle)' with another \(differences.joined(separator: ", ")); nothing was imported. Change it with `ledger source edit \(handle)`, or leave the row out.")
                }
                outcome.skipped += 1
                return
            }
            _ = try ledger.insertSource(source, causedBy: try headerID())
            outcome.sources += 1
        }

        /// A row of a CSV of evidence, checked as `corroborate` / `contradict` check it (the
        /// claim by id or UUID, the guards, the figure against the claim's: a CSV has no
        /// `--force`, so an inconsistent supporting figure is refused). A row matching evidence
        /// already on the claim (stance, source, citing, date, quote, note) is skipped.
        mutating func csvEvidence(row: Int, _ values: CSVRecord) throws {
            func field(_ column: String) -> String? { values[column]?.nonBlank }
            func at<T>(_ column: String, _ body: () throws -> T) throws -> T { try checkField(row: row, column, body) }
            tick()
            let claim = try at("claim") { try ledger.requireClaim((values["claim"] ?? "").trimmingSpaces) }
            if (values["stance"] ?? "").trimmingSpaces.lowercased() == "note" {
                try csvNote(row: row, claim: claim, values)
                return
            }
            let stance = try at("stance") { () throws -> Stance in
                let text = (values["stance"] ?? "").trimmingSpaces.lowercased()
                guard let stance = Stance(rawValue: text) else {
                    throw LedgerError.refused("'\(text.shown(limit: 40))' is not a stance; use supports, contradicts or note.")
                }
                return stance
            }
            let source = try at("source") { try ledger.requireSource((values["source"] ?? "").trimmingSpaces) }
            let citing = try at("citing") { try ledger.requireOptionalSource(field("citing")) }
            let via = try at("via") { try ledger.requireOptionalSource(field("via")) }
            let date = try at("date") { try Importer.csvDate(field("date")) }
            let url = try at("url") { try Validation.url(field("url")) }
            let quote = try at("quote") { try Validation.optional(field("quote"), field: "quote", limit: Validation.longTextLimit) }
            let quantity = try at("quantity") { try Ledger.parseQuantity(field("quantity")) }
            let note = try at("note") { try Validation.optional(field("note"), field: "note", limit: Validation.longTextLimit) }
            try at(citing != nil && citing?.id == source.id ? "citing" : "source") {
                try Ledger.guardEvidence(claim: claim, source: source, citing: citing, stance: stance)
            }
            let claimQuantity = quantity == nil ? nil : try claimFigure(claim.id)
            if let claimQuantity, let quantity {
                try at("quantity") {
                    if let refusal = QuantityRules.refusal(
                        claim: claimQuantity, claimLabel: claim.label, evidence: quantity, source: source.handle, stance: stance, force: false,
                        forcing: "leave the row out and record it with `ledger \(stance == .supports ? "corroborate" : "contradict") --force`")
                    {
                        throw LedgerError.refused(refusal)
                    }
                }
            }
            let duplicate = try db.scalarInteger(
                """
                SELECT id FROM evidence WHERE claim_id = \(claim.id) AND stance = \(stance.rawValue) AND source_id = \(source.id)
                  AND citing_id IS \(citing?.id) AND date = \(date.text) AND quote IS \(quote) AND note IS \(note) LIMIT 1
                """)
            if duplicate != nil {
                outcome.skipped += 1
                return
            }
            let evidence = Ledger.EvidenceRow(
                uuid: Clock.uuidSeed == nil ? uuids.next() : try ledger.newUUID(), claim: claim, stance: stance, source: source,
                citing: citing, date: date, via: via, url: url, quote: quote, quantity: quantity, note: note, forced: false,
                whileClosed: !claim.status.isOpen, recordedAt: now, recordedBy: ledger.actor)
            let header = try headerID()
            let id = try ledger.insertEvidence(evidence)
            try ledger.logEvidence(evidence, id: id, statusBefore: nil, statusAfter: nil, causedBy: header)
            touched.insert(claim.id)
            outcome.evidence += 1
        }

        /// A `note` row of a CSV of evidence: a research note (`ledger note`), its text in `note`;
        /// `source` (optional here) is the source consulted. A note already on the claim (same
        /// text, date and source) is skipped.
        mutating func csvNote(row: Int, claim: Ledger.ClaimRef, _ values: CSVRecord) throws {
            func field(_ column: String) -> String? { values[column]?.nonBlank }
            func at<T>(_ column: String, _ body: () throws -> T) throws -> T { try checkField(row: row, column, body) }
            for column in ["citing", "via", "quote", "quantity"] where field(column) != nil {
                try at(column) { () throws -> Void in
                    throw LedgerError.refused("A note row takes claim, source, date, url and note; leave \(column) empty.")
                }
            }
            let text = try at("note") { try Validation.required(values["note"] ?? "", field: "note", limit: Validation.longTextLimit) }
            let source = try at("source") { try ledger.requireOptionalSource(field("source")) }
            let url = try at("url") { try Validation.url(field("url")) }
            let date = try at("date") { try Importer.csvDate(field("date")) }
            let duplicate = try db.scalarInteger(
                "SELECT id FROM note WHERE claim_id = \(claim.id) AND text = \(text) AND date = \(date.text) AND source_id IS \(source?.id) LIMIT 1")
            if duplicate != nil {
                outcome.skipped += 1
                return
            }
            let header = try headerID()
            let id = try ledger.insertNote(
                Ledger.NoteRow(
                    uuid: Clock.uuidSeed == nil ? uuids.next() : try ledger.newUUID(), claimID: claim.id, text: text, source: source, url: url,
                    date: date, recordedAt: now, recordedBy: ledger.actor))
            try ledger.logNote(id: id, claim: claim.label, claimID: claim.id, text: text, source: source?.handle, date: date, causedBy: header, loggedAt: now)
            outcome.notes += 1
        }

        mutating func csvClaim(row: Int, _ values: CSVRecord) throws {
            func field(_ column: String) -> String? { values[column]?.nonBlank }
            func at<T>(_ column: String, _ body: () throws -> T) throws -> T { try checkField(row: row, column, body) }
            tick()
            let statement = try at("statement") { try Validation.required(values["statement"] ?? "", field: "statement", limit: Validation.statementLimit) }
            let claimant = try at("source") { try ledger.requireSource(values["source"] ?? "") }
            let date = try at("date") { try Importer.csvDate(field("date")) }
            let tags = (values["tags"] ?? "").split(separator: ";").map(String.init).filter { $0.nonBlank != nil }
            let claimRow = ClaimRow(
                uuid: Clock.uuidSeed == nil ? uuids.next() : try ledger.newUUID(), statement: statement, claimant: claimant, date: date,
                via: try at("via") { try ledger.requireOptionalSource(field("via")) },
                url: try at("url") { try Validation.url(field("url")) },
                quote: try at("quote") { try Validation.optional(field("quote"), field: "quote", limit: Validation.longTextLimit) },
                quantity: try at("quantity") { try Ledger.parseQuantity(field("quantity")) },
                place: try at("place") { try Validation.optional(field("place"), field: "place", limit: Validation.nameLimit) },
                tags: try at("tags") { try Validation.tags(tags) },
                recordedAt: now, recordedBy: ledger.actor)
            let duplicate = try db.scalarInteger(
                "SELECT id FROM claim WHERE statement = \(statement) AND claimant_id = \(claimant.id) AND date = \(date.text) LIMIT 1")
            if duplicate != nil {
                outcome.skipped += 1
                return
            }
            // A claim from a CSV has no evidence or lifecycle: it stays unverified, as inserted.
            _ = try ledger.insertClaim(claimRow, causedBy: try headerID(), loggedAt: now)
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
