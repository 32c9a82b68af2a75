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
            // Months, years and decades span what the calendar makes them (their factor is the average).
            let (low, high) = FigureVocabulary.span(of: 3, factor: factor)
            #expect(low <= 3 * factor && 3 * factor <= high)
            #expect(abs(figure.low - Quantity.roundedSignificant(low)) <= 1e-12 * max(1, figure.low), "\(spelling): \(figure.low)")
            #expect(abs(figure.high - Quantity.roundedSignificant(high)) <= 1e-12 * max(1, figure.high), "\(spelling): \(figure.high)")
        }
    }

    @Test func everyScaleWordMultiplies() throws {
        for (word, factor) in FigureVocabulary.scales {
            let figure = try QuantityParser.parse("3 \(word) tanks")
            #expect(figure.low == 3 * factor && figure.dimension == .count("tank"), "\(word)")
        }
        // Scales read only after a currency; without one, `m` is metres and the rest are not scales.
        for (word, factor) in FigureVocabulary.moneyScales {
            let figure = try QuantityParser.parse("€3\(word)")
            #expect(figure.low == 3 * factor && figure.dimension == .money("EUR"), "\(word)")
            #expect((try? QuantityParser.parse("3\(word)"))?.dimension.currency == nil, "\(word)")
        }
    }

    @Test func everyCurrencySymbolBeforeAnAmountAndWordAfterItIsMoneyInThatCurrency() throws {
        for currency in FigureVocabulary.currencies {
            for symbol in currency.symbols {
                for text in ["\(symbol)3", "\(symbol) 3 million", "about \(symbol)3m"] {
                    let figure = try QuantityParser.parse(text)
                    #expect(figure.dimension == .money(currency.code), "\(text)")
                }
                #expect(try QuantityParser.parse("\(symbol) 3 million").low == 3e6, "\(symbol)")
                #expect(try QuantityParser.parse("about \(symbol)3m").high == 3.3e6, "\(symbol)")
            }
            for word in currency.words {
                let figure = try QuantityParser.parse("3 million \(word)")
                #expect(figure.dimension == .money(currency.code) && figure.low == 3e6, "\(word)")
                #expect(try QuantityParser.parse("3m \(word)").low == 3e6, "\(word): m before a currency is a million")
            }
            #expect(Dimension.money(currency.code).baseUnit == currency.code && Dimension.money(currency.code).currency == currency.code)
        }
        // No symbol or word names two currencies.
        let spellings = FigureVocabulary.currencies.flatMap { $0.symbols + $0.words }
        #expect(Set(spellings).count == Set(FigureVocabulary.currencies.flatMap { Set($0.symbols + $0.words) }).count)
    }

    @Test func everyDimensionIsStoredByANameThatReadsBack() {
        let dimensions: [Dimension] = [.length, .area, .percentage, .percentagePoints, .money("EUR"), .duration, .count("tank"), .count("")]
        for dimension in dimensions {
            #expect(Dimension(name: dimension.name, unit: dimension.baseUnit) == dimension, "\(dimension)")
        }
        #expect(Dimension(name: "volume", unit: "l") == nil)
        // The names the schema's CHECK allows are exactly these.
        #expect(Set(dimensions.map(\.name)) == ["length", "area", "percentage", "percentage-points", "money", "duration", "count"])
    }

    /// Figures from reporting in the new dimensions: money, percentages, percentage points and
    /// durations. (text, low, high, low included, high included, dimension)
    @Test(arguments: [
        ("$2.5 trillion", 2.5e12, 2.5e12, true, true, Dimension.money("USD")),
        ("2.5 trillion dollars", 2.5e12, 2.5e12, true, true, .money("USD")),
        ("€1.2bn", 1.2e9, 1.2e9, true, true, .money("EUR")),
        ("£350m", 3.5e8, 3.5e8, true, true, .money("GBP")),
        ("Rs 200 crore", 2e9, 2e9, true, true, .money("INR")),
        ("₹200 crore", 2e9, 2e9, true, true, .money("INR")),
        ("Rs. 5 lakh", 5e5, 5e5, true, true, .money("INR")),
        ("₹20 lakh crore", 2e13, 2e13, true, true, .money("INR")),
        ("600 million naira", 6e8, 6e8, true, true, .money("NGN")),
        ("USD 5m", 5e6, 5e6, true, true, .money("USD")),
        ("US$1.3 billion", 1.3e9, 1.3e9, true, true, .money("USD")),
        ("more than $100bn", 1e11, .infinity, false, false, .money("USD")),
        ("up to $50,000", 0, 50000, true, true, .money("USD")),
        ("an estimated $411 billion", 3.699e11, 4.521e11, true, true, .money("USD")),
        ("$61bn in military aid", 6.1e10, 6.1e10, true, true, .money("USD")),
        ("$4m-$5m", 4e6, 5e6, true, true, .money("USD")),
        ("between $4m and $5m", 4e6, 5e6, true, true, .money("USD")),
        ("$1.5-2 billion", 1.5e9, 2e9, true, true, .money("USD")),
        ("about €300 million", 2.7e8, 3.3e8, true, true, .money("EUR")),
        ("300 million euros", 3e8, 3e8, true, true, .money("EUR")),
        ("EUR 50bn", 5e10, 5e10, true, true, .money("EUR")),
        ("50 billion roubles", 5e10, 5e10, true, true, .money("RUB")),
        ("100 billion hryvnias", 1e11, 1e11, true, true, .money("UAH")),
        ("1 trillion yen", 1e12, 1e12, true, true, .money("JPY")),
        ("$5B", 5e9, 5e9, true, true, .money("USD")),
        ("an $8bn", 8e9, 8e9, true, true, .money("USD")),
        ("$350m in aid", 3.5e8, 3.5e8, true, true, .money("USD")),
        ("5m USD", 5e6, 5e6, true, true, .money("USD")),
        ("CHF 1.5bn", 1.5e9, 1.5e9, true, true, .money("CHF")),
        ("₪10 million", 1e7, 1e7, true, true, .money("ILS")),
        ("40%", 40, 40, true, true, .percentage),
        ("40 percent", 40, 40, true, true, .percentage),
        ("40 per cent", 40, 40, true, true, .percentage),
        ("40 pct", 40, 40, true, true, .percentage),
        ("about 40%", 36, 44, true, true, .percentage),
        ("more than 90% of the territory", 90, .infinity, false, false, .percentage),
        ("30-40%", 30, 40, true, true, .percentage),
        ("30%-40%", 30, 40, true, true, .percentage),
        ("between 30% and 40%", 30, 40, true, true, .percentage),
        ("nearly 70 per cent", 63, 77, true, true, .percentage),
        ("up to 15%", 0, 15, true, true, .percentage),
        ("0.5%", 0.5, 0.5, true, true, .percentage),
        ("150%", 150, 150, true, true, .percentage),
        ("40 percent turnout", 40, 40, true, true, .percentage),
        ("5 percentage points", 5, 5, true, true, .percentagePoints),
        ("about 5 percentage points", 4.5, 5.5, true, true, .percentagePoints),
        ("2.5pp", 2.5, 2.5, true, true, .percentagePoints),
        ("3 p.p.", 3, 3, true, true, .percentagePoints),
        ("47 days", 47, 47, true, true, .duration),
        ("seven weeks", 49, 49, true, true, .duration),
        ("60 years", 21900, 21960, true, true, .duration),
        ("nearly seven months", 190.8, 236.5, true, true, .duration),
        ("a 47-day siege", 47, 47, true, true, .duration),
        ("72 hours", 3, 3, true, true, .duration),
        ("a 48-hour ceasefire", 2, 2, true, true, .duration),
        ("more than 100 days", 100, .infinity, false, false, .duration),
        ("two decades", 7304, 7306, true, true, .duration),
        ("18 months", 546, 550, true, true, .duration),
        ("about 3 years", 985.5, 1207.8, true, true, .duration),
        ("90 minutes", 0.0625, 0.0625, true, true, .duration),
        ("six-month", 181, 184, true, true, .duration),
        ("a 2,000-pound bomb", 2000, 2000, true, true, .count("pound bomb")),
        ("more than 11,000 killed", 11000, .infinity, false, false, .count("death")),
        ("1,500 bodies", 1500, 1500, true, true, .count("death")),
        ("about 200 wounded", 180, 220, true, true, .count("injured")),
        ("100,000 IDPs", 100_000, 100_000, true, true, .count("displaced")),
        ("at least 3,000 people missing", 3000, .infinity, true, false, .count("missing")),
    ])
    func readsMoneyPercentagesAndDurations(text: String, low: Double, high: Double, lowIncluded: Bool, highIncluded: Bool, dimension: Dimension) throws {
        try readsAsTheNewsWritesIt(text: text, low: low, high: high, lowIncluded: lowIncluded, highIncluded: highIncluded, dimension: dimension)
    }

    /// What a hostile reading found misread (each row failed before its fix): scales in ranges,
    /// scale abbreviations after a currency, `m` before people, areas written as squares,
    /// qualifiers ending in "of", hyphenated units, percent points, bounds after the number,
    /// Indian grouping, and currencies the table lacked.
    @Test(arguments: [
        ("Rs 20-30 crore", 2e8, 3e8, true, true, Dimension.money("INR")),
        ("2-3 lakh", 2e5, 3e5, true, true, .count("")),
        ("$1-2 trillion", 1e12, 2e12, true, true, .money("USD")),
        ("between 1 and 2 trillion dollars", 1e12, 2e12, true, true, .money("USD")),
        ("5-10 lakh crore", 5e12, 1e13, true, true, .count("")),
        ("$5 mn", 5e6, 5e6, true, true, .money("USD")),
        ("$5 millions", 5e6, 5e6, true, true, .money("USD")),
        ("$5 bln", 5e9, 5e9, true, true, .money("USD")),
        ("$1.3 trn", 1.3e12, 1.3e12, true, true, .money("USD")),
        ("$1.3tr", 1.3e12, 1.3e12, true, true, .money("USD")),
        ("€5 mio", 5e6, 5e6, true, true, .money("EUR")),
        ("Rs 200cr", 2e9, 2e9, true, true, .money("INR")),
        ("Rs 200 crores", 2e9, 2e9, true, true, .money("INR")),
        ("Rs 5 lakhs", 5e5, 5e5, true, true, .money("INR")),
        ("Rs 1 lac", 1e5, 1e5, true, true, .money("INR")),
        ("Rs 5,00,000", 5e5, 5e5, true, true, .money("INR")),
        ("Rs. 2,00,00,000", 2e7, 2e7, true, true, .money("INR")),
        ("HK$5m", 5e6, 5e6, true, true, .money("HKD")),
        ("R$5m", 5e6, 5e6, true, true, .money("BRL")),
        ("5m Egyptian pounds", 5e6, 5e6, true, true, .money("EGP")),
        ("1.2m children", 1.2e6, 1.2e6, true, true, .count("child")),
        ("1.2m Syrian refugees", 1.2e6, 1.2e6, true, true, .count("syrian refugee")),
        ("2m internally displaced", 2e6, 2e6, true, true, .count("displaced")),
        ("1.2 m people", 1.2e6, 1.2e6, true, true, .count("person")),
        ("a 10m wall", 0.01, 0.01, true, true, .length),
        ("5 kilometres squared", 5, 5, true, true, .area),
        ("5 km sq", 5, 5, true, true, .area),
        ("5 km^2", 5, 5, true, true, .area),
        ("5 sq metres", 5e-6, 5e-6, true, true, .area),
        ("a minimum of 300 dead", 300, .infinity, true, false, .count("death")),
        ("a maximum of 50 km", 0, 50, true, true, .length),
        ("a 40km-long convoy", 40, 40, true, true, .length),
        ("a 2km-wide corridor", 2, 2, true, true, .length),
        ("a 5-sq-km area", 5, 5, true, true, .area),
        ("a 3,000-sq-km area", 3000, 3000, true, true, .area),
        ("5 percent points", 5, 5, true, true, .percentagePoints),
        ("40pc", 40, 40, true, true, .percentage),
        ("300-plus dead", 300, .infinity, true, false, .count("death")),
        ("300 or more dead", 300, .infinity, true, false, .count("death")),
        ("300 or so dead", 270, 330, true, true, .count("death")),
        ("5 buses", 5, 5, true, true, .count("bus")),
        ("1 year", 365, 366, true, true, .duration),
        ("12 months", 365, 366, true, true, .duration),
        ("6 months", 181, 184, true, true, .duration),
        ("1 month", 28, 31, true, true, .duration),
        ("more than 6 months", 181, .infinity, false, false, .duration),
        ("two thousand five hundred", 2500, 2500, true, true, .count("")),
        ("one thousand two hundred", 1200, 1200, true, true, .count("")),
        ("two thousand and five", 2005, 2005, true, true, .count("")),
        ("one million two hundred thousand", 1.2e6, 1.2e6, true, true, .count("")),
        ("5 hundred thousand", 5e5, 5e5, true, true, .count("")),
        ("3 hundred", 300, 300, true, true, .count("")),
        ("3-4 hundred", 300, 400, true, true, .count("")),
        ("2-3 dozen", 24, 36, true, true, .count("")),
        ("three and a half million", 3.5e6, 3.5e6, true, true, .count("")),
        ("two and a half years", 912.5, 915, true, true, .duration),
        ("one point five million", 1.5e6, 1.5e6, true, true, .count("")),
        ("a million people", 1e6, 1e6, true, true, .count("person")),
        ("Rs 1 thousand crore", 1e10, 1e10, true, true, .money("INR")),
        // The second pass.
        ("upward of 300", 300, .infinity, false, false, .count("")),
        ("in the region of 300 dead", 270, 330, true, true, .count("death")),
        ("in the order of $5bn", 4.5e9, 5.5e9, true, true, .money("USD")),
        ("north of $5bn", 5e9, .infinity, false, false, .money("USD")),
        ("just shy of 300", 0, 300, true, false, .count("")),
        ("just short of 300 dead", 0, 300, true, false, .count("death")),
        ("as many as 300 dead", 0, 300, true, true, .count("death")),
        ("no fewer than 300", 300, .infinity, true, false, .count("")),
        ("not more than 300", 0, 300, true, true, .count("")),
        ("well over 300", 300, .infinity, false, false, .count("")),
        ("below 300", 0, 300, true, false, .count("")),
        ("estimated 300 dead", 270, 330, true, true, .count("death")),
        ("a million and a half", 1.5e6, 1.5e6, true, true, .count("")),
        ("one million and a half people", 1.5e6, 1.5e6, true, true, .count("person")),
        ("one-and-a-half million", 1.5e6, 1.5e6, true, true, .count("")),
        ("half a million people", 5e5, 5e5, true, true, .count("person")),
        ("300-odd dead", 270, 330, true, true, .count("death")),
        ("a 5-million-dollar", 5e6, 5e6, true, true, .money("USD")),
        ("$5-million", 5e6, 5e6, true, true, .money("USD")),
        ("US $5m", 5e6, 5e6, true, true, .money("USD")),
        ("3 billion dollars' worth", 3e9, 3e9, true, true, .money("USD")),
        ("5 milliard euros", 5e9, 5e9, true, true, .money("EUR")),
        ("10 years' jail", 3650, 3660, true, true, .duration),
        ("a 48h ceasefire", 2, 2, true, true, .duration),
        ("a six-week ceasefire", 42, 42, true, true, .duration),
        ("5,000 sqm", 0.005, 0.005, true, true, .area),
        ("5 basis points", 0.05, 0.05, true, true, .percentagePoints),
        ("40% in 2022", 40, 40, true, true, .percentage),
        ("300 dead in 2 days", 300, 300, true, true, .count("death")),
        ("500,000-1 million people", 5e5, 1e6, true, true, .count("person")),
        ("between 800,000 and 1.2 million", 8e5, 1.2e6, true, true, .count("")),
        ("inflation of 40% year-on-year", 40, 40, true, true, .percentage),
        // The third pass.
        ("three to four hundred people", 300, 400, true, true, .count("person")),
        ("between two and three hundred million dollars", 2e8, 3e8, true, true, .money("USD")),
        ("five to six hundred thousand people", 5e5, 6e5, true, true, .count("person")),
        ("twenty to twenty-five hundred", 2000, 2500, true, true, .count("")),
        ("two hundred to three hundred", 200, 300, true, true, .count("")),
        ("from one to one hundred", 1, 100, true, true, .count("")),
        ("1-2 million", 1e6, 2e6, true, true, .count("")),
        ("1.2m homeless", 1.2e6, 1.2e6, true, true, .count("homeless")),
        ("2m unemployed", 2e6, 2e6, true, true, .count("unemployed")),
        ("1m Rohingya", 1e6, 1e6, true, true, .count("rohingya")),
        ("2m sheep", 2e6, 2e6, true, true, .count("sheep")),
        ("5% points", 5, 5, true, true, .percentagePoints),
        ("5 pct pts", 5, 5, true, true, .percentagePoints),
        ("a 5% point lead", 5, 5, true, true, .percentagePoints),
        ("300 at the front", 300, 300, true, true, .count("")),
        ("a $5bn loan", 5e9, 5e9, true, true, .money("USD")),
        ("$61bn military aid", 6.1e10, 6.1e10, true, true, .money("USD")),
        ("$350m aid package", 3.5e8, 3.5e8, true, true, .money("USD")),
        ("600 million naira ransom", 6e8, 6e8, true, true, .money("NGN")),
    ])
    func readsWhatAHostileReadingFoundMisread(text: String, low: Double, high: Double, lowIncluded: Bool, highIncluded: Bool, dimension: Dimension) throws {
        try readsAsTheNewsWritesIt(text: text, low: low, high: high, lowIncluded: lowIncluded, highIncluded: highIncluded, dimension: dimension)
    }

    /// ... and what it found read where it must be refused, each with its sentence.
    @Test(arguments: [
        ("$900-1.2bn", "the scale after the second number would make the first 900000000000, more than the second; give each number its own scale"),
        ("between 500 and 2 million people", "would make the first 500000000, more than the second"),
        ("$5m Australian", "could not read 'australian' after the amount; name the currency before or after the amount"),
        ("$5bn Hong Kong dollars", "it gives both money in USD and 'hong kong dollars', money in HKD"),
        ("$5bn Zimbabwean", "could not read 'zimbabwean' after the amount"),
        ("600 million naira Nigerian", "could not read 'nigerian' after the amount"),
        ("more than half of 300 villages", "'half' makes it a share of the figure after 'of'"),
        ("a third of 600 people", "'third' makes it a share of the figure after 'of'"),
        ("40 km per hour", "'per' makes it a rate"),
        ("5 deaths per 1,000", "'per' makes it a rate"),
        ("less than 0", "nothing is less than 0"),
        ("under 0%", "nothing is less than 0"),
        ("300 dead or more", "'or' after the noun cannot be read"),
        ("5 km squared km", "it gives two units"),
        ("about", "there is no number after its first words"),
        ("one million million", "the scale 'million' comes after another"),
        ("two-thirds of voters", "'thirds' after the number makes it a share or a second number"),
        ("one in five people", "makes it a ratio"),
        ("1 in 3 children", "makes it a ratio"),
        ("two-thirds of 600 people", "'thirds' makes it a share of the figure after 'of'"),
        ("three-quarters of 1,000 km", "'quarters' makes it a share"),
        ("2/3 of 600 people", "'2/3' makes it a share"),
        ("1 in 5 of 600 people", "'1 in 5' makes it a share"),
        ("30-40,000 people", "it could run from 30 or from 30000; write both numbers in full"),
        ("$3-4,000", "it could run from 3 or from 3000"),
        ("5 km a day", "'a day' makes it a rate"),
        ("40 km an hour", "'an hour' makes it a rate"),
        ("2% a month", "'a month' makes it a rate"),
        ("10^6 people", "could not read '^6' after the number"),
        ("5 300-pound bombs", "could not read '300-pound' after the number"),
        ("1990s", "could not read 's' after the number"),
        ("300 dead at least", "'at least' after the number cannot be read; put it before"),
        ("300 at most", "'at most' after the number cannot be read"),
        ("5 km plus", "'plus' after the unit cannot be read"),
        ("1 in 1000 people", "makes it a ratio"),
        ("1 in 2000 children", "makes it a ratio"),
        ("9 out of 10 people", "'9 out' makes it a share"),
        ("some of 300 villages", "'some' makes it a share"),
        ("nearly all of 300 villages", "'all' makes it a share"),
    ])
    func refusesWhatAHostileReadingFoundMisread(text: String, message: String) {
        let error = #expect(throws: LedgerError.self) { try QuantityParser.parse(text) }
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
        // Whatever example it gives reads.
        if let message = error?.message, message.hasSuffix("\"."), !message.hasSuffix("about 1.5 million\".") {
            let parts = message.split(separator: "\"", omittingEmptySubsequences: false)
            let quoted = parts[parts.count - 2]
            #expect((try? QuantityParser.parse(String(quoted))) != nil, "\(quoted)")
        }
    }

    /// Refusals of the new forms, each with its sentence.
    @Test(arguments: [
        ("-5 km", "a figure cannot be negative"),
        ("-$5m", "a figure cannot be negative"),
        ("€5m-$6m", "a range gives two currencies, EUR and USD; no exchange rate is applied"),
        ("$40%", "it gives both a currency (USD) and a percent sign"),
        ("$5m €", "it gives both money in USD and '€', money in EUR"),
        ("40% dollars", "it gives both a percentage and 'dollars', money in USD"),
        ("50 km2 km", "it gives two units, 'km2' and 'km'"),
        ("5 days weeks", "it gives two units, 'days' and 'weeks'"),
        ("$5m (2023)", "could not read '(2023)' after the number"),
        ("$ lots", "such as \"$300\""),
        ("lots of dead", "such as \"300 dead\""),
    ])
    func refusesWhatCannotBeReadAsMoneyPercentOrDuration(text: String, message: String) {
        let error = #expect(throws: LedgerError.self) { try QuantityParser.parse(text) }
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
        #expect(error?.exitCode == 65)
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
        ("300 dead", "300 killed", true, true),
        ("300 deaths", "300 fatalities", true, true),
        ("300 people killed", "about 320 dead", true, true),
        ("300 dead", "300 people", false, false),
        ("40%", "40 percent", true, true),
        ("40%", "40 per cent", true, true),
        ("about 40%", "45 percent", true, false),
        ("40%", "40 percentage points", false, false),
        ("40%", "40", false, false),
        ("$2.5 trillion", "2.5 trillion dollars", true, true),
        ("$5m", "USD 5 million", true, true),
        ("$5m", "5 million", false, false),
        ("€1.2bn", "$1.2bn", false, false),
        ("£350m", "350 million euros", false, false),
        ("Rs 200 crore", "₹2 billion", true, true),
        ("47 days", "about seven weeks", true, true),
        ("47 days", "seven weeks", true, false),
        ("two months", "about 60 days", true, true),
        ("1 year", "365 days", true, true),
        ("1 year", "12 months", true, true),
        ("1 month", "30 days", true, true),
        ("1 month", "4 weeks", true, true),
        ("3 months", "90 days", true, true),
        ("1 year", "52 weeks", true, false),
        ("more than 6 months", "182 days", true, true),
        ("more than 6 months", "175 days", true, false),
        ("about 1 year", "365 days", true, true),
        ("60 years", "six decades", true, true),
        ("48 hours", "2 days", true, true),
        ("100 hectares", "1 sq km", true, true),
        ("10 km", "about 6 miles", true, true),
        ("10 km", "6 miles", true, false),
        ("47 days", "47", false, false),
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

    /// The same for money, percentages and durations: a currency before or a word after, a
    /// percent sign, a duration unit, with qualifiers, ranges and scales; most read, and every
    /// one that reads is sane. Phrases built to name two currencies must all be refused.
    @Test func generatedMoneyPercentAndDurationPhrasesReadSanely() throws {
        var random = SeededRandom(seed: 1405)
        func pick(_ items: [String]) -> String { items[Int(random.next() % UInt64(items.count))] }
        let qualifiers = ["", "about ", "more than ", "up to ", "some ", "an estimated ", "nearly ", "at least ", "c. ", "just under "]
        let prefixes = FigureVocabulary.currencyPrefixes.map(\.0)
        let amounts = ["300", "1.2", "2,500", "1.5-2", "4-5", "twenty-one", "a hundred and fifty"]
        let scales = ["", "m", " million", "bn", " billion", " crore", " lakh", "k", " trillion"]
        let durations = FigureVocabulary.units.filter { $0.1 == .duration }.map(\.0)
        var read = 0
        var money = 0
        var previous: Quantity?
        for round in 0..<3000 {
            let text: String
            switch round % 4 {
            case 0: text = pick(qualifiers) + pick(prefixes) + pick(amounts) + pick(scales)
            case 1: text = pick(qualifiers) + pick(amounts) + pick(scales) + " " + pick(FigureVocabulary.currencies.flatMap(\.words))
            case 2: text = pick(qualifiers) + pick(amounts) + pick(["%", " percent", " per cent", " percentage points", "pp"])
            default: text = pick(qualifiers) + pick(amounts) + " " + pick(durations) + pick(["", " of fighting", " siege"])
            }
            guard let figure = try? QuantityParser.parse(text) else { continue }
            read += 1
            if figure.dimension.currency != nil { money += 1 }
            #expect(figure.low <= figure.high && figure.low >= 0, "\(text)")
            #expect(try QuantityParser.parse(text) == figure, "\(text)")
            #expect(Dimension(name: figure.dimension.name, unit: figure.unit) == figure.dimension, "\(text)")
            if let previous, previous.isComparable(with: figure) {
                #expect(previous.isConsistent(with: figure) == figure.isConsistent(with: previous), "\(text)")
            }
            previous = figure
        }
        #expect(read >= 2400, "only \(read) of 3000 generated phrases read")
        #expect(money >= 1000, "only \(money) of them read as money")
        // Two currencies in one figure never read.
        for _ in 0..<300 {
            let first = pick(prefixes)
            let other = FigureVocabulary.currencies.first { !$0.symbols.contains(first) }!.symbols.first!
            let text = "\(first)4m-\(other)5m"
            guard let code = FigureVocabulary.currencyPrefixes.first(where: { $0.0 == first })?.1,
                FigureVocabulary.currencyPrefixes.first(where: { $0.0 == other })?.1 != code
            else { continue }
            #expect(throws: LedgerError.self, "\(text)") { try QuantityParser.parse(text) }
        }
    }
}
