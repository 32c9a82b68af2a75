/// The words figures are written with (SPEC §4), in one place a contributor can extend:
/// units, the kinds of people counted, and scale words. Every entry is tested
/// (`FigureVocabularyTests`); the parser (`QuantityParser`) reads only what is here.
public enum FigureVocabulary {
    /// Units by their spellings: (spelling, dimension, factor to the base unit: km, km2,
    /// percent, percentage points, days, or one unit of the currency).
    static let units: [(String, Dimension, Double)] = {
        var table: [(String, Dimension, Double)] = []
        func add(_ names: [String], _ dimension: Dimension, _ factor: Double) {
            for name in names { table.append((name, dimension, factor)) }
        }
        add(["km2", "km 2", "sq km", "sqkm", "sq kms", "square km", "square kms", "square kilometre", "square kilometres",
             "square kilometer", "square kilometers", "km sq", "km squared", "kilometres squared", "kilometers squared"], .area, 1)
        add(["sq mi", "sq mile", "sq miles", "square mile", "square miles", "mi2", "miles squared"], .area, 2.589988110336)
        add(["ha", "hectare", "hectares"], .area, 0.01)
        add(["acre", "acres"], .area, 0.0040468564224)
        add(["m2", "sq m", "sqm", "sq metre", "sq metres", "sq meter", "sq meters", "square metre", "square metres", "square meter", "square meters",
             "metres squared", "meters squared"], .area, 1e-6)
        add(["sq ft", "sq feet", "square foot", "square feet", "ft2"], .area, 9.290304e-8)
        add(["km", "kms", "kilometre", "kilometres", "kilometer", "kilometers"], .length, 1)
        add(["mi", "mile", "miles"], .length, 1.609344)
        add(["m", "metre", "metres", "meter", "meters"], .length, 0.001)
        add(["ft", "foot", "feet"], .length, 0.0003048)
        add(["yd", "yard", "yards"], .length, 0.0009144)
        add(["%", "percent", "per cent", "pct", "pc", "percentage"], .percentage, 1)
        add(["percentage points", "percentage point", "percent points", "percent point", "per cent points", "per cent point", "pp", "ppt",
             "ppts", "points of percentage"], .percentagePoints, 1)
        add(["basis points", "basis point", "bps", "bp"], .percentagePoints, 0.01)
        add(["second", "seconds", "sec", "secs"], .duration, 1.0 / 86400)
        add(["minute", "minutes", "min", "mins"], .duration, 1.0 / 1440)
        add(["hour", "hours", "hr", "hrs", "h"], .duration, 1.0 / 24)
        add(["day", "days"], .duration, 1)
        add(["week", "weeks", "wk", "wks"], .duration, 7)
        add(["fortnight", "fortnights"], .duration, 14)
        add(["month", "months", "mo", "mos"], .duration, 30.44)
        add(["year", "years", "yr", "yrs"], .duration, 365.25)
        add(["decade", "decades"], .duration, 3652.5)
        for currency in currencies { add(currency.words + currency.symbols, .money(currency.code), 1) }
        return table.sorted { $0.0.count > $1.0.count }
    }()

    /// Currencies by ISO 4217 code: the symbols written before an amount ("$2.5 trillion",
    /// "Rs 200 crore", "USD 5m") and the words written after it ("600 million naira"). An amount
    /// compares only with amounts in the same currency. `$` alone is read as US dollars and
    /// `Rs` as Indian rupees, as most reporting in English means them; write the code
    /// (`AUD 5m`, `PKR 200 crore`) for another. "Pounds" alone is not read as money: it is
    /// as often a weight ("a 2,000-pound bomb").
    public static let currencies: [(code: String, symbols: [String], words: [String])] = [
        ("USD", ["$", "us$", "us $", "$us", "usd"], ["dollar", "dollars", "us dollars", "us dollar", "usd"]),
        ("EUR", ["€", "eur"], ["euro", "euros", "eur"]),
        ("GBP", ["£", "gbp"], ["pounds sterling", "sterling", "gbp"]),
        ("INR", ["₹", "rs", "inr"], ["rupee", "rupees", "indian rupees", "inr"]),
        ("PKR", ["pkr"], ["pakistani rupees", "pkr"]),
        ("NGN", ["₦", "ngn"], ["naira", "ngn"]),
        ("UAH", ["₴", "uah"], ["hryvnia", "hryvnias", "hryvnya", "uah"]),
        ("RUB", ["₽", "rub"], ["rouble", "roubles", "ruble", "rubles", "rub"]),
        ("JPY", ["¥", "jpy"], ["yen", "jpy"]),
        ("CNY", ["cny", "rmb"], ["yuan", "renminbi", "cny", "rmb"]),
        ("AUD", ["a$", "au$", "aud"], ["australian dollars", "aud"]),
        ("CAD", ["c$", "ca$", "cad"], ["canadian dollars", "cad"]),
        ("HKD", ["hk$", "hkd"], ["hong kong dollars", "hkd"]),
        ("NZD", ["nz$", "nzd"], ["new zealand dollars", "nzd"]),
        ("SGD", ["s$", "sgd"], ["singapore dollars", "sgd"]),
        ("BRL", ["r$", "brl"], ["reais", "brazilian reais", "brl"]),
        ("EGP", ["e£", "egp"], ["egyptian pounds", "egp"]),
        ("CHF", ["chf"], ["swiss francs", "chf"]),
        ("ILS", ["₪", "ils", "nis"], ["shekel", "shekels", "ils", "nis"]),
        ("ZAR", ["zar"], ["rand", "zar"]),
        ("KES", ["kes", "ksh"], ["kenyan shillings", "kes"]),
    ]

    /// The currency code of a symbol written before an amount, longest symbols first.
    static let currencyPrefixes: [(String, String)] =
        currencies.flatMap { currency in currency.symbols.map { ($0, currency.code) } }.sorted { $0.0.count > $1.0.count }

    /// The currency code of a word written after an amount.
    static let currencyByWord: [String: String] = {
        var table: [String: String] = [:]
        for currency in currencies { for word in currency.words + currency.symbols { table[word] = currency.code } }
        return table
    }()

    /// The kinds of people reporting counts, each one thing however it is worded (SPEC §4):
    /// "11,300 dead" and "11,300 deaths" are the same count.
    public static let peopleKinds: [(noun: String, plural: String, spellings: [String])] = [
        ("death", "deaths", ["dead", "death", "deaths", "killed", "people killed", "persons killed", "fatality", "fatalities", "body", "bodies"]),
        ("injured", "injured", ["injured", "wounded", "injury", "injuries", "people injured", "people wounded", "persons injured"]),
        ("missing", "missing", ["missing", "people missing", "persons missing"]),
        ("displaced", "displaced", [
            "displaced", "people displaced", "persons displaced", "idp", "idps", "internally displaced", "internally displaced people",
            "internally displaced persons",
        ]),
        ("person", "people", ["person", "persons", "people", "resident", "residents"]),
    ]

    static let peopleKindBySpelling: [String: String] = {
        var table: [String: String] = [:]
        for kind in peopleKinds { for spelling in kind.spellings { table[spelling] = kind.noun } }
        return table
    }()

    /// How a counted noun is written in the plural, for the nouns that are not just noun + s.
    static let plurals: [String: String] = Dictionary(uniqueKeysWithValues: peopleKinds.map { ($0.noun, $0.plural) })

    /// Scale words after a number: "1.5 million", "€1.2bn", "Rs 200 crore". (`m` is a scale only
    /// before a counted noun, "1.2m people", or after a currency, "£350m"; alone, "5 m" is a length.)
    static let scales: [(String, Double)] = [
        ("thousand", 1e3), ("million", 1e6), ("millions", 1e6), ("mln", 1e6), ("mn", 1e6), ("mio", 1e6), ("billion", 1e9),
        ("billions", 1e9), ("bn", 1e9), ("bln", 1e9), ("milliard", 1e9), ("milliards", 1e9), ("trillion", 1e12), ("trillions", 1e12), ("tn", 1e12), ("trn", 1e12),
        ("lakh", 1e5), ("lakhs", 1e5), ("lac", 1e5), ("lacs", 1e5), ("crore", 1e7), ("crores", 1e7), ("k", 1e3), ("hundred", 100),
        ("dozen", 12),
    ]

    /// Scales read only after a currency: "£350m", "$5B", "$1.3tr", "Rs 200cr".
    static let moneyScales: [(String, Double)] = [("m", 1e6), ("b", 1e9), ("tr", 1e12), ("cr", 1e7)]

    /// Every scale read after a currency: the general ones, then those.
    static let scalesAfterCurrency = scales + moneyScales

    /// The days `value` of a unit with `factor` can span: a month is 28 to 31 days, n months
    /// in a row as few or as many days as n consecutive months of the calendar have (6 months:
    /// 181 to 184; 12: 365 to 366), a year 365 to 366, a decade 3,652 to 3,653; other units
    /// exactly `value × factor`. So "1 year", "12 months" and "365 days" agree, and so do
    /// "1 month" and "30 days". The factors in `units` are the averages (SPEC §4).
    static func span(of value: Double, factor: Double) -> (low: Double, high: Double) {
        switch factor {
        case 30.44:
            let years = (value / 12).rounded(.down)
            let months = value - years * 12
            let whole = Int(months.rounded(.down))
            let part = months - Double(whole)
            func along(_ sums: [Double]) -> Double { sums[whole] + (whole < 12 ? part * (sums[whole + 1] - sums[whole]) : 0) }
            return (years * 365 + along(consecutiveMonths.fewest), years * 366 + along(consecutiveMonths.most))
        case 365.25: return (value * 365, value * 366)
        case 3652.5: return (value * 3652, value * 3653)
        default: return (value * factor, value * factor)
        }
    }

    /// The fewest and most days in k consecutive months of the calendar, k = 0…12.
    static let consecutiveMonths: (fewest: [Double], most: [Double]) = {
        let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        var fewest = [0.0], most = [0.0]
        for k in 1...12 {
            var low = Int.max, high = 0
            for start in 0..<12 {
                let days = (0..<k).reduce(0) { $0 + lengths[(start + $1) % 12] }
                let february = (0..<k).contains { (start + $0) % 12 == 1 }
                low = min(low, days)
                high = max(high, days + (february ? 1 : 0))
            }
            fewest.append(Double(low))
            most.append(Double(high))
        }
        return (fewest, most)
    }()
}
