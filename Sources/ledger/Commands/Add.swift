import ArgumentParser
import LedgerCore

extension LedgerCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Record a claim made by a source.",
            discussion: """
                Example: ledger add "Ukrainian forces retook more than 1000 sq km" --source ua-military \
                --date 2022-09-10 --quantity "more than 1000 sq km" --place "Kharkiv oblast" --tag kharkiv
                """
        )

        @Argument(help: "The claim, as one checkable statement.")
        var statement: String

        @Option(help: ArgumentHelp("Handle of the source that made the claim (the claimant).", valueName: "handle"))
        var source: String

        @Option(help: ArgumentHelp("When the claimant said it (default: today).", valueName: "date"), transform: parseDate)
        var date: LedgerDate?

        @Option(help: ArgumentHelp("Handle of the outlet the claim appeared in.", valueName: "handle"))
        var via: String?

        @Option(help: "A web address where the claim can be read (http or https).")
        var url: String?

        @Option(help: "The claimant's words.")
        var quote: String?

        @Option(help: "The figure claimed, such as \"more than 1000 sq km\".")
        var quantity: String?

        @Option(help: "Where the claim is about.")
        var place: String?

        @Option(name: .customLong("tag"), help: ArgumentHelp("A tag; repeat for several.", valueName: "tag"))
        var tags: [String] = []

        @OptionGroup var options: WriterOptions

        @Flag(name: .long, help: "Print the claim as JSON.")
        var json = false

        @Flag(name: .customLong("allow-duplicate"), help: "Record it even if the claimant already made the same statement on the same date.")
        var allowDuplicate = false

        func run() throws {
            let ledger = try options.openLedger()
            let detail = try ledger.addClaim(
                NewClaim(
                    statement: statement, claimant: source, date: date, via: via, url: url, quote: quote, quantity: quantity,
                    place: place, tags: tags, allowDuplicate: allowDuplicate))
            if !json { Terminal.note("Recorded \(detail.claim.label).") }
            ClaimText.print(detail, json: json)
        }
    }
}
