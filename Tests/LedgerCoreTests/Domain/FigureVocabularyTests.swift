import LedgerTestSupport
import Testing

@testable import LedgerCore

/// Every entry of `FigureVocabulary`, and figures as the news writes them (SPEC §4).
struct FigureVocabularyTests {
    @Test func everyWordingOfAKindOfPeopleIsOneCount() throws {
        for kind in FigureVocabulary.peopleKinds {
            for spelling in kind.spellings {
                let figure = try QuantityParser.parse("1,200 \(spelling)")
                #expect(figure.dimension == .count(kind.noun), "\(spelling)")
                #expect(figure.low == 1200 && figure.high == 1200, "\(spelling)")
                #expect(figure.dimension.description == "a count of \(kind.plural)")
            }
        }
    }

    @Test func everyUnitSpellingReadsInItsBaseUnit() throws {
        for (spelling, dimension, factor) in FigureVocabulary.units {
            let figure = try QuantityParser.parse("3 \(spelling)")
            #expect(figure.dimension == dimension, "\(spelling)")
            #expect(abs(figure.low - Quantity.roundedSignificant(3 * factor)) <= 1e-12 * max(1, figure.low), "\(spelling): \(figure.low)")
        }
    }

    @Test func everyScaleWordMultiplies() throws {
        for (word, factor) in FigureVocabulary.scales {
            let figure = try QuantityParser.parse("3 \(word) tanks")
            #expect(figure.low == 3 * factor && figure.dimension == .count("tank"), "\(word)")
        }
    }

    /// (text, low, high, low included, high included, dimension): forms an earlier version read
    /// otherwise or refused.
    @Test(arguments: [
        ("11,300 dead", 11300.0, 11300.0, true, true, Dimension.count("death")),
        ("11,300 deaths", 11300, 11300, true, true, .count("death")),
        ("300 people killed", 300, 300, true, true, .count("death")),
        ("at least 40 fatalities", 40, .infinity, true, false, .count("death")),
        ("twenty one dead", 21, 21, true, true, .count("death")),
        ("a hundred and fifty wounded", 150, 150, true, true, .count("injured")),
        ("two hundred and thirty-five", 235, 235, true, true, .count("")),
        ("two hundred tanks", 200, 200, true, true, .count("tank")),
        ("upwards of 600 troops", 600, .infinity, false, false, .count("troop")),
        ("in excess of 600 people", 600, .infinity, false, false, .count("person")),
        ("12 mln people", 12_000_000, 12_000_000, true, true, .count("person")),
        ("1.2m people", 1_200_000, 1_200_000, true, true, .count("person")),
        ("1-2m people", 1_000_000, 2_000_000, true, true, .count("person")),
        ("1.2m", 0.0012, 0.0012, true, true, .length),
        ("5 m high", 0.005, 0.005, true, true, .length),
        ("2 lakh displaced", 200_000, 200_000, true, true, .count("displaced")),
        ("5 crore", 50_000_000, 50_000_000, true, true, .count("")),
        ("2.5 trillion", 2.5e12, 2.5e12, true, true, .count("")),
        ("5,300+ IDPs", 5300, .infinity, true, false, .count("displaced")),
        ("an estimated 18,000 residents", 16200, 19800, true, true, .count("person")),
        ("300 acres", 1.21405692672, 1.21405692672, true, true, .area),
        ("10 feet", 0.003048, 0.003048, true, true, .length),
        ("100 yards", 0.09144, 0.09144, true, true, .length),
        ("2,000 sq ft", 0.00018580608, 0.00018580608, true, true, .area),
    ])
    func readsAsTheNewsWritesIt(text: String, low: Double, high: Double, lowIncluded: Bool, highIncluded: Bool, dimension: Dimension) throws {
        let figure = try QuantityParser.parse(text)
        #expect(abs(figure.low - low) <= 1e-9 * max(1, low), "\(text): \(figure.low)")
        #expect(figure.high == high || abs(figure.high - high) <= 1e-9 * max(1, high), "\(text): \(figure.high)")
        #expect(figure.lowOpen == !lowIncluded && figure.highOpen == (!highIncluded && high != .infinity), "\(text)")
        #expect(figure.dimension == dimension, "\(text): \(figure.dimension)")
    }

    /// Pairs judged across wordings: (a, b, comparable, consistent).
    @Test(arguments: [
        ("11,300 dead", "11,300 deaths", true, true),
        ("more than 300 killed", "about 250 fatalities", true, false),
        ("300 dead", "300 injured", false, false),
        ("about 300 people", "300 residents", true, true),
        ("250 hectares", "2.5 sq km", true, true),
        ("600 acres", "about 2.5 sq km", true, true),
        ("600 acres", "2.5 sq km", true, false),
        ("10 miles", "16 km", true, false),
        ("about 10 miles", "16 km", true, true),
        ("30 feet", "about 9 m", true, true),
        ("50 km", "50 sq km", false, false),
        ("1.2m people", "about 1.2 million people", true, true),
    ])
    func wordingsCompareAsNumbers(a: String, b: String, comparable: Bool, consistent: Bool) throws {
        let first = try QuantityParser.parse(a)
        let second = try QuantityParser.parse(b)
        #expect(first.isComparable(with: second) == comparable && second.isComparable(with: first) == comparable, "\(a) / \(b)")
        if comparable {
            #expect(first.isConsistent(with: second) == consistent && second.isConsistent(with: first) == consistent, "\(a) / \(b)")
        }
    }

    @Test(arguments: [
        ("11.300 dead", "'11.300' in '11.300 dead' could be 11.3 or 11,300"),
        ("1.500 km", "write 1,500 or 1.5"),
        ("about 2.250 people", "could be 2.25 or 2,250"),
    ])
    func aDotBetweenGroupsOfThreeIsRefusedAsAmbiguous(text: String, message: String) {
        let error = #expect(throws: LedgerError.self) { try QuantityParser.parse(text) }
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
    }

    /// Seeded phrases from the vocabulary: most read; each that reads has low ≤ high, reads
    /// the same again, and compares symmetrically with the next.
    @Test func generatedPhrasesReadSanely() throws {
        var random = SeededRandom(seed: 14)
        let qualifiers = ["", "about ", "more than ", "up to ", "some ", "an estimated ", "upwards of ", "just under ", "c. ", "at least "]
        let numbers = ["300", "1,200", "twenty-one", "twenty one", "a hundred and fifty", "2.5 million", "1.2m", "5,300+", "12 mln", "40-50", "between 3 and 4"]
        let nouns = FigureVocabulary.peopleKinds.flatMap(\.spellings) + FigureVocabulary.units.map(\.0) + ["tanks", "settlements", ""]
        var read = 0
        var previous: Quantity?
        for _ in 0..<3000 {
            let text = qualifiers[Int(random.next() % UInt64(qualifiers.count))] + numbers[Int(random.next() % UInt64(numbers.count))] + " "
                + nouns[Int(random.next() % UInt64(nouns.count))]
            guard let figure = try? QuantityParser.parse(text) else { continue }
            read += 1
            #expect(figure.low <= figure.high, "\(text)")
            #expect(try QuantityParser.parse(text) == figure)
            if let previous, previous.isComparable(with: figure) {
                #expect(previous.isConsistent(with: figure) == figure.isConsistent(with: previous), "\(text)")
            }
            previous = figure
        }
        #expect(read >= 2000, "only \(read) of 3000 generated phrases read")
    }
}
