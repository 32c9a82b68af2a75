/// HTML (and SVG) that user text cannot break out of.
///
/// Everything a user typed goes through `text` (element content) or `attribute` (a quoted
/// attribute value): `&`, `<`, `>`, `"` and `'` become character references, so typed text
/// can never open a tag, end an attribute or start a script. What it shows is what
/// `Markdown.text` shows: one line, with bidirectional controls, control characters and
/// hidden characters dropped. Only the ledger makes links, and only to http and https
/// addresses (`link`).
///
/// It works on UTF-8 bytes: plain ASCII is copied a run at a time, and only a scalar outside
/// the ranges that hold nothing hidden is looked up in Unicode's properties.
public enum HTML {
    /// `input` escaped for element content or a quoted attribute value (both: `"` and `'` are escaped too).
    public static func text(_ input: String) -> String {
        var bytes = input
        let escaped: String? = bytes.withUTF8 { bytes in
            if isPlain(bytes) { return nil }
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + 16)
            append(bytes, to: &output)
            // Other Unicode spaces at either end go too, as in Markdown.
            return String(decoding: output, as: UTF8.self).trimmingSpaces
        }
        return escaped ?? input
    }

    /// True when no byte needs escaping or dropping and neither end is a space.
    @inline(__always)
    static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20 else { return false }
        for byte in bytes where byte < 0x20 || byte >= 0x7F || byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27 {
            return false
        }
        return true
    }

    static func append(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        let start = output.count
        // A line break (of any kind) becomes one space, never two in a row.
        var pendingSpace = false
        var index = 0
        let count = bytes.count
        @inline(__always) func space() {
            if output.count > start, output[output.count - 1] != 0x20 { pendingSpace = true }
        }
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                index += 1
                switch byte {
                case 0x0A, 0x0D, 0x09, 0x0B, 0x0C:
                    space()
                    continue
                case 0x00..<0x20, 0x7F: continue
                default: break
                }
                if pendingSpace {
                    output.append(0x20)
                    pendingSpace = false
                }
                switch byte {
                case 0x26: output.append(contentsOf: ampersand)
                case 0x3C: output.append(contentsOf: lessThan)
                case 0x3E: output.append(contentsOf: greaterThan)
                case 0x22: output.append(contentsOf: quote)
                case 0x27: output.append(contentsOf: apostrophe)
                case 0x20: if output.count > start { output.append(0x20) }
                default: output.append(byte)
                }
                continue
            }
            let (scalar, length) = UTF8Scalars.decode(bytes, at: index)
            let value = scalar.value
            if value == 0x85 || value == 0x2028 || value == 0x2029 {
                space()
            } else if !scalar.isDroppedInReports {
                if pendingSpace {
                    output.append(0x20)
                    pendingSpace = false
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<(index + length)]))
            }
            index += length
        }
        // Spaces at either end go; other Unicode spaces at the ends stay as typed (they are visible).
        while output.count > start, output[output.count - 1] == 0x20 { output.removeLast() }
    }

    static let ampersand = Array("&amp;".utf8)
    static let lessThan = Array("&lt;".utf8)
    static let greaterThan = Array("&gt;".utf8)
    static let quote = Array("&quot;".utf8)
    static let apostrophe = Array("&#39;".utf8)

    /// A link to `url` when it is an http or https address; otherwise the address as inert text.
    public static func link(_ label: String, _ url: String) -> String {
        guard Markdown.isWebAddress(url) else { return "<span class=\"inert\">" + text(url) + "</span>" }
        return "<a href=\"" + address(url) + "\" rel=\"nofollow noopener noreferrer\">" + text(label) + "</a>"
    }

    /// An http(s) address for an `href`: characters that have no place in a URL percent-encoded, then escaped for the attribute.
    static func address(_ url: String) -> String {
        var encoded = ""
        encoded.reserveCapacity(url.utf8.count)
        for scalar in url.unicodeScalars {
            let value = scalar.value
            if value < 0x21 || value == 0x7F || value == 0x22 || value == 0x27 || value == 0x3C || value == 0x3E || value == 0x5C
                || value == 0x60 || (value >= 0x80 && scalar.isDroppedInReports) || value == 0x85 || value == 0x2028 || value == 0x2029
            {
                for byte in String(scalar).utf8 {
                    let hex = String(byte, radix: 16, uppercase: true)
                    encoded += "%" + (hex.count == 1 ? "0" + hex : hex)
                }
            } else {
                encoded.unicodeScalars.append(scalar)
            }
        }
        return text(encoded)
    }

    /// A handle or id as code.
    @inline(__always)
    public static func code(_ slug: String) -> String { "<code>" + text(slug) + "</code>" }
}

/// Decoding of one scalar from valid UTF-8 (a Swift string's bytes always are).
enum UTF8Scalars {
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let lead = UInt32(bytes[index])
        if lead < 0xE0 {
            let value = (lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
            return (Unicode.Scalar(value) ?? "\u{FFFD}", 2)
        }
        if lead < 0xF0 {
            let value = (lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
            return (Unicode.Scalar(value) ?? "\u{FFFD}", 3)
        }
        let value =
            (lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12 | UInt32(bytes[index + 2] & 0x3F) << 6
            | UInt32(bytes[index + 3] & 0x3F)
        return (Unicode.Scalar(value) ?? "\u{FFFD}", 4)
    }
}

extension Unicode.Scalar {
    /// Whether reports leave it out: a control character, a bidirectional control or another
    /// hidden character (`Markdown.dropped`, `isHiddenInReports`).
    ///
    /// Most text never reaches the property lookup: the ranges below hold no control and no
    /// Default_Ignorable_Code_Point (a test walks every scalar to hold this true).
    @inline(__always)
    var isDroppedInReports: Bool {
        let v = value
        if v >= 0x20 && v < 0x7F { return false }
        if v >= 0xAE && v < 0x34F { return false }
        if v >= 0x350 && v < 0x61C { return false }
        if v >= 0x61D && v < 0x115F { return false }
        if v >= 0x1161 && v < 0x17B4 { return false }
        if v >= 0x17B6 && v < 0x180B { return false }
        if v >= 0x1810 && v < 0x200B { return false }
        if v >= 0x2070 && v < 0x3164 { return false }
        if v >= 0x3165 && v < 0xFDD0 { return false }
        if v >= 0xFDF0 && v < 0xFE00 { return false }
        return Markdown.dropped.contains(v) || isControlCharacter || isHiddenInReports || isNoncharacter
    }

    /// U+FDD0–FDEF and the last two code points of every plane: never text, and not allowed in
    /// HTML or XML (an SVG holding one is not well-formed).
    var isNoncharacter: Bool {
        (0xFDD0...0xFDEF).contains(value) || value & 0xFFFE == 0xFFFE
    }
}
