import LedgerCore
import LedgerSystem

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The folder `report --charts DIR` writes its pictures into, with `--output`'s care: the
/// pictures go into a new temporary folder beside DIR, moved into place only once the report
/// is complete, so a reader never sees half the charts and a failed or interrupted report
/// leaves none behind.
///
/// An existing DIR is replaced only with `--force`, and only when it holds nothing but the
/// pictures an earlier report wrote (by their names, `isChartName`); an empty folder is used as it is. A new
/// folder is 0700 and its files 0600, as reports are; a replaced folder keeps its permissions.
final class ChartOutput {
    let path: String
    private let temporary: String
    private let replace: Bool
    private var keptMode: mode_t?
    /// DIR was a folder when the report began (empty, or holding only charts and `--force` given).
    private var existed = false
    private var names = Set<String>()
    /// Where the replaced folder was moved during `commit`, until the report itself is in place.
    private var previous: String?

    init(path: String, replace: Bool, ledger: String, output: String?) throws {
        let shown = path.shown(limit: 200)
        guard !path.trimmingSpaces.isEmpty else { throw LedgerError.usage("--charts needs a folder name.") }
        if let output, ChartOutput.normalized(output) == ChartOutput.normalized(path) {
            throw LedgerError.usage("--charts and --output name the same path; give the charts a folder of their own.")
        }
        if ChartOutput.normalized(path) == ChartOutput.normalized(ledger) {
            throw LedgerError.usage("\(shown) is the ledger itself; nothing was written. Choose another --charts folder.")
        }
        self.path = path
        self.replace = replace
        var info = stat()
        if lstat(path, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                existed = true
                keptMode = info.st_mode & 0o777
                let entries = try ChartOutput.entries(of: path)
                if !entries.isEmpty {
                    if let other = entries.first(where: { !$0.isChart }) {
                        throw LedgerError.refused(
                            "\(shown) holds \(other.name.shown(limit: 80)), which is not one of a report's charts; nothing was written. --charts replaces only a folder of charts an earlier report wrote: choose another folder.")
                    }
                    guard replace else {
                        throw LedgerError.refused(
                            "\(shown) already holds charts; nothing was written. Add --force to replace them, or choose another --charts folder.")
                    }
                }
            case S_IFLNK:
                throw LedgerError.usage(
                    "\(shown) is a symbolic link; --charts writes only into a folder of its own, so give the folder's own path or another name.")
            default:
                throw LedgerError.usage("\(shown) is not a folder; give --charts a folder name (it is created if missing).")
            }
        }
        let blocked = SignalCleanup.blockSignals()
        var template = Array((path.hasSuffix("/") ? String(path.dropLast()) : path).utf8CString.dropLast()) + Array(".charts-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) } != nil
        let reason = String(cString: strerror(errno)).lowercased()
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if made { SignalCleanup.removeFolder(temporary) }
        SignalCleanup.restore(blocked)
        guard made else {
            throw LedgerError.io("Cannot write the charts into \(shown): \(reason). Check that its parent folder exists and is writable.")
        }
        self.temporary = temporary
    }

    /// Writes one picture (0600), never over another of this report.
    func write(_ picture: Picture) throws {
        let name = picture.fileName
        guard names.insert(name).inserted else { return }
        let file = temporary + "/" + name
        let descriptor = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure(String(cString: strerror(errno)).lowercased()) }
        let result = writeOrFailure(descriptor, Array(picture.svg.utf8))
        close(descriptor)
        if let result { throw failure(result.reason) }
    }

    private func failure(_ reason: String) -> LedgerError {
        .io("Writing the charts into \(path.shown(limit: 200)) failed: \(reason); nothing was written.")
    }

    /// Moves the finished folder into place (signals held back while folders change names).
    func commit() throws {
        let blocked = SignalCleanup.blockSignals()
        defer { SignalCleanup.restore(blocked) }
        if let keptMode { chmod(temporary, keptMode) }
        var info = stat()
        if existed, lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR,
            let entries = try? ChartOutput.entries(of: path), entries.allSatisfy(\.isChart), replace || entries.isEmpty
        {
            // The old folder (checked again to hold only charts, or nothing) steps aside, then the new one moves in.
            let aside = temporary + ".old"
            guard rename(path, aside) == 0 else { throw failureDiscarding(String(cString: strerror(errno)).lowercased()) }
            previous = aside
            SignalCleanup.removeFolder(nil)
        }
        let code = Files.renameWithoutReplacing(temporary, path)
        guard code == 0 else {
            if let previous { rename(previous, path) }
            previous = nil
            if code == EEXIST || code == ENOTEMPTY {
                ledger_remove_flat_folder(temporary)
                throw LedgerError.refused(
                    "\(path.shown(limit: 200)) appeared while the charts were being written and was kept; nothing was written. Add --force to replace it, or choose another --charts folder.")
            }
            throw failureDiscarding(String(cString: strerror(code)).lowercased())
        }
        SignalCleanup.removeFolder(nil)
    }

    private func failureDiscarding(_ reason: String) -> LedgerError {
        ledger_remove_flat_folder(temporary)
        SignalCleanup.removeFolder(nil)
        return failure(reason)
    }

    /// After the report itself is in place: the replaced charts go.
    func finish() {
        if let previous { ledger_remove_flat_folder(previous) }
        previous = nil
    }

    /// The report could not be put in place: the charts go back as they were.
    func undo() {
        let blocked = SignalCleanup.blockSignals()
        defer { SignalCleanup.restore(blocked) }
        ledger_remove_flat_folder(path)
        if let previous { rename(previous, path) }
        previous = nil
    }

    /// Drops the half-written folder.
    func discard() {
        ledger_remove_flat_folder(temporary)
        SignalCleanup.removeFolder(nil)
    }

    /// How the Markdown report links to the folder: relative to the report's own folder
    /// (the current folder when it goes to stdout).
    static func link(to folder: String, from output: String?) -> String {
        let target = normalized(folder)
        let base = output.map { normalized(Files.folder(of: $0)) } ?? normalized(".")
        let targetParts = target.split(separator: "/").map(String.init)
        let baseParts = base.split(separator: "/").map(String.init)
        var common = 0
        while common < targetParts.count, common < baseParts.count, targetParts[common] == baseParts[common] { common += 1 }
        let parts = Array(repeating: "..", count: baseParts.count - common) + targetParts[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    /// An absolute path with `.` and `..` resolved by name (links are not followed: the link a
    /// reader follows is resolved the same way).
    static func normalized(_ path: String) -> String {
        var full = path
        if !path.hasPrefix("/") {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let cwd = getcwd(&buffer, buffer.count).map { String(cString: $0) } ?? "."
            full = cwd + "/" + path
        }
        var parts: [Substring] = []
        for part in full.split(separator: "/") {
            if part == "." { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The names a report gives its pictures: `c12-timeline.svg`, `c12-figures.svg`,
    /// `ledger-over-time.svg`, `who-echoes-whom.svg`. Any other file (another SVG too) is the user's.
    static func isChartName(_ name: String) -> Bool {
        if name == "ledger-over-time.svg" || name == "who-echoes-whom.svg" { return true }
        for suffix in ["-timeline.svg", "-figures.svg"] where name.hasPrefix("c") && name.hasSuffix(suffix) {
            let digits = name.dropFirst().dropLast(suffix.count)
            return !digits.isEmpty && digits.allSatisfy { $0 >= "0" && $0 <= "9" }
        }
        return false
    }

    private struct Entry {
        let name: String
        let isChart: Bool
    }

    private static func entries(of folder: String) throws -> [Entry] {
        guard let directory = opendir(folder) else {
            throw LedgerError.io(
                "Cannot read \(folder.shown(limit: 200)): \(String(cString: strerror(errno)).lowercased()). Choose another --charts folder.")
        }
        defer { closedir(directory) }
        var entries: [Entry] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            var info = stat()
            let regular = lstat(folder + "/" + name, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
            entries.append(Entry(name: name, isChart: regular && isChartName(name)))
        }
        return entries
    }
}
