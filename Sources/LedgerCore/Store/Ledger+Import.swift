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
    ///
    /// Serialised (`Transaction.write`): rows found absent (by UUID) are still absent when inserted,
    /// and a pristine ledger is still pristine when it adopts the export's log.
    public func importExport(_ bytes: [UInt8], name: String, progress: ((Int) -> Void)? = nil) throws(LedgerError) -> ImportOutcome {
        let (document, sections) = try ExportReader.document(bytes, name: name)
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
        try prepareForBulkWrite()
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
                } catch let error as ExportReader.FieldError {
                    throw LedgerError.refused("\(name): \(error.path): \(error.problem); nothing was imported.")
                }
            }, commitIf: { $0.added > 0 || $0.withdrawn > 0 || $0.adoptedEntries > 0 })
    }

    // MARK: CSV

    public static let csvColumns = ["statement", "source", "date", "url", "via", "quote", "quantity", "place", "tags"]
    public static let sourceCSVColumns = ["handle", "name", "kind", "affiliation", "reliability", "url", "note"]
    public static let evidenceCSVColumns = ["claim", "stance", "source", "date", "url", "via", "citing", "quote", "quantity", "note"]

    /// Adds the claims of a CSV file with the header `statement,source,date,url,via,quote,quantity,place,tags`.
    ///
    /// A row whose statement, source and date match a claim already in the ledger is skipped.
    /// The caller reads the whole file first (`ImportInput.read`), so that nothing waits on
    /// the input while the ledger is locked. Serialised (`Transaction.write`): a row found not to
    /// duplicate one in the ledger still does not when inserted.
    public func importCSV(_ bytes: [UInt8], name: String, progress: ((Int) -> Void)? = nil) throws(LedgerError) -> ImportOutcome {
        var sheet = try CSVSheet(bytes, name: name)
        try prepareForBulkWrite()
        return try write(
            {
                var importer = Importer(ledger: self, name: name, progress: progress)
                while let record = try sheet.next() {
                    switch sheet.kind {
                    case .sources: try importer.csvSource(record)
                    case .evidence: try importer.csvEvidence(record)
                    case .claims: try importer.csvClaim(record)
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

        /// Reads the rows of an export, field by field.
        let reader: ExportReader

        var db: any Database { ledger.db }

        init(ledger: Ledger, name: String, progress: ((Int) -> Void)?) {
            self.ledger = ledger
            self.name = name
            self.progress = progress
            reader = ExportReader(now: now, actor: ledger.actor)
        }

        mutating func headerID() throws -> Int64 {
            if let header { return header }
            let id = try ledger.appendLog(
                NewLogEntry(action: .import, effective: LedgerDate.today(), summary: "imported \(name)", recordedAt: now))
            header = id
            return id
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

        // MARK: CSV rows

        /// A row of a CSV of sources (`CSVSheet.source`). A source already in the ledger with the
        /// same fields is skipped (a sheet imported again adds only its new rows); one with other
        /// fields is refused: `source edit` changes a source.
        mutating func csvSource(_ record: CSVRecord) throws {
            tick()
            let row = try CSVSheet.source(record)
            let source = Source(
                uuid: try ledger.newUUID(), handle: row.handle, name: row.name, kind: row.kind, affiliation: row.affiliation,
                reliability: row.reliability, url: row.url, note: row.note, recordedAt: now, recordedBy: ledger.actor)
            if let existing = try ledger.findSource(row.handle) {
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
                        "\(name) row \(record.row), field handle: there is already a source '\(row.handle)' with another \(differences.joined(separator: ", ")); nothing was imported. Change it with `ledger source edit \(row.handle)`, or leave the row out.")
                }
                outcome.skipped += 1
                return
            }
            _ = try ledger.insertSource(source, causedBy: try headerID())
            outcome.sources += 1
        }

        /// A row of a CSV of evidence (`CSVSheet.evidence`), held to the guards of `corroborate` /
        /// `contradict` and the figure rule against the claim's (a CSV has no `--force`, so an
        /// inconsistent supporting figure is refused). A row matching evidence already on the
        /// claim (stance, source, citing, date, quote, note) is skipped.
        mutating func csvEvidence(_ record: CSVRecord) throws {
            tick()
            let row = try CSVSheet.evidence(record)
            let claim = try record.checked("claim") { try ledger.requireClaim(row.claim) }
            guard let stance = row.stance else {
                try csvNote(row, claim: claim, record)
                return
            }
            let source = try record.checked("source") { try ledger.requireSource(row.source ?? "") }
            let citing = try record.checked("citing") { try ledger.requireOptionalSource(row.citing) }
            let via = try record.checked("via") { try ledger.requireOptionalSource(row.via) }
            try record.checked(citing != nil && citing?.id == source.id ? "citing" : "source") {
                try Ledger.guardEvidence(claim: claim, source: source, citing: citing, stance: stance)
            }
            let claimQuantity = row.quantity == nil ? nil : try claimFigure(claim.id)
            if let claimQuantity, let quantity = row.quantity {
                try record.checked("quantity") {
                    if let refusal = QuantityRules.refusal(
                        claim: claimQuantity, claimLabel: claim.label, evidence: quantity, source: source.handle, stance: stance, force: false,
                        forcing: "leave the row out and record it with `ledger \(stance == .supports ? "corroborate" : "contradict") --force`")
                    {
                        throw LedgerError.refused(refusal)
                    }
                }
            }
            let same = db.dialect.isSameAs
            let duplicate = try db.scalarInteger(
                """
                SELECT id FROM evidence WHERE claim_id = \(claim.id) AND stance = \(stance.rawValue) AND source_id = \(source.id)
                  AND citing_id \(raw: same) \(citing?.id) AND date = \(row.date.text) AND quote \(raw: same) \(row.quote) AND note \(raw: same) \(row.note) LIMIT 1
                """)
            if duplicate != nil {
                outcome.skipped += 1
                return
            }
            let evidence = Ledger.EvidenceRow(
                uuid: Clock.uuidSeed == nil ? uuids.next() : try ledger.newUUID(), claim: claim, stance: stance, source: source,
                citing: citing, date: row.date, via: via, url: row.url, quote: row.quote, quantity: row.quantity, note: row.note, forced: false,
                whileClosed: !claim.status.isOpen, recordedAt: now, recordedBy: ledger.actor)
            let header = try headerID()
            let id = try ledger.insertEvidence(evidence)
            try ledger.logEvidence(evidence, id: id, statusBefore: nil, statusAfter: nil, causedBy: header)
            touched.insert(claim.id)
            outcome.evidence += 1
        }

        /// A `note` row of a CSV of evidence: a research note (`ledger note`). A note already on
        /// the claim (same text, date and source) is skipped.
        mutating func csvNote(_ row: CSVSheet.Evidence, claim: Ledger.ClaimRef, _ record: CSVRecord) throws {
            let text = row.note ?? ""
            let source = try record.checked("source") { try ledger.requireOptionalSource(row.source) }
            let duplicate = try db.scalarInteger(
                "SELECT id FROM note WHERE claim_id = \(claim.id) AND text = \(text) AND date = \(row.date.text) AND source_id \(raw: db.dialect.isSameAs) \(source?.id) LIMIT 1")
            if duplicate != nil {
                outcome.skipped += 1
                return
            }
            let header = try headerID()
            let id = try ledger.insertNote(
                Ledger.NoteRow(
                    uuid: Clock.uuidSeed == nil ? uuids.next() : try ledger.newUUID(), claimID: claim.id, text: text, source: source, url: row.url,
                    date: row.date, recordedAt: now, recordedBy: ledger.actor))
            try ledger.logNote(
                id: id, claim: claim.label, claimID: claim.id, text: text, source: source?.handle, date: row.date, causedBy: header, loggedAt: now)
            outcome.notes += 1
        }

        /// A row of a CSV of claims (`CSVSheet.claim`). A claim with the same statement, claimant
        /// and date as one in the ledger is skipped.
        mutating func csvClaim(_ record: CSVRecord) throws {
            tick()
            let row = try CSVSheet.claim(record)
            let claimant = try record.checked("source") { try ledger.requireSource(row.source) }
            let claimRow = ClaimRow(
                uuid: Clock.uuidSeed == nil ? uuids.next() : try ledger.newUUID(), statement: row.statement, claimant: claimant, date: row.date,
                via: try record.checked("via") { try ledger.requireOptionalSource(row.via) }, url: row.url, quote: row.quote,
                quantity: row.quantity, place: row.place, tags: row.tags, recordedAt: now, recordedBy: ledger.actor)
            let duplicate = try db.scalarInteger(
                "SELECT id FROM claim WHERE statement = \(row.statement) AND claimant_id = \(claimant.id) AND date = \(row.date.text) LIMIT 1")
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

extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
