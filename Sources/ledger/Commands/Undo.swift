import ArgumentParser
import LedgerCore

extension LedgerCommand {
    struct Undo: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "undo",
            abstract: "Reverse the most recent change by appending its inverse to the log.",
            discussion: "The log keeps the change and marks it undone; run undo again to go further back."
        )

        @OptionGroup var options: WriterOptions

        func run() throws {
            let outcome = try options.openLedger().undo()
            var message = "Undid #\(outcome.undone.sequence): \(outcome.undone.summary)."
            if let before = outcome.statusBefore, let claim = outcome.undone.claimNumber {
                if let after = outcome.statusAfter {
                    if before != after { message += " \(claimLabel(claim)): \(before.rawValue) → \(after.rawValue)." }
                } else {
                    message += " \(claimLabel(claim)) is no longer in the ledger."
                }
            }
            Terminal.out(message.shownKeepingLines())
        }
    }
}
