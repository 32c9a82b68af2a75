import LedgerTestSupport
import Testing

@testable import LedgerCore

struct QuantityParserTests {
    static let infinity = Double.infinity

    /// Each accepted form: (text, low, high, low open, high open, dimension).
    @Test(arguments: [
        // The seed article's figures.
        ("more than 1000 square kilometres", 1000.0, infinity, true, false, Dimension.area),
        ("a depth of 50 kilometres", 50, 50, false, false, .length),
        ("as much as 50km", 0, 50, false, false, .length),
        ("73km", 73, 73, false, false, .length),
        ("more than 30 settlements", 30, infinity, true, false, .count("settlement")),
        ("nearly seven-month", 190.8, 236.5, false, false, .duration),
        // Qualifiers.
        ("= 50 km", 50, 50, false, false, .length),
        ("exactly 50 km", 50, 50, false, false, .length),
        ("> 50 km", 50, infinity, true, false, .length),
        (">= 50 km", 50, infinity, false, false, .length),
        ("≥ 50 km", 50, infinity, false, false, .length),
        ("over 50 km", 50, infinity, true, false, .length),
        ("above 50 km", 50, infinity, true, false, .length),
        ("at least 50 km", 50, infinity, false, false, .length),
        ("< 50 km", 0, 50, false, true, .length),
        ("<= 50 km", 0, 50, false, false, .length),
        ("up to 50 km", 0, 50, false, false, .length),
        ("at most 50 km", 0, 50, false, false, .length),
        ("less than 50 km", 0, 50, false, true, .length),
        ("fewer than 50 tanks", 0, 50, false, true, .count("tank")),
        ("under 50 km", 0, 50, false, true, .length),
        ("no more than 50 km", 0, 50, false, false, .length),
        ("~50 km", 45, 55, false, false, .length),
        ("about 50 km", 45, 55, false, false, .length),
        ("around 50 km", 45, 55, false, false, .length),
        ("approximately 50 km", 45, 55, false, false, .length),
        ("roughly 50 km", 45, 55, false, false, .length),
        ("almost 50 km", 45, 55, false, false, .length),
        ("MORE THAN 1,000 SQ KM", 1000, infinity, true, false, .area),
        // Numbers.
        ("1,000 sq km", 1000, 1000, false, false, .area),
        ("1 000 sq km", 1000, 1000, false, false, .area),
        ("12,345,678", 12_345_678, 12_345_678, false, false, .count("")),
        ("2.5 km", 2.5, 2.5, false, false, .length),
        ("1,000.5 km", 1000.5, 1000.5, false, false, .length),
        ("3 thousand tanks", 3000, 3000, false, false, .count("tank")),
        ("50k", 50000, 50000, false, false, .count("")),
        ("about 1.5 million", 1_350_000, 1_650_000, false, false, .count("")),
        ("twelve tanks", 12, 12, false, false, .count("tank")),
        // Ranges.
        ("30-40 km", 30, 40, false, false, .length),
        ("30–40 km", 30, 40, false, false, .length),
        ("30 to 40 km", 30, 40, false, false, .length),
        ("30 - 40 settlements", 30, 40, false, false, .count("settlement")),
        ("about 30-40 km", 27, 44, false, false, .length),
        ("1.5-2 million", 1_500_000, 2_000_000, false, false, .count("")),
        // Units.
        ("500 m", 0.5, 0.5, false, false, .length),
        ("2 metres", 0.002, 0.002, false, false, .length),
        ("10 mi", 16.09344, 16.09344, false, false, .length),
        ("10 miles", 16.09344, 16.09344, false, false, .length),
        ("3 kilometers", 3, 3, false, false, .length),
        ("100 km2", 100, 100, false, false, .area),
        ("100 km²", 100, 100, false, false, .area),
        ("100 sq. km", 100, 100, false, false, .area),
        ("100 square kilometers", 100, 100, false, false, .area),
        ("1 sq mi", 2.589988110336, 2.589988110336, false, false, .area),
        ("1 square mile", 2.589988110336, 2.589988110336, false, false, .area),
        ("250 ha", 2.5, 2.5, false, false, .area),
        ("250 hectares", 2.5, 2.5, false, false, .area),
        ("5 tanks", 5, 5, false, false, .count("tank")),
        ("1 tank", 1, 1, false, false, .count("tank")),
        ("4 casualties", 4, 4, false, false, .count("casualty")),
        ("300 people", 300, 300, false, false, .count("person")),
        ("2 armoured vehicles", 2, 2, false, false, .count("armoured vehicle")),
        // Context around the figure.
        ("50 km south of Kharkiv", 50, 50, false, false, .length),
        ("more than 30 settlements in the Kharkiv region", 30, infinity, true, false, .count("settlement")),
        ("an area of 1000 sq km", 1000, 1000, false, false, .area),
        // As the news writes them (SPEC §4, first part): number words joined by a hyphen,
        // ranges in words, more qualifiers, "N+".
        ("twenty-one dead", 21, 21, false, false, .count("death")),
        ("thirty-five tanks", 35, 35, false, false, .count("tank")),
        ("ninety-nine", 99, 99, false, false, .count("")),
        ("between 4,000 and 5,000 dead", 4000, 5000, false, false, .count("death")),
        ("from 30 to 40 km", 30, 40, false, false, .length),
        ("about between 3 and 4 km", 2.7, 4.4, false, false, .length),
        ("some 300 dead", 270, 330, false, false, .count("death")),
        ("c. 300 dead", 270, 330, false, false, .count("death")),
        ("ca. 300 dead", 270, 330, false, false, .count("death")),
        ("circa 300 dead", 270, 330, false, false, .count("death")),
        ("approx. 1k km²", 900, 1100, false, false, .area),
        ("approx 1k km2", 900, 1100, false, false, .area),
        ("close to 300", 270, 330, false, false, .count("")),
        ("an estimated 18,000 people", 16200, 19800, false, false, .count("person")),
        ("just under 50 km", 0, 50, false, true, .length),
        ("5,300+", 5300, infinity, false, false, .count("")),
        ("5,300+ displaced", 5300, infinity, false, false, .count("displaced")),
        // A qualifier-like word before context ending in "of" is context, as before.
        ("close to a depth of 50 km", 50, 50, false, false, .length),
    ])
    func accepted(text: String, low: Double, high: Double, lowOpen: Bool, highOpen: Bool, dimension: Dimension) throws {
        let quantity = try QuantityParser.parse(text)
        #expect(quantity.text == text)
        #expect(abs(quantity.low - low) < 1e-9)
        #expect(quantity.high == high || abs(quantity.high - high) < 1e-9)
        #expect(quantity.lowOpen == lowOpen)
        #expect(quantity.highOpen == highOpen)
        #expect(quantity.dimension == dimension)
    }

    @Test(arguments: [
        ("Kupiansk", "is not a quantity"),
        ("", "is not a quantity"),
        ("km", "is not a quantity"),
        ("tanks 50", "is not a quantity"),
        ("1,5 km", "is not a quantity"),
        ("12 12", "is not a quantity"),
        ("50 km2 km", "is not a quantity"),
        ("40-30 km", "runs backwards"),
        ("more than 30-40 km", "puts a bound on a range"),
        ("50 #km", "is not a quantity"),
        ("between 40 and 30 km", "runs backwards"),
        ("between 3 km", "is not a quantity"),
        ("from 30 km", "is not a quantity"),
        ("more than 5,300+", "is not a quantity"),
        ("twenty - one", "runs backwards"),
        // The refusal quotes the part it could not read.
        ("50 #km", "(could not read '#km' after the number)"),
        ("about lots of km", "(no number where 'lots' stands)"),
        ("between 3 km", "(a range in words needs 'and' after its first number)"),
        ("from 30 to km", "(no number after 'to')"),
        ("Tanks 50", "(it does not start with a number: 'Tanks')"),
        ("more than 5,300+", "('+' is a bound of its own"),
    ])
    func refused(text: String, message: String) {
        let error = #expect(throws: LedgerError.self) { try QuantityParser.parse(text) }
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
        #expect(error?.exitCode == 65)
        if message.hasPrefix("is not a quantity") || message.hasPrefix("(") {
            #expect(error?.message.contains("; give a number with an optional qualifier and unit, such as \"") == true)
        }
    }

    /// A refusal's example is made of what was typed: its number, qualifier and unit, kept as
    /// typed; with nothing known in it, the general examples.
    @Test(arguments: [
        ("lots of dead", "such as \"300 dead\"."),
        ("about 12 #km", "such as \"about 12 km\"."),
        ("some thousands of IDPs", "such as \"some 300 IDPs\"."),
        ("several hundred sq km", "such as \"300 sq km\"."),
        ("$ lots", "such as \"$300\"."),
        ("€ plenty", "such as \"€300\"."),
        ("USD lots", "such as \"USD 300\"."),
        ("loads of percent", "such as \"40%\"."),
        ("many weeks", "such as \"300 weeks\"."),
        ("about #5 percentage points", "such as \"about 5 percentage points\"."),
        ("Tanks 50", "such as \"50 Tanks\"."),
        ("Kupiansk", "such as \"more than 1000 sq km\", \"as much as 50 km\", \"30-40 settlements\" or \"about 1.5 million\"."),
        ("12 12", "such as \"more than 1000 sq km\""),
    ])
    func aRefusalGivesAnExampleCloseToWhatWasTyped(text: String, example: String) {
        let error = #expect(throws: LedgerError.self) { try QuantityParser.parse(text) }
        #expect(error?.message.hasSuffix(example) == true || error?.message.contains(example) == true, "\(error?.message ?? "")")
        // The example itself reads.
        if let quoted = error?.message.split(separator: "\"").dropFirst().first {
            #expect((try? QuantityParser.parse(String(quoted))) != nil, "\(quoted)")
        }
    }

    @Test func consistencyIsIntervalIntersection() throws {
        func q(_ text: String) throws -> Quantity { try QuantityParser.parse(text) }
        #expect(try q("50 km").isConsistent(with: q("as much as 50 km")))
        #expect(try q("more than 1000 sq km").isConsistent(with: q("about 1100 sq km")))
        #expect(try !q("more than 1000 sq km").isConsistent(with: q("1000 sq km")))
        #expect(try q("at least 1000 sq km").isConsistent(with: q("1000 sq km")))
        #expect(try !q("less than 50 km").isConsistent(with: q("50 km")))
        #expect(try !q("50 km").isConsistent(with: q("60 km")))
        #expect(try q("30-40 settlements").isConsistent(with: q("more than 30 settlement")))
        // Different dimensions or different things counted are not comparable, and so never consistent.
        #expect(try !q("50 km").isComparable(with: q("50 km2")))
        #expect(try !q("5 tanks").isComparable(with: q("5 settlements")))
        #expect(try q("5 tanks").isComparable(with: q("1 tank")))
        #expect(try q("up to 3 mi").isConsistent(with: q("4 km")))
    }

    @Test func agreementIsTheIntersectionOfIndependentFigures() throws {
        func q(_ text: String) throws -> Quantity { try QuantityParser.parse(text) }
        #expect(QuantityRules.agreement(of: []) == .noIndependentFigures)
        guard case .agree(let range) = QuantityRules.agreement(of: [try q("as much as 50 km"), try q("more than 40 km")]) else {
            Issue.record("expected agreement")
            return
        }
        #expect(range.low == 40 && range.high == 50 && range.lowOpen && !range.highOpen)
        #expect(range.intervalText == "(40, 50] km")
        #expect(QuantityRules.agreement(of: [try q("30 km"), try q("60 km")]) == .disagree)
    }

    @Test func randomTextNeverCrashesAndAcceptedQuantitiesAreSane() {
        var random = SeededRandom(seed: 4242)
        let pieces = [
            "more than", "about", "up to", "~", ">", "<=", "-", "–", "to", " ", " ", ",", ".", "0", "1", "7", "30", "1,000",
            "1 000", "k", "thousand", "million", "km", "km²", "sq", "mi", "ha", "m", "tanks", "settlement", "of", "south", "'",
            "\"", "(", ")", "*", "é", "ї", "\u{0}", "\u{301}", "🙂", "seven", "a", "depth",
        ]
        var accepted: [Quantity] = []
        for _ in 0..<5000 {
            let count = Int(random.next() % 7)
            let text = (0..<count).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            guard let quantity = try? QuantityParser.parse(text) else { continue }
            #expect(quantity.low <= quantity.high, "\(text)")
            #expect(quantity.low >= 0, "\(text)")
            accepted.append(quantity)
        }
        #expect(accepted.count > 200)
        for _ in 0..<5000 {
            let a = accepted[Int(random.next() % UInt64(accepted.count))]
            let b = accepted[Int(random.next() % UInt64(accepted.count))]
            #expect(a.isConsistent(with: b) == b.isConsistent(with: a))
            #expect(a.isConsistent(with: a))
        }
    }

    @Test func intervalTextAndFormatting() throws {
        #expect(try QuantityParser.parse("more than 1000 sq km").intervalText == "(1000, ∞) km2")
        #expect(try QuantityParser.parse("about 50 km").intervalText == "[45, 55] km")
        #expect(try QuantityParser.parse("less than 5 tanks").intervalText == "[0, 5) tank")
        #expect(try QuantityParser.parse("73km").intervalText == "73 km")
        #expect(Quantity.format(2.589988110336) == "2.589988110336")
    }

    /// A figure is stored as given, or refused: never rounded to fewer digits than it has.
    @Test func figuresKeepFifteenSignificantDigitsOrAreRefused() throws {
        let exact = try QuantityParser.parse("123456789012345 km")
        #expect(exact.low == 123_456_789_012_345 && exact.high == 123_456_789_012_345)
        #expect(exact.intervalText == "123456789012345 km")
        let largest = try QuantityParser.parse("999999999999999 km")
        #expect(largest.low == 999_999_999_999_999)
        #expect(try QuantityParser.parse("0.123456789012345 km").low == 0.123456789012345)
        #expect(try QuantityParser.parse("about 50 km").low == 45)
        for text in ["1.2345678901234567 km", "1234567890123456 tanks", "0.1234567890123456 km"] {
            #expect(throws: LedgerError.self, "\(text) must be refused") { try QuantityParser.parse(text) }
        }
    }
}

struct TextFoldTests {
    @Test func placesFoldCaseDiacriticsAndApostrophes() {
        let forms = ["Kupiansk", "kupiansk", "Kup'iansk", "Kup’iansk", "KUPʼIANSK", "Kupiánsk", "Kupia\u{301}nsk"]
        #expect(Set(forms.map(TextFold.fold)) == ["kupiansk"])
        #expect(TextFold.fold("Izium") != TextFold.fold("Izyum"))
        #expect(TextFold.fold("Łódź") == "lodz")
        #expect(TextFold.fold("Куп'янськ") == "купянськ")
        #expect(TextFold.fold("Київ") == "киів")
    }
}

struct SearchQueryTests {
    @Test(arguments: [
        ("Kupiansk", #""kupiansk""#),
        ("Kup'iansk seized", #""kupiansk" "seized""#),
        ("kup*", #""kup"*"#),
        (#"" OR 1=1 --"#, #""or" "1""#),
        ("c* c* c* C* c", #""c"* "c""#),
        ("NEAR(a b)", #""near" "a" "b""#),
        ("-Izyum (Balakliya)", #""izyum" "balakliya""#),
        ("statement:tanks", #""statement" "tanks""#),
        ("Київ", #""киів""#),
    ])
    func userTextBecomesQuotedTerms(input: String, query: String) {
        #expect(SQLiteSearch.query(SearchText.terms(input)) == query)
    }

    @Test func textWithoutWordsIsNoQuery() {
        #expect(SearchText.terms("*** ( ) - \"").isEmpty)
        #expect(SearchText.terms("").isEmpty)
    }
}
