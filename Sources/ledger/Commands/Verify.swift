import ArgumentParser
import LedgerCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension LedgerCommand {
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Prove that the ledger, or an export of it, still holds the history a report with head H showed.",
            discussion: """
                Every report and export states the ledger's head: the hash of its last log entry, which chains \
                every entry before it. verify walks the chain from its start and succeeds (exit 0) at the entry \
                whose hash is H, later entries allowed; it fails (exit 65) naming the first entry that was \
                altered, or when no entry has hash H. Give FILE to verify an export without the ledger.
                """
        )

        @Argument(help: ArgumentHelp("An export (`ledger export`) to verify instead of the ledger.", valueName: "file"))
        var file: String?

        @Option(help: ArgumentHelp("The head a report or export stated: 64 hex digits.", valueName: "hash"))
        var head: String

        @OptionGroup var options: ReaderOptions

        func validate() throws {
            guard ChainWalk.isHead(head.trimmingSpaces) else {
                throw ValidationError("--head must be the 64 hex digits a report states after \"Ledger head\" (or `ledger log --head` prints).")
            }
        }

        func run() throws {
            let outcome: ChainWalk.Outcome
            let subject: String
            if let file {
                let bytes = try readInput(file, what: "an export to verify", command: "verify", nothingDone: "it was not verified")
                outcome = try Ledger.verifyExport(bytes, name: file, head: head.trimmingSpaces)
                subject = "The export \(file)"
            } else {
                outcome = try options.openLedger().verify(head: head.trimmingSpaces)
                subject = "The ledger"
            }
            let wanted = head.trimmingSpaces.lowercased()
            switch outcome {
            case .verified(let entry, let position, let total):
                if options.json {
                    Terminal.json(
                        .object([
                            ("verified", .bool(true)), ("head", .string(wanted)), ("entry", .integer(entry)),
                            ("position", .integer(position)), ("entries", .integer(total)),
                        ]))
                } else {
                    let later = total - position
                    let place = "log entry #\(entry), " + (later == 0 ? "its last" : "followed by \(later) later \(later == 1 ? "entry" : "entries")")
                    Terminal.out(
                        file == nil
                            ? "The ledger's log holds the history that ended in \(wanted), unaltered: \(place). (`ledger check` compares the tables with the log.)"
                            : "\(subject) holds the history that ended in \(wanted), unaltered, and its rows are what that log gives: \(place).")
                }
            case .altered(let entry):
                throw LedgerError.refused(
                    "\(subject) does not hold the history that ended in \(wanted): log entry #\(entry) was altered (its hash does not follow from its contents and the entry before it), or an entry before it was removed.")
            case .notFound(let entries):
                throw LedgerError.refused(
                    "\(subject) does not hold the history that ended in \(wanted): its chain of \(entries) \(entries == 1 ? "entry" : "entries") holds together, but no entry has that hash, so its history was rewritten and hashed again, or the head is another ledger's.")
            }
        }
    }
}
