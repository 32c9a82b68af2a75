#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import LedgerSQLite

/// `ledger check`: the file's integrity and the ledger's own invariants.
///
/// Findings are data, not exceptions: every problem found is returned, one line
/// each. Claims, evidence and lifecycle are read in three streams ordered by
/// claim, merged as they go, so the check is linear and holds one claim at a time.
extension Ledger {
    public func check() throws(LedgerError) -> [String] {
        try translating { try prepareForBulkRead() }
        return try read {
            var problems: [String] = []
            do {
                problems += try storageDamage()
                guard problems.isEmpty else { return problems }
                let differences = try schemaDifferences()
                problems += differences.map { "The \(sqlite == nil ? "ledger" : "file")'s schema has \($0.phrase)." }
                guard differences.allSatisfy(\.isAddition) else {
                    problems.append(
                        "The rest of the check was skipped: it reads the tables and indexes ledger made, and some are missing or altered. Restore the file from a backup, or export what can be read and import it into a new ledger.")
                    return problems
                }
                problems += try missingReferences()
                problems += storageSettingProblems()
                // A ledger of an earlier version has no chain yet (its next write migrates it): its
                // log is checked against its rows as that version wrote them.
                if version >= 3 { try checkReplay(into: &problems) } else { try checkUnchainedLog(into: &problems) }
                try checkSources(into: &problems)
                try checkClaims(into: &problems, figures: true)
                try checkValues(into: &problems)
                try checkSearchIndex(into: &problems)
                if let damage = search.structuralDamage() { problems.append(damage) }
                try checkLog(into: &problems)
            } catch let error as DatabaseError where error.kind == .notALedger {
                problems.append("The file is damaged: SQLite could not read all of it (\(error.message)). Restore it from a backup or an export.")
            } catch let error as DatabaseError where error.kind == .invalidStatement {
                // A query of the check failed on what the file holds (a table altered through
                // writable_schema, say): that is a finding, not a failure of the check.
                problems.append(
                    "The check could not read the ledger as ledger made it (\(error.message.shown(limit: 120))): its schema was altered. Restore the file from a backup or an export.")
            }
            return problems
        }
    }

    /// What `check` finds wrong with the rows and log as they stand (references, statuses,
    /// values, the log's own story), without the file's integrity, schema or replay: what an
    /// import that takes an export's log as its own must leave sound.
    func soundnessProblems() throws -> [String] {
        var problems = try missingReferences()
        try checkSources(into: &problems)
        try checkClaims(into: &problems)
        try checkValues(into: &problems, figures: false)
        try checkLog(into: &problems)
        if version < 3 { try checkUnchainedLog(into: &problems) }
        return problems
    }

    /// For a ledger of schema version 1 or 2, whose log has no rows to replay: every row was
    /// written by a change still in force, and every change in force still has its row.
    private func checkUnchainedLog(into problems: inout [String]) throws {
        // An entry is in force unless it, or the import that caused it, was undone.
        let live = SQL(raw: """
            NOT EXISTS (SELECT 1 FROM log u WHERE u.undoes = l.id)
            AND (l.caused_by IS NULL OR NOT EXISTS (SELECT 1 FROM log u WHERE u.undoes = l.caused_by))
            """)
        let unlogged: [(SQL, (any DatabaseRow) -> String)] = [
            (
                "SELECT handle FROM source s WHERE NOT EXISTS (SELECT 1 FROM log l WHERE l.action = 'source-add' AND l.source_handle = s.handle AND \(live))",
                { "Source \($0.text("handle")) has no entry in the log that added it." }
            ),
            (
                "SELECT id FROM claim c WHERE NOT EXISTS (SELECT 1 FROM log l WHERE l.action = 'claim-add' AND l.claim_id = c.id AND \(live))",
                { "\(claimLabel($0.integer("id"))) has no entry in the log that added it." }
            ),
            (
                "SELECT id, claim_id FROM evidence e WHERE NOT EXISTS (SELECT 1 FROM log l WHERE l.action = 'evidence-add' AND l.evidence_id = e.id AND \(live))",
                { "\(evidenceLabel($0.integer("id"))) on \(claimLabel($0.integer("claim_id"))) has no entry in the log that added it." }
            ),
            (
                "SELECT id, claim_id, action FROM lifecycle c WHERE NOT EXISTS (SELECT 1 FROM log l WHERE l.action = c.action AND l.lifecycle_id = c.id AND \(live))",
                { "\(claimLabel($0.integer("claim_id"))): its \($0.text("action")) has no entry in the log." }
            ),
            (
                "SELECT l.id, l.claim_id FROM log l WHERE l.action = 'claim-add' AND \(live) AND NOT EXISTS (SELECT 1 FROM claim c WHERE c.id = l.claim_id)",
                { "Log entry #\($0.integer("id")) added \(claimLabel($0.integer("claim_id"))), which is missing and was not undone." }
            ),
            (
                "SELECT l.id, l.evidence_id FROM log l WHERE l.action = 'evidence-add' AND \(live) AND NOT EXISTS (SELECT 1 FROM evidence e WHERE e.id = l.evidence_id)",
                { "Log entry #\($0.integer("id")) added \(evidenceLabel($0.integer("evidence_id"))), which is missing and was not undone." }
            ),
            (
                "SELECT l.id, l.claim_id FROM log l WHERE l.action IN ('retract', 'resolve', 'supersede', 'reopen') AND \(live) AND NOT EXISTS (SELECT 1 FROM lifecycle c WHERE c.id = l.lifecycle_id)",
                { "Log entry #\($0.integer("id")) changed \(claimLabel($0.integer("claim_id"))), but that change is missing and was not undone." }
            ),
            (
                "SELECT l.id, l.source_handle FROM log l WHERE l.action = 'source-add' AND \(live) AND NOT EXISTS (SELECT 1 FROM source s WHERE s.handle = l.source_handle)",
                { "Log entry #\($0.integer("id")) added source \($0.text("source_handle")), which is missing and was not undone." }
            ),
            (
                "SELECT l.id, l.undoes FROM log l JOIN log t ON t.id = l.undoes WHERE t.action IN ('undo', 'rederive')",
                { "Log entry #\($0.integer("id")) undoes #\($0.integer("undoes")), which cannot be undone." }
            ),

        ]
        for (sql, describe) in unlogged {
            try db.query(sql) { problems.append(describe($0)) }
        }
    }

    /// Who recorded each source, and when, reads as the ledger writes it.
    private func checkSources(into problems: inout [String]) throws {
        try db.query("SELECT handle, recorded_at, recorded_by FROM source ORDER BY id") { row in
            Ledger.checkRecorded(row, of: "Source \(row.text("handle"))", into: &problems)
        }
    }

    /// Every stored status, verdict, successor, grade and count equals what `ClaimRules` derives,
    /// every lifecycle is a sequence of allowed transitions with steps in range, dated no
    /// earlier than its claim, every forced flag marks exactly an inconsistent supporting
    /// figure, and every row says when (a UTC timestamp) and by whom it was recorded.
    /// With `figures`, also names a contradicting figure an earlier version recorded unflagged
    /// though it agrees with the claim's (not a flaw: it does not stop a migration or an import).
    private func checkClaims(into problems: inout [String], figures: Bool = false) throws {
        let claims = try db.cursor(
            """
            SELECT c.id, c.status, c.verdict, c.superseded_by, c.grade, c.support_independent, c.support_echoes,
                   c.contradictions, s.handle, s.affiliation, s.reliability, c.place, c.place_key, c.date, c.recorded_at,
                   c.recorded_by, \(raw: QuantityColumns.claim.select(from: "c"))
            FROM claim c JOIN source s ON s.id = c.claimant_id ORDER BY c.id
            """)
        let evidence = try db.cursor(
            """
            SELECT e.claim_id, e.stance, o.handle, o.affiliation, o.reliability, e.id, e.forced, e.recorded_at, e.recorded_by,
                   \(raw: QuantityColumns.plain.select(from: "e")), e.withdrawn_at IS NOT NULL AS withdrawn
            FROM evidence e \(Ledger.originJoin)
            ORDER BY e.claim_id, e.id
            """)
        let lifecycle = try db.cursor(
            """
            SELECT claim_id, action, verdict, superseded_by, kept_digit, step, effective, recorded_at, recorded_by
            FROM lifecycle ORDER BY claim_id, effective, step, uuid
            """)
        var evidenceRow = try evidence.next()
        var lifecycleRow = try lifecycle.next()

        while try claims.next() {
            let id = claims.integer("id")
            let label = claimLabel(id)
            let claimant = SourceStanding(
                handle: claims.text("handle"), affiliation: claims.text("affiliation"),
                reliability: Reliability(rawValue: claims.text("reliability")) ?? .F)
            Ledger.checkRecorded(claims, of: label, into: &problems)
            // Rows for claims that no longer exist are orphans; `missingReferences` reports them.
            while evidenceRow, evidence.integer("claim_id") < id { evidenceRow = try evidence.next() }
            while lifecycleRow, lifecycle.integer("claim_id") < id { lifecycleRow = try lifecycle.next() }
            var facts: [EvidenceFacts] = []
            while evidenceRow, evidence.integer("claim_id") == id {
                let stance = Stance(rawValue: evidence.text("stance")) ?? .supports
                // A withdrawn row no longer counts, and its figure is no longer held to the claim's.
                let withdrawn = evidence.integer("withdrawn") != 0
                facts.append(
                    EvidenceFacts(
                        stance: stance,
                        origin: SourceStanding(
                            handle: evidence.text("handle"), affiliation: evidence.text("affiliation"),
                            reliability: Reliability(rawValue: evidence.text("reliability")) ?? .F),
                        withdrawn: withdrawn))
                // Named only when something is wrong with it: most rows are fine.
                func evidenceName() -> String { "\(evidenceLabel(evidence.integer("id"))) on \(label)" }
                Ledger.checkRecorded(evidence, of: evidenceName(), into: &problems)
                // Figures are read only where a flag or two figures make them matter.
                let forced = evidence.integer("forced") != 0
                if !withdrawn, forced || (!evidence.isNull("quantity_text") && !claims.isNull("claim_quantity_text")) {
                    let claimFigure = Ledger.decodeQuantity(claims, .claim)
                    let figure = Ledger.decodeQuantity(evidence)
                    if QuantityRules.isUnflaggedAgreeingContradiction(claim: claimFigure, evidence: figure, stance: stance, forced: forced) {
                        if figures {
                            problems.append(
                                "\(evidenceName()): it contradicts \(label) with '\(figure?.text.shown(limit: 60) ?? "")', which is consistent with the claim's '\(claimFigure?.text.shown(limit: 60) ?? "")'; an earlier version recorded it unflagged. It still counts as a contradiction; `ledger refigure` flags it, or correct it with `ledger evidence edit` or `ledger withdraw`.")
                        }
                    } else if let problem = Ledger.figureProblem(claim: claimFigure, evidence: figure, stance: stance, forced: forced) {
                        problems.append("\(evidenceName()): \(problem.field == "forced" ? "forced is " : "")\(problem.text).")
                    }
                }
                evidenceRow = try evidence.next()
            }
            var changes: [LifecycleFacts] = []
            var open = true
            while lifecycleRow, lifecycle.integer("claim_id") == id {
                let action = LifecycleAction(rawValue: lifecycle.text("action")) ?? .retract
                if !ClaimRules.allows(action, whileOpen: open) {
                    problems.append("\(label): its lifecycle has a \(action.rawValue) while the claim was \(open ? "open" : "closed").")
                }
                open = action == .reopen
                let place = changes.count + 1
                let step = lifecycle.integer("step")
                let effective = LedgerDate(stored: lifecycle.text("effective"))
                // A command gives the next step; a merge keeps each change at or after its place in its own ledger.
                if step < 1 || step > place {
                    problems.append(
                        "\(label): its lifecycle's change \(place) (\(action.rawValue) of \(effective.text)) has step \(step); the change at place n has a step from 1 to n."
                    )
                }
                let made = LedgerDate(stored: claims.text("date"))
                if Ledger.datedBeforeClaim(action, effective: effective, claim: label, made: made) != nil {
                    problems.append("\(label): its lifecycle has a \(action.rawValue) dated \(effective.text), before the claim was made (\(made.text)).")
                }
                if !lifecycle.withBytes("recorded_at", Ledger.isRecordedTimestamp) {
                    problems.append(
                        "\(label): its \(action.rawValue) of \(effective.text) has recorded_at '\(lifecycle.text("recorded_at").shown(limit: 40))', which is not a UTC timestamp.")
                }
                if !lifecycle.withBytes("recorded_by", Ledger.isRecorderName) {
                    problems.append(
                        "\(label): its \(action.rawValue) of \(effective.text) has recorded_by '\(lifecycle.text("recorded_by").shown(limit: 40))', which is blank or holds a control character.")
                }
                changes.append(
                    LifecycleFacts(
                        action: action, verdict: lifecycle.optionalText("verdict").flatMap(Verdict.init(rawValue:)),
                        supersededBy: lifecycle.optionalInteger("superseded_by"), keptDigit: lifecycle.optionalInteger("kept_digit").map(Int.init)))
                lifecycleRow = try lifecycle.next()
            }

            if claims.optionalText("place_key") != claims.optionalText("place").map(TextFold.fold) {
                problems.append("\(label): its place is not indexed as it reads; `--place` may miss it.")
            }
            let expected = ClaimRules.state(claimant: claimant, evidence: facts, lifecycle: changes)
            let stored = (
                status: claims.text("status"), verdict: claims.optionalText("verdict"), supersededBy: claims.optionalInteger("superseded_by"),
                grade: claims.text("grade"), independent: claims.integer("support_independent"), echoes: claims.integer("support_echoes"),
                contradictions: claims.integer("contradictions")
            )
            let origin = "its evidence and lifecycle give"
            if stored.status != expected.status.rawValue {
                problems.append("\(label): stored status is \(stored.status), but \(origin) \(expected.status.rawValue).")
            }
            if stored.verdict != expected.verdict?.rawValue {
                problems.append("\(label): stored verdict is \(stored.verdict ?? "none"), but \(origin) \(expected.verdict?.rawValue ?? "none").")
            }
            if stored.supersededBy != expected.supersededBy {
                problems.append(
                    "\(label): stored as superseded by \(stored.supersededBy.map(claimLabel) ?? "nothing"), but \(origin) \(expected.supersededBy.map(claimLabel) ?? "nothing").")
            }
            if stored.grade != expected.grade.description {
                problems.append("\(label): stored grade is \(stored.grade), but \(origin) \(expected.grade.description).")
            }
            if stored.independent != Int64(expected.support.independent) || stored.echoes != Int64(expected.support.echoes)
                || stored.contradictions != Int64(expected.contradictions)
            {
                problems.append(
                    "\(label): stored support \(stored.independent) (+\(stored.echoes) echoes) against \(stored.contradictions), but its evidence gives \(expected.support.independent) (+\(expected.support.echoes) echoes) against \(expected.contradictions).")
            }
        }
    }

    /// What the schema's CHECKs cannot see: every UUID reads as one (lower case, as stored),
    /// every date is a real date in the form the ledger stores, and every figure still reads,
    /// from its text, as the interval stored with it.
    private func checkValues(into problems: inout [String], figures: Bool = true) throws {
        var found = 0
        func note(_ text: @autoclosure () -> String) {
            found += 1
            if found <= Ledger.replayFindingLimit { problems.append(text()) }
        }
        func checkUUID(_ row: any DatabaseRow, _ name: @autoclosure () -> String) {
            let text = row.text("uuid")
            if !UUIDText.isValid(text) || text != text.lowercased() {
                note("\(name()): its uuid '\(text.shown(limit: 40))' is not a UUID as ledger stores one.")
            }
        }
        func checkDate(_ row: any DatabaseRow, _ column: String, _ field: String, _ name: @autoclosure () -> String) {
            let text = row.text(column)
            if LedgerDate(text)?.text != text {
                note("\(name()): its \(field) '\(text.shown(limit: 40))' is not a date as ledger stores one.")
            }
        }
        // A figure stored by an earlier version keeps its meaning until `ledger refigure`; it is
        // reported, but it is not a flaw that stops a migration or an import (`figures: false`).
        func checkFigure(_ row: any DatabaseRow, _ name: @autoclosure () -> String) {
            guard figures, let stored = Ledger.decodeQuantity(row) else { return }
            let read: Quantity
            do {
                read = try QuantityParser.parse(stored.text)
            } catch {
                note(
                    "\(name()): its quantity '\(stored.text.shown(limit: 60))' no longer reads as a figure (\(error.message.trimmingSuffix("."))); it keeps its stored meaning, \(stored.intervalText), until corrected with `ledger edit` or `ledger evidence edit`.")
                return
            }
            if read != stored {
                note(
                    "\(name()): its quantity '\(stored.text.shown(limit: 60))' is stored as \(stored.intervalText), but reads as \(read.intervalText) (\(read.dimension)); `ledger refigure` re-reads the ledger's figures.")
            }
        }
        /// Text as the commands store it: what their validation would keep unchanged.
        func checkText(
            _ row: any DatabaseRow, _ column: String, _ field: String? = nil, limit: Int, required: Bool = false, _ name: @autoclosure () -> String
        ) {
            let field = field ?? column
            let value = row.optionalText(column)
            let problem: String?
            do {
                let kept: String? =
                    switch field {
                    case "url": try Validation.url(value)
                    case "tag": try Validation.tags(value.map { [$0] } ?? []).first
                    default:
                        required ? try Validation.required(value ?? "", field: field, limit: limit) : try Validation.optional(value, field: field, limit: limit)
                    }
                problem = kept == value ? nil : "holds characters or spaces that ledger drops from what is typed"
            } catch {
                problem = error.message.trimmingSuffix(".")
            }
            if let problem { note("\(name()): its \(field) does not read as ledger stores text (\(problem.prefix(1).lowercased() + problem.dropFirst())).") }
        }
        let quantity = "quantity_text, quantity_low, quantity_high, quantity_low_open, quantity_high_open, quantity_unit, quantity_dimension"
        try db.query("SELECT uuid, handle, name, affiliation, url, note FROM source ORDER BY id") { row in
            let name = "Source \(row.text("handle").shown(limit: 64))"
            checkUUID(row, name)
            if !Handle.isValid(row.text("handle")) { note("\(name): its handle is not one ledger accepts.") }
            checkText(row, "name", limit: Validation.nameLimit, required: true, name)
            if !row.text("affiliation").isEmpty { checkText(row, "affiliation", limit: Validation.nameLimit, name) }
            checkText(row, "url", limit: Validation.urlLimit, name)
            checkText(row, "note", limit: Validation.longTextLimit, name)
        }
        try db.query("SELECT id, uuid, date, \(raw: quantity), statement, url, quote, place FROM claim ORDER BY id") { row in
            let name = claimLabel(row.integer("id"))
            checkUUID(row, name)
            checkDate(row, "date", "date", name)
            if !row.isNull("quantity_text") { checkFigure(row, name) }
            checkText(row, "statement", limit: Validation.statementLimit, required: true, name)
            checkText(row, "url", limit: Validation.urlLimit, name)
            checkText(row, "quote", limit: Validation.longTextLimit, name)
            checkText(row, "place", limit: Validation.nameLimit, name)
        }
        try db.query("SELECT claim_id, tag FROM claim_tag ORDER BY claim_id, tag") { row in
            checkText(row, "tag", limit: Validation.tagLimit, claimLabel(row.integer("claim_id")))
        }
        try db.query(
            "SELECT id, claim_id, uuid, date, \(raw: quantity), url, quote, note, withdrawn_at, withdrawn_reason FROM evidence ORDER BY id"
        ) { row in
            func name() -> String { "\(evidenceLabel(row.integer("id"))) on \(claimLabel(row.integer("claim_id")))" }
            checkUUID(row, name())
            checkDate(row, "date", "date", name())
            if !row.isNull("quantity_text") { checkFigure(row, name()) }
            checkText(row, "url", limit: Validation.urlLimit, name())
            checkText(row, "quote", limit: Validation.longTextLimit, name())
            checkText(row, "note", limit: Validation.longTextLimit, name())
            if !row.isNull("withdrawn_at") {
                if !row.withBytes("withdrawn_at", Ledger.isRecordedTimestamp) {
                    note("\(name()): withdrawn_at '\(row.text("withdrawn_at").shown(limit: 40))' is not a UTC timestamp.")
                }
                checkText(row, "withdrawn_reason", "reason", limit: Validation.longTextLimit, required: true, name())
            }
        }
        try db.query("SELECT id, claim_id, uuid, date, text, url, recorded_at, recorded_by FROM note ORDER BY id") { row in
            func name() -> String { "\(noteLabel(row.integer("id"))) on \(claimLabel(row.integer("claim_id")))" }
            checkUUID(row, name())
            checkDate(row, "date", "date", name())
            checkText(row, "text", "note", limit: Validation.longTextLimit, required: true, name())
            checkText(row, "url", limit: Validation.urlLimit, name())
            var recorded: [String] = []
            Ledger.checkRecorded(row, of: name(), into: &recorded)
            for problem in recorded { note(problem) }
        }
        try db.query("SELECT id, claim_id, action, uuid, effective, url, reason FROM lifecycle ORDER BY id") { row in
            func name() -> String { "\(claimLabel(row.integer("claim_id")))'s \(row.text("action")) (lifecycle row \(row.integer("id")))" }
            checkUUID(row, name())
            checkDate(row, "effective", "effective date", name())
            checkText(row, "url", limit: Validation.urlLimit, name())
            checkText(row, "reason", limit: Validation.longTextLimit, name())
        }
        // `retract --source` is the claimant taking its claim back (SPEC §3).
        try db.query(
            """
            SELECT l.id, l.claim_id, s.handle FROM lifecycle l JOIN claim c ON c.id = l.claim_id JOIN source s ON s.id = l.source_id
            WHERE l.action = 'retract' AND l.source_id <> c.claimant_id ORDER BY l.id
            """
        ) { row in
            note(
                "\(claimLabel(row.integer("claim_id")))'s retract (lifecycle row \(row.integer("id"))) names \(row.text("handle")) as retracting it, but \(row.text("handle")) did not make the claim.")
        }
        if found > Ledger.replayFindingLimit { problems.append("… and \(found - Ledger.replayFindingLimit) more values that do not read.") }
    }

    /// The search index holds each claim's words, as `indexForSearch` writes them, and nothing else.
    private func checkSearchIndex(into problems: inout [String]) throws {
        let claims = try db.cursor("SELECT c.id, \(Ledger.searchFields(db.dialect)) FROM claim c ORDER BY c.id")
        let index = try db.cursor(search.entries)
        var haveClaim = try claims.next()
        var haveEntry = try index.next()
        var found = 0
        func note(_ text: @autoclosure () -> String) {
            found += 1
            if found <= Ledger.replayFindingLimit { problems.append(text()) }
        }
        while haveClaim || haveEntry {
            let claim = haveClaim ? claims.integer("id") : Int64.max
            let entry = haveEntry ? index.integer("id") : Int64.max
            if claim < entry {
                note("\(claimLabel(claim)) is missing from the search index; `--search` cannot find it.")
                haveClaim = try claims.next()
            } else if entry < claim {
                note("The search index has an entry for \(claimLabel(entry)), which is not in the ledger.")
                haveEntry = try index.next()
            } else {
                // An index an earlier version wrote holds the folded text itself: its words count,
                // as they stand (unfolded, so that text FTS5 would cut otherwise is named).
                for field in Ledger.searchFieldNames
                where SearchText.unfoldedWords(index.text(field)) != SearchText.indexed(claims.text(field)).split(separator: " ") {
                    note("\(claimLabel(claim)): the search index holds other words for its \(field) than the claim has; `--search` would answer wrongly.")
                }
                haveClaim = try claims.next()
                haveEntry = try index.next()
            }
        }
        if found > Ledger.replayFindingLimit { problems.append("… and \(found - Ledger.replayFindingLimit) more differences in the search index.") }
    }

    /// The log's own story holds: no entry undoes one that cannot be undone, and each claim's
    /// last logged status is its status.
    private func checkLog(into problems: inout [String]) throws {
        // (Which rows the log wrote is the replay's to say: `checkReplay`.)
        try db.query("SELECT l.id, l.undoes FROM log l JOIN log t ON t.id = l.undoes WHERE t.action IN ('undo', 'rederive', 'migrate')") {
            problems.append("Log entry #\($0.integer("id")) undoes #\($0.integer("undoes")), which cannot be undone.")
        }
        try db.query(
            """
            SELECT c.id, c.status,
                   (SELECT status_after FROM log l WHERE l.claim_id = c.id AND l.status_after IS NOT NULL ORDER BY l.id DESC LIMIT 1) AS logged
            FROM claim c ORDER BY c.id
            """
        ) { row in
            let logged = row.optionalText("logged")
            if logged != row.text("status") {
                problems.append(
                    "\(claimLabel(row.integer("id"))): stored status is \(row.text("status")), but the log last recorded \(logged ?? "no status") for it.")
            }
        }
    }
}

extension Ledger {
    /// Adds a problem for each of a row's recorded_at and recorded_by that does not read as
    /// the ledger writes them.
    static func checkRecorded(_ row: any DatabaseRow, of described: @autoclosure () -> String, into problems: inout [String]) {
        if !row.withBytes("recorded_at", isRecordedTimestamp) {
            problems.append("\(described()): recorded_at '\(row.text("recorded_at").shown(limit: 40))' is not a UTC timestamp.")
        }
        if !row.withBytes("recorded_by", isRecorderName) {
            problems.append("\(described()): recorded_by '\(row.text("recorded_by").shown(limit: 40))' is blank or holds a control character.")
        }
    }

    /// Whether the bytes are a moment as the ledger records them: `YYYY-MM-DDTHH:MM:SSZ`, UTC, a real date and time.
    static func isRecordedTimestamp(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == 20, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54, bytes[13] == 0x3A, bytes[16] == 0x3A,
            bytes[19] == 0x5A
        else { return false }
        func number(_ start: Int, _ count: Int) -> Int? {
            var value = 0
            for byte in bytes[start..<(start + count)] {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
            let minute = number(14, 2), let second = number(17, 2), year >= 1, (1...12).contains(month)
        else { return false }
        return day >= 1 && day <= LedgerDate.daysIn(month: month, year: year) && hour < 24 && minute < 60 && second < 60
    }

    /// Whether the bytes (UTF-8) name who recorded a row: not blank, no control character (line breaks and tabs included).
    static func isRecorderName(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return bytes.contains { $0 != 0x20 } }
        let text = String(decoding: bytes, as: UTF8.self)
        return text.nonBlank != nil && !text.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}
