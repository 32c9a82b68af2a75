#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reading a file to import: all of it, up to a size limit, before the ledger is locked.
///
/// An import is one write transaction; reading its input inside it would let a slow pipe
/// hold every other writer off until they give up (exit 75). And input without end
/// (`/dev/zero`) must be refused with a sentence, not read until memory runs out.
public enum ImportInput {
    /// The most an import reads: 512 MiB, or `LEDGER_IMPORT_MAX_BYTES` bytes when that is set
    /// to a positive whole number. (An export of 100k claims is about 60 MB.)
    public static var byteLimit: Int {
        if let text = getenv("LEDGER_IMPORT_MAX_BYTES").map({ String(cString: $0) }), let value = Int(text), value > 0 {
            return value
        }
        return 512 << 20
    }

    /// The limit as a person reads it: "512 MiB", or "1000 bytes".
    static func describe(_ bytes: Int) -> String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : bytes == 1 ? "1 byte" : "\(bytes) bytes"
    }

    /// All the bytes `descriptor` gives until its end, or a refusal (exit 65) when they pass
    /// `limit`, or an I/O error (exit 74) when reading fails.
    public static func read(
        _ descriptor: Int32, name: String, limit: Int = byteLimit, command: String = "import", nothingDone: String = "nothing was imported"
    ) throws(LedgerError) -> [UInt8] {
        let tooLarge = LedgerError.refused(
            "\(name) is larger than \(describe(limit)), the most `ledger \(command)` reads; \(nothingDone). Split it into smaller files, or raise the limit with LEDGER_IMPORT_MAX_BYTES."
        )
        // Read into a buffer grown with realloc (which moves large blocks by remapping pages,
        // not copying them), then copy once into the array: element by element, 512 MiB
        // took 100 s in a debug build.
        var capacity = 1 << 20
        var info = stat()
        if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG {
            // A regular file says its size: refuse it unread, or read it into one allocation.
            guard info.st_size <= limit else { throw tooLarge }
            capacity = Int(info.st_size) + 1
        }
        guard var buffer = malloc(capacity) else { throw .io("There is not enough memory to read \(name); \(nothingDone).") }
        defer { free(buffer) }
        var count = 0
        while true {
            if count == capacity {
                guard capacity <= limit else { throw tooLarge }
                let larger = min(capacity * 2, limit + 1)
                guard let grown = realloc(buffer, larger) else { throw .io("There is not enough memory to read \(name); \(nothingDone).") }
                buffer = grown
                capacity = larger
            }
            let got = systemRead(descriptor, buffer + count, capacity - count)
            if got < 0 {
                if errno == EINTR { continue }
                throw .io("Reading \(name) failed: \(String(cString: strerror(errno)).lowercased()); \(nothingDone).")
            }
            if got == 0 { break }
            count += got
        }
        guard count <= limit else { throw tooLarge }
        let source = UnsafeRawPointer(buffer)
        return [UInt8](unsafeUninitializedCapacity: count) { bytes, initialized in
            if let base = bytes.baseAddress { memcpy(base, source, count) }
            initialized = count
        }
    }
}

/// The C library's `read`, under a name that `ImportInput.read` does not hide.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
