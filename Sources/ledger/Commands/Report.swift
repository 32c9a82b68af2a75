import ArgumentParser
import LedgerCore

extension ReportFormat: ExpressibleByArgument {}

extension LedgerCommand {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Write a report of the claims: Markdown, JSON, CSV or schema.org ClaimReview.",
            discussion: """
                The same ledger and arguments always give the same bytes. --output writes to a temporary file \
                renamed into place, and refuses to replace an existing file unless --force is given.
                Example: ledger report --as-of 2022-09-11 --changes-since 2022-09-10 --output report.md
                """
        )

        @Option(help: ArgumentHelp("markdown (default), json, csv or claimreview.", valueName: "format"))
        var format: ReportFormat = .markdown

        @Option(help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file"))
        var output: String?

        @Flag(help: "Replace the --output file if it exists.")
        var force = false

        @OptionGroup var filters: ClaimFilterOptions

        @Option(
            name: .customLong("changes-since"),
            help: ArgumentHelp("Also list the claims whose status changed since this date.", valueName: "date"),
            transform: parseDate)
        var changesSince: LedgerDate?

        @Option(help: "The report's title.")
        var title: String?

        @Option(help: "For claimreview: the organisation publishing the reviews.")
        var publisher: String?

        @Option(
            name: .customLong("base-url"),
            help: ArgumentHelp("For claimreview: the address reviews live under; the claim id is appended.", valueName: "url"))
        var baseURL: String?

        @OptionGroup var location: LedgerOption

        func validate() throws {
            if format == .claimreview {
                guard publisher?.trimmingSpaces.isEmpty == false else {
                    throw ValidationError("A ClaimReview names its publisher: add --publisher NAME.")
                }
                guard let baseURL, Markdown.isWebAddress(baseURL) else {
                    throw ValidationError("A ClaimReview needs the web address reviews live under: add --base-url https://….")
                }
            }
            if let output, output.trimmingSpaces.isEmpty { throw ValidationError("--output needs a file name.") }
        }

        func run() throws {
            let ledger = try location.open(.read)
            // Text that goes into the report is checked as text stored in the ledger is.
            let options = ReportOptions(
                filter: filters.filter, asOf: filters.asOf, changesSince: changesSince,
                title: try Validation.optional(title, field: "title", limit: Validation.nameLimit),
                publisher: try Validation.optional(publisher, field: "publisher", limit: Validation.nameLimit),
                baseURL: try Validation.url(baseURL, field: "base URL"))
            let writer = ReportWriter(ledger: ledger, options: options)
            let sink = try OutputFile(path: output, replace: force, ledger: location.path)
            let progress = ProgressLine(noun: "claims")
            do {
                try writer.write(format, to: sink.write, progress: progress.update)
                try sink.commit()
            } catch {
                sink.discard()
                throw error
            }
            progress.finish()
            if let output { Terminal.note("Wrote \(output) (\(format.rawValue)): \(progress.count) claim\(progress.count == 1 ? "" : "s").") }
        }
    }
}
