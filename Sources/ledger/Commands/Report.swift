import ArgumentParser
import LedgerCore

extension ReportFormat: ExpressibleByArgument {}

extension LedgerCommand {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Write a report of the claims: Markdown, HTML, JSON, CSV or schema.org ClaimReview.",
            discussion: """
                The same ledger and arguments always give the same bytes. --output writes to a temporary file \
                renamed into place, and refuses to replace an existing file unless --force is given.
                --format html writes one self-contained page (no script, nothing loaded from elsewhere) with \
                pictures drawn inline: a timeline per claim, the claims by status over time, who echoes whom, \
                and figures on one axis. --charts DIR writes the same pictures as SVG files into DIR and links \
                them from the Markdown report.
                Example: ledger report --as-of 2022-09-11 --changes-since 2022-09-10 --output report.md
                Example: ledger report --format html --output report.html
                Example: ledger report --output report.md --charts charts
                """
        )

        @Option(help: ArgumentHelp("markdown (default), html, json, csv or claimreview.", valueName: "format"))
        var format: ReportFormat = .markdown

        @Option(help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file"))
        var output: String?

        @Flag(help: "Replace the --output file (and the --charts folder's charts) if they exist.")
        var force = false

        @Option(
            help: ArgumentHelp(
                "With Markdown: write the report's pictures as SVG files into this folder and link them.", valueName: "folder"))
        var charts: String?

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
            if let charts {
                guard format == .markdown else {
                    throw ValidationError(
                        format == .html
                            ? "--charts goes with Markdown; the HTML report draws its pictures inline. Leave out --charts."
                            : "--charts goes with Markdown (the default format); \(format.rawValue) has no pictures. Leave out --charts or --format.")
                }
                if charts.trimmingSpaces.isEmpty { throw ValidationError("--charts needs a folder name.") }
            }
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
            let chartOutput = try charts.map { try ChartOutput(path: $0, replace: force, ledger: location.path, output: output) }
            let sink: OutputFile
            do {
                sink = try OutputFile(path: output, replace: force, ledger: location.path)
            } catch {
                chartOutput?.discard()
                throw error
            }
            let folder = chartOutput.map { chartOutput in
                ChartFolder(link: ChartOutput.link(to: chartOutput.path, from: output), write: chartOutput.write)
            }
            let progress = ProgressLine(noun: "claims")
            do {
                try writer.write(format, to: sink.write, charts: folder, progress: progress.update)
            } catch {
                sink.discard()
                chartOutput?.discard()
                throw error
            }
            // The charts first, so that the report's links resolve the moment it appears; signals
            // wait until the report, its charts and the folder they replace are all in place
            // (a signal between would leave new charts beside an old report).
            let blocked = chartOutput == nil ? nil : SignalCleanup.blockSignals()
            defer { if let blocked { SignalCleanup.restore(blocked) } }
            do {
                try chartOutput?.commit()
            } catch {
                sink.discard()
                throw error
            }
            do {
                try sink.commit()
            } catch {
                chartOutput?.undo()
                throw error
            }
            chartOutput?.finish()
            progress.finish()
            if let output {
                let pictures = charts.map { ", its pictures in \($0.shown(limit: 200))" } ?? ""
                Terminal.note("Wrote \(output) (\(format.rawValue)\(pictures)): \(progress.count) claim\(progress.count == 1 ? "" : "s").")
            }
        }
    }
}
