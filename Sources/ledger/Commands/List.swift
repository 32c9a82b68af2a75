import ArgumentParser
import LedgerCore

extension LedgerCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List claims, with their status, grade, support and contradictions.",
            discussion: "Filters combine: a claim is listed when it passes all of them. With --search, best matches come first."
        )

        @OptionGroup var filters: ClaimFilterOptions

        @OptionGroup var options: ReaderOptions

        func run() throws {
            let ledger = try options.openLedger()
            let filter = filters.filter
            let asOf = filters.asOf
            if options.json {
                var items: [JSONValue] = []
                try ledger.forEachClaim(filter, asOf: asOf) { items.append(JSONShapes.claim($0)) }
                Terminal.json(.array(items))
                return
            }
            var table = TextTable(
                ["ID", "STATUS", "GRADE", "SUPPORT", "AGAINST", "DATE", "CLAIMANT", "STATEMENT"],
                limits: [nil, nil, nil, nil, nil, nil, 24, nil])
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
            // Whole statements into a file or pipe; on a terminal, as much as fits its width.
            if let width = Terminal.width { table.fit(column: 7, width: width) }
            Terminal.out(table.render { row, column, cell in
                column == 1 ? Terminal.status(statuses[row], padTo: cell.count) : cell
            })
        }
    }
}
