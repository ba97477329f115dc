import Foundation
import XCTest

/// The one writer: concurrent writers lose nothing, a write killed at any point is finished
/// or undone by the next command, concurrent cold reads do not fail.
final class WriterTests: DeskTestCase {
    /// Starts every command at once and waits for all of them.
    func runTogether(_ commands: [(String, [String])], in directory: String? = nil, env: [String: String] = [:]) throws -> [Result] {
        let started = try commands.map { executable, args -> (Process, Pipe, Pipe) in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = args
            process.currentDirectoryURL = URL(fileURLWithPath: directory ?? desk)
            process.environment = environment(as: "alice").merging(env) { $1 }
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            process.standardInput = FileHandle.nullDevice
            try process.run()
            return (process, out, err)
        }
        return started.map { process, out, err in
            let output = out.fileHandleForReading.readDataToEndOfFile(), errors = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return Result(out: String(decoding: output, as: UTF8.self), err: String(decoding: errors, as: UTF8.self), code: process.terminationStatus)
        }
    }

    func testConcurrentWritersLoseNoLineAndLeaveGitClean() throws {
        let id = try makeDesk()
        let path = "\(folder(id))/work.md"
        // What each writer reported as saved: its command and what it printed (the new ^ID or ticket ID).
        var saved: [(command: [String], out: String)] = []
        for round in 0..<3 {
            var commands = (0..<6).map { n in (Self.binary, ["log", id, "\(n + 1)0m", "billable", "Round \(round) writer \(n)", "--date", "2026-11-03"]) }
            commands += (0..<3).map { n in (Self.binary, ["pay", "acme", "\(100 + n)", "Round \(round) payment \(n)"]) }
            commands.append((Self.binary, ["new", "--client", "acme", "--title", "Round \(round) ticket"]))
            // A plain git commit of another file races them too (it may lose its own race: git refuses then).
            try write("notes-\(round).txt", "by hand\n")
            commands.append(("/usr/bin/git", ["commit", "-q", "--no-verify", "-m", "by hand", "--", "notes-\(round).txt"]))
            try git("add", "notes-\(round).txt")
            let results = try runTogether(commands)
            for (command, result) in zip(commands, results) where command.0 == Self.binary {
                XCTAssertEqual(result.code, 0, "\(command.1): \(result.err)")
                saved.append((command.1, result.out.trimmingCharacters(in: .whitespacesAndNewlines)))
            }
            if results.last!.code != 0 { try git("commit", "-q", "--no-verify", "-m", "by hand, again", "--", "notes-\(round).txt") }
        }
        let work = try git("show", "HEAD:\(path)"), ledger = try git("show", "HEAD:ledger/acme.md")
        let tickets = try git("ls-tree", "-d", "--name-only", "HEAD", "tickets/ACME/")
        for (command, out) in saved {
            guard command[0] != "new" else {
                XCTAssertTrue(tickets.contains(out), "ticket \(out) is not in HEAD")
                continue
            }
            // log and pay print the transaction with its ^ID last: HEAD holds that line once, with its note.
            let file = command[0] == "log" ? work : ledger
            let txn = String(out.split(separator: " ").last ?? "")
            XCTAssertTrue(txn.hasPrefix("^"), out)
            let lines = file.split(separator: "\n").filter { $0.hasSuffix(" " + txn) }
            XCTAssertEqual(lines.count, 1, "\(out) is not in HEAD once")
            XCTAssertTrue(lines.first?.contains(command[command[0] == "log" ? 4 : 3]) ?? false, "\(lines) for \(command)")
        }
        XCTAssertEqual(saved.count, 30)
        XCTAssertEqual(try git("status", "--porcelain"), "")
        try gitdesk("check")
    }

    func testAWriteKilledAtAnyPointIsFinishedOrUndoneByTheNextCommand() throws {
        let id = try makeDesk()
        try gitdesk("log", id, "1h", "billable", "Before", "--date", "2026-11-02")
        let path = "\(folder(id))/work.md"
        let template = root + "/template"
        try FileManager.default.copyItem(atPath: desk, toPath: template)
        var killedAfterLanding = 0
        for point in 1...8 {
            let copy = root + "/kill\(point)"
            try FileManager.default.copyItem(atPath: template, toPath: copy)
            let before = try head(in: copy)
            let killed = try run(Self.binary, ["log", id, "20m", "billable", "Killed write", "--date", "2026-11-03"],
                                 in: copy, env: ["GITDESK_CRASH_AT": "\(point)"])
            if killed.code == 0 { break }  // past the last kill point: the write simply finished
            XCTAssertEqual(killed.out, "", "point \(point)")
            if try head(in: copy) != before { killedAfterLanding += 1 }
            // The next command, a read, finishes or leaves it; then a write goes through.
            try gitdesk("balance", in: copy)
            try gitdesk("log", id, "30m", "billable", "After", "--date", "2026-11-04", in: copy)
            XCTAssertEqual(try git("status", "--porcelain", in: copy), "", "point \(point)")
            let committed = try git("show", "HEAD:\(path)", in: copy)
            XCTAssertEqual(try read(path, in: copy), committed, "point \(point)")
            XCTAssertLessThanOrEqual(committed.components(separatedBy: "Killed write").count, 2, "point \(point)")
            XCTAssertEqual(committed.components(separatedBy: "After").count, 2, "point \(point)")
            try gitdesk("check", in: copy)
        }
        XCTAssertGreaterThanOrEqual(killedAfterLanding, 2, "some kills should land after the branch moved")
    }

    func testAStaleBranchLockIsNamedNotMisreported() throws {
        let id = try makeDesk()
        let before = try head()
        FileManager.default.createFile(atPath: desk + "/.git/refs/heads/main.lock", contents: nil)
        let result = try gitdesk("log", id, "1h", "billable", "Locked", code: 1)
        XCTAssertTrue(result.err.contains("main.lock существует") && result.err.contains("удалите"), result.err)
        XCTAssertEqual(try head(), before)
        XCTAssertEqual(try git("status", "--porcelain"), "")
    }

    func testConcurrentColdSearchesDoNotFail() throws {
        let id = try makeDesk()
        try gitdesk("log", id, "1h", "billable", "Синхронизация обмена", "--date", "2026-11-02")
        for _ in 0..<3 {
            try? FileManager.default.removeItem(atPath: deskIndex.folder)
            let results = try runTogether(Array(repeating: (Self.binary, ["search", "синхронизация"]), count: 6))
            for result in results {
                XCTAssertEqual(result.code, 0, result.err)
                XCTAssertTrue(result.out.contains(id), result.out)
            }
        }
    }
}
