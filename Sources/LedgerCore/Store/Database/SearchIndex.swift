/// A word a search looks for: the whole word, or the start of words (`kup*`).
struct SearchTerm: Hashable, Sendable {
    var word: String
    var prefix: Bool
}

/// How claims' texts and searches become words, in Swift and the same for every engine, so
/// that what is indexed and what is asked for always agree: folded (`TextFold`: case,
/// accents, apostrophes), then cut into runs of letters, digits and the marks that join them.
/// Anything else (punctuation, symbols, an engine's query operators) separates words.
enum SearchText {
    /// At most this many different words in one search.
    static let termLimit = 32

    /// The words of `text`, folded, in order.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        cut(TextFold.fold(text)) { word, _ in words.append(word) }
        return words
    }

    /// The text an index holds for `text`: its words, one space between. (Made in one pass:
    /// every claim written makes five of them.)
    static func indexed(_ text: String) -> String {
        var indexed = String.UnicodeScalarView()
        var between = false
        for scalar in TextFold.fold(text).unicodeScalars {
            if isWordScalar(scalar) {
                if between, !indexed.isEmpty { indexed.append(" ") }
                between = false
                indexed.append(scalar)
            } else {
                between = true
            }
        }
        return String(indexed)
    }

    /// The words of `text` as it is, not folded: what an index holds reads as its words only
    /// when it is already folded (`check` asks this of the stored index).
    static func unfoldedWords(_ text: String) -> [Substring] {
        text.unicodeScalars.split { !isWordScalar($0) }.map { Substring($0) }
    }

    /// The distinct terms of a search, in the order first typed; a `*` right after a word makes
    /// it a prefix. A word given twice is one term (400 copies of `c*` made FTS5 work quadratically).
    static func terms(_ text: String) -> [SearchTerm] {
        var terms: [SearchTerm] = []
        var seen = Set<SearchTerm>()
        cut(TextFold.fold(text)) { word, prefix in
            let term = SearchTerm(word: word, prefix: prefix)
            if seen.insert(term).inserted { terms.append(term) }
        }
        return terms
    }

    /// Calls `body` with each word of folded `text`, and whether a `*` follows it.
    ///
    /// Read scalar by scalar (an ASCII letter or digit without looking up a property).
    private static func cut(_ text: String, _ body: (String, Bool) -> Void) {
        var word = String.UnicodeScalarView()
        func flush(prefix: Bool) {
            guard !word.isEmpty else { return }
            body(String(word), prefix)
            word = String.UnicodeScalarView()
        }
        for scalar in text.unicodeScalars {
            if isWordScalar(scalar) {
                word.append(scalar)
            } else {
                flush(prefix: scalar == "*")
            }
        }
        flush(prefix: false)
    }

    /// A letter, a digit, or a mark that belongs to the letter before it.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber, .letterNumber,
            .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark:
            return true
        default:
            return false
        }
    }
}

/// The claims' search index of one engine: each claim's words in five fields (statement,
/// quote, place, tags, evidence), as `SearchText.indexed` makes them; the engine only
/// stores, matches and ranks those words. It is made from the recorded rows, never recorded
/// itself (`RecordedTable`).
protocol SearchIndex {
    /// Sets the claim's entry to `fields` (already `SearchText.indexed`), in
    /// `Ledger.searchFieldNames`' order; nil removes the entry.
    func replace(claimID: Int64, fields: [String]?) throws

    /// Adds the entry of a claim just inserted (which has none yet).
    func add(claimID: Int64, fields: [String]) throws

    /// What a claim query adds to find claims holding every term: a FROM clause joining the
    /// index to `claim c`, a condition, and an ORDER BY for best matches first.
    func matching(_ terms: [SearchTerm]) -> (from: SQL, condition: SQL, bestFirst: SQL)

    /// Every entry, by claim id, selecting `id` and the five fields by their names.
    var entries: SQL { get }

    /// Damage to the index's own structure (not its words), in one sentence; nil when sound
    /// or when this connection cannot tell.
    func structuralDamage() -> String?
}
