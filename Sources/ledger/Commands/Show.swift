import ArgumentParser
import LedgerCore

extension LedgerCommand {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a claim (its status and grade, and its evidence as a timeline), or one evidence row with its history."
        )

        @Argument(help: "The claim's id, such as C3, or its UUID; or an evidence row's id, such as E7.")
        var claim: String

        @Option(
            name: .customLong("as-of"),
            help: ArgumentHelp("Show the claim as the ledger had it at the end of this day (or moment).", valueName: "date"),
            transform: parseDate)
        var asOf: LedgerDate?

        @OptionGroup var options: ReaderOptions

        func run() throws {
            if let first = claim.trimmingSpaces.first, first == "E" || first == "e", claim.trimmingSpaces.dropFirst().allSatisfy(\.isNumber) {
                guard asOf == nil else { throw ValidationError("--as-of shows a claim; give the claim's id, or leave out --as-of.") }
                try showEvidence(claim, options: options)
                return
            }
            let detail = try options.openLedger().claim(claim, asOf: asOf)
            ClaimText.print(detail, json: options.json)
        }
    }
}

/// One evidence row with its claim, why it counts, its fields and the log entries that name it
/// (`ledger show E7`, `ledger evidence show E7`).
func showEvidence(_ id: String, options: ReaderOptions) throws {
    let (evidence, detail, history) = try options.openLedger().evidence(id)
    if options.json {
        Terminal.json(
            .object([
                ("evidence", JSONShapes.evidence(evidence)), ("claim", .string(detail.claim.label)),
                ("history", .array(history.map(JSONShapes.logEntry))),
            ]))
        return
    }
    var lines = ["\(evidence.label)  \(evidence.stance.rawValue) \(detail.claim.label)  \(evidence.countsAs)"]
    lines.append("\(detail.claim.label): " + detail.claim.statement.shown(limit: 200))
    lines.append("")
    var table = TextTable(["", ""])
    table.add(["  source", evidence.source + (evidence.citing.map { " citing \($0)" } ?? "") + (evidence.via.map { " via \($0)" } ?? "")])
    table.add(["  date", evidence.date.text])
    if let quote = evidence.quote { table.add(["  quote", "“\(quote)”"]) }
    if let quantity = evidence.quantity { table.add(["  quantity", quantity.text + (evidence.forced ? (evidence.stance == .contradicts ? " (forced: consistent)" : " (forced: inconsistent)") : "")]) }
    if let note = evidence.note { table.add(["  note", note]) }
    if let url = evidence.url { table.add(["  url", url]) }
    table.add(["  uuid", evidence.uuid])
    table.add(["  recorded", "\(evidence.recordedAt) by \(evidence.recordedBy)"])
    if let at = evidence.withdrawnAt { table.add(["  withdrawn", "\(at): \(evidence.withdrawnReason ?? "")"]) }
    lines.append(table.render().split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n"))
    lines.append("")
    lines.append(Terminal.bold("History"))
    var log = TextTable(["  #", "RECORDED", "BY", "CHANGE"])
    for entry in history { log.add(["  \(entry.sequence)", entry.recordedAt, entry.actor, entry.summary]) }
    lines.append(log.render())
    Terminal.out(lines.joined(separator: "\n"))
}
