/// The words figures are written with (SPEC §4), in one place a contributor can extend:
/// units, the kinds of people counted, and scale words. Every entry is tested
/// (`FigureVocabularyTests`); the parser (`QuantityParser`) reads only what is here.
public enum FigureVocabulary {
    /// Units by their spellings: (spelling, dimension, factor to the base unit: km or km2).
    static let units: [(String, Dimension, Double)] = {
        var table: [(String, Dimension, Double)] = []
        func add(_ names: [String], _ dimension: Dimension, _ factor: Double) {
            for name in names { table.append((name, dimension, factor)) }
        }
        add(["km2", "km 2", "sq km", "sqkm", "sq kms", "square km", "square kms", "square kilometre", "square kilometres",
             "square kilometer", "square kilometers"], .area, 1)
        add(["sq mi", "sq mile", "sq miles", "square mile", "square miles", "mi2"], .area, 2.589988110336)
        add(["ha", "hectare", "hectares"], .area, 0.01)
        add(["acre", "acres"], .area, 0.0040468564224)
        add(["m2", "sq m", "square metre", "square metres", "square meter", "square meters"], .area, 1e-6)
        add(["sq ft", "sq feet", "square foot", "square feet", "ft2"], .area, 9.290304e-8)
        add(["km", "kms", "kilometre", "kilometres", "kilometer", "kilometers"], .length, 1)
        add(["mi", "mile", "miles"], .length, 1.609344)
        add(["m", "metre", "metres", "meter", "meters"], .length, 0.001)
        add(["ft", "foot", "feet"], .length, 0.0003048)
        add(["yd", "yard", "yards"], .length, 0.0009144)
        return table.sorted { $0.0.count > $1.0.count }
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
    /// before a counted noun, "1.2m people"; alone, "5 m" is a length.)
    static let scales: [(String, Double)] = [
        ("thousand", 1e3), ("million", 1e6), ("mln", 1e6), ("billion", 1e9), ("bn", 1e9), ("trillion", 1e12), ("tn", 1e12),
        ("lakh", 1e5), ("crore", 1e7), ("k", 1e3),
    ]
}
