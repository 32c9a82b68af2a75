import CSV
import Foundation
import Testing

@testable import LedgerCore

/// Reports of the worked example, compared with committed expected files.
///
/// `examples/kharkiv-2022/report.md` is compared byte for byte. JSON, CSV and ClaimReview
/// carry random UUIDs, so each distinct UUID is replaced by `<uuid-N>` in order of first
/// appearance before comparing with `Tests/ledgerTests/Golden/`. Run the suite with
/// `LEDGER_UPDATE_GOLDEN=1` to rewrite the expected files after an intended change.
struct ReportGoldenTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let golden = root.appendingPathComponent("Tests/ledgerTests/Golden")

    func compare(_ actual: String, with expectedFile: URL) throws {
        if ProcessInfo.processInfo.environment["LEDGER_UPDATE_GOLDEN"] == "1" {
            try actual.write(to: expectedFile, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: expectedFile, encoding: .utf8)
        #expect(actual == expected, "\(expectedFile.lastPathComponent) differs; if the change is intended, rerun with LEDGER_UPDATE_GOLDEN=1")
    }

    static func normalizingUUIDs(_ text: String) -> String {
        let pattern = try! NSRegularExpression(pattern: "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
        var numbers: [String: Int] = [:]
        var result = ""
        var last = text.startIndex
        for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard let range = Range(match.range, in: text) else { continue }
            let uuid = String(text[range])
            let number = numbers[uuid] ?? numbers.count + 1
            numbers[uuid] = number
            result += text[last..<range.lowerBound] + "<uuid-\(number)>"
            last = range.upperBound
        }
        return result + text[last...]
    }

    @Test func markdownReportMatchesTheCommittedExampleByteForByte() throws {
        let workspace = Workspace()
        let report = workspace.folder + "/report.md"
        _ = try runExample(into: workspace, environment: ["REPORT": report])
        let actual = try String(contentsOfFile: report, encoding: .utf8)
        try compare(actual, with: ReportGoldenTests.root.appendingPathComponent("examples/kharkiv-2022/report.md"))
    }

    @Test func htmlReportAndChartsMatchTheCommittedExampleByteForByte() throws {
        let workspace = Workspace()
        _ = try runExample(into: workspace)
        let example = ReportGoldenTests.root.appendingPathComponent("examples/kharkiv-2022")
        try compare(try String(contentsOfFile: workspace.folder + "/report.html", encoding: .utf8), with: example.appendingPathComponent("report.html"))
        let made = try FileManager.default.contentsOfDirectory(atPath: workspace.folder + "/charts").sorted()
        let committedFolder = example.appendingPathComponent("charts")
        if ProcessInfo.processInfo.environment["LEDGER_UPDATE_GOLDEN"] == "1" {
            try? FileManager.default.removeItem(at: committedFolder)
            try FileManager.default.createDirectory(at: committedFolder, withIntermediateDirectories: true)
        }
        for name in made {
            try compare(
                try String(contentsOfFile: workspace.folder + "/charts/" + name, encoding: .utf8),
                with: committedFolder.appendingPathComponent(name))
        }
        #expect(made == (try FileManager.default.contentsOfDirectory(atPath: committedFolder.path).sorted()))
        // One timeline per claim, the figures of the claim that has several, the ledger over time, who echoes whom.
        #expect(made.count == 8 + 1 + 2, "\(made)")
        #expect(made.contains("c2-figures.svg") && made.contains("ledger-over-time.svg") && made.contains("who-echoes-whom.svg"))
    }

    @Test(arguments: [
        ("json", "report.json", [String]()), ("csv", "report.csv", []),
        ("claimreview", "claimreview.json", ["--publisher", "Example Fact Desk", "--base-url", "https://factdesk.example/checks/"]),
    ])
    func otherFormatsMatchTheirGoldenFiles(format: String, file: String, extra: [String]) throws {
        let workspace = Workspace()
        let db = try runExample(into: workspace)
        let result = try workspace.run(["report", "--format", format, "--changes-since", "2022-09-09"] + extra, environment: ["LEDGER_DB": db])
        #expect(result.status == 0, "\(result.stderr)")
        try compare(ReportGoldenTests.normalizingUUIDs(result.stdout), with: ReportGoldenTests.golden.appendingPathComponent(file))
    }

    @Test func sameLedgerAndArgumentsGiveTheSameBytes() throws {
        let workspace = Workspace()
        let db = try runExample(into: workspace)
        for format in ["markdown", "html", "json", "csv"] {
            let first = try workspace.run(["report", "--format", format, "--as-of", "2022-09-10"], environment: ["LEDGER_DB": db])
            let second = try workspace.run(["report", "--format", format, "--as-of", "2022-09-10"], environment: ["LEDGER_DB": db])
            #expect(first.status == 0 && first.stdout == second.stdout && !first.stdout.isEmpty)
        }
    }

    @Test func csvIsReadBackByAnIndependentParser() throws {
        let workspace = Workspace()
        let db = try runExample(into: workspace)
        try workspace.ok("add", "A \"quoted\", comma-laden\nmulti-line claim", "--source", "ap", "--db", db, "--tag", "a", "--tag", "b")
        let result = try workspace.run(["report", "--format", "csv"], environment: ["LEDGER_DB": db])
        let reader = try CSVReader(string: result.stdout, hasHeaderRow: true)
        #expect(reader.headerRow == CSVReport.columns)
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        #expect(rows.count == 9)
        #expect(rows.map(\.count).allSatisfy { $0 == CSVReport.columns.count })
        #expect(rows[1][0] == "C2" && rows[1][5] == "corroborated" && rows[1][11] == "50 km" && rows[1][12] == "50")
        #expect(rows[0][13] == "")  // "more than 1000 sq km" has no upper bound
        #expect(rows[8][2] == "A \"quoted\", comma-laden\nmulti-line claim")
        #expect(rows[8][16] == "a;b")
        #expect(result.stdout.hasSuffix("\r\n"))
    }

    @Test func claimReviewFieldByField() throws {
        let workspace = Workspace()
        let db = try runExample(into: workspace)
        try workspace.ok("resolve", "C3", "--verdict", "true", "--reason", "Geolocated", "--date", "2022-09-12", "--db", db)
        try workspace.ok("source", "edit", "zelensky", "--kind", "individual", "--db", db)
        let result = try workspace.run(
            ["report", "--format", "claimreview", "--publisher", "Fact Desk", "--base-url", "https://factdesk.example/checks"],
            environment: ["LEDGER_DB": db])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document.string("@context") == "https://schema.org")
        let reviews = try #require(document["@graph"] as? [[String: Any]])
        #expect(reviews.count == 8)
        let expected: [String: (Int, String)] = [
            "C1": (3, "Unverified"), "C2": (4, "Corroborated"), "C3": (5, "True"), "C4": (5, "Confirmed"),
            "C5": (2, "Contradicted"), "C6": (3, "Unverified"), "C7": (3, "Unverified"), "C8": (4, "Corroborated"),
        ]
        for (index, review) in reviews.enumerated() {
            let id = "C\(index + 1)"
            #expect(review.string("@type") == "ClaimReview")
            #expect(review.string("url") == "https://factdesk.example/checks/\(id)")
            #expect(review.string("claimReviewed")?.isEmpty == false)
            let item = try #require(review["itemReviewed"] as? [String: Any])
            #expect(item.string("@type") == "Claim")
            let author = try #require(item["author"] as? [String: Any])
            #expect(author.string("name")?.isEmpty == false)
            let rating = try #require(review["reviewRating"] as? [String: Any])
            #expect(rating.string("@type") == "Rating")
            #expect(rating["bestRating"] as? Int == 5 && rating["worstRating"] as? Int == 1)
            #expect(rating["ratingValue"] as? Int == expected[id]?.0, "\(id)")
            #expect(rating.string("alternateName") == expected[id]?.1, "\(id)")
            let publisher = try #require(review["author"] as? [String: Any])
            #expect(publisher.string("name") == "Fact Desk" && publisher.string("@type") == "Organization")
        }
        #expect(reviews[2].string("datePublished") == "2022-09-12")
        #expect(((reviews[5]["itemReviewed"] as? [String: Any])?["author"] as? [String: Any])?.string("@type") == "Person")
        let missing = try workspace.run(["report", "--format", "claimreview"], environment: ["LEDGER_DB": db])
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("--publisher"))
    }

    @Test func outputNeverOverwritesSilently() throws {
        let workspace = try Workspace().seeded()
        let path = workspace.folder + "/report.md"
        try "keep me".write(toFile: path, atomically: true, encoding: .utf8)
        let refused = try workspace.run(["report", "--output", path])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("already exists"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep me")
        #expect(try workspace.run(["report", "--output", path, "--force"]).status == 0)
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("# Claim verification report"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: workspace.folder).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }
}
