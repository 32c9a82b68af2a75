/// The stable JSON shapes of SPEC §3, documented in the README.
public enum JSONShapes {
    public static func claim(_ claim: Claim, evidence: [Evidence]? = nil) -> JSONValue {
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
            ("independent", .bool(evidence.independent)),
        ])
    }

    /// A quantity as `{text, low, high, unit, dimension}`: the text as given, and its interval in the
    /// base unit (`high` is null when there is no upper bound).
    public static func quantity(_ quantity: Quantity?) -> JSONValue {
        guard let quantity else { return .null }
        return .object([
            ("text", .string(quantity.text)), ("low", .number(quantity.low)),
            ("high", quantity.high == .infinity ? .null : .number(quantity.high)), ("unit", .string(quantity.unit)),
            ("dimension", .string(quantity.dimension.name)),
        ])
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
