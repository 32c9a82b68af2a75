/// What SQL leaves to each engine, in one place: the store writes every other statement once.
///
/// Only these differ between the engines the store is written for; a statement that needs
/// something else asks here rather than spelling one engine's form.
enum Dialect: Sendable, Equatable {
    case sqlite
    case postgresql

    /// The placeholder of the `number`th bound value (from 1).
    func placeholder(_ number: Int) -> String {
        switch self {
        case .sqlite: "?"
        case .postgresql: "$\(number)"
        }
    }

    /// A subquery joining `expression` over the rows of `from` (a table and its WHERE), in
    /// the order of `orderBy`, with `separator` (an SQL expression) between; NULL for no rows.
    func joined(_ expression: String, from: String, orderBy: String, separator: String) -> String {
        switch self {
        // SQLite before 3.44 has no ORDER BY inside an aggregate: it joins in the order the
        // rows arrive, which the inner query's ORDER BY sets.
        case .sqlite: "(SELECT group_concat(joined_value, \(separator)) FROM (SELECT \(expression) AS joined_value FROM \(from) ORDER BY \(orderBy)))"
        case .postgresql: "(SELECT string_agg(\(expression), \(separator) ORDER BY \(orderBy)) FROM \(from))"
        }
    }

    /// The comparison that is true when both sides are equal or both NULL.
    var isSameAs: String {
        switch self {
        case .sqlite: "IS"
        case .postgresql: "IS NOT DISTINCT FROM"
        }
    }

    /// The separator between a claim's tags in one column: U+001F, which no tag may hold.
    var unitSeparator: String {
        switch self {
        case .sqlite: "char(31)"
        case .postgresql: "chr(31)"
        }
    }

    /// What ends an INSERT that assigns an `id`, so that the statement returns it.
    var returningID: String {
        switch self {
        case .sqlite: ""
        case .postgresql: " RETURNING id"
        }
    }

    /// Makes the transaction in progress check foreign keys at its commit rather than at each
    /// statement (a log replayed in order may name a row a later entry writes).
    var deferForeignKeys: String {
        switch self {
        case .sqlite: "PRAGMA defer_foreign_keys = ON"
        case .postgresql: "SET CONSTRAINTS ALL DEFERRED"
        }
    }
}
