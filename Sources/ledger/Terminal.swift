import LedgerCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where output goes, and whether it may be coloured.
enum Terminal {
    /// Colour only on a terminal, and never when NO_COLOR is set or TERM is dumb.
    /// The terminal's width when stdout is one ($COLUMNS, else the terminal's own), else nil.
    static var width: Int? {
        guard isatty(STDOUT_FILENO) != 0 else { return nil }
        if let text = environment("COLUMNS"), let columns = Int(text), columns > 0 { return columns }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }

    static let colours: Bool = isatty(STDOUT_FILENO) != 0 && getenv("NO_COLOR") == nil && environment("TERM") != "dumb"

    static func out(_ text: String) {
        StandardOutput.write(text.hasSuffix("\n") ? text : text + "\n")
    }

    /// A message for the user (not a result): goes to stderr.
    static func note(_ text: String) {
        writeError(text.shownKeepingLines() + "\n")
    }

    /// Progress text on stderr, without a newline.
    static func progress(_ text: String) {
        writeError(text)
    }

    /// One line on stderr, whatever the message holds.
    static func error(_ text: String) {
        writeError("ledger: " + text.shown(limit: 2000) + "\n")
    }

    /// Writes to stderr; a message that cannot be written has nowhere else to go.
    private static func writeError(_ text: String) {
        _ = writeOrFailure(STDERR_FILENO, Array(text.utf8))
    }

    static func json(_ value: JSONValue) {
        out(value.serialized(pretty: true))
    }

    static func paint(_ text: String, _ code: String) -> String {
        colours ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    static func bold(_ text: String) -> String { paint(text, "1") }

    static func status(_ status: ClaimStatus, padTo width: Int = 0) -> String {
        let padded = status.rawValue + String(repeating: " ", count: max(0, width - status.rawValue.count))
        let code: String
        switch status {
        case .confirmed: code = "32;1"
        case .corroborated: code = "32"
        case .disputed: code = "33"
        case .contradicted: code = "31"
        case .unverified: code = "2"
        case .retracted, .resolved, .superseded: code = "36"
        }
        return paint(padded, code)
    }
}

/// Aligned columns for human output.
struct TextTable {
    var headers: [String]
    var rows: [[String]] = []
    /// Cells longer than this (in characters) are cut with an ellipsis; nil leaves them whole.
    var limits: [Int?]

    init(_ headers: [String], limits: [Int?]? = nil) {
        self.headers = headers
        self.limits = limits ?? Array(repeating: nil, count: headers.count)
    }

    mutating func add(_ cells: [String]) {
        rows.append(cells.enumerated().map { index, cell in
            let flat = TextTable.oneLine(cell)
            if let limit = limits[index], flat.count > limit { return String(flat.prefix(limit - 1)) + "…" }
            return flat
        })
    }

    /// Cuts the cells of `column` (with an ellipsis) so that every line fits in `width`
    /// characters, leaving the column at least `minimum` wide.
    mutating func fit(column: Int, width: Int, minimum: Int = 20) {
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        let others = widths.enumerated().filter { $0.offset != column }.map(\.element).reduce(0, +) + 2 * (headers.count - 1)
        let room = max(minimum, width - others)
        for index in rows.indices where rows[index][column].count > room {
            rows[index][column] = String(rows[index][column].prefix(room - 1)) + "…"
        }
    }

    /// Replaces line breaks and other control characters so that a cell stays on its line.
    static func oneLine(_ text: String) -> String { text.shown(limit: .max) }

    /// The table as text; `style` may colour a cell after it has been padded.
    func render(style: (Int, Int, String) -> String = { _, _, cell in cell }) -> String {
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ cells: [String], rowIndex: Int) -> String {
            var parts: [String] = []
            for (index, cell) in cells.enumerated() {
                let isLast = index == cells.count - 1
                let padded = isLast ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
                parts.append(rowIndex < 0 ? Terminal.bold(padded) : style(rowIndex, index, padded))
            }
            return parts.joined(separator: "  ")
        }
        var lines = [line(headers, rowIndex: -1)]
        for (rowIndex, row) in rows.enumerated() { lines.append(line(row, rowIndex: rowIndex)) }
        return lines.joined(separator: "\n")
    }
}
