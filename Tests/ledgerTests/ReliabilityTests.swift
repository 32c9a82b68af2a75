import Foundation
import LedgerTestSupport
import Testing

/// SPEC §6: several writers at once, processes killed mid-write.
struct ConcurrencyTests {
    /// 32 processes at once (the hardening issue's load), each recording 25 corroborations and
    /// contradictions on shared claims with the default wait: every row lands exactly once, no
    /// writer gives up (exit 75) or sees "database is locked", check passes.
    @Test func thirtyTwoWritersLoseNothing() throws {
        let workspace = Workspace()
        try workspace.ok("init")
        try workspace.ok("source", "add", "claimant", "--name", "Claimant", "--affiliation", "UA", "--reliability", "C")
        let sides = ["UK", "US", "FR", "DE", "PL", "RU", "", "BY"]
        let writers = 32
        for index in 0..<writers {
            try workspace.ok(
                "source", "add", "w\(index)", "--name", "Writer \(index)", "--affiliation", sides[index % 8], "--reliability", index % 8 == 7 ? "E" : "B")
        }
        for index in 1...5 { try workspace.ok("add", "Shared claim \(index)", "--source", "claimant", "--date", "2022-09-10") }

        let failures = Failures()
        // One thread per writer, so that all 32 processes really run at once.
        let group = DispatchGroup()
        for writer in 0..<writers {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                for step in 0..<25 {
                    let verb = step % 3 == 0 ? "contradict" : "corroborate"
                    do {
                        let result = try workspace.run([verb, "C\(step % 5 + 1)", "--source", "w\(writer)", "--date", "2022-09-11", "--note", "w\(writer)-\(step)"])
                        if result.status != 0 || result.stderr.lowercased().contains("locked") {
                            failures.add("w\(writer)-\(step): exit \(result.status): \(result.stderr)")
                        }
                    } catch {
                        failures.add("w\(writer)-\(step): \(error)")
                    }
                }
            }
        }
        group.wait()
        #expect(failures.all.isEmpty, "\(failures.all.prefix(5))")

        let export = try workspace.run(["export"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as? [String: Any])
        let evidence = try #require(document["evidence"] as? [String: [String: Any]])
        let notes = evidence.values.compactMap { $0["note"] as? String }
        #expect(evidence.count == 800)
        #expect(Set(notes).count == 800)
        let check = try workspace.run(["check"])
        #expect(check.status == 0, "\(check.stdout)")
    }

    /// A writer that waits past the busy timeout exits 75 with a clear message.
    @Test(.sqliteOnly) func aWriterKeptWaitingExits75() throws {
        let workspace = try Workspace().seeded()
        let (holder, input) = try holdWriteLock(workspace)

        let before = workspace.fileBytes()
        let result = try workspace.run(["corroborate", "C1", "--source", "uk-mod"], environment: ["LEDGER_BUSY_TIMEOUT_MS": "300"])
        #expect(result.status == 75)
        #expect(result.stderr == "ledger: The ledger \(workspace.db) stayed locked by another writer; nothing was changed. Try again when the other `ledger` command has finished.\n")
        input.fileHandleForWriting.write(Data("ROLLBACK;\n".utf8))
        try input.fileHandleForWriting.close()
        holder.waitUntilExit()
        #expect(workspace.fileBytes() == before)
        // Once the other writer is done, the same command goes through.
        #expect(try workspace.run(["corroborate", "C1", "--source", "uk-mod"]).status == 0)
    }

    /// A writer's wait is one budget: time spent queued behind another ledger writer counts
    /// against its wait for SQLite's lock too (it could wait twice the timeout).
    @Test(.sqliteOnly) func aQueuedWriterWaitsOneTimeoutInAll() throws {
        let workspace = try Workspace().seeded()
        let (holder, input) = try holdWriteLock(workspace)

        // The first writer queues first and waits on SQLite's lock; the second waits behind it.
        let environment = ["LEDGER_BUSY_TIMEOUT_MS": "3000"]
        let first = Thread.detachNewThreadResult { try? workspace.run(["corroborate", "C1", "--source", "uk-mod"], environment: environment) }
        usleep(500_000)
        let started = Date()
        let second = try workspace.run(["contradict", "C1", "--source", "ru-mod"], environment: environment)
        let waited = Date().timeIntervalSince(started)
        #expect(second.status == 75)
        // One budget: about 3 s. Two in a row (queue, then lock) would be about 5.5 s. (4.58 s was
        // seen for one budget on a loaded machine: the bound sits between the two.)
        #expect(waited < 5.0, "the second writer waited \(waited) s")
        #expect(first.wait()??.status == 75)
        input.fileHandleForWriting.write(Data("ROLLBACK;\n".utf8))
        try input.fileHandleForWriting.close()
        holder.waitUntilExit()
    }
}

/// A `sqlite3` shell holding the ledger's write lock (an open `BEGIN IMMEDIATE`), returned
/// once it holds it; write `ROLLBACK;` to its input and close it to let go.
func holdWriteLock(_ workspace: Workspace) throws -> (Process, Pipe) {
    let holder = Process()
    holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    holder.arguments = ["sqlite3", workspace.db]
    let input = Pipe()
    let output = Pipe()
    holder.standardInput = input
    holder.standardOutput = output
    try holder.run()
    input.fileHandleForWriting.write(Data("BEGIN IMMEDIATE;\nSELECT 'held';\n".utf8))
    var held = Data()
    while !String(decoding: held, as: UTF8.self).contains("held") { held.append(output.fileHandleForReading.availableData) }
    return (holder, input)
}

extension Thread {
    /// Runs `body` on a new thread; `wait()` returns its result.
    final class Result<T>: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var value: T?
        fileprivate func finish(_ value: T) { self.value = value; done.signal() }
        func wait() -> T? { done.wait(); return value }
    }

    static func detachNewThreadResult<T>(_ body: @escaping @Sendable () -> T) -> Result<T> {
        let result = Result<T>()
        detachNewThread { result.finish(body()) }
        return result
    }
}

struct CrashTests {
    /// Kills `ledger import` of a large file at several points: each time the ledger opens,
    /// check passes, and the import is either all there or not there at all.
    @Test(.sqliteOnly) func killedImportLeavesAllOrNothing() throws {
        let workspace = try Workspace().seeded()
        let rows = 20_000
        var csv = "statement,source,date,quantity,place,tags\n"
        for index in 0..<rows { csv += "Claim number \(index),uk-mod,2022-09-10,\(index + 1) km,Place \(index % 50),t\(index % 7)\n" }
        let file = workspace.folder + "/big.csv"
        try csv.write(toFile: file, atomically: true, encoding: .utf8)
        let pristine = try #require(workspace.fileBytes())

        var killedMidway = 0
        for delay in [0.02, 0.08, 0.15, 0.3, 0.6, 1.0, 1.5, 2.5] {
            try pristine.write(to: URL(fileURLWithPath: workspace.db))
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: workspace.db + suffix) }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Workspace.binary)
            process.arguments = ["import", file, "--db", workspace.db]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal { killedMidway += 1 }

            let check = try workspace.run(["check"])
            #expect(check.status == 0, "after a kill at \(delay) s: \(check.stdout)\(check.stderr)")
            let list = try workspace.run(["list", "--json"])
            #expect(list.status == 0)
            let claims = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [Any])
            #expect(claims.count == 1 || claims.count == 1 + rows, "after a kill at \(delay) s: \(claims.count) claims")
        }
        #expect(killedMidway >= 2, "the kills should land while the import runs")
    }

    @Test func killedCorroborateLeavesAllOrNothing() throws {
        let workspace = try Workspace().seeded()
        var killed = 0
        for attempt in 0..<12 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Workspace.binary)
            process.arguments = ["corroborate", "C1", "--source", "uk-mod", "--note", "attempt \(attempt)", "--db", workspace.db]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: Double(attempt) * 0.003)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal { killed += 1 }
            let check = try workspace.run(["check"])
            #expect(check.status == 0, "attempt \(attempt): \(check.stdout)")
        }
        // The kills must land while the command runs, or the test shows nothing.
        #expect(killed >= 2, "only \(killed) of 12 kills landed before the command ended")
        let claim = try #require(try workspace.json("show", "C1") as? [String: Any])
        let evidence = try #require(claim["evidence"] as? [[String: Any]])
        // Every note that made it in is whole and there once.
        let notes = evidence.compactMap { $0["note"] as? String }
        #expect(Set(notes).count == notes.count)
        #expect(notes.allSatisfy { $0.hasPrefix("attempt ") })
    }
}

/// Collects failures from concurrent workers.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ item: String) { lock.withLock { items.append(item) } }
    var all: [String] { lock.withLock { items } }
}
