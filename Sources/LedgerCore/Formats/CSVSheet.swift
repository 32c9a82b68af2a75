/// A CSV file of sources, claims or evidence, read into typed rows for the store.
///
/// The header says which kind it is (it names `handle`: sources; `stance`: evidence; else
/// claims) and may give the kind's columns in any order, each once. Every field is checked
/// as the one-row command checks it (`source add`, `add`, `corroborate`, `note`); a refusal
/// names the file, the row and the field. Rows refer to sources and claims as a user types
/// them (a handle, `C12`); the store resolves those (`Ledger.Importer`).
struct CSVSheet {
    enum Kind: String, Sendable {
        case sources, claims, evidence

        var columns: [String] {
            switch self {
            case .sources: Ledger.sourceCSVColumns
            case .claims: Ledger.csvColumns
            case .evidence: Ledger.evidenceCSVColumns
            }
        }

        var required: [String] {
            switch self {
            case .sources: ["handle", "name"]
            case .claims: ["statement", "source"]
            case .evidence: ["claim", "stance", "source"]
            }
        }
    }

    let name: String
    let kind: Kind
    private var reader: CSVReader
    private let header: [String]
    private let positions: [String: Int]

    /// Reads and checks the header.
    init(_ bytes: [UInt8], name: String) throws(LedgerError) {
        self.name = name
        reader = CSVReader(bytes: bytes)
        let first: [String]?
        do {
            first = try reader.next()
        } catch {
            throw CSVSheet.refusal(error, name: name)
        }
        guard let first else { throw .refused("\(name) is empty; it needs the header \(Ledger.csvColumns.joined(separator: ",")).") }
        let header = first.enumerated().map { index, field in
            (index == 0 && field.hasPrefix("\u{FEFF}") ? String(field.dropFirst()) : field).trimmingSpaces.lowercased()
        }
        kind = header.contains("handle") ? .sources : header.contains("stance") ? .evidence : .claims
        for column in header where !kind.columns.contains(column) {
            throw .refused(
                "\(name): the header has an unknown column '\(column.shown(limit: 40))'; the columns of a CSV of \(kind.rawValue) are \(kind.columns.joined(separator: ",")). Nothing was imported.")
        }
        for column in kind.required where !header.contains(column) {
            throw .refused(
                "\(name): the header lacks the column '\(column)'; the columns of a CSV of \(kind.rawValue) are \(kind.columns.joined(separator: ",")). Nothing was imported.")
        }
        if Set(header).count != header.count { throw .refused("\(name): the header names a column twice; nothing was imported.") }
        self.header = header
        positions = Dictionary(uniqueKeysWithValues: header.enumerated().map { ($1, $0) })
    }

    /// The next record, or nil at the end of the file.
    mutating func next() throws(LedgerError) -> CSVRecord? {
        let fields: [String]
        do {
            guard let next = try reader.next() else { return nil }
            fields = next
        } catch {
            throw CSVSheet.refusal(error, name: name)
        }
        let row = reader.recordNumber
        guard fields.count == header.count else {
            throw .refused("\(name) row \(row) has \(fields.count) fields but the header has \(header.count); nothing was imported.")
        }
        return CSVRecord(fields: fields, positions: positions, file: name, row: row)
    }

    private static func refusal(_ failure: CSVReader.Failure, name: String) -> LedgerError {
        switch failure {
        case .unterminatedQuote(let row): .refused("\(name) row \(row): a quoted field is never closed; nothing was imported.")
        case .quoteInUnquotedField(let row):
            .refused("\(name) row \(row): a quote appears inside an unquoted field; quote the whole field and double the quote (\"\"); nothing was imported.")
        case .textAfterClosingQuote(let row): .refused("\(name) row \(row): text follows a closing quote; nothing was imported.")
        case .invalidUTF8(let row): .refused("\(name) row \(row): the text is not valid UTF-8; save the file as UTF-8; nothing was imported.")
        }
    }

    // MARK: Rows

    /// A row of a CSV of sources, checked as `source add` checks it.
    struct Source {
        var handle: String
        var name: String
        var kind: SourceKind
        var affiliation: String
        var reliability: Reliability
        var url: String?
        var note: String?
    }

    static func source(_ record: CSVRecord) throws -> Source {
        let handle = try record.checked("handle") { try Validation.handle((record["handle"] ?? "").trimmingSpaces) }
        let name = try record.checked("name") { try Validation.required(record["name"] ?? "", field: "source name", limit: Validation.nameLimit) }
        let kind = try record.checked("kind") { () throws -> SourceKind in
            guard let text = record.field("kind") else { return .other }
            guard let kind = SourceKind(rawValue: text.lowercased()) else {
                throw LedgerError.refused("'\(text.shown(limit: 40))' is not a kind of source; use one of \(SourceKind.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            return kind
        }
        let reliability = try record.checked("reliability") { () throws -> Reliability in
            guard let text = record.field("reliability") else { return .F }
            guard let grade = Reliability(rawValue: text.uppercased()) else {
                throw LedgerError.refused("'\(text.shown(limit: 40))' is not a reliability grade; use a letter from A to F.")
            }
            return grade
        }
        let affiliation = try record.checked("affiliation") {
            try Validation.optional(record.field("affiliation"), field: "affiliation", limit: Validation.nameLimit)
        }
        return Source(
            handle: handle, name: name, kind: kind, affiliation: affiliation ?? "", reliability: reliability,
            url: try record.checked("url") { try Validation.url(record.field("url")) },
            note: try record.checked("note") { try Validation.optional(record.field("note"), field: "note", limit: Validation.longTextLimit) })
    }

    /// A row of a CSV of claims, checked as `add` checks it; `source` and `via` as typed.
    struct Claim {
        var statement: String
        var source: String
        var date: LedgerDate
        var via: String?
        var url: String?
        var quote: String?
        var quantity: Quantity?
        var place: String?
        var tags: [String]
    }

    static func claim(_ record: CSVRecord) throws -> Claim {
        let tags = (record["tags"] ?? "").split(separator: ";").map(String.init).filter { $0.nonBlank != nil }
        return Claim(
            statement: try record.checked("statement") {
                try Validation.required(record["statement"] ?? "", field: "statement", limit: Validation.statementLimit)
            },
            source: record["source"] ?? "", date: try record.checked("date") { try date(record.field("date")) }, via: record.field("via"),
            url: try record.checked("url") { try Validation.url(record.field("url")) },
            quote: try record.checked("quote") { try Validation.optional(record.field("quote"), field: "quote", limit: Validation.longTextLimit) },
            quantity: try record.checked("quantity") { try Ledger.parseQuantity(record.field("quantity")) },
            place: try record.checked("place") { try Validation.optional(record.field("place"), field: "place", limit: Validation.nameLimit) },
            tags: try record.checked("tags") { try Validation.tags(tags) })
    }

    /// A row of a CSV of evidence: evidence for or against a claim, checked as `corroborate`
    /// and `contradict` check it, or (stance `note`) a research note as `note` checks it, its
    /// text in `note` and `source` (optional there) the source consulted.
    struct Evidence {
        /// Nil for a note.
        var stance: Stance?
        var claim: String
        var source: String?
        var citing: String?
        var via: String?
        var date: LedgerDate
        var url: String?
        var quote: String?
        var quantity: Quantity?
        var note: String?
    }

    static func evidence(_ record: CSVRecord) throws -> Evidence {
        let claim = (record["claim"] ?? "").trimmingSpaces
        let stanceText = (record["stance"] ?? "").trimmingSpaces.lowercased()
        if stanceText == "note" {
            for column in ["citing", "via", "quote", "quantity"] where record.field(column) != nil {
                try record.checked(column) { () throws -> Void in
                    throw LedgerError.refused("A note row takes claim, source, date, url and note; leave \(column) empty.")
                }
            }
            let text = try record.checked("note") { try Validation.required(record["note"] ?? "", field: "note", limit: Validation.longTextLimit) }
            return Evidence(
                stance: nil, claim: claim, source: record.field("source"), date: try record.checked("date") { try date(record.field("date")) },
                url: try record.checked("url") { try Validation.url(record.field("url")) }, note: text)
        }
        let stance = try record.checked("stance") { () throws -> Stance in
            guard let stance = Stance(rawValue: stanceText) else {
                throw LedgerError.refused("'\(stanceText.shown(limit: 40))' is not a stance; use supports, contradicts or note.")
            }
            return stance
        }
        return Evidence(
            stance: stance, claim: claim, source: (record["source"] ?? "").trimmingSpaces, citing: record.field("citing"), via: record.field("via"),
            date: try record.checked("date") { try date(record.field("date")) },
            url: try record.checked("url") { try Validation.url(record.field("url")) },
            quote: try record.checked("quote") { try Validation.optional(record.field("quote"), field: "quote", limit: Validation.longTextLimit) },
            quantity: try record.checked("quantity") { try Ledger.parseQuantity(record.field("quantity")) },
            note: try record.checked("note") { try Validation.optional(record.field("note"), field: "note", limit: Validation.longTextLimit) })
    }

    /// A row's date: today when the field is empty.
    static func date(_ text: String?) throws -> LedgerDate {
        guard let text else { return LedgerDate.today() }
        guard let parsed = LedgerDate(text) else {
            throw LedgerError.refused("'\(text.shown(limit: 40))' is not a valid date; use ISO 8601, such as \(LedgerDate.example).")
        }
        return parsed
    }
}

/// One CSV record's fields, read by column name, and where it stands in its file.
struct CSVRecord {
    let fields: [String]
    /// Where each column named in the header is.
    let positions: [String: Int]
    let file: String
    let row: Int

    subscript(column: String) -> String? { positions[column].map { fields[$0] } }

    /// A column's text, or nil when it is absent or blank.
    func field(_ column: String) -> String? { self[column]?.nonBlank }

    /// Runs a check of one field as the one-row command would: a refusal names the file, row
    /// and field, with the command's sentence (not what it says of the ledger).
    func checked<T>(_ column: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as LedgerError {
            if case .refused(let message) = error {
                throw LedgerError.refused("\(file) row \(row), field \(column): \(message.withoutOutcome) Nothing was imported.")
            }
            throw error
        }
    }
}
