import LedgerCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a command's output goes: stdout, or a file written to a temporary name and
/// renamed into place when complete, so a reader never sees half a report.
final class OutputFile {
    private let path: String?
    private let temporary: String?
    private let descriptor: Int32
    private var buffer: [UInt8] = []

    /// Refuses (exit 65) to replace an existing file unless `replace`.
    init(path: String?, replace: Bool) throws {
        self.path = path
        guard let path else {
            temporary = nil
            descriptor = STDOUT_FILENO
            buffer.reserveCapacity(1 << 16)
            return
        }
        var info = stat()
        if stat(path, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFDIR {
                throw LedgerError.refused("\(path) is a folder; give a file name to --output.")
            }
            guard replace else {
                throw LedgerError.refused("\(path) already exists; nothing was written. Add --force to replace it, or choose another --output.")
            }
        }
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw LedgerError.io("Cannot write \(path): \(reason.lowercased()). Check that its folder exists and is writable.")
        }
        self.temporary = temporary
        self.descriptor = descriptor
        buffer.reserveCapacity(1 << 16)
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { bytes -> Int in
                guard let base = bytes.baseAddress else { return 0 }
                return Glibc.write(descriptor, base + offset, bytes.count - offset)
            }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else {
                let reason = String(cString: strerror(errno)).lowercased()
                throw LedgerError.io("Writing \(path ?? "the output") failed: \(reason); nothing was written.")
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and, for a file, syncs and renames it into place.
    func commit() throws {
        try flush()
        guard let path, let temporary else { return }
        guard fsync(descriptor) == 0, close(descriptor) == 0, rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno)).lowercased()
            unlink(temporary)
            throw LedgerError.io("Writing \(path) failed: \(reason); nothing was written.")
        }
    }

    /// Drops a half-written file.
    func discard() {
        guard let temporary else { return }
        close(descriptor)
        unlink(temporary)
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
