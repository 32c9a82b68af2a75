#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import LedgerSQLite

/// One ledger file, and the only place that knows both its tables and the domain.
///
/// Every write is one `BEGIN IMMEDIATE` transaction that keeps the ledger's
/// invariants (a stored status always equals what the rules derive, every change
/// is logged); a refused change leaves the file exactly as it was. Methods throw
/// only `LedgerError`: SQLite's own errors are translated here.
public final class Ledger {
    /// The schema version this build reads and writes (`PRAGMA user_version`).
    public static let schemaVersion: Int64 = 5
    /// Marks a SQLite file as a ledger (`PRAGMA application_id`, 'LDGR').
    public static let applicationID: Int64 = 1_279_477_586
    /// The schema, compiled in from `schema.sql` at the repository root.
    public static var schemaSQL: String { String(decoding: PackageResources.schema_sql, as: UTF8.self) }

    public enum Access: Sendable { case read, write }

    /// The files SQLite and ledger keep beside a ledger, by suffix.
    public static let companionSuffixes = ["-journal", "-wal", "-shm", "-queue"]

    /// How messages name the ledger: its file's path, or its server's URL without a password.
    public let path: String
    /// Where the ledger lives.
    public let location: LedgerLocation
    /// Who is recorded as making changes through this handle: on a server, the database role.
    public let actor: String
    /// The database, as the store sees any engine.
    let db: any Database
    /// The engine, for what differs between them beyond SQL.
    let engine: Engine

    /// Where a ledger's rows are kept.
    enum Engine {
        /// A SQLite file: the connection, for what only a file has (its pragmas and busy
        /// handler, its schema objects, the migration of files earlier versions wrote).
        case file(SQLiteDatabase)
        /// A database on a server.
        case server(any ServerStorage)
    }

    /// The SQLite connection of a ledger in a file; nil on a server.
    var sqlite: SQLiteDatabase? {
        if case .file(let connection) = engine { connection } else { nil }
    }

    /// The claims' search index, as this engine keeps it.
    var search: any SearchIndex {
        switch engine {
        case .file(let connection): SQLiteSearch(db: connection, path: path)
        case .server(let server): server.search
        }
    }

    /// The file's schema version (`PRAGMA user_version`) as opened.
    var version: Int64
    /// The log entries and row writes of the write transaction in progress.
    var journal = Journal()
    /// How many `read`s are running, one inside another (only the outermost begins a transaction).
    private var readDepth = 0

    init(path: String, actor: String, connection: SQLiteDatabase, version: Int64, busyTimeoutMilliseconds: Int32) {
        self.path = path
        self.location = .file(path)
        self.actor = actor
        self.db = connection
        self.engine = .file(connection)
        self.version = version
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
    }

    init(location: LedgerLocation, actor: String, server: any ServerStorage, version: Int64, busyTimeoutMilliseconds: Int32) {
        self.path = location.description
        self.location = location
        self.actor = actor
        self.db = server.database
        self.engine = .server(server)
        self.version = version
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
    }

    /// How long a writer waits for another to finish before giving up (exit 75), unless the
    /// caller says otherwise (the command line reads `LEDGER_BUSY_TIMEOUT_MS`).
    public static let defaultBusyTimeoutMilliseconds: Int32 = 10_000

    /// How long this ledger's writes wait for another writer.
    let busyTimeoutMilliseconds: Int32

    // MARK: - Creating and opening

    /// Creates a new, empty ledger at `location`.
    public static func create(
        _ location: LedgerLocation, actor: String, busyTimeoutMilliseconds: Int32 = defaultBusyTimeoutMilliseconds
    ) throws(LedgerError) -> Ledger {
        switch location {
        case .file(let path): try create(at: path, actor: actor, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        case .server(let url):
            #if PostgreSQL
                try createOnServer(url, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
            #else
                throw serverUnsupported(location)
            #endif
        }
    }

    /// Opens the ledger at `location`, refusing anything that is not one this build can read.
    public static func open(
        _ location: LedgerLocation, access: Access, actor: String, busyTimeoutMilliseconds: Int32 = defaultBusyTimeoutMilliseconds
    ) throws(LedgerError) -> Ledger {
        switch location {
        case .file(let path): try open(at: path, access: access, actor: actor, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        case .server(let url):
            #if PostgreSQL
                try openOnServer(url, access: access, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
            #else
                throw serverUnsupported(location)
            #endif
        }
    }

    /// Whether this build can keep ledgers on a PostgreSQL server (the PostgreSQL trait).
    public static var serverSupport: Bool {
        #if PostgreSQL
            true
        #else
            false
        #endif
    }

    private static func serverUnsupported(_ location: LedgerLocation) -> LedgerError {
        .usage("\(location) names a PostgreSQL server, and this ledger was built without the PostgreSQL backend; build it with `swift build -c release --traits PostgreSQL` (README, \"A shared ledger\"), or give the path of a ledger file with --db or LEDGER_DB.")
    }

    // MARK: - Transactions and error translation

    /// Runs `body` as one write transaction: all of it is written, or none.
    ///
    /// Writes are serialised (`Transaction.write`; on SQLite `BEGIN IMMEDIATE`, writers taking
    /// their turns first come, first served): `body` may check, then act, on what it read.
    /// `commitIf` can decline a result (an import that added nothing), which rolls back.
    func write<T>(_ body: () throws -> T, commitIf shouldCommit: (T) -> Bool = { _ in true }) throws(LedgerError) -> T {
        try translating {
            try db.begin(.write, waitingAtMost: busyTimeoutMilliseconds)
            journal = Journal()
            // What this write changes is the file as it is now: another process may have
            // migrated it, or altered its schema, since it was opened.
            do {
                try followMigrationByOthers()
                try refuseAlteredSchema()
            } catch {
                try? db.rollback()
                throw error
            }
            let opened = version
            // Reads inside the write see its transaction.
            readDepth += 1
            defer {
                journal = Journal()
                readDepth -= 1
            }
            do {
                if version < Ledger.schemaVersion { try migrateInTransaction() }
                // A migration is kept only with a change of the command's own: a write that
                // changes nothing (an import with nothing new, an edit to the same values)
                // leaves an older file exactly as it was, unmigrated.
                let migrationEnd = journal.last
                let result = try body()
                let onlyMigrated = version != opened && journal.last == migrationEnd && journal.writes.isEmpty
                if shouldCommit(result) && !onlyMigrated {
                    try sealLog()
                    try db.commit()
                } else {
                    try db.rollback()
                    version = opened
                }
                return result
            } catch {
                try? db.rollback()
                version = opened
                throw error
            }
        }
    }

    /// Runs `body` in one read transaction, so that what it reads is one consistent snapshot.
    /// Reads inside it (nested) share its snapshot.
    func read<T>(_ body: () throws -> T) throws(LedgerError) -> T {
        try translating {
            guard readDepth == 0 else { return try body() }
            try db.begin(.read)
            readDepth += 1
            defer {
                readDepth -= 1
                try? db.commit()
            }
            if version < 4 { try followMigrationByOthers() }
            return try body()
        }
    }

    /// Refuses to write to a file whose schema differs from what its version should have.
    func refuseAlteredSchema() throws {
        let differences = try schemaDifferences()
        if let first = differences.first {
            throw LedgerError.unreadableLedger(
                path: path,
                reason: "its schema was altered outside ledger (it has \(first.phrase)\(differences.count > 1 ? ", and \(differences.count - 1) more difference\(differences.count == 2 ? "" : "s")" : "")), so nothing was changed; run `ledger check` to see every difference, and `ledger export` then `ledger import` into a new ledger to go on")
        }
    }

    /// Another process may have migrated the file since this connection read its version: reads
    /// it again (inside the transaction just begun), and drops the temporary views a version-3
    /// file was read through once the file has the columns itself.
    func followMigrationByOthers() throws {
        let current = try storedSchemaVersion()
        guard current != version else { return }
        guard current <= Ledger.schemaVersion else {
            throw LedgerError.unreadableLedger(
                path: path,
                reason: "another process brought it to a newer version of ledger (schema version \(current); this one understands up to \(Ledger.schemaVersion)); upgrade ledger to use it")
        }
        if version < 4, current >= 4 { try dropVersion3Views() }
        version = current
    }

    /// Runs `body`, whose reads through this ledger all see one snapshot: a report's counts,
    /// sections and head agree even while others write.
    public func snapshot<T>(_ body: () throws -> T) throws(LedgerError) -> T {
        try read(body)
    }

    func translating<T>(_ body: () throws -> T) throws(LedgerError) -> T {
        do {
            return try body()
        } catch let error as LedgerError {
            throw error
        } catch let error as DatabaseError {
            throw Ledger.translate(error, location: location)
        } catch {
            throw .io("The ledger \(path) could not be used.")
        }
    }

    static func translate(_ error: DatabaseError, path: String) -> LedgerError {
        translate(error, location: .file(path))
    }

    static func translate(_ error: DatabaseError, location: LedgerLocation) -> LedgerError {
        let path = location.description
        if case .server = location, let sentence = serverSentence(error, ledger: path) { return sentence }
        return switch error.kind {
        case .busy:
            .locked(path: path)
        case .notALedger:
            .unreadableLedger(path: path, reason: "it is not a ledger file, or it is damaged; pass the right file with --db")
        case .readOnly:
            .io("Cannot write to the ledger \(path): the file or its folder is read-only; nothing was changed.")
        case .full:
            .io("The disk holding the ledger \(path) is full (or the file reached its size limit); nothing was changed. Free some space and try again.")
        case .cannotOpen:
            .io("Cannot open the ledger \(path) (or its journal beside it); check the file's and its folder's permissions.")
        case .io:
            .io("Reading or writing the ledger \(path) failed; nothing was changed. Check the disk and try again.")
        case .tooBig:
            .refused("A text is too large to store; shorten it.")
        case .constraint:
            .refused("The change breaks one of the ledger's rules, so nothing was changed. Run `ledger check` to look for damage.")
        case .permission:
            .permission("The ledger \(path) refused the change: \(error.message); nothing was changed.")
        case .unreachable:
            .unreachable("The connection to the ledger \(path) was lost; nothing was changed. Try again when the server is back.")
        case .badLocation:
            .usage("\(path) is not a location ledger can read (\(error.message)); give a file's path or a postgres:// URL with --db.")
        case .invalidStatement, .other:
            .io("The ledger \(path) could not be used (storage error \(error.code)); nothing was changed.")
        }
    }

    /// How a server's failure reads where a file's sentence would mislead (folders, disks).
    private static func serverSentence(_ error: DatabaseError, ledger: String) -> LedgerError? {
        switch error.kind {
        case .notALedger:
            .unreadableLedger(path: ledger, reason: "the server reports its data damaged (\(error.message)); ask the server's administrator to restore it")
        case .readOnly:
            .permission("The server holding the ledger \(ledger) accepts no writes now (\(error.message)); nothing was changed.")
        case .full:
            .io("The server holding the ledger \(ledger) is out of space or resources (\(error.message)); nothing was changed. Ask its administrator, then try again.")
        case .io:
            .io("The server holding the ledger \(ledger) failed to read or write (\(error.message)); nothing was changed. Ask its administrator.")
        case .permission:
            .permission("The database role may not do this on the ledger \(ledger) (\(error.message)); nothing was changed. Ask the server's administrator to grant it, or use a role that may.")
        default:
            nil
        }
    }
}

@available(*, unavailable)
extension Ledger: Sendable {}
