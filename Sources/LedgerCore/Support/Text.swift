extension Unicode.Scalar {
    /// A control character (general category Cc): U+0000–U+001F or U+007F–U+009F.
    ///
    /// A range test, not `properties.generalCategory`: it runs for every character of every report.
    var isControlCharacter: Bool { value < 0x20 || (0x7F...0x9F).contains(value) }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line breaks.
    public var trimmingSpaces: String {
        // Most text has nothing to trim: return it without rebuilding it.
        if let first = unicodeScalars.first, let last = unicodeScalars.last, !first.properties.isWhitespace,
            !last.properties.isWhitespace
        {
            return String(self)
        }
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}

extension StringProtocol {
    /// The text as a message can echo it: on one line, control characters as spaces,
    /// at most `limit` characters.
    public func shown(limit: Int = 60) -> String {
        let flat = String(String.UnicodeScalarView(unicodeScalars.map { $0.isControlCharacter ? " " : $0 }))
        return flat.count <= limit ? flat : String(flat.prefix(limit - 1)) + "…"
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
enum Suggestions {
    static func nearest(to input: String, among candidates: [String], limit: Int = 3) -> [String] {
        let target = Array(input.lowercased())
        let scored = candidates.map { candidate -> (String, Int) in
            let name = Array(candidate.lowercased())
            var distance = editDistance(target, name)
            if name.starts(with: target) || target.starts(with: name) { distance = min(distance, 1) }
            return (candidate, distance)
        }
        let threshold = max(2, target.count / 2)
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
        // Two 64-bit draws (each one getrandom call), not sixteen one-byte draws.
        var generator = SystemRandomNumberGenerator()
        let high = generator.next()
        let low = generator.next()
        var bytes = (0..<8).map { UInt8(truncatingIfNeeded: high >> (8 * $0)) } + (0..<8).map { UInt8(truncatingIfNeeded: low >> (8 * $0)) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = Array("0123456789abcdef")
        var text = ""
        for (index, byte) in bytes.enumerated() {
            if [4, 6, 8, 10].contains(index) { text.append("-") }
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
        return text
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
