import ArgumentParser
import LedgerCore

/// What `corroborate` and `contradict` share.
struct EvidenceFields: ParsableArguments {
    @Argument(help: "The claim's id, such as C3.")
    var claim: String

    @Option(help: ArgumentHelp("Handle of the source that says it.", valueName: "handle"))
    var source: String

    @Option(help: ArgumentHelp("When that source said it (default: today).", valueName: "date"), transform: parseDate)
    var date: LedgerDate?

    @Option(help: ArgumentHelp("Handle of the outlet it appeared in.", valueName: "handle"))
    var via: String?

    @Option(help: "A web address where it can be read (http or https).")
    var url: String?

    @Option(help: "The source's words.")
    var quote: String?

    @Option(help: "The figure this source gives, such as \"as much as 50 km\".")
    var quantity: String?

    @Option(help: ArgumentHelp("Handle of the source this one only repeats; repetition is not corroboration.", valueName: "handle"))
    var citing: String?

    @Option(help: "An analyst's note.")
    var note: String?

    @OptionGroup var options: WriterOptions

    @Flag(name: .long, help: "Print the claim as JSON.")
    var json = false

    func record(_ stance: Stance, force: Bool) throws {
        let ledger = try options.openLedger()
        let outcome = try ledger.addEvidence(
            to: claim,
            NewEvidence(
                stance: stance, source: source, citing: citing, date: date, via: via, url: url, quote: quote, quantity: quantity,
                note: note, force: force))
        let claim = outcome.detail.claim
        // Why it counts as it does: "(independent)", "(counts against)", or an echo's reason.
        let reason = outcome.evidence.countsAs
        var independence = reason.hasPrefix("echo (") || reason.hasPrefix("not counted (") ? ": " + reason : " (\(reason))"
        if outcome.evidence.forced {
            independence += stance == .contradicts
                ? ", flagged forced: its figure agrees with the claim's" : ", flagged forced: its figure does not fit the claim's and is left out of the agreed range"
        }
        if outcome.claimWasClosed {
            Terminal.note(
                "Recorded \(outcome.evidence.label) on \(claim.label)\(independence). \(claim.label) is \(claim.status.rawValue), so its status does not move; reports flag this as new evidence after closing.")
        } else if outcome.statusBefore != claim.status {
            Terminal.note("Recorded \(outcome.evidence.label)\(independence). \(claim.label): \(outcome.statusBefore.rawValue) → \(claim.status.rawValue).")
        } else {
            Terminal.note("Recorded \(outcome.evidence.label)\(independence). \(claim.label) stays \(claim.status.rawValue).")
        }
        ClaimText.print(outcome.detail, json: json)
    }
}

extension LedgerCommand {
    struct Corroborate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "corroborate",
            abstract: "Record a source supporting a claim.",
            discussion: """
                Support counts as independent when its origin (--citing, else --source) is in another group \
                than the claimant and is not graded E; otherwise it is an echo.
                Example: ledger corroborate C2 --source uk-mod --date 2022-09-10 --quote "as much as 50km"
                """
        )

        @OptionGroup var fields: EvidenceFields

        @Flag(help: "Record it even when its quantity is inconsistent with the claim's (it is flagged).")
        var force = false

        func run() throws { try fields.record(.supports, force: force) }
    }

    struct Contradict: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "contradict",
            abstract: "Record a source contradicting a claim.",
            discussion: """
                A --quantity is held to the claim's: a figure consistent with it does not contradict the number \
                and is refused, unless --force records it as a contradiction of something else, flagged.
                Example: ledger contradict C4 --source zelensky --date 2022-09-10 --quote "showing its back"
                """
        )

        @OptionGroup var fields: EvidenceFields

        @Flag(help: "Record it even when its quantity is consistent with the claim's (it is flagged).")
        var force = false

        func run() throws { try fields.record(.contradicts, force: force) }
    }
}
