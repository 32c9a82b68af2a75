import ArgumentParser
import LedgerCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which ledger file to use; every command takes it.
struct LedgerOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The ledger file, or a postgres:// URL of a ledger on a server (default: $LEDGER_DB, else ./ledger.db).", valueName: "path|url"))
    var db: String?

    /// What was given: --db, else $LEDGER_DB, else ./ledger.db.
    var path: String {
        if let db, !db.isEmpty { return db }
        if let value = environment("LEDGER_DB"), !value.isEmpty { return value }
        return "ledger.db"
    }

    /// Where the ledger lives, as the core reads what was given.
    var ledgerLocation: LedgerLocation { LedgerLocation(path) }

    /// How long a write waits for another writer: $LEDGER_BUSY_TIMEOUT_MS, else the core's default.
    static var busyTimeoutMilliseconds: Int32 {
        if let text = environment("LEDGER_BUSY_TIMEOUT_MS"), let value = Int32(text), value >= 0 { return value }
        return Ledger.defaultBusyTimeoutMilliseconds
    }

    /// The one place the command line opens a ledger.
    func open(_ access: Ledger.Access, actor: String = "") throws -> Ledger {
        try Ledger.open(ledgerLocation, access: access, actor: actor, busyTimeoutMilliseconds: LedgerOption.busyTimeoutMilliseconds)
    }

    /// ... and makes a new one.
    func create(by given: String?, option: String = "--by") throws -> Ledger {
        try Ledger.create(ledgerLocation, actor: try actor(given, option: option), busyTimeoutMilliseconds: LedgerOption.busyTimeoutMilliseconds)
    }

    /// Opens the ledger to record changes made by `given` (else $LEDGER_USER, else $USER).
    func openForWriting(by given: String?, option: String = "--by") throws -> Ledger {
        try open(.write, actor: try actor(given, option: option))
    }

    /// Who changes are recorded as made by. On a server it is the database role the
    /// connection authenticated as, so a name typed there is refused rather than ignored.
    private func actor(_ given: String?, option: String) throws -> String {
        if case .server = ledgerLocation {
            if given != nil {
                throw LedgerError.usage(
                    "\(option) names who records a change in a ledger file; on a server the log records the database role you connect as, so leave \(option) out (connect as another role to record under its name).")
            }
            return ""
        }
        return WriterOptions.actor(given)
    }
}

/// Options of every command that changes the ledger.
struct WriterOptions: ParsableArguments {
    @OptionGroup var location: LedgerOption

    @Option(
        name: .long,
        help: ArgumentHelp("Who is recording this (default: $LEDGER_USER, else $USER; on a server, the database role, and --by is refused).", valueName: "name"))
    var by: String?

    /// The name recorded for changes: as given, else $LEDGER_USER, else $USER.
    static func actor(_ given: String?) -> String {
        // A --by given is used as given (a blank one is refused as empty, not replaced).
        if let given { return given }
        for candidate in [environment("LEDGER_USER"), environment("USER")] {
            if let value = candidate?.trimmingSpaces, !value.isEmpty { return value }
        }
        return "unknown"
    }

    func openLedger() throws -> Ledger {
        try location.openForWriting(by: by)
    }
}

/// Options of every command that only reads and prints.
struct ReaderOptions: ParsableArguments {
    @OptionGroup var location: LedgerOption

    @Flag(name: .long, help: "Print one JSON value and nothing else on stdout.")
    var json = false

    func openLedger() throws -> Ledger {
        try location.open(.read)
    }
}

func environment(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
}


/// Parses a date argument, with an example of what is accepted when it is not one.
func parseDate(_ text: String) throws -> LedgerDate {
    guard let date = LedgerDate(text) else {
        throw ValidationError("'\(text.shown())' is not a valid date; use ISO 8601, such as \(LedgerDate.example).")
    }
    return date
}

extension SourceKind: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(rawValue: argument.lowercased())
    }
}
extension Reliability: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(rawValue: argument.uppercased())
    }
}
extension ClaimStatus: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(rawValue: argument.lowercased())
    }
}
