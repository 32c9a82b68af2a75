import ArgumentParser
import LedgerCore

extension LedgerCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List claims, with their status, grade, support and contradictions.",
            discussion: "Filters combine: a claim is listed when it passes all of them."
        )

        @Option(help: ArgumentHelp("Only claims with this status; repeat for several.", valueName: "status"))
        var status: [ClaimStatus] = []

        @Option(help: "Only claims with this tag.")
        var tag: String?

        @Option(help: ArgumentHelp("Only claims this source made or gave evidence on.", valueName: "handle"))
        var source: String?

        @Option(help: "Only claims whose place contains this text (case, accents and apostrophes ignored).")
        var place: String?

        @Option(
            help: ArgumentHelp(
                "Only claims whose statement, quote, place, tags or evidence contain all these words, best matches first; word* matches a prefix.",
                valueName: "words"))
        var search: String?

        @Option(help: ArgumentHelp("Only claims made on or after this date.", valueName: "date"), transform: parseDate)
        var since: LedgerDate?

        @Option(help: ArgumentHelp("Only claims made on or before this date.", valueName: "date"), transform: parseDate)
        var until: LedgerDate?

        @Option(
            name: .customLong("as-of"),
            help: ArgumentHelp("List claims as the ledger had them at the end of this day (or moment).", valueName: "date"),
            transform: parseDate)
        var asOf: LedgerDate?

        @OptionGroup var options: ReaderOptions

        func run() throws {
            let ledger = try options.openLedger()
            let filter = ClaimFilter(
                statuses: status, tag: tag, source: source, place: place, since: since, until: until, search: search)
            if options.json {
                var items: [JSONValue] = []
                try ledger.forEachClaim(filter, asOf: asOf) { items.append(JSONShapes.claim($0)) }
                Terminal.json(.array(items))
                return
            }
            var table = TextTable(
                ["ID", "STATUS", "GRADE", "SUPPORT", "AGAINST", "DATE", "CLAIMANT", "STATEMENT"],
                limits: [nil, nil, nil, nil, nil, nil, 24, 64])
            var statuses: [ClaimStatus] = []
            try ledger.forEachClaim(filter, asOf: asOf) { claim in
                table.add([
                    claim.label, claim.status.rawValue, claim.grade.description, ClaimText.support(claim.support),
                    String(claim.contradictions), claim.date.day, claim.claimant, claim.statement,
                ])
                statuses.append(claim.status)
            }
            guard !statuses.isEmpty else {
                Terminal.note("No claims match.")
                return
            }
            Terminal.out(table.render { row, column, cell in
                column == 1 ? Terminal.status(statuses[row], padTo: cell.count) : cell
            })
        }
    }
}
