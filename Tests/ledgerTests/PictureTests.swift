import Foundation
import Testing

@testable import LedgerCore

/// `report --format html` and `report --charts DIR` as a user runs them: the folder of
/// pictures is written whole or not at all, linked from the Markdown, and never replaces what
/// it should not.
struct PictureTests {
    /// A folder's entries, less the ledger's own files (opening it makes its journals).
    func files(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix("ledger.db") }.sorted()
    }

    func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
    }

    @Test func chartsAreWrittenIntoTheirFolderAndLinkedRelativeToTheReport() throws {
        let workspace = try Workspace().seeded()
        try FileManager.default.createDirectory(atPath: workspace.folder + "/out", withIntermediateDirectories: true)
        try workspace.ok("report", "--output", "out/report.md", "--charts", "charts")
        let markdown = try String(contentsOfFile: workspace.folder + "/out/report.md", encoding: .utf8)
        let links = markdown.matches(of: /!\[[^\]]*\]\(([^)]*)\)/).map { String($0.output.1) }
        let made = files(workspace.folder + "/charts")
        #expect(!links.isEmpty && links.count == made.count, "\(links) vs \(made)")
        for link in links {
            #expect(link.hasPrefix("../charts/"))
            #expect(FileManager.default.fileExists(atPath: workspace.folder + "/out/" + link), "\(link) does not resolve")
        }
        #expect(try mode(workspace.folder + "/charts") == 0o700)
        for name in made { #expect(try mode(workspace.folder + "/charts/" + name) == 0o600) }
        // To stdout, the links are relative to the current folder.
        try FileManager.default.createDirectory(atPath: workspace.folder + "/more", withIntermediateDirectories: true)
        let printed = try workspace.ok("report", "--charts", "more/charts")
        #expect(printed.contains("](more/charts/c1-timeline.svg)"))
        #expect(files(workspace.folder).filter { $0.contains(".charts-") }.isEmpty)
    }

    @Test func aChartFolderIsReplacedOnlyWithForceAndOnlyWhenItHoldsCharts() throws {
        let workspace = try Workspace().seeded()
        let charts = workspace.folder + "/charts"
        try workspace.ok("report", "--charts", "charts", "--output", "a.md")
        let before = try String(contentsOfFile: charts + "/c1-timeline.svg", encoding: .utf8)
        try workspace.ok("corroborate", "C1", "--source", "uk-mod", "--date", "2022-09-11")

        let refused = try workspace.run(["report", "--charts", "charts", "--output", "b.md"])
        #expect(refused.status == 65 && refused.stderr.contains("already holds charts"), "\(refused.stderr)")
        #expect(try String(contentsOfFile: charts + "/c1-timeline.svg", encoding: .utf8) == before)
        #expect(!FileManager.default.fileExists(atPath: workspace.folder + "/b.md"), "a refused report wrote its Markdown")

        try workspace.ok("report", "--charts", "charts", "--output", "b.md", "--force")
        #expect(try String(contentsOfFile: charts + "/c1-timeline.svg", encoding: .utf8) != before)

        // A folder holding anything but charts is never replaced, even with --force.
        try "notes".write(toFile: charts + "/notes.txt", atomically: true, encoding: .utf8)
        let kept = try workspace.run(["report", "--charts", "charts", "--output", "c.md", "--force"])
        #expect(kept.status == 65 && kept.stderr.contains("notes.txt") && kept.stderr.contains("not one of a report's charts"), "\(kept.stderr)")
        #expect(FileManager.default.fileExists(atPath: charts + "/notes.txt"))
        // Nor one holding an SVG of the user's own (a logo in an images folder).
        try FileManager.default.removeItem(atPath: charts + "/notes.txt")
        try "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".write(toFile: charts + "/our-logo.svg", atomically: true, encoding: .utf8)
        let logo = try workspace.run(["report", "--charts", "charts", "--output", "c.md", "--force"])
        #expect(logo.status == 65 && logo.stderr.contains("our-logo.svg"), "\(logo.stderr)")
        #expect(FileManager.default.fileExists(atPath: charts + "/our-logo.svg"))

        // An empty folder is used as it is.
        try FileManager.default.createDirectory(atPath: workspace.folder + "/empty", withIntermediateDirectories: true)
        try workspace.ok("report", "--charts", "empty", "--output", "d.md")
        #expect(files(workspace.folder + "/empty").contains("c1-timeline.svg"))
        #expect(files(workspace.folder).filter { $0.contains(".charts-") }.isEmpty)
    }

    @Test(arguments: [
        (["--format", "html", "--charts", "c"], 64, "inline"), (["--format", "json", "--charts", "c"], 64, "Leave out --charts or --format"),
        (["--charts", "file.txt"], 64, "not a folder"), (["--charts", "same", "--output", "same"], 64, "same path"),
        (["--charts", ""], 64, "folder name"), (["--charts", "link"], 64, "symbolic link"),
        (["--charts", "missing/parent/c"], 74, "parent folder"),
    ])
    func badChartFoldersGetOneSentenceAndWriteNothing(arguments: [String], status: Int32, words: String) throws {
        let workspace = try Workspace().seeded()
        try "text".write(toFile: workspace.folder + "/file.txt", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: workspace.folder + "/link", withDestinationPath: workspace.folder)
        let before = files(workspace.folder)
        let result = try workspace.run(["report"] + arguments)
        #expect(result.status == status, "\(result.stderr)")
        // One sentence (argument errors are followed by the usage line, as every command's are).
        #expect(result.stderr.split(separator: "\n").first?.contains(words) == true, "\(result.stderr)")
        #expect(files(workspace.folder) == before, "something was written")
    }

    /// A failed report leaves neither its Markdown nor its charts.
    @Test func aReportThatCannotBeWrittenLeavesNoCharts() throws {
        let workspace = try Workspace().seeded()
        let before = files(workspace.folder)
        let result = try workspace.run(["report", "--charts", "charts", "--output", "missing/report.md"])
        #expect(result.status == 74, "\(result.stderr)")
        #expect(files(workspace.folder) == before)
    }

    /// SIGINT, SIGTERM, SIGHUP or SIGPIPE while the charts are being written leaves no folder behind.
    @Test(arguments: [SIGINT, SIGTERM, SIGHUP, SIGPIPE])
    func aSignalWhileChartsAreWrittenLeavesNoFolder(signal: Int32) throws {
        let workspace = try Workspace().seeded().withManyClaims()
        var caught = 0
        for _ in 0..<5 where caught == 0 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Workspace.binary)
            process.arguments = ["report", "--output", workspace.folder + "/report.md", "--charts", workspace.folder + "/charts", "--db", workspace.db]
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Wait until some pictures are in the temporary folder, then signal.
            var temporary: String?
            for _ in 0..<20_000 where temporary == nil && process.isRunning {
                temporary = files(workspace.folder).first { $0.contains(".charts-") }
                if let found = temporary, files(workspace.folder + "/" + found).count < 20 { temporary = nil }
                if temporary == nil { usleep(200) }
            }
            if temporary != nil, process.isRunning {
                kill(process.processIdentifier, signal)
                caught += 1
            }
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal {
                #expect(process.terminationStatus == signal)
                #expect(!FileManager.default.fileExists(atPath: workspace.folder + "/charts"), "a signal left charts")
            } else {
                try? FileManager.default.removeItem(atPath: workspace.folder + "/charts")
                try? FileManager.default.removeItem(atPath: workspace.folder + "/report.md")
            }
            let leftovers = files(workspace.folder).filter { $0.contains(".charts-") || $0.contains(".tmp-") }
            #expect(leftovers.isEmpty, "left behind: \(leftovers)")
        }
        #expect(caught > 0, "the signal should land while the charts are written")
    }
}
