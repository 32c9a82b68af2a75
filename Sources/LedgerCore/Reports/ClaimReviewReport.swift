/// `report --format claimreview`: schema.org ClaimReview JSON-LD, one review per claim.
///
/// Ratings run from 1 (worst: false) to 5 (best: true); `alternateName` says the
/// ledger's status in words. The mapping is documented in the README.
public enum ClaimReviewReport {
    /// The rating (1–5) and its name for a claim's status and verdict. A retraction is "by its
    /// source" only when the claimant retracted it (`retract --source`), not an analyst.
    public static func rating(_ claim: Claim, retractedBySource: Bool = false) -> (value: Int, name: String) {
        switch claim.status {
        case .confirmed: (5, "Confirmed")
        case .corroborated: (4, "Corroborated")
        case .unverified: (3, "Unverified")
        case .disputed: (3, "Disputed")
        case .contradicted: (2, "Contradicted")
        case .retracted: (2, retractedBySource ? "Retracted by its source" : "Retracted")
        case .superseded: (3, "Superseded by \(claim.supersededBy.map(claimLabel) ?? "a later claim")")
        case .resolved:
            switch claim.verdict {
            case .true: (5, "True")
            case .misleading: (2, "Misleading")
            case .false: (1, "False")
            case .unproven, nil: (3, "Unproven")
            }
        }
    }

    /// Where a claim's review lives: `base` joined to the claim id.
    public static func reviewURL(base: String, claim: String) -> String {
        if let last = base.last, "/#=?".contains(last) { return base + claim }
        return base + "/" + claim
    }

    /// The review of one claim.
    /// When the claim was resolved with `--source`, that fact-checker is the review's author
    /// (`sourceNames` gives its name), else the publisher; the verdict's reason is its body.
    public static func review(
        _ detail: ClaimDetail, publisher: String, baseURL: String, claimantKind: SourceKind?, sourceNames: [String: String] = [:]
    ) -> JSONValue {
        let claim = detail.claim
        let lastRetraction = detail.lifecycle.last { $0.action == .retract }
        let (value, name) = rating(claim, retractedBySource: lastRetraction?.source != nil && lastRetraction?.source == claim.claimant)
        var item: [(String, JSONValue)] = [
            ("@type", .string("Claim")),
            ("author", .object([("@type", .string(claimantKind == .individual ? "Person" : "Organization")), ("name", .string(detail.claimantName))])),
            ("datePublished", .string(claim.date.day)),
        ]
        if let url = claim.url, Markdown.isWebAddress(url) {
            item.append(("firstAppearance", .object([("@type", .string("CreativeWork")), ("url", .string(url))])))
        }
        let echoes = detail.evidence.filter { $0.stance == .supports && !$0.independent && !$0.isWithdrawn }.compactMap(\.url).filter(Markdown.isWebAddress)
        if !echoes.isEmpty {
            item.append(("appearance", .array(echoes.map { .object([("@type", .string("CreativeWork")), ("url", .string($0))]) })))
        }
        let latest = ([claim.date] + detail.evidence.map(\.date) + detail.lifecycle.map(\.effective)).max() ?? claim.date
        let resolution = claim.status == .resolved ? detail.lifecycle.last { $0.action == .resolve } : nil
        let author = resolution?.source.map { sourceNames[$0] ?? $0 } ?? publisher
        var review: [(String, JSONValue)] = [
            ("@type", .string("ClaimReview")),
            ("url", .string(reviewURL(base: baseURL, claim: claim.label))),
            ("claimReviewed", .string(claim.statement)),
            ("datePublished", .string(latest.day)),
            ("itemReviewed", .object(item)),
            ("reviewRating",
            .object([
                ("@type", .string("Rating")), ("ratingValue", .integer(Int64(value))), ("bestRating", .integer(5)),
                ("worstRating", .integer(1)), ("alternateName", .string(name)),
            ])),
            ("author", .object([("@type", .string("Organization")), ("name", .string(author))])),
        ]
        if let reason = resolution?.reason { review.append(("reviewBody", .string(reason))) }
        return .object(review)
    }

    static func write(_ writer: ReportWriter, to sink: (String) throws -> Void, progress: ReportWriter.Progress?) throws {
        let publisher = writer.options.publisher ?? ""
        let baseURL = writer.options.baseURL ?? ""
        let sources = try writer.ledger.sources()
        let kinds = Dictionary(sources.map { ($0.handle, $0.kind) }, uniquingKeysWith: { first, _ in first })
        let names = Dictionary(sources.map { ($0.handle, $0.name) }, uniquingKeysWith: { first, _ in first })
        try sink("{\n  \"@context\": \"https://schema.org\",\n  \"@graph\": [")
        var written = 0
        try writer.ledger.forEachReportClaim(writer.options.filter, asOf: writer.options.asOf) { detail, _ in
            let review = review(detail, publisher: publisher, baseURL: baseURL, claimantKind: kinds[detail.claim.claimant], sourceNames: names)
            try sink((written == 0 ? "\n    " : ",\n    ") + review.serialized(indent: 2))
            written += 1
            progress?(written)
        }
        try sink(written == 0 ? "]\n}\n" : "\n  ]\n}\n")
    }
}
