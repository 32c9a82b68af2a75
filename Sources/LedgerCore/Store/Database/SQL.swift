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
/// Each engine writes its own placeholders (`?` for SQLite, `$1` for PostgreSQL), so the
/// store writes a statement once for both (`Dialect` holds the other differences). Text that
/// is SQL itself (a table's name, a column list) goes in with `\(raw:)`, and another `SQL`
/// with `\(fragment)`, its values kept in order.
struct SQL: ExpressibleByStringInterpolation, Sendable {
    enum Part: Sendable {
        case text(String)
        case value(SQLValue)
    }

    private(set) var parts: [Part] = []

    init(stringLiteral text: String) { parts = [.text(text)] }

    init(stringInterpolation: StringInterpolation) { parts = stringInterpolation.parts }

    /// SQL written as text, with no values.
    init(raw text: String) { parts = [.text(text)] }

    struct StringInterpolation: StringInterpolationProtocol {
        fileprivate(set) var parts: [Part] = []

        init(literalCapacity: Int, interpolationCount: Int) { parts.reserveCapacity(interpolationCount * 2 + 1) }

        mutating func appendLiteral(_ literal: String) {
            guard !literal.isEmpty else { return }
            parts.append(.text(literal))
        }

        /// A bound value.
        mutating func appendInterpolation(_ value: SQLValue) { parts.append(.value(value)) }
        mutating func appendInterpolation(_ value: Int64) { parts.append(.value(.integer(value))) }
        mutating func appendInterpolation(_ value: Int64?) { parts.append(.value(SQLValue(value))) }
        mutating func appendInterpolation(_ value: Int) { parts.append(.value(.integer(Int64(value)))) }
        mutating func appendInterpolation(_ value: Double) { parts.append(.value(.real(value))) }
        mutating func appendInterpolation(_ value: String) { parts.append(.value(.text(value))) }
        mutating func appendInterpolation(_ value: String?) { parts.append(.value(SQLValue(value))) }
        mutating func appendInterpolation(_ value: Bool) { parts.append(.value(.integer(value ? 1 : 0))) }

        /// Values separated by commas, each bound (for `IN (…)` and `VALUES (…)`).
        mutating func appendInterpolation(list values: [SQLValue]) {
            for (index, value) in values.enumerated() {
                if index > 0 { parts.append(.text(", ")) }
                parts.append(.value(value))
            }
        }

        /// Another statement's text and values, in place.
        mutating func appendInterpolation(_ fragment: SQL) { parts.append(contentsOf: fragment.parts) }

        /// Text that is SQL (a table's or column's name, a list of columns), spliced as it is.
        /// Never pass it a value a user typed.
        mutating func appendInterpolation(raw text: String) { parts.append(.text(text)) }
    }

    /// The values, in the order their placeholders appear.
    var values: [SQLValue] {
        parts.compactMap { part in
            if case .value(let value) = part { return value }
            return nil
        }
    }

    /// The text with each value's placeholder written as `dialect` writes it.
    func text(_ dialect: Dialect) -> String {
        var text = ""
        var count = 0
        for part in parts {
            switch part {
            case .text(let piece): text += piece
            case .value:
                count += 1
                text += dialect.placeholder(count)
            }
        }
        return text
    }

    /// Joins statements' fragments with `separator` between them.
    static func joined(_ fragments: [SQL], separator: String) -> SQL {
        var result = SQL(raw: "")
        result.parts = []
        for (index, fragment) in fragments.enumerated() {
            if index > 0 { result.parts.append(.text(separator)) }
            result.parts.append(contentsOf: fragment.parts)
        }
        return result
    }

    static func + (left: SQL, right: SQL) -> SQL {
        var result = left
        result.parts.append(contentsOf: right.parts)
        return result
    }
}
