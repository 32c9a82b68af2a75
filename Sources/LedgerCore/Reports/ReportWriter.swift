/// Writes a report in any format, streaming: each part goes to `sink` as soon as it is made.
///
/// It reads through the `Ledger` façade and renders with the pure functions of each
/// format; it touches no terminal and no file (the caller's sink does).
public struct ReportWriter {
    public let ledger: Ledger
    public let options: ReportOptions

    public init(ledger: Ledger, options: ReportOptions) {
        self.ledger = ledger
        self.options = options
    }

    /// Called after each claim with the number written so far, for progress display.
    public typealias Progress = (Int) -> Void

    /// Writes the report; with `charts` (Markdown only), its pictures go to that folder as SVG files and are linked.
    public func write(_ format: ReportFormat, to sink: (String) throws -> Void, charts: ChartFolder? = nil, progress: Progress? = nil) throws {
        // One snapshot for the whole report: its counts, sections and head agree.
        try ledger.snapshot {
            switch format {
            case .markdown: try markdown(sink, charts, progress)
            case .html: try html(sink, progress)
            case .json: try json(sink, progress)
            case .csv: try csv(sink, progress)
            case .claimreview: try claimReview(sink, progress)
            }
        }
    }

    private var filter: ClaimFilter { options.filter }

    private func markdown(_ sink: (String) throws -> Void, _ charts: ChartFolder?, _ progress: Progress?) throws {
        let counts = try ledger.reportCounts(filter, asOf: options.asOf)
        try sink(MarkdownReport.heading(options, counts: counts, head: try ledger.head()))
        try sink(MarkdownReport.summary(counts))
        try sink(MarkdownReport.claimsTableHead())
        var any = false
        try ledger.forEachClaim(filter, asOf: options.asOf, tags: false) { claim in
            any = true
            try sink(MarkdownReport.claimsTableRow(claim))
        }
        try sink(any ? "\n" : "\n" + MarkdownReport.noClaims)
        var records = TrackRecords()
        var overTime = LedgerOverTime()
        overTime.until = options.asOf.map { DayNumber.of($0.text) }
        // Every source, read once: for the echo table's room and for the sources section.
        let allSources = try ledger.sources()
        var echoes = charts == nil ? EchoGraph() : EchoGraph(sources: allSources.count)
        if any {
            try sink(MarkdownReport.detailsHead())
            var written = 0
            try ledger.forEachReportClaim(filter, asOf: options.asOf, history: charts != nil) { detail, _ in
                records.add(detail)
                if let charts {
                    overTime.add(detail.history)
                    echoes.add(detail)
                    let timeline = ClaimPictures.timeline(detail, standalone: true)
                    let figures = ClaimPictures.figures(detail, standalone: true)
                    try charts.write(timeline)
                    if let figures { try charts.write(figures) }
                    try sink(MarkdownReport.section(detail, charts: (charts.link, timeline, figures)))
                } else {
                    try sink(MarkdownReport.section(detail))
                }
                written += 1
                progress?(written)
            }
        }
        if let since = options.changesSince {
            try sink(MarkdownReport.changesHead(since: since, asOf: options.asOf))
            var changed = false
            try forEachChange(since: since) { change in
                changed = true
                try sink(MarkdownReport.changeRow(change))
            }
            try sink(changed ? "\n" : "\n" + MarkdownReport.noChanges)
        }
        if let charts {
            let (text, picture) = MarkdownReport.overTime(overTime, folder: charts.link)
            if let picture { try charts.write(picture) }
            try sink(text)
        }
        let sources = allSources.filter { records.handles.contains($0.handle) }
        try sink(MarkdownReport.sources(records.records(for: sources)))
        if let charts { try MarkdownReport.echoes(echoes, sources: sources, folder: charts.link, write: charts.write, to: sink) }
        try sink(MarkdownReport.legend(pictures: charts != nil))
    }

    /// The HTML page: the Markdown's sections, with every picture drawn inline.
    private func html(_ sink: (String) throws -> Void, _ progress: Progress?) throws {
        let counts = try ledger.reportCounts(filter, asOf: options.asOf)
        try sink(HTMLReport.heading(options, counts: counts, head: try ledger.head()))
        try sink(HTMLReport.summary(counts))
        try sink(HTMLReport.claimsTableHead())
        var any = false
        try ledger.forEachClaim(filter, asOf: options.asOf, tags: false) { claim in
            any = true
            try sink(HTMLReport.claimsTableRow(claim))
        }
        try sink(HTMLReport.claimsTableEnd(any: any))
        var records = TrackRecords()
        var overTime = LedgerOverTime()
        overTime.until = options.asOf.map { DayNumber.of($0.text) }
        let allSources = try ledger.sources()
        var echoes = EchoGraph(sources: allSources.count)
        if any {
            try sink(HTMLReport.detailsHead())
            var written = 0
            try ledger.forEachReportClaim(filter, asOf: options.asOf, history: true) { detail, _ in
                records.add(detail)
                overTime.add(detail.history)
                echoes.add(detail)
                try sink(HTMLReport.section(detail))
                written += 1
                progress?(written)
            }
            try sink(HTMLReport.detailsEnd())
        }
        if let since = options.changesSince {
            try sink(HTMLReport.changesHead(since: since, asOf: options.asOf))
            var changed = false
            try forEachChange(since: since) { change in
                changed = true
                try sink(HTMLReport.changeRow(change))
            }
            try sink(HTMLReport.changesEnd(any: changed))
        }
        try sink(HTMLReport.overTime(overTime))
        let sources = allSources.filter { records.handles.contains($0.handle) }
        try sink(HTMLReport.sources(records.records(for: sources)))
        try HTMLReport.echoes(echoes, sources: sources, to: sink)
        try sink(HTMLReport.legend())
        try sink(HTMLReport.end())
    }

    /// The claims whose status on `since` differs from their status in the report.
    func forEachChange(since: LedgerDate, _ body: (StatusChange) throws -> Void) throws {
        try ledger.forEachReportClaim(filter, asOf: options.asOf, alsoAt: since) { detail, earlier in
            guard earlier?.status != detail.claim.status else { return }
            try body(StatusChange(claim: detail.claim, before: earlier?.status, after: detail.claim.status))
        }
    }

    private func json(_ sink: (String) throws -> Void, _ progress: Progress?) throws {
        try JSONReport.write(self, to: sink, progress: progress)
    }

    private func csv(_ sink: (String) throws -> Void, _ progress: Progress?) throws {
        try sink(CSVReport.header)
        var written = 0
        try ledger.forEachReportClaim(filter, asOf: options.asOf) { detail, _ in
            try sink(CSVReport.row(detail))
            written += 1
            progress?(written)
        }
    }

    private func claimReview(_ sink: (String) throws -> Void, _ progress: Progress?) throws {
        try ClaimReviewReport.write(self, to: sink, progress: progress)
    }
}
