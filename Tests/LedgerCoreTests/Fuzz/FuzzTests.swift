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
        let check = { (text: String) in
            if let date = LedgerDate(text) {
                #expect(LedgerDate(date.text) == date, "normalizing twice changes \(text)")
                #expect(date.text.count == 10 || date.text.count == 20)
            }
        }
        for (_, bytes) in try FuzzTests.regressionInputs("date") { check(String(decoding: bytes, as: UTF8.self)) }
        var random = SeededRandom(seed: 0xDA7E)
        let alphabet = Array("0123456789-:T+Z. ".utf8)
        for _ in 0..<FuzzTests.iterations {
            check(String(decoding: FuzzTests.randomBytes(&random, alphabet: alphabet, maxLength: 30), as: UTF8.self))
        }
    }

    @Test func jsonParser() throws {
        // Each kept input is invalid JSON that once threatened the parser (stack depth,
        // surrogates, overflow): it must be refused with a parse failure.
        for (name, bytes) in try FuzzTests.regressionInputs("json") {
            #expect(throws: JSONParser.Failure.self, "\(name)") { try JSONParser.parse(bytes: bytes) }
        }
        var random = SeededRandom(seed: 0x150)
        let alphabet = Array("{}[]\",:0123456789.eE+-tfnrulsa\\u ".utf8)
        for _ in 0..<FuzzTests.iterations {
            let bytes = FuzzTests.randomBytes(&random, alphabet: alphabet, maxLength: 60)
            if let value = try? JSONParser.parse(bytes: bytes) {
                // Whatever parses, prints as JSON that parses to the same value.
                #expect(try JSONParser.parse(value.serialized()) == value)
            }
        }
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
