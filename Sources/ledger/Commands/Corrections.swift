import ArgumentParser
import LedgerCore

/// Corrections (SPEC §2): `edit`, `evidence edit`, `withdraw`; and research notes (`note`).
/// Each prints what changed, then the claim as it now stands.
func printCorrection(_ outcome: CorrectionOutcome, what: String, json: Bool) {
    let claim = outcome.detail.claim
    let move =
        outcome.statusBefore == claim.status
        ? "\(claim.label) stays \(claim.status.rawValue)." : "\(claim.label): \(outcome.statusBefore.rawValue) → \(claim.status.rawValue)."
    Terminal.note("\(what) (log entry #\(outcome.entry)). \(move)")
    ClaimText.print(outcome.detail, json: json)
}

extension LedgerCommand {
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Correct a claim's recorded fields; the log keeps the values before and after.",
            discussion: """
                Give each field to change; an empty value (--url "") clears an optional field. The claimant \
                cannot change: a different speaker is a different claim. A new quantity is checked against \
                the supporting evidence's figures (--force keeps inconsistent support, flagged). `ledger undo` \
                takes the correction back.
                Example: ledger edit C1 --quantity "more than 3000 sq km" --reason "Typo: the article says 3000"
                """
        )

        @Argument(help: "The claim's id, such as C3, or its UUID.")
        var claim: String

        @Option(help: "The statement, corrected.")
        var statement: String?

        @Option(help: ArgumentHelp("When the claimant said it.", valueName: "date"), transform: parseDate)
        var date: LedgerDate?

        @Option(help: ArgumentHelp("Handle of the outlet it appeared in (\"\" for none).", valueName: "handle"))
        var via: String?

        @Option(help: "A web address where it can be read (http or https; \"\" for none).")
        var url: String?

        @Option(help: "The claimant's words (\"\" for none).")
        var quote: String?

        @Option(help: "The figure claimed, such as \"more than 1000 sq km\" (\"\" for none).")
        var quantity: String?

        @Option(help: "Where it happened (\"\" for none).")
        var place: String?

        @Option(help: ArgumentHelp("A tag to add (repeat for more).", valueName: "tag"))
        var tag: [String] = []

        @Option(help: ArgumentHelp("A tag to remove (repeat for more).", valueName: "tag"))
        var untag: [String] = []

        @Option(help: "Why the record is corrected (kept in the log).")
        var reason: String

        @Flag(help: "Correct the figure even when supporting evidence gives an inconsistent one (that evidence is flagged).")
        var force = false

        /// Named only to be refused with the way forward (a different speaker is a different claim).
        @Option(name: [.customLong("claimant"), .customLong("source")], help: .private)
        var claimant: String?

        @OptionGroup var options: WriterOptions

        @Flag(name: .long, help: "Print the claim as JSON.")
        var json = false

        func run() throws {
            // Refused here rather than in validate(), so that the refusal is one sentence, without the usage block.
            if claimant != nil {
                throw LedgerError.usage(
                    "A claim's claimant cannot be corrected (a different speaker is a different claim): record it with `ledger add … --source HANDLE`, and retract or supersede \(claim) if it should not stand.")
            }
            if statement == nil, date == nil, via == nil, url == nil, quote == nil, quantity == nil, place == nil, tag.isEmpty, untag.isEmpty {
                throw LedgerError.usage(
                    "Say what to correct: --statement, --date, --via, --url, --quote, --quantity, --place, --tag or --untag.")
            }
            let outcome = try options.openLedger().editClaim(
                claim,
                ClaimEdit(
                    statement: statement, date: date, via: via, url: url, quote: quote, quantity: quantity, place: place, addTags: tag,
                    removeTags: untag, reason: reason, force: force))
            printCorrection(outcome, what: "Corrected \(outcome.subject): \(Ledger.describe(outcome.changes))", json: json)
        }
    }

    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "withdraw",
            abstract: "Withdraw evidence recorded by mistake: it no longer counts, but stays in show, reports and the log, marked.",
            discussion: "Example: ledger withdraw E7 --reason \"Misattributed: the quote is ISW's, not the General Staff's\""
        )

        @Argument(help: "The evidence row's id, such as E7.")
        var evidence: String

        @Option(help: "Why it is withdrawn (shown with it).")
        var reason: String

        @OptionGroup var options: WriterOptions

        @Flag(name: .long, help: "Print the claim as JSON.")
        var json = false

        func run() throws {
            let outcome = try options.openLedger().withdraw(evidence, reason: reason)
            printCorrection(outcome, what: "Withdrew \(outcome.subject); it no longer counts", json: json)
        }
    }

    struct EvidenceCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "evidence",
            abstract: "Show or correct one evidence row.",
            subcommands: [EvidenceEdit.self, EvidenceShow.self]
        )
    }

    struct EvidenceShow: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show one evidence row with its claim, why it counts, and its history."
        )

        @Argument(help: "The evidence row's id, such as E7.")
        var evidence: String

        @OptionGroup var options: ReaderOptions

        func run() throws { try showEvidence(evidence, options: options) }
    }

    struct EvidenceEdit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Correct an evidence row's recorded fields; the log keeps the values before and after.",
            discussion: """
                Give each field to change; an empty value (--citing "") clears an optional field. The source \
                and stance cannot change: withdraw the row (`ledger withdraw`) and record it again. A new \
                quantity is checked against the claim's (--force records inconsistent support, flagged).
                Example: ledger evidence edit E4 --citing ua-military --reason "It repeats the General Staff"
                """
        )

        @Argument(help: "The evidence row's id, such as E7.")
        var evidence: String

        @Option(help: ArgumentHelp("When the source said it.", valueName: "date"), transform: parseDate)
        var date: LedgerDate?

        @Option(help: ArgumentHelp("Handle of the outlet it appeared in (\"\" for none).", valueName: "handle"))
        var via: String?

        @Option(help: "A web address where it can be read (http or https; \"\" for none).")
        var url: String?

        @Option(help: "The source's words (\"\" for none).")
        var quote: String?

        @Option(help: "The figure this source gives (\"\" for none).")
        var quantity: String?

        @Option(help: ArgumentHelp("Handle of the source this one only repeats (\"\" for none).", valueName: "handle"))
        var citing: String?

        @Option(help: "An analyst's note (\"\" for none).")
        var note: String?

        @Option(help: "Why the record is corrected (kept in the log).")
        var reason: String

        @Flag(help: "Record the figure as support even when it is inconsistent with the claim's (it is flagged).")
        var force = false

        /// Named only to be refused with the way forward (another source or stance is other evidence).
        @Option(name: .customLong("source"), help: .private)
        var source: String?

        @Option(name: .customLong("stance"), help: .private)
        var stance: String?

        @OptionGroup var options: WriterOptions

        @Flag(name: .long, help: "Print the claim as JSON.")
        var json = false

        func run() throws {
            // Refused here rather than in validate(), so that the refusal is one sentence, without the usage block.
            if source != nil || stance != nil {
                throw LedgerError.usage(
                    "The source and stance of evidence cannot be corrected (that is other evidence): withdraw it with `ledger withdraw \(evidence) --reason …` and record it again with `ledger corroborate` or `ledger contradict`.")
            }
            if date == nil, via == nil, url == nil, quote == nil, quantity == nil, citing == nil, note == nil {
                throw LedgerError.usage("Say what to correct: --date, --via, --url, --quote, --quantity, --citing or --note.")
            }
            let outcome = try options.openLedger().editEvidence(
                evidence,
                LedgerCore.EvidenceEdit(
                    date: date, via: via, url: url, quote: quote, quantity: quantity, citing: citing, note: note, reason: reason, force: force))
            printCorrection(outcome, what: "Corrected \(outcome.subject): \(Ledger.describe(outcome.changes))", json: json)
        }
    }

    struct NoteCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "note",
            abstract: "Add a research note to a claim's timeline; notes never move a status.",
            discussion: """
                Name the source and address consulted when the note records what was looked at and found \
                neither supporting nor contradicting the claim.
                Example: ledger note C4 "Searched the Kharkiv regional administration's channel: nothing either way" --source kharkiv-ova --date 2022-09-11
                """
        )

        @Argument(help: "The claim's id, such as C3, or its UUID.")
        var claim: String

        @Argument(help: "The note.")
        var text: String

        @Option(help: ArgumentHelp("Handle of the source consulted.", valueName: "handle"))
        var source: String?

        @Option(help: "The address consulted (http or https).")
        var url: String?

        @Option(help: ArgumentHelp("When the research was done (default: today).", valueName: "date"), transform: parseDate)
        var date: LedgerDate?

        @OptionGroup var options: WriterOptions

        @Flag(name: .long, help: "Print the claim as JSON.")
        var json = false

        func run() throws {
            let (detail, note) = try options.openLedger().addNote(to: claim, NewNote(text: text, source: source, url: url, date: date))
            Terminal.note("Recorded \(note.label) on \(detail.claim.label); its status does not move (\(detail.claim.status.rawValue)).")
            ClaimText.print(detail, json: json)
        }
    }
}

extension LedgerCommand {
    struct Refigure: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "refigure",
            abstract: "Read the ledger's figures again as this version reads them, each claim as one logged correction.",
            discussion: """
                A figure keeps the meaning the version that recorded it gave it (`check` names those that now \
                read otherwise). This re-reads them: each claim whose figures change is one correction in the \
                log, before and after, undone by `ledger undo`; forced flags follow the new readings. A claim \
                whose figure no longer reads, or whose figures would no longer compare, is kept as stored and named.
                """
        )

        @OptionGroup var options: WriterOptions

        func run() throws {
            let outcome = try options.openLedger().refigure()
            for claim in outcome.reread {
                Terminal.note("Re-read \(claim.claim) (log entry #\(claim.entry)): \(Ledger.describe(claim.changes)).")
            }
            for claim in outcome.kept {
                Terminal.note("Kept \(claim.claim) as stored: \(claim.reason).")
            }
            if outcome.reread.isEmpty && outcome.kept.isEmpty {
                Terminal.note("Every figure reads as it is stored; nothing was changed.")
            } else {
                let count = outcome.reread.count
                Terminal.note("\(count == 1 ? "1 claim" : "\(count) claims") re-read, \(outcome.kept.count) kept as stored.")
            }
        }
    }
}
