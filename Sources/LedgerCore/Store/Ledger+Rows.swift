/// Reading rows into domain values, and resolving what users type (handles, claim ids).
extension Ledger {
    /// A source as the write paths need it: its row id and its standing.
    struct SourceRef {
        var id: Int64
        var standing: SourceStanding
        var name: String
        var handle: String { standing.handle }
    }

    /// A claim as the write paths need it.
    struct ClaimRef {
        var id: Int64
        var claimant: SourceRef
        var status: ClaimStatus
        var verdict: Verdict?
        var grade: Grade
        var supersededBy: Int64?
        var date: LedgerDate
        var label: String { claimLabel(id) }
    }

    // MARK: Sources

    static let sourceColumns: SQL = "uuid, handle, name, kind, affiliation, reliability, url, note, recorded_at, recorded_by"

    static func decodeSource(_ row: any DatabaseRow) -> Source {
        Source(
            uuid: row.text("uuid"),
            handle: row.text("handle"),
            name: row.text("name"),
            kind: SourceKind(rawValue: row.text("kind")) ?? .other,
            affiliation: row.text("affiliation"),
            reliability: Reliability(rawValue: row.text("reliability")) ?? .F,
            url: row.optionalText("url"),
            note: row.optionalText("note"),
            recordedAt: row.text("recorded_at"),
            recordedBy: row.text("recorded_by")
        )
    }

    func findSource(_ handle: String) throws -> SourceRef? {
        // No stored handle breaks the handle's rule (the schema's CHECK): nothing to look up
        // (a server could not even be asked for a handle holding a NUL).
        guard Handle.isValid(handle) else { return nil }
        var found: SourceRef?
        try db.query("SELECT id, handle, affiliation, reliability, name FROM source WHERE handle = \(handle)") { row in
            found = SourceRef(
                id: row.integer("id"),
                standing: SourceStanding(
                    handle: row.text("handle"), affiliation: row.text("affiliation"),
                    reliability: Reliability(rawValue: row.text("reliability")) ?? .F),
                name: row.text("name"))
        }
        return found
    }

    /// The source with this handle, or a refusal that suggests the closest handles.
    func requireSource(_ handle: String) throws -> SourceRef {
        let typed = handle.trimmingSpaces
        if let found = try findSource(typed) ?? findSource(typed.lowercased()) { return found }
        var handles: [String] = []
        try db.query("SELECT handle FROM source") { handles.append($0.text("handle")) }
        throw LedgerError.unknownSource(typed, nearest: Suggestions.nearest(to: typed, among: handles))
    }

    func requireOptionalSource(_ handle: String?) throws -> SourceRef? {
        guard let handle = handle?.nonBlank else { return nil }
        return try requireSource(handle)
    }

    // MARK: Claims

    /// A claim's columns (with the claimant and via as source ids, resolved by a
    /// `SourceDirectory`); `tags` is the claim's tags joined by U+001F, or NULL (always NULL
    /// without `tags`, for reads that merge them in from their own cursor, `claimTagsSelect`).
    static func claimColumns(_ dialect: Dialect, tags: Bool = true) -> SQL {
        let tagList = tags ? dialect.joined("tag", from: "claim_tag WHERE claim_id = c.id", orderBy: "tag", separator: dialect.unitSeparator) : "NULL"
        // In the order `decodeClaim` reads them (a read by name looks at the next column first).
        return """
            c.id, c.uuid, c.statement, c.claimant_id, c.date, c.via_id, c.url, c.quote,
            c.quantity_text, c.quantity_low, c.quantity_high, c.quantity_low_open, c.quantity_high_open,
            c.quantity_unit, c.quantity_dimension, c.place, \(raw: tagList) AS tags,
            c.status, c.verdict, c.grade, c.support_independent, c.support_echoes, c.contradictions,
            c.superseded_by, c.recorded_at, c.recorded_by
            """
    }
    static let claimJoins: SQL = "FROM claim c"
    static let claimTagsSelect: SQL = "SELECT claim_id, tag FROM claim_tag ORDER BY claim_id, tag"

    /// The columns `decodeClaim` reads, found by name once per query (a report and a listing
    /// read every claim of one query).
    struct ClaimColumns {
        let id, uuid, statement, claimantID, date, viaID, url, quote, place, tags, status, verdict, grade: ColumnIndex
        let supportIndependent, supportEchoes, contradictions, supersededBy, recordedAt, recordedBy: ColumnIndex
        let quantity: QuantityIndexes

        init(_ row: any DatabaseRow) {
            id = row.column("id")
            uuid = row.column("uuid")
            statement = row.column("statement")
            claimantID = row.column("claimant_id")
            date = row.column("date")
            viaID = row.column("via_id")
            url = row.column("url")
            quote = row.column("quote")
            quantity = QuantityIndexes(row, .plain)
            place = row.column("place")
            tags = row.column("tags")
            status = row.column("status")
            verdict = row.column("verdict")
            grade = row.column("grade")
            supportIndependent = row.column("support_independent")
            supportEchoes = row.column("support_echoes")
            contradictions = row.column("contradictions")
            supersededBy = row.column("superseded_by")
            recordedAt = row.column("recorded_at")
            recordedBy = row.column("recorded_by")
        }
    }

    static func decodeClaim(_ row: any DatabaseRow, sources: SourceDirectory) throws -> Claim {
        try decodeClaim(row, ClaimColumns(row), sources: sources)
    }

    static func decodeClaim(_ row: any DatabaseRow, _ c: ClaimColumns, sources: SourceDirectory) throws -> Claim {
        let claimant = try sources[row.integer(c.claimantID)]
        return Claim(
            number: row.integer(c.id), uuid: row.text(c.uuid), statement: row.text(c.statement), claimant: claimant.handle,
            date: LedgerDate(stored: row.text(c.date)), via: try row.optionalInteger(c.viaID).map { try sources[$0].handle },
            url: row.optionalText(c.url), quote: row.optionalText(c.quote), quantity: Ledger.decodeQuantity(row, c.quantity),
            place: row.optionalText(c.place),
            tags: row.optionalText(c.tags).map { $0.split(separator: "\u{1F}").map(String.init) } ?? [],
            status: ClaimStatus(rawValue: row.text(c.status)) ?? .unverified,
            verdict: row.optionalText(c.verdict).flatMap(Verdict.init(rawValue:)),
            grade: Grade(row.text(c.grade)) ?? Grade(reliability: claimant.standing.reliability, credibility: 6),
            support: Support(independent: Int(row.integer(c.supportIndependent)), echoes: Int(row.integer(c.supportEchoes))),
            contradictions: Int(row.integer(c.contradictions)),
            supersededBy: row.optionalInteger(c.supersededBy),
            recordedAt: row.text(c.recordedAt),
            recordedBy: row.text(c.recordedBy)
        )
    }

    /// The claimant of a row selected with `claimColumns`.
    static func claimant(_ row: any DatabaseRow, sources: SourceDirectory) throws -> SourceDirectory.Entry {
        try sources[row.integer("claimant_id")]
    }

    /// The claim a user named, or a refusal that suggests the closest ids.
    func requireClaim(_ text: String) throws -> ClaimRef {
        guard let reference = ClaimReference(text) else {
            throw LedgerError.refused(
                "'\(text.shown(limit: 80))' is not a claim id; claim ids look like C12 (or a claim's UUID). Run `ledger list` to see the claims.")
        }
        let condition: SQL =
            switch reference {
            case .number(let number): "c.id = \(number)"
            case .uuid(let uuid): "c.uuid = \(uuid)"
            }
        var found: ClaimRef?
        try db.query(
            """
            SELECT c.id, c.status, c.verdict, c.grade, c.superseded_by, c.date,
                   s.id AS source_id, s.handle, s.affiliation, s.reliability, s.name
            FROM claim c JOIN source s ON s.id = c.claimant_id
            WHERE \(condition)
            """
        ) { row in
            let claimant = SourceRef(
                id: row.integer("source_id"),
                standing: SourceStanding(
                    handle: row.text("handle"), affiliation: row.text("affiliation"),
                    reliability: Reliability(rawValue: row.text("reliability")) ?? .F),
                name: row.text("name"))
            found = ClaimRef(
                id: row.integer("id"),
                claimant: claimant,
                status: ClaimStatus(rawValue: row.text("status")) ?? .unverified,
                verdict: row.optionalText("verdict").flatMap(Verdict.init(rawValue:)),
                grade: Grade(row.text("grade")) ?? Grade(reliability: claimant.standing.reliability, credibility: 6),
                supersededBy: row.optionalInteger("superseded_by"),
                date: LedgerDate(stored: row.text("date")))
        }
        if let found { return found }
        // The claim's row is there but its claimant's is not: damage, not a typo (exit 74, as
        // the listings and reports that meet the same damage).
        if try db.scalarInteger("SELECT id FROM claim c WHERE \(condition)") != nil {
            throw LedgerError.io(
                "The claim \(text.shown(limit: 80)) names a claimant that is missing from the ledger, which is damaged; nothing was changed. Run `ledger check` to see what is wrong.")
        }
        var nearest: [String] = []
        if case .number(let number) = reference {
            // A digit typed twice (C11 for C1) first, then the nearest numbers; shown in order.
            var ids: [Int64] = []
            let digits = Array(String(number))
            if digits.count > 1 {
                for index in digits.indices {
                    var shorter = digits
                    shorter.remove(at: index)
                    if let candidate = Int64(String(shorter)), candidate > 0, !ids.contains(candidate),
                        try db.scalarInteger("SELECT id FROM claim WHERE id = \(candidate)") != nil
                    {
                        ids.append(candidate)
                    }
                }
            }
            try db.query("SELECT id FROM claim ORDER BY abs(id - \(number)), id LIMIT 3") {
                if !ids.contains($0.integer("id")) { ids.append($0.integer("id")) }
            }
            nearest = ids.prefix(3).sorted().map(claimLabel)
        }
        let shown: String
        switch reference {
        case .number(let number): shown = claimLabel(number)
        case .uuid(let uuid): shown = uuid
        }
        throw LedgerError.unknownClaim(shown, nearest: nearest)
    }

    func loadClaim(id: Int64) throws -> Claim {
        var claim: Claim?
        let sources = SourceDirectory(db)
        try db.query("SELECT \(Ledger.claimColumns(db.dialect)) \(Ledger.claimJoins) WHERE c.id = \(id)") {
            claim = try Ledger.decodeClaim($0, sources: sources)
        }
        guard let claim else { throw LedgerError.refused("There is no claim \(claimLabel(id)).") }
        return claim
    }

    // MARK: Quantities

    /// The seven quantity columns (text, low, high, low_open, high_open, unit, dimension) as stored.
    static func quantityValues(_ quantity: Quantity?) -> [SQLValue] {
        guard let quantity else { return Array(repeating: .null, count: 7) }
        return [
            .text(quantity.text), .real(quantity.low), quantity.high == .infinity ? .null : .real(quantity.high),
            .integer(quantity.lowOpen ? 1 : 0), .integer(quantity.highOpen ? 1 : 0), .text(quantity.unit),
            .text(quantity.dimension.name),
        ]
    }

    /// The names of the seven quantity columns in a result, with a prefix where a query
    /// selects two quantities (`check` reads a claim's beside its evidence's).
    struct QuantityColumns: Sendable {
        let text, low, high, lowOpen, highOpen, unit, dimension: String

        init(prefix: String) {
            text = prefix + "quantity_text"
            low = prefix + "quantity_low"
            high = prefix + "quantity_high"
            lowOpen = prefix + "quantity_low_open"
            highOpen = prefix + "quantity_high_open"
            unit = prefix + "quantity_unit"
            dimension = prefix + "quantity_dimension"
        }

        static let plain = QuantityColumns(prefix: "")
        static let claim = QuantityColumns(prefix: "claim_")

        /// The columns of table `alias`, named with this prefix.
        func select(from alias: String) -> String {
            let names = QuantityColumns.plain
            return [
                (names.text, text), (names.low, low), (names.high, high), (names.lowOpen, lowOpen), (names.highOpen, highOpen),
                (names.unit, unit), (names.dimension, dimension),
            ].map { "\(alias).\($0.0) AS \($0.1)" }.joined(separator: ", ")
        }
    }

    /// The seven quantity columns of one query, found by name once (`QuantityColumns` names them).
    struct QuantityIndexes {
        let text, low, high, lowOpen, highOpen, unit, dimension: ColumnIndex

        init(_ row: any DatabaseRow, _ names: QuantityColumns) {
            text = row.column(names.text)
            low = row.column(names.low)
            high = row.column(names.high)
            lowOpen = row.column(names.lowOpen)
            highOpen = row.column(names.highOpen)
            unit = row.column(names.unit)
            dimension = row.column(names.dimension)
        }
    }

    static func decodeQuantity(_ row: any DatabaseRow, _ columns: QuantityColumns = .plain) -> Quantity? {
        decodeQuantity(row, QuantityIndexes(row, columns))
    }

    static func decodeQuantity(_ row: any DatabaseRow, _ columns: QuantityIndexes) -> Quantity? {
        guard let text = row.optionalText(columns.text) else { return nil }
        let low = row.real(columns.low)
        let high = row.optionalReal(columns.high) ?? .infinity
        let lowOpen = row.integer(columns.lowOpen) != 0
        let highOpen = row.integer(columns.highOpen) != 0
        let unit = row.text(columns.unit)
        guard let dimensionName = row.optionalText(columns.dimension) else { return nil }
        let dimension = Dimension(name: dimensionName, unit: unit) ?? .count(unit)
        return Quantity(text: text, low: low, high: high, lowOpen: lowOpen, highOpen: highOpen, dimension: dimension)
    }

    static func parseQuantity(_ text: String?) throws(LedgerError) -> Quantity? {
        guard let text = try Validation.optional(text, field: "quantity", limit: Validation.nameLimit) else { return nil }
        return try QuantityParser.parse(text)
    }

    // MARK: Search

    /// What a claim's search row is made of, before folding: its statement, quote, place,
    /// tags, and its evidence's quotes and notes, then its research notes, each in timeline
    /// order (the order the `_by_claim` indexes gave them before it was written down here);
    /// `check` compares the index with the same.
    static func searchFields(_ dialect: Dialect) -> SQL {
        let space = "' '"
        let tags = dialect.joined("tag", from: "claim_tag WHERE claim_id = c.id", orderBy: "tag", separator: space)
        let evidence = dialect.joined(
            "coalesce(quote, '') || ' ' || coalesce(note, '')", from: "evidence WHERE claim_id = c.id", orderBy: "date, id", separator: space)
        let notes = dialect.joined("text", from: "note WHERE claim_id = c.id", orderBy: "date, id", separator: space)
        return """
            c.statement AS statement, coalesce(c.quote, '') AS quote, coalesce(c.place, '') AS place,
            coalesce(\(raw: tags), '') AS tags,
            coalesce(\(raw: evidence), '') || coalesce(' ' || \(raw: notes), '') AS evidence
            """
    }

    /// The search index's fields, in the order `searchFields` names them.
    static let searchFieldNames = ["statement", "quote", "place", "tags", "evidence"]

    /// Rewrites a claim's row in the search index from what is stored now.
    func indexForSearch(claimID: Int64) throws {
        var fields: [String]?
        try db.query("SELECT \(Ledger.searchFields(db.dialect)) FROM claim c WHERE c.id = \(claimID)") { row in
            fields = Ledger.searchFieldNames.map { SearchText.indexed(row.text($0)) }
        }
        try search.replace(claimID: claimID, fields: fields)
    }

    // MARK: Evidence

    /// Evidence columns, with the claim id first and the origin's standing, for one claim or a stream.
    static let evidenceSelect: SQL = """
        SELECT e.claim_id, e.id, e.uuid, e.stance, e.source_id, e.citing_id, e.date, e.via_id, e.url, e.quote,
               e.quantity_text, e.quantity_low, e.quantity_high, e.quantity_low_open, e.quantity_high_open,
               e.quantity_unit, e.quantity_dimension, e.note, e.forced, e.while_closed, e.recorded_at, e.recorded_by,
               e.withdrawn_at, e.withdrawn_reason
        FROM evidence e
        """
    static let evidenceOrder: SQL = " ORDER BY e.claim_id, e.date, e.id"

    /// One evidence row and what the rules need of it; `independent` is filled in by `makeDetail`.
    /// The columns `decodeEvidence` reads, found by name once per query: a report reads
    /// 300k evidence rows of one query (looking each name up on every row cost it 4%).
    struct EvidenceColumns {
        let claimID, id, uuid, stance, sourceID, citingID, date, viaID, url, quote, note, forced, whileClosed: ColumnIndex
        let recordedAt, recordedBy, withdrawnAt, withdrawnReason: ColumnIndex
        let quantity: QuantityIndexes

        init(_ row: any DatabaseRow) {
            claimID = row.column("claim_id")
            id = row.column("id")
            uuid = row.column("uuid")
            stance = row.column("stance")
            sourceID = row.column("source_id")
            citingID = row.column("citing_id")
            date = row.column("date")
            viaID = row.column("via_id")
            url = row.column("url")
            quote = row.column("quote")
            quantity = QuantityIndexes(row, .plain)
            note = row.column("note")
            forced = row.column("forced")
            whileClosed = row.column("while_closed")
            recordedAt = row.column("recorded_at")
            recordedBy = row.column("recorded_by")
            withdrawnAt = row.column("withdrawn_at")
            withdrawnReason = row.column("withdrawn_reason")
        }
    }

    static func decodeEvidence(_ row: any DatabaseRow, sources: SourceDirectory) throws -> (Evidence, EvidenceFacts) {
        try decodeEvidence(row, EvidenceColumns(row), sources: sources)
    }

    static func decodeEvidence(_ row: any DatabaseRow, _ c: EvidenceColumns, sources: SourceDirectory) throws -> (Evidence, EvidenceFacts) {
        let stance = Stance(rawValue: row.text(c.stance)) ?? .supports
        let source = try sources[row.integer(c.sourceID)]
        let citing = try row.optionalInteger(c.citingID).map { try sources[$0] }
        let evidence = Evidence(
            number: row.integer(c.id), uuid: row.text(c.uuid), claimNumber: row.integer(c.claimID), stance: stance,
            source: source.handle, citing: citing?.handle, date: LedgerDate(stored: row.text(c.date)),
            via: try row.optionalInteger(c.viaID).map { try sources[$0].handle }, url: row.optionalText(c.url),
            quote: row.optionalText(c.quote), quantity: decodeQuantity(row, c.quantity), note: row.optionalText(c.note),
            independent: false, forced: row.integer(c.forced) != 0, whileClosed: row.integer(c.whileClosed) != 0,
            recordedAt: row.text(c.recordedAt), recordedBy: row.text(c.recordedBy), withdrawnAt: row.optionalText(c.withdrawnAt),
            withdrawnReason: row.optionalText(c.withdrawnReason))
        // Evidence that repeats another source counts as that source (SPEC §2; `Evidence.origin`).
        return (evidence, EvidenceFacts(stance: stance, origin: (citing ?? source).standing, withdrawn: evidence.isWithdrawn))
    }

    /// One claim's rows of a table (evidence, lifecycle, notes): `select` names the table by
    /// `alias`, `dated` is the column `asOf` limits (by the end of that day), `order` the ORDER BY.
    func rowsOfClaim<Row>(
        _ claimID: Int64, select: SQL, alias: String, dated: String, order: SQL, asOf: LedgerDate?,
        _ decode: (any DatabaseRow, SourceDirectory) throws -> Row
    ) throws -> [Row] {
        var sql: SQL = "\(select) WHERE \(raw: alias).claim_id = \(claimID)"
        if let asOf { sql = sql + " AND \(raw: alias).\(raw: dated) <= \(asOf.inclusiveUpperBound)" }
        let sources = SourceDirectory(db)
        var rows: [Row] = []
        try db.query(sql + order) { rows.append(try decode($0, sources)) }
        return rows
    }

    /// A claim's evidence in timeline order (date, then the order it was recorded), with the rules' facts.
    func loadEvidence(claimID: Int64, asOf: LedgerDate? = nil) throws -> [(Evidence, EvidenceFacts)] {
        try rowsOfClaim(claimID, select: Ledger.evidenceSelect, alias: "e", dated: "date", order: Ledger.evidenceOrder, asOf: asOf) {
            try Ledger.decodeEvidence($0, sources: $1)
        }
    }

    /// SPEC §2, "citing counts as the cited source", for queries: joins `source o` to the
    /// source evidence row `e` counts as (its origin). The same rule for loaded rows is
    /// `Evidence.origin`; both the rules' facts and `check` read origins through this join.
    static let originJoin: SQL = "JOIN source o ON o.id = coalesce(e.citing_id, e.source_id)"

    /// The rules' view of a claim's evidence, optionally as of a day.
    func evidenceFacts(claimID: Int64, asOf: LedgerDate? = nil) throws -> [EvidenceFacts] {
        var sql: SQL = """
            SELECT e.stance, o.handle, o.affiliation, o.reliability
            FROM evidence e \(Ledger.originJoin)
            WHERE e.claim_id = \(claimID) AND e.withdrawn_at IS NULL
            """
        if let asOf { sql = sql + " AND e.date <= \(asOf.inclusiveUpperBound)" }
        var facts: [EvidenceFacts] = []
        try db.query(sql) { row in
            facts.append(
                EvidenceFacts(
                    stance: Stance(rawValue: row.text("stance")) ?? .supports,
                    origin: SourceStanding(
                        handle: row.text("handle"), affiliation: row.text("affiliation"),
                        reliability: Reliability(rawValue: row.text("reliability")) ?? .F)))
        }
        return facts
    }

    // MARK: Lifecycle

    static let lifecycleSelect: SQL = """
        SELECT l.claim_id, l.id, l.uuid, l.action, l.effective, l.source_id, l.url, l.reason, l.verdict, l.superseded_by,
               l.kept_digit, l.recorded_at, l.recorded_by
        FROM lifecycle l
        """
    /// The order lifecycle changes apply in, the same in every ledger holding them.
    static let lifecycleOrder: SQL = " ORDER BY l.claim_id, l.effective, l.step, l.uuid"
    static let lifecycleOrderWithinClaim: SQL = " ORDER BY l.effective, l.step, l.uuid"

    static func decodeLifecycle(_ row: any DatabaseRow, sources: SourceDirectory) throws -> LifecycleEvent {
        LifecycleEvent(
            number: row.integer("id"), uuid: row.text("uuid"), action: LifecycleAction(rawValue: row.text("action")) ?? .retract,
            effective: LedgerDate(stored: row.text("effective")), source: try row.optionalInteger("source_id").map { try sources[$0].handle },
            url: row.optionalText("url"),
            reason: row.optionalText("reason"), verdict: row.optionalText("verdict").flatMap(Verdict.init(rawValue:)),
            supersededBy: row.optionalInteger("superseded_by"), keptDigit: row.optionalInteger("kept_digit").map(Int.init),
            recordedAt: row.text("recorded_at"), recordedBy: row.text("recorded_by"))
    }

    /// A claim's lifecycle changes in the order they apply, optionally as of a day.
    func loadLifecycle(claimID: Int64, asOf: LedgerDate? = nil) throws -> [LifecycleEvent] {
        try rowsOfClaim(claimID, select: Ledger.lifecycleSelect, alias: "l", dated: "effective", order: Ledger.lifecycleOrderWithinClaim, asOf: asOf) {
            try Ledger.decodeLifecycle($0, sources: $1)
        }
    }

    /// Puts a claim, its evidence and lifecycle together: marks each row independent or not and,
    /// for a point-in-time view, derives the claim's state from what was effective by then.
    static func makeDetail(
        claim: Claim, claimant: SourceStanding, claimantName: String, evidence: [(Evidence, EvidenceFacts)],
        lifecycle: [LifecycleEvent], derive: Bool
    ) -> ClaimDetail {
        var claim = claim
        let assessment = StatusRules.assess(claimant: claimant, evidence: evidence.map(\.1))
        var rows = evidence.map(\.0)
        for index in rows.indices {
            rows[index].independent = assessment.independent[index]
            rows[index].countsAs = StatusRules.reason(
                stance: rows[index].stance, origin: evidence[index].1.origin, citing: rows[index].citing, claimant: claimant,
                withdrawn: rows[index].isWithdrawn)
        }
        if derive {
            apply(ClaimRules.state(claimant: claimant, evidence: evidence.map(\.1), lifecycle: lifecycle.map(\.facts)), to: &claim)
        }
        return ClaimDetail(claim: claim, evidence: rows, lifecycle: lifecycle, claimantName: claimantName)
    }

}

extension LedgerDate {
    /// A date read back from the ledger, where it was stored normalized (checked on the
    /// way in, and by the schema's CHECK), so it is not parsed again.
    init(stored text: String) {
        self = LedgerDate.unchecked(text)
    }
}
