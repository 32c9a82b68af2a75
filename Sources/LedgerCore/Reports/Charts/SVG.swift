/// A small SVG writer: one picture appended to one string, its look given by classes that
/// `SVG.style` defines (no `style` attribute, no script, no external reference).
///
/// Inline in the HTML page a picture is styled by the page's own style sheet (the one the
/// Content-Security-Policy allows by its hash) and described by its `<figcaption>`; as a file
/// beside a Markdown report it carries the same rules in its own `<style>`, a `<desc>` and a
/// white background. Coordinates have at most one decimal, so the same data always gives the
/// same bytes. Every text goes through `HTML.text`.
public struct SVG {
    public private(set) var markup: String

    /// Starts a picture `width` × `height` named `title` (its first `<title>`, SVG-AAM);
    /// `standalone` adds what a file needs (namespace, style, `description` as `<desc>`, a
    /// background). `id` prefixes the ids the picture uses.
    public init(id: String, width: Int, height: Int, title: String, description: String, standalone: Bool) {
        markup = ""
        markup.reserveCapacity(standalone ? 4096 : 1024)
        start(id: id, width: width, height: height, title: title, description: description, standalone: standalone)
    }

    /// Draws a picture at the end of `buffer` (a page being written), without copying either.
    static func draw(
        into buffer: inout String, id: String, width: Int, height: Int, title: String, description: String, standalone: Bool,
        _ body: (inout SVG) -> Void
    ) {
        var svg = SVG(taking: &buffer)
        svg.start(id: id, width: width, height: height, title: title, description: description, standalone: standalone)
        body(&svg)
        svg.markup += "</svg>\n"
        swap(&svg.markup, &buffer)
    }

    /// Draws elements (no picture of their own) at the end of `buffer`.
    static func drawParts(into buffer: inout String, _ body: (inout SVG) -> Void) {
        var svg = SVG(taking: &buffer)
        body(&svg)
        swap(&svg.markup, &buffer)
    }

    private init(taking buffer: inout String) {
        markup = ""
        swap(&markup, &buffer)
    }

    private mutating func start(id: String, width: Int, height: Int, title: String, description: String, standalone: Bool) {
        markup += standalone ? "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"" : "<svg id=\""
        markup.add(id, "\" class=\"chart\" viewBox=\"0 0 ", String(width), " ", String(height), "\" width=\"", String(width))
        markup.add("\" height=\"", String(height), "\" role=\"img\"><title>", HTML.text(title), "</title>\n")
        if standalone {
            markup.add("<desc>", HTML.text(description), "</desc>\n<style>", SVG.style, "</style>\n")
            markup.add("<rect width=\"", String(width), "\" height=\"", String(height), "\" fill=\"#ffffff\"/>\n")
        }
    }

    /// The rules every picture's classes follow: in the HTML page's style sheet, and in each SVG file.
    public static let style: String = {
        var rules = ".chart text{font:11px system-ui,sans-serif;fill:#1a1a1a}.chart .tm{text-anchor:middle}.chart .te{text-anchor:end}"
        rules += ".chart .ts{font-size:10px}.chart .tb{font-weight:bold}.chart .ti{fill:#fff}.chart .tf{fill:\(Palette.supports)}"
        rules += ".chart .ta{fill:\(Palette.contradicts)}.ax{stroke:\(Palette.axis)}.gd{stroke:\(Palette.faint)}"
        rules += ".lc{stroke:\(Palette.axis);stroke-dasharray:4 3}.mk{stroke:#1a1a1a;stroke-width:2}"
        rules += ".ef{fill:\(Palette.supports)}.ea{fill:\(Palette.contradicts)}.ec{fill:#1a1a1a}"
        rules += ".hf{fill:#fff;stroke:\(Palette.supports);stroke-width:2}.ha{fill:#fff;stroke:\(Palette.contradicts);stroke-width:2}"
        rules += ".hc{fill:#fff;stroke:#1a1a1a;stroke-width:2}.fd{stroke-dasharray:4 3}"
        rules += ".wd{fill:#fff;stroke:\(Palette.withdrawn);stroke-width:1.5}.ws{stroke:\(Palette.withdrawn);stroke-width:1.5}"
        rules += ".ag{fill:\(Palette.agreed);fill-opacity:.55}.bo{stroke:#9a9a9a}.sep{stroke:#fff;stroke-width:.5}"
        rules += ".gb{fill:#f6f6f6;stroke:\(Palette.faint)}.nd{fill:#fff;stroke:\(Palette.axis)}"
        rules += ".cite{fill:none;stroke:#1a1a1a;stroke-width:1.5}.echo{fill:none;stroke:\(Palette.contradicts);stroke-width:1.5;stroke-dasharray:5 3}"
        rules += ".grade{fill:none;stroke:\(Palette.withdrawn);stroke-width:1.5;stroke-dasharray:1 3}.eg{fill:\(Palette.withdrawn)}"
        for status in ClaimStatus.allCases { rules += ".b-\(status.rawValue){fill:\(Palette.status(status))}" }
        return rules
    }()

    /// The finished picture.
    public var finished: String { markup + "</svg>\n" }

    mutating func raw(_ text: String) { markup += text }

    /// A picture drawn from `use` (a `<symbol>` of the page) in place of elements every copy repeats.
    mutating func use(_ symbol: String) { markup.add("<use href=\"#", symbol, "\"/>\n") }

    /// A number with at most one decimal ("12", "12.5", "-3.2").
    @inline(__always)
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        // Most coordinates are whole: one conversion.
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        let tenths = Int((value * 10).rounded())
        let whole = tenths / 10
        let fraction = abs(tenths % 10)
        if fraction == 0 { return String(whole) }
        return (tenths < 0 && whole == 0 ? "-0" : String(whole)) + "." + String(fraction)
    }

    public mutating func rect(x: Double, y: Double, width: Double, height: Double, _ classes: String, radius: Double = 0, tooltip: String? = nil) {
        markup.add("<rect class=\"", classes, "\" x=\"", SVG.number(x), "\" y=\"", SVG.number(y), "\" width=\"")
        markup.add(SVG.number(max(width, 0)), "\" height=\"", SVG.number(max(height, 0)), "\"")
        if radius > 0 { markup.add(" rx=\"", SVG.number(radius), "\"") }
        close(tooltip, "rect")
    }

    public mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, _ classes: String, arrow: String? = nil) {
        markup.add("<line class=\"", classes, "\" x1=\"", SVG.number(x1), "\" y1=\"", SVG.number(y1), "\" x2=\"", SVG.number(x2))
        markup.add("\" y2=\"", SVG.number(y2), "\"")
        if let arrow { markup.add(" marker-end=\"url(#", arrow, ")\"") }
        markup += "/>\n"
    }

    public mutating func circle(x: Double, y: Double, radius: Double, _ classes: String, tooltip: String? = nil) {
        markup.add("<circle class=\"", classes, "\" cx=\"", SVG.number(x), "\" cy=\"", SVG.number(y), "\" r=\"", SVG.number(radius))
        markup += "\""
        close(tooltip, "circle")
    }

    /// A path; `d` is built by the charts from numbers only.
    public mutating func path(_ d: String, _ classes: String, arrow: String? = nil, tooltip: String? = nil) {
        markup.add("<path class=\"", classes, "\" d=\"", d, "\"")
        if let arrow { markup.add(" marker-end=\"url(#", arrow, ")\"") }
        close(tooltip, "path")
    }

    public mutating func text(_ text: String, x: Double, y: Double, _ classes: String = "") {
        markup += classes.isEmpty ? "<text x=\"" : "<text class=\"" + classes + "\" x=\""
        markup.add(SVG.number(x), "\" y=\"", SVG.number(y), "\">", HTML.text(text), "</text>\n")
    }

    /// An arrowhead for `marker-end`, under `id`, filled as `classes` says.
    public mutating func arrowhead(id: String, _ classes: String) {
        markup.add("<defs><marker id=\"", id, "\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" ")
        markup.add("orient=\"auto-start-reverse\"><path class=\"", classes, "\" d=\"M0 0L10 5L0 10z\"/></marker></defs>\n")
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

    static func days(year: Int, month: Int, day: Int) -> Int { LedgerDate.daysFromCivil(year: year, month: month, day: day) }

    /// The `YYYY-MM-DD` text of a day number.
    public static func text(_ days: Int) -> String {
        let (year, month, day) = LedgerDate.civilFromDays(days)
        return LedgerDate.format(year: year, month: month, day: day)
    }
}
