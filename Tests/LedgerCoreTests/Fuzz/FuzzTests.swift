import Foundation
import LedgerTestSupport
import Testing

@testable import LedgerCore

/// Seeded fuzzing of everything that reads outside input: the quantity and date parsers,
/// the CSV reader, the JSON parser, and whole imports. Each input must give a value or a
/// `LedgerError`/parse failure — never a crash, a hang, or a broken ledger.
///
/// Every input that ever broke one of them is kept in `Fuzz/Regressions` (named
/// `quantity-…`, `date-…`, `json-…`, `csv-…`) and replayed on every run. The iteration
/// count is bounded for CI; set LEDGER_FUZZ_ITERATIONS to run longer.
struct FuzzTests {
    static let iterations = Int(ProcessInfo.processInfo.environment["LEDGER_FUZZ_ITERATIONS"] ?? "") ?? 3000
    static let regressions = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Regressions")

    static func regressionInputs(_ prefix: String) throws -> [(String, [UInt8])] {
        try FileManager.default.contentsOfDirectory(atPath: regressions.path).filter { $0.hasPrefix(prefix + "-") }.sorted().map {
            ($0, Array(try Data(contentsOf: regressions.appendingPathComponent($0))))
        }
    }

    /// Random bytes, biased toward the characters each format cares about.
    static func randomBytes(_ random: inout SeededRandom, alphabet: [UInt8], maxLength: Int) -> [UInt8] {
        (0..<Int(random.next() % UInt64(maxLength + 1))).map { _ in
            random.next() % 4 == 0 ? UInt8(truncatingIfNeeded: random.next()) : alphabet[Int(random.next() % UInt64(alphabet.count))]
        }
    }

    @Test func quantityParser() throws {
        let check = { (text: String) in
            if let quantity = try? QuantityParser.parse(text) {
                #expect(quantity.low <= quantity.high && quantity.low.isFinite && quantity.low >= 0, "\(text)")
            }
        }
        for (_, bytes) in try FuzzTests.regressionInputs("quantity") { check(String(decoding: bytes, as: UTF8.self)) }
        var random = SeededRandom(seed: 0xF00D)
        let alphabet = Array("0123456789 ,.-–~<>=kmsqha2²bnt".utf8) + Array("more than about up to".utf8)
        for _ in 0..<FuzzTests.iterations {
            check(String(decoding: FuzzTests.randomBytes(&random, alphabet: alphabet, maxLength: 40), as: UTF8.self))
        }
    }

    @Test func dateParser() throws {
        var parsed = 0
        let check = { (text: String) in
            if let date = LedgerDate(text) {
                parsed += 1
                #expect(LedgerDate(date.text) == date, "normalizing twice changes \(text)")
                #expect(date.text.count == 10 || date.text.count == 20)
            }
        }
        for (_, bytes) in try FuzzTests.regressionInputs("date") { check(String(decoding: bytes, as: UTF8.self)) }
        var random = SeededRandom(seed: 0xDA7E)
        func pick(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(random.next() % UInt64(range.count)) }
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        func daysIn(_ month: Int, _ year: Int) -> Int {
            month == 2 ? (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28) : [4, 6, 9, 11].contains(month) ? 30 : 31
        }
        let alphabet = Array("0123456789-:T+Z. ".utf8)
        parsed = 0
        for round in 0..<FuzzTests.iterations {
            // A calendar date (the oracle: it reads exactly when the day exists), a moment with a
            // zone or fraction, or either with a few bytes changed, or random bytes.
            let year = pick(1900...2100), month = pick(1...13), day = pick(1...31)
            let date = "\(year)-\(two(month))-\(two(day))"
            switch round % 4 {
            case 0:
                let real = month <= 12 && day <= daysIn(month, year)
                #expect((LedgerDate(date)?.text == date) == real, "\(date)")
                check(date)
            case 1:
                check(date + "T\(two(pick(0...24))):\(two(pick(0...59)))" + ["", ":\(two(pick(0...60)))", ":05.250"][pick(0...2)]
                    + ["", "Z", "+03:00", "-11:30", "+14:00"][pick(0...4)])
            case 2:
                var bytes = Array(date.utf8)
                bytes[pick(0...(bytes.count - 1))] = alphabet[pick(0...(alphabet.count - 1))]
                check(String(decoding: bytes, as: UTF8.self))
            default:
                check(String(decoding: FuzzTests.randomBytes(&random, alphabet: alphabet, maxLength: 30), as: UTF8.self))
            }
        }
        // The generated inputs exercise the parser: many read (random bytes alone read none).
        #expect(parsed >= FuzzTests.iterations / 4, "only \(parsed) of \(FuzzTests.iterations) generated dates read")
    }

    @Test func jsonParser() throws {
        // Each kept input is invalid JSON that once threatened the parser (stack depth,
        // surrogates, overflow): it must be refused with a parse failure.
        for (name, bytes) in try FuzzTests.regressionInputs("json") {
            #expect(throws: JSONParser.Failure.self, "\(name)") { try JSONParser.parse(bytes: bytes) }
        }
        var random = SeededRandom(seed: 0x150)
        let alphabet = Array("{}[]\",:0123456789.eE+-tfnrulsa\\u ".utf8)
        // A random JSON value, to be printed and then read back, whole or with a byte changed.
        func value(depth: Int) -> JSONValue {
            switch Int(random.next() % (depth > 3 ? 5 : 7)) {
            case 0: return .null
            case 1: return .bool(random.next() % 2 == 0)
            case 2: return .integer(Int64(bitPattern: random.next()) >> Int64(random.next() % 63))
            case 3: return .number(Double(Int64(random.next() % 2_000_000) - 1_000_000) / 64)
            case 4: return .string(String(decoding: (0..<Int(random.next() % 8)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }, as: UTF8.self) + ["", "é", "\u{1F600}", "\n"][Int(random.next() % 4)])
            case 5: return .array((0..<Int(random.next() % 4)).map { _ in value(depth: depth + 1) })
            default: return .object((0..<Int(random.next() % 4)).map { index in ("k\(index)", value(depth: depth + 1)) })
            }
        }
        var parsed = 0
        for round in 0..<FuzzTests.iterations {
            var bytes: [UInt8]
            switch round % 3 {
            case 0:
                let generated = value(depth: 0)
                bytes = Array(generated.serialized().utf8)
                #expect(try JSONParser.parse(bytes: bytes).serialized() == generated.serialized(), "\(generated.serialized())")
            case 1:
                bytes = Array(value(depth: 0).serialized().utf8)
                bytes[Int(random.next() % UInt64(bytes.count))] = alphabet[Int(random.next() % UInt64(alphabet.count))]
            default:
                bytes = FuzzTests.randomBytes(&random, alphabet: alphabet, maxLength: 60)
            }
            if let value = try? JSONParser.parse(bytes: bytes) {
                parsed += 1
                // Whatever parses prints as JSON that reads back and prints the same (a real with no
                // fractional part, 1000.0, prints as 1000 and reads back as the integer: the same number).
                #expect(try JSONParser.parse(value.serialized()).serialized() == value.serialized(), "\(String(decoding: bytes, as: UTF8.self))")
            }
        }
        // The generated inputs exercise the parser: a third are valid JSON, and mutations of them read too.
        #expect(parsed >= FuzzTests.iterations / 3, "only \(parsed) of \(FuzzTests.iterations) generated inputs parsed")
    }

    @Test func csvReader() throws {
        func read(_ bytes: [UInt8]) throws {
            var reader = CSVReader(bytes: bytes)
            var records = 0
            do {
                while try reader.next() != nil {
                    records += 1
                    #expect(records <= bytes.count + 1)
                }
            } catch {
                // A malformed record is refused with a CSVReader.Failure (typed throws): never a crash.
            }
        }
        for (_, bytes) in try FuzzTests.regressionInputs("csv") { try read(bytes) }
        var random = SeededRandom(seed: 0xC5F)
        for _ in 0..<(FuzzTests.iterations / 5) {
            try read(FuzzTests.randomBytes(&random, alphabet: Array("ab,\"\r\n ".utf8), maxLength: 80))
        }
    }

    /// Mutated exports: every import either fails whole (ledger unchanged) or succeeds, and check passes.
    @Test func importOfMutatedExports() throws {
        let test = try TestLedger()
        _ = try test.ledger.addClaim(NewClaim(statement: "50 km depth", claimant: "ua-military", date: LedgerDate("2022-09-10"), quantity: "50 km", tags: ["a"]))
        _ = try test.ledger.addEvidence(to: "C1", NewEvidence(stance: .supports, source: "uk-mod", quantity: "up to 50 km"))
        _ = try test.ledger.changeLifecycle(of: "C1", .retract(reason: "x"))
        var export = ""
        try test.ledger.export { export += $0 }
        let original = Array(export.utf8)

        let target = try TestLedger()
        var random = SeededRandom(seed: 0x1A9)
        var imported = 0
        for round in 0..<min(300, FuzzTests.iterations / 10) {
            var bytes = original
            for _ in 0..<Int(random.next() % 4 + 1) {
                let position = Int(random.next() % UInt64(bytes.count))
                switch random.next() % 3 {
                case 0: bytes[position] = UInt8(truncatingIfNeeded: random.next())
                case 1: bytes.remove(at: position)
                default: bytes.insert(Array("\"{}[],:0x\\".utf8)[Int(random.next() % 10)], at: position)
                }
            }
            let before = try target.snapshot()
            do {
                let outcome = try target.ledger.importExport(bytes, name: "round\(round).json")
                if outcome.added > 0 { imported += 1 }
            } catch {
                #expect(try target.snapshot() == before, "round \(round): a failed import changed the ledger")
            }
            #expect(try target.ledger.check() == [], "round \(round)")
        }
        #expect(imported > 0, "some mutations should still import")
    }
}
