/// The stable JSON shapes of SPEC §3, documented in the README.
public enum JSONShapes {
    public static func claim(_ claim: Claim, evidence: [Evidence]? = nil, notes: [Note]? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .string(claim.label)),
            ("uuid", .string(claim.uuid)),
            ("statement", .string(claim.statement)),
            ("claimant", .string(claim.claimant)),
            ("date", .string(claim.date.text)),
            ("status", .string(claim.status.rawValue)),
            ("verdict", .optional(claim.verdict?.rawValue)),
            ("grade", .string(claim.grade.description)),
            ("quantity", quantity(claim.quantity)),
            ("place", .optional(claim.place)),
            ("tags", .array(claim.tags.map(JSONValue.string))),
            ("support", .object([("independent", .integer(Int64(claim.support.independent))), ("echoes", .integer(Int64(claim.support.echoes)))])),
            ("contradictions", .integer(Int64(claim.contradictions))),
            ("superseded_by", .optional(claim.supersededBy.map(claimLabel))),
        ]
        if let evidence { members.append(("evidence", .array(evidence.map(self.evidence)))) }
        if let notes { members.append(("notes", .array(notes.map(note)))) }
        return .object(members)
    }

    public static func evidence(_ evidence: Evidence) -> JSONValue {
        .object([
            ("id", .string(evidence.label)),
            ("stance", .string(evidence.stance.rawValue)),
            ("source", .string(evidence.source)),
            ("citing", .optional(evidence.citing)),
            ("date", .string(evidence.date.text)),
            ("via", .optional(evidence.via)),
            ("url", .optional(evidence.url)),
            ("quote", .optional(evidence.quote)),
            ("quantity", quantity(evidence.quantity)),
            ("note", .optional(evidence.note)),
            ("independent", .bool(evidence.independent)), ("counts_as", .string(evidence.countsAs)),
            ("withdrawn", evidence.withdrawnAt.map { .object([("at", .string($0)), ("reason", .optional(evidence.withdrawnReason))]) } ?? .null),
        ])
    }

    /// A research note: `{id, date, text, source, url, recorded_by}`.
    public static func note(_ note: Note) -> JSONValue {
        .object([
            ("id", .string(note.label)), ("date", .string(note.date.text)), ("text", .string(note.text)), ("source", .optional(note.source)),
            ("url", .optional(note.url)), ("recorded_by", .string(note.recordedBy)),
        ])
    }

    /// A quantity as `{text, low, high, low_included, high_included, unit, dimension}`, and
    /// `currency` (an ISO 4217 code) for money: the text as given, and its interval in the base
    /// unit (`high` is null when there is no upper bound, and then `high_included` is false).
    public static func quantity(_ quantity: Quantity?) -> JSONValue {
        guard let quantity else { return .null }
        var members: [(String, JSONValue)] = [
            ("text", .string(quantity.text)), ("low", .number(quantity.low)),
            ("high", quantity.high == .infinity ? .null : .number(quantity.high)), ("low_included", .bool(!quantity.lowOpen)),
            ("high_included", .bool(quantity.high != .infinity && !quantity.highOpen)), ("unit", .string(quantity.unit)),
            ("dimension", .string(quantity.dimension.name)),
        ]
        if let currency = quantity.dimension.currency { members.append(("currency", .string(currency))) }
        return .object(members)
    }

    public static func lifecycleEvent(_ event: LifecycleEvent) -> JSONValue {
        .object([
            ("action", .string(event.action.rawValue)),
            ("date", .string(event.effective.text)),
            ("source", .optional(event.source)),
            ("verdict", .optional(event.verdict?.rawValue)),
            ("superseded_by", .optional(event.supersededBy.map(claimLabel))),
            ("reason", .optional(event.reason)),
            ("url", .optional(event.url)),
            ("recorded_by", .string(event.recordedBy)),
        ])
    }

    /// A claim as a report's JSON gives it: the claim shape with its evidence, lifecycle,
    /// the range independent figures agree on, and flags.
    public static func reportClaim(_ detail: ClaimDetail) -> JSONValue {
        guard case .object(var members) = claim(detail.claim, evidence: detail.evidence, notes: detail.notes) else { return .null }
        members.append(("lifecycle", .array(detail.lifecycle.map(lifecycleEvent))))
        members.append(
            ("corrections", .array(detail.corrections.map { entry in
                .object([
                    ("entry", .integer(entry.sequence)), ("action", .string(entry.action.rawValue)), ("recorded_at", .string(entry.recordedAt)),
                    ("recorded_by", .string(entry.actor)), ("summary", .string(entry.summary)),
                ])
            })))
        var agreed: JSONValue = .null
        if let figures = detail.figures {
            switch figures.agreement {
            case .noIndependentFigures: agreed = .null
            case .agree(let range): agreed = quantity(range)
            case .disagree: agreed = .string("disagree")
            }
        }
        members.append(("agreed_range", agreed))
        members.append(
            ("flags", .array(ClaimFlag.flags(of: detail).map { .object([("flag", .string($0.code)), ("evidence", .string($0.evidence.label))]) })))
        return .object(members)
    }

    public static func sourceRecord(_ record: SourceRecord) -> JSONValue {
        guard case .object(var members) = source(record.source) else { return .null }
        members.append(
            ("track_record",
            .object([
                ("claims_made", .integer(Int64(record.claimsMade))),
                ("confirmed_or_corroborated", .integer(Int64(record.confirmedOrCorroborated))),
                ("disputed", .integer(Int64(record.disputed))), ("contradicted", .integer(Int64(record.contradicted))),
                ("retracted", .integer(Int64(record.retracted))), ("resolved_true", .integer(Int64(record.resolvedTrue))),
                ("resolved_false", .integer(Int64(record.resolvedFalse))), ("evidence_given", .integer(Int64(record.evidenceGiven))),
            ])))
        return .object(members)
    }

    public static func source(_ source: Source) -> JSONValue {
        .object([
            ("handle", .string(source.handle)),
            ("uuid", .string(source.uuid)),
            ("name", .string(source.name)),
            ("kind", .string(source.kind.rawValue)),
            ("affiliation", .string(source.affiliation)),
            ("reliability", .string(source.reliability.rawValue)),
            ("url", .optional(source.url)),
            ("note", .optional(source.note)),
        ])
    }

    public static func sourceDetail(_ detail: Ledger.SourceDetail) -> JSONValue {
        guard case .object(var members) = source(detail.source) else { return source(detail.source) }
        members.append(("claims_made", .integer(Int64(detail.claimsMade))))
        members.append(("evidence_given", .integer(Int64(detail.evidenceGiven))))
        return .object(members)
    }

    public static func logEntry(_ entry: LogEntry) -> JSONValue {
        .object([
            ("seq", .integer(entry.sequence)),
            ("recorded_at", .string(entry.recordedAt)),
            ("actor", .string(entry.actor)),
            ("action", .string(entry.action.rawValue)),
            ("claim", .optional(entry.claimNumber.map(claimLabel))),
            ("evidence", .optional(entry.evidenceNumber.map(evidenceLabel))),
            ("source", .optional(entry.sourceHandle)),
            ("effective", .string(entry.effective.text)),
            ("status_before", .optional(entry.statusBefore?.rawValue)),
            ("status_after", .optional(entry.statusAfter?.rawValue)),
            ("summary", .string(entry.summary)),
            ("cause", .optional(entry.cause)),
            ("undoes", .optional(entry.undoes)),
        ])
    }
}
