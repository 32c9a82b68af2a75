import ArgumentParser
import LedgerCore

extension LedgerCommand {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a claim: its status and grade, and its evidence as a timeline."
        )

        @Argument(help: "The claim's id, such as C3, or its UUID.")
        var claim: String

        @Option(
            name: .customLong("as-of"),
            help: ArgumentHelp("Show the claim as the ledger had it at the end of this day (or moment).", valueName: "date"),
            transform: parseDate)
        var asOf: LedgerDate?

        @OptionGroup var options: ReaderOptions

        func run() throws {
            let detail = try options.openLedger().claim(claim, asOf: asOf)
            ClaimText.print(detail, json: options.json)
        }
    }
}
