/// How many of a report's claims stood in each status on each day, gathered as the claims
/// stream past (each adds its `history`) and drawn once at the end.
///
/// It keeps one count change per status per day, never the claims: its memory grows with the
/// days the ledger spans, not with the claims.
public struct LedgerOverTime: Sendable {
    /// Day number → change in each status's count that day (indexed as `MarkdownReport.statusOrder`).
    private var changes: [Int: [Int]] = [:]
    private(set) var claims = 0
    /// The last day drawn, when later than the last change (a report `--as-of` that day).
    public var until: Int?

    /// The most columns the picture and its table sample; a longer span is read at the end of each column's days.
    static let columns = 480

    public init() {}

    public mutating func add(_ history: [StatusStep]) {
        guard !history.isEmpty else { return }
        claims += 1
        var previous: Int?
        for step in history {
            let day = DayNumber.of(step.day)
            var counts = changes[day] ?? [Int](repeating: 0, count: LedgerOverTime.order.count)
            if let previous { counts[previous] -= 1 }
            let index = LedgerOverTime.index[step.status] ?? 0
            counts[index] += 1
            changes[day] = counts
            previous = index
        }
    }

    static let order = MarkdownReport.statusOrder
    static let index: [ClaimStatus: Int] = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })

    /// The counts at the end of each sampled day: (day, counts in `statusOrder`), first to last.
    public var samples: [(day: Int, counts: [Int])] {
        let days = changes.keys.sorted()
        guard let first = days.first, let lastChange = days.last else { return [] }
        let last = max(lastChange, until ?? lastChange)
        let span = last - first + 1
        let columns = min(span, LedgerOverTime.columns)
        var samples: [(day: Int, counts: [Int])] = []
        samples.reserveCapacity(columns)
        var counts = [Int](repeating: 0, count: LedgerOverTime.order.count)
        var next = 0
        for column in 0..<columns {
            // The last day of this column.
            let end = first + ((column + 1) * span + columns - 1) / columns - 1
            while next < days.count, days[next] <= end {
                for (index, change) in changes[days[next]]!.enumerated() { counts[index] += change }
                next += 1
            }
            samples.append((end, counts))
        }
        return samples
    }

    /// The rows of the text equivalent: each sampled day whose counts differ from the one before.
    public var rows: [(day: String, counts: [Int])] {
        var rows: [(day: String, counts: [Int])] = []
        var previous: [Int]?
        for sample in samples where sample.counts != previous {
            rows.append((DayNumber.text(sample.day), sample.counts))
            previous = sample.counts
        }
        return rows
    }

    /// The text equivalent's rows as cells: the day, the count of each status in `statusesShown`, the total.
    public var tableRows: [[String]] {
        let shown = statusesShown.map { LedgerOverTime.index[$0]! }
        return rows.map { item in [item.day] + shown.map { String(item.counts[$0]) } + [String(item.counts.reduce(0, +))] }
    }

    /// The statuses any claim stood in, in `statusOrder`.
    public var statusesShown: [ClaimStatus] {
        var seen = Set<Int>()
        for counts in changes.values { for (index, change) in counts.enumerated() where change != 0 { seen.insert(index) } }
        return LedgerOverTime.order.enumerated().filter { seen.contains($0.offset) }.map(\.element)
    }

    /// The stacked picture; nil when the report has no claims.
    public func picture(standalone: Bool) -> Picture? {
        let samples = self.samples
        guard let firstSample = samples.first, let lastSample = samples.last else { return nil }
        let shown = statusesShown
        let total = samples.map { $0.counts.reduce(0, +) }.max() ?? 0
        let left = 56.0, right = 700.0, top = 20.0, bottom = 236.0
        // Each column is as wide as its share of the axis; a single day fills it.
        let width = (right - left) / Double(samples.count)
        let y = Scale(low: 0, high: Double(max(total, 1)), start: bottom, end: top)
        let firstDay = changes.keys.min() ?? firstSample.day
        let caption = self.caption(samples)
        var svg = SVG(
            id: "ledger-over-time", width: 720, height: 300 + 20 * ((shown.count - 1) / 4), title: "The claims by status over time", description: caption, standalone: standalone)

        for tick in y.ticks(4) where tick == tick.rounded() {
            svg.line(x1: left, y1: y(tick), x2: right, y2: y(tick), "gd")
            svg.text(NumberText.short(tick), x: left - 6, y: y(tick) + 4, "te")
        }
        // One band per status, stacked in `statusOrder` from the bottom, as steps.
        var base = [Int](repeating: 0, count: samples.count)
        for status in shown {
            let index = LedgerOverTime.index[status]!
            var top: [Int] = base
            for column in samples.indices { top[column] += samples[column].counts[index] }
            var d = "M" + SVG.number(left) + " " + SVG.number(y(Double(base[0])))
            for column in samples.indices {
                d += "V" + SVG.number(y(Double(top[column]))) + "H" + SVG.number(left + width * Double(column + 1))
            }
            for column in samples.indices.reversed() {
                d += "V" + SVG.number(y(Double(base[column]))) + "H" + SVG.number(left + width * Double(column))
            }
            svg.path(d + "z", "b-" + status.rawValue + " sep", tooltip: status.rawValue)
            base = top
        }
        svg.line(x1: left, y1: bottom, x2: right, y2: bottom, "ax")
        svg.text(DayNumber.text(firstDay), x: left, y: bottom + 16)
        if samples.count > 1 { svg.text(DayNumber.text(lastSample.day), x: right, y: bottom + 16, "te") }

        // The key, four statuses a row, with each one's count on the last day.
        for (position, status) in shown.enumerated() {
            let count = lastSample.counts[LedgerOverTime.index[status]!]
            let keyX = left + Double(position % 4) * 160, keyY = 268 + Double(position / 4) * 20
            svg.rect(x: keyX, y: keyY, width: 14, height: 14, "b-" + status.rawValue + " bo")
            svg.text(status.rawValue + " " + String(count), x: keyX + 19, y: keyY + 11)
        }
        return Picture(name: "ledger-over-time", title: "The claims by status over time", caption: caption, svg: svg.finished)
    }

    func caption(_ samples: [(day: Int, counts: [Int])]) -> String {
        guard let first = samples.first, let last = samples.last else { return "" }
        let firstDay = changes.keys.min() ?? first.day
        var text = "The report's \(MarkdownReport.plural(claims, "claim")) by status, "
        text += firstDay == last.day ? "on \(DayNumber.text(firstDay))" : "from \(DayNumber.text(firstDay)) to \(DayNumber.text(last.day))"
        let standing = LedgerOverTime.order.enumerated().compactMap { index, status in
            last.counts[index] > 0 ? "\(last.counts[index]) \(status.rawValue)" : nil
        }
        text += "; at the end: " + (standing.isEmpty ? "none" : standing.joined(separator: ", ")) + "."
        if samples.count < last.day - firstDay + 1 {
            text += " Each column is \(MarkdownReport.plural((last.day - firstDay + 1 + samples.count - 1) / samples.count, "day")), counted at its last day (the day the table shows)."
        }
        return text
    }
}
