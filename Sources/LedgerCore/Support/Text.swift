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
    /// The text as a message can echo it: on one line, control characters as spaces,
    /// at most `limit` characters.
    public func shown(limit: Int = 60) -> String {
        // Text without control characters and short enough in bytes is shown as it is.
        // (A C1 control, U+0080–U+009F, is the byte 0xC2 followed by 0x80–0x9F in UTF-8.)
        if utf8.count <= limit {
            var clean = true
            var previous: UInt8 = 0
            for byte in utf8 {
                if byte < 0x20 || byte == 0x7F || (previous == 0xC2 && byte >= 0x80 && byte <= 0x9F) {
                    clean = false
                    break
                }
                previous = byte
            }
            if clean { return String(self) }
        }
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
    private static func format(_ bytes: ArraySlice<UInt8>) -> String {
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
