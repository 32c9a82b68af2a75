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

    public let path: String
    /// Who is recorded as making changes through this handle.
    public let actor: String
    let db: SQLiteDatabase

    /// The claims' search index, as this engine keeps it.
    var search: any SearchIndex { SQLiteSearch(db: db, path: path) }

    /// The file's schema version (`PRAGMA user_version`) as opened.
    var version: Int64
    /// This writer's place among the writers, opened on the first write.
    private var queue: WriterQueue?
    /// The log entries and row writes of the write transaction in progress.
    var journal = Journal()
    /// How many `read`s are running, one inside another (only the outermost begins a transaction).
    private var readDepth = 0

    private init(path: String, actor: String, connection: SQLiteDatabase, version: Int64, busyTimeoutMilliseconds: Int32) {
        self.path = path
        self.actor = actor
        self.db = connection
        self.version = version
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
    }

    /// How long a writer waits for another to finish before giving up (exit 75), unless the
    /// caller says otherwise (the command line reads `LEDGER_BUSY_TIMEOUT_MS`).
    public static let defaultBusyTimeoutMilliseconds: Int32 = 10_000

    /// How long this ledger's writes wait for another writer.
    let busyTimeoutMilliseconds: Int32

    // MARK: - Creating and opening

    /// Creates a new, empty ledger at `path`, readable and writable by its owner only.
    ///
    /// The ledger is built under a temporary name beside `path` and moved into place only
    /// when complete, with a rename that never replaces anything: a process killed half-way
    /// leaves no half-made ledger at `path`, and a file that appears there meanwhile is kept.
    public static func create(
        at path: String, actor: String, busyTimeoutMilliseconds: Int32 = defaultBusyTimeoutMilliseconds
    ) throws(LedgerError) -> Ledger {
        _ = try Validation.actor(actor)
        if let problem = Clock.problem { throw .usage(problem) }
        var info = stat()
        if lstat(path, &info) == 0 { throw .ledgerExists(path: path) }
        guard let (descriptor, temporary) = Files.createTemporary(beside: path, purpose: "init") else {
            throw creationFailure(path, errno)
        }
        close(descriptor)
        func removeTemporary() {
            for suffix in [""] + companionSuffixes { unlink(temporary + suffix) }
        }
        do {
            let connection = try SQLiteDatabase(path: temporary, mode: .readWrite, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
            try connection.execute("PRAGMA foreign_keys = ON")
            try connection.begin(.write)
            do {
                try connection.execute(schemaSQL)
                try connection.commit()
            } catch {
                connection.rollback()
                throw error
            }
            // WAL is recorded in the file's header; closing the only connection folds the
            // -wal file back in and removes it, so only the one file is moved.
            try connection.execute("PRAGMA journal_mode = WAL")
        } catch {
            removeTemporary()
            if let databaseError = error as? DatabaseError { throw translate(databaseError, path: path) }
            throw .io("Cannot create the ledger \(path).")
        }
        let moved = Files.renameWithoutReplacing(temporary, path)
        guard moved == 0 else {
            removeTemporary()
            throw creationFailure(path, moved)
        }
        return try open(at: path, access: .write, actor: actor, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
    }

    private static func creationFailure(_ path: String, _ code: Int32) -> LedgerError {
        switch code {
        case EEXIST, EISDIR, ENOTEMPTY: .ledgerExists(path: path)
        case ENOENT, ENOTDIR: .io("Cannot create the ledger \(path): its folder does not exist. Create the folder first, or choose another path with --db.")
        case EACCES, EPERM, EROFS: .io("Cannot create the ledger \(path): permission denied. Choose a folder you can write to with --db.")
        case ENOSPC, EDQUOT: .io("Cannot create the ledger \(path): the disk is full.")
        default: .io("Cannot create the ledger \(path): \(String(cString: strerror(code)).lowercased()).")
        }
    }

    /// Opens an existing ledger, refusing anything that is not one this build can read.
    ///
    /// Only a regular file with one name is a ledger: a second name (a hard link) would give
    /// the same file two journals, and SQLite would let writers through both corrupt it.
    /// A ledger of an earlier schema version is migrated by its first write, in that write's
    /// transaction (a refused command leaves it as it was). Opened for writing, one whose
    /// schema objects differ from the compiled schema (a planted trigger, a view, a dropped
    /// index) is refused: those run, or break guarantees, on every write.
    public static func open(
        at path: String, access: Access, actor: String, busyTimeoutMilliseconds: Int32 = defaultBusyTimeoutMilliseconds
    ) throws(LedgerError) -> Ledger {
        let actor = access == .write ? try Validation.actor(actor) : actor
        if access == .write, let problem = Clock.problem { throw .usage(problem) }
        var info = stat()
        if stat(path, &info) != 0 {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw .missingLedger(path: path) }
            throw .unreadableLedger(path: path, reason: String(cString: strerror(code)).lowercased())
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR:
            throw .unreadableLedger(path: path, reason: "it is a folder, not a file; pass the ledger file itself with --db")
        default:
            throw .unreadableLedger(
                path: path, reason: "it is not a regular file (a pipe, socket or device); pass the ledger file itself with --db")
        }
        if info.st_nlink > 1 {
            throw .unreadableLedger(
                path: path,
                reason: "the file has \(info.st_nlink) names (hard links), and writing through two names damages a ledger; keep one name (remove the other links) or copy the file with cp")
        }
        // SQLite opens the journals beside the file by name: a FIFO or device there would hang
        // or feed it, so only regular files (or nothing) may stand there.
        for suffix in Ledger.companionSuffixes {
            var companion = stat()
            if lstat(path + suffix, &companion) == 0, (companion.st_mode & S_IFMT) != S_IFREG {
                throw .unreadableLedger(
                    path: path,
                    reason: "\(path + suffix) beside it is not a regular file (a pipe, device, link or folder), and SQLite would use it as the ledger's journal; remove it")
            }
        }
        if !isReadable(path) {
            throw .unreadableLedger(path: path, reason: "permission denied; check the file's permissions")
        }
        // Even root honours a ledger marked read-only: no write bit set for anyone.
        if access == .write, !isWritable(path) || (info.st_mode & 0o222) == 0 {
            throw .io("The ledger \(path) is read-only; nothing was changed. Make it writable (chmod u+w) to record changes.")
        }
        do {
            let connection = try connect(path, access: access, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
            var applicationID: Int64 = 0
            var version: Int64 = 0
            try connection.execute("PRAGMA foreign_keys = ON")
            try connection.query("SELECT application_id, user_version FROM pragma_application_id, pragma_user_version") { row in
                applicationID = row.integer("application_id")
                version = row.integer("user_version")
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
            guard version >= 1 else {
                throw LedgerError.unreadableLedger(path: path, reason: "its schema version \(version) is unknown to this ledger")
            }
            let ledger = Ledger(path: path, actor: actor, connection: connection, version: version, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
            if version < 4 { try ledger.addVersion3Views() }
            // A writer's schema is checked inside each write transaction (`write`), against the
            // version the file has then: checked here too, it would be read twice per command,
            // and in another snapshot than the version (a migration by another process in
            // between would look like tampering).
            return ledger
        } catch let error as LedgerError {
            throw error
        } catch let error as DatabaseError {
            throw translate(error, path: path)
        } catch {
            throw .io("Cannot open the ledger \(path).")
        }
    }

    /// A connection to the file. A reader in a folder it cannot write to cannot make the
    /// WAL index (-shm) SQLite reads through; when no -wal file shows a writer at work, the
    /// file is read as immutable instead (read-only folders, read-only media).
    private static func connect(_ path: String, access: Access, busyTimeoutMilliseconds: Int32) throws(DatabaseError) -> SQLiteDatabase {
        if access == .read, !isWritable(Files.folder(of: path)) {
            var info = stat()
            if stat(path + "-wal", &info) != 0, stat(path + "-shm", &info) != 0 {
                return try SQLiteDatabase(uri: immutableURI(path), busyTimeoutMilliseconds: busyTimeoutMilliseconds)
            }
        }
        return try SQLiteDatabase(path: path, mode: access == .read ? .readOnly : .readWrite, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
    }

    /// `file:` URI for `path`, read-only and immutable; `%`, `?` and `#` are escaped.
    static func immutableURI(_ path: String) -> String {
        var escaped = ""
        for scalar in path.unicodeScalars {
            switch scalar {
            case "%": escaped += "%25"
            case "?": escaped += "%3f"
            case "#": escaped += "%23"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return "file:" + escaped + "?mode=ro&immutable=1"
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

    /// Runs `body` as one write transaction: all of it is written, or none.
    ///
    /// Writes are serialised (`Transaction.write`: on SQLite `BEGIN IMMEDIATE`): `body` may
    /// check, then act, on what it read. `commitIf` can decline a result (an import that added
    /// nothing), which rolls back. Writers take their turns first come, first served
    /// (`WriterQueue`).
    func write<T>(_ body: () throws -> T, commitIf shouldCommit: (T) -> Bool = { _ in true }) throws(LedgerError) -> T {
        // One wait in all: the time spent in the queue counts against SQLite's wait too.
        let timeout = UInt64(busyTimeoutMilliseconds) * 1_000_000
        db.setBusyDeadline(monotonicNanoseconds() + timeout)
        defer { db.setBusyDeadline(nil) }
        if queue == nil { queue = WriterQueue(ledger: path) }
        if let queue {
            guard queue.enter(timeoutNanoseconds: timeout) else { throw .locked(path: path) }
        }
        defer { queue?.leave() }
        return try translating {
            try db.begin(.write)
            journal = Journal()
            // What this write changes is the file as it is now: another process may have
            // migrated it, or altered its schema, since it was opened.
            do {
                try followMigrationByOthers()
                try refuseAlteredSchema()
            } catch {
                db.rollback()
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
                    db.rollback()
                    version = opened
                }
                return result
            } catch {
                db.rollback()
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
        let current = try db.scalarInteger("PRAGMA user_version") ?? 0
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
            throw Ledger.translate(error, path: path)
        } catch {
            throw .io("The ledger \(path) could not be used.")
        }
    }

    static func translate(_ error: DatabaseError, path: String) -> LedgerError {
        switch error.kind {
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
        case .invalidStatement, .other:
            .io("The ledger \(path) could not be used (storage error \(error.code)); nothing was changed.")
        }
    }
}

@available(*, unavailable)
extension Ledger: Sendable {}

private func isReadable(_ path: String) -> Bool {
    access(path, R_OK) == 0
}

private func isWritable(_ path: String) -> Bool {
    access(path, W_OK) == 0
}
