/// Claims and their evidence: recording them, keeping each claim's status derived, reading them.
extension Ledger {
    // MARK: Recording

    /// Records a new claim, unverified.
    ///
    /// Serialised (`Transaction.write`): no same claim is recorded between the duplicate check and the insert.
    public func addClaim(_ new: NewClaim) throws(LedgerError) -> ClaimDetail {
        let statement = try Validation.required(new.statement, field: "statement", limit: Validation.statementLimit)
        let url = try Validation.url(new.url)
        let quote = try Validation.optional(new.quote, field: "quote", limit: Validation.longTextLimit)
        let quantity = try Ledger.parseQuantity(new.quantity)
        let place = try Validation.optional(new.place, field: "place", limit: Validation.nameLimit)
        let tags = try Validation.tags(new.tags)
        let date = new.date ?? LedgerDate.today()
        return try write {
            let claimant = try requireSource(new.claimant)
            let via = try requireOptionalSource(new.via)
            if !new.allowDuplicate,
                let existing = try db.scalarInteger(
                    "SELECT id FROM claim WHERE claimant_id = \(claimant.id) AND date = \(date.text) AND statement = \(statement) ORDER BY id LIMIT 1")
            {
                throw LedgerError.refused(
                    "\(claimLabel(existing)) already records this statement by \(claimant.handle) on \(date.text); nothing was changed. Add evidence to \(claimLabel(existing)), or give --allow-duplicate to record it again.")
            }
            let id = try insertClaim(
                ClaimRow(
                    uuid: try newUUID(), statement: statement, claimant: claimant, date: date, via: via, url: url, quote: quote,
                    quantity: quantity, place: place, tags: tags, recordedAt: LedgerDate.nowTimestamp(), recordedBy: actor),
                causedBy: nil)
            return try detail(id: id)
        }
    }

    /// A claim's stored fields, checked and resolved, ready to insert.
    struct ClaimRow {
        var uuid: String
        var statement: String
        var claimant: SourceRef
        var date: LedgerDate
        var via: SourceRef?
        var url: String?
        var quote: String?
        var quantity: Quantity?
        var place: String?
        var tags: [String]
        var recordedAt: String
        var recordedBy: String
    }

    /// Writes a new claim (unverified), its tags, its search entry and its log entry; returns its id.
    func insertClaim(_ row: ClaimRow, causedBy: Int64?, loggedAt: String? = nil) throws -> Int64 {
        let grade = StatusRules.grade(claimant: row.claimant.standing.reliability, status: .unverified, verdict: nil, previous: nil)
        let id = try insertRow(
            .claim,
            [
                .null, .text(row.uuid), .text(row.statement), .integer(row.claimant.id), .text(row.date.text), SQLValue(row.via?.id),
                SQLValue(row.url), SQLValue(row.quote),
            ] + Ledger.quantityValues(row.quantity) + [
                SQLValue(row.place), SQLValue(row.place.map(TextFold.fold)), .text(ClaimStatus.unverified.rawValue), .null,
                .text(grade.description), .null, .integer(0), .integer(0), .integer(0), .text(row.recordedAt), .text(row.recordedBy),
            ])
        for tag in row.tags {
            try insertRow(.claimTag, [.integer(id), .text(tag)])
        }
        // A new claim has no evidence yet: its search row is made from what was just written.
        try search.add(
            claimID: id, fields: [row.statement, row.quote ?? "", row.place ?? "", row.tags.joined(separator: " "), ""].map(SearchText.indexed))
        try appendLog(
            NewLogEntry(
                action: .claimAdd, claimID: id, sourceHandle: row.claimant.handle, effective: row.date, statusAfter: .unverified,
                summary: "added \(claimLabel(id)) by \(row.claimant.handle): \(row.statement.shown())",
                causedBy: causedBy, recordedAt: loggedAt))
        return id
    }

    /// An evidence row's stored fields, checked and resolved, ready to insert.
    struct EvidenceRow {
        var uuid: String
        var claim: ClaimRef
        var stance: Stance
        var source: SourceRef
        var citing: SourceRef?
        var date: LedgerDate
        var via: SourceRef?
        var url: String?
        var quote: String?
        var quantity: Quantity?
        var note: String?
        var forced: Bool
        var whileClosed: Bool
        var recordedAt: String
        var recordedBy: String
        /// Set for an imported row that was withdrawn in its own ledger.
        var withdrawnAt: String? = nil
        var withdrawnReason: String? = nil
    }

    /// Writes an evidence row and its claim's search entry (without re-deriving or logging); returns its id.
    func insertEvidence(_ row: EvidenceRow) throws -> Int64 {
        let id = try insertRow(
            .evidence,
            [
                .null, .text(row.uuid), .integer(row.claim.id), .text(row.stance.rawValue), .integer(row.source.id), SQLValue(row.citing?.id),
                .text(row.date.text), SQLValue(row.via?.id), SQLValue(row.url), SQLValue(row.quote),
            ] + Ledger.quantityValues(row.quantity) + [
                SQLValue(row.note), .integer(row.forced ? 1 : 0), .integer(row.whileClosed ? 1 : 0), .text(row.recordedAt),
                .text(row.recordedBy), SQLValue(row.withdrawnAt), SQLValue(row.withdrawnReason),
            ])
        if row.quote != nil || row.note != nil { try indexForSearch(claimID: row.claim.id) }
        return id
    }

    func logEvidence(_ row: EvidenceRow, id: Int64, statusBefore: ClaimStatus?, statusAfter: ClaimStatus?, causedBy: Int64?) throws {
        let verb = row.stance == .supports ? "supports" : "contradicts"
        let citingText = row.citing.map { ", citing \($0.handle)" } ?? ""
        try appendLog(
            NewLogEntry(
                action: .evidenceAdd, claimID: row.claim.id, evidenceID: id, sourceHandle: row.source.handle, effective: row.date,
                statusBefore: statusBefore, statusAfter: statusAfter,
                summary: "\(evidenceLabel(id)): \(row.source.handle)\(citingText) \(verb) \(row.claim.label)",
                causedBy: causedBy))
    }

    /// Records evidence for or against a claim, and re-derives the claim's status.
    ///
    /// On a closed claim the evidence is kept but the status does not move;
    /// `EvidenceOutcome.claimWasClosed` says so.
    public func addEvidence(to claimText: String, _ new: NewEvidence) throws(LedgerError) -> EvidenceOutcome {
        let url = try Validation.url(new.url)
        let quote = try Validation.optional(new.quote, field: "quote", limit: Validation.longTextLimit)
        let quantity = try Ledger.parseQuantity(new.quantity)
        let note = try Validation.optional(new.note, field: "note", limit: Validation.longTextLimit)
        let date = new.date ?? LedgerDate.today()
        return try write {
            let claim = try requireClaim(claimText)
            let source = try requireSource(new.source)
            let citing = try requireOptionalSource(new.citing)
            let via = try requireOptionalSource(new.via)
            try Ledger.guardEvidence(claim: claim, source: source, citing: citing, stance: new.stance)
            // The claim's figure matters only when this evidence gives one.
            let claimQuantity = quantity == nil ? nil : try loadClaim(id: claim.id).quantity
            if let claimQuantity, let quantity,
                let refusal = QuantityRules.refusal(
                    claim: claimQuantity, claimLabel: claim.label, evidence: quantity, source: source.handle, stance: new.stance,
                    force: new.force)
            {
                throw LedgerError.refused(refusal)
            }
            let forced = QuantityRules.breaksFigureRule(claim: claimQuantity, evidence: quantity, stance: new.stance)

            let row = EvidenceRow(
                uuid: try newUUID(), claim: claim, stance: new.stance, source: source, citing: citing, date: date, via: via,
                url: url, quote: quote, quantity: quantity, note: note, forced: forced, whileClosed: !claim.status.isOpen,
                recordedAt: LedgerDate.nowTimestamp(), recordedBy: actor)
            let evidenceID = try insertEvidence(row)
            let after = try recompute(claim).status
            try logEvidence(row, id: evidenceID, statusBefore: claim.status, statusAfter: after, causedBy: nil)
            let detail = try detail(id: claim.id)
            guard let evidence = detail.evidence.first(where: { $0.number == evidenceID }) else {
                throw LedgerError.io("The evidence just recorded could not be read back; nothing was changed.")
            }
            return EvidenceOutcome(detail: detail, evidence: evidence, statusBefore: claim.status, claimWasClosed: !claim.status.isOpen)
        }
    }

    /// The guards of SPEC §2 that concern who gives evidence.
    static func guardEvidence(claim: ClaimRef, source: SourceRef, citing: SourceRef?, stance: Stance) throws(LedgerError) {
        if source.id == claim.claimant.id {
            switch stance {
            case .supports:
                throw .refused(
                    "\(source.handle) made claim \(claim.label), so it cannot corroborate it; nothing was changed. Record support from another source.")
            case .contradicts:
                throw .refused(
                    "\(source.handle) made claim \(claim.label), so it cannot contradict it; nothing was changed. If it withdrew the claim, run `ledger retract \(claim.label) --source \(source.handle)`.")
            }
        }
        if let citing, citing.id == source.id {
            throw .refused("\(source.handle) cannot cite itself; nothing was changed. Drop --citing, or name the source it repeats.")
        }
    }

    /// Derives a claim's state from its evidence and lifecycle (`ClaimRules.state`) and stores it.
    ///
    /// When `rederive` is given and the status moved, a `rederive` entry logs it with that cause.
    /// Serialised (`Transaction.write`): the evidence and lifecycle read are what the stored state is derived from.
    @discardableResult
    func recompute(_ claim: ClaimRef, rederive: (effective: LedgerDate, cause: String, causedBy: Int64)? = nil) throws -> ClaimState {
        let state = ClaimRules.state(
            claimant: claim.claimant.standing, evidence: try evidenceFacts(claimID: claim.id),
            lifecycle: try loadLifecycle(claimID: claim.id).map(\.facts))
        try updateRow(
            .claim, id: claim.id,
            [
                ("status", .text(state.status.rawValue)), ("verdict", SQLValue(state.verdict?.rawValue)),
                ("superseded_by", SQLValue(state.supersededBy)), ("grade", .text(state.grade.description)),
                ("support_independent", .integer(Int64(state.support.independent))),
                ("support_echoes", .integer(Int64(state.support.echoes))), ("contradictions", .integer(Int64(state.contradictions))),
            ])
        if let rederive, state.status != claim.status {
            try appendLog(
                NewLogEntry(
                    action: .rederive, claimID: claim.id, effective: rederive.effective, statusBefore: claim.status,
                    statusAfter: state.status,
                    summary: "\(claim.label) re-derived: \(claim.status.rawValue) → \(state.status.rawValue)",
                    cause: rederive.cause, causedBy: rederive.causedBy))
        }
        return state
    }

    /// Re-derives a claim and, when its status differs from the last status the log recorded
    /// for it, logs the move as a `rederive` caused by `causedBy`.
    ///
    /// For bulk changes (an import, the undo of one) whose rows were written before the claim
    /// was re-derived, so that the log still ends on the claim's status.
    func rederiveAgainstLog(_ id: Int64, effective: LedgerDate, cause: String, causedBy: Int64) throws {
        let claim = try requireClaim(claimLabel(id))
        let logged = try db.scalarText(
            "SELECT status_after FROM log WHERE claim_id = \(id) AND status_after IS NOT NULL ORDER BY id DESC LIMIT 1")
        let state = try recompute(claim)
        guard logged != state.status.rawValue else { return }
        try appendLog(
            NewLogEntry(
                action: .rederive, claimID: id, effective: effective, statusBefore: logged.flatMap(ClaimStatus.init(rawValue:)),
                statusAfter: state.status, summary: "\(claim.label) re-derived: \(logged ?? "none") → \(state.status.rawValue)",
                cause: cause, causedBy: causedBy))
    }

    // MARK: Reading

    /// A claim with its evidence and lifecycle: as stored, or as it stood at the end of `asOf`.
    func detail(id: Int64, asOf: LedgerDate? = nil) throws -> ClaimDetail {
        let claim = try loadClaim(id: id)
        let ref = try requireClaim(claimLabel(id))
        if let asOf, claim.date.text > asOf.inclusiveUpperBound {
            throw LedgerError.refused(
                "\(claim.label) was recorded as made on \(claim.date.text), after \(asOf.text), so it was not yet in the ledger on that day.")
        }
        var detail = Ledger.makeDetail(
            claim: claim, claimant: ref.claimant.standing, claimantName: ref.claimant.name,
            evidence: try loadEvidence(claimID: id, asOf: asOf), lifecycle: try loadLifecycle(claimID: id, asOf: asOf),
            derive: asOf != nil)
        detail.notes = try loadNotes(claimID: id, asOf: asOf)
        detail.corrections = try loadCorrections(claimID: id)
        return detail
    }

    static func apply(_ state: ClaimState, to claim: inout Claim) {
        claim.status = state.status
        claim.verdict = state.verdict
        claim.supersededBy = state.supersededBy
        claim.grade = state.grade
        claim.support = state.support
        claim.contradictions = state.contradictions
    }

    /// One claim with its evidence and lifecycle: as it stands now, or as it stood on `asOf`.
    public func claim(_ text: String, asOf: LedgerDate? = nil) throws(LedgerError) -> ClaimDetail {
        try read { try detail(id: try requireClaim(text).id, asOf: asOf) }
    }

    /// The SQL that selects the claims passing `filter` (all but the status filter when `asOf` is given,
    /// since a past status must be derived first), best search matches first when `ranked`.
    func claimQuery(_ filter: ClaimFilter, asOf: LedgerDate?, ranked: Bool, columns: SQL) throws -> SQL {
        var conditions: [SQL] = []
        var from = Ledger.claimJoins
        var order: SQL = "c.id"
        // Filters are read as stored text is: without the hidden characters input drops.
        if let text = filter.search.map(HiddenText.removingHidden) {
            let terms = SearchText.terms(text)
            guard terms.count <= SearchText.termLimit else {
                throw LedgerError.refused(
                    "The search has \(terms.count) different words; the limit is \(SearchText.termLimit). Search for the few words that matter most.")
            }
            guard !terms.isEmpty else {
                throw LedgerError.refused("The search '\(text.shown(limit: 80))' has no words in it; give at least one word to search for.")
            }
            let match = search.matching(terms)
            from = match.from
            conditions.append(match.condition)
            if ranked { order = match.bestFirst }
        }
        if !filter.statuses.isEmpty, asOf == nil {
            conditions.append("c.status IN (\(list: filter.statuses.map { .text($0.rawValue) }))")
        }
        if let tag = filter.tag.map(HiddenText.removingHidden)?.nonBlank {
            conditions.append("EXISTS (SELECT 1 FROM claim_tag t WHERE t.claim_id = c.id AND t.tag = \(tag.lowercased()))")
        }
        if let handle = filter.source?.nonBlank {
            let source = try requireSource(handle).id
            conditions.append(
                "(c.claimant_id = \(source) OR EXISTS (SELECT 1 FROM evidence e WHERE e.claim_id = c.id AND (e.source_id = \(source) OR e.citing_id = \(source))))")
        }
        if let place = filter.place.map(HiddenText.removingHidden)?.nonBlank {
            conditions.append("c.place_key LIKE \("%" + Ledger.escapeLike(TextFold.fold(place)) + "%") ESCAPE '\\'")
        }
        if let since = filter.since {
            conditions.append("c.date >= \(since.text)")
        }
        var until = filter.until?.inclusiveUpperBound
        if let asOf, until.map({ asOf.inclusiveUpperBound < $0 }) ?? true { until = asOf.inclusiveUpperBound }
        if let until {
            conditions.append("c.date <= \(until)")
        }
        var sql: SQL = "SELECT \(columns) \(from)"
        if !conditions.isEmpty { sql = sql + " WHERE " + SQL.joined(conditions, separator: " AND ") }
        return sql + " ORDER BY \(order)"
    }

    /// The claims that pass `filter`, handed to `body` one at a time: in id order, or best
    /// search matches first.
    ///
    /// With `asOf`, only claims made by the end of that day are listed, each with the
    /// status its evidence and lifecycle gave it then (and `statuses` filters on that).
    /// With `tags: false` the claims' tags are left empty (for a listing that does not show them).
    public func forEachClaim(
        _ filter: ClaimFilter, asOf: LedgerDate? = nil, tags: Bool = true, _ body: (Claim) throws -> Void
    ) throws(LedgerError) {
        try read {
            let sql = try claimQuery(filter, asOf: asOf, ranked: true, columns: Ledger.claimColumns(db.dialect, tags: tags))
            let sources = SourceDirectory(db)
            // Read a row at a time (a listing of every claim on a server holds one batch, not all).
            let row = try db.cursor(sql)
            guard let asOf else {
                var found: Ledger.ClaimColumns?
                while try row.next() {
                    // Found by name at the first row, for every row after (a listing of every claim).
                    let columns = found ?? Ledger.ClaimColumns(row)
                    found = columns
                    try body(try Ledger.decodeClaim(row, columns, sources: sources))
                }
                return
            }
            // A point-in-time view re-derives each claim from what was effective by then.
            while try row.next() {
                var claim = try Ledger.decodeClaim(row, sources: sources)
                let state = ClaimRules.state(
                    claimant: try Ledger.claimant(row, sources: sources).standing, evidence: try evidenceFacts(claimID: claim.number, asOf: asOf),
                    lifecycle: try loadLifecycle(claimID: claim.number, asOf: asOf).map(\.facts))
                Ledger.apply(state, to: &claim)
                if filter.statuses.isEmpty || filter.statuses.contains(claim.status) { try body(claim) }
            }
        }
    }

    /// The claims that pass `filter`, in id order.
    public func claims(_ filter: ClaimFilter = ClaimFilter(), asOf: LedgerDate? = nil) throws(LedgerError) -> [Claim] {
        var claims: [Claim] = []
        try forEachClaim(filter, asOf: asOf) { claims.append($0) }
        return claims
    }

    static func escapeLike(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }

    /// One evidence row (`E7`), as its claim's detail shows it, with the claim and the log entries that name it.
    public func evidence(_ text: String) throws(LedgerError) -> (evidence: Evidence, claim: ClaimDetail, history: [LogEntry]) {
        try read {
            let number = try Ledger.evidenceNumber(text)
            guard let claimID = try db.scalarInteger("SELECT claim_id FROM evidence WHERE id = \(number)") else {
                throw LedgerError.refused("There is no evidence \(evidenceLabel(number)). Run `ledger show CLAIM` to see a claim's evidence.")
            }
            let claim = try detail(id: claimID)
            guard let row = claim.evidence.first(where: { $0.number == number }) else {
                throw LedgerError.io("The evidence \(evidenceLabel(number)) could not be read back; run `ledger check`.")
            }
            var history: [LogEntry] = []
            try db.query("SELECT \(Ledger.logColumns) FROM log WHERE evidence_id = \(number) ORDER BY id") {
                history.append(Ledger.decodeLogEntry($0))
            }
            return (row, claim, history)
        }
    }
}
