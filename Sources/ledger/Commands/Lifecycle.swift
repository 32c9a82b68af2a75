import ArgumentParser
import LedgerCore

/// Prints what a lifecycle change did, then the claim as it now stands.
func printLifecycle(_ outcome: Ledger.LifecycleOutcome, json: Bool) {
    let claim = outcome.detail.claim
    Terminal.note("\(claim.label): \(outcome.statusBefore.rawValue) → \(claim.status.rawValue).")
    ClaimText.print(outcome.detail, json: json)
}

extension Verdict: ExpressibleByArgument {
    /// In any case, as grades and kinds are (`--verdict True`).
    public init?(argument: String) {
        self.init(rawValue: argument.lowercased())
    }
}

extension LedgerCommand {
    struct Retract: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retract",
            abstract: "Mark an open claim as retracted by its claimant or an analyst.",
            discussion: "Example: ledger retract C3 --source ua-mfa --date 2022-09-12 --reason \"Deleted the post\""
        )

        @Argument(help: "The claim's id, such as C3.")
        var claim: String

        @Option(help: ArgumentHelp("Handle of the source that withdrew it, if a source did.", valueName: "handle"))
        var source: String?

        @Option(help: ArgumentHelp("When it was withdrawn (default: today).", valueName: "date"), transform: parseDate)
        var date: LedgerDate?

        @Option(help: "A web address where the retraction can be read (http or https).")
        var url: String?

        @Option(help: "Why it was retracted.")
        var reason: String?

        @OptionGroup var options: WriterOptions

        @Flag(name: .long, help: "Print the claim as JSON.")
        var json = false

        func run() throws {
            let outcome = try options.openLedger().changeLifecycle(
                of: claim, .retract(source: source, date: date, url: url, reason: reason))
            printLifecycle(outcome, json: json)
        }
    }

    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "resolve",
            abstract: "Close an open claim with an analyst's verdict.",
            discussion: "Example: ledger resolve C3 --verdict true --reason \"Geolocated footage of the town hall\""
        )

        @Argument(help: "The claim's id, such as C3.")
        var claim: String

        @Option(help: ArgumentHelp("The verdict: true, false, misleading or unproven.", valueName: "verdict"))
        var verdict: Verdict

        @Option(help: "Why: the evidence the verdict rests on.")
        var reason: String

        @Option(help: ArgumentHelp("When the verdict was reached (default: today).", valueName: "date"), transform: parseDate)
        var date: LedgerDate?

        @Option(help: ArgumentHelp("Handle of the fact-checker whose verdict it is (ClaimReview names it as the review's author).", valueName: "handle"))
        var source: String?

        @Option(help: ArgumentHelp("The fact-check's article (http or https).", valueName: "url"))
        var url: String?

        @OptionGroup var options: WriterOptions

        @Flag(name: .long, help: "Print the claim as JSON.")
        var json = false

        func run() throws {
            let outcome = try options.openLedger().changeLifecycle(
                of: claim, .resolve(verdict: verdict, reason: reason, date: date, source: source, url: url))
            printLifecycle(outcome, json: json)
        }
    }

    struct Supersede: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "supersede",
            abstract: "Mark an open claim as replaced by a later claim.",
            discussion: """
                The claim keeps the credibility digit it had. The change takes effect on the later claim's date \
                unless --date says otherwise. Example: ledger supersede C1 --by C9 --reason "Updated figure"
                """
        )

        @Argument(help: "The claim that is replaced, such as C1.")
        var claim: String

        @Option(name: .customLong("by"), help: ArgumentHelp("The claim that replaces it.", valueName: "claim"))
        var successor: String

        @Option(help: "Why it is replaced.")
        var reason: String?

        @Option(help: ArgumentHelp("When it was replaced (default: the later claim's date).", valueName: "date"), transform: parseDate)
        var date: LedgerDate?

        @OptionGroup var location: LedgerOption

        @Option(name: .customLong("recorded-by"), help: ArgumentHelp("Who is recording this (default: $LEDGER_USER, else $USER; refused on a server, which records the database role).", valueName: "name"))
        var recordedBy: String?

        @Flag(name: .long, help: "Print the claim as JSON.")
        var json = false

        func run() throws {
            let ledger = try location.openForWriting(by: recordedBy, option: "--recorded-by")
            let outcome = try ledger.changeLifecycle(of: claim, .supersede(by: successor, reason: reason, date: date))
            printLifecycle(outcome, json: json)
        }
    }

    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reopen",
            abstract: "Reopen a retracted, resolved or superseded claim; its status is derived from the evidence again.",
            discussion: "Example: ledger reopen C3 --reason \"New footage contradicts the verdict\""
        )

        @Argument(help: "The claim's id, such as C3.")
        var claim: String

        @Option(help: "Why it is reopened.")
        var reason: String

        @Option(help: ArgumentHelp("When it was reopened (default: today).", valueName: "date"), transform: parseDate)
        var date: LedgerDate?

        @OptionGroup var options: WriterOptions

        @Flag(name: .long, help: "Print the claim as JSON.")
        var json = false

        func run() throws {
            let outcome = try options.openLedger().changeLifecycle(of: claim, .reopen(reason: reason, date: date))
            printLifecycle(outcome, json: json)
        }
    }
}
