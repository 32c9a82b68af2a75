import LedgerSQLite

/// Corrections and notes (SPEC §2 "Corrections", §1 "Note").
///
/// Mistakes are corrected, never erased: `editClaim` and `editEvidence` change recorded
/// fields, `withdraw` takes an evidence row out of the count. Each is one log entry holding
/// the values before and after (its `update` writes), re-derives the claim, is refused when it
/// changes nothing or would break a guard, and is undone by `undo` like any change. A
/// correction fixes the record, not the world: a point-in-time view (`--as-of`) reads the
/// corrected values on every day, and the log keeps what stood before.
extension Ledger {
    /// A claim's columns the rules derive: re-computed after a correction (and its undo), never set by one.
    static let derivedClaimColumns: Set<String> = [
        "status", "verdict", "superseded_by", "grade", "support_independent", "support_echoes", "contradictions",
    ]

    static let quantityColumnNames = [
        "quantity_text", "quantity_low", "quantity_high", "quantity_low_open", "quantity_high_open", "quantity_unit", "quantity_dimension",
    ]

    /// A correction's changed columns and the changes people are shown, built field by field:
    /// a field given with the value it already has is no change.
    struct ChangeSet {
        var columns: [(String, SQLValue)] = []
        var changes: [FieldChange] = []

        mutating func change(_ field: String, _ before: String?, _ after: String?, _ values: [(String, SQLValue)]) {
            guard before != after else { return }
            columns += values
            changes.append(FieldChange(field: field, before: before, after: after))
        }

        /// A text field stored in the column of its name, when given (`.some(nil)` clears it).
        mutating func text(_ field: String, _ before: String?, _ given: String??) {
            guard let given else { return }
            change(field, before, given, [(field, SQLValue(given))])
        }

        /// A source field (`via`, `citing`) stored as `<field>_id`; nil clears it.
        mutating func source(_ field: String, _ before: String?, _ after: SourceRef?) {
            change(field, before, after?.handle, [(field + "_id", SQLValue(after?.id))])
        }
    }

    /// An optional field of a correction, checked before the transaction: nil when not given,
    /// `.some(nil)` when given empty (it clears the field).
    static func given<T>(_ text: String?, _ read: (String) throws(LedgerError) -> T?) throws(LedgerError) -> T?? {
        guard let text else { return nil }
        return .some(try read(text))
    }

    static func optionalText(_ text: String?, field: String, limit: Int) throws(LedgerError) -> String?? {
        try given(text) { (value: String) throws(LedgerError) -> String? in try Validation.optional(value, field: field, limit: limit) }
    }

    // MARK: Claims

    /// Changes a claim's recorded fields (`ledger edit`).
    public func editClaim(_ text: String, _ edit: ClaimEdit) throws(LedgerError) -> CorrectionOutcome {
        let reason = try Validation.required(edit.reason, field: "reason", limit: Validation.longTextLimit)
        var statement: String?
        if let given = edit.statement { statement = try Validation.required(given, field: "statement", limit: Validation.statementLimit) }
        let url = try Ledger.given(edit.url) { (value: String) throws(LedgerError) in try Validation.url(value) }
        let quote = try Ledger.optionalText(edit.quote, field: "quote", limit: Validation.longTextLimit)
        let quantity = try Ledger.given(edit.quantity) { (value: String) throws(LedgerError) in try Ledger.parseQuantity(value) }
        let place = try Ledger.optionalText(edit.place, field: "place", limit: Validation.nameLimit)
        let adding = try Validation.tags(edit.addTags)
        let removing = try Validation.tags(edit.removeTags)
        if let both = adding.first(where: removing.contains) {
            throw LedgerError.usage("The tag '\(both.shown())' is given both to --tag and to --untag; give it to one of them.")
        }
        return try write {
            let claim = try requireClaim(text)
            let current = try loadClaim(id: claim.id)
            var set = ChangeSet()
            if let statement { set.change("statement", current.statement, statement, [("statement", .text(statement))]) }
            if let date = edit.date { set.change("date", current.date.text, date.text, [("date", .text(date.text))]) }
            if let given = edit.via { set.source("via", current.via, try requireOptionalSource(given.nonBlank)) }
            set.text("url", current.url, url)
            set.text("quote", current.quote, quote)
            if let quantity {
                set.change("quantity", current.quantity?.text, quantity?.text, Array(zip(Ledger.quantityColumnNames, Ledger.quantityValues(quantity))))
            }
            if let place { set.change("place", current.place, place, [("place", SQLValue(place)), ("place_key", SQLValue(place.map(TextFold.fold)))]) }
            let added = adding.filter { !current.tags.contains($0) }
            if let missing = removing.first(where: { !current.tags.contains($0) }) {
                throw LedgerError.refused(
                    "\(claim.label) has no tag '\(missing.shown())' to remove (\(current.tags.isEmpty ? "it has no tags" : "its tags: \(current.tags.joined(separator: ", "))")); nothing was changed.")
            }
            if !added.isEmpty || !removing.isEmpty {
                let after = current.tags.filter { !removing.contains($0) } + added
                set.changes.append(FieldChange(field: "tags", before: current.tags.joined(separator: ", "), after: after.sorted().joined(separator: ", ")))
            }
            guard !set.changes.isEmpty else {
                throw LedgerError.refused("\(claim.label) already has the values given; nothing was changed.")
            }
            // A claim cannot be made after its own lifecycle changes (as `retract` and the rest refuse
            // a date before it), nor after a supersession that names it as the successor.
            if let date = edit.date {
                for event in try loadLifecycle(claimID: claim.id) {
                    if Ledger.datedBeforeClaim(event.action, effective: event.effective, claim: claim.label, made: date) != nil {
                        throw LedgerError.refused(
                            "\(claim.label) has a \(event.action.rawValue) dated \(event.effective.text), so it cannot have been made on \(date.text); nothing was changed. Give a date on or before \(event.effective.day).")
                    }
                }
                var superseding: (Int64, String)?
                try db.query("SELECT claim_id, effective FROM lifecycle WHERE superseded_by = \(claim.id) AND action = 'supersede' ORDER BY effective LIMIT 1") {
                    superseding = ($0.integer("claim_id"), $0.text("effective"))
                }
                if let (other, effective) = superseding, LedgerDate(stored: effective).inclusiveUpperBound < date.text {
                    throw LedgerError.refused(
                        "\(claim.label) supersedes \(claimLabel(other)) as of \(effective), so it cannot have been made on \(date.text); nothing was changed. Give a date on or before \(LedgerDate(stored: effective).day).")
                }
            }
            // Nor the same statement by the same claimant on the same day as another claim (`add` refuses it too).
            if statement != nil || edit.date != nil,
                let other = try db.scalarInteger(
                    """
                    SELECT id FROM claim WHERE claimant_id = \(claim.claimant.id) AND date = \((edit.date ?? current.date).text)
                      AND statement = \(statement ?? current.statement) AND id <> \(claim.id) ORDER BY id LIMIT 1
                    """)
            {
                throw LedgerError.refused(
                    "\(claimLabel(other)) already records this statement by \(claim.claimant.handle) on \((edit.date ?? current.date).text); nothing was changed. If \(claim.label) repeats it, supersede it: `ledger supersede \(claim.label) --by \(claimLabel(other))`.")
            }

            // A new figure is held to the evidence's figures, as a new evidence figure is held to the claim's.
            var forcedChanges: [(Int64, Bool)] = []
            if let quantity, quantity?.text != current.quantity?.text {
                for (row, _) in try loadEvidence(claimID: claim.id) where !row.isWithdrawn {
                    guard let figure = row.quantity else { continue }
                    if let quantity, let refusal = QuantityRules.refusal(
                        newClaimFigure: quantity, claimLabel: claim.label, evidence: row.label, source: row.source, figure: figure,
                        stance: row.stance, force: edit.force)
                    {
                        throw LedgerError.refused(refusal)
                    }
                    let forced = QuantityRules.breaksFigureRule(claim: quantity, evidence: figure, stance: row.stance)
                    if forced != row.forced { forcedChanges.append((row.number, forced)) }
                }
            }

            if !set.columns.isEmpty { try updateRow(.claim, id: claim.id, set.columns) }
            for tag in removing { try deleteTag(claimID: claim.id, tag: tag) }
            for tag in added { try insertRow(.claimTag, [.integer(claim.id), .text(tag)]) }
            for (evidence, forced) in forcedChanges { try updateRow(.evidence, id: evidence, [("forced", .integer(forced ? 1 : 0))]) }
            try indexForSearch(claimID: claim.id)
            let state = try recompute(claim)
            let entry = try appendLog(
                NewLogEntry(
                    action: .claimEdit, claimID: claim.id, sourceHandle: claim.claimant.handle, effective: LedgerDate.today(),
                    statusBefore: claim.status, statusAfter: state.status,
                    summary: "corrected \(claim.label): \(Ledger.describe(set.changes)) (\(reason.shown(limit: 200)))"))
            return CorrectionOutcome(subject: claim.label, detail: try detail(id: claim.id), statusBefore: claim.status, changes: set.changes, entry: entry)
        }
    }

    // MARK: Evidence

    /// Changes an evidence row's recorded fields (`ledger evidence edit`).
    public func editEvidence(_ text: String, _ edit: EvidenceEdit) throws(LedgerError) -> CorrectionOutcome {
        let number = try Ledger.evidenceNumber(text)
        let reason = try Validation.required(edit.reason, field: "reason", limit: Validation.longTextLimit)
        let url = try Ledger.given(edit.url) { (value: String) throws(LedgerError) in try Validation.url(value) }
        let quote = try Ledger.optionalText(edit.quote, field: "quote", limit: Validation.longTextLimit)
        let quantity = try Ledger.given(edit.quantity) { (value: String) throws(LedgerError) in try Ledger.parseQuantity(value) }
        let note = try Ledger.optionalText(edit.note, field: "note", limit: Validation.longTextLimit)
        return try write {
            let (claim, row) = try requireEvidence(number)
            if row.isWithdrawn {
                throw LedgerError.refused(
                    "\(row.label) was withdrawn (\((row.withdrawnReason ?? "").shown(limit: 120))), so it is not corrected; nothing was changed. Record the evidence again with `ledger corroborate` or `ledger contradict`.")
            }
            var set = ChangeSet()
            if let date = edit.date { set.change("date", row.date.text, date.text, [("date", .text(date.text))]) }
            if let given = edit.via { set.source("via", row.via, try requireOptionalSource(given.nonBlank)) }
            set.text("url", row.url, url)
            set.text("quote", row.quote, quote)
            set.text("note", row.note, note)
            if let given = edit.citing {
                let citing = try requireOptionalSource(given.nonBlank)
                try Ledger.guardEvidence(claim: claim, source: try requireSource(row.source), citing: citing, stance: row.stance)
                set.source("citing", row.citing, citing)
            }
            if let quantity, quantity?.text != row.quantity?.text {
                let claimFigure = try loadClaim(id: claim.id).quantity
                if let claimFigure, let quantity,
                    let refusal = QuantityRules.refusal(
                        claim: claimFigure, claimLabel: claim.label, evidence: quantity, source: row.source, stance: row.stance, force: edit.force)
                {
                    throw LedgerError.refused(refusal)
                }
                var values = Array(zip(Ledger.quantityColumnNames, Ledger.quantityValues(quantity)))
                let forced = QuantityRules.breaksFigureRule(claim: claimFigure, evidence: quantity, stance: row.stance)
                if forced != row.forced { values.append(("forced", .integer(forced ? 1 : 0))) }
                set.change("quantity", row.quantity?.text, quantity?.text, values)
            }
            guard !set.changes.isEmpty else {
                throw LedgerError.refused("\(row.label) already has the values given; nothing was changed.")
            }
            try updateRow(.evidence, id: row.number, set.columns)
            try indexForSearch(claimID: claim.id)
            let state = try recompute(claim)
            let entry = try appendLog(
                NewLogEntry(
                    action: .evidenceEdit, claimID: claim.id, evidenceID: row.number, sourceHandle: row.source, effective: LedgerDate.today(),
                    statusBefore: claim.status, statusAfter: state.status,
                    summary: "corrected \(row.label) on \(claim.label): \(Ledger.describe(set.changes)) (\(reason.shown(limit: 200)))"))
            return CorrectionOutcome(subject: row.label, detail: try detail(id: claim.id), statusBefore: claim.status, changes: set.changes, entry: entry)
        }
    }

    /// Withdraws an evidence row recorded by mistake (`ledger withdraw`): it stays, marked, and no longer counts.
    public func withdraw(_ text: String, reason: String) throws(LedgerError) -> CorrectionOutcome {
        let number = try Ledger.evidenceNumber(text)
        let reason = try Validation.required(reason, field: "reason", limit: Validation.longTextLimit)
        return try write {
            let (claim, row) = try requireEvidence(number)
            if let at = row.withdrawnAt {
                throw LedgerError.refused(
                    "\(row.label) was already withdrawn on \(at) (\((row.withdrawnReason ?? "").shown(limit: 120))); nothing was changed. Run `ledger undo` right after a withdrawal to take it back.")
            }
            try updateRow(.evidence, id: row.number, [("withdrawn_at", .text(LedgerDate.nowTimestamp())), ("withdrawn_reason", .text(reason))])
            let state = try recompute(claim)
            let entry = try appendLog(
                NewLogEntry(
                    action: .withdraw, claimID: claim.id, evidenceID: row.number, sourceHandle: row.source, effective: LedgerDate.today(),
                    statusBefore: claim.status, statusAfter: state.status,
                    summary: "withdrew \(row.label) (\(row.source) \(row.stance.rawValue) \(claim.label)): \(reason.shown(limit: 200))"))
            return CorrectionOutcome(
                subject: row.label, detail: try detail(id: claim.id), statusBefore: claim.status,
                changes: [FieldChange(field: "withdrawn", before: nil, after: reason)], entry: entry)
        }
    }

    /// The number in `E7` (or `e7`, or `7`).
    static func evidenceNumber(_ text: String) throws(LedgerError) -> Int64 {
        let trimmed = text.trimmingSpaces
        let digits = trimmed.first.map { "Ee".contains($0) } == true ? trimmed.dropFirst() : Substring(trimmed)
        guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int64(digits) else {
            throw .refused("'\(text.shown(limit: 80))' is not an evidence id; evidence ids look like E7.")
        }
        return number
    }

    /// An evidence row and its claim, or a refusal naming what is missing.
    func requireEvidence(_ number: Int64) throws -> (ClaimRef, Evidence) {
        guard let claimID = try db.scalarInteger("SELECT claim_id FROM evidence WHERE id = \(number)") else {
            throw LedgerError.refused("There is no evidence \(evidenceLabel(number)). Run `ledger show CLAIM` to see a claim's evidence.")
        }
        let claim = try requireClaim(claimLabel(claimID))
        guard let row = try loadEvidence(claimID: claimID).first(where: { $0.0.number == number })?.0 else {
            throw LedgerError.io("The evidence \(evidenceLabel(number)) could not be read back; run `ledger check`.")
        }
        return (claim, row)
    }

    /// "quantity '1000 sq km' → '3000 sq km'; tags 'a' → 'a, b'", as a log entry's summary says it.
    public static func describe(_ changes: [FieldChange]) -> String {
        changes.map { change in
            func shown(_ value: String?) -> String { value.map { "'\($0.shown(limit: 80))'" } ?? "none" }
            return "\(change.field) \(shown(change.before)) → \(shown(change.after))"
        }.joined(separator: "; ")
    }

    // MARK: Notes

    /// Records a research note on a claim (`ledger note`); it never moves the status.
    public func addNote(to claimText: String, _ new: NewNote) throws(LedgerError) -> (detail: ClaimDetail, note: Note) {
        let text = try Validation.required(new.text, field: "note", limit: Validation.longTextLimit)
        let url = try Validation.url(new.url)
        let date = new.date ?? LedgerDate.today()
        return try write {
            let claim = try requireClaim(claimText)
            let source = try requireOptionalSource(new.source)
            let id = try insertNote(
                NoteRow(
                    uuid: try newUUID(), claimID: claim.id, text: text, source: source, url: url, date: date,
                    recordedAt: LedgerDate.nowTimestamp(), recordedBy: actor))
            try logNote(id: id, claim: claim.label, claimID: claim.id, text: text, source: source?.handle, date: date, causedBy: nil)
            let detail = try detail(id: claim.id)
            guard let note = detail.notes.first(where: { $0.number == id }) else {
                throw LedgerError.io("The note just recorded could not be read back; nothing was changed.")
            }
            return (detail, note)
        }
    }

    struct NoteRow {
        var uuid: String
        var claimID: Int64
        var text: String
        var source: SourceRef?
        var url: String?
        var date: LedgerDate
        var recordedAt: String
        var recordedBy: String
    }

    /// Writes a note and its claim's search entry (without logging); returns its id.
    func insertNote(_ row: NoteRow) throws -> Int64 {
        let id = try insertRow(
            .note,
            [
                .null, .text(row.uuid), .integer(row.claimID), .text(row.text), SQLValue(row.source?.id), SQLValue(row.url),
                .text(row.date.text), .text(row.recordedAt), .text(row.recordedBy),
            ])
        try indexForSearch(claimID: row.claimID)
        return id
    }

    func logNote(
        id: Int64, claim label: String, claimID: Int64, text: String, source: String?, date: LedgerDate, causedBy: Int64?, loggedAt: String? = nil
    ) throws {
        try appendLog(
            NewLogEntry(
                action: .noteAdd, claimID: claimID, sourceHandle: source, effective: date,
                summary: "\(noteLabel(id)) on \(label)\(source.map { " (consulted \($0))" } ?? ""): \(text.shown(limit: 120))",
                causedBy: causedBy, recordedAt: loggedAt))
    }

    static let noteSelect: SQL = """
        SELECT n.claim_id, n.id, n.uuid, n.text, n.source_id, n.url, n.date, n.recorded_at, n.recorded_by
        FROM note n
        """
    static let noteOrder: SQL = " ORDER BY n.claim_id, n.date, n.id"

    static func decodeNote(_ row: any DatabaseRow, sources: SourceDirectory) throws -> Note {
        let claimNumber = row.integer("claim_id")
        return Note(
            number: row.integer("id"), uuid: row.text("uuid"), claimNumber: claimNumber, text: row.text("text"),
            source: try row.optionalInteger("source_id").map { try sources[$0].handle }, url: row.optionalText("url"),
            date: LedgerDate(stored: row.text("date")), recordedAt: row.text("recorded_at"), recordedBy: row.text("recorded_by"))
    }

    /// A claim's notes in date order, optionally those dated by the end of `asOf`.
    func loadNotes(claimID: Int64, asOf: LedgerDate? = nil) throws -> [Note] {
        try rowsOfClaim(claimID, select: Ledger.noteSelect, alias: "n", dated: "date", order: Ledger.noteOrder, asOf: asOf) {
            try Ledger.decodeNote($0, sources: $1)
        }
    }

    /// The corrections of a claim that stand (`log_corrections`), oldest first; all claims' with `claimID` nil, by claim.
    static func correctionsSelect(oneClaim claimID: Int64?) -> SQL {
        let claim: SQL = claimID.map { "= \($0)" } ?? "IS NOT NULL"
        return """
        SELECT \(Ledger.logColumns) FROM log
        WHERE action IN ('claim-edit', 'evidence-edit', 'withdraw') AND claim_id \(claim)
          AND NOT EXISTS (SELECT 1 FROM log u WHERE u.undoes = log.id)
        ORDER BY claim_id, id
        """
    }

    func loadCorrections(claimID: Int64) throws -> [LogEntry] {
        // Before version 4 nothing could be corrected (and the index is not there).
        guard version >= 4 else { return [] }
        var entries: [LogEntry] = []
        try db.query(Ledger.correctionsSelect(oneClaim: claimID)) { entries.append(Ledger.decodeLogEntry($0)) }
        return entries
    }

    // MARK: Undo

    /// Puts back what a correction replaced: each update's old values (but the derived
    /// columns, which are re-derived), each tag it removed, and removes each tag it added.
    func revertCorrection(_ stored: StoredEntry, sequence: Int64) throws {
        for write in stored.writes.reversed() {
            if let name = write["update"]?.stringValue, let table = RecordedTable(rawValue: name), let id = write["id"]?.integerValue,
                case .object(let was)? = write["was"]
            {
                let restored = was.compactMap { member -> (String, SQLValue)? in
                    guard !(table == .claim && Ledger.derivedClaimColumns.contains(member.0)), let value = Ledger.sqlValue(member.1) else { return nil }
                    return (member.0, value)
                }
                if !restored.isEmpty { try updateRow(table, id: id, restored) }
            } else if write["insert"]?.stringValue == RecordedTable.claimTag.name, let row = write["row"],
                let claim = row["claim_id"]?.integerValue, let tag = row["tag"]?.stringValue
            {
                try deleteTag(claimID: claim, tag: tag)
            } else if write["delete"]?.stringValue == RecordedTable.claimTag.name, let row = write["row"],
                let claim = row["claim_id"]?.integerValue, let tag = row["tag"]?.stringValue
            {
                try insertRow(.claimTag, [.integer(claim), .text(tag)])
            } else if write["update"] == nil {
                throw LedgerError.refused("Log entry #\(sequence) holds a write a correction does not make; it cannot be undone. Run `ledger check`.")
            }
        }
    }
}
