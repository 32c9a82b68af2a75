#if PostgreSQL
    #if canImport(Glibc)
        import Glibc
    #elseif canImport(Darwin)
        import Darwin
    #endif
    import LedgerPostgreSQL

    /// A failure the server reported, with its SQLSTATE.
    ///
    /// It never leaves the store: `classified` gives the engine-neutral `DatabaseError`.
    struct PostgreSQLError: Error, CustomStringConvertible {
        let sqlstate: String
        let message: String

        var description: String { "PostgreSQL error \(sqlstate): \(message)" }

        var classified: DatabaseError {
            let kind: DatabaseError.Kind =
                switch sqlstate {
                // lock_not_available (lock_timeout), deadlock_detected, serialization_failure
                case "55P03", "40P01", "40001": .busy
                case "42501": .permission
                case "25006": .readOnly
                case "53100": .full
                case "54000", "54001", "22001": .tooBig
                case "XX001", "XX002": .notALedger
                case "58030": .io
                default:
                    switch sqlstate.prefix(2) {
                    case "23": .constraint
                    case "42": .invalidStatement
                    // connection_exception, admin or crash shutdown, cannot connect now
                    case "08", "57": .unreachable
                    case "53": .full
                    default: .other
                    }
                }
            return DatabaseError(kind: kind, code: sqlstate, message: message)
        }
    }

    /// One connection to a PostgreSQL server through libpq, closed when the object goes away:
    /// the PostgreSQL implementation of `Database`.
    ///
    /// Values go to the server as parameters in text form with their types (never spliced into
    /// the SQL); each statement is prepared once per connection. Results are read whole, so a
    /// query may run inside another's row callback.
    final class PostgreSQLDatabase: Database {
        var dialect: Dialect { .postgresql }

        let connection: OpaquePointer

        /// Connects to the server `url` names. Fails with `.unreachable`, `.permission` (a role
        /// the server refused), `.cannotOpen` (no such database) or `.badLocation` (a URL libpq
        /// cannot read), whose message is libpq's own, for the caller to word.
        init(url given: String, connectTimeoutSeconds: Int = 10) throws(DatabaseError) {
            // libpq reads only a lower-case scheme (anything else as keywords, and would quote the
            // whole text, password and all, in its complaint).
            var url = given
            if let scheme = url.firstRange(of: "://") {
                url.replaceSubrange(url.startIndex..<scheme.lowerBound, with: url[url.startIndex..<scheme.lowerBound].lowercased())
            }
            var parseError: UnsafeMutablePointer<CChar>?
            if let options = PQconninfoParse(url, &parseError) {
                PQconninfoFree(options)
            } else {
                let message = parseError.map { String(cString: $0) } ?? "out of memory"
                PQfreemem(parseError)
                throw DatabaseError(kind: .badLocation, code: "url", message: message.trimmingTrailingNewlines)
            }
            // The URL's own settings override these defaults: it is expanded last.
            let keywords = ["connect_timeout", "fallback_application_name", "client_encoding", "dbname"]
            let values = [String(connectTimeoutSeconds), "ledger", "UTF8", url]
            let connection = withCStrings(keywords) { keywordPointers in
                withCStrings(values) { valuePointers in
                    PQconnectdbParams(keywordPointers, valuePointers, 1)
                }
            }
            guard let connection else { throw DatabaseError(kind: .other, code: "memory", message: "out of memory") }
            guard PQstatus(connection) == CONNECTION_OK else {
                let message = String(cString: PQerrorMessage(connection)).trimmingTrailingNewlines
                PQfinish(connection)
                throw PostgreSQLDatabase.classifyConnectionFailure(message)
            }
            self.connection = connection
            PQsetNoticeProcessor(connection, ledger_pg_ignore_notice, nil)
        }

        deinit {
            PQfinish(connection)
        }

        /// libpq gives no SQLSTATE when a connection fails: the kind is read from its message
        /// (libpq 15's wording; each case is a test in `PostgreSQLConnectionTests`).
        static func classifyConnectionFailure(_ message: String) -> DatabaseError {
            let lowered = message.lowercased()
            let kind: DatabaseError.Kind
            if lowered.contains("password authentication failed") || lowered.contains("no password supplied")
                || lowered.contains("permission denied to set role") || lowered.contains("permission denied for schema")
                || lowered.contains("role \"") && lowered.contains("does not exist") || lowered.contains("no pg_hba.conf entry")
                || lowered.contains("permission denied for database") || lowered.contains("authentication failed")
            {
                kind = .permission
            } else if lowered.contains("database \"") && lowered.contains("does not exist") {
                kind = .cannotOpen
            } else if lowered.contains("invalid") && (lowered.contains("uri") || lowered.contains("option") || lowered.contains("value"))
                || lowered.contains("missing \"=\"") || lowered.contains("unrecognized configuration parameter")
                || lowered.contains("invalid value for parameter")
            {
                kind = .badLocation
            } else {
                kind = .unreachable
            }
            return DatabaseError(kind: kind, code: "connect", message: message)
        }

        /// The host (or socket folder) and port the connection went to, for messages.
        var server: String {
            let host = PQhost(connection).map { String(cString: $0) } ?? ""
            let port = PQport(connection).map { String(cString: $0) } ?? ""
            return port.isEmpty ? host : "\(host):\(port)"
        }

        /// The database role this connection acts as (`current_user`).
        func currentUser() throws -> String {
            try scalarText("SELECT current_user::text") ?? ""
        }

        // MARK: - Statements

        /// Prepared statements by their SQL and parameter types.
        private var prepared: [String: String] = [:]

        private var lastError: DatabaseError {
            let message = String(cString: PQerrorMessage(connection)).trimmingTrailingNewlines
            if PQstatus(connection) != CONNECTION_OK {
                return DatabaseError(kind: .unreachable, code: "connection", message: message)
            }
            return DatabaseError(kind: .other, code: "libpq", message: message)
        }

        /// Checks a result, freeing it and throwing when it failed.
        private func checked(_ result: OpaquePointer?) throws(DatabaseError) -> OpaquePointer {
            guard let result else { throw lastError }
            switch PQresultStatus(result) {
            case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
                return result
            default:
                let sqlstate = PQresultErrorField(result, ledger_pg_diag_sqlstate).map { String(cString: $0) } ?? ""
                let primary = PQresultErrorField(result, ledger_pg_diag_message_primary).map { String(cString: $0) }
                let message = primary ?? String(cString: PQresultErrorMessage(result)).trimmingTrailingNewlines
                PQclear(result)
                if sqlstate.isEmpty, PQstatus(connection) != CONNECTION_OK {
                    throw DatabaseError(kind: .unreachable, code: "connection", message: message)
                }
                throw PostgreSQLError(sqlstate: sqlstate, message: message).classified
            }
        }

        func execute(_ script: String) throws(DatabaseError) {
            PQclear(try checked(PQexec(connection, script)))
        }

        /// Runs `sql` and returns its result (the caller clears it). A statement is prepared once
        /// per connection and run again by name, unless `prepared` is false (a statement whose
        /// text is never run twice, such as a cursor's DECLARE).
        private func result(_ sql: SQL, prepared reuse: Bool = true) throws(DatabaseError) -> OpaquePointer {
            let values = sql.values
            var types: [Oid] = []
            types.reserveCapacity(values.count)
            let text = sql.text(.postgresql)
            var key = text
            key.append("\u{0}")
            for value in values {
                let type: Oid =
                    switch value {
                    case .null: 0
                    case .integer: 20  // int8
                    case .real: 701  // float8
                    case .text, .utf8: 25  // text
                    }
                types.append(type)
                key += String(type)
                key.append(",")
            }
            var name = ""
            if reuse {
                if let known = prepared[key] {
                    name = known
                } else {
                    name = "ledger_\(prepared.count + 1)"
                    PQclear(try checked(PQprepare(connection, name, text, Int32(types.count), types)))
                    prepared[key] = name
                }
            }
            var texts: [[CChar]?] = []
            texts.reserveCapacity(values.count)
            for value in values {
                switch value {
                case .null: texts.append(nil)
                case .integer(let number): texts.append(Array(String(number).utf8CString))
                case .real(let number): texts.append(Array(String(number).utf8CString))
                case .text(let text):
                    guard !text.utf8.contains(0) else { throw PostgreSQLDatabase.nulInText }
                    texts.append(Array(text.utf8CString))
                case .utf8(let bytes):
                    guard !bytes.contains(0) else { throw PostgreSQLDatabase.nulInText }
                    texts.append(bytes.map { CChar(bitPattern: $0) } + [0])
                }
            }
            return try withPointers(texts) { pointers throws(DatabaseError) in
                reuse
                    ? try checked(PQexecPrepared(connection, name, Int32(values.count), pointers, nil, nil, 0))
                    : try checked(PQexecParams(connection, text, Int32(values.count), types, pointers, nil, nil, 0))
            }
        }

        /// A server keeps no NUL in text (SQLite keeps it, and validation refuses it).
        private static let nulInText = DatabaseError(kind: .constraint, code: "22021", message: "a text holds a NUL character")

        func query(_ sql: SQL, row: (any DatabaseRow) throws -> Void) throws {
            let rows = PostgreSQLRows(try result(sql), sql: sql)
            while try rows.next() { try row(rows) }
        }

        /// Inside a transaction (every bulk read is: a report's snapshot, `check`, a replay), a
        /// server-side cursor read a batch at a time, so that a report of 100k claims holds one
        /// batch of each stream, not every row; outside one, the whole result.
        func cursor(_ sql: SQL) throws -> any DatabaseCursor {
            guard PQtransactionStatus(connection) == PQTRANS_INTRANS else { return PostgreSQLRows(try result(sql), sql: sql) }
            cursors += 1
            let name = "ledger_cursor_\(cursors)"
            PQclear(try result("DECLARE \(raw: name) NO SCROLL CURSOR FOR " + sql, prepared: false))
            return try PostgreSQLRows(cursor: name, database: self, sql: sql)
        }

        /// How many cursors this connection has declared (each gets its own name).
        private var cursors = 0

        /// The next batch of a cursor's rows.
        func fetch(_ cursor: String, rows: Int) throws(DatabaseError) -> OpaquePointer {
            try checked(PQexec(connection, "FETCH \(rows) FROM \(cursor)"))
        }

        @discardableResult
        func run(_ sql: SQL) throws -> Int {
            let result = try result(sql)
            defer { PQclear(result) }
            return Int(String(cString: PQcmdTuples(result))) ?? 0
        }

        func insert(_ sql: SQL) throws -> Int64 {
            let rows = PostgreSQLRows(try result(sql), sql: sql)
            guard try rows.next(), let id = rows.firstInteger else {
                throw DatabaseError(kind: .other, code: "insert", message: "the INSERT returned no id: \(sql.text)")
            }
            return id
        }

        // MARK: - Transactions

        /// The key of the ledger's write lock: ledger's mark, and the ledger's `meta` table (one
        /// lock per ledger, whichever database and schema holds it).
        static let lockKey = "1279477586, 'meta'::regclass::oid::integer"

        func begin(_ kind: Transaction, waitingAtMost timeoutMilliseconds: Int32) throws {
            switch kind {
            case .write:
                // Each statement reads what is committed when it runs; with the lock held from
                // the first statement, nothing else commits to this ledger until the end.
                try execute("BEGIN ISOLATION LEVEL READ COMMITTED")
                do {
                    if timeoutMilliseconds > 0 {
                        try execute("SET LOCAL lock_timeout = \(timeoutMilliseconds)")
                        try execute("SELECT pg_advisory_xact_lock(\(PostgreSQLDatabase.lockKey))")
                    } else if try scalarInteger("SELECT pg_try_advisory_xact_lock(\(raw: PostgreSQLDatabase.lockKey))::integer") != 1 {
                        throw DatabaseError(kind: .busy, code: "55P03", message: "another writer holds the ledger's lock")
                    }
                } catch {
                    try? rollback()
                    throw error
                }
            case .read:
                try execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            }
        }

        func commit() throws {
            let result = try checked(PQexec(connection, "COMMIT"))
            defer { PQclear(result) }
            // A transaction a statement failed in ends with ROLLBACK, whatever COMMIT asked.
            if String(cString: PQcmdStatus(result)) == "ROLLBACK" {
                throw DatabaseError(kind: .other, code: "25P02", message: "the transaction failed, and was rolled back")
            }
        }

        func rollback() throws {
            try execute("ROLLBACK")
        }
    }

    @available(*, unavailable)
    extension PostgreSQLDatabase: Sendable {}

    /// A query's result, read a row at a time; its current row is a `DatabaseRow`, read by
    /// column name. Values arrive as text and are read as the type asked for.
    final class PostgreSQLRows: DatabaseCursor {
        private var result: OpaquePointer
        private var count: Int32
        private var row: Int32 = -1
        /// For a server-side cursor: its name, the connection that fetches its batches, and
        /// whether the last batch was full (more may follow).
        private let cursor: String?
        private unowned let database: PostgreSQLDatabase?
        private var mayHaveMore = false
        static let batch = 1_000
        private let names: [String]
        /// Names two columns share (a read of one by name stops the program).
        private let sharedNames: Set<String>
        private let types: [Oid]
        private let sql: String

        convenience init(cursor: String, database: PostgreSQLDatabase, sql: SQL) throws(DatabaseError) {
            self.init(try database.fetch(cursor, rows: PostgreSQLRows.batch), sql: sql, cursor: cursor, database: database)
        }

        init(_ result: OpaquePointer, sql: SQL, cursor: String? = nil, database: PostgreSQLDatabase? = nil) {
            self.result = result
            self.cursor = cursor
            self.database = database
            count = PQntuples(result)
            mayHaveMore = cursor != nil && Int(count) == PostgreSQLRows.batch
            let fields = PQnfields(result)
            names = (0..<fields).map { String(cString: PQfname(result, $0)) }
            var seen = Set<String>()
            sharedNames = Set(names.filter { !seen.insert($0).inserted })
            types = (0..<fields).map { PQftype(result, $0) }
            self.sql = sql.text
        }

        deinit {
            PQclear(result)
        }

        func next() throws -> Bool {
            if row + 1 >= count, mayHaveMore, let cursor, let database {
                let batch = try database.fetch(cursor, rows: PostgreSQLRows.batch)
                PQclear(result)
                result = batch
                count = PQntuples(batch)
                row = -1
                mayHaveMore = Int(count) == PostgreSQLRows.batch
            }
            guard row + 1 < count else {
                row = count
                return false
            }
            row += 1
            return true
        }

        /// Where the next read by name looks first (rows are decoded in the order their columns
        /// are selected).
        private var nextPosition = 0

        private func position(_ name: String) -> Int32 {
            var found: Int?
            let count = names.count
            var index = nextPosition
            for _ in 0..<count {
                if index >= count { index = 0 }
                if names[index] == name {
                    found = index
                    break
                }
                index += 1
            }
            guard let found else { preconditionFailure("the query selects no column named \(name): \(sql)") }
            if !sharedNames.isEmpty, sharedNames.contains(name) {
                preconditionFailure("two columns are named \(name); give one another name with AS: \(sql)")
            }
            nextPosition = found + 1
            return Int32(found)
        }

        func column(_ name: String) -> ColumnIndex { ColumnIndex(position: position(name)) }

        func isNull(_ column: String) -> Bool { isNull(position(column)) }
        func integer(_ column: String) -> Int64 { integer(position(column)) }
        func optionalInteger(_ column: String) -> Int64? { optionalInteger(position(column)) }
        func real(_ column: String) -> Double { real(position(column)) }
        func optionalReal(_ column: String) -> Double? { optionalReal(position(column)) }
        func text(_ column: String) -> String { text(position(column)) }
        func optionalText(_ column: String) -> String? { optionalText(position(column)) }
        func value(_ column: String) -> SQLValue { value(position(column)) }
        func withBytes<T>(_ column: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T { withBytes(position(column), body) }

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
            precondition(count <= names.count, "the query selects fewer than \(count) columns")
            return (0..<Int32(count)).map { value($0) }
        }

        private func isNull(_ column: Int32) -> Bool { PQgetisnull(result, row, column) == 1 }

        private func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8> {
            guard let value = PQgetvalue(result, row, column) else { return UnsafeBufferPointer(start: nil, count: 0) }
            let length = Int(PQgetlength(result, row, column))
            return UnsafeRawPointer(value).withMemoryRebound(to: UInt8.self, capacity: length) { UnsafeBufferPointer(start: $0, count: length) }
        }

        /// An integer column; a boolean reads as 1 or 0, a number with a fraction as its whole
        /// part (as SQLite converts), anything else as 0.
        private func integer(_ column: Int32) -> Int64 {
            let bytes = bytes(column)
            if bytes.count == 1 {
                if bytes[0] == UInt8(ascii: "t") { return 1 }
                if bytes[0] == UInt8(ascii: "f") { return 0 }
            }
            var value: Int64 = 0
            var negative = false
            var index = 0
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
                negative = true
                index += 1
            }
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                let (times, overflow) = value.multipliedReportingOverflow(by: 10)
                guard !overflow else { break }
                value = times &+ Int64(bytes[index] - 0x30)
                index += 1
            }
            return negative ? -value : value
        }

        private func optionalInteger(_ column: Int32) -> Int64? { isNull(column) ? nil : integer(column) }

        private func real(_ column: Int32) -> Double { Double(text(column)) ?? 0 }

        private func optionalReal(_ column: Int32) -> Double? { isNull(column) ? nil : real(column) }

        private func text(_ column: Int32) -> String { String(decoding: bytes(column), as: UTF8.self) }

        private func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }

        private func value(_ column: Int32) -> SQLValue {
            guard !isNull(column) else { return .null }
            switch types[Int(column)] {
            case 20, 21, 23, 16: return .integer(integer(column))  // int8, int2, int4, bool
            case 700, 701: return .real(real(column))  // float4, float8
            case 1700:  // numeric: an integer when it has no fraction
                let text = text(column)
                return text.contains(".") ? .real(Double(text) ?? 0) : .integer(integer(column))
            default: return .text(text(column))
            }
        }

        private func withBytes<T>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T { body(bytes(column)) }
    }

    @available(*, unavailable)
    extension PostgreSQLRows: Sendable {}

    /// Calls `body` with C strings for `strings`, ended by a null pointer.
    private func withCStrings<T>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> T) -> T {
        let copies = strings.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        let pointers: [UnsafePointer<CChar>?] = copies.map { UnsafePointer($0) } + [nil]
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    /// Calls `body` with pointers to each of `texts` (nil for NULL).
    private func withPointers<T>(_ texts: [[CChar]?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) throws(DatabaseError) -> T) throws(DatabaseError) -> T {
        var pointers: [UnsafePointer<CChar>?] = []
        pointers.reserveCapacity(texts.count)
        var storage: [UnsafeMutablePointer<CChar>] = []
        defer { storage.forEach { $0.deallocate() } }
        for text in texts {
            guard let text else {
                pointers.append(nil)
                continue
            }
            let copy = UnsafeMutablePointer<CChar>.allocate(capacity: text.count)
            copy.initialize(from: text, count: text.count)
            storage.append(copy)
            pointers.append(UnsafePointer(copy))
        }
        return try pointers.withUnsafeBufferPointer { buffer throws(DatabaseError) in try body(buffer.baseAddress) }
    }

    extension String {
        fileprivate var trimmingTrailingNewlines: String {
            var text = self
            while text.last == "\n" || text.last == " " { text.removeLast() }
            return text
        }
    }
#endif
