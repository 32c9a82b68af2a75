/// What the store asks of a database engine: statements with bound values, rows read by
/// column name, transactions, and the engine's own way of saying what failed.
///
/// `Ledger` is the one façade over it; SQLite is one implementation (`SQLite/`), a server
/// engine another. Nothing above the store sees this protocol, a row or a statement.
protocol Database: AnyObject {
    /// How this engine writes what SQL leaves to each engine.
    var dialect: Dialect { get }

    /// Runs statements that take no values and return no rows the store reads.
    func execute(_ script: String) throws

    /// Runs `sql` and calls `row` for each result row. Another query may run inside `row`.
    func query(_ sql: SQL, row: (any DatabaseRow) throws -> Void) throws

    /// A statement whose rows are read one at a time (`next()`), so that several can be read
    /// side by side in step (`check` merges the claims with their evidence and lifecycle).
    func cursor(_ sql: SQL) throws -> any DatabaseCursor

    /// Runs a statement that returns no rows; returns how many rows it changed.
    @discardableResult
    func run(_ sql: SQL) throws -> Int

    /// Runs an INSERT into a table whose `id` the database assigns, and returns that id.
    func insert(_ sql: SQL) throws -> Int64

    /// Begins a transaction of `kind` (see `Transaction`). A write waits at most
    /// `timeoutMilliseconds` in all for the ledger's write lock, then fails as `.busy`.
    func begin(_ kind: Transaction, waitingAtMost timeoutMilliseconds: Int32) throws
    /// Commits the transaction in progress and releases a write's lock; when it fails, the
    /// transaction stays open (and the lock held) until `rollback`.
    func commit() throws
    /// Rolls back the transaction in progress, if any, and releases a write's lock.
    func rollback() throws
}

/// The two kinds of transaction the store runs, and what each engine guarantees for them.
///
/// **Writes are serialised per ledger.** Every write (`Ledger.write`) holds the ledger's one
/// write lock from its first statement to its commit: on SQLite `BEGIN IMMEDIATE` takes the
/// file's write lock; a server engine takes a lock held for the transaction (PostgreSQL:
/// `pg_advisory_xact_lock`). So the store's check-then-act sequences are correct without
/// further locking: a handle checked unused is still unused at the insert, `max(step) + 1` is
/// the next step, the latest change undo reads is still the latest, a supersede chain walked
/// for cycles does not change under the walk. Each write method that relies on this says so
/// ("Serialised: …").
///
/// **Reads see one snapshot.** A read transaction (`Ledger.read`) sees the ledger as it was
/// at its first read, whatever commits meanwhile: a report's counts, sections and head agree.
enum Transaction: Sendable {
    /// One writer at a time, for the whole transaction.
    case write
    /// One consistent snapshot, read only.
    case read
}

/// A result row; columns are read by the name the query gives them (`AS` where two would
/// share one).
///
/// Reading a column the query did not select, or one whose name two columns share, is a
/// programming error and stops the program: decoding never depends on a column's position.
protocol DatabaseRow: AnyObject {
    func isNull(_ column: String) -> Bool
    func integer(_ column: String) -> Int64
    func optionalInteger(_ column: String) -> Int64?
    func real(_ column: String) -> Double
    func optionalReal(_ column: String) -> Double?
    func text(_ column: String) -> String
    func optionalText(_ column: String) -> String?
    /// A column as the value it holds, of the type it holds.
    func value(_ column: String) -> SQLValue
    /// Hands a text column's bytes to `body` without making a String.
    func withBytes<T>(_ column: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T
    /// Every column in the order the query selected them: for rows selected with a column
    /// list the store generates from the same array it decodes with (`RecordedTable.columns`).
    func values(count: Int) -> [SQLValue]
    /// Where the column named `name` stands in this query's results (stopping the program as a
    /// read by name does when there is none, or two): a decoder that reads many rows of one
    /// query resolves its columns once, then reads each row through them.
    func column(_ name: String) -> ColumnIndex
    func isNull(_ column: ColumnIndex) -> Bool
    func integer(_ column: ColumnIndex) -> Int64
    func optionalInteger(_ column: ColumnIndex) -> Int64?
    func real(_ column: ColumnIndex) -> Double
    func optionalReal(_ column: ColumnIndex) -> Double?
    func text(_ column: ColumnIndex) -> String
    func optionalText(_ column: ColumnIndex) -> String?
    /// The first column (for one-value queries, whatever its name), converted as the engine
    /// converts a value to an integer or text; nil when NULL.
    var firstInteger: Int64? { get }
    var firstText: String? { get }
}

/// A column of a query's results, found by its name (`DatabaseRow.column`): only a row of the
/// same query reads through it.
struct ColumnIndex: Sendable {
    let position: Int32
}

/// A query read one row at a time.
protocol DatabaseCursor: DatabaseRow {
    /// Moves to the next row; false when there is none.
    func next() throws -> Bool
}

extension Database {
    /// Begins a transaction that does not wait for another writer (a scratch database, a file
    /// no one else has yet).
    func begin(_ kind: Transaction) throws { try begin(kind, waitingAtMost: 0) }

    /// The first column of the first row, as an integer (nil when there is no row or it is NULL).
    func scalarInteger(_ sql: SQL) throws -> Int64? {
        var result: Int64?
        var first = true
        try query(sql) { row in
            guard first else { return }
            first = false
            result = row.firstInteger
        }
        return result
    }

    /// The first column of the first row, as text (nil when there is no row or it is NULL).
    func scalarText(_ sql: SQL) throws -> String? {
        var result: String?
        var first = true
        try query(sql) { row in
            guard first else { return }
            first = false
            result = row.firstText
        }
        return result
    }
}

/// A failure reported by a database engine, classified so the façade can say what it means
/// in the ledger's words (`Ledger.translate`) whatever the engine.
struct DatabaseError: Error, CustomStringConvertible {
    enum Kind: Sendable, Equatable {
        /// Another connection holds a lock this one waited for too long.
        case busy
        /// The file or database is not a ledger's, or is damaged.
        case notALedger
        case readOnly
        /// The disk (or a quota, or the file size limit) is full.
        case full
        case cannotOpen
        /// Reading or writing failed at the operating system.
        case io
        case tooBig
        /// A constraint of the schema refused the change.
        case constraint
        /// A statement could not run on what the database holds (a table or column missing or
        /// altered): the schema is not the one ledger made.
        case invalidStatement
        /// The server refused this role what it asked (a role granted only reads, a wrong
        /// password).
        case permission
        /// The server could not be reached, or the connection to it was lost.
        case unreachable
        /// The location of a server could not be read (a URL libpq cannot parse).
        case badLocation
        case other
    }

    var kind: Kind
    /// The engine's own code (SQLite's extended result code, a server's SQLSTATE).
    var code: String
    var message: String

    var description: String { "database error \(code): \(message)" }
}
