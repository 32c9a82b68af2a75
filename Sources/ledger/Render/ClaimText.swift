import LedgerCore

/// A claim as people read it in a terminal.
enum ClaimText {
    /// A claim as the commands that show or change one print it: the JSON claim shape with
    /// its evidence, or the detail view.
    static func print(_ detail: ClaimDetail, json: Bool) {
        if json {
            Terminal.json(JSONShapes.claim(detail.claim, evidence: detail.evidence, notes: detail.notes))
        } else {
            Terminal.out(self.detail(detail))
        }
    }

    static func support(_ support: Support) -> String {
        support.echoes > 0 ? "\(support.independent) +\(support.echoes) echo" + (support.echoes == 1 ? "" : "es") : String(support.independent)
    }

    static func detail(_ detail: ClaimDetail) -> String {
        let claim = detail.claim
        var lines: [String] = []
        var heading = Terminal.bold(claim.label) + "  " + Terminal.status(claim.status)
        if let verdict = claim.verdict { heading += " (\(verdict.rawValue))" }
        heading += "  grade " + Terminal.bold(claim.grade.description)
        if let next = claim.supersededBy { heading += "  superseded by \(claimLabel(next))" }
        lines.append(heading)
        lines.append(TextTable.oneLine(claim.statement))
        lines.append("")
        var fields: [(String, String)] = []
        var claimant = "\(claim.claimant) (\(TextTable.oneLine(detail.claimantName)))"
        if let via = claim.via { claimant += " via \(via)" }
        fields.append(("claimant", claimant))
        fields.append(("date", claim.date.text))
        if let quote = claim.quote { fields.append(("quote", "“\(TextTable.oneLine(quote))”")) }
        if let quantity = claim.quantity {
            let means = quantity.intervalText == quantity.text ? "" : "  = \(quantity.intervalText)"
            fields.append(("quantity", quantity.text + means))
        }
        if let place = claim.place { fields.append(("place", place)) }
        if !claim.tags.isEmpty { fields.append(("tags", claim.tags.joined(separator: ", "))) }
        if let url = claim.url { fields.append(("url", url)) }
        let echoes = claim.support.echoes == 1 ? "1 echo" : "\(claim.support.echoes) echoes"
        let groups = claim.support.independent == 1 ? "1 independent group" : "\(claim.support.independent) independent groups"
        let against = claim.contradictions == 1 ? "1 group" : "\(claim.contradictions) groups"
        fields.append(("support", "\(groups), \(echoes)"))
        fields.append(("contradicted by", against))
        fields.append(("uuid", claim.uuid))
        fields.append(("recorded", "\(claim.recordedAt) by \(claim.recordedBy)"))
        for (label, value) in fields {
            lines.append("  " + label + String(repeating: " ", count: max(1, 17 - label.count)) + TextTable.oneLine(value))
        }
        lines.append("")
        if !detail.lifecycle.isEmpty {
            lines.append(Terminal.bold("Lifecycle"))
            var table = TextTable(["", "DATE", "CHANGE", "BY", "REASON"], limits: [nil, nil, nil, 30, nil])
            for event in detail.lifecycle {
                var change = event.action.rawValue
                if let verdict = event.verdict { change += " (\(verdict.rawValue))" }
                if let next = event.supersededBy { change += " by \(claimLabel(next))" }
                var reason = event.reason ?? ""
                if let url = event.url { reason += reason.isEmpty ? url : " — \(url)" }
                table.add(["", event.effective.text, change, event.source ?? event.recordedBy, reason])
            }
            lines.append(table.render())
            lines.append("")
        }
        guard !detail.evidence.isEmpty else {
            // A closed claim keeps what is recorded on it, but its status no longer moves.
            lines.append(
                claim.status.isOpen
                    ? "No evidence yet. Add some with `ledger corroborate \(claim.label) --source …` or `ledger contradict \(claim.label) --source …`."
                    : "No evidence. \(claim.label) is \(claim.status.rawValue): evidence recorded now is kept but does not move its status; `ledger reopen \(claim.label) --reason …` opens it again.")
            lines += notes(detail)
            lines += corrections(detail)
            return lines.joined(separator: "\n")
        }
        lines.append(Terminal.bold("Evidence"))
        var table = TextTable(["", "DATE", "STANCE", "SOURCE", "COUNTS AS", "SAID"], limits: [nil, nil, nil, 40, nil, nil])
        for evidence in detail.evidence {
            var source = evidence.source
            if let citing = evidence.citing { source += " citing \(citing)" }
            if let via = evidence.via { source += " via \(via)" }
            let counts = evidence.countsAs
            var said = evidence.quote.map { "“\($0)”" } ?? evidence.note ?? evidence.url ?? ""
            if let quantity = evidence.quantity, evidence.quote == nil { said = quantity.text + (said.isEmpty ? "" : "; " + said) }
            var flags: [String] = []
            if detail.isBeforeClaim(evidence) { flags.append("before the claim") }
            if detail.isAfterClosing(evidence) { flags.append("after closing") }
            if evidence.forced { flags.append(evidence.stance == .contradicts ? "forced: consistent quantity" : "forced: inconsistent quantity") }
            if let reason = evidence.withdrawnReason { flags.insert("withdrawn: \(reason)", at: 0) }
            if !flags.isEmpty { said = flags.map { "[\($0)]" }.joined(separator: " ") + " " + said }
            table.add(["  " + evidence.label, evidence.date.text, evidence.stance.rawValue, source, counts, said])
        }
        lines.append(table.render())
        if let figures = detail.figures, figures.all.count > 1 {
            lines.append("")
            lines.append(Terminal.bold("Figures"))
            var table = TextTable(["", "GIVEN BY", "FIGURE", "MEANS"], limits: [nil, 40, 40, nil])
            for figure in figures.all {
                table.add([
                    "  " + figure.label, figure.source, figure.quantity.text,
                    figure.quantity.intervalText + (figure.forced.map { " (\($0))" } ?? ""),
                ])
            }
            lines.append(table.render())
            lines.append("  " + agreementText(figures.agreement))
        }
        lines += notes(detail)
        lines += corrections(detail)
        return lines.joined(separator: "\n")
    }

    /// The log entries that corrected the claim or its evidence; none when there are none.
    static func corrections(_ detail: ClaimDetail) -> [String] {
        guard !detail.corrections.isEmpty else { return [] }
        var table = TextTable(["  #", "RECORDED", "BY", "CORRECTION"])
        for entry in detail.corrections { table.add(["  \(entry.sequence)", entry.recordedAt, entry.actor, entry.summary]) }
        return ["", Terminal.bold("Corrections"), table.render()]
    }

    /// The claim's research notes, after a blank line; none when it has none.
    static func notes(_ detail: ClaimDetail) -> [String] {
        guard !detail.notes.isEmpty else { return [] }
        var table = TextTable(["", "DATE", "BY", "CONSULTED", "NOTE"], limits: [nil, nil, 20, 30, nil])
        for note in detail.notes {
            table.add(["  " + note.label, note.date.text, note.recordedBy, note.source ?? "", note.text + (note.url.map { " — \($0)" } ?? "")])
        }
        return ["", Terminal.bold("Notes"), table.render()]
    }

    static func agreementText(_ agreement: Agreement) -> String {
        switch agreement {
        case .noIndependentFigures: "No independent supporting figure yet."
        case .agree(let range): "Independent supporting figures agree on \(range.intervalText)."
        case .disagree: "Independent supporting figures do not agree with each other."
        }
    }
}
