#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import LedgerSystem

extension Unicode.Scalar {
    /// A control character (general category Cc): U+0000–U+001F or U+007F–U+009F.
    ///
    /// A range test, not `properties.generalCategory`: it runs for every character of every report.
    var isControlCharacter: Bool { value < 0x20 || (0x7F...0x9F).contains(value) }

    /// A character that shows nothing of itself: every Default_Ignorable_Code_Point of the
    /// Unicode Character Database (zero-width spaces and joiners, bidirectional marks and
    /// embeddings, the soft hyphen, invisible operators, Hangul fillers, variation selectors,
    /// tag characters, …, as Swift's standard library carries it) and the interlinear
    /// annotation marks U+FFF9–FFFB. (Swift exposes the property, so no table is generated.)
    public var isHidden: Bool {
        value >= 0xAD && (properties.isDefaultIgnorableCodePoint || (0xFFF9...0xFFFB).contains(value))
    }

    /// A letter or mark of a script that writes U+200C/U+200D inside words (Arabic, Syriac,
    /// Thaana, N'Ko, the Indic scripts, Sinhala, Myanmar, Khmer, Arabic presentation forms).
    var joinsInsideWords: Bool {
        let inScript =
            (0x0600...0x08FF).contains(value) || (0x0900...0x0DFF).contains(value) || (0x1000...0x109F).contains(value)
            || (0x1780...0x17FF).contains(value) || (0xFB50...0xFDFF).contains(value) || (0xFE70...0xFEFE).contains(value)
        guard inScript else { return false }
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark:
            return true
        default:
            return false
        }
    }

    /// Hidden, and not one of the joiners and selectors that input keeps in context.
    var isHiddenInReports: Bool {
        isHidden && value != 0x200C && value != 0x200D && value != 0xFE0E && value != 0xFE0F
    }

    /// A pictograph that takes part in emoji sequences (not the ASCII digits, # and *).
    var isPictographic: Bool { value >= 0xA9 && properties.isEmoji }
}

/// Which hidden characters text keeps: those a word or an emoji needs, and no other.
///
/// - U+200C ZERO WIDTH NON-JOINER and U+200D ZERO WIDTH JOINER between two letters of a
///   script that writes them inside words (Persian "می‌خواهم", Hindi conjuncts);
/// - U+200D between two pictographs (an emoji ZWJ sequence such as 👩‍🚒), the first of which
///   may carry a variation selector or skin-tone modifier;
/// - U+FE0E/U+FE0F (text or emoji presentation) right after a pictograph, or after a digit,
///   # or * that U+20E3 makes a keycap (1️⃣).
/// Everything else hidden is dropped: in Latin, Cyrillic or Greek text a joiner only hides
/// a difference between two words that look the same. Tag characters are dropped too, so
/// the subdivision flags that use them (🏴 England) show as a black flag.
enum HiddenText {
    static func keeps(_ scalar: Unicode.Scalar, after previous: Unicode.Scalar?, before next: Unicode.Scalar?) -> Bool {
        switch scalar.value {
        case 0x200C, 0x200D:
            guard let previous, let next else { return false }
            if previous.joinsInsideWords && next.joinsInsideWords { return true }
            let emojiBefore = previous.isPictographic || previous.value == 0xFE0F || previous.properties.isEmojiModifier
            return scalar.value == 0x200D && emojiBefore && next.isPictographic
        case 0xFE0E, 0xFE0F:
            guard let previous else { return false }
            if previous.isPictographic { return true }
            let keycapBase = (0x30...0x39).contains(previous.value) || previous == "#" || previous == "*"
            return keycapBase && next?.value == 0x20E3
        default:
            return false
        }
    }

    /// True when `text` has a hidden character, or a line or paragraph separator, to look at.
    /// (ASCII text has none: every such character is U+00AD or above.)
    static func mayNeedCleaning(_ text: some StringProtocol) -> Bool {
        text.utf8.contains { $0 >= 0xC2 }
    }

    /// The text without the hidden characters it does not need; U+2028 and U+2029 become line breaks.
    static func removingHidden(_ text: String) -> String {
        guard mayNeedCleaning(text) else { return text }
        let scalars = Array(text.unicodeScalars)
        var kept = String.UnicodeScalarView()
        var previousKept: Unicode.Scalar?
        for (index, scalar) in scalars.enumerated() {
            if scalar.value == 0x2028 || scalar.value == 0x2029 {
                kept.append("\n")
                previousKept = "\n"
                continue
            }
            if scalar.isHidden {
                let next = index + 1 < scalars.count ? scalars[index + 1] : nil
                guard keeps(scalar, after: previousKept, before: next) else { continue }
            }
            kept.append(scalar)
            previousKept = scalar
        }
        return String(kept)
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line breaks.
    public var trimmingSpaces: String {
        // Most text has nothing to trim: return it without rebuilding it. An ASCII byte at
        // either end answers without looking up Unicode properties.
        let whole = Substring(self)
        guard let firstByte = whole.utf8.first, let lastByte = whole.utf8.last else { return "" }
        func isEndClean(_ byte: UInt8, _ scalar: () -> Unicode.Scalar?) -> Bool {
            if byte < 0x80 { return !(byte == 0x20 || (0x09...0x0D).contains(byte)) }
            return scalar().map { !$0.properties.isWhitespace } ?? true
        }
        if isEndClean(firstByte, { whole.unicodeScalars.first }) && isEndClean(lastByte, { whole.unicodeScalars.last }) {
            return String(self)
        }
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}

extension StringProtocol {
    /// The text as a message or a terminal can show it: on one line (line breaks and tabs as
    /// spaces), every other control character and every hidden character it does not need
    /// written as `\u{…}` (so nothing drives the terminal, reorders or hides text), at most
    /// `limit` characters.
    public func shown(limit: Int = 60) -> String {
        // Text short enough with nothing to escape is shown as it is: ASCII is checked by byte,
        // anything else by scalar (hidden characters are all U+00AD or above).
        if utf8.count <= limit {
            var clean = true
            var ascii = true
            for byte in utf8 {
                if byte < 0x20 || byte == 0x7F {
                    clean = false
                    break
                }
                if byte >= 0x80 { ascii = false }
            }
            if clean, ascii { return String(self) }
            if clean,
                !unicodeScalars.contains(where: {
                    $0.value >= 0x80 && ($0.isControlCharacter || $0.value == 0x2028 || $0.value == 0x2029 || $0.isHidden)
                })
            {
                return String(self)
            }
        }
        let scalars = Array(unicodeScalars)
        var flat = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            if scalar == "\n" || scalar == "\r" || scalar == "\t" {
                flat.append(" ")
            } else if scalar.isControlCharacter || scalar.value == 0x2028 || scalar.value == 0x2029
                || (scalar.isHidden
                    && !HiddenText.keeps(
                        scalar, after: index > 0 ? scalars[index - 1] : nil, before: index + 1 < scalars.count ? scalars[index + 1] : nil))
            {
                flat.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                flat.append(scalar)
            }
        }
        let text = String(flat)
        return text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    /// Like `shown`, but keeps line breaks: for messages of several lines.
    public func shownKeepingLines() -> String {
        split(separator: "\n", omittingEmptySubsequences: false).map { $0.shown(limit: .max) }.joined(separator: "\n")
    }
}

extension String {
    /// Nil when the text is empty or only white space, else the text trimmed.
    var nonBlank: String? {
        let trimmed = trimmingSpaces
        return trimmed.isEmpty ? nil : trimmed
    }
}

/// Suggestions for a mistyped name: the candidates nearest to it by edit distance.
public enum Suggestions {
    /// Longer input is not compared: nothing could be near it (handles have at most 64
    /// characters), and comparing a 10 KB typo with every name took seconds.
    static let longestCompared = 128

    public static func nearest(to input: String, among candidates: [String], limit: Int = 3) -> [String] {
        guard input.unicodeScalars.count <= longestCompared else { return [] }
        let target = Array(input.lowercased())
        let scored = candidates.map { candidate -> (String, Int) in
            let name = Array(candidate.lowercased())
            var distance = editDistance(target, name)
            if name.starts(with: target) || target.starts(with: name) { distance = min(distance, 1) }
            return (candidate, distance)
        }
        // A third of the name may differ (two letters swapped count as two): 'uk-mdo' finds
        // uk-mod, but 'bbc' is no typo of 'lrc'.
        let threshold = max(1, (target.count + 1) / 3)
        return scored.filter { $0.1 <= threshold }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(limit).map(\.0)
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

/// Random (version 4) UUIDs in their lowercase text form.
public enum UUIDText {
    public static func random() -> String {
        var generator = Generator(poolSize: 16)
        return generator.next()
    }

    /// Draws UUIDs from a pool of random bytes refilled from the kernel `poolSize` bytes at a
    /// time: an import of 100k rows makes one system call per 256 UUIDs instead of one per UUID.
    public struct Generator {
        private var pool: [UInt8]
        private var used: Int

        public init(poolSize: Int = 4096) {
            pool = [UInt8](repeating: 0, count: max(16, poolSize / 16 * 16))
            used = pool.count
        }

        public mutating func next() -> String {
            if used == pool.count {
                pool.withUnsafeMutableBytes { UUIDText.fillRandom($0) }
                used = 0
            }
            defer { used += 16 }
            return UUIDText.format(pool[used..<used + 16])
        }
    }

    /// Sixteen random bytes as a version 4 UUID's text.
    static func format(_ bytes: ArraySlice<UInt8>) -> String {
        let hex: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: 36) { out in
            var position = 0
            for (index, raw) in bytes.enumerated() {
                let byte =
                    switch index {
                    case 6: (raw & 0x0F) | 0x40  // version 4
                    case 8: (raw & 0x3F) | 0x80  // RFC 4122 variant
                    default: raw
                    }
                if index == 4 || index == 6 || index == 8 || index == 10 {
                    out[position] = UInt8(ascii: "-")
                    position += 1
                }
                out[position] = hex.utf8Start[Int(byte >> 4)]
                out[position + 1] = hex.utf8Start[Int(byte & 0x0F)]
                position += 2
            }
            return position
        }
    }

    /// Fills the buffer from the kernel's random source (getrandom, looping on short reads);
    /// falls back to the standard library's generator if that fails.
    static func fillRandom(_ buffer: UnsafeMutableRawBufferPointer) {
        var filled = 0
        #if os(Linux)
            while filled < buffer.count {
                let got = getrandom(buffer.baseAddress! + filled, buffer.count - filled, 0)
                if got > 0 { filled += got } else if errno != EINTR { break }
            }
        #endif
        var generator = SystemRandomNumberGenerator()
        while filled < buffer.count {
            buffer[filled] = UInt8.random(in: 0...255, using: &generator)
            filled += 1
        }
    }

    public static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard byte == UInt8(ascii: "-") else { return false }
            } else {
                let isHex = (byte >= 48 && byte <= 57) || (byte >= 97 && byte <= 102) || (byte >= 65 && byte <= 70)
                guard isHex else { return false }
            }
        }
        return true
    }
}
