#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import LedgerSystem

/// File operations that must not destroy what they should not.
public enum Files {
    /// Whether the SQLite file at `path` is in WAL mode, as its header records (bytes 18 and
    /// 19 are 2): read from the file, since a connection that reads it as immutable reports
    /// another mode.
    static func isInWALMode(_ path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var header = [UInt8](repeating: 0, count: 20)
        guard pread(descriptor, &header, 20, 0) == 20 else { return false }
        return header[18] == 2 && header[19] == 2
    }

    /// Moves `from` to `to` only if nothing is at `to`, atomically: a file that appears at
    /// `to` between a check and the move is never replaced. Returns 0, or the errno
    /// (EEXIST when something is there).
    public static func renameWithoutReplacing(_ from: String, _ to: String) -> Int32 {
        if ledger_rename_noreplace(from, to) == 0 { return 0 }
        let code = errno
        guard code == ENOSYS || code == EINVAL || code == ENOTSUP else { return code }
        // A file system without renameat2: a hard link fails with EEXIST just as atomically.
        if link(from, to) != 0 { return errno }
        unlink(from)
        return 0
    }

    /// A new private folder under $TMPDIR (else /tmp), or nil.
    static func makeTemporaryFolder() -> String? {
        let base = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((base + "/ledger-XXXXXX").utf8CString)
        return template.withUnsafeMutableBufferPointer { buffer -> String? in
            guard let base = buffer.baseAddress else { return nil }
            return mkdtemp(base).map { String(cString: $0) }
        }
    }

    /// Removes a folder made by `makeTemporaryFolder` and the files in it.
    static func removeTemporaryFolder(_ folder: String) {
        guard let directory = opendir(folder) else { return }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { unlink(folder + "/" + name) }
        }
        closedir(directory)
        rmdir(folder)
    }

    /// A new, empty file beside `path` with a name no other process can have chosen, opened
    /// for writing with mode 0600. Returns its descriptor and name, or nil with errno set.
    public static func createTemporary(beside path: String, purpose: String) -> (descriptor: Int32, path: String)? {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        for _ in 0..<16 {
            var generator = UUIDText.Generator(poolSize: 16)
            let suffix = String(generator.next().filter { $0 != "-" }.prefix(12))
            let candidate = "\(folder).\(name).\(purpose)-\(suffix)"
            let descriptor = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if descriptor >= 0 { return (descriptor, candidate) }
            if errno != EEXIST { return nil }
        }
        errno = EEXIST
        return nil
    }

    /// The folder holding `path` ("." for a bare name).
    public static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
