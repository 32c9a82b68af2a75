import ArgumentParser
import LedgerCore

extension LedgerCommand {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create a new, empty ledger file.",
            discussion: "Refuses to touch a path where a file already exists. The new file is readable by its owner only."
        )

        @OptionGroup var options: WriterOptions

        func run() throws {
            let ledger = try options.location.create(by: options.by)
            Terminal.note("Created the ledger \(ledger.path). Next: `ledger source add HANDLE --name NAME`.")
        }
    }
}
