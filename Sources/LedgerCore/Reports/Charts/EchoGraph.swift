/// Who echoes whom: each `citing` relation between sources, and the supporting evidence the
/// rules discounted (an echo of the claimant's own group, or a source graded E), gathered as
/// the claims stream past and drawn once at the end.
///
/// It keeps one entry per pair of sources (with at most `examples` claim numbers each), never
/// the claims, so its memory is bounded by the sources, not the claims.
public struct EchoGraph: Sendable {
    public struct Pair: Hashable, Sendable, Comparable {
        public var from: String
        public var to: String

        public static func < (a: Pair, b: Pair) -> Bool { (a.from, a.to) < (b.from, b.to) }
    }

    public struct Relation: Sendable, Equatable {
        /// Evidence rows of `from` that cite `to`.
        public var cites = 0
        /// Supporting rows of `from` the rules discounted as an echo of `to`, or as graded E.
        public var echoes = 0
        public var gradedE = 0
        /// How many claims, and the first few of them.
        public var claims = 0
        public var examples: [String] = []
    }

    /// What is kept per pair of sources: counts and the first claims' numbers, in a few words
    /// of memory (at 100k claims a pair per citation adds up: 25k pairs).
    struct Stored: Sendable {
        var cites: UInt32 = 0, echoes: UInt32 = 0, gradedE: UInt32 = 0, claims: UInt32 = 0
        /// The first claims' numbers (0: none).
        var examples: (UInt32, UInt32) = (0, 0)
    }

    /// Handles by number, and the pairs keyed by the two numbers.
    private var handles: [String] = []
    private var numbers: [String: UInt32] = [:]
    private var stored: [UInt64: Stored] = [:]
    /// Claims with at least one discounted supporting row.
    public private(set) var claimsDiscounted = 0

    static let examples = 2
    /// The most sources drawn; the table lists every relation.
    static let mostNodes = 36

    public init() {}

    /// Room for every pair of `sources` sources (up to 2^16 pairs, 2 MB) made at once: the
    /// table then never grows while the claims stream past, so its memory is the same for a
    /// thousand claims as for a million.
    public init(sources: Int) {
        stored.reserveCapacity(min(sources * sources, 1 << 16))
    }

    private mutating func number(_ handle: String) -> UInt64 {
        if let number = numbers[handle] { return UInt64(number) }
        let number = UInt32(handles.count)
        handles.append(handle)
        numbers[handle] = number
        return UInt64(number)
    }

    public mutating func add(_ detail: ClaimDetail) {
        var discounted = false
        // Claim numbers past 2^32 are not shown as examples (no ledger comes near).
        let claim = UInt32(clamping: detail.claim.number)
        var touched: [UInt64] = []
        for row in detail.evidence where !row.isWithdrawn {
            let echo = row.stance == .supports && row.countsAs.hasPrefix("echo")
            // (A contradiction from a source graded E is not an echo of anyone: left out.)
            let gradedE = row.stance == .supports && row.countsAs.hasPrefix("not counted")
            guard row.citing != nil || echo || gradedE else { continue }
            let key = number(row.source) << 32 | number(row.citing ?? detail.claim.claimant)
            var relation = stored[key] ?? Stored()
            if row.citing != nil { relation.cites += 1 }
            if echo { relation.echoes += 1 }
            if gradedE, row.stance == .supports { relation.gradedE += 1 }
            if echo || (gradedE && row.stance == .supports) { discounted = true }
            if !touched.contains(key) {
                touched.append(key)
                switch relation.claims {
                case 0: relation.examples.0 = claim
                case 1: relation.examples.1 = claim
                default: break
                }
                relation.claims += 1
            }
            stored[key] = relation
        }
        if discounted { claimsDiscounted += 1 }
    }

    /// Every relation, by its pair of handles.
    public var relations: [Pair: Relation] {
        var relations: [Pair: Relation] = [:]
        for (key, item) in stored {
            let pair = Pair(from: handles[Int(key >> 32)], to: handles[Int(key & 0xFFFF_FFFF)])
            let examples = [item.examples.0, item.examples.1].prefix(Int(min(item.claims, 2))).map { claimLabel(Int64($0)) }
            relations[pair] = Relation(
                cites: Int(item.cites), echoes: Int(item.echoes), gradedE: Int(item.gradedE), claims: Int(item.claims), examples: examples)
        }
        return relations
    }

    public var isEmpty: Bool { stored.isEmpty }

    /// The relations, by source then target.
    public var sorted: [(pair: Pair, relation: Relation)] {
        relations.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Each relation in turn, by source then target, made one at a time (a report streams its table).
    public func forEachRelation(_ body: (Pair, Relation) throws -> Void) rethrows {
        // Handles ranked once; the keys sorted by rank.
        let order = handles.indices.sorted { handles[$0] < handles[$1] }
        var rank = [Int](repeating: 0, count: handles.count)
        for (position, index) in order.enumerated() { rank[index] = position }
        let keys = stored.keys.sorted {
            let (a, b) = (rank[Int($0 >> 32)], rank[Int($1 >> 32)])
            return a != b ? a < b : rank[Int($0 & 0xFFFF_FFFF)] < rank[Int($1 & 0xFFFF_FFFF)]
        }
        for key in keys {
            let item = stored[key]!
            let examples = [item.examples.0, item.examples.1].prefix(Int(min(item.claims, 2))).map { claimLabel(Int64($0)) }
            try body(
                Pair(from: handles[Int(key >> 32)], to: handles[Int(key & 0xFFFF_FFFF)]),
                Relation(cites: Int(item.cites), echoes: Int(item.echoes), gradedE: Int(item.gradedE), claims: Int(item.claims), examples: examples))
        }
    }

    /// The picture; nil when no source cites another and nothing was discounted.
    /// `affiliation` gives each handle's group (empty: none).
    public func picture(affiliation: (String) -> String, standalone: Bool) -> Picture? {
        guard !stored.isEmpty else { return nil }
        // The sources with the most relations, when there are too many to draw.
        var weight: [String: Int] = [:]
        for (key, item) in stored {
            let amount = Int(item.cites) + Int(item.echoes) + Int(item.gradedE)
            weight[handles[Int(key >> 32)], default: 0] += amount
            weight[handles[Int(key & 0xFFFF_FFFF)], default: 0] += amount
        }
        let ranked = weight.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        let drawn = Set(ranked.prefix(EchoGraph.mostNodes).map(\.key))
        // Grouped as the rules group them: affiliations that differ only in case are one group.
        var groups: [String: [String]] = [:]
        var shownName: [String: String] = [:]
        for handle in drawn.sorted() {
            let name = affiliation(handle)
            groups[name.lowercased(), default: []].append(handle)
            if shownName[name.lowercased()] == nil { shownName[name.lowercased()] = name }
        }
        let groupNames = groups.keys.sorted { ($0.isEmpty ? "\u{10FFFF}" : $0) < ($1.isEmpty ? "\u{10FFFF}" : $1) }
        let allGroups = Set(weight.keys.map { affiliation($0).lowercased() }).count

        // Groups as columns, four to a row; sources stacked in each.
        let columnWidth = 168.0, gap = 16.0, nodeHeight = 22.0, nodeGap = 10.0, header = 22.0
        var place: [String: (x: Double, y: Double)] = [:]
        var boxes: [(name: String, x: Double, y: Double, height: Double)] = []
        var rowTop = 12.0
        var index = 0
        while index < groupNames.count {
            let row = groupNames[index..<min(index + 4, groupNames.count)]
            var tallest = 0.0
            for (column, name) in row.enumerated() {
                let members = groups[name]!.sorted()
                let x = 12 + Double(column) * (columnWidth + gap)
                let height = header + Double(members.count) * (nodeHeight + nodeGap) + 4
                boxes.append((shownName[name] ?? name, x, rowTop, height))
                for (position, handle) in members.enumerated() {
                    place[handle] = (x + 10, rowTop + header + Double(position) * (nodeHeight + nodeGap))
                }
                tallest = max(tallest, height)
            }
            rowTop += tallest + 34
            index += 4
        }
        let width = 12 + 4 * (columnWidth + gap)
        let height = Int(rowTop + 30)
        let caption = self.caption(drawn: drawn.count, sources: weight.count, groups: allGroups)
        var svg = SVG(id: "who-echoes-whom", width: Int(width), height: height, title: "Who echoes whom", description: caption, standalone: standalone)
        svg.arrowhead(id: "who-echoes-whom-cite", "ec")
        svg.arrowhead(id: "who-echoes-whom-echo", "ea")
        svg.arrowhead(id: "who-echoes-whom-grade", "eg")

        for box in boxes {
            svg.rect(x: box.x, y: box.y, width: columnWidth, height: box.height, "gb", radius: 6)
            let title = box.name.isEmpty ? "no affiliation" : box.name
            svg.text(title.count > 22 ? String(title.prefix(21)) + "…" : title, x: box.x + 8, y: box.y + 15, "tb")
        }
        let nodeWidth = columnWidth - 50
        for (handle, point) in place.sorted(by: { $0.key < $1.key }) {
            svg.rect(x: point.x, y: point.y, width: nodeWidth, height: nodeHeight, "nd", radius: 4, tooltip: handle)
            svg.text(handle.count > 18 ? String(handle.prefix(17)) + "…" : handle, x: point.x + 6, y: point.y + 15)
        }

        // An arrow per relation: solid for citing, dashed red for discounted echoes.
        forEachRelation { pair, relation in
            guard let from = place[pair.from], let to = place[pair.to], pair.from != pair.to else { return }
            let (sx, sy, cx, cy, ex, ey): (Double, Double, Double, Double, Double, Double)
            if abs(from.x - to.x) < 1 {
                // In one group: out of the right side of one box and into the right side of the other.
                let (y1, y2) = (from.y + nodeHeight / 2, to.y + nodeHeight / 2)
                (sx, sy, ex, ey) = (from.x + nodeWidth, y1, to.x + nodeWidth + 2, y2)
                (cx, cy) = (from.x + nodeWidth + 36, (y1 + y2) / 2)
            } else {
                let (x1, y1) = (from.x + nodeWidth / 2, from.y + nodeHeight / 2)
                let (x2, y2) = (to.x + nodeWidth / 2, to.y + nodeHeight / 2)
                let (dx, dy) = (x2 - x1, y2 - y1)
                let length = max((dx * dx + dy * dy).squareRoot(), 1)
                // Leave each box at its edge, and bend so that arrows both ways do not overlap.
                func edge(_ dx: Double, _ dy: Double) -> Double {
                    min(abs(dx) > 0 ? (nodeWidth / 2) / abs(dx) : .infinity, abs(dy) > 0 ? (nodeHeight / 2 + 2) / abs(dy) : .infinity)
                }
                let t = min(edge(dx, dy), 0.45)
                (sx, sy, ex, ey) = (x1 + dx * t, y1 + dy * t, x2 - dx * t, y2 - dy * t)
                (cx, cy) = ((sx + ex) / 2 - dy / length * 26, (sy + ey) / 2 + dx / length * 26)
            }
            // Solid: it cites; dashed red: echoes discounted; dotted grey: only not counted (graded E).
            let kind = relation.cites > 0 ? "cite" : relation.echoes > 0 ? "echo" : "grade"
            var parts: [String] = []
            if relation.cites > 0 { parts.append("cites it \(MarkdownReport.plural(relation.cites, "time"))") }
            if relation.echoes > 0 { parts.append("\(MarkdownReport.plural(relation.echoes, "echo", "echoes")) discounted") }
            if relation.gradedE > 0 { parts.append("\(relation.gradedE) not counted (graded E)") }
            let tip = "\(pair.from) → \(pair.to): " + parts.joined(separator: ", ") + " on \(MarkdownReport.plural(relation.claims, "claim"))"
            svg.path(
                "M\(SVG.number(sx)) \(SVG.number(sy))Q\(SVG.number(cx)) \(SVG.number(cy)) \(SVG.number(ex)) \(SVG.number(ey))",
                kind, arrow: "who-echoes-whom-" + kind, tooltip: tip)
            // The number of claims, at the middle of the curve.
            svg.text(String(relation.claims), x: 0.25 * sx + 0.5 * cx + 0.25 * ex + 6, y: 0.25 * sy + 0.5 * cy + 0.25 * ey + 4, "ts")
        }
        let keyY = Double(height) - 12
        svg.line(x1: 12, y1: keyY - 4, x2: 42, y2: keyY - 4, "cite", arrow: "who-echoes-whom-cite")
        svg.text("cites", x: 48, y: keyY)
        svg.line(x1: 100, y1: keyY - 4, x2: 130, y2: keyY - 4, "echo", arrow: "who-echoes-whom-echo")
        svg.text("echo discounted", x: 136, y: keyY)
        svg.line(x1: 260, y1: keyY - 4, x2: 290, y2: keyY - 4, "grade", arrow: "who-echoes-whom-grade")
        svg.text("not counted (graded E)", x: 296, y: keyY)
        svg.text("numbers: claims", x: 460, y: keyY)
        return Picture(name: "who-echoes-whom", title: "Who echoes whom", caption: caption, svg: svg.finished)
    }

    func caption(drawn: Int, sources: Int, groups: Int) -> String {
        let cites = stored.values.filter { $0.cites > 0 }.count
        var text = "\(MarkdownReport.plural(sources, "source")) in \(MarkdownReport.plural(groups, "group")) (by affiliation); "
        text += "\(MarkdownReport.plural(cites, "citing relation")), and discounted echoes on \(MarkdownReport.plural(claimsDiscounted, "claim"))."
        if drawn < sources { text += " The \(drawn) sources with the most relations are drawn; the table lists all." }
        return text
    }
}
