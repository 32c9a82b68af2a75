import Foundation
import Testing

@testable import LedgerCore

/// The report escapers on UTF-8 bytes: the Markdown one gives exactly what the loop over
/// Unicode scalars it replaced gave; the HTML one leaves nothing that could open a tag, end an
/// attribute or hide text.
struct EscapingTests {
    /// The Markdown escaper before it worked on bytes (kept here as the reference).
    static func referenceMarkdownText(_ input: String) -> String {
        if Markdown.isPlain(input) { return Markdown.neutralizingBlockStart(input) }
        var output = ""
        var previous: [Character] = []
        for scalar in input.unicodeScalars {
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "|", "~", "#", ":", "{", "}":
                output.append("\\")
                output.unicodeScalars.append(scalar)
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "&": output += "&amp;"
            case "@": output += "@\u{2060}"
            case ".":
                let tail = String(previous.suffix(3)).lowercased()
                output += tail == "www" ? "\\." : "."
            case "\n", "\r", "\t", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}":
                if !output.hasSuffix(" ") { output += " " }
            default:
                // (Noncharacters are dropped too since the byte escaper: the one change it made.)
                if Markdown.dropped.contains(scalar.value) || scalar.isControlCharacter || scalar.isHiddenInReports || scalar.isNoncharacter { continue }
                output.unicodeScalars.append(scalar)
            }
            previous.append(Character(scalar))
            if previous.count > 3 { previous.removeFirst() }
        }
        return Markdown.neutralizingBlockStart(output.trimmingSpaces)
    }

    /// Pieces hostile and ordinary text is made of.
    static let pieces: [String] = [
        "a", "W", "w", "www", "WwW", ".", "..", " ", "  ", "\n", "\r\n", "\t", "|", "`", "*", "_", "[", "]", "~", "#", ":", "{", "}",
        "\\", "<", ">", "&", "@", "-", "+", "=", "1.", "12)", "é", "e\u{301}", "ß", "Київ", "مرحبا", "עברית", "中文", "🇺🇦", "👩‍🚒",
        "\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{202E}", "\u{2066}", "\u{FEFF}", "\u{AD}", "\u{85}", "\u{2028}", "\u{2029}",
        "\u{0}", "\u{7}", "\u{1B}", "\u{7F}", "\u{9F}", "\u{A0}", "\u{3000}", "\u{180E}", "\u{E0041}", "\u{FE0F}", "\u{1D173}",
        String(Unicode.Scalar(0xFFFE)!), String(Unicode.Scalar(0xFFFF)!), String(Unicode.Scalar(0xFDD0)!), String(Unicode.Scalar(0x10FFFF)!), "'", "\"", "(", ")", "/", "%", "word", "https://x.example/a_b", "<script>", "&amp;",
    ]

    @Test func markdownEscapingOnBytesEqualsTheScalarLoop() {
        var generator = SplitMix(seed: 17)
        var escapedPath = 0
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<generator.next(upTo: 12) { text += EscapingTests.pieces[generator.next(upTo: EscapingTests.pieces.count)] }
            if !Markdown.isPlain(text) { escapedPath += 1 }
            #expect(Markdown.text(text) == EscapingTests.referenceMarkdownText(text), "\(Array(text.unicodeScalars).map { String($0.value, radix: 16) })")
        }
        // Most inputs take the escaping path (not the plain fast path), so the comparison tests it.
        #expect(escapedPath > 15_000)
    }

    /// The ranges `isDroppedInReports` answers without Unicode's properties hold nothing it should drop.
    @Test func theQuickAnswerForHiddenCharactersHoldsForEveryScalar() {
        var differing: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let full = Markdown.dropped.contains(value) || scalar.isControlCharacter || scalar.isHiddenInReports || scalar.isNoncharacter
            if scalar.isDroppedInReports != full { differing.append(value) }
        }
        #expect(differing.isEmpty, "\(differing.prefix(10).map { String($0, radix: 16) })")
    }

    /// The five references `HTML.text` writes, read back on scalars (a reference followed by a
    /// combining mark is one Character, so String's own search would miss it); nil if any other `&` is found.
    static func unescapeHTML(_ text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        let references: [(String, Unicode.Scalar)] = [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")]
        next: while index < scalars.count {
            if scalars[index] == "&" {
                for (reference, scalar) in references {
                    let pattern = Array(reference.unicodeScalars)
                    if index + pattern.count <= scalars.count, Array(scalars[index..<(index + pattern.count)]) == pattern {
                        output.append(scalar)
                        index += pattern.count
                        continue next
                    }
                }
                return nil
            }
            output.append(scalars[index])
            index += 1
        }
        return String(output)
    }

    @Test func htmlEscapingLeavesNoMarkupAndHidesNothing() {
        var generator = SplitMix(seed: 29)
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<generator.next(upTo: 12) { text += EscapingTests.pieces[generator.next(upTo: EscapingTests.pieces.count)] }
            let escaped = HTML.text(text)
            #expect(!escaped.unicodeScalars.contains { $0 == "<" || $0 == ">" || $0 == "\"" || $0 == "'" }, "\(escaped)")
            #expect(!escaped.unicodeScalars.contains { $0.isDroppedInReports }, "a hidden or control character passed: \(escaped)")
            // Every & starts one of the references it writes, and what it shows is what the
            // Markdown report shows (less the word joiner Markdown puts after @).
            var visible = String.UnicodeScalarView()
            var scalars = Markdown.normalizedVisibleText(text).unicodeScalars.makeIterator()
            var previous: Unicode.Scalar?
            while let scalar = scalars.next() {
                if !(scalar == "\u{2060}" && previous == "@") { visible.append(scalar) }
                previous = scalar
            }
            #expect(EscapingTests.unescapeHTML(escaped) == String(visible), "\(Array(text.unicodeScalars).map { String($0.value, radix: 16) })")
        }
    }

    @Test func onlyWebAddressesBecomeLinks() {
        #expect(HTML.link("x", "javascript:alert(1)") == "<span class=\"inert\">javascript:alert(1)</span>")
        #expect(HTML.link("x", "data:text/html,<b>") == "<span class=\"inert\">data:text/html,&lt;b&gt;</span>")
        #expect(HTML.link("x", "//evil.example/") .hasPrefix("<span class=\"inert\">"))
        #expect(HTML.link("ap.org", "https://ap.org/a?b=1&c=\"2\" onmouseover='x'") ==
            "<a href=\"https://ap.org/a?b=1&amp;c=%222%22%20onmouseover=%27x%27\" rel=\"nofollow noopener noreferrer\">ap.org</a>")
        #expect(HTML.link("<b>", "HTTP://EXAMPLE.ORG/\u{202E}x") == "<a href=\"HTTP://EXAMPLE.ORG/%E2%80%AEx\" rel=\"nofollow noopener noreferrer\">&lt;b&gt;</a>")
    }

    /// Found by a hostile review: a link's label is its real host, not user information before an @.
    @Test func aLinkIsLabelledByItsRealHost() {
        #expect(Markdown.host("https://www.reuters.com:443@127.0.0.1:8917/fake-story") == "127.0.0.1")
        #expect(Markdown.host("https://user:pw@www.apnews.com/article") == "apnews.com")
        #expect(Markdown.host("https://www.apnews.com:443/a@b") == "apnews.com")
        // A chart folder's name stays a path in its image links.
        #expect(MarkdownReport.relativeLink("http:127.0.0.1:8917/c1-timeline.svg") == "http%3A127.0.0.1%3A8917/c1-timeline.svg")
        #expect(MarkdownReport.relativeLink("../ch#1 a?b/x.svg") == "../ch%231%20a%3Fb/x.svg")
    }

    @Test func svgNumbersAndTicks() {
        #expect(SVG.number(12) == "12" && SVG.number(12.46) == "12.5" && SVG.number(-0.04) == "0" && SVG.number(-0.25) == "-0.3")
        #expect(SVG.number(-3.2) == "-3.2" && SVG.number(.infinity) == "0" && SVG.number(.nan) == "0")
        #expect(Scale(low: 0, high: 1000, start: 0, end: 100).ticks(5) == [0, 200, 400, 600, 800, 1000])
        #expect(Scale(low: 3, high: 7.5, start: 0, end: 100).ticks(4) == [3, 4, 5, 6, 7])
        #expect(NumberText.short(1250) == "1,250" && NumberText.short(0.5) == "0.5" && NumberText.short(2_500_000) == "2.5M")
        #expect(NumberText.short(12_345) == "12,345" && NumberText.short(-1.25) == "-1.25" && NumberText.short(-0.5) == "-0.5")
        // Small steps keep the decimals they need (they all read 0 or 0.01 before).
        #expect(NumberText.axis(0.0005, step: 0.0005) == "0.0005" && NumberText.axis(0.012, step: 0.002) == "0.012")
        #expect(NumberText.axis(0, step: 0.0001) == "0" && NumberText.axis(-0.003, step: 0.001) == "-0.003")
        #expect(NumberText.axis(1250, step: 250) == "1,250")
    }

    @Test func dayNumbersRoundTrip() {
        #expect(DayNumber.of("1970-01-01") == 0 && DayNumber.of("2022-09-10T14:30:00Z") == DayNumber.of("2022-09-10"))
        #expect(DayNumber.of("2000-03-01") - DayNumber.of("2000-02-28") == 2 && DayNumber.of("1900-03-01") - DayNumber.of("1900-02-28") == 1)
        // Every year a ledger date can have (0001 to 9999).
        for day in stride(from: DayNumber.of("0001-01-01"), through: DayNumber.of("9999-12-31"), by: 97) {
            #expect(DayNumber.of(DayNumber.text(day)) == day)
        }
    }

    /// SPEC §5: colours distinguishable in grey. Every status colour's lightness (CIE L*) is at
    /// least 10 from every other's, and text on each passes WCAG's 4.5:1.
    @Test func statusColoursDifferInGrey() {
        func channel(_ hex: Substring) -> Double {
            let value = Double(Int(hex, radix: 16)!) / 255
            return value <= 0.04045 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
        }
        func luminance(_ colour: String) -> Double {
            let hex = colour.dropFirst()
            let (r, g, b) = (channel(hex.prefix(2)), channel(hex.dropFirst(2).prefix(2)), channel(hex.dropFirst(4)))
            return 0.2126 * r + 0.7152 * g + 0.0722 * b
        }
        func lightness(_ colour: String) -> Double {
            let y = luminance(colour)
            return y > 216.0 / 24389 ? 116 * cbrt(y) - 16 : y * 24389 / 27
        }
        let statuses = ClaimStatus.allCases
        for (index, a) in statuses.enumerated() {
            for b in statuses[(index + 1)...] {
                #expect(abs(lightness(Palette.status(a)) - lightness(Palette.status(b))) >= 10, "\(a) and \(b) look alike in grey")
            }
            let (background, ink) = (luminance(Palette.status(a)), luminance(Palette.ink(on: a)))
            let contrast = (max(background, ink) + 0.05) / (min(background, ink) + 0.05)
            #expect(contrast >= 4.5, "\(a): contrast \(contrast)")
        }
    }
}

/// A small deterministic generator for the tests' random inputs.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func next(upTo bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
