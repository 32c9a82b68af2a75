/// A value bound to a statement parameter, or read from a column.
enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    /// Text given as its UTF-8 bytes (valid UTF-8), bound without making a String first.
    case utf8([UInt8])

    init(_ text: String?) { self = text.map(SQLValue.text) ?? .null }
    init(_ number: Int64?) { self = number.map(SQLValue.integer) ?? .null }
}

/// A statement's text with its values kept apart: `"… WHERE id = \(id)"` binds `id` as a
/// parameter, never splices it into the text.
///
/// The text holds a `?` where each value goes, in order; an engine whose placeholders are
/// numbered (`$1` for PostgreSQL) writes them from those (`text(_:)`). So a `?` is never
/// written into the SQL itself, even inside a quoted literal: a value is bound instead. Text
/// that is SQL (a table's name, a column list) goes in with `\(raw:)`, and another `SQL` with
/// `\(fragment)`, its values kept in order.
struct SQL: ExpressibleByStringInterpolation, Sendable {
    /// The text, with `?` for each value.
    private(set) var text: String
    private(set) var values: [SQLValue]

    init(stringLiteral text: String) {
        self.text = text
        values = []
    }

    init(stringInterpolation: StringInterpolation) {
        text = stringInterpolation.text
        values = stringInterpolation.values
    }

    /// SQL written as text, with no values.
    init(raw text: String) {
        self.text = text
        values = []
    }

    /// A statement the store generates with one `?` for each of `values` (an INSERT of a
    /// table's every column), so that its text is made once, not for every row.
    init(text: String, values: [SQLValue]) {
        self.text = text
        self.values = values
    }

    struct StringInterpolation: StringInterpolationProtocol {
        fileprivate var text = ""
        fileprivate var values: [SQLValue] = []

        init(literalCapacity: Int, interpolationCount: Int) {
            text.reserveCapacity(literalCapacity + interpolationCount)
            values.reserveCapacity(interpolationCount)
        }

        mutating func appendLiteral(_ literal: String) { text += literal }

        /// A bound value.
        mutating func appendInterpolation(_ value: SQLValue) {
            text += "?"
            values.append(value)
        }
        mutating func appendInterpolation(_ value: Int64) { appendInterpolation(SQLValue.integer(value)) }
        mutating func appendInterpolation(_ value: Int64?) { appendInterpolation(SQLValue(value)) }
        mutating func appendInterpolation(_ value: Int) { appendInterpolation(SQLValue.integer(Int64(value))) }
        mutating func appendInterpolation(_ value: Double) { appendInterpolation(SQLValue.real(value)) }
        mutating func appendInterpolation(_ value: String) { appendInterpolation(SQLValue.text(value)) }
        mutating func appendInterpolation(_ value: String?) { appendInterpolation(SQLValue(value)) }
        mutating func appendInterpolation(_ value: Bool) { appendInterpolation(SQLValue.integer(value ? 1 : 0)) }

        /// Values separated by commas, each bound (for `IN (…)` and `VALUES (…)`).
        mutating func appendInterpolation(list values: [SQLValue]) {
            for (index, value) in values.enumerated() {
                if index > 0 { text += ", " }
                appendInterpolation(value)
            }
        }

        /// Another statement's text and values, in place.
        mutating func appendInterpolation(_ fragment: SQL) {
            text += fragment.text
            values += fragment.values
        }

        /// Text that is SQL (a table's or column's name, a list of columns), spliced as it is.
        /// Never pass it a value a user typed.
        mutating func appendInterpolation(raw text: String) { self.text += text }
    }

    /// The text with each value's placeholder written as `dialect` writes it.
    func text(_ dialect: Dialect) -> String {
        guard dialect != .sqlite, !values.isEmpty else { return text }
        var written = ""
        written.reserveCapacity(text.utf8.count + values.count * 2)
        var number = 0
        for character in text {
            if character == "?" {
                number += 1
                written += dialect.placeholder(number)
            } else {
                written.append(character)
            }
        }
        return written
    }

    /// Joins statements' fragments with `separator` between them.
    static func joined(_ fragments: [SQL], separator: String) -> SQL {
        var result = SQL(raw: "")
        for (index, fragment) in fragments.enumerated() {
            if index > 0 { result.text += separator }
            result.text += fragment.text
            result.values += fragment.values
        }
        return result
    }

    static func + (left: SQL, right: SQL) -> SQL {
        var result = left
        result.text += right.text
        result.values += right.values
        return result
    }
}
