/// The pictures of one claim: its timeline, and its figures on one axis.
public enum ClaimPictures {
    // MARK: Timeline

    static let timelineWidth = 640.0
    static let left = 64.0, right = 612.0
    static let axisY = 104.0, step = 14.0, stack = 4
    static let bandY = 182.0, bandHeight = 18.0

    /// The claim's evidence by date (supporting above the line, contradicting below, echoes
    /// and uncounted evidence hollow, withdrawn struck through), its lifecycle changes, and
    /// its status as a band over time. `detail.history` must be filled in. Each day is a slot
    /// of the axis: marks at its middle, a status from its start.
    public static func timeline(_ detail: ClaimDetail, standalone: Bool) -> Picture {
        var svg = ""
        let caption = timeline(detail, standalone: standalone, into: &svg)
        let label = detail.claim.label
        return Picture(name: label.lowercased() + "-timeline", title: "Timeline of " + label, caption: caption, svg: svg)
    }

    /// The elements every timeline repeats (the axis and the names of its sides and band): a
    /// `<symbol>` the HTML page holds once and each inline timeline uses.
    static let frameSymbol = "timeline-frame"

    /// (Presentation attributes, not classes: a `<use>` copy is not matched by the page's
    /// selectors that name an ancestor, so the copies would lose their look.)
    static func drawFrame(_ svg: inout SVG) {
        let font = "\" font-family=\"system-ui, sans-serif\" font-size=\"11\" text-anchor=\"end\""
        svg.raw("<line x1=\"\(SVG.number(left))\" y1=\"\(SVG.number(axisY))\" x2=\"\(SVG.number(right))\" y2=\"\(SVG.number(axisY))\" stroke=\"\(Palette.axis)\"/>\n")
        svg.raw("<text x=\"\(SVG.number(left - 8))\" y=\"\(SVG.number(axisY - 24))" + font + " fill=\"\(Palette.supports)\">for</text>\n")
        svg.raw("<text x=\"\(SVG.number(left - 8))\" y=\"\(SVG.number(axisY + 30))" + font + " fill=\"\(Palette.contradicts)\">against</text>\n")
        svg.raw("<text x=\"\(SVG.number(left - 8))\" y=\"\(SVG.number(bandY + 13))" + font + " fill=\"#1a1a1a\">status</text>\n")
    }

    /// The page's hidden picture holding `frameSymbol`.
    static let frameDefinition: String = {
        var page = "<svg class=\"chart parts\" width=\"0\" height=\"0\" aria-hidden=\"true\"><symbol id=\"" + frameSymbol + "\">\n"
        SVG.drawParts(into: &page, drawFrame)
        return page + "</symbol></svg>\n"
    }()

    /// Draws the timeline at the end of `buffer`; returns its text equivalent.
    static func timeline(_ detail: ClaimDetail, standalone: Bool, into buffer: inout String) -> String {
        let claim = detail.claim
        let label = claim.label
        let made = DayNumber.of(claim.date.text)
        var first = made, last = made
        let evidenceDays = detail.evidence.map { DayNumber.of($0.date.text) }
        let changeDays = detail.lifecycle.map { DayNumber.of($0.effective.text) }
        for day in evidenceDays {
            first = min(first, day)
            last = max(last, day)
        }
        for day in changeDays {
            first = min(first, day)
            last = max(last, day)
        }
        let x = Scale(low: Double(first) - 0.5, high: Double(last) + 0.5, start: left, end: right)
        let caption = timelineCaption(detail, from: first, to: last)
        SVG.draw(
            into: &buffer, id: label.lowercased() + "-timeline", width: Int(timelineWidth), height: 232, title: "Timeline of " + label,
            description: caption, standalone: standalone
        ) { svg in
            // The axis, and what each side of it means.
            if standalone { drawFrame(&svg) } else { svg.use(frameSymbol) }

            // Lifecycle changes: a dashed line on their day, named at the top.
            for (position, event) in detail.lifecycle.enumerated() {
                let day = changeDays[position]
                let x0 = x(Double(day))
                let index = Double(changeDays[..<position].count { $0 == day })
                svg.line(x1: x0, y1: 24 + index * 12, x2: x0, y2: bandY + bandHeight, "lc")
                var change = event.action.rawValue
                if let verdict = event.verdict { change += " (" + verdict.rawValue + ")" }
                svg.text(change, x: x0, y: 20 + index * 12, x0 > right - 60 ? "te" : "tm")
            }

            // The day it was made.
            let madeX = x(Double(made))
            svg.line(x1: madeX, y1: axisY - 7, x2: madeX, y2: axisY + 7, "mk")

            // Evidence, stacked by day on each side (a claim has a few rows: counting the ones
            // before costs less than a dictionary per claim).
            var hidden: [(day: Int, supports: Bool)] = []
            // (Rows are read in place: copying an Evidence retains each of its strings.)
            let evidence = detail.evidence
            for position in evidence.indices {
                let day = evidenceDays[position]
                let supports = evidence[position].stance == .supports
                var index = 0
                for earlier in 0..<position where evidenceDays[earlier] == day && (evidence[earlier].stance == .supports) == supports {
                    index += 1
                }
                guard index < stack else {
                    hidden.append((day, supports))
                    continue
                }
                let cx = x(Double(day))
                let cy = supports ? axisY - step * Double(index + 1) : axisY + step * Double(index + 1)
                if evidence[position].withdrawnAt != nil {
                    svg.circle(x: cx, y: cy, radius: 5, "wd")
                    svg.line(x1: cx - 8, y1: cy, x2: cx + 8, y2: cy, "ws")
                } else if counts(evidence[position]) {
                    svg.circle(x: cx, y: cy, radius: 5, supports ? "ef" : "ea")
                } else {
                    svg.circle(x: cx, y: cy, radius: 4.5, supports ? "hf" : "ha")
                }
            }
            if !hidden.isEmpty {
                // "+N" beside each full stack.
                var counted: [Int: (above: Int, below: Int)] = [:]
                for item in hidden {
                    var count = counted[item.day] ?? (0, 0)
                    if item.supports { count.above += 1 } else { count.below += 1 }
                    counted[item.day] = count
                }
                for (day, count) in counted.sorted(by: { $0.key < $1.key }) {
                    if count.above > 0 { svg.text("+" + String(count.above), x: x(Double(day)) + 8, y: axisY - step * Double(stack) + 4, "ts") }
                    if count.below > 0 { svg.text("+" + String(count.below), x: x(Double(day)) + 8, y: axisY + step * Double(stack) + 4, "ts") }
                }
            }

            // The status as a band: each step from the start of its day to the start of the next step's.
            // Each step at least 4 px wide and the current status at least 60 (a span of years
            // would leave a status of days a sliver, or nothing), taken from the steps before.
            let steps = detail.history
            var starts = steps.enumerated().map { index, item in index == 0 ? x(Double(made) - 0.5) : x(Double(DayNumber.of(item.day)) - 0.5) }
            if let last = starts.indices.last {
                starts[last] = min(starts[last], right - 60)
                for index in stride(from: last - 1, through: 0, by: -1) { starts[index] = min(starts[index], starts[index + 1] - 4) }
                starts[0] = max(starts[0], left)
                for index in starts.indices.dropFirst() { starts[index] = max(starts[index], starts[index - 1]) }
            }
            for (index, item) in steps.enumerated() {
                let start = starts[index]
                let end = index + 1 < steps.count ? starts[index + 1] : right
                let status = item.status.rawValue
                svg.rect(x: start, y: bandY, width: end - start, height: bandHeight, item.status == .unverified ? "b-unverified bo" : "b-" + status)
                if end - start >= Double(status.utf8.count) * 6.5 + 6 {
                    svg.text(status, x: (start + end) / 2, y: bandY + 13, Palette.ink(on: item.status) == "#ffffff" ? "tm ti" : "tm")
                }
            }

            // The first and last day.
            svg.text(DayNumber.text(first), x: left, y: 222)
            if last != first { svg.text(DayNumber.text(last), x: right, y: 222, "te") }
        }
        return caption
    }

    /// Whether a row counts as it stands: not withdrawn, and neither an echo nor from a source graded E.
    static func counts(_ row: Evidence) -> Bool {
        !row.isWithdrawn && !row.countsAs.hasPrefix("echo") && !row.countsAs.hasPrefix("not counted")
    }

    static func timelineCaption(_ detail: ClaimDetail, from first: Int, to last: Int) -> String {
        let label = detail.claim.label
        var text = ""
        text.reserveCapacity(160)
        if first == last {
            text.add(label, " on ", DayNumber.text(first), ": ")
        } else {
            text.add(label, " from ", DayNumber.text(first), " to ", DayNumber.text(last), ": ")
        }
        var supporting = 0, against = 0, uncounted = 0, withdrawn = 0
        let evidence = detail.evidence
        for index in evidence.indices {
            if evidence[index].withdrawnAt != nil {
                withdrawn += 1
                continue
            }
            if evidence[index].stance == .supports { supporting += 1 } else { against += 1 }
            if !counts(evidence[index]) { uncounted += 1 }
        }
        if detail.evidence.isEmpty {
            text += "no evidence"
        } else {
            text.add(MarkdownReport.plural(supporting, "piece"), " of evidence for, ", String(against), " against")
            if uncounted > 0 { text.add(" (", String(uncounted), uncounted == 1 ? " of them an echo or not counted)" : " of them echoes or not counted)") }
            if withdrawn > 0 { text.add(", ", String(withdrawn), " withdrawn") }
        }
        if !detail.lifecycle.isEmpty { text.add("; ", MarkdownReport.plural(detail.lifecycle.count, "lifecycle change")) }
        text += ". Status: "
        for (index, item) in detail.history.enumerated() {
            text.add(index == 0 ? "" : "; ", item.status.rawValue, " from ", item.day)
        }
        text += "."
        return text
    }

    // MARK: Figures

    /// Each figure given for the claim as an interval on one axis, with the range the
    /// independent supporting figures agree on; nil when the claim has fewer than two figures.
    public static func figures(_ detail: ClaimDetail, standalone: Bool) -> Picture? {
        guard let figures = detail.figures, figures.all.count > 1 else { return nil }
        let label = detail.claim.label
        let name = label.lowercased() + "-figures"
        let unit = figures.all[0].quantity.unit
        var values: [Double] = []
        for figure in figures.all {
            if figure.quantity.low.isFinite { values.append(figure.quantity.low) }
            if figure.quantity.high.isFinite { values.append(figure.quantity.high) }
        }
        var low = values.min() ?? 0, high = values.max() ?? 1
        if high <= low {
            let pad = max(1, abs(low) * 0.1)
            low -= pad
            high += pad
        }
        let pad = (high - low) * 0.08
        let allNonNegative = values.allSatisfy { $0 >= 0 }
        low = allNonNegative ? max(0, low - pad) : low - pad
        high += pad
        let labelWidth = 190.0, plotEnd = 610.0
        let rowHeight = 26.0, top = 34.0
        let height = Int(top + rowHeight * Double(figures.all.count) + 58)
        let x = Scale(low: low, high: high, start: labelWidth + 10, end: plotEnd)
        let caption = figuresCaption(detail, figures: figures, unit: unit)
        var svg = SVG(id: name, width: 640, height: height, title: "Figures for \(label)", description: caption, standalone: standalone)
        let bottom = top + rowHeight * Double(figures.all.count)

        // The agreed range behind the bars.
        if case .agree(let range) = figures.agreement {
            let start = range.low.isFinite ? max(x(range.low), labelWidth + 10) : labelWidth + 10
            let end = range.high.isFinite ? min(x(range.high), plotEnd) : plotEnd
            svg.rect(x: start, y: top - 8, width: max(end - start, 2), height: bottom - top + 8, "ag", tooltip: "agreed: \(range.intervalText)")
            svg.text("agreed: \(range.intervalText)", x: min(start, plotEnd - 150), y: top - 14)
        } else if case .disagree = figures.agreement {
            svg.text("The independent figures share no value.", x: labelWidth + 10, y: top - 14)
        }

        // The axis and its ticks.
        svg.line(x1: labelWidth + 10, y1: bottom + 4, x2: plotEnd, y2: bottom + 4, "ax")
        let ticks = x.ticks(5)
        for tick in ticks {
            let position = x(tick)
            svg.line(x1: position, y1: top - 8, x2: position, y2: bottom + 8, "gd")
            svg.text(NumberText.axis(tick, step: ticks.count > 1 ? ticks[1] - ticks[0] : 1), x: position, y: bottom + 22, "tm")
        }
        svg.text("in " + unit, x: plotEnd, y: bottom + 38, "te")

        let stances = Dictionary(detail.evidence.map { ($0.label, $0.stance) }, uniquingKeysWith: { first, _ in first })
        for (index, figure) in figures.all.enumerated() {
            let y = top + rowHeight * Double(index) + rowHeight / 2
            let quantity = figure.quantity
            let stance = stances[figure.label]
            // Full for the claim's and each side's figures, hollow and dashed for a forced one.
            let side = stance == nil ? "c" : stance == .supports ? "f" : "a"
            let full = "e" + side, hollow = "h" + side
            let who = figure.label + " " + (stance.map { $0 == .supports ? "for" : "against" } ?? "claim") + ", " + figure.source
            svg.text(who.count > 30 ? String(who.prefix(29)) + "…" : who, x: 8, y: y + 4)
            let tip = "\(figure.label), \(figure.source): \(quantity.text) (\(quantity.intervalText))" + (figure.forced.map { ", \($0)" } ?? "")
            let start = quantity.low.isFinite ? x(quantity.low) : labelWidth + 10
            let end = quantity.high.isFinite ? x(quantity.high) : plotEnd
            if quantity.low == quantity.high {
                svg.circle(x: start, y: y, radius: 5, figure.forced == nil ? full : hollow, tooltip: tip)
                continue
            }
            svg.rect(x: start, y: y - 4, width: max(end - start, 2), height: 8, figure.forced == nil ? full : hollow + " fd", radius: 2, tooltip: tip)
            if !quantity.high.isFinite {
                svg.path("M\(SVG.number(plotEnd)) \(SVG.number(y - 7))L\(SVG.number(plotEnd + 9)) \(SVG.number(y))L\(SVG.number(plotEnd)) \(SVG.number(y + 7))z", full)
            }
            if !quantity.low.isFinite {
                let edge = labelWidth + 10
                svg.path("M\(SVG.number(edge)) \(SVG.number(y - 7))L\(SVG.number(edge - 9)) \(SVG.number(y))L\(SVG.number(edge)) \(SVG.number(y + 7))z", full)
            }
            // An open end (more than, less than) is a hollow dot; a closed one a full dot.
            if quantity.low.isFinite { svg.circle(x: start, y: y, radius: 3.5, quantity.lowOpen ? hollow : full) }
            if quantity.high.isFinite { svg.circle(x: end, y: y, radius: 3.5, quantity.highOpen ? hollow : full) }
        }
        return Picture(name: name, title: "Figures for \(label)", caption: caption, svg: svg.finished)
    }

    static func figuresCaption(
        _ detail: ClaimDetail, figures: (all: [(label: String, source: String, quantity: Quantity, forced: String?)], agreement: Agreement),
        unit: String
    ) -> String {
        var text = "The \(figures.all.count) figures given for \(detail.claim.label), on one axis in \(unit): "
        text += figures.all.map { "\($0.label) \($0.quantity.intervalText)" + ($0.forced != nil ? " (forced)" : "") }.joined(separator: "; ")
        switch figures.agreement {
        case .agree(let range): text += ". The independent supporting figures agree on \(range.intervalText)."
        case .disagree: text += ". The independent supporting figures share no value."
        case .noIndependentFigures: text += ". No independent supporting evidence gave a figure."
        }
        return text
    }
}
