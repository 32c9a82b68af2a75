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
        ("a thousand", 1000), ("a hundred", 100), ("a dozen", 12), ("thousand", 1000), ("hundred", 100), ("dozen", 12),
        ("zero", 0), ("one", 1), ("two", 2), ("three", 3), ("four", 4), ("five", 5), ("six", 6), ("seven", 7), ("eight", 8),
        ("nine", 9), ("ten", 10), ("eleven", 11), ("twelve", 12), ("thirteen", 13), ("fourteen", 14), ("fifteen", 15),
        ("sixteen", 16), ("seventeen", 17), ("eighteen", 18), ("nineteen", 19), ("twenty", 20), ("thirty", 30), ("forty", 40),
        ("fifty", 50), ("sixty", 60), ("seventy", 70), ("eighty", 80), ("ninety", 90),
    ]

    static var scales: [(String, Double)] { FigureVocabulary.scales }
    static var units: [(String, Dimension, Double)] { FigureVocabulary.units }

    /// Words after a figure that start context rather than a unit: "50km south of Kharkiv".
    static let contextWords: Set<String> = [
        "of", "in", "from", "near", "around", "across", "inside", "into", "within", "along", "since", "this", "last", "per", "at",
        "on", "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "deep", "behind", "beyond",
        "away", "by", "for", "during", "over", "under", "toward", "towards", "high", "long", "wide", "tall", "thick",
    ]

    /// The refusal of `input`, quoting the part that could not be read and why (`because`),
    /// with an example close to what was typed.
    static func failure(_ input: String, because: String? = nil) -> LedgerError {
        let reason = because.map { " (\($0))" } ?? ""
        let example = example(near: input).map { "\"\($0)\"" } ?? examples
        return .refused(
            "'\(input.shown(limit: 80))' is not a quantity\(reason); give a number with an optional qualifier and unit, such as \(example).")
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
        // The first number as typed: digits with their separators.
        var number = ""
        for character in text {
            if character.isASCII && character.isNumber || (!number.isEmpty && (character == "," || character == ".")) {
                number.append(character)
            } else if !number.isEmpty {
                break
            }
        }
        while number.last == "," || number.last == "." { number.removeLast() }
        let typedNumber = !number.isEmpty
        if number.isEmpty { number = "300" }
        // Tokens: runs of letters, and each symbol the vocabulary knows standing alone.
        var tokens: [String] = []
        var word = ""
        for character in text {
            if character.isLetter {
                word.append(character)
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
                && !numberWords.contains { $0.0 == token } && !["between", "and", "from", "to", "lots", "many", "several", "few"].contains(token)
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
            if skipped.startsFigure() { afterOf = skipped }
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
        guard var first = scanner.number() else { throw failure(input, because: "no number where '\(scanner.nextWord.shown(limit: 30))' stands") }
        var percent = scanner.percentSign()
        var second: (value: Double, scaled: Bool)?
        let beforeRange = scanner.index
        scanner.skipSpaces()
        /// The second number of a range, with its own currency or percent sign ("$4m-$5m", "30%-40%").
        func secondNumber() throws(LedgerError) -> (value: Double, scaled: Bool)? {
            if let again = scanner.currencyPrefix() {
                guard currency == nil || currency == again else {
                    throw failure(input, because: "a range gives two currencies, \(currency ?? "") and \(again); no exchange rate is applied, so give one")
                }
                currency = again
            }
            guard let value = scanner.number() else { return nil }
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
        // "5,300+": the number or more.
        if second == nil, scanner.consume("+") {
            guard case .exact = qualifier else { throw failure(input, because: "'+' is a bound of its own; give it or the words before the number, not both") }
            qualifier = .above(inclusive: true)
        }
        // "30-40 thousand": a scale after the second number applies to the first too.
        if let second, second.scaled, !first.scaled, first.value < second.value / 1000 {
            first.value *= second.value >= 1e9 ? 1e9 : second.value >= 1e6 ? 1e6 : 1e3
        }
        // "1.2m people", "600m naira": `m` before a counted noun or a currency is a million (alone, "5 m" is a length).
        var rest = scanner.rest
        let afterM = rest.dropFirst(2)
        if rest.hasPrefix("m "), let noun = afterM.split(separator: " ").first.map(String.init),
            noun.allSatisfy(\.isLetter), FigureVocabulary.peopleKindBySpelling[noun] != nil || (noun.hasSuffix("s") && noun.count > 2)
                || FigureVocabulary.currencyByWord.keys.contains { word in
                    afterM.hasPrefix(word) && (afterM.count == word.count || afterM.dropFirst(word.count).first == " ")
                },
            !contextWords.contains(noun)
        {
            rest = String(rest.dropFirst(2))
            first.value *= 1e6
            if var scaled = second {
                scaled.value *= 1e6
                second = scaled
            }
        }
        if percent, let currency { throw failure(input, because: "it gives both a currency (\(currency)) and a percent sign") }
        let given: Dimension? = currency.map { .money($0) } ?? (percent ? .percentage : nil)
        let (dimension, factor) = try unit(rest, input: input, given: given)
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

        var low = first.value * factor
        var high = low
        var lowOpen = false
        var highOpen = false
        if let second {
            high = second.value * factor
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
                low = first.value * factor * 0.9
                high = first.value * factor * 1.1
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
        guard !text.isEmpty else { return (given ?? .count(""), 1) }
        for (name, dimension, factor) in units where text.hasPrefix(name) {
            let after = text.dropFirst(name.count)
            guard after.isEmpty || after.first == " " else { continue }
            if let given, given != dimension {
                throw failure(input, because: "it gives \(given.description) before the number and '\(name)', \(dimension.description), after it")
            }
            let next = after.dropFirst().split(separator: " ").first.map(String.init) ?? ""
            guard after.isEmpty || contextWords.contains(next) || dimension.isMeasure else { continue }
            let rest = after.dropFirst()
            if let second = units.first(where: { rest.hasPrefix($0.0) && (rest.count == $0.0.count || rest.dropFirst($0.0.count).first == " ") }),
                !contextWords.contains(second.0)
            {
                throw failure(input, because: "it gives two units, '\(name)' and '\(second.0)'; give one")
            }
            _ = try words(String(after), input: input)
            return (dimension, factor)
        }
        let words = try words(text, input: input)
        if let given { return (given, 1) }
        // "30 in the region": a bare number, then context.
        guard !words.isEmpty else { return (.count(""), 1) }
        return counted(words)
    }

    /// The words before the first context word of `text`, each a word of letters, at most four.
    static func words(_ text: String, input: String) throws(LedgerError) -> [String] {
        var words: [String] = []
        for word in text.split(separator: " ").map(String.init) {
            if contextWords.contains(word) { break }
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
        let irregular = ["people": "person", "men": "man", "women": "woman", "children": "child", "troops": "troop"]
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
            let expected = Array(text)
            guard position + expected.count <= characters.count else { return false }
            return Array(characters[position..<(position + expected.count)]) == expected
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
                if probe.isDigit(start) || probe.currencyPrefix() != nil {
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

        /// Consumes a percent sign after a number ("40%", "40 %").
        mutating func percentSign() -> Bool {
            var probe = index
            if probe < characters.count, characters[probe] == " " { probe += 1 }
            guard probe < characters.count, characters[probe] == "%" else { return false }
            index = probe + 1
            return true
        }

        /// A number with thousands separators, decimals or a number word, and an optional scale word.
        mutating func number() -> (value: Double, scaled: Bool)? {
            var value: Double
            if isDigit(index) {
                var digits = ""
                var groupLength = 0
                while isDigit(index) {
                    digits.append(characters[index])
                    index += 1
                    groupLength += 1
                }
                // Thousands separators: "1,000" and "1 000" (a group of exactly three digits each time).
                while index < characters.count, characters[index] == "," || characters[index] == " ",
                    isDigit(index + 1), isDigit(index + 2), isDigit(index + 3), !isDigit(index + 4),
                    characters[index] == "," || digits.count <= 3 || groupLength == 3
                {
                    digits += String(characters[(index + 1)...(index + 3)])
                    index += 4
                    groupLength = 3
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
                value = parsed
                value = wordNumber(startingWith: word, value: value)
            } else {
                return nil
            }
            let beforeScale = index
            skipSpaces()
            if let (word, factor) = QuantityParser.scales.first(where: { hasWord($0.0, at: index) }) {
                index += word.count
                // A scale of a scale, as Indian reporting writes it ("20 lakh crore"; "a thousand million").
                let beforeSecond = index
                skipSpaces()
                if ["lakh", "thousand"].contains(word), let (_, second) = [("crore", 1e7), ("million", 1e6), ("billion", 1e9)].first(where: { consumeWord($0.0) }) {
                    return (value * factor * second, true)
                }
                index = beforeSecond
                return (value * factor, true)
            }
            if money, consumeWord("m") { return (value * 1e6, true) }
            if money, consumeWord("b") { return (value * 1e9, true) }
            index = beforeScale
            return (value, false)
        }
    }
}
