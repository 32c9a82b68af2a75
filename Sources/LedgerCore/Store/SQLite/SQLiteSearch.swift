#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import LedgerSQLite

/// The search index on SQLite: the FTS5 table `claim_search` (rowid = claim id), ranked by
/// FTS5's bm25. It holds the words Swift made (`SearchText`), and FTS5's own tokenizer only
/// splits them again at the spaces between them.
struct SQLiteSearch: SearchIndex {
    let db: SQLiteDatabase
    /// The ledger's file, for the structure check (which needs a connection that may write).
    let path: String

    func replace(claimID: Int64, fields: [String]?) throws {
        try db.run("DELETE FROM claim_search WHERE rowid = \(claimID)")
        if let fields { try add(claimID: claimID, fields: fields) }
    }

    func add(claimID: Int64, fields: [String]) throws {
        try db.run("INSERT INTO claim_search (rowid, statement, quote, place, tags, evidence) VALUES (\(claimID), \(list: fields.map(SQLValue.text)))")
    }

    func matching(_ terms: [SearchTerm]) -> (from: SQL, condition: SQL, bestFirst: SQL) {
        (
            "FROM claim_search JOIN claim c ON c.id = claim_search.rowid", "claim_search MATCH \(SQLiteSearch.query(terms))",
            "claim_search.rank, c.id"
        )
    }

    /// An FTS5 query that matches claims holding every term: each word quoted, so that FTS5's
    /// operators (`NEAR`, `-`, parentheses, column filters) a user typed are plain words.
    static func query(_ terms: [SearchTerm]) -> String {
        terms.map { "\"" + $0.word + "\"" + ($0.prefix ? "*" : "") }.joined(separator: " ")
    }

    var entries: SQL { "SELECT rowid AS id, statement, quote, place, tags, evidence FROM claim_search ORDER BY rowid" }

    /// FTS5's own integrity check of the index's structure (its b-trees against the words it
    /// holds): a damaged index makes every search fail. FTS5 runs it as an INSERT, so it needs
    /// a connection that may write, which it rolls back; a ledger this user cannot write is
    /// not checked this way.
    func structuralDamage() -> String? {
        guard access(path, W_OK) == 0, access(Files.folder(of: path), W_OK) == 0,
            let writer = try? SQLiteDatabase(path: path, mode: .readWrite, busyTimeoutMilliseconds: 2_000)
        else { return nil }
        do {
            try writer.execute("BEGIN")
            defer { try? writer.rollback() }
            try writer.execute("INSERT INTO claim_search(claim_search) VALUES('integrity-check')")
        } catch where error.kind == .notALedger {
            return "The search index is damaged (\(error.message.shown(limit: 80))), so `--search` and `list` can fail; export the ledger and import the export into a new ledger."
        } catch {
            // Busy with a writer, or unable to write: not a finding.
        }
        return nil
    }
}
