import ArgumentParser
import LedgerCore
import LedgerSystem

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a command's output goes: stdout, or a file written to a temporary name and
/// renamed into place when complete, so a reader never sees half a report.
///
/// A file output never destroys what it should not: only a regular file is ever replaced,
/// and only with `--force` (even when a file appears at the path while the output is being
/// written: the final rename does not replace); the ledger itself is refused; a new file is
/// 0600 (exports hold the whole ledger) and a replaced one keeps its permissions; and the
/// temporary file is removed when a signal ends the process.
final class OutputFile {
    private let path: String?
    private let temporary: String?
    private let descriptor: Int32
    private let replace: Bool
    private var buffer: [UInt8] = []

    /// Refuses a target that is not a regular file or is the ledger (exit 64), and an
    /// existing file unless `replace` (exit 65).
    init(path: String?, replace: Bool, ledger: String) throws {
        self.path = path
        self.replace = replace
        guard let path else {
            temporary = nil
            descriptor = STDOUT_FILENO
            buffer.reserveCapacity(1 << 16)
            return
        }
        guard !path.trimmingSpaces.isEmpty else { throw LedgerError.usage("--output needs a file name.") }
        try OutputFile.refuseLedgerFiles(path, ledger: ledger)
        var info = stat()
        var keptMode: mode_t?
        if lstat(path, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                guard replace else {
                    throw LedgerError.refused(
                        "\(path.shown(limit: 200)) already exists; nothing was written. Add --force to replace it, or choose another --output.")
                }
                // Its permissions, less set-user-ID, set-group-ID and sticky bits.
                keptMode = info.st_mode & 0o777
            case S_IFDIR:
                throw LedgerError.usage("\(path.shown(limit: 200)) is a folder; give a file name to --output.")
            case S_IFLNK:
                throw LedgerError.usage(
                    "\(path.shown(limit: 200)) is a symbolic link; --output replaces only regular files, so give the file's own path or another name.")
            default:
                throw LedgerError.usage(
                    "\(path.shown(limit: 200)) is not a regular file (a device, pipe or socket); --output writes only regular files, so choose another name.")
            }
        }
        // The signals that would end the process wait until the temporary file is marked for
        // removal, so none can land between its creation and its mark.
        let blocked = SignalCleanup.blockSignals()
        let created = Files.createTemporary(beside: path, purpose: "tmp")
        let reason = String(cString: strerror(errno))
        if let (_, temporary) = created { SignalCleanup.remove(temporary) }
        SignalCleanup.restore(blocked)
        guard let (descriptor, temporary) = created else {
            throw LedgerError.io(
                "Cannot write \(path.shown(limit: 200)): \(reason.lowercased()). Check that its folder exists and is writable.")
        }
        if let keptMode { fchmod(descriptor, keptMode) }
        self.temporary = temporary
        self.descriptor = descriptor
        buffer.reserveCapacity(1 << 16)
    }

    /// The ledger, its journals, or another name of the same file (a hard link, a symbolic
    /// link, another path through linked folders) are never an output.
    private static func refuseLedgerFiles(_ path: String, ledger: String) throws {
        let refusal = LedgerError.usage(
            "\(path.shown(limit: 200)) is the ledger itself (or its journal); nothing was written. Choose another --output.")
        // By name: the companions of the ledger as given and as it resolves (through links).
        let target = resolved(path)
        var ledgers = [ledger]
        if let real = realPath(ledger) { ledgers.append(real) }
        for name in ledgers {
            if path == name || target == name { throw refusal }
            for suffix in Ledger.companionSuffixes where path == name + suffix || target == name + suffix { throw refusal }
        }
        // By identity: the same file under any name.
        var targetInfo = stat()
        guard stat(path, &targetInfo) == 0 else { return }
        for name in [ledger] + Ledger.companionSuffixes.map({ ledger + $0 }) {
            var info = stat()
            if stat(name, &info) == 0, info.st_dev == targetInfo.st_dev, info.st_ino == targetInfo.st_ino { throw refusal }
        }
    }

    /// The canonical path of an existing file, or nil.
    private static func realPath(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    /// `path` with its folder resolved (the file itself need not exist, and is not followed).
    private static func resolved(_ path: String) -> String? {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        guard let folder = realPath(Files.folder(of: path)) else { return nil }
        return (folder == "/" ? "" : folder) + "/" + name
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func flush() throws {
        if let failure = writeOrFailure(descriptor, buffer) {
            throw LedgerError.io("Writing \(path?.shown(limit: 200) ?? "the output") failed: \(failure.reason); nothing was written.")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and, for a file, syncs and moves it into place.
    func commit() throws {
        do {
            try flush()
        } catch {
            if let temporary { discardTemporary(temporary) }
            throw error
        }
        guard let path, let temporary else { return }
        guard fsync(descriptor) == 0, close(descriptor) == 0 else {
            let reason = String(cString: strerror(errno)).lowercased()
            discardTemporary(temporary)
            throw LedgerError.io("Writing \(path.shown(limit: 200)) failed: \(reason); nothing was written.")
        }
        if replace {
            guard rename(temporary, path) == 0 else {
                let reason = String(cString: strerror(errno)).lowercased()
                discardTemporary(temporary)
                throw LedgerError.io("Writing \(path.shown(limit: 200)) failed: \(reason); nothing was written.")
            }
        } else {
            let code = Files.renameWithoutReplacing(temporary, path)
            guard code == 0 else {
                discardTemporary(temporary)
                if code == EEXIST {
                    throw LedgerError.refused(
                        "\(path.shown(limit: 200)) appeared while the output was being written and was kept; nothing was written. Add --force to replace it, or choose another --output.")
                }
                throw LedgerError.io(
                    "Writing \(path.shown(limit: 200)) failed: \(String(cString: strerror(code)).lowercased()); nothing was written.")
            }
        }
        SignalCleanup.remove(nil)
    }

    private func discardTemporary(_ temporary: String) {
        unlink(temporary)
        SignalCleanup.remove(nil)
    }

    /// Drops a half-written file.
    func discard() {
        guard let temporary else { return }
        close(descriptor)
        discardTemporary(temporary)
    }
}

/// Removes a temporary output file when SIGINT, SIGTERM, SIGHUP or SIGPIPE ends the process,
/// then lets the signal end it as it would have.
enum SignalCleanup {
    /// The file to remove, as a C string the handler can use (malloc'd, never freed while set).
    nonisolated(unsafe) private static var pending: UnsafeMutablePointer<CChar>?
    /// A folder of files to remove (a chart folder being written), likewise.
    nonisolated(unsafe) private static var pendingFolder: UnsafeMutablePointer<CChar>?
    nonisolated(unsafe) private static var installed = false

    /// Marks `path` for removal on a signal (nil: nothing to remove).
    static func remove(_ path: String?) {
        let old = pending
        pending = path.flatMap { strdup($0) }
        free(old)
        guard path != nil, !installed else { return }
        installed = true
        for signal in handled { installHandler(signalHandler, for: signal, resetting: true) }
    }

    /// Marks the folder `path` (files only) for removal on a signal (nil: none).
    static func removeFolder(_ path: String?) {
        let old = pendingFolder
        pendingFolder = path.flatMap { strdup($0) }
        free(old)
        guard path != nil, !installed else { return }
        installed = true
        for signal in handled { installHandler(signalHandler, for: signal, resetting: true) }
    }

    static let handled = [SIGINT, SIGTERM, SIGHUP, SIGPIPE]

    /// Holds back the handled signals; returns the mask to restore.
    static func blockSignals() -> sigset_t {
        var set = sigset_t()
        var old = sigset_t()
        sigemptyset(&set)
        for signal in handled { sigaddset(&set, signal) }
        sigprocmask(SIG_BLOCK, &set, &old)
        return old
    }

    static func restore(_ mask: sigset_t) {
        var mask = mask
        sigprocmask(SIG_SETMASK, &mask, nil)
    }

    fileprivate static func cleanUp() {
        if let pending { unlink(pending) }
        if let pendingFolder { ledger_remove_flat_folder(pendingFolder) }
    }
}

/// Async-signal-safe: unlink, then the default action (SA_RESETHAND restored it).
private let signalHandler: @convention(c) (Int32) -> Void = { signal in
    SignalCleanup.cleanUp()
    raise(signal)
}

/// A bus error (SIGBUS: a memory-mapped file shrank under a reader) ends the process with
/// one sentence and exit 74 instead of a crash report.
enum FatalSignal {
    nonisolated(unsafe) fileprivate static var message: UnsafeMutablePointer<CChar>?
    nonisolated(unsafe) fileprivate static var length = 0

    static func onBusError(_ sentence: String) {
        free(message)
        message = strdup(sentence)
        length = sentence.utf8.count
        installHandler(busErrorHandler, for: SIGBUS, resetting: false)
    }
}

/// Sets `handler` for `signal`; `resetting` restores the default action once it has run.
private func installHandler(_ handler: @convention(c) (Int32) -> Void, for signal: Int32, resetting: Bool) {
    var action = sigaction()
    action.__sigaction_handler.sa_handler = handler
    sigemptyset(&action.sa_mask)
    action.sa_flags = resetting ? Int32(bitPattern: UInt32(SA_RESETHAND)) : 0
    sigaction(signal, &action, nil)
}

/// Async-signal-safe: write and _exit only.
private let busErrorHandler: @convention(c) (Int32) -> Void = { _ in
    if let message = FatalSignal.message { _ = write(STDERR_FILENO, message, FatalSignal.length) }
    _exit(74)
}

struct WriteFailure: Error {
    let reason: String
}

/// Writes every byte to `descriptor`, retrying short writes and interruptions; nil when all
/// was written. (A result, not a typed throw: Swift 6.3.1's SIL verifier crashes on catching one here.)
func writeOrFailure(_ descriptor: Int32, _ bytes: [UInt8]) -> WriteFailure? {
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeBytes { buffer -> Int in
            guard let base = buffer.baseAddress else { return 0 }
            return write(descriptor, base + offset, buffer.count - offset)
        }
        if written < 0, errno == EINTR { continue }
        guard written > 0 else { return WriteFailure(reason: String(cString: strerror(errno)).lowercased()) }
        offset += written
    }
    return nil
}

/// Standard output, buffered here rather than in C's stdio so that a failed write is seen:
/// a command whose output cannot be written exits 74, whichever command it is.
enum StandardOutput {
    nonisolated(unsafe) private static var buffer: [UInt8] = []
    nonisolated(unsafe) private static var failure: WriteFailure?

    /// Queues `text`; once a write has failed, the rest is dropped and `flush` reports it.
    static func write(_ text: String) {
        guard failure == nil else { return }
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { send() }
    }

    private static func send() {
        failure = writeOrFailure(STDOUT_FILENO, buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is queued; throws (exit 74) if any of the output could not be written.
    static func flush() throws(LedgerError) {
        if failure == nil, !buffer.isEmpty { send() }
        if let failure {
            throw .io("Writing the output failed: \(failure.reason); the result was not printed in full.")
        }
    }
}
/// A count on stderr that updates in place, only when stderr is a terminal.
final class ProgressLine {
    private let noun: String
    private let visible = isatty(STDERR_FILENO) != 0
    private(set) var count = 0
    private var shown = false

    init(noun: String) { self.noun = noun }

    func update(_ count: Int) {
        self.count = count
        guard visible, count % 1000 == 0 else { return }
        Terminal.progress("\r\(count) \(noun)…")
        shown = true
    }

    func finish() {
        if shown { Terminal.progress("\r\u{1B}[K") }
    }
}
