#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import LedgerSQLite

/// A failure reported by SQLite, with its extended result code.
///
/// It never reaches a user as it is: the `Ledger` façade translates it into a
/// `LedgerError` that says what happened in the ledger's own words.
struct SQLiteError: Error, CustomStringConvertible {
    let code: Int32
    let message: String
    /// The operating system's errno behind an I/O error (ENOSPC, EFBIG, …), or 0.
    var systemErrno: Int32 = 0

    var primaryCode: Int32 { code & 0xFF }
    var description: String { "SQLite error \(code): \(message)" }
}

/// A value bound to a statement parameter.
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

/// `SQLITE_TRANSIENT` is a macro Swift cannot import: it tells SQLite to copy bound text.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// One open SQLite database handle, closed when the object goes away.
final class Connection {
    enum Mode { case readOnly, readWrite, create }

    let handle: OpaquePointer

    /// Opens the file at `path`; the handle is closed again if configuring it fails.
    convenience init(path: String, mode: Mode, busyTimeoutMilliseconds: Int32) throws(SQLiteError) {
        var flags: Int32 = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        switch mode {
        case .readOnly: flags |= SQLITE_OPEN_READONLY
        case .readWrite: flags |= SQLITE_OPEN_READWRITE
        case .create: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        }
        try self.init(opening: path, flags: flags, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
    }

    /// Opens a `file:` URI read-only (for `immutable=1`).
    convenience init(uri: String, busyTimeoutMilliseconds: Int32) throws(SQLiteError) {
        try self.init(
            opening: uri, flags: SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
            busyTimeoutMilliseconds: busyTimeoutMilliseconds)
    }

    private init(opening path: String, flags: Int32, busyTimeoutMilliseconds: Int32) throws(SQLiteError) {
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard let db else { throw SQLiteError(code: rc, message: "out of memory") }
        guard rc == SQLITE_OK else {
            let message = String(cString: sqlite3_errmsg(db))
            sqlite3_close_v2(db)
            throw SQLiteError(code: rc, message: message)
        }
        // A ledger file from someone else is data, never code: defensive mode forbids writes
        // that can corrupt the file by hand (writable_schema, journal_mode=OFF, …), and with the
        // schema untrusted no trigger or view in the file may call a function with side effects.
        guard ledger_sqlite3_db_config_flag(db, SQLITE_DBCONFIG_DEFENSIVE, 1) == SQLITE_OK,
            ledger_sqlite3_db_config_flag(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0) == SQLITE_OK
        else {
            sqlite3_close_v2(db)
            throw SQLiteError(code: SQLITE_ERROR, message: "could not turn on defensive mode")
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        busyWait = BusyWait(timeoutMilliseconds: busyTimeoutMilliseconds)
        sqlite3_busy_handler(db, busyHandler, Unmanaged.passUnretained(busyWait).toOpaque())
    }

    /// Waits for another writer in short, jittered sleeps (see `busyHandler`).
    private let busyWait: BusyWait

    /// Ends any wait for a lock at `deadline` (monotonic nanoseconds); nil restores the timeout alone.
    func setBusyDeadline(_ deadline: UInt64?) { busyWait.deadline = deadline }

    /// Prepared statements by their SQL, reused while they are not in use.
    private var cache: [String: Statement] = [:]

    deinit {
        cache.removeAll()
        sqlite3_close_v2(handle)
    }

    var lastError: SQLiteError {
        SQLiteError(
            code: sqlite3_extended_errcode(handle), message: String(cString: sqlite3_errmsg(handle)),
            systemErrno: sqlite3_system_errno(handle))
    }

    /// Turns SQLite's defensive mode on or off. Off only for a migration's own edit of a
    /// table's SQL (`PRAGMA writable_schema`), after the file's schema has been checked.
    func setDefensive(_ on: Bool) throws(SQLiteError) {
        guard ledger_sqlite3_db_config_flag(handle, SQLITE_DBCONFIG_DEFENSIVE, on ? 1 : 0) == SQLITE_OK else { throw lastError }
    }

    /// Runs one or more statements that take no parameters and return no rows we need.
    func execute(_ sql: String) throws(SQLiteError) {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        if rc != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? "unknown error"
            sqlite3_free(errorMessage)
            throw SQLiteError(code: sqlite3_extended_errcode(handle), message: message, systemErrno: sqlite3_system_errno(handle))
        }
    }

    func prepare(_ sql: String) throws(SQLiteError) -> Statement {
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard rc == SQLITE_OK, let statement else { throw lastError }
        return Statement(handle: statement, connection: self)
    }

    /// A prepared statement for `sql`: the cached one when it is free, else a new one.
    ///
    /// The caller marks it busy while stepping, so a query run inside another query's row
    /// callback never reuses the outer statement.
    private func cached(_ sql: String) throws(SQLiteError) -> Statement {
        if let statement = cache[sql], !statement.busy { return statement }
        let statement = try prepare(sql)
        if cache[sql] == nil { cache[sql] = statement }
        return statement
    }

    /// Runs `body` with a bound statement for `sql`, and resets it afterwards so that it
    /// holds no lock or snapshot.
    private func using<T>(_ sql: String, _ values: [SQLValue], _ body: (Statement) throws -> T) throws -> T {
        let statement = try cached(sql)
        try statement.bind(values)
        statement.busy = true
        defer {
            statement.busy = false
            sqlite3_reset(statement.handle)
        }
        return try body(statement)
    }

    /// Prepares `sql`, binds `values`, and calls `row` for each result row.
    func query(_ sql: String, _ values: [SQLValue] = [], row: (Statement) throws -> Void) throws {
        try using(sql, values) { statement in
            while try statement.step() {
                try row(statement)
            }
        }
    }

    /// Runs a statement that returns no rows and binds `values` to its parameters.
    func run(_ sql: String, _ values: [SQLValue] = []) throws(SQLiteError) {
        do {
            try using(sql, values) { statement in while try statement.step() {} }
        } catch let error as SQLiteError {
            throw error
        } catch {
            throw SQLiteError(code: SQLITE_ERROR, message: "\(error)")
        }
    }

    /// The first column of the first row, as an integer (nil when there is no row or it is NULL).
    func scalarInteger(_ sql: String, _ values: [SQLValue] = []) throws(SQLiteError) -> Int64? {
        do {
            return try using(sql, values) { statement in try statement.step() ? statement.optionalInteger(0) : nil }
        } catch let error as SQLiteError {
            throw error
        } catch {
            throw SQLiteError(code: SQLITE_ERROR, message: "\(error)")
        }
    }

    /// The first column of the first row, as text (nil when there is no row or it is NULL).
    func scalarText(_ sql: String, _ values: [SQLValue] = []) throws(SQLiteError) -> String? {
        do {
            return try using(sql, values) { statement in try statement.step() ? statement.optionalText(0) : nil }
        } catch let error as SQLiteError {
            throw error
        } catch {
            throw SQLiteError(code: SQLITE_ERROR, message: "\(error)")
        }
    }

    var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    var changes: Int32 { sqlite3_changes(handle) }
}

@available(*, unavailable)
extension Connection: Sendable {}

/// How long to keep waiting for a lock another connection holds.
final class BusyWait {
    let timeoutNanoseconds: UInt64
    var startedAt: UInt64 = 0
    /// When set, the wait ends then, however long it has lasted (a writer that already waited
    /// in the queue has only the rest of its time).
    var deadline: UInt64?

    init(timeoutMilliseconds: Int32) {
        timeoutNanoseconds = UInt64(max(0, timeoutMilliseconds)) * 1_000_000
    }
}

func monotonicNanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}

/// SQLite's own busy handler backs off to 100 ms sleeps, so a writer that has waited long
/// polls rarely and keeps losing the lock to newcomers polling every millisecond: with 32
/// writers some waited past any timeout. This one polls at random intervals that shrink as
/// the wait grows (1–3 ms at first, 0.3–1 ms after half a second, 0.1–0.3 ms after two), so
/// the writers that have waited longest are the likeliest to take the lock when it is free:
/// close to first come, first served, without a queue the processes would have to share.
private let busyHandler: @convention(c) (UnsafeMutableRawPointer?, Int32) -> Int32 = { context, attempt in
    guard let context else { return 0 }
    let wait = Unmanaged<BusyWait>.fromOpaque(context).takeUnretainedValue()
    let now = monotonicNanoseconds()
    if attempt == 0 { wait.startedAt = now }
    let waited = now - wait.startedAt
    guard waited < wait.timeoutNanoseconds, now < (wait.deadline ?? .max) else { return 0 }
    let microseconds =
        waited < 500_000_000 ? Int.random(in: 1_000...3_000) : waited < 2_000_000_000 ? Int.random(in: 300...1_000) : Int.random(in: 100...300)
    var pause = timespec(tv_sec: 0, tv_nsec: microseconds * 1_000)
    nanosleep(&pause, nil)
    return 1
}

/// A prepared statement, finalized when the object goes away.
final class Statement {
    let handle: OpaquePointer
    /// Unowned: the connection's cache holds its statements, and outlives them.
    private unowned let connection: Connection
    /// True while a query steps through it.
    var busy = false

    fileprivate init(handle: OpaquePointer, connection: Connection) {
        self.handle = handle
        self.connection = connection
    }

    deinit {
        sqlite3_finalize(handle)
    }

    func bind(_ values: [SQLValue]) throws(SQLiteError) {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let rc: Int32
            switch value {
            case .null: rc = sqlite3_bind_null(handle, index)
            case .integer(let number): rc = sqlite3_bind_int64(handle, index, number)
            case .real(let number): rc = sqlite3_bind_double(handle, index, number)
            case .utf8(let bytes):
                rc = bytes.withUnsafeBufferPointer { buffer -> Int32 in
                    guard let base = buffer.baseAddress, buffer.count > 0 else { return sqlite3_bind_text(handle, index, "", 0, transient) }
                    return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { start in
                        sqlite3_bind_text64(handle, index, start, sqlite3_uint64(buffer.count), transient, UInt8(SQLITE_UTF8))
                    }
                }
            case .text(let text):
                // With the length given, SQLite stores every byte: a NUL inside the text is kept
                // (and refused by validation), never a place where the text silently ends.
                var text = text
                rc = text.withUTF8 { bytes -> Int32 in
                    guard let base = bytes.baseAddress, bytes.count > 0 else {
                        return sqlite3_bind_text(handle, index, "", 0, transient)
                    }
                    return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { start in
                        sqlite3_bind_text64(handle, index, start, sqlite3_uint64(bytes.count), transient, UInt8(SQLITE_UTF8))
                    }
                }
            }
            guard rc == SQLITE_OK else { throw connection.lastError }
        }
    }

    /// Advances to the next row; false when the statement is done.
    func step() throws(SQLiteError) -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw connection.lastError
        }
    }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    func integer(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    func optionalInteger(_ column: Int32) -> Int64? { isNull(column) ? nil : integer(column) }

    func real(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }

    func optionalReal(_ column: Int32) -> Double? { isNull(column) ? nil : real(column) }

    func text(_ column: Int32) -> String {
        guard let bytes = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }

    /// A column as the value it holds, of the type it holds.
    func value(_ column: Int32) -> SQLValue {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_NULL: .null
        case SQLITE_INTEGER: .integer(integer(column))
        case SQLITE_FLOAT: .real(real(column))
        default: .text(text(column))
        }
    }

    /// Hands a text column's bytes to `body` where SQLite holds them, without making a String
    /// (`check` asks this of every row; a String per row cost 5% of a check).
    func withBytes<T>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        guard let text = sqlite3_column_text(handle, column) else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return body(UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column))))
    }
}

@available(*, unavailable)
extension Statement: Sendable {}
