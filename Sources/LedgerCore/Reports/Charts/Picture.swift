/// One picture of a report: its SVG, the name of its file beside a Markdown report, and its
/// text equivalent (a caption a screen reader reads; the tables beside it hold the rest).
public struct Picture: Sendable, Equatable {
    /// The file name without `.svg`, also the SVG's id prefix: `c12-timeline`, `ledger-over-time`.
    public var name: String
    /// A short name: the image's alternative text.
    public var title: String
    /// What the picture shows, in words.
    public var caption: String
    public var svg: String

    public var fileName: String { name + ".svg" }
}

/// Where `report --format markdown --charts DIR` puts its pictures: `write` stores one file,
/// `link` is the folder as the Markdown links to it (relative to the report).
public struct ChartFolder {
    public var link: String
    public var write: (Picture) throws -> Void

    public init(link: String, write: @escaping (Picture) throws -> Void) {
        self.link = link
        self.write = write
    }
}

/// A linear scale from a domain of numbers to a range of pixels.
struct Scale {
    var low: Double, high: Double
    var start: Double, end: Double

    func callAsFunction(_ value: Double) -> Double {
        guard high > low else { return (start + end) / 2 }
        return start + (value - low) / (high - low) * (end - start)
    }

    /// About `count` round values between low and high (1, 2 or 5 times a power of ten apart).
    func ticks(_ count: Int) -> [Double] {
        guard high > low, count > 0 else { return [low] }
        let raw = (high - low) / Double(count)
        var step = 1.0
        while step * 10 <= raw { step *= 10 }
        while step > raw { step /= 10 }
        if step * 5 <= raw { step *= 5 } else if step * 2 <= raw { step *= 2 }
        var ticks: [Double] = []
        var value = (low / step).rounded(.up) * step
        while value <= high + step / 1e9, ticks.count < 50 {
            ticks.append(value)
            value += step
        }
        return ticks
    }
}

enum NumberText {
    /// A figure for an axis: "1,250", "0.5", "2.5M".
    static func short(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude >= 1e9 { return trimmed(value / 1e9) + "B" }
        if magnitude >= 1e6 { return trimmed(value / 1e6) + "M" }
        if magnitude >= 1e4 { return grouped(Int(value.rounded())) }
        return trimmed(value)
    }

    /// An axis label: as many decimals as the step between ticks needs (0.0005 km apart shows
    /// 0.0005, not 0), else `short`.
    static func axis(_ value: Double, step: Double) -> String {
        guard step > 0, step < 0.01, abs(value) < 1e4 else { return short(value) }
        var decimals = 0, scale = 1.0
        while step * scale < 0.999, decimals < 12 {
            decimals += 1
            scale *= 10
        }
        let units = Int((abs(value) * scale).rounded())
        let whole = Int(Double(units) / scale)
        var fraction = String(units - Int(Double(whole) * scale))
        fraction = String(repeating: "0", count: max(0, decimals - fraction.count)) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return (value < 0 && units > 0 ? "-" : "") + String(whole) + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// Up to two decimals, without trailing zeros.
    static func trimmed(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let whole = hundredths / 100
        var fraction = abs(hundredths % 100)
        var text = (hundredths < 0 && whole == 0 ? "-" : "") + grouped(whole)
        if fraction != 0 {
            var digits = fraction < 10 ? "0" + String(fraction) : String(fraction)
            while fraction % 10 == 0 {
                fraction /= 10
                digits.removeLast()
            }
            text += "." + digits
        }
        return text
    }

    static func grouped(_ value: Int) -> String {
        let digits = String(abs(value))
        var text = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text += "," }
            text.append(character)
        }
        return (value < 0 ? "-" : "") + text
    }
}
