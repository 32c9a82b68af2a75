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

    static let sourceColumns = "uuid, handle, name, kind, affiliation, reliability, url, note, recorded_at, recorded_by"

    static func decodeSource(_ row: Statement, from column: Int32 = 0) -> Source {
        Source(
            uuid: row.text(column),
            handle: row.text(column + 1),
            name: row.text(column + 2),
            kind: SourceKind(rawValue: row.text(column + 3)) ?? .other,
            affiliation: row.text(column + 4),
            reliability: Reliability(rawValue: row.text(column + 5)) ?? .F,
            url: row.optionalText(column + 6),
            note: row.optionalText(column + 7),
            recordedAt: row.text(column + 8),
            recordedBy: row.text(column + 9)
        )
    }

    func findSource(_ handle: String) throws -> SourceRef? {
        var found: SourceRef?
        try db.query("SELECT id, handle, affiliation, reliability, name FROM source WHERE handle = ?", [.text(handle)]) { row in
            found = SourceRef(
                id: row.integer(0),
                standing: SourceStanding(
                    handle: row.text(1), affiliation: row.text(2), reliability: Reliability(rawValue: row.text(3)) ?? .F),
                name: row.text(4))
        }
        return found
    }

    /// The source with this handle, or a refusal that suggests the closest handles.
    func requireSource(_ handle: String) throws -> SourceRef {
        let typed = handle.trimmingSpaces
        if let found = try findSource(typed) ?? findSource(typed.lowercased()) { return found }
        var handles: [String] = []
        try db.query("SELECT handle FROM source") { handles.append($0.text(0)) }
        throw LedgerError.unknownSource(typed, nearest: Suggestions.nearest(to: typed, among: handles))
    }

    func requireOptionalSource(_ handle: String?) throws -> SourceRef? {
        guard let handle = handle?.nonBlank else { return nil }
        return try requireSource(handle)
    }

    // MARK: Claims

    /// A claim's columns (with the claimant and via as source ids, resolved by a
    /// `SourceDirectory`); `tags` is the tags column, joined by U+001F, or NULL.
    static func claimColumns(tags: String) -> String {
        """
        c.id, c.uuid, c.statement, c.claimant_id, c.date, c.via_id, c.url, c.quote, c.quantity_text, c.place,
        c.status, c.verdict, c.grade, c.support_independent, c.support_echoes, c.contradictions,
        c.superseded_by, c.recorded_at, c.recorded_by, \(tags),
        c.quantity_text, c.quantity_low, c.quantity_high, c.quantity_low_open, c.quantity_high_open,
        c.quantity_unit, c.quantity_dimension
        """
    }
    static let claimColumns = claimColumns(tags: "(SELECT group_concat(tag, char(31)) FROM (SELECT tag FROM claim_tag WHERE claim_id = c.id ORDER BY tag))")
    /// Without the tags, for reads that merge them in from their own cursor (`claimTagsSelect`).
    static let claimColumnsWithoutTags = claimColumns(tags: "NULL")
    static let claimJoins = "FROM claim c"
    static let claimTagsSelect = "SELECT claim_id, tag FROM claim_tag ORDER BY claim_id, tag"

    static func decodeClaim(_ row: Statement, sources: SourceDirectory) throws -> Claim {
        let tags = row.optionalText(19).map { $0.split(separator: "\u{1F}").map(String.init) } ?? []
        let claimant = try sources[row.integer(3)]
        return Claim(
            number: row.integer(0),
            uuid: row.text(1),
            statement: row.text(2),
            claimant: claimant.handle,
            date: LedgerDate(stored: row.text(4)),
            via: try row.optionalInteger(5).map { try sources[$0].handle },
            url: row.optionalText(6),
            quote: row.optionalText(7),
            quantity: Ledger.decodeQuantity(row, from: 20),
            place: row.optionalText(9),
            tags: tags,
            status: ClaimStatus(rawValue: row.text(10)) ?? .unverified,
            verdict: row.optionalText(11).flatMap(Verdict.init(rawValue:)),
            grade: Grade(row.text(12)) ?? Grade(reliability: claimant.standing.reliability, credibility: 6),
            support: Support(independent: Int(row.integer(13)), echoes: Int(row.integer(14))),
            contradictions: Int(row.integer(15)),
            supersededBy: row.optionalInteger(16),
            recordedAt: row.text(17),
            recordedBy: row.text(18)
        )
    }

    /// The claimant of a row selected with `claimColumns`.
    static func claimant(_ row: Statement, sources: SourceDirectory) throws -> SourceDirectory.Entry {
        try sources[row.integer(3)]
    }

    /// The claim a user named, or a refusal that suggests the closest ids.
    func requireClaim(_ text: String) throws -> ClaimRef {
        guard let reference = ClaimReference(text) else {
            throw LedgerError.refused(
                "'\(text.shown(limit: 80))' is not a claim id; claim ids look like C12 (or a claim's UUID). Run `ledger list` to see the claims.")
        }
        let sql = """
            SELECT c.id, c.status, c.verdict, c.grade, c.superseded_by, c.date,
                   s.id, s.handle, s.affiliation, s.reliability, s.name
            FROM claim c JOIN source s ON s.id = c.claimant_id
            """
        var found: ClaimRef?
        let (condition, value): (String, SQLValue) =
            switch reference {
            case .number(let number): ("c.id = ?", .integer(number))
            case .uuid(let uuid): ("c.uuid = ?", .text(uuid))
            }
        try db.query(sql + " WHERE " + condition, [value]) { row in
            let claimant = SourceRef(
                id: row.integer(6),
                standing: SourceStanding(
                    handle: row.text(7), affiliation: row.text(8), reliability: Reliability(rawValue: row.text(9)) ?? .F),
                name: row.text(10))
            found = ClaimRef(
                id: row.integer(0),
                claimant: claimant,
                status: ClaimStatus(rawValue: row.text(1)) ?? .unverified,
                verdict: row.optionalText(2).flatMap(Verdict.init(rawValue:)),
                grade: Grade(row.text(3)) ?? Grade(reliability: claimant.standing.reliability, credibility: 6),
                supersededBy: row.optionalInteger(4),
                date: LedgerDate(stored: row.text(5)))
        }
        if let found { return found }
        // The claim's row is there but its claimant's is not: damage, not a typo (exit 74, as
        // the listings and reports that meet the same damage).
        if try db.scalarInteger("SELECT id FROM claim c WHERE " + condition, [value]) != nil {
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
                        try db.scalarInteger("SELECT id FROM claim WHERE id = ?", [.integer(candidate)]) != nil
                    {
                        ids.append(candidate)
                    }
                }
            }
            try db.query("SELECT id FROM claim ORDER BY abs(id - ?), id LIMIT 3", [.integer(number)]) {
                if !ids.contains($0.integer(0)) { ids.append($0.integer(0)) }
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
        try db.query("SELECT \(Ledger.claimColumns) \(Ledger.claimJoins) WHERE c.id = ?", [.integer(id)]) {
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

    static func decodeQuantity(_ row: Statement, from column: Int32) -> Quantity? {
        guard let text = row.optionalText(column), let dimensionName = row.optionalText(column + 6) else { return nil }
        let unit = row.text(column + 5)
        let dimension = Dimension(name: dimensionName, unit: unit) ?? .count(unit)
        return Quantity(
            text: text, low: row.real(column + 1), high: row.optionalReal(column + 2) ?? .infinity,
            lowOpen: row.integer(column + 3) != 0, highOpen: row.integer(column + 4) != 0, dimension: dimension)
    }

    static func parseQuantity(_ text: String?) throws(LedgerError) -> Quantity? {
        guard let text = try Validation.optional(text, field: "quantity", limit: Validation.nameLimit) else { return nil }
        return try QuantityParser.parse(text)
    }

    // MARK: Search

    /// What a claim's search row is made of, before folding: its statement, quote, place,
    /// tags, and its evidence's quotes and notes (`check` compares the index with the same).
    static let searchFields = """
        c.statement, coalesce(c.quote, ''), coalesce(c.place, ''),
        coalesce((SELECT group_concat(tag, ' ') FROM claim_tag WHERE claim_id = c.id), ''),
        coalesce((SELECT group_concat(coalesce(quote, '') || ' ' || coalesce(note, ''), ' ')
                  FROM evidence WHERE claim_id = c.id), '')
            || coalesce((SELECT ' ' || group_concat(text, ' ') FROM note WHERE claim_id = c.id), '')
        """

    /// Rewrites a claim's row in the search index from what is stored now.
    func indexForSearch(claimID: Int64) throws {
        try db.run("DELETE FROM claim_search WHERE rowid = ?", [.integer(claimID)])
        var fields: [String]?
        try db.query("SELECT \(Ledger.searchFields) FROM claim c WHERE c.id = ?", [.integer(claimID)]) { row in
            fields = (0..<5).map { TextFold.fold(row.text(Int32($0))) }
        }
        guard let fields else { return }
        try db.run(
            "INSERT INTO claim_search (rowid, statement, quote, place, tags, evidence) VALUES (?, ?, ?, ?, ?, ?)",
            [.integer(claimID)] + fields.map(SQLValue.text))
    }

    /// Turns what a user typed into an FTS5 query that matches claims containing every word.
    ///
    /// Only letters and digits survive, each word quoted, so FTS5's operators (`NEAR`, `-`,
    /// parentheses, column filters, quotes) are read as plain text; a `*` right after a word
    /// makes it a prefix. A word given twice is one term (400 copies of `c*` made FTS5 work
    /// quadratically).
    public static func searchQuery(_ text: String) -> String? {
        let terms = searchTerms(text)
        return terms.isEmpty ? nil : terms.joined(separator: " ")
    }

    /// At most this many different words in one search.
    public static let searchTermLimit = 32

    /// The distinct quoted terms of a search, in the order first typed.
    ///
    /// Read scalar by scalar (an ASCII letter or digit without looking up a property): a word
    /// is a run of letters, digits and the marks that join them; the text is folded first.
    static func searchTerms(_ text: String) -> [String] {
        var terms: [String] = []
        var seen = Set<String>()
        var word = String.UnicodeScalarView()
        func flush(prefix: Bool) {
            guard !word.isEmpty else { return }
            let term = "\"" + String(word) + "\"" + (prefix ? "*" : "")
            if seen.insert(term).inserted { terms.append(term) }
            word = String.UnicodeScalarView()
        }
        for scalar in TextFold.fold(text).unicodeScalars {
            if isWordScalar(scalar) {
                word.append(scalar)
            } else {
                flush(prefix: scalar == "*")
            }
        }
        flush(prefix: false)
        return terms
    }

    /// A letter, a digit, or a mark that belongs to the letter before it.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber, .letterNumber,
            .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark:
            return true
        default:
            return false
        }
    }

    // MARK: Evidence

    /// Evidence columns, with the claim id first and the origin's standing, for one claim or a stream.
    static let evidenceSelect = """
        SELECT e.claim_id, e.id, e.uuid, e.stance, e.source_id, e.citing_id, e.date, e.via_id, e.url, e.quote,
               e.note, e.forced, e.while_closed, e.recorded_at, e.recorded_by,
               e.quantity_text, e.quantity_low, e.quantity_high, e.quantity_low_open, e.quantity_high_open,
               e.quantity_unit, e.quantity_dimension, e.withdrawn_at, e.withdrawn_reason
        FROM evidence e
        """
    static let evidenceOrder = " ORDER BY e.claim_id, e.date, e.id"

    /// One evidence row and what the rules need of it; `independent` is filled in by `makeDetail`.
    static func decodeEvidence(_ row: Statement, sources: SourceDirectory) throws -> (Evidence, EvidenceFacts) {
        let stance = Stance(rawValue: row.text(3)) ?? .supports
        let source = try sources[row.integer(4)]
        let citing = try row.optionalInteger(5).map { try sources[$0] }
        let evidence = Evidence(
            number: row.integer(1), uuid: row.text(2), claimNumber: row.integer(0), stance: stance, source: source.handle,
            citing: citing?.handle, date: LedgerDate(stored: row.text(6)), via: try row.optionalInteger(7).map { try sources[$0].handle },
            url: row.optionalText(8), quote: row.optionalText(9), quantity: decodeQuantity(row, from: 15), note: row.optionalText(10),
            independent: false, forced: row.integer(11) != 0, whileClosed: row.integer(12) != 0, recordedAt: row.text(13),
            recordedBy: row.text(14), withdrawnAt: row.optionalText(22), withdrawnReason: row.optionalText(23))
        // Evidence that repeats another source counts as that source (SPEC §2; `Evidence.origin`).
        return (evidence, EvidenceFacts(stance: stance, origin: (citing ?? source).standing, withdrawn: evidence.isWithdrawn))
    }

    /// One claim's rows of a table (evidence, lifecycle, notes): `select` names the table by
    /// `alias`, `dated` is the column `asOf` limits (by the end of that day), `order` the ORDER BY.
    func rowsOfClaim<Row>(
        _ claimID: Int64, select: String, alias: String, dated: String, order: String, asOf: LedgerDate?,
        _ decode: (Statement, SourceDirectory) throws -> Row
    ) throws -> [Row] {
        var sql = select + " WHERE \(alias).claim_id = ?"
        var values: [SQLValue] = [.integer(claimID)]
        if let asOf {
            sql += " AND \(alias).\(dated) <= ?"
            values.append(.text(asOf.inclusiveUpperBound))
        }
        let sources = SourceDirectory(db)
        var rows: [Row] = []
        try db.query(sql + order, values) { rows.append(try decode($0, sources)) }
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
    static let originJoin = "JOIN source o ON o.id = coalesce(e.citing_id, e.source_id)"

    /// The rules' view of a claim's evidence, optionally as of a day.
    func evidenceFacts(claimID: Int64, asOf: LedgerDate? = nil) throws -> [EvidenceFacts] {
        var sql = """
            SELECT e.stance, o.handle, o.affiliation, o.reliability
            FROM evidence e \(Ledger.originJoin)
            WHERE e.claim_id = ? AND e.withdrawn_at IS NULL
            """
        var values: [SQLValue] = [.integer(claimID)]
        if let asOf {
            sql += " AND e.date <= ?"
            values.append(.text(asOf.inclusiveUpperBound))
        }
        var facts: [EvidenceFacts] = []
        try db.query(sql, values) { row in
            facts.append(
                EvidenceFacts(
                    stance: Stance(rawValue: row.text(0)) ?? .supports,
                    origin: SourceStanding(
                        handle: row.text(1), affiliation: row.text(2), reliability: Reliability(rawValue: row.text(3)) ?? .F)))
        }
        return facts
    }

    // MARK: Lifecycle

    static let lifecycleSelect = """
        SELECT l.claim_id, l.id, l.uuid, l.action, l.effective, l.source_id, l.url, l.reason, l.verdict, l.superseded_by,
               l.kept_digit, l.recorded_at, l.recorded_by
        FROM lifecycle l
        """
    /// The order lifecycle changes apply in, the same in every ledger holding them.
    static let lifecycleOrder = " ORDER BY l.claim_id, l.effective, l.step, l.uuid"
    static let lifecycleOrderWithinClaim = " ORDER BY l.effective, l.step, l.uuid"

    static func decodeLifecycle(_ row: Statement, sources: SourceDirectory) throws -> LifecycleEvent {
        LifecycleEvent(
            number: row.integer(1), uuid: row.text(2), action: LifecycleAction(rawValue: row.text(3)) ?? .retract,
            effective: LedgerDate(stored: row.text(4)), source: try row.optionalInteger(5).map { try sources[$0].handle },
            url: row.optionalText(6),
            reason: row.optionalText(7), verdict: row.optionalText(8).flatMap(Verdict.init(rawValue:)),
            supersededBy: row.optionalInteger(9), keptDigit: row.optionalInteger(10).map(Int.init),
            recordedAt: row.text(11), recordedBy: row.text(12))
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
