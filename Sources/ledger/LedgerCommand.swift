import ArgumentParser
import LedgerCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `ledger` command: parses arguments, runs one subcommand, and turns a
/// `LedgerError` into one sentence on stderr and its documented exit code.
@main
struct LedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "Record claims with their sources, and derive each claim's status from the evidence.",
        discussion: """
            The ledger is one SQLite file: --db PATH, else $LEDGER_DB, else ./ledger.db.
            Exit codes: 0 success, 64 wrong usage, 65 refused or invalid data, 66 ledger file \
            missing or unreadable, 74 I/O failure, 75 ledger locked by another writer.
            """,
        version: LedgerVersion.text,
        subcommands: [
            Init.self, SourceCommand.self, Add.self, Corroborate.self, Contradict.self, Retract.self, Resolve.self,
            Supersede.self, Reopen.self, Show.self, List.self, Log.self, Report.self, Export.self, Import.self, Undo.self,
            Check.self,
        ]
    )

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as LedgerError {
            Terminal.error(error.message)
            terminate(error.exitCode)
        } catch {
            exit(withError: error)
        }
    }
}

enum LedgerVersion {
    static let text = "0.1.0"
}

/// Ends the process with `code`, flushing stdout first.
func terminate(_ code: Int32) -> Never {
    exit(code)
}
