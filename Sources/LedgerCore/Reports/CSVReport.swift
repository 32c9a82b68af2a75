/// `report --format csv`: one row per claim, RFC 4180 (quoted where needed, CRLF line ends).
///
/// Text is written as typed; a spreadsheet may read a cell starting with `=`, `+`, `-`
/// or `@` as a formula, so open untrusted exports as text.
public enum CSVReport {
    public static let columns = [
        "id", "uuid", "statement", "claimant", "date", "status", "verdict", "grade", "independent_support", "echoes",
        "contradictions", "quantity", "quantity_low", "quantity_high", "quantity_unit", "place", "tags", "url", "superseded_by",
        "evidence", "withdrawn", "notes",
    ]

    public static var header: String { line(columns) }

    public static func row(_ detail: ClaimDetail) -> String {
        let claim = detail.claim
        let high = claim.quantity.map { $0.high == .infinity ? "" : Quantity.format($0.high) } ?? ""
        return line([
            claim.label, claim.uuid, claim.statement, claim.claimant, claim.date.text, claim.status.rawValue,
            claim.verdict?.rawValue ?? "", claim.grade.description, String(claim.support.independent), String(claim.support.echoes),
            String(claim.contradictions), claim.quantity?.text ?? "", claim.quantity.map { Quantity.format($0.low) } ?? "", high,
            claim.quantity?.unit ?? "", claim.place ?? "", claim.tags.joined(separator: ";"), claim.url ?? "",
            claim.supersededBy.map(claimLabel) ?? "", String(detail.evidence.count),
            detail.evidence.filter(\.isWithdrawn).map { "\($0.label): \($0.withdrawnReason ?? "")" }.joined(separator: "; "),
            String(detail.notes.count),
        ])
    }

    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// A field, quoted when it holds a comma, a quote or a line break (quotes doubled).
    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return text }
        var quoted = "\""
        for character in text {
            if character == "\"" { quoted += "\"\"" } else { quoted.append(character) }
        }
        return quoted + "\""
    }
}
