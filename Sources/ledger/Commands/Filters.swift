import ArgumentParser
import LedgerCore

/// The filters `list` and `report` share.
struct ClaimFilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only claims with this status; repeat for several.", valueName: "status"))
    var status: [ClaimStatus] = []

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
        ClaimFilter(statuses: status, tag: tag, source: source, place: place, since: since, until: until, search: search)
    }
}
