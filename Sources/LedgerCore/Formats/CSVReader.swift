/// Reads RFC 4180 CSV from bytes in memory (an import reads its whole input first), one
/// record at a time.
///
/// Quoted fields may hold commas, doubled quotes and line breaks; records end with CRLF
/// or LF. Written by hand rather than taken from a package because the CSV packages in the mirror pull in
/// all of Foundation, which measured ~0.9 ms more start-up for every command and a
/// 60 MB larger binary (README, Performance); the tests check it against CSV.swift.
public struct CSVReader {
    public enum Failure: Error, Equatable {
        case unterminatedQuote(record: Int)
        case quoteInUnquotedField(record: Int)
        case textAfterClosingQuote(record: Int)
        case invalidUTF8(record: Int)
    }

    private let buffer: [UInt8]
    private var position = 0
    /// The number of the record last returned (1 for the first, the header).
    public private(set) var recordNumber = 0

    public init(bytes: [UInt8]) { buffer = bytes }

    private mutating func nextByte() -> UInt8? {
        guard position < buffer.count else { return nil }
        defer { position += 1 }
        return buffer[position]
    }

    private func peekByte() -> UInt8? {
        position < buffer.count ? buffer[position] : nil
    }

    /// The next record's fields, or nil at the end of the input. Blank lines are skipped.
    public mutating func next() throws(Failure) -> [String]? {
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var afterQuote = false
        var sawAnything = false
        recordNumber += 1
        func finish(_ bytes: [UInt8]) throws(Failure) -> String {
            guard let text = String(validating: bytes, as: UTF8.self) else { throw .invalidUTF8(record: recordNumber) }
            return text
        }
        while true {
            guard let byte = nextByte() else {
                if quoted { throw .unterminatedQuote(record: recordNumber) }
                guard sawAnything else { return nil }
                fields.append(try finish(field))
                return fields
            }
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if peekByte() == UInt8(ascii: "\"") {
                        _ = nextByte()
                        field.append(byte)
                    } else {
                        quoted = false
                        afterQuote = true
                    }
                } else {
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: ","):
                fields.append(try finish(field))
                field.removeAll(keepingCapacity: true)
                afterQuote = false
                sawAnything = true
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                if byte == UInt8(ascii: "\r"), peekByte() == UInt8(ascii: "\n") { _ = nextByte() }
                if !sawAnything && field.isEmpty && !afterQuote { continue }
                fields.append(try finish(field))
                return fields
            case UInt8(ascii: "\""):
                guard field.isEmpty, !afterQuote else { throw .quoteInUnquotedField(record: recordNumber) }
                quoted = true
                sawAnything = true
            default:
                if afterQuote { throw .textAfterClosingQuote(record: recordNumber) }
                field.append(byte)
                sawAnything = true
            }
        }
    }
}
