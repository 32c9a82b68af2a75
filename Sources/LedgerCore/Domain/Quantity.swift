/// What a quantity measures. Two quantities are comparable when their dimensions are equal.
public enum Dimension: Sendable, Hashable, CustomStringConvertible {
    case length
    case area
    /// A share, in percent ("40%", "40 per cent").
    case percentage
    /// A difference of shares ("5 percentage points").
    case percentagePoints
    /// An amount of money in one currency (an ISO 4217 code such as `USD`); amounts in two
    /// currencies never compare (no exchange rates).
    case money(String)
    /// A span of time, in days (a month 30.44 days, a year 365.25).
    case duration
    /// A count of one kind of thing (`settlement`, `tank`); the empty noun is a bare number.
    case count(String)

    /// The name stored in `quantity_dimension` and given in JSON.
    public var name: String {
        switch self {
        case .length: "length"
        case .area: "area"
        case .percentage: "percentage"
        case .percentagePoints: "percentage-points"
        case .money: "money"
        case .duration: "duration"
        case .count: "count"
        }
    }

    /// The dimension stored as `name` with `unit` (the inverse of `name` and `baseUnit`), or
    /// nil for a name this version does not know.
    public init?(name: String, unit: String) {
        switch name {
        case "length": self = .length
        case "area": self = .area
        case "percentage": self = .percentage
        case "percentage-points": self = .percentagePoints
        case "money": self = .money(unit)
        case "duration": self = .duration
        case "count": self = .count(unit)
        default: return nil
        }
    }

    /// The unit intervals are expressed in.
    public var baseUnit: String {
        switch self {
        case .length: "km"
        case .area: "km2"
        case .percentage: "percent"
        case .percentagePoints: "percentage points"
        case .money(let currency): currency
        case .duration: "days"
        case .count(let noun): noun
        }
    }

    /// Whether this is a measure in a unit (words after its unit say what it measures) rather than a count.
    public var isMeasure: Bool {
        if case .count = self { return false }
        return true
    }

    /// The currency of an amount of money, else nil.
    public var currency: String? {
        if case .money(let currency) = self { return currency }
        return nil
    }

    public var description: String {
        switch self {
        case .length: "length"
        case .area: "area"
        case .percentage: "a percentage"
        case .percentagePoints: "percentage points"
        case .money(let currency): "money in \(currency)"
        case .duration: "a duration"
        case .count(let noun): noun.isEmpty ? "a bare number" : "a count of \(FigureVocabulary.plurals[noun] ?? noun + "s")"
        }
    }
}

/// A figure as reporting gives it ("more than 1000 sq km"), and what it means:
/// an interval in the dimension's base unit.
public struct Quantity: Sendable, Equatable {
    /// The text as the user typed it.
    public var text: String
    public var low: Double
    /// `.infinity` when there is no upper bound.
    public var high: Double
    public var lowOpen: Bool
    public var highOpen: Bool
    public var dimension: Dimension

    public var unit: String { dimension.baseUnit }

    public init(text: String, low: Double, high: Double, lowOpen: Bool = false, highOpen: Bool = false, dimension: Dimension) {
        self.text = text
        self.low = low
        self.high = high
        self.lowOpen = lowOpen
        self.highOpen = highOpen
        self.dimension = dimension
    }

    public func isComparable(with other: Quantity) -> Bool { dimension == other.dimension }

    /// The interval both quantities allow, or nil when they share no value (or measure different things).
    public func intersection(with other: Quantity) -> Quantity? {
        guard isComparable(with: other) else { return nil }
        var result = self
        if other.low > low || (other.low == low && other.lowOpen) {
            result.low = other.low
            result.lowOpen = other.lowOpen || (other.low == low && lowOpen)
        }
        if other.high < high || (other.high == high && other.highOpen) {
            result.high = other.high
            result.highOpen = other.highOpen || (other.high == high && highOpen)
        }
        if result.low > result.high { return nil }
        if result.low == result.high, result.lowOpen || result.highOpen { return nil }
        result.text = result.intervalText
        return result
    }

    /// Consistent when the intervals intersect (SPEC §4). Symmetric.
    public func isConsistent(with other: Quantity) -> Bool { intersection(with: other) != nil }

    /// The interval in mathematical notation with its unit, such as `(1000, ∞) km2` or `[45, 55] km`.
    public var intervalText: String {
        let open = lowOpen ? "(" : "["
        let close = highOpen || high == .infinity ? ")" : "]"
        let upper = high == .infinity ? "∞" : Quantity.format(high)
        let unitText = unit.isEmpty ? "" : " \(unit)"
        if low == high, !lowOpen, !highOpen { return Quantity.format(low) + unitText }
        return "\(open)\(Quantity.format(low)), \(upper)\(close)\(unitText)"
    }

    /// A number without a needless fractional part or floating-point noise.
    public static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = String(roundedSignificant(value))
        if text.contains("e") { return text }
        while text.contains("."), text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// Rounds away floating-point noise (0.9 × 50 = 45.00000000000001) to 15 significant digits,
    /// as many as a 64-bit float keeps for any decimal (figures with more are refused).
    static func roundedSignificant(_ value: Double) -> Double {
        guard value != 0, value.isFinite else { return value }
        var scale = 1.0
        var magnitude = abs(value)
        var digits = 0
        while magnitude >= 10 {
            magnitude /= 10
            digits += 1
        }
        while magnitude < 1 {
            magnitude *= 10
            digits -= 1
        }
        let places = 14 - digits
        if places >= 0 {
            for _ in 0..<places { scale *= 10 }
            return (value * scale).rounded() / scale
        }
        for _ in 0 ..< -places { scale *= 10 }
        return (value / scale).rounded() * scale
    }
}
