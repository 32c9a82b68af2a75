/// Markdown that user text cannot break out of.
///
/// Everything a user typed goes through `text`: it cannot end a table cell, open a
/// heading, emphasis, code, a link or HTML, smuggle an entity, autolink (only the ledger
/// makes links, and only to http/https addresses, through `link`), or hide text with
/// bidirectional controls. What it renders is what was typed, on one line.
public enum Markdown {
    /// Bidirectional controls and invisible characters that could reorder or hide text.
    /// Hidden characters, less the joiners and variation selectors that input keeps where a
    /// word or an emoji needs them (`HiddenText`).
    static let dropped: Set<UInt32> = [
        0x061C, 0x200B, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2060, 0x2066, 0x2067, 0x2068, 0x2069, 0xFEFF,
    ]

    /// ASCII bytes that never need escaping (letters, digits, space and harmless punctuation),
    /// as two 64-bit masks: bit b of `plainLow` for byte b < 64, of `plainHigh` for byte 64 + b.
    static let (plainLow, plainHigh): (UInt64, UInt64) = {
        var low: UInt64 = 0
        var high: UInt64 = 0
        for byte in 0x20..<0x7F {
            let scalar = Unicode.Scalar(UInt8(byte))
            guard scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || " ,;'\"?()/%$+=-".unicodeScalars.contains(scalar)
            else { continue }
            if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
        }
        return (low, high)
    }()

    /// True when every byte is plain ASCII (see `plainLow`) and the text neither starts nor ends with a space.
    static func isPlain(_ input: String) -> Bool {
        let (low, high) = (plainLow, plainHigh)
        func check(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            guard let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20 else { return false }
            for byte in bytes {
                let plain = byte < 64 ? (low >> UInt64(byte)) & 1 : byte < 128 ? (high >> UInt64(byte - 64)) & 1 : 0
                if plain == 0 { return false }
            }
            return true
        }
        var input = input
        return input.withUTF8(check)
    }

    public static func text(_ input: String) -> String {
        // Fast path: plain ASCII words need no escaping (only a leading list marker might).
        if isPlain(input) { return neutralizingBlockStart(input) }
        var input = input
        let escaped = input.withUTF8 { bytes in
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + 16)
            escape(bytes, into: &output)
            return String(decoding: output, as: UTF8.self)
        }
        return neutralizingBlockStart(escaped.trimmingSpaces)
    }

    /// What each ASCII byte needs in Markdown text (`text`).
    private enum Action: UInt8 { case copy, backslash, entity, at, dot, lineBreak, drop }

    private static let actions: [Action] = (0..<128).map { byte -> Action in
        switch UInt8(byte) {
        case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["), UInt8(ascii: "]"),
            UInt8(ascii: "|"), UInt8(ascii: "~"), UInt8(ascii: "#"), UInt8(ascii: ":"), UInt8(ascii: "{"), UInt8(ascii: "}"):
            return .backslash
        case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"): return .entity
        case UInt8(ascii: "@"): return .at
        case UInt8(ascii: "."): return .dot
        case 0x0A, 0x0D, 0x09, 0x0B, 0x0C: return .lineBreak
        case 0x00..<0x20, 0x7F: return .drop
        default: return .copy
        }
    }

    private static let wordJoiner = Array("\u{2060}".utf8)

    /// The escaping of `text`, on UTF-8 bytes: ASCII by a table, other scalars decoded only to
    /// ask whether they are line breaks or hidden. (It replaced a loop over Unicode scalars
    /// with a set lookup per character, a third of a text-heavy report's time.)
    private static func escape(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        // The last three scalars kept, as lower-case ASCII (0 for anything else): "www." would autolink.
        var last1: UInt8 = 0, last2: UInt8 = 0, last3: UInt8 = 0
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            var seen: UInt8 = 0
            if byte < 0x80 {
                index += 1
                switch actions[Int(byte)] {
                case .copy:
                    output.append(byte)
                    seen = byte | 0x20
                case .backslash:
                    output.append(0x5C)
                    output.append(byte)
                case .entity:
                    output.append(contentsOf: byte == 0x3C ? HTML.lessThan : byte == 0x3E ? HTML.greaterThan : HTML.ampersand)
                case .at:
                    // A word joiner after @ stops e-mail and xmpp autolinks; it is invisible.
                    output.append(byte)
                    output.append(contentsOf: wordJoiner)
                case .dot:
                    if last1 == 0x77 && last2 == 0x77 && last3 == 0x77 { output.append(0x5C) }
                    output.append(byte)
                case .lineBreak:
                    if output.last != 0x20 { output.append(0x20) }
                case .drop:
                    continue
                }
            } else {
                let (scalar, length) = UTF8Scalars.decode(bytes, at: index)
                let value = scalar.value
                if value == 0x85 || value == 0x2028 || value == 0x2029 {
                    if output.last != 0x20 { output.append(0x20) }
                } else if scalar.isDroppedInReports {
                    index += length
                    continue
                } else {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<(index + length)]))
                }
                index += length
            }
            // Only a letter W (either case) is remembered as "w".
            (last3, last2, last1) = (last2, last1, seen == 0x77 ? 0x77 : 0)
        }
    }

    /// Escapes a list, quote, rule or heading marker at the start, so the text can begin a
    /// line or a block (as a quoted statement does) and still be a plain paragraph.
    static func neutralizingBlockStart(_ text: String) -> String {
        let bytes = text.utf8
        guard let first = bytes.first else { return text }
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: "=") { return "\\" + text }
        let digits = bytes.prefix { $0 >= 0x30 && $0 <= 0x39 }.count
        guard digits > 0, digits <= 9, digits < bytes.count else { return text }
        let marker = bytes[bytes.index(bytes.startIndex, offsetBy: digits)]
        guard marker == UInt8(ascii: ".") || marker == UInt8(ascii: ")") else { return text }
        return String(text.prefix(digits)) + "\\" + String(text.dropFirst(digits))
    }

    /// The characters `text` shows once rendered: what was typed, on one line, less the
    /// invisible controls it drops. (What the hostile-text test looks for in rendered HTML.)
    public static func normalizedVisibleText(_ input: String) -> String {
        var output = ""
        for scalar in input.unicodeScalars {
            switch scalar {
            case "\n", "\r", "\t", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}":
                if !output.hasSuffix(" ") { output += " " }
            default:
                if scalar.isDroppedInReports { continue }
                output.unicodeScalars.append(scalar)
                if scalar == "@" { output.unicodeScalars.append("\u{2060}") }
            }
        }
        return output.trimmingSpaces
    }

    /// A link to `url` when it is an http or https address; otherwise the address as inert text.
    public static func link(_ label: String, _ url: String) -> String {
        guard isWebAddress(url) else { return text(url) }
        return "[\(text(label))](\(destination(url)))"
    }

    /// The host of a web address, to label its link ("apnews.com").
    public static func host(_ url: String) -> String {
        let lower = url.lowercased()
        let rest = lower.hasPrefix("https://") ? url.dropFirst(8) : lower.hasPrefix("http://") ? url.dropFirst(7) : Substring(url)
        // The authority, less any user information before an @ ("https://www.reuters.com:443@evil.example/" goes to evil.example).
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" && $0 != "\\" }
        let hostAndPort = authority.lastIndex(of: "@").map { authority[authority.index(after: $0)...] } ?? authority
        let host = hostAndPort.prefix { $0 != ":" }
        return host.hasPrefix("www.") ? String(host.dropFirst(4)) : String(host)
    }

    public static func isWebAddress(_ url: String) -> Bool {
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return false }
        return !host(url).isEmpty
    }

    /// A link destination with everything that could end it or a table cell percent-encoded.
    static func destination(_ url: String) -> String {
        var output = ""
        for scalar in url.unicodeScalars {
            switch scalar {
            case "(", ")", "<", ">", " ", "\"", "\\", "|", "[", "]", "`", "'", "*", "_":
                output += "%" + String(scalar.value, radix: 16, uppercase: true)
            default:
                if scalar.value < 0x21 || scalar.value == 0x7F || dropped.contains(scalar.value) {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    output += "%" + (hex.count == 1 ? "0" + hex : hex)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output
    }

    /// A handle or id (letters, digits, hyphens) as code.
    public static func code(_ slug: String) -> String {
        let isSlug = slug.utf8.allSatisfy { byte in
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D
        }
        guard !slug.isEmpty, isSlug else { return text(slug) }
        return "`" + slug + "`"
    }

    public enum Alignment { case left, right }

    /// A table's header and delimiter rows.
    public static func tableHead(_ headers: [String], _ alignments: [Alignment]? = nil) -> String {
        let alignments = alignments ?? headers.map { _ in .left }
        let delimiter = alignments.map { $0 == .right ? "--:" : "---" }
        return row(headers) + row(delimiter)
    }

    /// One table row; cells must already be escaped.
    public static func row(_ cells: [String]) -> String {
        var line = "|"
        line.reserveCapacity(cells.reduce(4) { $0 + $1.utf8.count + 3 })
        for cell in cells {
            line += " "
            line += cell.isEmpty ? " " : cell
            line += " |"
        }
        line += "\n"
        return line
    }
}
