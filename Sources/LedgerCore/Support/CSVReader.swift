#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads RFC 4180 CSV from a file descriptor or from bytes, one record at a time, on UTF-8 bytes.
///
/// Quoted fields may hold commas, doubled quotes and line breaks; records end with CRLF
/// or LF. From a descriptor it reads 64 KiB at a time, so memory does not grow with the file. Written by
/// hand rather than taken from a package because the CSV packages in the mirror pull in
/// all of Foundation, which measured ~0.9 ms more start-up for every command and a
/// 60 MB larger binary (README, Performance); the tests check it against CSV.swift.
public struct CSVReader {
    public enum Failure: Error, Equatable {
        case unterminatedQuote(record: Int)
        case quoteInUnquotedField(record: Int)
        case textAfterClosingQuote(record: Int)
        case invalidUTF8(record: Int)
        case read(String)
    }

    private let descriptor: Int32
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    private var count = 0
    private var position = 0
    private var finished = false
    /// The number of the record last returned (1 for the first, the header).
    public private(set) var recordNumber = 0

    public init(descriptor: Int32) { self.descriptor = descriptor }

    /// Reads records from bytes already in memory (an import reads its whole input first).
    public init(bytes: [UInt8]) {
        descriptor = -1
        buffer = bytes
        count = bytes.count
        finished = true
    }

    private mutating func nextByte() throws(Failure) -> UInt8? {
        if position == count {
            guard !finished else { return nil }
            var got: Int
            repeat { got = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) } } while got < 0 && errno == EINTR
            if got < 0 { throw .read(String(cString: strerror(errno))) }
            if got == 0 {
                finished = true
                return nil
            }
            count = got
            position = 0
        }
        defer { position += 1 }
        return buffer[position]
    }

    private mutating func peekByte() throws(Failure) -> UInt8? {
        guard let byte = try nextByte() else { return nil }
        position -= 1
        return byte
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
            guard let byte = try nextByte() else {
                if quoted { throw .unterminatedQuote(record: recordNumber) }
                guard sawAnything else { return nil }
                fields.append(try finish(field))
                return fields
            }
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if try peekByte() == UInt8(ascii: "\"") {
                        _ = try nextByte()
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
                if byte == UInt8(ascii: "\r"), try peekByte() == UInt8(ascii: "\n") { _ = try nextByte() }
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
