import Testing

@testable import LedgerCore

struct HandleTests {
    @Test(arguments: ["uk-mod", "ap", "a", "0day", "ua-military-2", String(repeating: "a", count: 64)])
    func valid(handle: String) { #expect(Handle.isValid(handle)) }

    @Test(arguments: ["", "-uk", "UK-mod", "uk_mod", "uk mod", "uk.mod", "ük", String(repeating: "a", count: 65)])
    func invalid(handle: String) { #expect(!Handle.isValid(handle)) }
}

struct ClaimReferenceTests {
    @Test func numbersInEveryTypedForm() {
        #expect(ClaimReference("C12") == .number(12))
        #expect(ClaimReference("c12") == .number(12))
        #expect(ClaimReference("12") == .number(12))
        #expect(ClaimReference(" C3 ") == .number(3))
    }

    @Test func uuids() {
        #expect(ClaimReference("3F2504E0-4F89-41D3-9A0C-0305E82C3301") == .uuid("3f2504e0-4f89-41d3-9a0c-0305e82c3301"))
    }

    @Test(arguments: ["", "C", "CC1", "C-1", "C1.5", "E3", "kupiansk", "C99999999999999999999"])
    func refused(text: String) { #expect(ClaimReference(text) == nil) }
}

struct UUIDTextTests {
    /// One at a time, and from the pool an import draws on (which refills past 256 UUIDs).
    @Test(arguments: [false, true])
    func randomUUIDsAreVersion4AndDistinct(pooled: Bool) {
        var generator = UUIDText.Generator(poolSize: 4096)
        var seen = Set<String>()
        for _ in 0..<1000 {
            let uuid = pooled ? generator.next() : UUIDText.random()
            #expect(UUIDText.isValid(uuid))
            #expect(Array(uuid)[14] == "4")
            #expect("89ab".contains(Array(uuid)[19]))
            seen.insert(uuid)
        }
        #expect(seen.count == 1000)
    }
}

struct SuggestionTests {
    @Test func nearestHandles() {
        let handles = ["uk-mod", "ua-military", "ua-mfa", "ru-mod", "ap"]
        #expect(Suggestions.nearest(to: "uk-mdo", among: handles).first == "uk-mod")
        #expect(Suggestions.nearest(to: "ua-mil", among: handles).first == "ua-military")
        #expect(Suggestions.nearest(to: "zzzzzzzzzz", among: handles).isEmpty)
    }
}

struct ValidationTests {
    @Test func urlsMustBeWebAddresses() throws {
        #expect(try Validation.url("https://example.org/a?b=c") == "https://example.org/a?b=c")
        #expect(try Validation.url("HTTP://example.org") == "HTTP://example.org")
        #expect(try Validation.url("  ") == nil)
        for bad in ["javascript:alert(1)", "ftp://example.org", "example.org", "https://", "https://exa mple.org", "data:text/html,x"] {
            #expect(throws: LedgerError.self) { try Validation.url(bad) }
        }
    }

    @Test func requiredTextIsTrimmedAndLimited() throws {
        #expect(try Validation.required("  Kupiansk seized ", field: "statement", limit: 100) == "Kupiansk seized")
        #expect(throws: LedgerError.self) { try Validation.required(" \n\t ", field: "statement", limit: 100) }
        #expect(throws: LedgerError.self) { try Validation.required(String(repeating: "x", count: 101), field: "statement", limit: 100) }
        #expect(throws: LedgerError.self) { try Validation.required("bell\u{07}", field: "statement", limit: 100) }
        #expect(try Validation.required("two\nlines", field: "quote", limit: 100) == "two\nlines")
    }

    @Test func tagsAreFoldedSortedAndUnique() throws {
        #expect(try Validation.tags(["Kharkiv", "depth", "kharkiv"]) == ["depth", "kharkiv"])
        #expect(throws: LedgerError.self) { try Validation.tags([""]) }
    }
}

struct JSONValueTests {
    @Test func keepsKeyOrderAndEscapes() {
        let value = JSONValue.object([
            ("z", .integer(1)), ("a", .string("quote \" backslash \\ newline \n tab \t bell \u{07} line-sep \u{2028}")),
            ("n", .null), ("b", .bool(true)), ("x", .number(2.5)), ("w", .number(1000)), ("inf", .number(.infinity)),
            ("list", .array([])), ("obj", .object([])),
        ])
        #expect(
            value.serialized(pretty: false)
                == #"{"z":1,"a":"quote \" backslash \\ newline \n tab \t bell \u0007 line-sep \u2028","n":null,"b":true,"x":2.5,"w":1000,"inf":null,"list":[],"obj":{}}"#
        )
    }

    @Test func prettyPrintsWithTwoSpaces() {
        let value = JSONValue.object([("a", .array([.integer(1), .integer(2)]))])
        #expect(value.serialized() == "{\n  \"a\": [\n    1,\n    2\n  ]\n}")
    }
}

/// The ASCII fast paths of trimming and echoing must agree with the full Unicode paths.
struct TextTests {
    @Test(arguments: [
        ("plain", "plain"), ("  spaced\t\n", "spaced"), ("\u{00A0}nbsp\u{2003}", "nbsp"), ("é", "é"), ("\u{85}x", "x"), ("", ""),
        ("x\u{3000}", "x"),
    ])
    func trimming(input: String, expected: String) { #expect(input.trimmingSpaces == expected) }

    @Test(arguments: [
        ("short", "short"), ("tab\there", "tab here"), ("c1\u{85}control", "c1\\u{85}control"), ("del\u{7F}", "del\\u{7F}"),
        ("é\u{9F}", "é\\u{9F}"), (String(repeating: "é", count: 70), String(repeating: "é", count: 59) + "…"),
        ("\u{1B}]0;title\u{07}", "\\u{1B}]0;title\\u{7}"), ("ab\u{202E}cd", "ab\\u{202E}cd"), ("zero\u{200B}width", "zero\\u{200B}width"),
    ])
    func shown(input: String, expected: String) { #expect(input.shown(limit: 60) == expected) }

    /// A long typo is not compared with every name (10 KB against 2,000 handles took 11.6 s),
    /// even when it starts like one of them.
    @Test func longInputGetsNoSuggestions() {
        let handles = (0..<50).map { "source-\($0)" }
        #expect(Suggestions.nearest(to: "source-1x", among: handles).contains("source-1"))
        #expect(Suggestions.nearest(to: "source-1" + String(repeating: "x", count: 10_000), among: handles).isEmpty)
    }
}
