/// The pictures of one claim: its timeline, and its figures on one axis.
public enum ClaimPictures {
    // MARK: Timeline

    static let timelineWidth = 640.0
    static let left = 64.0, right = 612.0
    static let axisY = 104.0, step = 14.0, stack = 4
    static let bandY = 182.0, bandHeight = 18.0

    /// The claim's evidence by date (supporting above the line, contradicting below, echoes
    /// and uncounted evidence hollow, withdrawn struck through), its lifecycle changes, and
    /// its status as a band over time. `detail.history` must be filled in.
    public static func timeline(_ detail: ClaimDetail) -> Picture {
        let claim = detail.claim
        let label = claim.label
        let made = DayNumber.of(claim.date.text)
        var first = made, last = made
        for row in detail.evidence {
            let day = DayNumber.of(row.date.text)
            first = min(first, day)
            last = max(last, day)
        }
        for event in detail.lifecycle {
            let day = DayNumber.of(event.effective.text)
            first = min(first, day)
            last = max(last, day)
        }
        let x = Scale(low: Double(first), high: Double(last), start: left + 8, end: right - 8)
        let caption = timelineCaption(detail, from: first, to: last)
        let name = label.lowercased() + "-timeline"
        var svg = SVG(id: name, width: Int(timelineWidth), height: 232, title: "Timeline of \(label)", description: caption)

        // The axis, and what each side of it means.
        svg.line(x1: left, y1: axisY, x2: right, y2: axisY, stroke: Palette.axis)
        svg.text("for", x: left - 8, y: axisY - 24, anchor: .end, size: 11, fill: Palette.supports)
        svg.text("against", x: left - 8, y: axisY + 30, anchor: .end, size: 11, fill: Palette.contradicts)

        // Lifecycle changes: a dashed line on their day, named at the top.
        var changesOnDay: [Int: Int] = [:]
        for event in detail.lifecycle {
            let day = DayNumber.of(event.effective.text)
            let position = x(Double(day))
            let index = changesOnDay[day, default: 0]
            changesOnDay[day] = index + 1
            svg.line(x1: position, y1: 24 + Double(index) * 12, x2: position, y2: bandY + bandHeight, stroke: Palette.axis, dashed: true)
            var change = event.action.rawValue
            if let verdict = event.verdict { change += " (\(verdict.rawValue))" }
            svg.text(change, x: position, y: 20 + Double(index) * 12, anchor: position > right - 60 ? .end : .middle, size: 11)
        }

        // The day it was made.
        let madeX = x(Double(made))
        svg.line(x1: madeX, y1: axisY - 7, x2: madeX, y2: axisY + 7, stroke: "#1a1a1a", width: 2)

        // Evidence, stacked by day on each side.
        var above: [Int: Int] = [:], below: [Int: Int] = [:]
        var hiddenAbove: [Int: Int] = [:], hiddenBelow: [Int: Int] = [:]
        for row in detail.evidence {
            let day = DayNumber.of(row.date.text)
            let supports = row.stance == .supports
            let index = supports ? above[day, default: 0] : below[day, default: 0]
            if supports { above[day] = index + 1 } else { below[day] = index + 1 }
            guard index < stack else {
                if supports { hiddenAbove[day, default: 0] += 1 } else { hiddenBelow[day, default: 0] += 1 }
                continue
            }
            let cx = x(Double(day))
            let cy = supports ? axisY - step * Double(index + 1) : axisY + step * Double(index + 1)
            let colour = supports ? Palette.supports : Palette.contradicts
            var tip = "\(row.label) \(row.stance.rawValue), \(row.source)"
            if let citing = row.citing { tip += " citing \(citing)" }
            tip += ", \(row.date.text): " + (row.withdrawnReason.map { "withdrawn: \($0)" } ?? row.countsAs)
            if row.isWithdrawn {
                svg.circle(x: cx, y: cy, radius: 5, fill: "#ffffff", stroke: Palette.withdrawn, tooltip: tip)
                svg.line(x1: cx - 8, y1: cy, x2: cx + 8, y2: cy, stroke: Palette.withdrawn, width: 1.5)
            } else if counts(row) {
                svg.circle(x: cx, y: cy, radius: 5, fill: colour, stroke: colour, tooltip: tip)
            } else {
                svg.circle(x: cx, y: cy, radius: 4.5, fill: "#ffffff", stroke: colour, strokeWidth: 2, tooltip: tip)
            }
        }
        for (day, count) in hiddenAbove.sorted(by: { $0.key < $1.key }) {
            svg.text("+\(count)", x: x(Double(day)) + 8, y: axisY - step * Double(stack) + 4, size: 10)
        }
        for (day, count) in hiddenBelow.sorted(by: { $0.key < $1.key }) {
            svg.text("+\(count)", x: x(Double(day)) + 8, y: axisY + step * Double(stack) + 4, size: 10)
        }

        // The status as a band: each step from its day to the next.
        svg.text("status", x: left - 8, y: bandY + 13, anchor: .end, size: 11)
        let steps = detail.history
        for (index, stepItem) in steps.enumerated() {
            let start = index == 0 ? left : x(Double(DayNumber.of(stepItem.day)))
            let end = index + 1 < steps.count ? x(Double(DayNumber.of(steps[index + 1].day))) : right
            svg.rect(
                x: start, y: bandY, width: end - start, height: bandHeight, fill: Palette.status(stepItem.status),
                stroke: index == 0 || stepItem.status == .unverified ? "#9a9a9a" : nil,
                tooltip: "\(stepItem.status.rawValue) from \(stepItem.day)")
            if end - start >= Double(stepItem.status.rawValue.count) * 6.5 + 6 {
                svg.text(
                    stepItem.status.rawValue, x: (start + end) / 2, y: bandY + 13, anchor: .middle, size: 11,
                    fill: Palette.ink(on: stepItem.status))
            }
        }

        // The first and last day.
        svg.text(DayNumber.text(first), x: left, y: 222, size: 11)
        if last != first { svg.text(DayNumber.text(last), x: right, y: 222, anchor: .end, size: 11) }
        return Picture(name: name, title: "Timeline of \(label)", caption: caption, svg: svg.finished)
    }

    /// Whether a row counts as it stands: not withdrawn, and neither an echo nor from a source graded E.
    static func counts(_ row: Evidence) -> Bool {
        !row.isWithdrawn && !row.countsAs.hasPrefix("echo") && !row.countsAs.hasPrefix("not counted")
    }

    static func timelineCaption(_ detail: ClaimDetail, from first: Int, to last: Int) -> String {
        let label = detail.claim.label
        var text = first == last ? "\(label) on \(DayNumber.text(first)): " : "\(label) from \(DayNumber.text(first)) to \(DayNumber.text(last)): "
        let counted = detail.evidence.filter { !$0.isWithdrawn }
        let supporting = counted.filter { $0.stance == .supports }
        let against = counted.count - supporting.count
        let uncounted = counted.count { !counts($0) }
        let withdrawn = detail.evidence.count - counted.count
        if detail.evidence.isEmpty {
            text += "no evidence"
        } else {
            text += "\(MarkdownReport.plural(supporting.count, "piece")) of evidence for, \(against) against"
            if uncounted > 0 { text += " (\(uncounted) of them \(uncounted == 1 ? "an echo or not counted" : "echoes or not counted"))" }
            if withdrawn > 0 { text += ", \(withdrawn) withdrawn" }
        }
        if !detail.lifecycle.isEmpty {
            text += "; " + MarkdownReport.plural(detail.lifecycle.count, "lifecycle change")
        }
        text += ". Status: " + detail.history.map { "\($0.status.rawValue) from \($0.day)" }.joined(separator: "; ") + "."
        return text
    }

    // MARK: Figures

    /// Each figure given for the claim as an interval on one axis, with the range the
    /// independent supporting figures agree on; nil when the claim has fewer than two figures.
    public static func figures(_ detail: ClaimDetail) -> Picture? {
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
        let height = Int(top + rowHeight * Double(figures.all.count) + 44)
        let x = Scale(low: low, high: high, start: labelWidth + 10, end: plotEnd)
        let caption = figuresCaption(detail, figures: figures, unit: unit)
        var svg = SVG(id: name, width: 640, height: height, title: "Figures for \(label)", description: caption)
        let bottom = top + rowHeight * Double(figures.all.count)

        // The agreed range behind the bars.
        if case .agree(let range) = figures.agreement {
            let start = range.low.isFinite ? max(x(range.low), labelWidth + 10) : labelWidth + 10
            let end = range.high.isFinite ? min(x(range.high), plotEnd) : plotEnd
            svg.rect(
                x: start, y: top - 8, width: max(end - start, 2), height: bottom - top + 8, fill: Palette.agreed, opacity: 0.55,
                tooltip: "agreed: \(range.intervalText)")
            svg.text("agreed: \(range.intervalText)", x: min(start, plotEnd - 150), y: top - 14, size: 11)
        } else if case .disagree = figures.agreement {
            svg.text("The independent figures share no value.", x: labelWidth + 10, y: top - 14, size: 11)
        }

        // The axis and its ticks.
        svg.line(x1: labelWidth + 10, y1: bottom + 4, x2: plotEnd, y2: bottom + 4, stroke: Palette.axis)
        for tick in x.ticks(5) {
            let position = x(tick)
            svg.line(x1: position, y1: top - 8, x2: position, y2: bottom + 8, stroke: Palette.faint)
            svg.text(NumberText.short(tick), x: position, y: bottom + 22, anchor: .middle, size: 11)
        }
        svg.text(unit, x: plotEnd + 6, y: bottom + 22, size: 11)

        let stances = Dictionary(detail.evidence.map { ($0.label, $0.stance) }, uniquingKeysWith: { first, _ in first })
        for (index, figure) in figures.all.enumerated() {
            let y = top + rowHeight * Double(index) + rowHeight / 2
            let quantity = figure.quantity
            let stance = stances[figure.label]
            let colour = stance == nil ? "#1a1a1a" : stance == .supports ? Palette.supports : Palette.contradicts
            let who = figure.label + " " + (stance.map { $0 == .supports ? "for" : "against" } ?? "claim") + ", " + figure.source
            svg.text(who.count > 30 ? String(who.prefix(29)) + "…" : who, x: 8, y: y + 4, size: 11)
            let tip = "\(figure.label), \(figure.source): \(quantity.text) (\(quantity.intervalText))" + (figure.forced.map { ", \($0)" } ?? "")
            let start = quantity.low.isFinite ? x(quantity.low) : labelWidth + 10
            let end = quantity.high.isFinite ? x(quantity.high) : plotEnd
            if quantity.low == quantity.high {
                svg.circle(x: start, y: y, radius: 5, fill: figure.forced == nil ? colour : "#ffffff", stroke: colour, tooltip: tip)
                continue
            }
            svg.rect(
                x: start, y: y - 4, width: max(end - start, 2), height: 8, fill: figure.forced == nil ? colour : "#ffffff", stroke: colour,
                radius: 2, dashed: figure.forced != nil, tooltip: tip)
            if !quantity.high.isFinite {
                svg.path("M\(SVG.number(plotEnd)) \(SVG.number(y - 7))L\(SVG.number(plotEnd + 9)) \(SVG.number(y))L\(SVG.number(plotEnd)) \(SVG.number(y + 7))z", fill: colour)
            }
            if !quantity.low.isFinite {
                let edge = labelWidth + 10
                svg.path("M\(SVG.number(edge)) \(SVG.number(y - 7))L\(SVG.number(edge - 9)) \(SVG.number(y))L\(SVG.number(edge)) \(SVG.number(y + 7))z", fill: colour)
            }
            // An open end (more than, less than) is a hollow dot; a closed one a full dot.
            if quantity.low.isFinite {
                svg.circle(x: start, y: y, radius: 3.5, fill: quantity.lowOpen ? "#ffffff" : colour, stroke: colour)
            }
            if quantity.high.isFinite {
                svg.circle(x: end, y: y, radius: 3.5, fill: quantity.highOpen ? "#ffffff" : colour, stroke: colour)
            }
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
