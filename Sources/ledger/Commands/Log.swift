import ArgumentParser
import LedgerCore

extension LedgerCommand {
    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "log",
            abstract: "Show the log of changes, oldest first: the whole ledger's, or one claim's."
        )

        @Argument(help: "Only this claim's entries, such as C3.")
        var claim: String?

        @Flag(name: .long, help: "Print only the ledger's head: the hash of its last entry, and how many entries the log has.")
        var head = false

        @Option(help: ArgumentHelp("Only entries recorded on or after this date (or moment, UTC).", valueName: "date"), transform: parseDate)
        var since: LedgerDate?

        @Option(help: ArgumentHelp("Only entries recorded on or before this date (or moment, UTC).", valueName: "date"), transform: parseDate)
        var until: LedgerDate?

        @Option(help: ArgumentHelp("Only entries recorded by this name.", valueName: "name"))
        var by: String?

        @OptionGroup var options: ReaderOptions

        func validate() throws {
            if head, claim != nil || since != nil || until != nil || by != nil {
                throw ValidationError("--head is the whole ledger's; leave out the claim and the filters, or drop --head.")
            }
        }

        func run() throws {
            if head {
                let current = try options.openLedger().head()
                if options.json {
                    Terminal.json(.object([("head", .optional(current.hash)), ("entries", .integer(current.entries))]))
                } else if let hash = current.hash {
                    Terminal.out("head     \(hash)\nentries  \(current.entries)\n")
                } else {
                    Terminal.note("The ledger has no head: \(current.absence).")
                }
                return
            }
            let entries = try options.openLedger().log(claim: claim, since: since, until: until, by: by)
            if options.json {
                Terminal.json(.array(entries.map(JSONShapes.logEntry)))
                return
            }
            guard !entries.isEmpty else {
                Terminal.note(since == nil && until == nil && by == nil ? "The log is empty." : "No entries match.")
                return
            }
            var table = TextTable(["#", "RECORDED", "BY", "EFFECTIVE", "STATUS", "CHANGE"], limits: [nil, nil, 16, nil, nil, 100])
            for entry in entries {
                var status = ""
                if let after = entry.statusAfter {
                    status = entry.statusBefore.map { $0 == after ? $0.rawValue : "\($0.rawValue) → \(after.rawValue)" } ?? after.rawValue
                }
                var change = entry.summary
                if let cause = entry.cause { change += " (because \(cause))" }
                table.add([String(entry.sequence), entry.recordedAt, entry.actor, entry.effective.text, status, change])
            }
            Terminal.out(table.render())
        }
    }
}
