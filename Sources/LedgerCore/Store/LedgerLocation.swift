/// Where a ledger lives: a file on this machine, or a database on a server.
///
/// What a user gives with `--db` (or `LEDGER_DB`) is read here once; every message about a
/// ledger names it by `description` (a server's password is never shown).
public enum LedgerLocation: Sendable, Equatable, CustomStringConvertible {
    /// A SQLite file, by its path.
    case file(String)
    /// A database on a PostgreSQL server, by its URL (`postgres://user@host/dbname`).
    case server(String)

    /// Reads what a user gave: a `postgres://` or `postgresql://` URL names a server, and so
    /// does libpq's keyword form (`host=db dbname=desk user=amira`: it starts with one of
    /// libpq's connection keywords and `=`); anything else a file (a file may be called
    /// anything, so only those forms are taken).
    public init(_ text: String) {
        let lowered = text.prefix(14).lowercased()
        if lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://") || LedgerLocation.isKeywordForm(text) {
            self = .server(text)
        } else {
            self = .file(text)
        }
    }

    /// libpq's connection keywords a keyword-form location may start with.
    static let connectionKeywords: Set<String> = [
        "host", "hostaddr", "port", "dbname", "user", "password", "passfile", "service", "sslmode", "options",
        "application_name", "connect_timeout", "sslrootcert", "sslcert", "sslkey", "target_session_attrs",
    ]

    /// `keyword=…` or `keyword = …` with a libpq keyword first.
    private static func isKeywordForm(_ text: String) -> Bool {
        let trimmed = text.drop { $0.isWhitespace }
        let keyword = trimmed.prefix { $0.isLetter || $0 == "_" }
        guard !keyword.isEmpty, connectionKeywords.contains(String(keyword)) else { return false }
        return trimmed.dropFirst(keyword.count).drop { $0.isWhitespace }.first == "="
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
        if isKeywordForm(url) { return keywordFormWithoutPassword(url) }
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

    /// `host=db password='s3 cret' user=x` → `host=db password=*** user=x`: the value of any
    /// keyword holding `password`, quoted (with `\'` inside) or not.
    private static func keywordFormWithoutPassword(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while !rest.isEmpty {
            let spaces = rest.prefix { $0.isWhitespace }
            result += spaces
            rest = rest.dropFirst(spaces.count)
            let keyword = rest.prefix { $0 != "=" && !$0.isWhitespace }
            result += keyword
            rest = rest.dropFirst(keyword.count)
            let beforeEquals = rest.prefix { $0.isWhitespace }
            rest = rest.dropFirst(beforeEquals.count)
            guard rest.first == "=" else {
                result += beforeEquals
                continue
            }
            result += beforeEquals + "="
            rest = rest.dropFirst()
            let afterEquals = rest.prefix { $0.isWhitespace }
            result += afterEquals
            rest = rest.dropFirst(afterEquals.count)
            var value = ""
            if rest.first == "'" {
                value.append("'")
                rest = rest.dropFirst()
                while let character = rest.first {
                    rest = rest.dropFirst()
                    value.append(character)
                    if character == "\\", let escaped = rest.first {
                        value.append(escaped)
                        rest = rest.dropFirst()
                    } else if character == "'" {
                        break
                    }
                }
            } else {
                let plain = rest.prefix { !$0.isWhitespace }
                value = String(plain)
                rest = rest.dropFirst(plain.count)
            }
            // A value may itself be a URL (libpq expands `dbname=postgres://…`).
            result += keyword.lowercased().contains("password") ? "***" : value.contains("://") ? withoutPassword(value) : value
        }
        return result
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
