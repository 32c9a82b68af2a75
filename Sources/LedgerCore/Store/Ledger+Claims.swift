/// Claims and their evidence: recording them, keeping each claim's status derived, reading them.
extension Ledger {
    // MARK: Recording

    public func addClaim(_ new: NewClaim) throws(LedgerError) -> ClaimDetail {
        let statement = try Validation.required(new.statement, field: "statement", limit: Validation.statementLimit)
        let url = try Validation.url(new.url)
        let quote = try Validation.optional(new.quote, field: "quote", limit: Validation.longTextLimit)
        let quantity = try Validation.optional(new.quantity, field: "quantity", limit: Validation.nameLimit)
        let place = try Validation.optional(new.place, field: "place", limit: Validation.nameLimit)
        let tags = try Validation.tags(new.tags)
        let date = new.date ?? LedgerDate.today()
        return try write {
            let claimant = try requireSource(new.claimant)
            let via = try requireOptionalSource(new.via)
            let uuid = UUIDText.random()
            let grade = StatusRules.grade(claimant: claimant.standing.reliability, status: .unverified, verdict: nil, previous: nil)
            try db.run(
                """
                INSERT INTO claim (uuid, statement, claimant_id, date, via_id, url, quote, quantity_text, place,
                                   status, grade, recorded_at, recorded_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'unverified', ?, ?, ?)
                """,
                [
                    .text(uuid), .text(statement), .integer(claimant.id), .text(date.text), SQLValue(via?.id), SQLValue(url),
                    SQLValue(quote), SQLValue(quantity), SQLValue(place), .text(grade.description),
                    .text(LedgerDate.nowTimestamp()), .text(actor),
                ])
            let id = db.lastInsertedRowID
            for tag in tags {
                try db.run("INSERT INTO claim_tag (claim_id, tag) VALUES (?, ?)", [.integer(id), .text(tag)])
            }
            try appendLog(
                NewLogEntry(
                    action: .claimAdd, claimID: id, sourceHandle: claimant.handle, effective: date, statusAfter: .unverified,
                    summary: "added \(claimLabel(id)) by \(claimant.handle): \(excerpt(statement))",
                    payload: .object([("claim", .string(uuid))])))
            return try detail(id: id)
        }
    }

    /// Records evidence for or against a claim, and re-derives the claim's status.
    ///
    /// On a closed claim the evidence is kept but the status does not move;
    /// `EvidenceOutcome.claimWasClosed` says so.
    public func addEvidence(to claimText: String, _ new: NewEvidence) throws(LedgerError) -> EvidenceOutcome {
        let url = try Validation.url(new.url)
        let quote = try Validation.optional(new.quote, field: "quote", limit: Validation.longTextLimit)
        let quantity = try Validation.optional(new.quantity, field: "quantity", limit: Validation.nameLimit)
        let note = try Validation.optional(new.note, field: "note", limit: Validation.longTextLimit)
        let date = new.date ?? LedgerDate.today()
        return try write {
            let claim = try requireClaim(claimText)
            let source = try requireSource(new.source)
            let citing = try requireOptionalSource(new.citing)
            let via = try requireOptionalSource(new.via)
            try Ledger.guardEvidence(claim: claim, source: source, citing: citing, stance: new.stance)

            let uuid = UUIDText.random()
            try db.run(
                """
                INSERT INTO evidence (uuid, claim_id, stance, source_id, citing_id, date, via_id, url, quote,
                                      quantity_text, note, forced, recorded_at, recorded_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .text(uuid), .integer(claim.id), .text(new.stance.rawValue), .integer(source.id), SQLValue(citing?.id),
                    .text(date.text), SQLValue(via?.id), SQLValue(url), SQLValue(quote), SQLValue(quantity), SQLValue(note),
                    .integer(0), .text(LedgerDate.nowTimestamp()), .text(actor),
                ])
            let evidenceID = db.lastInsertedRowID
            let after = try refreshStatus(of: claim)
            let verb = new.stance == .supports ? "supports" : "contradicts"
            let citingText = citing.map { ", citing \($0.handle)" } ?? ""
            try appendLog(
                NewLogEntry(
                    action: .evidenceAdd, claimID: claim.id, evidenceID: evidenceID, sourceHandle: source.handle, effective: date,
                    statusBefore: claim.status, statusAfter: after,
                    summary: "\(evidenceLabel(evidenceID)): \(source.handle)\(citingText) \(verb) \(claim.label)",
                    payload: .object([("evidence", .string(uuid))])))
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

    /// Re-derives a claim's support, contradictions, status and grade from its evidence and stores them.
    ///
    /// A closed claim keeps its status and digit; its counts and grade letter still follow the evidence
    /// and the claimant. Returns the status after. When `action` is given and the status moved, logs it.
    @discardableResult
    func refreshStatus(
        of claim: ClaimRef, effective: LedgerDate? = nil, action: LogAction? = nil, cause: String? = nil
    ) throws -> ClaimStatus {
        let assessment = try assessEvidence(claimID: claim.id, claimant: claim.claimant.standing)
        let status = claim.status.isOpen ? assessment.status : claim.status
        let grade = StatusRules.grade(
            claimant: claim.claimant.standing.reliability, status: status, verdict: claim.verdict, previous: claim.grade)
        try db.run(
            """
            UPDATE claim SET status = ?, grade = ?, support_independent = ?, support_echoes = ?, contradictions = ?
            WHERE id = ?
            """,
            [
                .text(status.rawValue), .text(grade.description), .integer(Int64(assessment.independentGroups)),
                .integer(Int64(assessment.echoes)), .integer(Int64(assessment.contradictingGroups)), .integer(claim.id),
            ])
        if let action, status != claim.status {
            try appendLog(
                NewLogEntry(
                    action: action, claimID: claim.id, effective: effective ?? LedgerDate.today(), statusBefore: claim.status,
                    statusAfter: status, summary: "\(claim.label) re-derived: \(claim.status.rawValue) → \(status.rawValue)",
                    cause: cause))
        }
        return status
    }

    // MARK: Reading

    func detail(id: Int64) throws -> ClaimDetail {
        let claim = try loadClaim(id: id)
        let ref = try requireClaim(claimLabel(id))
        let evidence = try loadEvidence(claimID: id, claimant: ref.claimant.standing)
        return ClaimDetail(claim: claim, evidence: evidence, claimantName: ref.claimant.name)
    }

    /// One claim with its evidence, as it stands now.
    public func claim(_ text: String) throws(LedgerError) -> ClaimDetail {
        try read { try detail(id: try requireClaim(text).id) }
    }

    /// The claims that pass `filter`, in id order, handed to `body` one at a time.
    public func forEachClaim(_ filter: ClaimFilter, _ body: (Claim) throws -> Void) throws(LedgerError) {
        try read {
            var conditions: [String] = []
            var values: [SQLValue] = []
            if !filter.statuses.isEmpty {
                conditions.append("c.status IN (\(Array(repeating: "?", count: filter.statuses.count).joined(separator: ", ")))")
                values += filter.statuses.map { .text($0.rawValue) }
            }
            if let tag = filter.tag?.nonBlank {
                conditions.append("EXISTS (SELECT 1 FROM claim_tag t WHERE t.claim_id = c.id AND t.tag = ?)")
                values.append(.text(tag.lowercased()))
            }
            if let handle = filter.source?.nonBlank {
                let source = try requireSource(handle)
                conditions.append(
                    "(c.claimant_id = ? OR EXISTS (SELECT 1 FROM evidence e WHERE e.claim_id = c.id AND (e.source_id = ? OR e.citing_id = ?)))")
                values += [.integer(source.id), .integer(source.id), .integer(source.id)]
            }
            if let place = filter.place?.nonBlank {
                conditions.append("c.place LIKE ? ESCAPE '\\'")
                values.append(.text("%" + Ledger.escapeLike(place) + "%"))
            }
            if let since = filter.since {
                conditions.append("c.date >= ?")
                values.append(.text(since.text))
            }
            if let until = filter.until {
                conditions.append("c.date <= ?")
                values.append(.text(until.inclusiveUpperBound))
            }
            var sql = "SELECT \(Ledger.claimColumns) \(Ledger.claimJoins)"
            if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
            sql += " ORDER BY c.id"
            try db.query(sql, values) { try body(Ledger.decodeClaim($0)) }
        }
    }

    /// The claims that pass `filter`, in id order.
    public func claims(_ filter: ClaimFilter = ClaimFilter()) throws(LedgerError) -> [Claim] {
        var claims: [Claim] = []
        try forEachClaim(filter) { claims.append($0) }
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
}
