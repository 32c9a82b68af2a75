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
            The ledger is one SQLite file: --db PATH, else $LEDGER_DB, else ./ledger.db; or a \
            ledger on a PostgreSQL server: --db postgres://USER@HOST/DATABASE (README, "A shared ledger").
            Exit codes: 0 success, 64 wrong usage, 65 refused or invalid data, 66 ledger file \
            missing or unreadable, 74 I/O failure, 75 ledger locked by another writer or server \
            unreachable, 77 permission denied by a server.
            """,
        version: LedgerVersion.text,
        subcommands: [
            Init.self, SourceCommand.self, Add.self, Corroborate.self, Contradict.self, Retract.self, Resolve.self,
            Supersede.self, Reopen.self, Edit.self, EvidenceCommand.self, Withdraw.self, NoteCommand.self, Refigure.self, Show.self, List.self,
            Log.self, Report.self, Export.self, Import.self, Undo.self, Check.self, Verify.self,
        ]
    )

    static func main() {
        // A write past a file-size limit should fail with an error SQLite reports, not kill us.
        signal(SIGXFSZ, SIG_IGN)
        do {
            try refuseInvalidUTF8Arguments()
            try refuseUnknownCommand(movingLeadingDB(Array(CommandLine.arguments.dropFirst())))
            var command = try parseAsRoot(protectingDashValues(movingLeadingDB(Array(CommandLine.arguments.dropFirst()))))
            try command.run()
            try StandardOutput.flush()
        } catch let error as LedgerError {
            fail(error)
        } catch {
            // Output printed before a refusal (check's findings) is still owed to the reader.
            do { try StandardOutput.flush() } catch { fail(error) }
            finish(error)
        }
    }
}

extension LedgerCommand {
    /// What swift-argument-parser has to say (help, a version, a usage error), written as its
    /// own `exit(withError:)` would, but checked: help that cannot be written exits 74, and a
    /// usage error that echoes what was typed shows its control characters escaped.
    static func finish(_ error: any Error) -> Never {
        let code = exitCode(for: error)
        let message = fullMessage(for: error)
        if code == .success {
            if !message.isEmpty { StandardOutput.write(message + "\n") }
            do { try StandardOutput.flush() } catch { fail(error) }
        } else if !message.isEmpty {
            Terminal.note(message)
        }
        Glibc.exit(code.rawValue)
    }
}

/// `--db PATH` may stand before the command name (`ledger --db x.db list`): it is moved to
/// the end of the command's own options (before a `--`, after which all is text).
func movingLeadingDB(_ arguments: [String]) -> [String] {
    var rest = arguments[...]
    var moved: [String] = []
    while let first = rest.first {
        if first == "--db", rest.count >= 2 {
            moved += rest.prefix(2)
            rest = rest.dropFirst(2)
        } else if first.hasPrefix("--db=") {
            moved.append(first)
            rest = rest.dropFirst()
        } else {
            break
        }
    }
    // Only before a command: `ledger --db x.db --help` is left to the parser as typed.
    guard !moved.isEmpty, let next = rest.first, !next.hasPrefix("-") else { return arguments }
    var result = Array(rest)
    result.insert(contentsOf: moved, at: result.firstIndex(of: "--") ?? result.endIndex)
    return result
}

/// Text that starts with `-` is text, not options (SPEC §3): swift-argument-parser reads
/// "- Taiwan accused…" as a cluster of short flags (one of them `-h`: help, exit 0, nothing
/// recorded). Every argument that starts with `-` but is not one of ledger's options
/// (`--name`, `--name=value`, `-h`) is a value: after an option that takes one it is joined
/// to it (`--quote=- Taiwan…`), else it is moved after `--`, where all is text.
func protectingDashValues(_ arguments: [String]) -> [String] {
    let flags: Set<String> = ["--force", "--head", "--json", "--help", "--version", "--allow-duplicate"]
    func isOption(_ token: String) -> Bool {
        if token == "-h" { return true }
        guard token.hasPrefix("--") else { return false }
        let name = token.dropFirst(2).prefix { $0 != "=" }
        guard let first = name.first, first >= "a", first <= "z" else { return false }
        return name.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-" }
    }
    var result: [String] = []
    var values: [String] = []
    var terminator: Int?
    for token in arguments {
        if terminator != nil {
            result.append(token)
        } else if token == "--" {
            terminator = result.count
            result.append(token)
        } else if token.count > 1, token.hasPrefix("-"), !isOption(token) {
            if let last = result.last, isOption(last), last.hasPrefix("--"), !last.contains("="), !flags.contains(last) {
                result[result.count - 1] = last + "=" + token
            } else {
                values.append(token)
            }
        } else {
            result.append(token)
        }
    }
    guard !values.isEmpty else { return result }
    if let terminator {
        result.insert(contentsOf: values, at: terminator + 1)
    } else {
        result += ["--"] + values
    }
    return result
}

/// A mistyped command is named as one, with the closest command (`ledger lst` → list); the
/// argument parser would say "Unexpected argument" or blame an option that follows it.
func refuseUnknownCommand(_ arguments: [String]) throws {
    guard let first = arguments.first, !first.hasPrefix("-") else { return }
    let names = LedgerCommand.configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
    guard !names.contains(first) else { return }
    let near = Suggestions.nearest(to: first, among: names, limit: 1)
    throw LedgerError.usage(
        "'\(first.shown(limit: 40))' is not a ledger command.\(near.first.map { " Did you mean \($0)?" } ?? "") Run `ledger --help` to see the commands.")
}

/// Swift quietly repairs invalid UTF-8 in arguments with U+FFFD; a ledger must not store
/// text that was not what the user typed, so such an argument is refused instead.
func refuseInvalidUTF8Arguments() throws {
    for index in 1..<Int(CommandLine.argc) {
        guard let pointer = CommandLine.unsafeArgv[index] else { continue }
        if String(validatingCString: pointer) == nil {
            throw LedgerError.refused(
                "Argument \(index) is not valid UTF-8 text; nothing was changed. Convert it to UTF-8 (for example with iconv) and try again.")
        }
    }
}

enum LedgerVersion {
    static let text = "0.1.0"
}

/// Prints the error's one sentence and exits with its code; output that cannot be written
/// turns any outcome into exit 74.
func fail(_ error: LedgerError) -> Never {
    var error = error
    do { try StandardOutput.flush() } catch let failure { if error.exitCode != 74 { error = failure } }
    Terminal.error(error.message)
    exit(error.exitCode)
}
