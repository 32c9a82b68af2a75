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
    public static let schemaVersion: Int64 = 1
    /// Marks a SQLite file as a ledger (`PRAGMA application_id`, 'LDGR').
    public static let applicationID: Int64 = 1_279_477_586
    /// The schema, compiled in from `schema.sql` at the repository root.
    public static var schemaSQL: String { String(decoding: PackageResources.schema_sql, as: UTF8.self) }

    public enum Access: Sendable { case read, write }

    public let path: String
    /// Who is recorded as making changes through this handle.
    public let actor: String
    let db: Connection

    private init(path: String, actor: String, connection: Connection) {
        self.path = path
        self.actor = actor
        self.db = connection
    }

    /// How long a writer waits for another to finish before giving up (exit 75).
    static var busyTimeoutMilliseconds: Int32 {
        if let text = getenv("LEDGER_BUSY_TIMEOUT_MS").map({ String(cString: $0) }), let value = Int32(text), value >= 0 {
            return value
        }
        return 10_000
    }

    // MARK: - Creating and opening

    /// Creates a new, empty ledger at `path`, readable and writable by its owner only.
    ///
    /// Refuses when anything is already there; a ledger left half-created by a
    /// failure is removed again.
    public static func create(at path: String, actor: String) throws(LedgerError) -> Ledger {
        let descriptor = createExclusively(path)
        if descriptor < 0 {
            let code = errno
            switch code {
            case EEXIST: throw .ledgerExists(path: path)
            case ENOENT: throw .io("Cannot create the ledger \(path): its folder does not exist. Create the folder first, or choose another path with --db.")
            case EACCES, EPERM, EROFS: throw .io("Cannot create the ledger \(path): permission denied. Choose a folder you can write to with --db.")
            case EISDIR: throw .ledgerExists(path: path)
            case ENOSPC, EDQUOT: throw .io("Cannot create the ledger \(path): the disk is full.")
            default: throw .io("Cannot create the ledger \(path): \(String(cString: strerror(code))).")
            }
        }
        close(descriptor)
        do {
            let connection = try Connection(path: path, mode: .readWrite, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
            try connection.execute("PRAGMA journal_mode = WAL")
            try connection.execute("PRAGMA foreign_keys = ON")
            try connection.execute("BEGIN IMMEDIATE")
            do {
                try connection.execute(schemaSQL)
                try connection.execute("COMMIT")
            } catch {
                try? connection.execute("ROLLBACK")
                throw error
            }
            return Ledger(path: path, actor: actor, connection: connection)
        } catch {
            unlink(path)
            unlink(path + "-wal")
            unlink(path + "-shm")
            if let sqliteError = error as? SQLiteError { throw translate(sqliteError, path: path) }
            throw .io("Cannot create the ledger \(path).")
        }
    }

    /// Opens an existing ledger, refusing anything that is not one this build can read.
    public static func open(at path: String, access: Access, actor: String) throws(LedgerError) -> Ledger {
        var info = stat()
        if stat(path, &info) != 0 {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw .missingLedger(path: path) }
            throw .unreadableLedger(path: path, reason: String(cString: strerror(code)).lowercased())
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw .unreadableLedger(path: path, reason: "it is a folder, not a file; pass the ledger file itself with --db")
        }
        if !isReadable(path) {
            throw .unreadableLedger(path: path, reason: "permission denied; check the file's permissions")
        }
        // Even root honours a ledger marked read-only: no write bit set for anyone.
        if access == .write, !isWritable(path) || (info.st_mode & 0o222) == 0 {
            throw .io("The ledger \(path) is read-only; nothing was changed. Make it writable (chmod u+w) to record changes.")
        }
        do {
            let connection = try Connection(
                path: path, mode: access == .read ? .readOnly : .readWrite, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
            var applicationID: Int64 = 0
            var version: Int64 = 0
            try connection.query("SELECT * FROM pragma_application_id, pragma_user_version") { row in
                applicationID = row.integer(0)
                version = row.integer(1)
            }
            guard applicationID == Ledger.applicationID else {
                throw LedgerError.unreadableLedger(
                    path: path, reason: "it is not a ledger file (another program's data); pass the right file with --db, or run `ledger init` on a new path")
            }
            guard version <= schemaVersion else {
                throw LedgerError.unreadableLedger(
                    path: path,
                    reason: "it was written by a newer version of ledger (schema version \(version); this one understands up to \(schemaVersion)); upgrade ledger to use it")
            }
            guard version == schemaVersion else {
                throw LedgerError.unreadableLedger(path: path, reason: "its schema version \(version) is unknown to this ledger")
            }
            try connection.execute("PRAGMA foreign_keys = ON")
            return Ledger(path: path, actor: actor, connection: connection)
        } catch let error as LedgerError {
            throw error
        } catch let error as SQLiteError {
            throw translate(error, path: path)
        } catch {
            throw .io("Cannot open the ledger \(path).")
        }
    }

    /// Readies the connection for `check`, which reads every page, some many times: the file
    /// is memory-mapped, so a page is read without a system call. Measured on a 1M-claim
    /// ledger: SQLite's integrity check 54.7 s → 36.1 s.
    ///
    /// Only `check` uses it: an I/O error on a mapped file arrives as a signal rather than an
    /// error, and mapped pages count as the process's memory (a report mapped this way
    /// grew to 1 GB resident at 1M claims, with no gain in speed).
    func prepareForBulkRead() throws {
        try db.execute("PRAGMA mmap_size = 8589934592")
    }

    // MARK: - Transactions and error translation

    /// Runs `body` as one `BEGIN IMMEDIATE` transaction: all of it is written, or none.
    ///
    /// `commitIf` can decline a result (an import that added nothing), which rolls back.
    func write<T>(_ body: () throws -> T, commitIf shouldCommit: (T) -> Bool = { _ in true }) throws(LedgerError) -> T {
        try translating {
            try db.execute("BEGIN IMMEDIATE")
            do {
                let result = try body()
                try db.execute(shouldCommit(result) ? "COMMIT" : "ROLLBACK")
                return result
            } catch {
                try? db.execute("ROLLBACK")
                throw error
            }
        }
    }

    /// Runs `body` in one read transaction, so that what it reads is one consistent snapshot.
    func read<T>(_ body: () throws -> T) throws(LedgerError) -> T {
        try translating {
            try db.execute("BEGIN")
            defer { try? db.execute("COMMIT") }
            return try body()
        }
    }

    func translating<T>(_ body: () throws -> T) throws(LedgerError) -> T {
        do {
            return try body()
        } catch let error as LedgerError {
            throw error
        } catch let error as SQLiteError {
            throw Ledger.translate(error, path: path)
        } catch {
            throw .io("The ledger \(path) could not be used.")
        }
    }

    static func translate(_ error: SQLiteError, path: String) -> LedgerError {
        switch error.primaryCode {
        case SQLITE_BUSY, SQLITE_LOCKED:
            return .locked(path: path)
        case SQLITE_NOTADB, SQLITE_CORRUPT:
            return .unreadableLedger(path: path, reason: "it is not a ledger file, or it is damaged; pass the right file with --db")
        case SQLITE_READONLY:
            return .io("Cannot write to the ledger \(path): the file or its folder is read-only; nothing was changed.")
        case SQLITE_FULL:
            return .io("The disk holding the ledger \(path) is full; nothing was changed. Free some space and try again.")
        case SQLITE_CANTOPEN:
            return .io("Cannot open the ledger \(path) (or its journal beside it); check the file's and its folder's permissions.")
        case SQLITE_IOERR where error.systemErrno == ENOSPC || error.systemErrno == EFBIG || error.systemErrno == EDQUOT:
            return .io("The disk holding the ledger \(path) is full (or the file reached its size limit); nothing was changed. Free some space and try again.")
        case SQLITE_IOERR:
            return .io("Reading or writing the ledger \(path) failed; nothing was changed. Check the disk and try again.")
        case SQLITE_TOOBIG:
            return .refused("A text is too large to store; shorten it.")
        case SQLITE_CONSTRAINT:
            return .refused("The change breaks one of the ledger's rules, so nothing was changed. Run `ledger check` to look for damage.")
        default:
            return .io("The ledger \(path) could not be used (storage error \(error.code)); nothing was changed.")
        }
    }
}

@available(*, unavailable)
extension Ledger: Sendable {}

/// Creates an empty file with mode 0600 (less the umask), failing if anything is there.
private func createExclusively(_ path: String) -> Int32 {
    open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
}

private func isReadable(_ path: String) -> Bool {
    access(path, R_OK) == 0
}

private func isWritable(_ path: String) -> Bool {
    access(path, W_OK) == 0
}
