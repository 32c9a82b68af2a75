/// The HTML report, one part at a time: the Markdown report's sections in its order, as one
/// self-contained page with its pictures drawn inline as SVG.
///
/// The page loads nothing and runs nothing: one `<style>` (allowed by its hash), no script,
/// no external resource, and a Content-Security-Policy that forbids all else. Every typed
/// text goes through `HTML.text`; only http and https addresses become links. The same data
/// always gives the same bytes.
public enum HTMLReport {
    static let order = MarkdownReport.statusOrder

    /// The page's only style sheet: its own rules and the pictures' (`SVG.style`). Its hash is
    /// in the Content-Security-Policy.
    static let style = pageRules + SVG.style

    static let pageRules = """
        body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:76rem;padding:0 1rem 3rem;color:#1a1a1a;background:#fff}
        h1{font-size:1.9rem;margin:1.5rem 0 .5rem}h2{font-size:1.45rem;border-bottom:2px solid #d0d0d0;margin-top:2.5rem}
        h3{font-size:1.2rem;margin:0 0 .5rem}h4{font-size:1rem;margin:1.2rem 0 .3rem}
        table{border-collapse:collapse;margin:.4rem 0 1rem;font-size:.9rem}th,td{border:1px solid #d0d0d0;padding:.25rem .5rem;text-align:left;vertical-align:top}
        th{background:#f3f3f3}.n{text-align:right;font-variant-numeric:tabular-nums}.scroll{overflow-x:auto;max-width:100%}
        blockquote{margin:.3rem 0 .8rem;padding:.1rem 1rem;border-left:4px solid #8a8a8a;font-size:1.1rem}
        article{border-top:1px solid #e3e3e3;padding-top:1.2rem;margin-top:1.6rem}ul.facts{padding-left:1.2rem}
        figure{margin:.8rem 0}figure svg{max-width:100%;height:auto;display:block}figcaption{font-size:.85rem;color:#404040;max-width:48rem}
        code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.88em;background:#f3f3f3;padding:0 .2em;border-radius:3px}
        .s{display:inline-block;padding:0 .4em;border-radius:3px;border:1px solid #9a9a9a;white-space:nowrap}
        .s-retracted{background:#372056;color:#fff}.s-confirmed{background:#0b4e14;color:#fff}.s-contradicted{background:#a92c2f;color:#fff}
        .s-resolved{background:#1479c3;color:#fff}.s-corroborated{background:#699e58}.s-superseded{background:#c4a897}
        .s-disputed{background:#f8c444}.s-unverified{background:#eaeaea}.inert{color:#5a5a5a;word-break:break-all}
        td,li,p,blockquote,figcaption{overflow-wrap:anywhere}.nw{white-space:nowrap}.parts{position:absolute}header code{word-break:break-all}.flags li{margin:.2rem 0}details{margin:.4rem 0 1rem}summary{cursor:pointer}
        @media (max-width:600px){body{font-size:15px;padding:0 .6rem 2rem}h1{font-size:1.5rem}table{font-size:.82rem}}
        """

    /// The Content-Security-Policy: nothing may load or run but this page's own style sheet.
    public static let contentSecurityPolicy: String = {
        let digest = SHA256.hash(Array(style.utf8))
        return "default-src 'none'; style-src '" + "sha256-" + Base64.encode(digest)
            + "'; img-src 'none'; script-src 'none'; base-uri 'none'; form-action 'none'"
    }()

    public static func heading(_ options: ReportOptions, counts: ReportCounts, head: Head) -> String {
        let title = HTML.text(options.displayTitle)
        var text = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        text.add("<meta http-equiv=\"Content-Security-Policy\" content=\"", contentSecurityPolicy, "\">\n")
        text += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"referrer\" content=\"no-referrer\">\n"
        text.add("<title>", title, "</title>\n<style>", style, "</style>\n</head>\n<body>\n<header>\n")
        text.add("<h1>", title, "</h1>\n<ul>\n")
        for (label, value) in options.scope { text.add("<li>", label, ": ", HTML.text(value), "</li>\n") }
        if let hash = head.hash {
            text.add("<li>Ledger head: <code>", hash, "</code> (", MarkdownReport.plural(Int(head.entries), "log entry", "log entries"))
            text.add("); check a copy with <code>ledger verify --head ", hash, "</code>.</li>\n")
        } else {
            text.add("<li>Ledger head: none; ", HTML.text(head.absence), ".</li>\n")
        }
        text += "</ul>\n<p>"
        text += "\(MarkdownReport.plural(counts.claims, "claim")) with \(MarkdownReport.plural(counts.evidence, "piece")) of evidence"
        text += counts.withdrawn == 0 ? ".</p>\n</header>\n<main>\n" : " (and \(counts.withdrawn) withdrawn).</p>\n</header>\n<main>\n"
        return text
    }

    public static func summary(_ counts: ReportCounts) -> String {
        var text = "<section id=\"summary\">\n<h2>Summary</h2>\n<table>\n<thead><tr><th>Status</th><th class=\"n\">Claims</th></tr></thead>\n<tbody>\n"
        for status in order {
            text.add("<tr><td>", badge(status.rawValue, status), "</td><td class=\"n\">", String(counts.byStatus[status] ?? 0), "</td></tr>\n")
        }
        text.add("<tr><td><strong>total</strong></td><td class=\"n\"><strong>", String(counts.claims), "</strong></td></tr>\n")
        return text + "</tbody>\n</table>\n</section>\n"
    }

    public static func claimsTableHead() -> String {
        "<section id=\"claims\">\n<h2>Claims</h2>\n<div class=\"scroll\">\n<table>\n<thead><tr><th>ID</th><th>Claim</th><th>Claimant</th><th>Date</th>"
            + "<th>Status</th><th>Grade</th><th class=\"n\">Independent support</th><th class=\"n\">Contradictions</th></tr></thead>\n<tbody>\n"
    }

    public static func claimsTableRow(_ claim: Claim) -> String {
        let number = String(claim.number)
        var row = ""
        row.reserveCapacity(claim.statement.utf8.count + 260)
        row.add("<tr><td><a href=\"#c", number, "\">C", number, "</a></td><td>", HTML.text(claim.statement), "</td><td>")
        row.add(HTML.code(claim.claimant), "</td><td class=\"nw\">", HTML.text(claim.date.text), "</td><td>", status(claim), "</td><td>", claim.grade.description)
        row.add("</td><td class=\"n\">", String(claim.support.independent))
        if claim.support.echoes > 0 { row.add(" (+", MarkdownReport.plural(claim.support.echoes, "echo", "echoes"), ")") }
        row.add("</td><td class=\"n\">", String(claim.contradictions), "</td></tr>\n")
        return row
    }

    public static func claimsTableEnd(any: Bool) -> String {
        any ? "</tbody>\n</table>\n</div>\n</section>\n" : "</tbody>\n</table>\n</div>\n<p>No claims match.</p>\n</section>\n"
    }

    /// The section's heading, and the parts every timeline draws from (a hidden `<symbol>`).
    public static func detailsHead() -> String { "<section id=\"details\">\n<h2>Claims in detail</h2>\n" + ClaimPictures.frameDefinition }
    public static func detailsEnd() -> String { "</section>\n" }

    /// A picture with its text equivalent as a caption.
    public static func figure(_ picture: Picture) -> String {
        var text = "<figure>\n"
        text.reserveCapacity(picture.svg.utf8.count + picture.caption.utf8.count + 48)
        text.add(picture.svg, "<figcaption>", HTML.text(picture.caption), "</figcaption>\n</figure>\n")
        return text
    }

    static let evidenceHead = tableHead(["ID", "Date", "Stance", "Source", "Via", "Citing", "Counts as", "Quote or note", "Link"])
    static let notesHead = tableHead(["ID", "Date", "By", "Consulted", "Note", "Link"])
    static let lifecycleHead = tableHead(["Date", "Change", "By", "Reason", "Link"])
    static let tableEnd = "</tbody>\n</table>\n</div>\n"

    /// The section for one claim, as the Markdown's, with its timeline (`detail.history` filled
    /// in) and, when it has figures, their axis.
    public static func section(_ detail: ClaimDetail) -> String {
        let claim = detail.claim
        let label = claim.label
        var text = ""
        text.reserveCapacity(6144 + detail.evidence.count * 900)
        text.add("<article id=\"", label.lowercased(), "\">\n<h3>", label, "</h3>\n<blockquote><p>")
        text.add(HTML.text(claim.statement), "</p></blockquote>\n<ul class=\"facts\">\n<li>Status: ", status(claim), ", grade ")
        text.add(claim.grade.description, " (", HTML.text(MarkdownReport.gradeMeaning(claim.grade)), ")</li>\n<li>Claimant: ")
        text.add(HTML.text(detail.claimantName), " (", HTML.code(claim.claimant), ")")
        if let via = claim.via { text.add(", via ", HTML.code(via)) }
        text.add(", on ", HTML.text(claim.date.text), "</li>\n")
        if let quote = claim.quote { text.add("<li>Quote: “", HTML.text(quote), "”</li>\n") }
        if let quantity = claim.quantity {
            text.add("<li>Quantity: ", HTML.text(quantity.text), ", read as ", HTML.text(quantity.intervalText), "</li>\n")
        }
        if let place = claim.place { text.add("<li>Place: ", HTML.text(place), "</li>\n") }
        if !claim.tags.isEmpty { text.add("<li>Tags: ", claim.tags.map(HTML.text).joined(separator: ", "), "</li>\n") }
        if let url = claim.url { text.add("<li>Appeared at: ", HTML.link(Markdown.host(url), url), "</li>\n") }
        if let next = claim.supersededBy {
            text.add("<li>Superseded by: <a href=\"#", claimLabel(next).lowercased(), "\">", claimLabel(next), "</a></li>\n")
        }
        text.add("<li>Support: ", MarkdownReport.plural(claim.support.independent, "independent group"), ", ")
        text.add(MarkdownReport.plural(claim.support.echoes, "echo", "echoes"), "; contradicted by ")
        text.add(MarkdownReport.plural(claim.contradictions, "group"), "</li>\n</ul>\n")
        // The timeline, drawn straight into the section (no copy of it on the way).
        text += "<figure>\n"
        let caption = ClaimPictures.timeline(detail, standalone: false, into: &text)
        text.add("<figcaption>", HTML.text(caption), "</figcaption>\n</figure>\n")

        text.add("<h4>", label, " evidence</h4>\n")
        if detail.evidence.isEmpty {
            text += "<p>No evidence recorded.</p>\n"
        } else {
            text += evidenceHead
            for row in detail.evidence {
                text.add("<tr><td>", row.label, "</td><td class=\"nw\">", HTML.text(row.date.text), "</td><td>", row.stance.rawValue, "</td><td>")
                text.add(HTML.code(row.source), "</td><td>", row.via.map(HTML.code) ?? "—", "</td><td>", row.citing.map(HTML.code) ?? "—")
                text += "</td><td>"
                if let reason = row.withdrawnReason {
                    text.add("withdrawn: ", HTML.text(reason))
                } else {
                    text += HTML.text(row.countsAs)
                }
                text += "</td><td>"
                var said = false
                if let quote = row.quote {
                    text.add("“", HTML.text(quote), "”")
                    said = true
                }
                if let note = row.note.map(HTML.text), !note.isEmpty {
                    text.add(said ? " — " : "", note)
                    said = true
                }
                if let quantity = row.quantity {
                    text.add(said ? " — " : "", "figure: ", HTML.text(quantity.text))
                    said = true
                }
                if !said { text += "—" }
                text.add("</td><td>", row.url.map { HTML.link(Markdown.host($0), $0) } ?? "—", "</td></tr>\n")
            }
            text += tableEnd
        }

        if let figures = detail.figures, figures.all.count > 1 {
            text.add("<h4>", label, " figures</h4>\n")
            if let picture = ClaimPictures.figures(detail, standalone: false) { text += figure(picture) }
            text += tableHead(["Given in", "By", "Figure", "Means"])
            for item in figures.all {
                text += row([
                    item.label, HTML.text(item.source), HTML.text(item.quantity.text),
                    HTML.text(item.quantity.intervalText) + (item.forced.map { " (\(HTML.text($0)))" } ?? ""),
                ])
            }
            text.add(tableEnd, "<p>", HTML.text(MarkdownReport.agreementText(figures.agreement)), "</p>\n")
        }

        if !detail.notes.isEmpty {
            text.add("<h4>", label, " notes</h4>\n", notesHead)
            for note in detail.notes {
                text += row([
                    note.label, HTML.text(note.date.text), HTML.text(note.recordedBy), note.source.map(HTML.code) ?? "—", HTML.text(note.text),
                    note.url.map { HTML.link(Markdown.host($0), $0) } ?? "—",
                ])
            }
            text += tableEnd
        }

        if !detail.lifecycle.isEmpty {
            text.add("<h4>", label, " lifecycle</h4>\n", lifecycleHead)
            for event in detail.lifecycle {
                var change = event.action.rawValue
                if let verdict = event.verdict { change += " (\(verdict.rawValue))" }
                if let next = event.supersededBy { change += " by <a href=\"#\(claimLabel(next).lowercased())\">\(claimLabel(next))</a>" }
                text += row([
                    HTML.text(event.effective.text), change, event.source.map(HTML.code) ?? HTML.text(event.recordedBy),
                    event.reason.map(HTML.text) ?? "—", event.url.map { HTML.link(Markdown.host($0), $0) } ?? "—",
                ])
            }
            text += tableEnd
        }

        if !detail.corrections.isEmpty {
            text.add("<h4>", label, " corrections</h4>\n<ul>\n")
            for entry in detail.corrections {
                text.add("<li>Log entry #", String(entry.sequence), ", recorded ", HTML.text(entry.recordedAt), " by ", HTML.text(entry.actor))
                text.add(": ", HTML.text(entry.summary), "</li>\n")
            }
            text += "</ul>\n"
        }

        let flags = ClaimFlag.flags(of: detail)
        if !flags.isEmpty {
            text.add("<h4>", label, " flags</h4>\n<ul class=\"flags\">\n")
            for flag in flags { text.add("<li>", HTML.text(MarkdownReport.flagSentence(flag, detail)), "</li>\n") }
            text += "</ul>\n"
        }
        return text + "</article>\n"
    }

    public static func changesHead(since: LedgerDate, asOf: LedgerDate?) -> String {
        let until = asOf.map { "On \($0.text)" } ?? "Now"
        return "<section id=\"changes\">\n<h2>Changes since \(since.text)</h2>\n"
            + tableHead(["ID", "Claim", "On \(since.text)", until])
    }

    public static func changeRow(_ change: StatusChange) -> String {
        let label = change.claim.label
        return row([
            "<a href=\"#\(label.lowercased())\">\(label)</a>", HTML.text(change.claim.statement),
            change.before.map { badge($0.rawValue, $0) } ?? "not yet made", status(change.claim),
        ])
    }

    public static func changesEnd(any: Bool) -> String {
        tableEnd + (any ? "" : "<p>No claim changed status.</p>\n") + "</section>\n"
    }

    /// The report's claims by status over time, with its table of counts as the text equivalent.
    public static func overTime(_ overTime: LedgerOverTime) -> String {
        var text = "<section id=\"over-time\">\n<h2>The ledger over time</h2>\n"
        guard let picture = overTime.picture(standalone: false) else { return text + "<p>No claims to draw.</p>\n</section>\n" }
        text += figure(picture)
        let shown = overTime.statusesShown
        text += "<details>\n<summary>The counts as a table</summary>\n"
        text += tableHead(["Day"] + shown.map(\.rawValue) + ["Total"], numeric: Set(1...(shown.count + 1)))
        for cells in overTime.tableRows { text += row(cells, numeric: Set(1...(shown.count + 1))) }
        return text + tableEnd + "</details>\n</section>\n"
    }

    public static func sources(_ records: [SourceRecord]) -> String {
        var text = "<section id=\"sources\">\n<h2>Sources</h2>\n"
        guard !records.isEmpty else { return text + "<p>No sources are involved.</p>\n</section>\n" }
        text += tableHead(
            [
                "Handle", "Name", "Affiliation", "Reliability", "Claims made", "Confirmed or corroborated", "Disputed",
                "Contradicted", "Retracted", "Resolved true", "Resolved false", "Evidence given",
            ], numeric: Set(4...11))
        for record in records {
            let source = record.source
            text += row(
                [
                    HTML.code(source.handle), HTML.text(source.name), source.affiliation.isEmpty ? "—" : HTML.text(source.affiliation),
                    source.reliability.rawValue, String(record.claimsMade), String(record.confirmedOrCorroborated), String(record.disputed),
                    String(record.contradicted), String(record.retracted), String(record.resolvedTrue), String(record.resolvedFalse),
                    String(record.evidenceGiven),
                ], numeric: Set(4...11))
        }
        return text + tableEnd + "<p>Track records count the claims this report covers, by their status in it.</p>\n</section>\n"
    }

    /// Who echoes whom: the picture, and every relation as a table, written a row at a time.
    public static func echoes(_ graph: EchoGraph, sources: [Source], to sink: (String) throws -> Void) throws {
        var text = "<section id=\"echoes\">\n<h2>Who echoes whom</h2>\n"
        let affiliation = Dictionary(sources.map { ($0.handle, $0.affiliation.trimmingSpaces) }, uniquingKeysWith: { first, _ in first })
        guard let picture = graph.picture(affiliation: { affiliation[$0] ?? "" }, standalone: false) else {
            return try sink(text + "<p>No source cites another, and no supporting evidence was discounted.</p>\n</section>\n")
        }
        text += figure(picture)
        text += tableHead(["Source", "Echoes or cites", "Cites it", "Discounted echoes", "Not counted (graded E)", "Claims"], numeric: Set(2...4))
        try sink(text)
        try graph.forEachRelation { pair, relation in
            var claims = relation.examples.map { "<a href=\"#\($0.lowercased())\">\($0)</a>" }.joined(separator: ", ")
            if relation.claims > relation.examples.count { claims += " and \(relation.claims - relation.examples.count) more" }
            try sink(
                row(
                    [HTML.code(pair.from), HTML.code(pair.to), String(relation.cites), String(relation.echoes), String(relation.gradedE), claims],
                    numeric: Set(2...4)))
        }
        try sink(tableEnd + "</section>\n")
    }

    public static func legend() -> String {
        var text = "<section id=\"legend\">\n<h2>Legend</h2>\n" + tableHead(["Status", "Meaning"])
        for status in order { text += row([badge(status.rawValue, status), HTML.text(status.meaning)]) }
        text += tableEnd + "<p>A grade is the claimant’s reliability (a letter) and the claim’s credibility (a digit).</p>\n"
        text += tableHead(["Reliability", "Meaning"])
        for reliability in Reliability.allCases { text += row([reliability.rawValue, HTML.text(reliability.meaning)]) }
        text += tableEnd + tableHead(["Credibility", "Meaning", "Given to"])
        for (digit, meaning, givenTo) in MarkdownReport.credibilityRows() { text += row([String(digit), HTML.text(meaning), HTML.text(givenTo)]) }
        text += tableEnd + "<p>" + HTML.text(MarkdownReport.legendNote) + "</p>\n"
        text += "<p>" + HTML.text(MarkdownReport.timelineKey) + "</p>\n</section>\n"
        return text
    }

    public static func end() -> String { "</main>\n</body>\n</html>\n" }

    // MARK: Helpers

    static func badge(_ text: String, _ status: ClaimStatus) -> String {
        "<span class=\"s s-" + status.rawValue + "\">" + text + "</span>"
    }

    static func status(_ claim: Claim) -> String {
        badge(MarkdownReport.status(claim), claim.status)
    }

    /// A table's start and header row, inside a scrolling box (wide tables on a phone).
    static func tableHead(_ headers: [String], numeric: Set<Int> = []) -> String {
        var text = "<div class=\"scroll\">\n<table>\n<thead><tr>"
        for (index, header) in headers.enumerated() {
            text.add(numeric.contains(index) ? "<th class=\"n\">" : "<th>", HTML.text(header), "</th>")
        }
        return text + "</tr></thead>\n<tbody>\n"
    }

    /// One row; cells must already be escaped.
    static func row(_ cells: [String], numeric: Set<Int> = []) -> String {
        var line = "<tr>"
        for (index, cell) in cells.enumerated() { line.add(numeric.contains(index) ? "<td class=\"n\">" : "<td>", cell, "</td>") }
        return line + "</tr>\n"
    }
}

enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let a = UInt32(bytes[index])
            let b = index + 1 < bytes.count ? UInt32(bytes[index + 1]) : 0
            let c = index + 2 < bytes.count ? UInt32(bytes[index + 2]) : 0
            let triple = a << 16 | b << 8 | c
            output.append(alphabet[Int(triple >> 18 & 63)])
            output.append(alphabet[Int(triple >> 12 & 63)])
            output.append(index + 1 < bytes.count ? alphabet[Int(triple >> 6 & 63)] : UInt8(ascii: "="))
            output.append(index + 2 < bytes.count ? alphabet[Int(triple & 63)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }
}
