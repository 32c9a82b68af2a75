import ArgumentParser
import LedgerCore
import LedgerSystem

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension LedgerCommand {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write the whole ledger (sources, claims, evidence, lifecycle, log) as one JSON document keyed by UUID.",
            discussion: "`ledger import` merges such a document into another ledger."
        )

        @Option(help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file"))
        var output: String?

        @Flag(help: "Replace the --output file if it exists.")
        var force = false

        @OptionGroup var location: LedgerOption

        func validate() throws {
            if let output, output.trimmingSpaces.isEmpty { throw ValidationError("--output needs a file name.") }
        }

        func run() throws {
            let ledger = try location.open(.read)
            let sink = try OutputFile(path: output, replace: force, ledger: location.path)
            let progress = ProgressLine(noun: "rows")
            do {
                try ledger.export(to: sink.write, progress: progress.update)
                try sink.commit()
            } catch {
                sink.discard()
                throw error
            }
            progress.finish()
            if let output { Terminal.note("Wrote \(output).") }
        }
    }

    enum ImportFormat: String, ExpressibleByArgument, CaseIterable {
        case json, csv
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Merge a ledger export (JSON) or a CSV of claims into the ledger, in one transaction.",
            discussion: """
                JSON: rows already present (same UUID) are skipped, differences are reported as conflicts and the \
                ledger's own version is kept, statuses are derived again; importing the same file twice changes nothing.
                A claim's lifecycle changes, the ledger's and the file's, apply in (effective date, step, UUID) order; \
                one that cannot apply there is a conflict and is kept out (the ledger's own is withdrawn), so two \
                ledgers that import each other's exports agree.
                CSV: a header row statement,source,date,url,via,quote,quantity,place,tags (tags separated by ;); \
                a row matching an existing claim's statement, source and date is skipped.
                A bad row fails the whole import, naming the row and field; the ledger is left unchanged.
                The whole file is read before the ledger is locked; more than 512 MiB (LEDGER_IMPORT_MAX_BYTES) is refused.
                `ledger undo` reverses a whole import.
                """
        )

        @Argument(help: "The file to import.")
        var file: String

        @Option(help: ArgumentHelp("json (default; or from a .json name) or csv (from a .csv name).", valueName: "format"))
        var format: ImportFormat?

        @OptionGroup var options: WriterOptions

        var resolvedFormat: ImportFormat {
            if let format { return format }
            return file.lowercased().hasSuffix(".csv") ? .csv : .json
        }

        func run() throws {
            tuneMallocForBulkWrites()
            let ledger = try options.openLedger()
            // All of the input is read before the import takes the write lock.
            let bytes = try readInput(file, what: "a file to import")
            let progress = ProgressLine(noun: "rows")
            let outcome: Ledger.ImportOutcome
            switch resolvedFormat {
            case .csv:
                outcome = try ledger.importCSV(bytes, name: file, progress: progress.update)
            case .json:
                outcome = try ledger.importExport(bytes, name: file, progress: progress.update)
            }
            progress.finish()
            for conflict in outcome.conflicts { Terminal.note("conflict: " + conflict) }
            if outcome.added == 0 {
                Terminal.note("Imported \(file): nothing new (\(outcome.summary)); the ledger is unchanged.")
            } else {
                Terminal.note("Imported \(file): \(outcome.summary).")
            }
        }
    }
}

/// All of the file at `path` (a file to import, an export to verify), read up to the input
/// limit; a missing or unreadable file or a folder is exit 66, naming `what` was wanted.
func readInput(_ path: String, what: String, command: String = "import", nothingDone: String = "nothing was imported") throws -> [UInt8] {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
        let reason = String(cString: strerror(errno)).lowercased()
        throw LedgerError.unreadableInput("Cannot read \(path): \(reason). Give the path of \(what).")
    }
    defer { close(descriptor) }
    var info = stat()
    if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
        throw LedgerError.unreadableInput("\(path) is a folder; give the path of \(what).")
    }
    return try ImportInput.read(descriptor, name: path, command: command, nothingDone: nothingDone)
}

/// glibc's malloc hands freed memory at the top of the heap back to the kernel and takes
/// it again on the next allocation; under a bulk import that churn (brk, page faults) took
/// 2.9 s of 9.7 s at 100k rows. An import keeps what it has allocated instead. (Only the
/// import: for a one-row command the settings cost ~0.3 ms of start-up, for nothing.)
func tuneMallocForBulkWrites() {
    #if os(Linux)
        _ = mallopt(M_TRIM_THRESHOLD, 512 << 20)
        _ = mallopt(M_TOP_PAD, 16 << 20)
        _ = mallopt(M_MMAP_THRESHOLD, 32 << 20)
    #endif
}
