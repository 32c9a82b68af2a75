/// A small SVG writer: one picture appended to one string, drawn with presentation
/// attributes only (no `style`, no script, no external reference), so the same markup is a
/// standalone `.svg` file and an inline picture under a Content-Security-Policy that allows
/// no inline style attribute.
///
/// Coordinates are written with at most one decimal, so the same data always gives the
/// same bytes. Every text goes through `HTML.text`.
public struct SVG {
    public private(set) var markup: String

    /// Starts a picture `width` × `height` whose accessible name is `title` and whose longer
    /// text equivalent is `description`; `id` prefixes the ids the picture uses.
    public init(id: String, width: Int, height: Int, title: String, description: String) {
        markup = ""
        markup.reserveCapacity(4096)
        markup.add("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"", id, "\" viewBox=\"0 0 ", String(width), " ", String(height))
        // The first <title> names the picture and <desc> describes it (SVG-AAM), in an inline picture and in a file alike.
        markup.add("\" width=\"", String(width), "\" height=\"", String(height), "\" role=\"img\" font-family=\"system-ui, sans-serif\" font-size=\"12\">\n")
        markup.add("<title>", HTML.text(title), "</title>\n")
        markup.add("<desc>", HTML.text(description), "</desc>\n")
        markup.add("<rect width=\"", String(width), "\" height=\"", String(height), "\" fill=\"#ffffff\"/>\n")
    }

    /// The finished picture.
    public var finished: String { markup + "</svg>\n" }

    /// A number with at most one decimal ("12", "12.5", "-3.2").
    @inline(__always)
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let tenths = Int((value * 10).rounded())
        let whole = tenths / 10
        let fraction = abs(tenths % 10)
        if fraction == 0 { return String(whole) }
        return (tenths < 0 && whole == 0 ? "-0" : String(whole)) + "." + String(fraction)
    }

    public mutating func raw(_ text: String) { markup += text }

    public mutating func rect(
        x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil, radius: Double = 0,
        dashed: Bool = false, opacity: Double? = nil, tooltip: String? = nil
    ) {
        markup.add("<rect x=\"", SVG.number(x), "\" y=\"", SVG.number(y), "\" width=\"", SVG.number(max(width, 0)))
        markup.add("\" height=\"", SVG.number(max(height, 0)), "\" fill=\"", fill, "\"")
        if radius > 0 { markup.add(" rx=\"", SVG.number(radius), "\"") }
        if let stroke { markup.add(" stroke=\"", stroke, "\"") }
        if dashed { markup += " stroke-dasharray=\"4 3\"" }
        if let opacity { markup.add(" fill-opacity=\"", SVG.number(opacity), "\"") }
        close(tooltip, "rect")
    }

    public mutating func line(
        x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1, dashed: Bool = false, arrow: String? = nil
    ) {
        markup.add("<line x1=\"", SVG.number(x1), "\" y1=\"", SVG.number(y1), "\" x2=\"", SVG.number(x2), "\" y2=\"", SVG.number(y2))
        markup.add("\" stroke=\"", stroke, "\"")
        if width != 1 { markup.add(" stroke-width=\"", SVG.number(width), "\"") }
        if dashed { markup += " stroke-dasharray=\"4 3\"" }
        if let arrow { markup.add(" marker-end=\"url(#", arrow, ")\"") }
        markup += "/>\n"
    }

    public mutating func circle(
        x: Double, y: Double, radius: Double, fill: String, stroke: String? = nil, strokeWidth: Double = 1.5, tooltip: String? = nil
    ) {
        markup.add("<circle cx=\"", SVG.number(x), "\" cy=\"", SVG.number(y), "\" r=\"", SVG.number(radius), "\" fill=\"", fill, "\"")
        if let stroke { markup.add(" stroke=\"", stroke, "\" stroke-width=\"", SVG.number(strokeWidth), "\"") }
        close(tooltip, "circle")
    }

    /// A path; `d` is built by the charts from numbers only.
    public mutating func path(
        _ d: String, fill: String = "none", stroke: String? = nil, width: Double = 1, dashed: Bool = false, arrow: String? = nil,
        tooltip: String? = nil
    ) {
        markup.add("<path d=\"", d, "\" fill=\"", fill, "\"")
        if let stroke { markup.add(" stroke=\"", stroke, "\"") }
        if width != 1 { markup.add(" stroke-width=\"", SVG.number(width), "\"") }
        if dashed { markup += " stroke-dasharray=\"5 3\"" }
        if let arrow { markup.add(" marker-end=\"url(#", arrow, ")\"") }
        close(tooltip, "path")
    }

    public enum Anchor: String { case start, middle, end }

    public mutating func text(
        _ text: String, x: Double, y: Double, anchor: Anchor = .start, size: Int? = nil, fill: String = "#1a1a1a", bold: Bool = false
    ) {
        markup.add("<text x=\"", SVG.number(x), "\" y=\"", SVG.number(y), "\"")
        if anchor != .start { markup.add(" text-anchor=\"", anchor.rawValue, "\"") }
        if let size { markup.add(" font-size=\"", String(size), "\"") }
        if fill != "#1a1a1a" { markup.add(" fill=\"", fill, "\"") }
        if bold { markup += " font-weight=\"bold\"" }
        markup.add(">", HTML.text(text), "</text>\n")
    }

    /// An arrowhead for `marker-end`, under `id`.
    public mutating func arrowhead(id: String, fill: String) {
        markup.add("<defs><marker id=\"", id, "\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" ")
        markup.add("orient=\"auto-start-reverse\"><path d=\"M0 0L10 5L0 10z\" fill=\"", fill, "\"/></marker></defs>\n")
    }

    /// Ends an element, with a tooltip (`<title>`) when given.
    private mutating func close(_ tooltip: String?, _ element: String) {
        if let tooltip {
            markup.add("><title>", HTML.text(tooltip), "</title></", element, ">\n")
        } else {
            markup += "/>\n"
        }
    }
}

/// Colours for statuses, chosen so that their lightness differs by at least 10 (CIE L*) from
/// every other's, so the pictures read in grey, and text on each has WCAG's 4.5:1 contrast (a
/// test holds both). Every colour is also named in text.
public enum Palette {
    public static func status(_ status: ClaimStatus) -> String {
        switch status {
        case .retracted: "#372056"
        case .confirmed: "#0b4e14"
        case .contradicted: "#a92c2f"
        case .resolved: "#1479c3"
        case .corroborated: "#699e58"
        case .superseded: "#c4a897"
        case .disputed: "#f8c444"
        case .unverified: "#eaeaea"
        }
    }

    /// Text drawn on a status colour: white on the dark ones, near-black on the light ones.
    public static func ink(on status: ClaimStatus) -> String {
        switch status {
        case .retracted, .confirmed, .contradicted, .resolved: "#ffffff"
        default: "#1a1a1a"
        }
    }

    public static let supports = "#0b4e14"
    public static let contradicts = "#a92c2f"
    public static let withdrawn = "#8a8a8a"
    public static let axis = "#555555"
    public static let faint = "#d0d0d0"
    public static let agreed = "#9ecae1"
}

/// Days as numbers, for placing dates on an axis.
public enum DayNumber {
    /// Days since 1970-01-01 of a `YYYY-MM-DD…` text (its first ten bytes).
    public static func of(_ text: String) -> Int {
        var bytes = Array(text.utf8.prefix(10))
        while bytes.count < 10 { bytes.append(0x30) }
        func number(_ range: Range<Int>) -> Int { bytes[range].reduce(0) { $0 * 10 + Int($1) - 48 } }
        return days(year: number(0..<4), month: number(5..<7), day: number(8..<10))
    }

    /// Howard Hinnant's days_from_civil.
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146097 + dayOfEra - 719468
    }

    /// The `YYYY-MM-DD` text of a day number.
    public static func text(_ days: Int) -> String {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let dayOfEra = z - era * 146097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int) -> String { value < 10 ? "0" + String(value) : String(value) }
        let yearText = String(year)
        return String(repeating: "0", count: max(0, 4 - yearText.count)) + yearText + "-" + two(month) + "-" + two(day)
    }
}
