/// Reads figures the way reporting writes them (SPEC §4), case-insensitively:
/// an optional qualifier, a number or a range, and a unit.
///
/// "more than 1000 square kilometres" → (1000, ∞) km2; "as much as 50km" → [0, 50] km;
/// "about 30-40 settlements" → [27, 44] settlement; "nearly seven-month" → [6.3, 7.7] month.
/// Words before the figure that end in "of" ("a depth of 50 km") and a trailing place or
/// direction ("50km south of Kharkiv", "30 settlements in the region") are context, not unit.
public enum QuantityParser {
    public static let examples = "\"more than 1000 sq km\", \"as much as 50 km\", \"30-40 settlements\" or \"about 1.5 million\""

    enum Qualifier {
        case exact, approximate
        case above(inclusive: Bool)
        case below(inclusive: Bool)
    }

    static let qualifierSymbols: [(String, Qualifier)] = [
        (">=", .above(inclusive: true)), ("<=", .below(inclusive: true)), (">", .above(inclusive: false)),
        ("<", .below(inclusive: false)), ("=", .exact), ("~", .approximate),
    ]

    /// Longer words first where one begins another ("approximately" before "approx").
    static let qualifierWords: [(String, Qualifier)] = [
        ("in excess of", .above(inclusive: false)), ("upwards of", .above(inclusive: false)),
        ("in the region of", .approximate), ("in the order of", .approximate), ("on the order of", .approximate),
        ("more or less", .approximate), ("upward of", .above(inclusive: false)), ("north of", .above(inclusive: false)),
        ("just shy of", .below(inclusive: false)), ("just short of", .below(inclusive: false)), ("as many as", .below(inclusive: true)),
        ("no fewer than", .above(inclusive: true)), ("no less than", .above(inclusive: true)), ("not less than", .above(inclusive: true)),
        ("not more than", .below(inclusive: true)), ("just over", .above(inclusive: false)), ("well over", .above(inclusive: false)),
        ("well under", .below(inclusive: false)), ("below", .below(inclusive: false)), ("estimated", .approximate),
        ("a minimum of", .above(inclusive: true)), ("a maximum of", .below(inclusive: true)), ("minimum of", .above(inclusive: true)),
        ("maximum of", .below(inclusive: true)), ("at a minimum", .above(inclusive: true)), ("at a maximum", .below(inclusive: true)),
        ("an estimated", .approximate), ("just under", .below(inclusive: false)), ("close to", .approximate),
        ("approx.", .approximate), ("circa", .approximate), ("some", .approximate), ("ca.", .approximate), ("c.", .approximate),
        ("no more than", .below(inclusive: true)), ("as much as", .below(inclusive: true)), ("more than", .above(inclusive: false)),
        ("fewer than", .below(inclusive: false)), ("less than", .below(inclusive: false)), ("at least", .above(inclusive: true)),
        ("at most", .below(inclusive: true)), ("up to", .below(inclusive: true)), ("approximately", .approximate),
        ("exactly", .exact), ("roughly", .approximate), ("around", .approximate), ("nearly", .approximate),
        ("almost", .approximate), ("about", .approximate), ("above", .above(inclusive: false)), ("under", .below(inclusive: false)),
        ("over", .above(inclusive: false)), ("approx", .approximate),
    ]

    /// The tens that take a unit after a hyphen: "twenty-one".
    static let tens: Set<String> = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    static let units1to9: [(String, Double)] = [
        ("one", 1), ("two", 2), ("three", 3), ("four", 4), ("five", 5), ("six", 6), ("seven", 7), ("eight", 8), ("nine", 9),
    ]

    static let numberWords: [(String, Double)] = [
        ("half a million", 5e5), ("half a billion", 5e8), ("a million", 1e6), ("a billion", 1e9), ("a thousand", 1000), ("a hundred", 100), ("a dozen", 12), ("thousand", 1000),
        ("hundred", 100), ("dozen", 12),
        ("zero", 0), ("one", 1), ("two", 2), ("three", 3), ("four", 4), ("five", 5), ("six", 6), ("seven", 7), ("eight", 8),
        ("nine", 9), ("ten", 10), ("eleven", 11), ("twelve", 12), ("thirteen", 13), ("fourteen", 14), ("fifteen", 15),
        ("sixteen", 16), ("seventeen", 17), ("eighteen", 18), ("nineteen", 19), ("twenty", 20), ("thirty", 30), ("forty", 40),
        ("fifty", 50), ("sixty", 60), ("seventy", 70), ("eighty", 80), ("ninety", 90),
    ]

    static var scales: [(String, Double)] { FigureVocabulary.scales }
    static var units: [(String, Dimension, Double)] { FigureVocabulary.units }

    /// Words that may follow an amount of money and say what it is ("a $5bn loan"); none can
    /// name a currency, so they are read as context. Any other word there is refused.
    static let financeWords: Set<String> = [
        "loan", "loans", "aid", "deal", "package", "grant", "grants", "budget", "fund", "funds", "funding", "bailout", "ransom", "fine",
        "damage", "damages", "investment", "investments", "contract", "settlement", "payout", "bond", "bonds", "debt", "deficit",
        "surplus", "revenue", "revenues", "profit", "profits", "loss", "losses", "programme", "program", "plan", "bill", "tax", "taxes",
        "subsidy", "subsidies", "stimulus", "military", "humanitarian", "reconstruction", "compensation", "spending", "cost", "costs",
        "sale", "sales", "exports", "imports", "assistance", "pledge", "pledges", "donation", "donations", "tranche", "credit",
    ]

    /// Words that make what follows "of" a part of the figure, not the figure ("half of 300 villages").
    static let shareWords: Set<String> = [
        "half", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "tenth", "tenths", "couple", "dozens", "hundreds",
        "thousands", "millions", "tens", "fraction", "share", "proportion", "majority", "minority", "most", "part", "all", "many", "some",
        "several", "none", "few", "any", "each", "both",
    ]

    /// Words after a figure that start context rather than a unit: "50km south of Kharkiv".
    static let contextWords: Set<String> = [
        "of", "in", "from", "near", "around", "across", "inside", "into", "within", "along", "since", "this", "last", "per", "at",
        "on", "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "deep", "behind", "beyond",
        "away", "by", "for", "during", "over", "under", "toward", "towards", "high", "long", "wide", "tall", "thick", "worth",
        "year-on-year", "month-on-month", "yoy",
    ]

    /// Set while an example for a refusal is itself being read.
    @TaskLocal static var checkingExample = false

    /// The refusal of `input`, quoting the part that could not be read and why (`because`),
    /// with an example close to what was typed.
    static func failure(_ input: String, because: String? = nil) -> LedgerError {
        let reason = because.map { " (\($0))" } ?? ""
        // An example is given only if it reads itself; else the general ones. (Reading it never
        // builds another example.)
        var suggestion = examples
        if !checkingExample, let near = example(near: input),
            QuantityParser.$checkingExample.withValue(true, operation: { (try? parse(near)) != nil })
        {
            suggestion = "\"\(near)\""
        }
        return .refused(
            "'\(input.shown(limit: 80))' is not a quantity\(reason); give a number with an optional qualifier and unit, such as \(suggestion).")
    }

    /// A figure that reads, made of what `input` has that the vocabulary knows: its first
    /// number (else 300), its qualifier, and its unit, currency, percent or kind of people
    /// ("lots of dead" → "300 dead", "about 12 #km" → "about 12 km", "$ lots" → "$300").
    /// Nil when nothing in it is known: then the general examples serve.
    static func example(near input: String) -> String? {
        let text = normalize(input)
        var qualifier = ""
        for (word, _) in qualifierWords where text.hasPrefix(word + " ") {
            qualifier = word + " "
            break
        }
        // The first number as typed (digits with their separators, not part of a word like "km2"),
        // and a scale word right after it ("350m", "600 million").
        var number = ""
        var previous: Character = " "
        var end = text.endIndex
        for index in text.indices {
            let character = text[index]
            if character.isASCII && character.isNumber && (!number.isEmpty || !previous.isLetter)
                || (!number.isEmpty && (character == "," || character == "."))
            {
                number.append(character)
            } else if !number.isEmpty {
                end = index
                break
            }
            previous = character
        }
        while number.last == "," || number.last == "." { number.removeLast() }
        let typedNumber = !number.isEmpty
        if number.isEmpty { number = "300" }
        if typedNumber {
            let after = text[end...]
            let spaced = after.first == " "
            let word = after.drop { $0 == " " }.prefix { $0.isLetter }
            if FigureVocabulary.scalesAfterCurrency.contains(where: { $0.0 == word }), after.drop(while: { $0 == " " }).dropFirst(word.count).first?.isLetter != true {
                number += (spaced ? " " : "") + word
            }
        }
        // Tokens: runs of letters, and each symbol the vocabulary knows standing alone.
        var tokens: [String] = []
        var word = ""
        for character in text {
            if character.isLetter || (!word.isEmpty && character.isASCII && character.isNumber) {
                word.append(character)
                continue
            }
            // "A$", "HK$": letters joined to a dollar sign are one symbol.
            if character == "$", !word.isEmpty {
                tokens.append(word + "$")
                word = ""
                continue
            }
            if !word.isEmpty { tokens.append(word) }
            word = ""
            if !character.isASCII || character == "%" || character == "$" { tokens.append(String(character)) }
        }
        if !word.isEmpty { tokens.append(word) }
        // A word as it was typed ("IDPs", not "idps").
        let typedWords = input.split { !$0.isLetter }.map(String.init)
        func typed(_ spelling: String) -> String {
            let words = spelling.split(separator: " ").map { word in typedWords.first { $0.lowercased() == word } ?? String(word) }
            return words.joined(separator: " ")
        }
        for (index, token) in tokens.enumerated() {
            let pair = index + 1 < tokens.count ? token + " " + tokens[index + 1] : token
            if token == "%" || token == "percent" { return "\(qualifier)\(typedNumber ? number : "40")%" }
            if let code = FigureVocabulary.currencyByWord[token] ?? FigureVocabulary.currencyPrefixes.first(where: { $0.0 == token })?.1,
                let currency = FigureVocabulary.currencies.first(where: { $0.code == code })
            {
                if currency.words.contains(token), !currency.symbols.contains(token) { return "\(qualifier)\(number) \(typed(token))" }
                let symbol =
                    currency.symbols.contains(token)
                    ? (token.last!.isLetter ? typed(token) + " " : token) : currency.symbols.first { !$0.last!.isLetter } ?? code + " "
                return "\(qualifier)\(symbol)\(number)"
            }
            for spelling in [pair, token] {
                if units.contains(where: { $0.0 == spelling && $0.0.count > 1 }) || FigureVocabulary.peopleKindBySpelling[spelling] != nil {
                    return "\(qualifier)\(number) \(typed(spelling))"
                }
            }
        }
        // Else, when a number was typed, the first word that could be the thing counted ("Tanks 50" → "50 Tanks").
        let qualifierParts = Set(qualifierWords.flatMap { $0.0.split(separator: " ").map(String.init) })
        if typedNumber, let noun = tokens.first(where: { token in
            token.count > 2 && token.allSatisfy(\.isLetter) && !contextWords.contains(token) && !qualifierParts.contains(token)
                && !shareWords.contains(token) && !scales.contains(where: { $0.0 == token })
                && !numberWords.contains { $0.0 == token }
                && !["between", "and", "from", "to", "lots", "many", "several", "few", "the", "not", "well", "below", "just", "only", "odd"].contains(token)
        }) {
            return "\(qualifier)\(number) \(typed(noun))"
        }
        return nil
    }

    /// Parses `input`, or refuses it with an example of what is accepted.
    public static func parse(_ input: String) throws(LedgerError) -> Quantity {
        let scanner = Scanner(normalize(input))
        // "a depth of 50 kilometres": leading words that end in "of" are context.
        var afterOf: Scanner?
        if let start = scanner.positionAfter(" of "), start < scanner.characters.count {
            var skipped = scanner
            skipped.index = start
            if skipped.startsFigure() {
                // "a third of 600 people", "more than half of 300 villages": a share of a figure is not the figure.
                let before = String(scanner.characters[..<(start - 4)])
                let beforeWords = before.split { !$0.isLetter }.map(String.init)
                if let share = beforeWords.first(where: { shareWords.contains($0) })
                    ?? (before.contains("/") || beforeWords.last == "out"
                        || (beforeWords.contains("in") && (before.contains(where: \.isNumber) || beforeWords.contains { word in numberWords.contains { $0.0 == word } }))
                        ? before : nil)
                {
                    throw failure(
                        input, because: "'\(share)' makes it a share of the figure after 'of', which ledger does not compute; give the figure itself")
                }
                afterOf = skipped
            }
        }
        if scanner.startsFigure() {
            do {
                return try figure(scanner, input: input)
            } catch {
                // "close to a depth of 50 km": a qualifier-like word that starts context, read as before.
                guard let afterOf else { throw error }
                return try figure(afterOf, input: input)
            }
        }
        guard let afterOf else {
            let first = input.trimmingSpaces.split(whereSeparator: \.isWhitespace).first.map(String.init) ?? ""
            throw failure(input, because: first.isEmpty ? "it is empty" : "it does not start with a number: '\(first.shown(limit: 30))'")
        }
        return try figure(afterOf, input: input)
    }

    /// Reads the figure that starts at the scanner's position.
    static func figure(_ start: Scanner, input: String) throws(LedgerError) -> Quantity {
        var scanner = start
        scanner.article()
        var qualifier = scanner.qualifier() ?? .exact
        scanner.skipSpaces()
        // "between 4,000 and 5,000", "from 30 to 40": a range in words.
        let rangeWord: String? = scanner.consumeWord("between") ? "and" : scanner.consumeWord("from") ? "to" : nil
        scanner.skipSpaces()
        if scanner.consume("-"), scanner.isDigit(scanner.index) || scanner.currencyPrefix() != nil {
            throw failure(input, because: "a figure cannot be negative; give the size, and say in the statement which way it goes")
        }
        // "$2.5 trillion", "Rs 200 crore", "USD 5m": a currency before the amount.
        var currency = scanner.currencyPrefix()
        guard var first = scanner.number() else {
            let word = scanner.nextWord
            throw failure(input, because: word.isEmpty ? "there is no number after its first words" : "no number where '\(word.shown(limit: 30))' stands")
        }
        let firstGrouped = scanner.grouped
        var secondGrouped = false
        var percent = scanner.percentSign()
        var second: (value: Double, scale: Double)?
        let beforeRange = scanner.index
        scanner.skipSpaces()
        /// The second number of a range, with its own currency or percent sign ("$4m-$5m", "30%-40%").
        func secondNumber() throws(LedgerError) -> (value: Double, scale: Double)? {
            if let again = scanner.currencyPrefix() {
                guard currency == nil || currency == again else {
                    throw failure(input, because: "a range gives two currencies, \(currency ?? "") and \(again); no exchange rate is applied, so give one")
                }
                currency = again
            }
            guard let value = scanner.number() else { return nil }
            secondGrouped = scanner.grouped
            if scanner.percentSign() { percent = true }
            return value
        }
        if let rangeWord {
            guard scanner.consumeWord(rangeWord) else { throw failure(input, because: "a range in words needs '\(rangeWord)' after its first number") }
            scanner.skipSpaces()
            guard let value = try secondNumber() else { throw failure(input, because: "no number after '\(rangeWord)'") }
            second = value
        } else if scanner.consume("-") || scanner.consumeWord("to") {
            scanner.skipSpaces()
            if let value = try secondNumber() { second = value } else { scanner.index = beforeRange }
        } else {
            scanner.index = beforeRange
        }
        // "5,300+", "300-plus", "300 or more": the number or more; "300 or so": about it.
        let bounds: [(String, Qualifier)] = [
            ("+", .above(inclusive: true)), ("-plus", .above(inclusive: true)), (" plus", .above(inclusive: true)), ("-odd", .approximate),
            (" odd", .approximate),
            (" or more", .above(inclusive: true)), (" or so", .approximate), (" or fewer", .below(inclusive: true)),
            (" or less", .below(inclusive: true)),
        ]
        if second == nil, let (text, bound) = bounds.first(where: { scanner.hasWordOrSign($0.0) }) {
            guard case .exact = qualifier else { throw failure(input, because: "'\(text.trimmingSpaces)' is a bound of its own; give it or the words before the number, not both") }
            scanner.index += text.count
            qualifier = bound
        }
        // "30-40 thousand", "Rs 20-30 crore": the scale after the second number applies to the first too.
        // A first number of 1,000 or more is taken as written ("500,000-1 million").
        // Where it would make the range a single point ("from one to one hundred") the first is
        // taken as written: 1 to 100.
        if let second, second.scale != 1, first.scale == 1, first.value < 1000, first.value * second.scale != second.value {
            guard first.value * second.scale < second.value else {
                throw failure(
                    input,
                    because: "the scale after the second number would make the first \(Quantity.format(first.value * second.scale)), more than the second; give each number its own scale, such as \"900m-1.2bn\"")
            }
            first.value *= second.scale
        }
        // "30-40,000": 30 to 40,000, or 30,000 to 40,000? Refused rather than guessed.
        if let second, second.scale == 1, first.scale == 1, secondGrouped, !firstGrouped, first.value < 1000, first.value * 1000 <= second.value {
            throw failure(
                input,
                because: "it could run from \(Quantity.format(first.value)) or from \(Quantity.format(first.value * 1000)); write both numbers in full, such as \"30,000-40,000\"")
        }
        // "1.2m people", "1.2m Syrian refugees", "600m naira": `m` before people, a plural noun or a
        // currency is a million; alone or before context ("5 m", "10m high") or a singular noun ("a 10m wall") it is metres.
        var rest = scanner.rest.trimmingSpaces
        if rest.hasPrefix("m "), isCountedAfterM(rest.dropFirst(2).split(separator: " ").map(String.init)) {
            rest = String(rest.dropFirst(2))
            first.value *= 1e6
            if var scaled = second {
                scaled.value *= 1e6
                second = scaled
            }
        }
        if percent, let currency { throw failure(input, because: "it gives both a currency (\(currency)) and a percent sign") }
        if case .below(inclusive: false) = qualifier, (second ?? first).value == 0 {
            throw failure(input, because: "nothing is less than 0, so it leaves no figure")
        }
        let given: Dimension? = currency.map { .money($0) } ?? (percent ? .percentage : nil)
        let (dimension, factor) = try unit(rest, input: input, given: given)
        // A month or a year is as long as the calendar makes it: "1 year" is 365 to 366 days,
        // "6 months" 181 to 184 (SPEC's 30.44 and 365.25 days are their averages).
        func span(_ value: Double) -> (low: Double, high: Double) { FigureVocabulary.span(of: value, factor: factor) }
        if [first.value, second?.value ?? 0].contains(where: { !$0.isFinite || $0 >= 1e15 }) {
            throw LedgerError.refused("The number in '\(input.shown(limit: 40))' is too large; give a figure below a quadrillion.")
        }
        if let number = scanner.ambiguous {
            let parts = number.split(separator: ".").map(String.init)
            var decimal = parts[1]
            while decimal.last == "0" { decimal.removeLast() }
            let asDecimal = decimal.isEmpty ? parts[0] : parts[0] + "." + decimal
            throw LedgerError.refused(
                "'\(number)' in '\(input.shown(limit: 40))' could be \(asDecimal) or \(parts[0]),\(parts[1]) (some languages group thousands with a dot), so it was not read; write \(parts[0]),\(parts[1]) or \(asDecimal).")
        }
        if scanner.tooPrecise {
            throw LedgerError.refused(
                "The number in '\(input.shown(limit: 40))' has more than \(significantDigits) significant digits, more than the ledger can keep exactly; round it to \(significantDigits) digits.")
        }

        var low = span(first.value).low
        var high = span(first.value).high
        var lowOpen = false
        var highOpen = false
        if let second {
            high = span(second.value).high
            guard low <= high else {
                throw LedgerError.refused(
                    "The range in '\(input.shown(limit: 80))' runs backwards; write the smaller number first, such as \"30-40 settlements\".")
            }
            switch qualifier {
            case .exact: break
            case .approximate:
                low *= 0.9
                high *= 1.1
            case .above, .below:
                throw LedgerError.refused(
                    "'\(input.shown(limit: 80))' puts a bound on a range; give either a range (\"30-40 km\") or a bound (\"more than 30 km\").")
            }
        } else {
            switch qualifier {
            case .exact: break
            case .approximate:
                low *= 0.9
                high *= 1.1
            case .above(let inclusive):
                high = .infinity
                lowOpen = !inclusive
            case .below(let inclusive):
                low = 0
                highOpen = !inclusive
            }
        }
        return Quantity(
            text: input.trimmingSpaces, low: Quantity.roundedSignificant(low),
            high: high == .infinity ? .infinity : Quantity.roundedSignificant(high), lowOpen: lowOpen, highOpen: highOpen,
            dimension: dimension)
    }

    /// Lowercase, one kind of dash and space, superscript two spelled out.
    static func normalize(_ input: String) -> String {
        var result = ""
        var lastWasSpace = true
        for character in input.lowercased() {
            switch character {
            case "–", "—", "−", "‒": result.append("-")
            case "²": result.append("2")
            case "^" where result.last?.isLetter == true: continue
            case "≥": result.append(">=")
            case "≤": result.append("<=")
            case "≈": result.append("~")
            default:
                if character.isWhitespace {
                    if !lastWasSpace { result.append(" ") }
                    lastWasSpace = true
                    continue
                }
                result.append(character)
            }
            lastWasSpace = false
        }
        while result.last == " " { result.removeLast() }
        return result
    }

    /// The unit (or counted noun) in what follows the number. `given` is the dimension a
    /// currency or percent sign before it has set ("$5bn", "40%"); a unit after it must agree.
    ///
    /// A measure (length, area, percentage, money, duration) may be followed by a few words
    /// that say what it measures ("$350m aid package", "40 percent turnout", "a 47-day siege");
    /// words after a count name the thing counted.
    static func unit(_ rest: String, input: String, given: Dimension? = nil) throws(LedgerError) -> (Dimension, Double) {
        var text = rest.trimmingSpaces
        while text.first == "-" { text.removeFirst() }
        text = String(text.filter { $0 != "." }).trimmingSpaces
        // "10 years' jail", "3 billion dollars' worth": a possessive after the unit.
        text = text.replacing("s' ", with: "s ").replacing("s’ ", with: "s ")
        if text.hasSuffix("s'") || text.hasSuffix("s’") { text.removeLast() }
        guard !text.isEmpty else { return (given ?? .count(""), 1) }
        // "40% year-on-year": context straight after the number.
        if let first = text.split(separator: " ").first.map(String.init), contextWords.contains(first), first != "in", first != "per",
            !units.contains(where: { $0.0 == first || $0.0.hasPrefix(first + " ") })
        {
            _ = try words(text, input: input)
            return (given ?? .count(""), 1)
        }
        // Units are matched with hyphens read as spaces ("a 40km-long convoy", "a 5-sq-km area").
        let spaced = text.replacing("-", with: " ")
        for (name, dimension, factor) in units where spaced.hasPrefix(name) {
            let after = spaced.dropFirst(name.count)
            guard after.isEmpty || after.first == " " else { continue }
            if let given, given != dimension {
                throw failure(input, because: "it gives both \(given.description) and '\(name)', \(dimension.description)")
            }
            let next = after.split(separator: " ").first.map(String.init) ?? ""
            guard after.isEmpty || contextWords.contains(next) || dimension.isMeasure else { continue }
            // "5% points", "5 pct pts": percentage points written after a percent.
            if dimension == .percentage, let next = after.split(separator: " ").first, ["point", "points", "pt", "pts"].contains(next) {
                try checkAfterMeasure(String(after.dropFirst().dropFirst(next.count)), unit: name, dimension: .percentagePoints, input: input)
                return (.percentagePoints, 1)
            }
            try checkAfterMeasure(String(after.dropFirst()), unit: name, dimension: dimension, input: input)
            return (dimension, factor)
        }
        if let given {
            if given == .percentage, let next = text.split(separator: " ").first, ["point", "points", "pt", "pts"].contains(next) {
                try checkAfterMeasure(String(text.dropFirst(next.count)).trimmingSpaces, unit: nil, dimension: .percentagePoints, input: input)
                return (.percentagePoints, 1)
            }
            try checkAfterMeasure(text, unit: nil, dimension: given, input: input)
            return (given, 1)
        }
        // "one in five people", "1 in 3 children": a ratio, not a figure (but "300 in 2022" is a year).
        let parts = text.split(separator: " ")
        let isYear = { (token: Substring) in token.count == 4 && Int(token).map { (1800...2100).contains($0) } == true }
        let afterNumber = parts.count > 2 ? String(parts[2]) : ""
        if (parts.first == "in" || (parts.first == "out" && parts.dropFirst().first == "of")), parts.count > 1,
            let next = parts.dropFirst(parts.first == "out" ? 2 : 1).first,
            numberWords.contains(where: { $0.0 == next }) || next.first?.isNumber == true,
            parts.first == "out" || !isYear(next) || (!afterNumber.isEmpty && !contextWords.contains(afterNumber))
        {
            throw failure(input, because: "'\(text.shown(limit: 30))' makes it a ratio, which ledger does not compare; give the figure itself")
        }
        let words = try words(text, input: input)
        // "30 in the region": a bare number, then context.
        guard !words.isEmpty else { return (.count(""), 1) }
        if words.count == 1, words[0].count == 1 {
            throw failure(input, because: "could not read '\(words[0])' after the number")
        }
        if let scale = words.first, scales.contains(where: { $0.0 == scale }) || scale == "m" {
            throw failure(input, because: "the scale '\(scale)' comes after another; give the number with one scale, such as \"1.5 million\"")
        }
        // "two-thirds of voters", "fifty-fifty": a share or a second number is not the thing counted.
        if let first = words.first, shareWords.contains(first) || numberWords.contains(where: { $0.0 == first }) {
            throw failure(input, because: "'\(first)' after the number makes it a share or a second number, not a count; give the figure itself")
        }
        return counted(words)
    }

    /// What may follow a measure's unit: context, or for all but money a few words saying what
    /// it measures ("40 percent turnout", "a 47-day siege"); never a second unit, and never words
    /// after an amount of money, where they could name another currency ("$5m Australian").
    static func checkAfterMeasure(_ after: String, unit: String?, dimension: Dimension, input: String) throws(LedgerError) {
        if let second = units.first(where: { after.hasPrefix($0.0) && (after.count == $0.0.count || after.dropFirst($0.0.count).first == " ") }),
            !contextWords.contains(second.0)
        {
            throw failure(input, because: "it gives two units, '\(unit ?? dimension.baseUnit)' and '\(second.0)'; give one")
        }
        let words = try words(after, input: input)
        if dimension == .length, let first = words.first, ["sq", "square", "squared", "2"].contains(first) {
            throw failure(input, because: "'\(unit ?? "") \(first)' is an area; write it as \"sq km\" or \"square miles\"")
        }
        if dimension.currency != nil, let first = words.first, !words.allSatisfy({ financeWords.contains($0) }) {
            throw failure(
                input,
                because: "could not read '\(first.shown(limit: 30))' after the amount; name the currency before or after the amount (\"A$5m\", \"5m AUD\") and keep other words in the quote")
        }
    }

    /// The words before the first context word of `text`, each a word of letters, at most four.
    /// A rate ("50 km per day", "5 deaths per 1,000") and "or" after the noun are refused.
    static func words(_ text: String, input: String) throws(LedgerError) -> [String] {
        var words: [String] = []
        for word in text.split(separator: " ").map(String.init) {
            if word == "per" {
                throw failure(input, because: "'per' makes it a rate, which ledger does not compare; give the figure itself")
            }
            if contextWords.contains(word) {
                // "300 dead at least": a bound after the noun.
                let rest = text.split(separator: " ").map(String.init).drop { $0 != word }.joined(separator: " ")
                if let bound = ["at least", "at most", "at the most", "at the least", "at a minimum", "at a maximum", "at minimum", "at maximum"]
                    .first(where: { rest == $0 || rest.hasPrefix($0 + " ") })
                {
                    throw failure(input, because: "'\(bound)' after the number cannot be read; put it before, such as \"\(bound) 300\"")
                }
                break
            }
            if word == "plus" {
                throw failure(input, because: "'plus' after the unit cannot be read; put the bound before the number, such as \"more than 300\"")
            }
            // "5 km a day", "40 km an hour", "2% a month": a rate, not a figure.
            if ["a", "an", "each", "every"].contains(word), let next = text.split(separator: " ").drop(while: { $0 != word }).dropFirst().first,
                units.contains(where: { $0.0 == next && $0.1 == .duration })
            {
                throw failure(input, because: "'\(word) \(next)' makes it a rate, which ledger does not compare; give the figure itself")
            }
            if word == "or" {
                throw failure(input, because: "'or' after the noun cannot be read; put the bound right after the number, such as \"300 or more\"")
            }
            guard word.allSatisfy({ $0.isLetter || $0 == "-" || $0 == "'" || $0 == "’" }), word.first?.isLetter == true else {
                throw failure(input, because: "could not read '\(word.shown(limit: 30))' after the number")
            }
            words.append(word)
        }
        guard words.count <= 4 else {
            throw failure(input, because: "'\(words.joined(separator: " ").shown(limit: 40))' is too long to be a unit; keep the figure short and the rest in the quote")
        }
        return words
    }

    /// Whether the words after an `m` make it a million of something ("1.2m people", "2m internally
    /// displaced", "1.2m Syrian refugees", "600m naira") rather than metres ("5 m", "10m high", "a 10m wall").
    static func isCountedAfterM(_ after: [String]) -> Bool {
        var words: [String] = []
        for word in after {
            if contextWords.contains(word) { break }
            words.append(word)
        }
        guard let first = words.first, first.allSatisfy({ $0.isLetter }) else { return false }
        for count in stride(from: min(words.count, 3), through: 1, by: -1) {
            let phrase = words[0..<count].joined(separator: " ")
            if FigureVocabulary.peopleKindBySpelling[phrase] != nil || FigureVocabulary.currencyByWord[phrase] != nil { return true }
        }
        let plural = ["children", "people", "men", "women", "troops", "personnel", "cattle", "sheep", "livestock", "poor", "rohingya", "fled"]
        // Words for people or animals counted by the million: plurals, "homeless", "unemployed", "Chinese".
        let peopleEndings = ["less", "ed", "ese", "ian", "ish"]
        return words.contains { word in
            plural.contains(word) || (word.count > 2 && word.hasSuffix("s") && !word.hasSuffix("ss"))
                || (word.count > 4 && peopleEndings.contains { word.hasSuffix($0) })
        }
    }

    /// The thing `words` count: a kind of people however it is worded, else the noun, singular.
    static func counted(_ words: [String]) -> (Dimension, Double) {
        var words = words
        // A kind of people ("dead", "people killed", "IDPs") is one count however it is worded.
        if let kind = FigureVocabulary.peopleKindBySpelling[words.joined(separator: " ")] { return (.count(kind), 1) }
        words[words.count - 1] = singular(words[words.count - 1])
        return (.count(words.joined(separator: " ")), 1)
    }

    /// Folds a counted noun to its singular, so "settlements" and "settlement" are one thing.
    static func singular(_ word: String) -> String {
        let irregular = ["people": "person", "men": "man", "women": "woman", "children": "child", "troops": "troop", "buses": "bus", "viruses": "virus",
            "bonuses": "bonus", "campuses": "campus", "statuses": "status"]
        if let known = irregular[word] { return known }
        if word.count > 4, word.hasSuffix("ies") { return String(word.dropLast(3)) + "y" }
        for ending in ["sses", "shes", "ches", "xes", "zes"] where word.hasSuffix(ending) { return String(word.dropLast(2)) }
        if word.count > 3, word.hasSuffix("s"), !word.hasSuffix("ss"), !word.hasSuffix("us"), !word.hasSuffix("is") {
            return String(word.dropLast())
        }
        return word
    }

    /// A cursor over normalized text.
    /// A 64-bit float keeps any decimal of up to 15 significant digits exactly.
    static let significantDigits = 15

    struct Scanner {
        let characters: [Character]
        var index = 0
        /// Set when a number had more significant digits than a 64-bit float keeps.
        var tooPrecise = false
        /// A number such as "11.300", which reads as 11.3 or, grouped the European way, as 11,300.
        var ambiguous: String?

        init(_ text: String) { characters = Array(text) }

        var rest: String { index < characters.count ? String(characters[index...]) : "" }

        /// The word at the cursor, for a refusal to quote.
        var nextWord: String { rest.split(separator: " ").first.map(String.init) ?? "" }

        mutating func skipSpaces() {
            while index < characters.count, characters[index] == " " { index += 1 }
        }

        func hasPrefix(_ text: String, at position: Int) -> Bool {
            // Compared character by character, without making arrays: the parser asks this of
            // every word of its vocabulary at a position (it was a third of a figure's parse).
            var probe = position
            for character in text {
                guard probe < characters.count, characters[probe] == character else { return false }
                probe += 1
            }
            return true
        }

        /// True when `word` stands at the cursor as a whole word.
        func hasWord(_ word: String, at position: Int) -> Bool {
            guard hasPrefix(word, at: position) else { return false }
            let end = position + word.count
            return end == characters.count || !characters[end].isLetter
        }

        mutating func consume(_ text: String) -> Bool {
            guard hasPrefix(text, at: index) else { return false }
            index += text.count
            return true
        }

        mutating func consumeWord(_ word: String) -> Bool {
            guard hasWord(word, at: index) else { return false }
            index += word.count
            return true
        }

        func positionAfter(_ text: String) -> Int? {
            var position = 0
            while position < characters.count {
                if hasPrefix(text, at: position) { return position + text.count }
                position += 1
            }
            return nil
        }

        /// Whether a qualifier or a number starts at the cursor.
        func startsFigure() -> Bool {
            var probe = self
            probe.article()
            if probe.qualifier() != nil { return true }
            if probe.consumeWord("between") || probe.consumeWord("from") { probe.skipSpaces() }
            if probe.consume("-") { return probe.isDigit(probe.index) || probe.currencyPrefix() != nil }
            _ = probe.currencyPrefix()
            return probe.number() != nil
        }

        /// Skips "a" or "an" before a figure written in digits or with a currency ("a 47-day siege", "an $8bn loan").
        mutating func article() {
            for word in ["a ", "an "] where hasPrefix(word, at: index) {
                var probe = self
                probe.index += word.count
                let start = probe.index
                // "a six-week ceasefire" (but "a hundred", "a million" are numbers themselves).
                let numberWord = QuantityParser.numberWords.contains { !$0.0.hasPrefix("a ") && probe.hasWord($0.0, at: start) }
                    && !QuantityParser.numberWords.contains { $0.0.hasPrefix("a ") && hasWord($0.0, at: index) }
                if probe.isDigit(start) || numberWord || probe.currencyPrefix() != nil {
                    index = start
                    return
                }
            }
        }

        mutating func qualifier() -> Qualifier? {
            for (symbol, qualifier) in QuantityParser.qualifierSymbols where consume(symbol) { return qualifier }
            for (word, qualifier) in QuantityParser.qualifierWords where consumeWord(word) { return qualifier }
            return nil
        }

        func isDigit(_ position: Int) -> Bool { position < characters.count && characters[position].isASCII && characters[position].isNumber }

        /// "twenty-one", "twenty one", "two hundred", "a hundred and fifty": number words that
        /// make one number, read on from the first word (`value`).
        mutating func wordNumber(startingWith word: String, value first: Double) -> Double {
            var value = first + unitAfterTen(word)
            // "two hundred", then "and fifty" or "fifty".
            if value < 100, word != "a hundred", hasWord(" hundred", at: index) {
                index += " hundred".count
                value *= 100
            }
            guard value >= 100, value.truncatingRemainder(dividingBy: 100) == 0 else { return value }
            var probe = index
            if hasPrefix(" and ", at: probe) { probe += 5 } else if hasPrefix(" ", at: probe) { probe += 1 } else { return value }
            guard let (next, add) = QuantityParser.numberWords.first(where: { $0.1 < 100 && $0.1 >= 1 && hasWord($0.0, at: probe) }) else {
                return value
            }
            index = probe + next.count
            return value + add + unitAfterTen(next)
        }

        /// After a ten ("twenty"), the unit joined to it by a hyphen or a space ("-one", " one"); 0 when none.
        mutating func unitAfterTen(_ word: String) -> Double {
            guard QuantityParser.tens.contains(word), index < characters.count, characters[index] == "-" || characters[index] == " ",
                let (unit, add) = QuantityParser.units1to9.first(where: { hasWord($0.0, at: index + 1) })
            else { return 0 }
            index += 1 + unit.count
            return add
        }

        /// Set once a currency has been read: then `m` and `b` after a number are scales ("£350m", "$5B").
        var money = false

        /// The code of a currency symbol or code at the cursor, when a number follows it ("$5", "Rs. 200", "USD 5m").
        mutating func currencyPrefix() -> String? {
            for (symbol, code) in FigureVocabulary.currencyPrefixes where hasPrefix(symbol, at: index) {
                var probe = index + symbol.count
                if probe < characters.count, characters[probe] == "." { probe += 1 }
                if probe < characters.count, characters[probe] == " " { probe += 1 }
                guard isDigit(probe) || QuantityParser.numberWords.contains(where: { hasWord($0.0, at: probe) }) else { continue }
                index = probe
                money = true
                return code
            }
            return nil
        }

        /// The digits of ",dd,…,ddd" groups from `position` (Indian grouping), and where they end; nil
        /// unless at least one group of two is followed by a last group of three.
        func indianGroups(from position: Int) -> (String, Int)? {
            var digits = ""
            var probe = position
            while probe + 3 < characters.count, characters[probe] == ",", isDigit(probe + 1), isDigit(probe + 2), characters[probe + 3] == "," {
                digits += String(characters[(probe + 1)...(probe + 2)])
                probe += 3
            }
            guard !digits.isEmpty, probe < characters.count, characters[probe] == ",", isDigit(probe + 1), isDigit(probe + 2), isDigit(probe + 3),
                !isDigit(probe + 4)
            else { return nil }
            return (digits + String(characters[(probe + 1)...(probe + 3)]), probe + 4)
        }

        /// Whether `text` stands at the cursor, not followed by a letter ("+", " or more").
        func hasWordOrSign(_ text: String) -> Bool {
            guard hasPrefix(text, at: index) else { return false }
            let end = index + text.count
            return end == characters.count || !characters[end].isLetter
        }

        /// Consumes a percent sign after a number ("40%", "40 %").
        mutating func percentSign() -> Bool {
            var probe = index
            if probe < characters.count, characters[probe] == " " { probe += 1 }
            guard probe < characters.count, characters[probe] == "%" else { return false }
            index = probe + 1
            return true
        }

        /// Set by `number()` while the number it reads is written in words.
        var inWords = false
        /// Set by `number()` when the number it read had separators between groups of digits ("40,000").
        var grouped = false

        /// After a scale written in words, the smaller part that follows it ("… five hundred",
        /// "… and five", "… two hundred thousand"), below `limit`; nil, and nothing read, when none.
        mutating func wordTail(below limit: Double) -> Double? {
            var probe = self
            if probe.hasPrefix(" and ", at: probe.index) { probe.index += 5 } else if probe.hasPrefix(" ", at: probe.index) { probe.index += 1 } else { return nil }
            guard let (word, parsed) = QuantityParser.numberWords.first(where: { $0.1 >= 1 && $0.1 < 1000 && !$0.0.hasPrefix("a ") && $0.0 != "dozen" && probe.hasWord($0.0, at: probe.index) })
            else { return nil }
            probe.index += word.count
            var value = probe.wordNumber(startingWith: word, value: parsed)
            let beforeScale = probe.index
            probe.skipSpaces()
            if let (scaleWord, factor) = QuantityParser.scales.first(where: { $0.1 >= 1000 && $0.1 < limit && probe.hasWord($0.0, at: probe.index) }) {
                probe.index += scaleWord.count
                value *= factor
                if let tail = probe.wordTail(below: factor) { value += tail }
            } else {
                probe.index = beforeScale
            }
            guard value < limit else { return nil }
            self = probe
            return value
        }

        /// " point five", " point two five": decimals in words after a number in words.
        mutating func pointDigits() -> Double? {
            guard hasPrefix(" point ", at: index) else { return nil }
            var probe = index + " point".count
            var digits = ""
            while probe < characters.count, characters[probe] == " ",
                let (word, digit) = ([("zero", 0.0)] + QuantityParser.units1to9).first(where: { hasWord($0.0, at: probe + 1) })
            {
                digits += String(Int(digit))
                probe += 1 + word.count
            }
            guard !digits.isEmpty, let value = Double("0." + digits) else { return nil }
            index = probe
            return value
        }

        /// A number with thousands separators, decimals or a number word, and an optional scale word.
        /// The number, and the scale its scale words multiplied it by (1 when none).
        mutating func number() -> (value: Double, scale: Double)? {
            var value: Double
            inWords = false
            grouped = false
            var wordScale = 1.0
            if isDigit(index) {
                var digits = ""
                var groupLength = 0
                while isDigit(index) {
                    digits.append(characters[index])
                    index += 1
                    groupLength += 1
                }
                // Indian grouping: "5,00,000" (5 lakh), "2,00,00,000" (2 crore): groups of two, then three.
                if digits.count <= 2, let (grouped, end) = indianGroups(from: index) {
                    digits += grouped
                    index = end
                    groupLength = 3
                }
                // Thousands separators: "1,000" and "1 000" (a group of exactly three digits each time).
                while index < characters.count, characters[index] == "," || characters[index] == " ",
                    isDigit(index + 1), isDigit(index + 2), isDigit(index + 3), !isDigit(index + 4),
                    characters[index] == "," || digits.count <= 3 || groupLength == 3,
                    // "5 300-pound bombs" is five of them, not 5,300.
                    characters[index] == "," || index + 4 >= characters.count || characters[index + 4] != "-"
                {
                    digits += String(characters[(index + 1)...(index + 3)])
                    index += 4
                    groupLength = 3
                    grouped = true
                }
                if index < characters.count, characters[index] == ".", isDigit(index + 1) {
                    let grouped = !digits.contains(where: { !$0.isNumber }) && groupLength == digits.count && (1...3).contains(digits.count)
                        && digits.first != "0"
                    digits.append(".")
                    index += 1
                    var decimals = 0
                    while isDigit(index) {
                        digits.append(characters[index])
                        index += 1
                        decimals += 1
                    }
                    // "11.300": three digits after one dot, nothing grouped before it.
                    if grouped, decimals == 3, !(index < characters.count && characters[index] == ".") { ambiguous = digits }
                }
                guard let parsed = Double(digits) else { return nil }
                let significant = digits.drop { $0 == "0" || $0 == "." }.filter { $0 != "." }.count
                if significant > QuantityParser.significantDigits { tooPrecise = true }
                value = parsed
            } else if let (word, parsed) = QuantityParser.numberWords.first(where: { hasWord($0.0, at: index) }) {
                index += word.count
                value = wordNumber(startingWith: word, value: parsed)
                inWords = true
                // "four hundred": a scale in words too ("three to four hundred" is 300 to 400).
                if parsed < 100, value >= parsed * 100, value >= 100 { wordScale = 100 }
                // "one point five million"
                if value < 10, let decimals = pointDigits() { value += decimals }
            } else {
                return nil
            }
            // "three and a half million", "two and a half years", "one-and-a-half million"; "a million
            // and a half" is half of the million more.
            for half in [" and a half", "-and-a-half"] where hasWordOrSign(half) {
                index += half.count
                value += value >= 100 && inWords ? value / 2 : 0.5
                break
            }
            let beforeScale = index
            skipSpaces()
            let scales = money ? FigureVocabulary.scalesAfterCurrency : QuantityParser.scales
            // "$5-million", "a 5-billion-euro deal": a hyphen before a scale word.
            if index < characters.count, characters[index] == "-", scales.contains(where: { $0.0.count > 1 && hasWord($0.0, at: index + 1) }) {
                index += 1
            }
            if let (word, factor) = scales.first(where: { hasWord($0.0, at: index) }) {
                index += word.count
                var scale = factor
                // A scale of a larger scale: "20 lakh crore", "5 hundred thousand", "a thousand million".
                let beforeSecond = index
                skipSpaces()
                if let (second, larger) = QuantityParser.scales.first(where: { $0.1 > factor && hasWord($0.0, at: index) }) {
                    index += second.count
                    scale *= larger
                } else {
                    index = beforeSecond
                }
                value *= scale
                // "one million and a half": half of the scale more.
                if hasWordOrSign(" and a half") {
                    index += " and a half".count
                    value += scale / 2
                }
                // "two thousand five hundred", "two thousand and five", "one million two hundred thousand".
                if inWords, let tail = wordTail(below: scale) { value += tail }
                return (value, scale * wordScale)
            }
            index = beforeScale
            return (value, wordScale)
        }
    }
}
