#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import LedgerSQLite

/// A failure reported by SQLite, with its extended result code.
///
/// It never leaves the store: `classified` gives the engine-neutral `DatabaseError`, which
/// the `Ledger` façade words for the user.
struct SQLiteError: Error, CustomStringConvertible {
    let code: Int32
    let message: String
    /// The operating system's errno behind an I/O error (ENOSPC, EFBIG, …), or 0.
    var systemErrno: Int32 = 0

    var primaryCode: Int32 { code & 0xFF }
    var description: String { "SQLite error \(code): \(message)" }

    var classified: DatabaseError {
        let kind: DatabaseError.Kind =
            switch primaryCode {
            case SQLITE_BUSY, SQLITE_LOCKED: .busy
            case SQLITE_NOTADB, SQLITE_CORRUPT: .notALedger
            case SQLITE_READONLY: .readOnly
            case SQLITE_FULL: .full
            case SQLITE_CANTOPEN: .cannotOpen
            case SQLITE_IOERR where systemErrno == ENOSPC || systemErrno == EFBIG || systemErrno == EDQUOT: .full
            case SQLITE_IOERR: .io
            case SQLITE_TOOBIG: .tooBig
            case SQLITE_CONSTRAINT: .constraint
            case SQLITE_ERROR: .invalidStatement
            default: .other
            }
        return DatabaseError(kind: kind, code: String(code), message: message)
    }
}

/// `SQLITE_TRANSIENT` is a macro Swift cannot import: it tells SQLite to copy bound text.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// One open SQLite database handle, closed when the object goes away: the SQLite
/// implementation of `Database`.
final class SQLiteDatabase: Database {
    enum Mode { case readOnly, readWrite }

    var dialect: Dialect { .sqlite }

    let handle: OpaquePointer

    /// Opens the file at `path`; the handle is closed again if configuring it fails.
    convenience init(path: String, mode: Mode, busyTimeoutMilliseconds: Int32) throws(DatabaseError) {
        var flags: Int32 = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        switch mode {
        case .readOnly: flags |= SQLITE_OPEN_READONLY
        case .readWrite: flags |= SQLITE_OPEN_READWRITE
        }
        try self.init(opening: path, flags: flags, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
    }

    /// A private database in a temporary file SQLite removes when it closes (or, for tests, a
    /// new file at `path`), with no journal: `check` replays a log into it.
    static func scratch(at path: String = "") throws(DatabaseError) -> SQLiteDatabase {
        let scratch = try SQLiteDatabase(
            opening: path, flags: SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
            busyTimeoutMilliseconds: 0)
        try scratch.execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536")
        return scratch
    }

    /// Opens a `file:` URI read-only (for `immutable=1`).
    convenience init(uri: String, busyTimeoutMilliseconds: Int32) throws(DatabaseError) {
        try self.init(
            opening: uri, flags: SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
            busyTimeoutMilliseconds: busyTimeoutMilliseconds)
    }

    private init(opening path: String, flags: Int32, busyTimeoutMilliseconds: Int32) throws(DatabaseError) {
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard let db else { throw SQLiteError(code: rc, message: "out of memory").classified }
        guard rc == SQLITE_OK else {
            let message = String(cString: sqlite3_errmsg(db))
            sqlite3_close_v2(db)
            throw SQLiteError(code: rc, message: message).classified
        }
        // A ledger file from someone else is data, never code: defensive mode forbids writes
        // that can corrupt the file by hand (writable_schema, journal_mode=OFF, …), and with the
        // schema untrusted no trigger or view in the file may call a function with side effects.
        guard ledger_sqlite3_db_config_flag(db, SQLITE_DBCONFIG_DEFENSIVE, 1) == SQLITE_OK,
            ledger_sqlite3_db_config_flag(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0) == SQLITE_OK
        else {
            sqlite3_close_v2(db)
            throw SQLiteError(code: SQLITE_ERROR, message: "could not turn on defensive mode").classified
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

    var lastSQLiteError: SQLiteError {
        SQLiteError(
            code: sqlite3_extended_errcode(handle), message: String(cString: sqlite3_errmsg(handle)),
            systemErrno: sqlite3_system_errno(handle))
    }

    var lastError: DatabaseError { lastSQLiteError.classified }

    /// Turns SQLite's defensive mode on or off. Off only for a migration's own edit of a
    /// table's SQL (`PRAGMA writable_schema`), after the file's schema has been checked.
    func setDefensive(_ on: Bool) throws(DatabaseError) {
        guard ledger_sqlite3_db_config_flag(handle, SQLITE_DBCONFIG_DEFENSIVE, on ? 1 : 0) == SQLITE_OK else { throw lastError }
    }

    /// Runs one or more statements that take no parameters and return no rows we need.
    func execute(_ script: String) throws(DatabaseError) {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, script, nil, nil, &errorMessage)
        if rc != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? "unknown error"
            sqlite3_free(errorMessage)
            throw SQLiteError(code: sqlite3_extended_errcode(handle), message: message, systemErrno: sqlite3_system_errno(handle)).classified
        }
    }

    private func prepare(_ sql: String) throws(DatabaseError) -> Statement {
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard rc == SQLITE_OK, let statement else { throw lastError }
        return Statement(handle: statement, connection: self)
    }

    /// A prepared statement for `sql`: the cached one when it is free, else a new one.
    ///
    /// The caller marks it busy while stepping, so a query run inside another query's row
    /// callback never reuses the outer statement.
    private func cached(_ sql: String) throws(DatabaseError) -> Statement {
        if let statement = cache[sql], !statement.busy { return statement }
        let statement = try prepare(sql)
        if cache[sql] == nil { cache[sql] = statement }
        return statement
    }

    /// Runs `body` with a bound statement for `sql`, and resets it afterwards so that it
    /// holds no lock or snapshot.
    private func using<T>(_ sql: SQL, _ body: (Statement) throws -> T) throws -> T {
        let statement = try cached(sql.text)
        try statement.bind(sql.values)
        statement.busy = true
        defer {
            statement.busy = false
            sqlite3_reset(statement.handle)
        }
        return try body(statement)
    }

    func query(_ sql: SQL, row: (any DatabaseRow) throws -> Void) throws {
        try using(sql) { statement in
            while try statement.step() {
                try row(statement)
            }
        }
    }

    func cursor(_ sql: SQL) throws -> any DatabaseCursor {
        let statement = try prepare(sql.text)
        try statement.bind(sql.values)
        return statement
    }

    @discardableResult
    func run(_ sql: SQL) throws -> Int {
        try using(sql) { statement in while try statement.step() {} }
        return Int(sqlite3_changes(handle))
    }

    func insert(_ sql: SQL) throws -> Int64 {
        try using(sql) { statement in while try statement.step() {} }
        // Read at once: no other statement has run on this connection since the insert.
        return sqlite3_last_insert_rowid(handle)
    }

    /// The ledger file whose writers take turns through its queue (`WriterQueue`), for the
    /// connection a ledger writes through; nil for a scratch database.
    var writersOf: String?
    private var queue: WriterQueue?

    func begin(_ kind: Transaction, waitingAtMost timeoutMilliseconds: Int32) throws {
        switch kind {
        case .write:
            // One wait in all: the time spent in the queue counts against SQLite's wait too.
            let timeout = UInt64(max(0, timeoutMilliseconds)) * 1_000_000
            setBusyDeadline(monotonicNanoseconds() + timeout)
            if queue == nil, let ledger = writersOf { queue = WriterQueue(ledger: ledger) }
            if let queue, !queue.enter(timeoutNanoseconds: timeout) {
                setBusyDeadline(nil)
                throw DatabaseError(kind: .busy, code: "queue", message: "the writers ahead did not finish in time")
            }
            // Takes the file's write lock now rather than at the first write, so that what the
            // transaction reads before writing is what it writes over.
            do {
                try execute("BEGIN IMMEDIATE")
            } catch {
                endTurn()
                throw error
            }
        // A deferred transaction reads one snapshot (WAL) from its first read to its end.
        case .read: try execute("BEGIN")
        }
    }

    func commit() throws {
        // A COMMIT that fails leaves the transaction open, and the turn with it, until the
        // rollback that follows.
        try execute("COMMIT")
        endTurn()
    }

    func rollback() throws {
        defer { endTurn() }
        try execute("ROLLBACK")
    }

    /// After a transaction: the next writer in the queue goes, and waits end at the timeout alone.
    private func endTurn() {
        queue?.leave()
        setBusyDeadline(nil)
    }
}

@available(*, unavailable)
extension SQLiteDatabase: Sendable {}

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

/// A prepared statement, finalized when the object goes away; its current row is a
/// `DatabaseRow`, read by column name.
final class Statement: DatabaseCursor {
    let handle: OpaquePointer
    /// Unowned: the connection's cache holds its statements, and outlives them.
    private unowned let connection: SQLiteDatabase
    /// True while a query steps through it.
    var busy = false

    fileprivate init(handle: OpaquePointer, connection: SQLiteDatabase) {
        self.handle = handle
        self.connection = connection
        let names = ContiguousArray((0..<sqlite3_column_count(handle)).map { String(cString: sqlite3_column_name(handle, $0)) })
        self.names = names
        var seen = Set<String>()
        sharedNames = Set(names.filter { !seen.insert($0).inserted })
        adopted = ContiguousArray(repeating: false, count: names.count)
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// The result columns' names, in order, and those two columns share (a read of one of
    /// those stops the program), read when the statement is prepared.
    @exclusivity(unchecked) private var names: ContiguousArray<String>
    private let sharedNames: Set<String>
    /// Whether a column's name has been replaced by the caller's equal string: names longer
    /// than 15 bytes compare by their bytes unless they are the same string object, and a
    /// decoder names a column with the same literal on every row.
    @exclusivity(unchecked) private var adopted: ContiguousArray<Bool>
    /// Where the next read by name looks first: rows are decoded in the order their columns
    /// are selected, so a read starts after the column read before it and goes round.
    /// (A dictionary lookup per read made a report of 100k claims 25% slower than reads by
    /// position; this start, and adopting the caller's string below, 4%; the report's hot
    /// loops now find their columns once per query, `DatabaseRow.column`.)
    @exclusivity(unchecked) private var nextPosition = 0

    /// The position of the column named `name`.
    func position(_ name: String) -> Int32 {
        let count = names.count
        var index = nextPosition
        for _ in 0..<count {
            if index >= count { index = 0 }
            if names[index] == name {
                if !sharedNames.isEmpty, sharedNames.contains(name) {
                    preconditionFailure("two columns are named \(name); give one another name with AS: \(String(cString: sqlite3_sql(handle)))")
                }
                if !adopted[index] {
                    names[index] = name
                    adopted[index] = true
                }
                nextPosition = index + 1
                return Int32(index)
            }
            index += 1
        }
        preconditionFailure("the query selects no column named \(name): \(String(cString: sqlite3_sql(handle)))")
    }

    func next() throws -> Bool { try step() }

    func isNull(_ column: String) -> Bool { isNull(position(column)) }
    func integer(_ column: String) -> Int64 { integer(position(column)) }
    func optionalInteger(_ column: String) -> Int64? { optionalInteger(position(column)) }
    func real(_ column: String) -> Double { real(position(column)) }
    func optionalReal(_ column: String) -> Double? { optionalReal(position(column)) }
    func text(_ column: String) -> String { text(position(column)) }
    func optionalText(_ column: String) -> String? { optionalText(position(column)) }
    func value(_ column: String) -> SQLValue { value(position(column)) }
    func withBytes<T>(_ column: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T { withBytes(position(column), body) }

    func column(_ name: String) -> ColumnIndex { ColumnIndex(position: position(name)) }
    func isNull(_ column: ColumnIndex) -> Bool { isNull(column.position) }
    func integer(_ column: ColumnIndex) -> Int64 { integer(column.position) }
    func optionalInteger(_ column: ColumnIndex) -> Int64? { optionalInteger(column.position) }
    func real(_ column: ColumnIndex) -> Double { real(column.position) }
    func optionalReal(_ column: ColumnIndex) -> Double? { optionalReal(column.position) }
    func text(_ column: ColumnIndex) -> String { text(column.position) }
    func optionalText(_ column: ColumnIndex) -> String? { optionalText(column.position) }

    var firstInteger: Int64? { optionalInteger(0) }
    var firstText: String? { optionalText(0) }

    func values(count: Int) -> [SQLValue] {
        precondition(count <= Int(sqlite3_column_count(handle)), "the query selects fewer than \(count) columns")
        return (0..<Int32(count)).map { value($0) }
    }

    fileprivate func bind(_ values: [SQLValue]) throws(DatabaseError) {
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
    fileprivate func step() throws(DatabaseError) -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw connection.lastError
        }
    }

    fileprivate func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    fileprivate func integer(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    fileprivate func optionalInteger(_ column: Int32) -> Int64? { isNull(column) ? nil : integer(column) }

    fileprivate func real(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }

    fileprivate func optionalReal(_ column: Int32) -> Double? { isNull(column) ? nil : real(column) }

    fileprivate func text(_ column: Int32) -> String {
        guard let bytes = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    fileprivate func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }

    /// A column as the value it holds, of the type it holds.
    fileprivate func value(_ column: Int32) -> SQLValue {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_NULL: .null
        case SQLITE_INTEGER: .integer(integer(column))
        case SQLITE_FLOAT: .real(real(column))
        default: .text(text(column))
        }
    }

    /// Hands a text column's bytes to `body` where SQLite holds them, without making a String
    /// (`check` asks this of every row; a String per row cost 5% of a check).
    fileprivate func withBytes<T>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        guard let text = sqlite3_column_text(handle, column) else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return body(UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column))))
    }
}

@available(*, unavailable)
extension Statement: Sendable {}
