/// The Markdown report, one part at a time: pure functions from report data to text.
///
/// The parts are written in order (heading, summary, claims table, a section per claim,
/// changes, sources, legend) as the claims stream past, so a report never holds the
/// ledger in memory. Every user-typed string goes through `Markdown.text`; the same data
/// always gives the same bytes (no clock, fixed ordering).
public enum MarkdownReport {
    /// Statuses in the order summaries list them.
    public static let statusOrder: [ClaimStatus] = [
        .confirmed, .corroborated, .disputed, .contradicted, .unverified, .resolved, .retracted, .superseded,
    ]

    public static func heading(_ options: ReportOptions, counts: ReportCounts, head: Head) -> String {
        var text = "# \(Markdown.text(options.displayTitle))\n\n"
        for (label, value) in options.scope { text += "- \(label): " + Markdown.text(value) + "\n" }
        if let hash = head.hash {
            text += "- Ledger head: `\(hash)` (\(plural(Int(head.entries), "log entry", "log entries"))); check a copy with `ledger verify --head \(hash)`.\n"
        } else {
            text += "- Ledger head: none; \(head.absence).\n"
        }
        text += "\n"
        text += "\(plural(counts.claims, "claim")) with \(plural(counts.evidence, "piece")) of evidence"
        text += counts.withdrawn == 0 ? ".\n\n" : " (and \(counts.withdrawn) withdrawn).\n\n"
        return text
    }

    public static func summary(_ counts: ReportCounts) -> String {
        var text = "## Summary\n\n" + Markdown.tableHead(["Status", "Claims"], [.left, .right])
        for status in statusOrder { text += Markdown.row([status.rawValue, String(counts.byStatus[status] ?? 0)]) }
        text += Markdown.row(["**total**", "**\(counts.claims)**"])
        return text + "\n"
    }

    public static func claimsTableHead() -> String {
        "## Claims\n\n"
            + Markdown.tableHead(
                ["ID", "Claim", "Claimant", "Date", "Status", "Grade", "Independent support", "Contradictions"],
                [.left, .left, .left, .left, .left, .left, .right, .right])
    }

    public static func claimsTableRow(_ claim: Claim) -> String {
        // One row per claim of every report: appended in place rather than through `Markdown.row`.
        let number = String(claim.number)
        let statement = Markdown.text(claim.statement)
        var row = ""
        row.reserveCapacity(statement.utf8.count + 120)
        // (A statement of nothing but invisible characters renders empty: a cell keeps a space, as in `Markdown.row`.)
        row.add("| [C", number, "](#c", number, ") | ", statement.isEmpty ? " " : statement, " | ", Markdown.code(claim.claimant), " | ")
        row.add(claim.date.text, " | ", status(claim), " | ", claim.grade.description, " | ", String(claim.support.independent))
        if claim.support.echoes > 0 { row.add(" (+", plural(claim.support.echoes, "echo", "echoes"), ")") }
        row.add(" | ", String(claim.contradictions), " |\n")
        return row
    }

    public static let noClaims = "No claims match.\n\n"

    static let evidenceHead = Markdown.tableHead(["ID", "Date", "Stance", "Source", "Via", "Citing", "Counts as", "Quote or note", "Link"])
    static let notesHead = Markdown.tableHead(["ID", "Date", "By", "Consulted", "Note", "Link"])
    static let lifecycleHead = Markdown.tableHead(["Date", "Change", "By", "Reason", "Link"])

    public static func detailsHead() -> String { "## Claims in detail\n\n" }

    /// The section for one claim: what it says, who said it, its evidence, figures, lifecycle and flags.
    /// With `charts`, the claim's pictures (written to that folder by the caller) are embedded after its facts.
    public static func section(_ detail: ClaimDetail, charts: (folder: String, timeline: Picture, figures: Picture?)? = nil) -> String {
        let claim = detail.claim
        let label = claim.label
        // Appended piece by piece into one buffer: this runs once per claim of every report.
        var text = ""
        text.reserveCapacity(1024 + detail.evidence.count * 320)
        text.add("### ", label, "\n\n> ")
        text += Markdown.text(claim.statement)
        text.add("\n\n- Status: ", status(claim), ", grade ", claim.grade.description, " (", gradeMeaning(claim.grade), ")\n")
        text += "- Claimant: "
        text += Markdown.text(detail.claimantName)
        text.add(" (", Markdown.code(claim.claimant), ")")
        if let via = claim.via { text.add(", via ", Markdown.code(via)) }
        text.add(", on ", claim.date.text, "\n")
        if let quote = claim.quote { text.add("- Quote: “", Markdown.text(quote), "”\n") }
        if let quantity = claim.quantity {
            text.add("- Quantity: ", Markdown.text(quantity.text), ", read as ", Markdown.text(quantity.intervalText), "\n")
        }
        if let place = claim.place { text.add("- Place: ", Markdown.text(place), "\n") }
        if !claim.tags.isEmpty { text.add("- Tags: ", claim.tags.map(Markdown.text).joined(separator: ", "), "\n") }
        if let url = claim.url { text.add("- Appeared at: ", Markdown.link(Markdown.host(url), url), "\n") }
        if let next = claim.supersededBy { text += "- Superseded by: [\(claimLabel(next))](#\(claimLabel(next).lowercased()))\n" }
        text.add("- Support: ", plural(claim.support.independent, "independent group"), ", ")
        text.add(plural(claim.support.echoes, "echo", "echoes"), "; contradicted by ", plural(claim.contradictions, "group"), "\n\n")
        if let charts { text += image(charts.timeline, folder: charts.folder) }

        text.add("#### ", label, " evidence\n\n")
        if detail.evidence.isEmpty {
            text += "No evidence recorded.\n\n"
        } else {
            text += evidenceHead
            for row in detail.evidence {
                text.add("| ", row.label, " | ", row.date.text, " | ", row.stance.rawValue, " | ", Markdown.code(row.source), " | ")
                text += (row.via.map(Markdown.code) ?? "—") + " | " + (row.citing.map(Markdown.code) ?? "—") + " | "
                if let reason = row.withdrawnReason {
                    text.add("withdrawn: ", Markdown.text(reason))
                } else {
                    text += Markdown.text(row.countsAs)
                }
                text += " | "
                var said = false
                if let quote = row.quote {
                    text.add("“", Markdown.text(quote), "”")
                    said = true
                }
                if let note = row.note.map(Markdown.text), !note.isEmpty {
                    text += (said ? " — " : "") + note
                    said = true
                }
                if let quantity = row.quantity {
                    text += (said ? " — " : "") + "figure: " + Markdown.text(quantity.text)
                    said = true
                }
                if !said { text += "—" }
                text += " | " + (row.url.map { Markdown.link(Markdown.host($0), $0) } ?? "—") + " |\n"
            }
            text += "\n"
        }

        if let figures = detail.figures, figures.all.count > 1 {
            text += "#### \(label) figures\n\n"
            if let charts, let picture = charts.figures { text += image(picture, folder: charts.folder) }
            text += Markdown.tableHead(["Given in", "By", "Figure", "Means"])
            for figure in figures.all {
                text += Markdown.row([
                    figure.label, Markdown.text(figure.source), Markdown.text(figure.quantity.text),
                    Markdown.text(figure.quantity.intervalText) + (figure.forced.map { " (\($0))" } ?? ""),
                ])
            }
            text += "\n" + agreement(figures.agreement) + "\n\n"
        }

        if !detail.notes.isEmpty {
            text += "#### \(label) notes\n\n" + notesHead
            for note in detail.notes {
                text += Markdown.row([
                    note.label, note.date.text, Markdown.text(note.recordedBy), note.source.map(Markdown.code) ?? "—", Markdown.text(note.text),
                    note.url.map { Markdown.link(Markdown.host($0), $0) } ?? "—",
                ])
            }
            text += "\n"
        }

        if !detail.lifecycle.isEmpty {
            text += "#### \(label) lifecycle\n\n" + lifecycleHead
            for event in detail.lifecycle {
                var change = event.action.rawValue
                if let verdict = event.verdict { change += " (\(verdict.rawValue))" }
                if let next = event.supersededBy { change += " by \(claimLabel(next))" }
                text += Markdown.row([
                    event.effective.text, change, event.source.map(Markdown.code) ?? Markdown.text(event.recordedBy),
                    event.reason.map(Markdown.text) ?? "—", event.url.map { Markdown.link(Markdown.host($0), $0) } ?? "—",
                ])
            }
            text += "\n"
        }

        if !detail.corrections.isEmpty {
            text += "#### \(label) corrections\n\n"
            for entry in detail.corrections {
                text.add("- Log entry #", String(entry.sequence), ", recorded ", entry.recordedAt, " by ", Markdown.text(entry.actor), ": ")
                text.add(Markdown.text(entry.summary), "\n")
            }
            text += "\n"
        }

        let flags = ClaimFlag.flags(of: detail)
        if !flags.isEmpty {
            text += "#### \(label) flags\n\n"
            for flag in flags {
                let row = flag.evidence
                switch flag {
                case .afterClosing:
                    text +=
                        row.whileClosed
                        ? "- New evidence after closing: \(row.label) (dated \(row.date.text)) was recorded while \(label) was closed; it did not move the status.\n"
                        : "- New evidence after closing: \(row.label) (\(row.date.text)) came after \(label) was \(claim.status.rawValue); it did not move the status.\n"
                case .forced where row.stance == .contradicts:
                    text += "- Consistent quantity recorded as a contradiction with --force: \(row.label)’s figure \(Markdown.text(row.quantity?.text ?? "")) fits the claim’s; it contradicts something else.\n"
                case .forced:
                    text += "- Inconsistent quantity recorded with --force: \(row.label)’s figure \(Markdown.text(row.quantity?.text ?? "")) does not fit the claim’s.\n"
                case .beforeClaim:
                    text += "- Evidence dated before the claim: \(row.label) (\(row.date.text)) predates \(label) (\(claim.date.text)).\n"
                case .withdrawn:
                    text += "- Withdrawn: \(row.label) (\(Markdown.code(row.source)) \(row.stance.rawValue)) no longer counts: \(Markdown.text(row.withdrawnReason ?? ""))\n"
                }
            }
            text += "\n"
        }
        return text
    }

    public static func changesHead(since: LedgerDate, asOf: LedgerDate?) -> String {
        let until = asOf?.text ?? "now"
        return "## Changes since \(since.text)\n\n"
            + Markdown.tableHead(["ID", "Claim", "On \(since.text)", asOf == nil ? "Now" : "On \(until)"])
    }

    public static func changeRow(_ change: StatusChange) -> String {
        Markdown.row([
            "[\(change.claim.label)](#\(change.claim.label.lowercased()))", Markdown.text(change.claim.statement),
            change.before?.rawValue ?? "not yet made", status(change.claim),
        ])
    }

    public static let noChanges = "No claim changed status.\n\n"

    /// A picture embedded by an image link to its file in `folder`, with its text equivalent beneath.
    public static func image(_ picture: Picture, folder: String) -> String {
        let path = folder.isEmpty ? picture.fileName : folder.hasSuffix("/") ? folder + picture.fileName : folder + "/" + picture.fileName
        return "![\(Markdown.text(picture.title))](\(relativeLink(path)))\n\n" + Markdown.text(picture.caption) + "\n\n"
    }

    /// A relative path as a link: every byte but letters, digits, `-._~` and `/` percent-encoded,
    /// so a folder named `http:x`, `a#b`, `a?b` or `a%41` stays that path (an encoded colon
    /// cannot read as a scheme).
    static func relativeLink(_ path: String) -> String {
        var link = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                link.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                link += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return link
    }

    /// The report's claims by status over time (`--charts`): the picture and its table of counts.
    public static func overTime(_ overTime: LedgerOverTime, folder: String) -> (text: String, picture: Picture?) {
        var text = "## The ledger over time\n\n"
        guard let picture = overTime.picture(standalone: true) else { return (text + "No claims to draw.\n\n", nil) }
        text += image(picture, folder: folder)
        let shown = overTime.statusesShown
        text += Markdown.tableHead(["Day"] + shown.map(\.rawValue) + ["Total"], [.left] + shown.map { _ in .right } + [.right])
        for cells in overTime.tableRows { text += Markdown.row(cells) }
        return (text + "\n", picture)
    }

    /// Who echoes whom (`--charts`): the picture (written by `write`) and every relation as a table, a row at a time.
    public static func echoes(
        _ graph: EchoGraph, sources: [Source], folder: String, write: (Picture) throws -> Void, to sink: (String) throws -> Void
    ) throws {
        var text = "## Who echoes whom\n\n"
        let affiliation = Dictionary(sources.map { ($0.handle, $0.affiliation.trimmingSpaces) }, uniquingKeysWith: { first, _ in first })
        guard let picture = graph.picture(affiliation: { affiliation[$0] ?? "" }, standalone: true) else {
            return try sink(text + "No source cites another, and no supporting evidence was discounted.\n\n")
        }
        try write(picture)
        text += image(picture, folder: folder)
        text += Markdown.tableHead(
            ["Source", "Echoes or cites", "Cites it", "Discounted echoes", "Not counted (graded E)", "Claims"],
            [.left, .left, .right, .right, .right, .left])
        try sink(text)
        try graph.forEachRelation { pair, relation in
            var claims = relation.examples.map { "[\($0)](#\($0.lowercased()))" }.joined(separator: ", ")
            if relation.claims > relation.examples.count { claims += " and \(relation.claims - relation.examples.count) more" }
            try sink(
                Markdown.row([
                    Markdown.code(pair.from), Markdown.code(pair.to), String(relation.cites), String(relation.echoes), String(relation.gradedE),
                    claims,
                ]))
        }
        try sink("\n")
    }

    public static func sources(_ records: [SourceRecord]) -> String {
        var text = "## Sources\n\n"
        guard !records.isEmpty else { return text + "No sources are involved.\n\n" }
        text += Markdown.tableHead(
            [
                "Handle", "Name", "Affiliation", "Reliability", "Claims made", "Confirmed or corroborated", "Disputed",
                "Contradicted", "Retracted", "Resolved true", "Resolved false", "Evidence given",
            ],
            [.left, .left, .left, .left, .right, .right, .right, .right, .right, .right, .right, .right])
        for record in records {
            let source = record.source
            text += Markdown.row([
                Markdown.code(source.handle), Markdown.text(source.name), source.affiliation.isEmpty ? "—" : Markdown.text(source.affiliation),
                source.reliability.rawValue, String(record.claimsMade), String(record.confirmedOrCorroborated), String(record.disputed),
                String(record.contradicted), String(record.retracted), String(record.resolvedTrue), String(record.resolvedFalse),
                String(record.evidenceGiven),
            ])
        }
        return text + "\nTrack records count the claims this report covers, by their status in it.\n\n"
    }

    /// What the timelines' marks mean (the legend's last words when a report has pictures).
    static let timelineKey =
        "In the timelines, evidence for a claim is drawn above the line and evidence against it below; "
        + "a full mark counts, a hollow mark is an echo or from a source graded E (not counted), a struck-through mark was withdrawn, "
        + "a short upright tick marks the day the claim was made, a dashed line is a lifecycle change, "
        + "and the band beneath is the claim’s status over time."

    public static func legend(pictures: Bool = false) -> String {
        var text = "## Legend\n\n" + Markdown.tableHead(["Status", "Meaning"])
        for status in statusOrder { text += Markdown.row([status.rawValue, status.meaning]) }
        text += "\nA grade is the claimant’s reliability (a letter) and the claim’s credibility (a digit).\n\n"
        text += Markdown.tableHead(["Reliability", "Meaning"])
        for reliability in Reliability.allCases { text += Markdown.row([reliability.rawValue, reliability.meaning]) }
        text += "\n" + Markdown.tableHead(["Credibility", "Meaning", "Given to"])
        for (digit, meaning, givenTo) in credibilityRows() { text += Markdown.row([String(digit), meaning, givenTo]) }
        text += "\n" + legendNote + "\n"
        if pictures { text += "\n" + timelineKey + "\n" }
        return text
    }

    /// Each credibility digit, its meaning, and which statuses get it, read from the rule itself (`StatusRules.credibility`).
    static func credibilityRows() -> [(digit: Int, meaning: String, givenTo: String)] {
        var givenTo: [Int: [String]] = [:]
        for status: ClaimStatus in [.confirmed, .corroborated, .disputed, .contradicted, .unverified] {
            givenTo[StatusRules.credibility(status: status, verdict: nil, previous: 6), default: []].append(status.rawValue)
        }
        for verdict: Verdict in [.true, .misleading, .false, .unproven] {
            givenTo[StatusRules.credibility(status: .resolved, verdict: verdict, previous: 6), default: []].append("resolved \(verdict.rawValue)")
        }
        givenTo[StatusRules.credibility(status: .retracted, verdict: nil, previous: 6), default: []].append(ClaimStatus.retracted.rawValue)
        return Grade.credibilityMeanings.map { ($0.0, $0.1, givenTo[$0.0]?.joined(separator: "; ") ?? "") }
    }

    static let legendNote =
        "A superseded claim keeps the credibility it had. "
        + "Support counts independent groups: sources of one affiliation count once, "
        + "and a source repeating another (citing it) counts as the source it repeats. "
        + "Echoes are supporting evidence from the claimant’s own group or from sources graded E."

    /// `agreement` as a sentence of plain text.
    static func agreementText(_ agreement: Agreement) -> String {
        switch agreement {
        case .noIndependentFigures: "No independent supporting figure yet."
        case .agree(let range): "Independent supporting figures agree on \(range.intervalText)."
        case .disagree: "Independent supporting figures do not agree with each other."
        }
    }

    /// A flag as a sentence of plain text (the Markdown section writes the same with its escapes).
    static func flagSentence(_ flag: ClaimFlag, _ detail: ClaimDetail) -> String {
        let row = flag.evidence
        let label = detail.claim.label
        switch flag {
        case .afterClosing:
            return row.whileClosed
                ? "New evidence after closing: \(row.label) (dated \(row.date.text)) was recorded while \(label) was closed; it did not move the status."
                : "New evidence after closing: \(row.label) (\(row.date.text)) came after \(label) was \(detail.claim.status.rawValue); it did not move the status."
        case .forced where row.stance == .contradicts:
            return "Consistent quantity recorded as a contradiction with --force: \(row.label)’s figure \(row.quantity?.text ?? "") fits the claim’s; it contradicts something else."
        case .forced:
            return "Inconsistent quantity recorded with --force: \(row.label)’s figure \(row.quantity?.text ?? "") does not fit the claim’s."
        case .beforeClaim:
            return "Evidence dated before the claim: \(row.label) (\(row.date.text)) predates \(label) (\(detail.claim.date.text))."
        case .withdrawn:
            return "Withdrawn: \(row.label) (\(row.source) \(row.stance.rawValue)) no longer counts: \(row.withdrawnReason ?? "")"
        }
    }

    // MARK: Helpers

    static func status(_ claim: Claim) -> String {
        claim.verdict.map { "\(claim.status.rawValue) (\($0.rawValue))" } ?? claim.status.rawValue
    }

    static func gradeMeaning(_ grade: Grade) -> String {
        let credibility = Grade.credibilityMeanings.first { $0.0 == grade.credibility }?.1 ?? ""
        return "\(grade.reliability.rawValue): \(grade.reliability.meaning); \(grade.credibility): \(credibility)"
    }

    static func agreement(_ agreement: Agreement) -> String {
        switch agreement {
        case .noIndependentFigures: "No independent supporting figure yet."
        case .agree(let range): "Independent supporting figures agree on \(Markdown.text(range.intervalText))."
        case .disagree: "Independent supporting figures do not agree with each other."
        }
    }

    static func plural(_ count: Int, _ singular: String, _ pluralForm: String? = nil) -> String {
        String(count) + " " + (count == 1 ? singular : pluralForm ?? singular + "s")
    }
}

extension String {
    // Appending pieces in order, without first joining them into a temporary string (which
    // `text += a + b` does): section rendering runs once per claim of every report. Fixed
    // arities rather than a variadic (which allocates an array) or a generic pack (which
    // appends through the slower generic path).
    mutating func add(_ a: String, _ b: String) {
        append(a)
        append(b)
    }
    mutating func add(_ a: String, _ b: String, _ c: String) {
        add(a, b)
        append(c)
    }
    mutating func add(_ a: String, _ b: String, _ c: String, _ d: String) {
        add(a, b, c)
        append(d)
    }
    mutating func add(_ a: String, _ b: String, _ c: String, _ d: String, _ e: String) {
        add(a, b, c, d)
        append(e)
    }
    mutating func add(_ a: String, _ b: String, _ c: String, _ d: String, _ e: String, _ f: String) {
        add(a, b, c, d, e)
        append(f)
    }
    mutating func add(_ a: String, _ b: String, _ c: String, _ d: String, _ e: String, _ f: String, _ g: String) {
        add(a, b, c, d, e, f)
        append(g)
    }
    mutating func add(_ a: String, _ b: String, _ c: String, _ d: String, _ e: String, _ f: String, _ g: String, _ h: String) {
        add(a, b, c, d, e, f, g)
        append(h)
    }
    mutating func add(
        _ a: String, _ b: String, _ c: String, _ d: String, _ e: String, _ f: String, _ g: String, _ h: String, _ i: String
    ) {
        add(a, b, c, d, e, f, g, h)
        append(i)
    }
}
