/// Sources by row id, each read from the table once.
///
/// Claim, evidence and lifecycle rows name sources by id. Resolving those ids here, instead
/// of joining the source table up to four times for every row, is what a report of 100k
/// claims (300k evidence rows, a few hundred sources) spends far less time on.
final class SourceDirectory {
    struct Entry {
        let standing: SourceStanding
        let name: String
        var handle: String { standing.handle }
    }

    private let db: any Database
    private var entries: [Int64: Entry] = [:]

    /// Each source is read on first use: a search that lists three claims reads their few
    /// sources, a report of 100k claims reads each of its few hundred once.
    init(_ db: any Database) {
        self.db = db
    }

    subscript(id: Int64) -> Entry {
        get throws {
            if let known = entries[id] { return known }
            var found: Entry?
            try db.query("SELECT handle, affiliation, reliability, name FROM source WHERE id = \(id)") { row in
                found = Entry(
                    standing: SourceStanding(
                        handle: row.text("handle"), affiliation: row.text("affiliation"),
                        reliability: Reliability(rawValue: row.text("reliability")) ?? .F),
                    name: row.text("name"))
            }
            // The schema's foreign keys make this impossible unless the file was altered by hand.
            guard let found else {
                throw LedgerError.io("The ledger refers to a source (row \(id)) that is not in it; run `ledger check`.")
            }
            entries[id] = found
            return found
        }
    }
}
