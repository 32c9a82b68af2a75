/// Merging an export's sources, claims, evidence and notes, each read by `ExportReader`: a
/// row already in the ledger is skipped (a difference named as a conflict), a new one is
/// held to the rules the one-row command holds it to, then written and logged.
extension Ledger.Importer {
    func fail(_ path: String, _ problem: String) -> ExportReader.FieldError { reader.fail(path, problem) }

    // MARK: Rows

    mutating func source(_ uuid: String, _ value: JSONValue) throws {
        let source = try reader.source(uuid, value)
        let handle = source.handle
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
        let row = try reader.claim(uuid, value)
        let path = row.path
        let statement = row.statement
        let date = row.date
        let claim = Ledger.ClaimRow(
            uuid: row.uuid, statement: statement, claimant: try sourceRef(row.claimant, "\(path).claimant"), date: date,
            via: try optionalSourceRef(row.via, "\(path).via"), url: row.url, quote: row.quote, quantity: row.quantity, place: row.place,
            tags: row.tags, recordedAt: row.recordedAt, recordedBy: row.recordedBy)
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
        let row = try reader.evidence(uuid, value)
        let path = row.path
        let stance = row.stance
        let claimID = try claimID(row.claim, "\(path).claim")
        let source = try sourceRef(row.source, "\(path).source")
        let citing = try optionalSourceRef(row.citing, "\(path).citing")
        let via = try optionalSourceRef(row.via, "\(path).via")
        let (date, url, quote, quantity, note) = (row.date, row.url, row.quote, row.quantity, row.note)
        let (forced, whileClosed, recordedAt, recordedBy, withdrawal) = (row.forced, row.whileClosed, row.recordedAt, row.recordedBy, row.withdrawal)
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

    mutating func note(_ uuid: String, _ value: JSONValue) throws {
        let row = try reader.note(uuid, value)
        let claimID = try claimID(row.claim, "\(row.path).claim")
        let source = try optionalSourceRef(row.source, "\(row.path).source")
        let (text, url, date, recordedAt, recordedBy) = (row.text, row.url, row.date, row.recordedAt, row.recordedBy)
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
