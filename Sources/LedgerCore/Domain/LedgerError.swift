/// Everything that can go wrong, in the user's words.
///
/// Each case's `message` is one sentence (sometimes two) that names the thing,
/// says what is wrong and what to do next; `exitCode` is the documented code
/// (SPEC §3). Raw SQLite errors are translated into these at the `Ledger` façade.
public enum LedgerError: Error, Equatable, Sendable {
    /// No file at the path (exit 66).
    case missingLedger(path: String)
    /// The path exists but is not a ledger this program can read (exit 66).
    case unreadableLedger(path: String, reason: String)
    /// An input file (to import) is missing or cannot be read (exit 66).
    case unreadableInput(String)
    /// A value the command line cannot use as given, found after parsing (exit 64).
    case usage(String)
    /// `init` on a path that already holds a file (exit 65).
    case ledgerExists(path: String)
    /// Data that breaks a rule or a guard (exit 65).
    case refused(String)
    /// The ledger stayed locked by another writer past the wait (exit 75).
    case locked(path: String)
    /// Reading or writing the file failed (exit 74).
    case io(String)
    /// The server could not be reached, or the connection was lost (exit 75).
    case unreachable(String)
    /// A server refused the database role what it asked: a write by a role granted only reads,
    /// a wrong password (exit 77).
    case permission(String)

    public var exitCode: Int32 {
        switch self {
        case .usage: 64
        case .missingLedger, .unreadableLedger, .unreadableInput: 66
        case .ledgerExists, .refused: 65
        case .locked, .unreachable: 75
        case .io: 74
        case .permission: 77
        }
    }

    public var message: String {
        switch self {
        case .missingLedger(let path):
            if case .server = LedgerLocation(path) {
                "There is no ledger in the database at \(path). Run `ledger init` to create one there, or check the database's name in the URL (--db or LEDGER_DB)."
            } else {
                "There is no ledger at \(path). Run `ledger init` to create it, or pass --db (or set LEDGER_DB) to use another file."
            }
        case .unreadableLedger(let path, let reason):
            "Cannot use \(path) as a ledger: \(reason)."
        case .ledgerExists(let path):
            "There is already a file at \(path); nothing was changed. Choose another path with --db to create a new ledger."
        case .refused(let sentence):
            sentence
        case .locked(let path):
            "The ledger \(path) stayed locked by another writer; nothing was changed. Try again when the other `ledger` command has finished."
        case .io(let sentence), .unreadableInput(let sentence), .usage(let sentence), .unreachable(let sentence), .permission(let sentence):
            sentence
        }
    }

    static func unknownClaim(_ text: String, nearest: [String]) -> LedgerError {
        var sentence = "There is no claim \(text)."
        if !nearest.isEmpty { sentence += " Did you mean \(nearest.joined(separator: ", "))?" }
        sentence += " Run `ledger list` to see the claims."
        return .refused(sentence)
    }

    static func unknownSource(_ handle: String, nearest: [String]) -> LedgerError {
        var sentence = "There is no source '\(handle)'."
        if !nearest.isEmpty { sentence += " Did you mean \(nearest.joined(separator: ", "))?" }
        sentence += " Run `ledger source list` to see the sources, or `ledger source add \(Handle.isValid(handle) ? handle : "HANDLE") --name …` to add it."
        return .refused(sentence)
    }
}

extension String {
    /// A command's refusal without what it says of the ledger ("; nothing was changed. Do X."):
    /// the sentence an import repeats for the row it names.
    var withoutOutcome: String {
        guard let outcome = firstRange(of: "; nothing was changed") else { return self }
        return String(self[..<outcome.lowerBound]) + "."
    }
}
