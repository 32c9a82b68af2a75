import ArgumentParser
import LedgerCore

extension LedgerCommand {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Verify the ledger file and its invariants; silent when all is well.",
            discussion: """
                Runs SQLite's integrity check, then checks that every stored status, verdict and grade equals \
                what the rules derive from the evidence and lifecycle, that every reference resolves, and that \
                the log accounts for every row. Prints one line per problem and exits 65 when there are any.
                """
        )

        @OptionGroup var location: LedgerOption

        func run() throws {
            let ledger = try location.open(.read)
            // check reads the file through a memory map; a file cut short under it raises SIGBUS.
            FatalSignal.onBusError(
                "ledger: \(location.ledgerLocation.description.shown(limit: 200)) shrank or became unreadable while it was being checked; nothing was changed. Run `ledger check` again when no other program is changing the file.\n")
            let problems = try ledger.check()
            guard !problems.isEmpty else { return }
            // Findings quote what the file holds, which a tamperer chose: escaped like any echo.
            for problem in problems { Terminal.out(problem.shown(limit: .max)) }
            Terminal.note("\(problems.count) problem\(problems.count == 1 ? "" : "s") found in \(location.ledgerLocation).")
            throw ExitCode(65)
        }
    }
}
