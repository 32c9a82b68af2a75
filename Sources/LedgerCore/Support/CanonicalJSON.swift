/// The canonical byte form of a log entry: the bytes its hash is taken over.
///
/// JSON (RFC 8259) in UTF-8, with:
/// - no whitespace outside strings;
/// - an object's members in ascending order of their names' UTF-8 bytes;
/// - strings escaped as every JSON ledger writes (`"` `\` `\n` `\r` `\t` `\b` `\f`, the other
///   controls as `\u00xx`, and `<` `>` `&` U+2028 U+2029 as `\u003c` `\u003e` `\u0026`
///   `\u2028` `\u2029`); every other character as itself. Text is hashed as stored: the
///   ledger never re-normalises what was typed, so two spellings are two records;
/// - integers in decimal, without leading zeros or `+`;
/// - reals (the bounds of a figure) as the shortest decimal that reads back as the same
///   64-bit double, always with a `.` or an exponent (`1000.0`, `0.5`, `1e+16`), so that a
///   reader tells them from integers.
///
/// `CanonicalJSON` writes it straight from values; `JSONValue.canonicalBytes()` writes it
/// from a parsed document (what `verify` and `import` hash), and the two agree byte for byte.
struct CanonicalJSON {
    var bytes: [UInt8] = []

    init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func raw(_ other: [UInt8]) { bytes.append(contentsOf: other) }

    mutating func string(_ value: String) { CanonicalJSON.appendString(value, to: &bytes) }

    mutating func integer(_ value: Int64) { bytes.append(contentsOf: String(value).utf8) }

    mutating func real(_ value: Double) { bytes.append(contentsOf: CanonicalJSON.realText(value).utf8) }

    mutating func value(_ value: SQLValue) {
        switch value {
        case .null: raw("null")
        case .integer(let number): integer(number)
        case .real(let number): real(number)
        case .text(let text): string(text)
        case .utf8(let bytes): string(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// `"name":`
    mutating func key(_ name: String) {
        string(name)
        bytes.append(UInt8(ascii: ":"))
    }

    static func realText(_ value: Double) -> String {
        // Swift prints the shortest round-trip decimal; NaN and infinities never reach a row
        // (the columns hold finite bounds or NULL), but are written as JSON can read them.
        guard value.isFinite else { return "null" }
        return String(value)
    }

    static func appendString(_ value: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        // Fast path: text with nothing to escape is copied as it is (0xE2 leads U+2028/U+2029).
        var value = value
        let plain = value.withUTF8 { utf8 -> Bool in
            for byte in utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x3C || byte == 0x3E || byte == 0x26 || byte == 0xE2 {
                return false
            }
            bytes.append(contentsOf: utf8)
            return true
        }
        if plain {
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": bytes.append(contentsOf: [0x5C, 0x22])
            case "\\": bytes.append(contentsOf: [0x5C, 0x5C])
            case "\n": bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case "\r": bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case "\t": bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case "\u{08}": bytes.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case "\u{0C}": bytes.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case "\u{2028}": bytes.append(contentsOf: Array("\\u2028".utf8))
            case "\u{2029}": bytes.append(contentsOf: Array("\\u2029".utf8))
            case "<": bytes.append(contentsOf: Array("\\u003c".utf8))
            case ">": bytes.append(contentsOf: Array("\\u003e".utf8))
            case "&": bytes.append(contentsOf: Array("\\u0026".utf8))
            default:
                if scalar.value < 0x20 {
                    let digits = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: Array("\\u00".utf8))
                    bytes.append(digits[Int(scalar.value >> 4)])
                    bytes.append(digits[Int(scalar.value & 15)])
                } else {
                    bytes.append(contentsOf: String(scalar).utf8)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

extension JSONValue {
    /// This value in the canonical form (`CanonicalJSON`): members sorted by name, as written otherwise.
    func canonicalBytes() -> [UInt8] {
        var output: [UInt8] = []
        writeCanonical(to: &output)
        return output
    }

    private func writeCanonical(to output: inout [UInt8]) {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
        case .integer(let value): output.append(contentsOf: String(value).utf8)
        case .number(let value): output.append(contentsOf: CanonicalJSON.realText(value).utf8)
        case .string(let value): CanonicalJSON.appendString(value, to: &output)
        case .array(let items):
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                item.writeCanonical(to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            let sorted = members.enumerated().sorted { a, b in
                let order = CanonicalJSON.compare(a.element.0, b.element.0)
                return order == 0 ? a.offset < b.offset : order < 0
            }
            for (index, member) in sorted.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                CanonicalJSON.appendString(member.element.0, to: &output)
                output.append(UInt8(ascii: ":"))
                member.element.1.writeCanonical(to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }
}

extension CanonicalJSON {
    /// -1, 0 or 1 as `a`'s UTF-8 bytes sort before, equal or after `b`'s.
    static func compare(_ a: String, _ b: String) -> Int {
        var left = a.utf8.makeIterator()
        var right = b.utf8.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case let (x?, y?) where x != y: return x < y ? -1 : 1
            default: continue
            }
        }
    }
}
