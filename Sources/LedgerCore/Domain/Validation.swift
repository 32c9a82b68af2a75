/// Checks on text a user typed, shared by every command that stores it.
///
/// Limits keep a ledger readable and its reports sane; each refusal says which
/// field, what is wrong and what is accepted.
public enum Validation {
    public static let statementLimit = 2_000
    public static let nameLimit = 200
    public static let longTextLimit = 20_000
    public static let urlLimit = 2_048
    public static let tagLimit = 64

    /// A required one-line-or-more field: not blank once hidden characters are dropped,
    /// within the limit, no control characters but line breaks and tabs.
    public static func required(_ text: String, field: String, limit: Int) throws(LedgerError) -> String {
        guard let value = try cleaned(text, field: field) else {
            throw .refused("The \(field) is empty; give some text.")
        }
        return try checked(value, field: field, limit: limit)
    }

    /// An optional field: nil or blank means absent; text that was only hidden characters is refused.
    public static func optional(_ text: String?, field: String, limit: Int) throws(LedgerError) -> String? {
        guard let text, let value = try cleaned(text, field: field) else { return nil }
        return try checked(value, field: field, limit: limit)
    }

    /// The text trimmed and without the hidden characters it does not need (`HiddenText`);
    /// nil when nothing was given. Text that had something but only hidden characters and
    /// spaces is refused: it would store as an empty quote that looks like nothing.
    static func cleaned(_ text: String, field: String) throws(LedgerError) -> String? {
        if text.utf8.contains(0) {
            throw .refused("The \(field) contains a NUL character (\\0); remove it.")
        }
        let visible = HiddenText.removingHidden(text)
        if let value = visible.nonBlank { return value }
        if text.nonBlank != nil {
            throw .refused("The \(field) has only invisible characters (zero-width, direction or other hidden marks); give some visible text.")
        }
        return nil
    }

    /// Limits count Unicode scalars: a letter with a thousand combining accents is a thousand
    /// and one, however it is drawn.
    private static func checked(_ value: String, field: String, limit: Int) throws(LedgerError) -> String {
        let count = value.unicodeScalars.count
        guard count <= limit else {
            throw .refused(
                field == "statement"
                    ? "The statement is \(count) characters long; the limit is \(limit). Make it one checkable statement, and keep the full text as the quote (--quote, up to \(longTextLimit) characters)."
                    : "The \(field) is \(count) characters long; the limit is \(limit). Shorten it.")
        }
        if value.unicodeScalars.contains(where: { $0.isControlCharacter && $0 != "\n" && $0 != "\t" && $0 != "\r" }) {
            throw .refused("The \(field) contains a control character; remove it.")
        }
        return value
    }

    /// Who is recorded as making a change (`--by`, `$LEDGER_USER`, `$USER`): a short name on
    /// one line, with no control or hidden characters.
    public static let actorLimit = 64

    public static func actor(_ name: String) throws(LedgerError) -> String {
        if let problem = actorProblem(name) {
            throw .usage(
                "The recorder's name '\(name.shown(limit: 40))' (from --by, $LEDGER_USER or $USER) \(problem); give a name of at most \(actorLimit) characters on one line, without control or invisible characters.")
        }
        return name.trimmingSpaces
    }

    /// What is wrong with a recorder's name, or nil when it is usable (trimmed).
    static func actorProblem(_ name: String) -> String? {
        guard let value = name.nonBlank else { return "is empty" }
        let scalars = value.unicodeScalars
        if scalars.contains(where: { $0 == "\n" || $0 == "\t" || $0 == "\r" || $0.value == 0x2028 || $0.value == 0x2029 }) {
            return "contains a line break or tab"
        }
        if scalars.contains(where: \.isControlCharacter) { return "contains a control character" }
        if HiddenText.removingHidden(value) != value { return "contains an invisible character" }
        if scalars.count > actorLimit { return "is \(scalars.count) characters long; the limit is \(actorLimit)" }
        return nil
    }

    /// Only web addresses are kept: `http://` or `https://` followed by a host, no spaces.
    public static func url(_ text: String?, field: String = "url") throws(LedgerError) -> String? {
        guard let value = text?.nonBlank else { return nil }
        if value.unicodeScalars.contains(where: { $0.isHidden || $0.value == 0 }) {
            throw .refused(
                "The \(field) '\(value.shown(limit: 80))' contains an invisible character (a direction mark, zero-width or NUL), which would make it show one address and lead to another; type it again.")
        }
        let lower = value.lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") {
            rest = lower.dropFirst(8)
        } else if lower.hasPrefix("http://") {
            rest = lower.dropFirst(7)
        } else {
            throw .refused("The \(field) '\(value.shown(limit: 80))' is not a web address; give one that starts with http:// or https://.")
        }
        guard value.unicodeScalars.count <= urlLimit else {
            throw .refused("The \(field) is \(value.unicodeScalars.count) characters long; the limit is \(urlLimit).")
        }
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !host.isEmpty,
            !value.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.isControlCharacter })
        else {
            throw .refused("The \(field) '\(value.shown(limit: 80))' is not a valid web address; give one such as https://example.org/page.")
        }
        return value
    }

    static func handle(_ text: String) throws(LedgerError) -> String {
        guard Handle.isValid(text) else {
            throw .refused(
                "'\(text.shown(limit: 80))' is not a valid source handle; use lowercase letters, digits and hyphens, starting with a letter or digit (for example uk-mod)."
            )
        }
        return text
    }

    static func tags(_ tags: [String]) throws(LedgerError) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for raw in tags {
            // Lowercased before the limit is counted: "İ" becomes two scalars.
            let tag = try required(raw.lowercased(), field: "tag", limit: tagLimit)
            guard !tag.contains(where: { $0 == "\n" || $0 == "\t" || $0 == "\r" }) else {
                throw .refused("The tag '\(tag.shown())' contains a line break or tab; give a single word or phrase.")
            }
            if seen.insert(tag).inserted { result.append(tag) }
        }
        return result.sorted()
    }
}
