/// Where a ledger lives: a file on this machine, or a database on a server.
///
/// What a user gives with `--db` (or `LEDGER_DB`) is read here once; every message about a
/// ledger names it by `description` (a server's password is never shown).
public enum LedgerLocation: Sendable, Equatable, CustomStringConvertible {
    /// A SQLite file, by its path.
    case file(String)
    /// A database on a PostgreSQL server, by its URL (`postgres://user@host/dbname`).
    case server(String)

    /// Reads what a user gave: a `postgres://` or `postgresql://` URL names a server, anything
    /// else a file (a file may be called anything, so only those two schemes are taken).
    public init(_ text: String) {
        let lowered = text.prefix(14).lowercased()
        self = lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://") ? .server(text) : .file(text)
    }

    /// The path, or the URL with any password replaced by `***`.
    public var description: String {
        switch self {
        case .file(let path): path
        case .server(let url): LedgerLocation.withoutPassword(url)
        }
    }

    /// `scheme://user:secret@host/…` → `scheme://user:***@host/…`, and the value of any query
    /// parameter whose name holds `password` (`password`, `sslpassword`, percent-encoded or
    /// not) → `***`. Secrecy before exactness: a password holding `/`, `?` or `@` hides more.
    static func withoutPassword(_ url: String) -> String {
        var text = url
        if let scheme = text.firstRange(of: "://") {
            let rest = text[scheme.upperBound...]
            // The userinfo ends at the last `@` (a password may hold `?` or `/`; an `@` later in
            // the query hides the host too, which is the safe side).
            if let at = rest.lastIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") {
                text.replaceSubrange(text.index(after: colon)..<at, with: "***")
            }
        }
        // With the password masked, the first `?` starts the query.
        if let query = text.firstIndex(of: "?") {
            let parameters = text[text.index(after: query)...].split(separator: "&", omittingEmptySubsequences: false).map { parameter -> String in
                let key = parameter.prefix { $0 != "=" }
                return decoded(key).lowercased().contains("password") ? key + "=***" : String(parameter)
            }
            text = String(text[...query]) + parameters.joined(separator: "&")
        }
        return text
    }

    /// Percent-decoding of a URL component (libpq decodes parameter names too).
    private static func decoded(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
