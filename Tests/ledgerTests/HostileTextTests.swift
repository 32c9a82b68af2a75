import Foundation
import LedgerTestSupport
import Testing

@testable import LedgerCore

/// User text of every hostile kind, through the Markdown report and a CommonMark/GFM
/// renderer (cmark-gfm, installed by .ci/run): tables keep their shape, nothing executes,
/// no link leads anywhere but http(s) or the report itself, and no text is hidden.
struct HostileTextTests {
    static let hostile = [
        "pipe | in | cells", "`code` and ``double``", "*bold* **strong** _em_ __strong__", "<script>alert('x')</script>",
        "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "![i](http://evil.example/t.png)", "# Heading injection",
        "line one\nline two\r\n\n| a | b |\n|---|---|", "very" + String(repeating: "long", count: 200) + "word",
        "مرحبا بالعالم ‮reversed‬ עברית", "combining a\u{301}\u{302}\u{303} and e\u{0338}", "&lt;script&gt; &#x3C;b&#x3E; &amp;",
        "<!-- hidden --> visible", "foo@bar.com mailto:x@y.com xmpp:a@b.com", "www.evil.example and https://ok.example/x",
        "~~strike~~ \\escaped\\ {curly}", "\u{200B}zero\u{2060}width\u{FEFF}", "1. not a list\n- nor this\n> nor a quote",
        "[ref]: javascript:alert(1)", "<https://autolink.example> <javascript:alert(1)>", "`unclosed",
    ]

    func hostileLedger() throws -> (Ledger, TemporaryFolder) {
        let folder = TemporaryFolder()
        let ledger = try Ledger.create(at: folder.path + "/hostile.db", actor: "tester")
        _ = try ledger.addSource(NewSource(handle: "evil", name: "<b>Evil</b> | *Corp* # [x](javascript:y)", affiliation: "X|Y <i>", reliability: .B))
        _ = try ledger.addSource(NewSource(handle: "good", name: "Good `Source`", affiliation: "Z"))
        for (index, text) in HostileTextTests.hostile.enumerated() {
            let detail = try ledger.addClaim(
                NewClaim(
                    statement: text, claimant: "evil", date: LedgerDate("2022-09-10"), url: "https://example.org/a_(b)|c*d",
                    quote: text, place: text.count < 150 ? text : "place", tags: [index % 2 == 0 ? "tag|x" : "t*g"]))
            _ = try ledger.addEvidence(
                to: detail.claim.label,
                NewEvidence(stance: .supports, source: "good", date: LedgerDate("2022-09-11"), url: "http://example.org/x)y", quote: text, note: text))
        }
        _ = try ledger.changeLifecycle(of: "C1", .retract(source: "evil", date: LedgerDate("2022-09-12"), reason: HostileTextTests.hostile[3]))
        return (ledger, folder)
    }

    func render(_ markdown: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["cmark-gfm", "-e", "table", "-e", "autolink", "-e", "strikethrough", "-e", "tagfilter"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(markdown.utf8))
        try input.fileHandleForWriting.close()
        let html = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "cmark-gfm is needed for this test (apt-get install cmark-gfm)")
        return String(decoding: html, as: UTF8.self)
    }

    @Test func markdownReportStaysInertAndIntact() throws {
        let (ledger, folder) = try hostileLedger()
        _ = folder
        var markdown = ""
        try ReportWriter(ledger: ledger, options: ReportOptions(title: "# Title | with <b>html</b>")).write(.markdown) { markdown += $0 }
        let html = try render(markdown)

        // Nothing executes.
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.lowercased().contains("<img"))
        #expect(!html.lowercased().contains("<!--"))
        let tags = html.matches(of: /<[^>]*>/).map { String($0.output).lowercased() }
        #expect(!tags.contains { $0.contains(/\son[a-z]+\s*=/) }, "an event handler attribute was rendered")
        #expect(Set(tags.map { $0.split(separator: " ").first.map(String.init) ?? $0 }).isSubset(of: [
            "<h1>", "<h2>", "<h3>", "<h4>", "<p>", "</p>", "</h1>", "</h2>", "</h3>", "</h4>", "<ul>", "</ul>", "<li>", "</li>",
            "<table>", "</table>", "<thead>", "</thead>", "<tbody>", "</tbody>", "<tr>", "</tr>", "<th>", "</th>", "<td>", "</td>",
            "<th", "<td", "<a", "</a>", "<code>", "</code>", "<strong>", "</strong>", "<blockquote>", "</blockquote>",
        ]), "unexpected tags: \(Set(tags))")

        // Links go only to http(s) addresses or to the report's own anchors.
        for match in html.matches(of: /href="([^"]*)"/) {
            let target = String(match.output.1)
            #expect(target.hasPrefix("http://") || target.hasPrefix("https://") || target.hasPrefix("#"), "link to \(target)")
        }
        #expect(!html.contains("mailto:\""), "no e-mail autolinks")

        // One title, and headings only where the report puts them.
        #expect(html.components(separatedBy: "<h1>").count == 2)
        #expect(html.components(separatedBy: "<h3>").count == HostileTextTests.hostile.count + 1)

        // Every table keeps its shape: each row has as many cells as its header.
        let tables = html.components(separatedBy: "<table>").dropFirst()
        #expect(tables.count > HostileTextTests.hostile.count)
        for table in tables {
            let body = table.components(separatedBy: "</table>")[0]
            let header = body.matches(of: /<th[ >]/).count
            for row in body.components(separatedBy: "<tr>").dropFirst().dropFirst() {
                #expect(row.matches(of: /<td[ >]/).count == header, "a table row lost its shape")
            }
        }

        // Nothing is hidden: each statement's visible characters are all in the rendered text.
        let visible = unescapeHTML(html.replacing(/<[^>]*>/, with: ""))
        for text in HostileTextTests.hostile {
            let expected = Markdown.normalizedVisibleText(text)
            #expect(visible.contains(expected), "hidden or altered: \(expected.prefix(60))")
        }
    }

    /// The HTML report of the same ledger: only the report's own elements, no script, no
    /// handler, no link but http(s) or the page's anchors, every table in shape, nothing hidden.
    @Test func htmlReportStaysInertAndIntact() throws {
        let (ledger, folder) = try hostileLedger()
        _ = folder
        var html = ""
        try ReportWriter(ledger: ledger, options: ReportOptions(title: "# Title | with <b>html</b>")).write(.html) { html += $0 }
        let tags = html.matches(of: /<[^>]*>/).map { String($0.output).lowercased() }
        let names = Set(tags.map { String($0.dropFirst().prefix { $0 != " " && $0 != ">" }) })
        let allowed: Set<String> = [
            "!doctype", "html", "/html", "head", "/head", "meta", "title", "/title", "style", "/style", "body", "/body", "header", "/header",
            "main", "/main", "section", "/section", "article", "/article", "h1", "/h1", "h2", "/h2", "h3", "/h3", "h4", "/h4", "p", "/p",
            "ul", "/ul", "li", "/li", "table", "/table", "thead", "/thead", "tbody", "/tbody", "tr", "/tr", "th", "/th", "td", "/td",
            "a", "/a", "code", "/code", "strong", "/strong", "blockquote", "/blockquote", "span", "/span", "div", "/div", "figure",
            "/figure", "figcaption", "/figcaption", "details", "/details", "summary", "/summary", "svg", "/svg", "desc", "/desc",
            "rect", "/rect", "line", "circle", "/circle", "path", "/path", "text", "/text", "defs", "/defs", "marker", "/marker",
            "symbol", "/symbol", "use",
        ]
        #expect(names.isSubset(of: allowed), "unexpected elements: \(names.subtracting(allowed))")
        #expect(!tags.contains { $0.contains(/\son[a-z]+\s*=/) }, "an event handler attribute was written")
        #expect(!html.lowercased().contains("<script") && !html.lowercased().contains("<img") && !html.contains("<!--"))
        #expect(!tags.contains { $0.contains(" style=") }, "an inline style attribute (the policy allows only the page's style sheet)")
        for match in html.matches(of: /href="([^"]*)"/) {
            let target = String(match.output.1)
            #expect(target.hasPrefix("http://") || target.hasPrefix("https://") || target.hasPrefix("#"), "link to \(target)")
        }
        // The policy: nothing loads, nothing runs.
        #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'sha256-"))
        #expect(html.contains("script-src 'none'"))
        // One title; a section per claim, each with its anchor and its timeline.
        #expect(html.components(separatedBy: "<h1>").count == 2)
        #expect(html.components(separatedBy: "<article id=\"c").count == HostileTextTests.hostile.count + 1)
        #expect(html.components(separatedBy: "<svg id=").count - 1 == HostileTextTests.hostile.count + 1, "a timeline per claim and the ledger over time")
        // The timelines' shared parts are referenced only within the page.
        for match in html.matches(of: /<use href="([^"]*)"/) { #expect(match.output.1 == "#timeline-frame") }
        for table in html.components(separatedBy: "<table>").dropFirst() {
            let body = table.components(separatedBy: "</table>")[0]
            let header = body.matches(of: /<th[ >]/).count
            for row in body.components(separatedBy: "<tr>").dropFirst().dropFirst() {
                #expect(row.matches(of: /<td[ >]/).count == header, "a table row lost its shape")
            }
        }
        // Nothing hidden: each statement's visible characters are in the page's text.
        let page = html.components(separatedBy: "<body>")[1].replacing(/<[^>]*>/, with: "")
        let visible = unescapeHTML(page.replacingOccurrences(of: "&#39;", with: "'"))
        for text in HostileTextTests.hostile {
            let expected = Markdown.normalizedVisibleText(text).replacingOccurrences(of: "@\u{2060}", with: "@")
            #expect(visible.contains(expected), "hidden or altered: \(expected.prefix(60))")
        }
    }

    @Test func jsonAndCSVKeepTextVerbatim() throws {
        let (ledger, folder) = try hostileLedger()
        _ = folder
        var json = ""
        try ReportWriter(ledger: ledger, options: ReportOptions()).write(.json) { json += $0 }
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let claims = try #require(document["claims"] as? [[String: Any]])
        // Verbatim but for the hidden characters input drops (bidirectional embeddings, zero-width marks).
        let stored = HostileTextTests.hostile.map {
            $0 == "مرحبا بالعالم \u{202E}reversed\u{202C} עברית" ? "مرحبا بالعالم reversed עברית"
                : $0 == "\u{200B}zero\u{2060}width\u{FEFF}" ? "zerowidth" : $0
        }
        #expect(claims.map { $0["statement"] as? String } == stored)
    }

    func unescapeHTML(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
    }
}
