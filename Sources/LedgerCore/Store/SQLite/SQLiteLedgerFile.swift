#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A ledger in a SQLite file: making one, opening one (and refusing what is not a ledger, or
/// not a file SQLite can safely share), and the file's own settings.
extension Ledger {
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
                try? connection.rollback()
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
        let connection = try SQLiteDatabase(path: path, mode: access == .read ? .readOnly : .readWrite, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        if access == .write { connection.writersOf = path }
        return connection
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
        try sqlite?.execute("PRAGMA mmap_size = 8589934592")
    }

    /// A bulk write changes the same index pages many times: a page cache of up to 256 MiB
    /// (taken only as pages are used: 90 MB for 100k claims) keeps them in memory instead of
    /// spilling them to the write-ahead log again and again.
    func prepareForBulkWrite() throws(LedgerError) {
        try translating { try sqlite?.execute("PRAGMA cache_size = -262144") }
    }

    /// The schema version the file holds now (`PRAGMA user_version`).
    func storedSchemaVersion() throws -> Int64 {
        guard let sqlite else {
            guard case .server(let server) = engine else { return 0 }
            return try server.storedSchemaVersion()
        }
        return try sqlite.scalarInteger("PRAGMA user_version") ?? 0
    }
}

private func isReadable(_ path: String) -> Bool {
    access(path, R_OK) == 0
}

private func isWritable(_ path: String) -> Bool {
    access(path, W_OK) == 0
}
