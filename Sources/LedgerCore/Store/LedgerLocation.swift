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

    /// `scheme://user:secret@host/…` → `scheme://user:***@host/…`; a password given as a
    /// query parameter (`?password=…`) is hidden the same way.
    static func withoutPassword(_ url: String) -> String {
        var text = url
        if let scheme = text.firstRange(of: "://") {
            let rest = text[scheme.upperBound...]
            let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
            if let at = rest[..<authorityEnd].lastIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") {
                text.replaceSubrange(text.index(after: colon)..<at, with: "***")
            }
        }
        if let query = text.firstIndex(of: "?") {
            let parameters = text[text.index(after: query)...].split(separator: "&", omittingEmptySubsequences: false).map { parameter in
                parameter.lowercased().hasPrefix("password=") ? "password=***" : String(parameter)
            }
            text = String(text[...query]) + parameters.joined(separator: "&")
        }
        return text
    }
}
