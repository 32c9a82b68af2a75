import ArgumentParser
import LedgerCore

/// The filters `list` and `report` share.
struct ClaimFilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only claims with this status, or open or closed; repeat for several.", valueName: "status"))
    var status: [StatusChoice] = []

    @Option(help: "Only claims with this tag.")
    var tag: String?

    @Option(help: ArgumentHelp("Only claims this source made or gave evidence on.", valueName: "handle"))
    var source: String?

    @Option(help: "Only claims whose place contains this text (case, accents and apostrophes ignored).")
    var place: String?

    @Option(help: ArgumentHelp("Only claims made on or after this date.", valueName: "date"), transform: parseDate)
    var since: LedgerDate?

    @Option(help: ArgumentHelp("Only claims made on or before this date.", valueName: "date"), transform: parseDate)
    var until: LedgerDate?

    @Option(
        help: ArgumentHelp(
            "Only claims whose statement, quote, place, tags or evidence contain all these words; word* matches a prefix.",
            valueName: "words"))
    var search: String?

    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp("As the ledger stood at the end of this day (or moment).", valueName: "date"),
        transform: parseDate)
    var asOf: LedgerDate?

    var filter: ClaimFilter {
        ClaimFilter(statuses: StatusChoice.statuses(status), tag: tag, source: source, place: place, since: since, until: until, search: search)
    }
}

/// A `--status` value: one status, or `open` / `closed` for all of those.
enum StatusChoice: ExpressibleByArgument {
    case one(ClaimStatus)
    case open, closed

    init?(argument: String) {
        switch argument.lowercased() {
        case "open": self = .open
        case "closed": self = .closed
        default:
            guard let status = ClaimStatus(rawValue: argument.lowercased()) else { return nil }
            self = .one(status)
        }
    }

    static var allValueStrings: [String] { ClaimStatus.allCases.map(\.rawValue) + ["open", "closed"] }

    /// The statuses the choices name, each once, in the order of `ClaimStatus`.
    static func statuses(_ choices: [StatusChoice]) -> [ClaimStatus] {
        var chosen = Set<ClaimStatus>()
        for choice in choices {
            switch choice {
            case .one(let status): chosen.insert(status)
            case .open: chosen.formUnion(ClaimStatus.allCases.filter(\.isOpen))
            case .closed: chosen.formUnion(ClaimStatus.allCases.filter { !$0.isOpen })
            }
        }
        return ClaimStatus.allCases.filter(chosen.contains)
    }
}
