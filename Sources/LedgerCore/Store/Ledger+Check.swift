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
                try db.query("PRAGMA integrity_check(20)") { row in
                    for line in row.text(0).split(separator: "\n") where line != "ok" && !line.hasPrefix("*** in database") {
                        problems.append("The file is damaged: \(line)")
                    }
                }
                guard problems.isEmpty else { return problems }
                let differences = try schemaDifferences()
                problems += differences.map { "The file's schema has \($0.phrase)." }
                guard differences.allSatisfy(\.isAddition) else {
                    problems.append(
                        "The rest of the check was skipped: it reads the tables and indexes ledger made, and some are missing or altered. Restore the file from a backup, or export what can be read and import it into a new ledger.")
                    return problems
                }
                try db.query("PRAGMA foreign_key_check") { row in
                    problems.append("\(row.text(0)) row \(row.integer(1)) refers to a missing row in \(row.text(2)).")
                }
                if !Files.isInWALMode(path) {
                    problems.append(
                        "The file is not in WAL journal mode, as ledger makes it, so a reader can block a writer; run `sqlite3 \(path.shown()) 'PRAGMA journal_mode = WAL'` with no other ledger command running.")
                }
                // A ledger of an earlier version has no chain yet (its next write migrates it): its
                // log is checked against its rows as that version wrote them.
                if version >= 3 { try checkReplay(into: &problems) } else { try checkUnchainedLog(into: &problems) }
                try checkSources(into: &problems)
                try checkClaims(into: &problems, figures: true)
                try checkValues(into: &problems)
                try checkSearchIndex(into: &problems)
                checkSearchIndexStructure(into: &problems)
                try checkLog(into: &problems)
            } catch let error as SQLiteError where error.primaryCode == SQLITE_CORRUPT || error.primaryCode == SQLITE_NOTADB {
                problems.append("The file is damaged: SQLite could not read all of it (\(error.message)). Restore it from a backup or an export.")
            } catch let error as SQLiteError where error.primaryCode == SQLITE_ERROR {
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
        var problems: [String] = []
        try db.query("PRAGMA foreign_key_check") { row in
            problems.append("\(row.text(0)) row \(row.integer(1)) refers to a missing row in \(row.text(2)).")
        }
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
        let live = """
            NOT EXISTS (SELECT 1 FROM log u WHERE u.undoes = l.id)
            AND (l.caused_by IS NULL OR NOT EXISTS (SELECT 1 FROM log u WHERE u.undoes = l.caused_by))
            """
        let unlogged: [(String, (Statement) -> String)] = [
            (
                "SELECT handle FROM source s WHERE NOT EXISTS (SELECT 1 FROM log l WHERE l.action = 'source-add' AND l.source_handle = s.handle AND \(live))",
                { "Source \($0.text(0)) has no entry in the log that added it." }
            ),
            (
                "SELECT id FROM claim c WHERE NOT EXISTS (SELECT 1 FROM log l WHERE l.action = 'claim-add' AND l.claim_id = c.id AND \(live))",
                { "\(claimLabel($0.integer(0))) has no entry in the log that added it." }
            ),
            (
                "SELECT id, claim_id FROM evidence e WHERE NOT EXISTS (SELECT 1 FROM log l WHERE l.action = 'evidence-add' AND l.evidence_id = e.id AND \(live))",
                { "\(evidenceLabel($0.integer(0))) on \(claimLabel($0.integer(1))) has no entry in the log that added it." }
            ),
            (
                "SELECT id, claim_id, action FROM lifecycle c WHERE NOT EXISTS (SELECT 1 FROM log l WHERE l.action = c.action AND l.lifecycle_id = c.id AND \(live))",
                { "\(claimLabel($0.integer(1))): its \($0.text(2)) has no entry in the log." }
            ),
            (
                "SELECT l.id, l.claim_id FROM log l WHERE l.action = 'claim-add' AND \(live) AND NOT EXISTS (SELECT 1 FROM claim c WHERE c.id = l.claim_id)",
                { "Log entry #\($0.integer(0)) added \(claimLabel($0.integer(1))), which is missing and was not undone." }
            ),
            (
                "SELECT l.id, l.evidence_id FROM log l WHERE l.action = 'evidence-add' AND \(live) AND NOT EXISTS (SELECT 1 FROM evidence e WHERE e.id = l.evidence_id)",
                { "Log entry #\($0.integer(0)) added \(evidenceLabel($0.integer(1))), which is missing and was not undone." }
            ),
            (
                "SELECT l.id, l.claim_id FROM log l WHERE l.action IN ('retract', 'resolve', 'supersede', 'reopen') AND \(live) AND NOT EXISTS (SELECT 1 FROM lifecycle c WHERE c.id = l.lifecycle_id)",
                { "Log entry #\($0.integer(0)) changed \(claimLabel($0.integer(1))), but that change is missing and was not undone." }
            ),
            (
                "SELECT l.id, l.source_handle FROM log l WHERE l.action = 'source-add' AND \(live) AND NOT EXISTS (SELECT 1 FROM source s WHERE s.handle = l.source_handle)",
                { "Log entry #\($0.integer(0)) added source \($0.text(1)), which is missing and was not undone." }
            ),
            (
                "SELECT l.id, l.undoes FROM log l JOIN log t ON t.id = l.undoes WHERE t.action IN ('undo', 'rederive')",
                { "Log entry #\($0.integer(0)) undoes #\($0.integer(1)), which cannot be undone." }
            ),

        ]
        for (sql, describe) in unlogged {
            try db.query(sql) { problems.append(describe($0)) }
        }
    }

    /// Who recorded each source, and when, reads as the ledger writes it.
    private func checkSources(into problems: inout [String]) throws {
        try db.query("SELECT handle, recorded_at, recorded_by FROM source ORDER BY id") { row in
            Ledger.checkRecorded(row, at: 1, of: "Source \(row.text(0))", into: &problems)
        }
    }

    /// Every stored status, verdict, successor, grade and count equals what `ClaimRules` derives,
    /// every lifecycle is a sequence of allowed transitions with steps in range, dated no
    /// earlier than its claim, every forced flag marks exactly an inconsistent supporting
    /// figure, and every row says when (a UTC timestamp) and by whom it was recorded.
    /// With `figures`, also names a contradicting figure an earlier version recorded unflagged
    /// though it agrees with the claim's (not a flaw: it does not stop a migration or an import).
    private func checkClaims(into problems: inout [String], figures: Bool = false) throws {
        func quantityColumns(of table: String) -> String {
            ["text", "low", "high", "low_open", "high_open", "unit", "dimension"].map { "\(table).quantity_\($0)" }.joined(separator: ", ")
        }
        let claims = try db.prepare(
            """
            SELECT c.id, c.status, c.verdict, c.superseded_by, c.grade, c.support_independent, c.support_echoes,
                   c.contradictions, s.handle, s.affiliation, s.reliability, c.place, c.place_key, c.date, c.recorded_at,
                   c.recorded_by, \(quantityColumns(of: "c"))
            FROM claim c JOIN source s ON s.id = c.claimant_id ORDER BY c.id
            """)
        let evidence = try db.prepare(
            """
            SELECT e.claim_id, e.stance, o.handle, o.affiliation, o.reliability, e.id, e.forced, e.recorded_at, e.recorded_by,
                   \(quantityColumns(of: "e")), e.withdrawn_at IS NOT NULL
            FROM evidence e \(Ledger.originJoin)
            ORDER BY e.claim_id, e.id
            """)
        let lifecycle = try db.prepare(
            """
            SELECT claim_id, action, verdict, superseded_by, kept_digit, step, effective, recorded_at, recorded_by
            FROM lifecycle ORDER BY claim_id, effective, step, uuid
            """)
        var evidenceRow = try evidence.step()
        var lifecycleRow = try lifecycle.step()

        while try claims.step() {
            let id = claims.integer(0)
            let label = claimLabel(id)
            let claimant = SourceStanding(
                handle: claims.text(8), affiliation: claims.text(9), reliability: Reliability(rawValue: claims.text(10)) ?? .F)
            Ledger.checkRecorded(claims, at: 14, of: label, into: &problems)
            // Rows for claims that no longer exist are orphans; foreign_key_check reports them.
            while evidenceRow, evidence.integer(0) < id { evidenceRow = try evidence.step() }
            while lifecycleRow, lifecycle.integer(0) < id { lifecycleRow = try lifecycle.step() }
            var facts: [EvidenceFacts] = []
            while evidenceRow, evidence.integer(0) == id {
                let stance = Stance(rawValue: evidence.text(1)) ?? .supports
                // A withdrawn row no longer counts, and its figure is no longer held to the claim's.
                let withdrawn = evidence.integer(16) != 0
                facts.append(
                    EvidenceFacts(
                        stance: stance,
                        origin: SourceStanding(
                            handle: evidence.text(2), affiliation: evidence.text(3),
                            reliability: Reliability(rawValue: evidence.text(4)) ?? .F),
                        withdrawn: withdrawn))
                // Named only when something is wrong with it: most rows are fine.
                func evidenceName() -> String { "\(evidenceLabel(evidence.integer(5))) on \(label)" }
                Ledger.checkRecorded(evidence, at: 7, of: evidenceName(), into: &problems)
                // Figures are read only where a flag or two figures make them matter.
                let forced = evidence.integer(6) != 0
                if !withdrawn, forced || (!evidence.isNull(9) && !claims.isNull(16)) {
                    let claimFigure = Ledger.decodeQuantity(claims, from: 16)
                    let figure = Ledger.decodeQuantity(evidence, from: 9)
                    if QuantityRules.isUnflaggedAgreeingContradiction(claim: claimFigure, evidence: figure, stance: stance, forced: forced) {
                        if figures {
                            problems.append(
                                "\(evidenceName()): it contradicts \(label) with '\(figure?.text.shown(limit: 60) ?? "")', which is consistent with the claim's '\(claimFigure?.text.shown(limit: 60) ?? "")'; an earlier version recorded it unflagged. It still counts as a contradiction; `ledger refigure` flags it, or correct it with `ledger evidence edit` or `ledger withdraw`.")
                        }
                    } else if let problem = Ledger.figureProblem(claim: claimFigure, evidence: figure, stance: stance, forced: forced) {
                        problems.append("\(evidenceName()): \(problem.field == "forced" ? "forced is " : "")\(problem.text).")
                    }
                }
                evidenceRow = try evidence.step()
            }
            var changes: [LifecycleFacts] = []
            var open = true
            while lifecycleRow, lifecycle.integer(0) == id {
                let action = LifecycleAction(rawValue: lifecycle.text(1)) ?? .retract
                if !ClaimRules.allows(action, whileOpen: open) {
                    problems.append("\(label): its lifecycle has a \(action.rawValue) while the claim was \(open ? "open" : "closed").")
                }
                open = action == .reopen
                let place = changes.count + 1
                let step = lifecycle.integer(5)
                let effective = LedgerDate(stored: lifecycle.text(6))
                // A command gives the next step; a merge keeps each change at or after its place in its own ledger.
                if step < 1 || step > place {
                    problems.append(
                        "\(label): its lifecycle's change \(place) (\(action.rawValue) of \(effective.text)) has step \(step); the change at place n has a step from 1 to n."
                    )
                }
                let made = LedgerDate(stored: claims.text(13))
                if Ledger.datedBeforeClaim(action, effective: effective, claim: label, made: made) != nil {
                    problems.append("\(label): its lifecycle has a \(action.rawValue) dated \(effective.text), before the claim was made (\(made.text)).")
                }
                if !lifecycle.withBytes(7, Ledger.isRecordedTimestamp) {
                    problems.append(
                        "\(label): its \(action.rawValue) of \(effective.text) has recorded_at '\(lifecycle.text(7).shown(limit: 40))', which is not a UTC timestamp.")
                }
                if !lifecycle.withBytes(8, Ledger.isRecorderName) {
                    problems.append(
                        "\(label): its \(action.rawValue) of \(effective.text) has recorded_by '\(lifecycle.text(8).shown(limit: 40))', which is blank or holds a control character.")
                }
                changes.append(
                    LifecycleFacts(
                        action: action, verdict: lifecycle.optionalText(2).flatMap(Verdict.init(rawValue:)),
                        supersededBy: lifecycle.optionalInteger(3), keptDigit: lifecycle.optionalInteger(4).map(Int.init)))
                lifecycleRow = try lifecycle.step()
            }

            if claims.optionalText(12) != claims.optionalText(11).map(TextFold.fold) {
                problems.append("\(label): its place is not indexed as it reads; `--place` may miss it.")
            }
            let expected = ClaimRules.state(claimant: claimant, evidence: facts, lifecycle: changes)
            let stored = (
                status: claims.text(1), verdict: claims.optionalText(2), supersededBy: claims.optionalInteger(3),
                grade: claims.text(4), independent: claims.integer(5), echoes: claims.integer(6), contradictions: claims.integer(7)
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
        func checkUUID(_ row: Statement, _ column: Int32, _ name: @autoclosure () -> String) {
            let text = row.text(column)
            if !UUIDText.isValid(text) || text != text.lowercased() {
                note("\(name()): its uuid '\(text.shown(limit: 40))' is not a UUID as ledger stores one.")
            }
        }
        func checkDate(_ row: Statement, _ column: Int32, _ field: String, _ name: @autoclosure () -> String) {
            let text = row.text(column)
            if LedgerDate(text)?.text != text {
                note("\(name()): its \(field) '\(text.shown(limit: 40))' is not a date as ledger stores one.")
            }
        }
        // A figure stored by an earlier version keeps its meaning until `ledger refigure`; it is
        // reported, but it is not a flaw that stops a migration or an import (`figures: false`).
        func checkFigure(_ row: Statement, _ column: Int32, _ name: @autoclosure () -> String) {
            guard figures, let stored = Ledger.decodeQuantity(row, from: column) else { return }
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
        func checkText(_ row: Statement, _ column: Int32, _ field: String, limit: Int, required: Bool = false, _ name: @autoclosure () -> String) {
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
            let name = "Source \(row.text(1).shown(limit: 64))"
            checkUUID(row, 0, name)
            if !Handle.isValid(row.text(1)) { note("\(name): its handle is not one ledger accepts.") }
            checkText(row, 2, "name", limit: Validation.nameLimit, required: true, name)
            if !row.text(3).isEmpty { checkText(row, 3, "affiliation", limit: Validation.nameLimit, name) }
            checkText(row, 4, "url", limit: Validation.urlLimit, name)
            checkText(row, 5, "note", limit: Validation.longTextLimit, name)
        }
        try db.query("SELECT id, uuid, date, \(quantity), statement, url, quote, place FROM claim ORDER BY id") { row in
            let name = claimLabel(row.integer(0))
            checkUUID(row, 1, name)
            checkDate(row, 2, "date", name)
            if !row.isNull(3) { checkFigure(row, 3, name) }
            checkText(row, 10, "statement", limit: Validation.statementLimit, required: true, name)
            checkText(row, 11, "url", limit: Validation.urlLimit, name)
            checkText(row, 12, "quote", limit: Validation.longTextLimit, name)
            checkText(row, 13, "place", limit: Validation.nameLimit, name)
        }
        try db.query("SELECT claim_id, tag FROM claim_tag ORDER BY claim_id, tag") { row in
            checkText(row, 1, "tag", limit: Validation.tagLimit, claimLabel(row.integer(0)))
        }
        try db.query(
            "SELECT id, claim_id, uuid, date, \(quantity), url, quote, note, withdrawn_at, withdrawn_reason FROM evidence ORDER BY id"
        ) { row in
            func name() -> String { "\(evidenceLabel(row.integer(0))) on \(claimLabel(row.integer(1)))" }
            checkUUID(row, 2, name())
            checkDate(row, 3, "date", name())
            if !row.isNull(4) { checkFigure(row, 4, name()) }
            checkText(row, 11, "url", limit: Validation.urlLimit, name())
            checkText(row, 12, "quote", limit: Validation.longTextLimit, name())
            checkText(row, 13, "note", limit: Validation.longTextLimit, name())
            if !row.isNull(14) {
                if !row.withBytes(14, Ledger.isRecordedTimestamp) {
                    note("\(name()): withdrawn_at '\(row.text(14).shown(limit: 40))' is not a UTC timestamp.")
                }
                checkText(row, 15, "reason", limit: Validation.longTextLimit, required: true, name())
            }
        }
        try db.query("SELECT id, claim_id, uuid, date, text, url, recorded_at, recorded_by FROM note ORDER BY id") { row in
            func name() -> String { "\(noteLabel(row.integer(0))) on \(claimLabel(row.integer(1)))" }
            checkUUID(row, 2, name())
            checkDate(row, 3, "date", name())
            checkText(row, 4, "note", limit: Validation.longTextLimit, required: true, name())
            checkText(row, 5, "url", limit: Validation.urlLimit, name())
            var recorded: [String] = []
            Ledger.checkRecorded(row, at: 6, of: name(), into: &recorded)
            for problem in recorded { note(problem) }
        }
        try db.query("SELECT id, claim_id, action, uuid, effective, url, reason FROM lifecycle ORDER BY id") { row in
            func name() -> String { "\(claimLabel(row.integer(1)))'s \(row.text(2)) (lifecycle row \(row.integer(0)))" }
            checkUUID(row, 3, name())
            checkDate(row, 4, "effective date", name())
            checkText(row, 5, "url", limit: Validation.urlLimit, name())
            checkText(row, 6, "reason", limit: Validation.longTextLimit, name())
        }
        // `retract --source` is the claimant taking its claim back (SPEC §3).
        try db.query(
            """
            SELECT l.id, l.claim_id, s.handle FROM lifecycle l JOIN claim c ON c.id = l.claim_id JOIN source s ON s.id = l.source_id
            WHERE l.action = 'retract' AND l.source_id <> c.claimant_id ORDER BY l.id
            """
        ) { row in
            note("\(claimLabel(row.integer(1)))'s retract (lifecycle row \(row.integer(0))) names \(row.text(2)) as retracting it, but \(row.text(2)) did not make the claim.")
        }
        if found > Ledger.replayFindingLimit { problems.append("… and \(found - Ledger.replayFindingLimit) more values that do not read.") }
    }

    /// FTS5's own integrity check of the search index's structure (its b-trees against the
    /// words it holds): a damaged index makes every search fail. FTS5 runs it as an INSERT, so
    /// it needs a connection that may write, which it rolls back; a ledger this user cannot
    /// write is not checked this way.
    private func checkSearchIndexStructure(into problems: inout [String]) {
        guard access(path, W_OK) == 0, access(Files.folder(of: path), W_OK) == 0,
            let writer = try? Connection(path: path, mode: .readWrite, busyTimeoutMilliseconds: 2_000)
        else { return }
        do {
            try writer.execute("BEGIN")
            defer { try? writer.execute("ROLLBACK") }
            try writer.execute("INSERT INTO claim_search(claim_search) VALUES('integrity-check')")
        } catch where error.primaryCode == SQLITE_CORRUPT {
            problems.append(
                "The search index is damaged (\(error.message.shown(limit: 80))), so `--search` and `list` can fail; export the ledger and import the export into a new ledger.")
        } catch {
            // Busy with a writer, or unable to write: not a finding.
        }
    }

    /// The search index holds each claim's words, folded, as `indexForSearch` writes them, and nothing else.
    private func checkSearchIndex(into problems: inout [String]) throws {
        let claims = try db.prepare("SELECT c.id, \(Ledger.searchFields) FROM claim c ORDER BY c.id")
        let index = try db.prepare("SELECT rowid, statement, quote, place, tags, evidence FROM claim_search ORDER BY rowid")
        var haveClaim = try claims.step()
        var haveEntry = try index.step()
        let names = ["statement", "quote", "place", "tags", "evidence"]
        var found = 0
        func note(_ text: @autoclosure () -> String) {
            found += 1
            if found <= Ledger.replayFindingLimit { problems.append(text()) }
        }
        while haveClaim || haveEntry {
            let claim = haveClaim ? claims.integer(0) : Int64.max
            let entry = haveEntry ? index.integer(0) : Int64.max
            if claim < entry {
                note("\(claimLabel(claim)) is missing from the search index; `--search` cannot find it.")
                haveClaim = try claims.step()
            } else if entry < claim {
                note("The search index has an entry for \(claimLabel(entry)), which is not in the ledger.")
                haveEntry = try index.step()
            } else {
                for column in 1...5 where !Ledger.sameWords(TextFold.fold(claims.text(Int32(column))), index.text(Int32(column))) {
                    note("\(claimLabel(claim)): the search index holds other words for its \(names[column - 1]) than the claim has; `--search` would answer wrongly.")
                }
                haveClaim = try claims.step()
                haveEntry = try index.step()
            }
        }
        if found > Ledger.replayFindingLimit { problems.append("… and \(found - Ledger.replayFindingLimit) more differences in the search index.") }
    }

    /// Whether two texts hold the same words in the same order, however many spaces stand
    /// between them (an evidence row without quote or note adds only a space).
    static func sameWords(_ a: String, _ b: String) -> Bool {
        var left = a.utf8.makeIterator()
        var right = b.utf8.makeIterator()
        func next(_ iterator: inout String.UTF8View.Iterator, _ pending: inout Bool) -> UInt8? {
            while let byte = iterator.next() {
                if byte == 0x20 {
                    pending = true
                    continue
                }
                return byte
            }
            return nil
        }
        var spaceLeft = false
        var spaceRight = false
        var started = false
        while true {
            let x = next(&left, &spaceLeft)
            let y = next(&right, &spaceRight)
            if x == nil && y == nil { return true }
            // A space between two words on one side must be matched on the other.
            if started && spaceLeft != spaceRight { return false }
            guard x == y else { return false }
            started = true
            spaceLeft = false
            spaceRight = false
        }
    }

    /// The log's own story holds: no entry undoes one that cannot be undone, and each claim's
    /// last logged status is its status.
    private func checkLog(into problems: inout [String]) throws {
        // (Which rows the log wrote is the replay's to say: `checkReplay`.)
        try db.query("SELECT l.id, l.undoes FROM log l JOIN log t ON t.id = l.undoes WHERE t.action IN ('undo', 'rederive', 'migrate')") {
            problems.append("Log entry #\($0.integer(0)) undoes #\($0.integer(1)), which cannot be undone.")
        }
        try db.query(
            """
            SELECT c.id, c.status,
                   (SELECT status_after FROM log l WHERE l.claim_id = c.id AND l.status_after IS NOT NULL ORDER BY l.id DESC LIMIT 1)
            FROM claim c ORDER BY c.id
            """
        ) { row in
            let logged = row.optionalText(2)
            if logged != row.text(1) {
                problems.append(
                    "\(claimLabel(row.integer(0))): stored status is \(row.text(1)), but the log last recorded \(logged ?? "no status") for it.")
            }
        }
    }
}

extension Ledger {
    /// Adds a problem for each of a row's recorded_at (column `at`) and recorded_by (the next
    /// column) that does not read as the ledger writes them.
    static func checkRecorded(_ row: Statement, at column: Int32, of described: @autoclosure () -> String, into problems: inout [String]) {
        if !row.withBytes(column, isRecordedTimestamp) {
            problems.append("\(described()): recorded_at '\(row.text(column).shown(limit: 40))' is not a UTC timestamp.")
        }
        if !row.withBytes(column + 1, isRecorderName) {
            problems.append("\(described()): recorded_by '\(row.text(column + 1).shown(limit: 40))' is blank or holds a control character.")
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
