import Foundation
import GitdeskCore
import XCTest

/// An index that cannot lie: a flipped bit in any of its files leaves every answer as it was
/// (the damaged record is caught and rebuilt) or is refused; deleted, forged by another build,
/// or left over by an older gitdesk, it changes no answer either.
final class CacheIntegrityTests: DeskTestCase {
    func testABitFlipInAnyCacheFileChangesNoAnswer() throws {
        let id = try makeDesk()
        for (duration, note) in [("1h", "Синхронизация цен"), ("45m", "Обмен с 1С"), ("2h", "Отчёт по складу")] {
            try gitdesk("log", id, duration, "billable", note, "--date", "2026-11-03")
        }
        try gitdesk("pay", "acme", "5000", "Invoice 7")
        try gitdesk("new", "--client", "acme", "--title", "Синхронизация остатков")
        let commands = [["balance", "--json"], ["audit", "--format", "json"], ["search", "синхронизация"]]
        for command in commands { try gitdesk(command) }
        let clean = try commands.map { try gitdesk($0).out }

        let folder = deskIndex.folder
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 6, "\(files)")
        var random = SystemRandomNumberGenerator()
        var silentlyWrong: [String] = []
        for name in files {
            let original = try Data(contentsOf: URL(fileURLWithPath: folder + name))
            guard original.count > 0 else { continue }
            let positions = (0..<8).map { original.count * $0 / 8 } + (0..<4).map { _ in Int.random(in: 0..<original.count, using: &random) }
            for position in positions {
                var damaged = original
                damaged[position] ^= UInt8(1 << (position % 8))
                for (command, expected) in zip(commands, clean) {
                    try damaged.write(to: URL(fileURLWithPath: folder + name))
                    let result = try run(Self.binary, command)
                    if result.code == 0 && result.out != expected { silentlyWrong.append("\(name)@\(position): \(command[0])") }
                    XCTAssertFalse(result.err.contains("Fatal error"), "\(name)@\(position): \(result.err)")
                }
            }
            try original.write(to: URL(fileURLWithPath: folder + name))
        }
        XCTAssertEqual(silentlyWrong, [], "answers changed silently by a flipped bit")
    }

    /// `.git/gitdesk/` holds only the index (one file per `DeskIndex.Part`) and the control
    /// files: every command writes only those, and what an older gitdesk left there (an
    /// earlier layout's caches) is removed the next time the desk is opened — but not a write
    /// in progress.
    func testOnlyTheIndexAndControlFilesAreKept() throws {
        let id = try makeDesk()
        let home = deskIndex.home, folder = deskIndex.folder
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for retired in ["folders-v5", "parse-v3.bin", "history-v3.bin", "audit-v1", "search-v2.sqlite", "search-v2.sqlite.sum"] {
            try Data("old".utf8).write(to: URL(fileURLWithPath: home + retired))
        }
        try Data("old".utf8).write(to: URL(fileURLWithPath: folder + "folders-v6"))
        let inProgress = ".folders.4242.B1F0"
        try Data("half".utf8).write(to: URL(fileURLWithPath: folder + inProgress))
        try gitdesk("log", id, "1h", "billable", "Синхронизация цен", "--date", "2026-11-03")
        try gitdesk("pay", "acme", "5000", "Invoice 7")
        for command in [["balance"], ["statement", "acme", "--period", "2026-11"], ["report", "--period", "2026-11"], ["plan", "--week", "2026-W45"],
                        ["list"], ["show", id], ["check"], ["audit", "--format", "json"], ["search", "синхронизация"],
                        ["export", "--format", "csv"], ["site", "--out", root + "/site"]] {
            try gitdesk(command)
        }
        // SLA exits 1 on an overdue clock; what matters here is what it leaves behind.
        XCTAssertFalse(try run(Self.binary, ["sla", "--desk", desk]).err.contains("Fatal error"))
        let control = Set(DeskIndex.ControlFile.allCases.map(\.rawValue) + ["index"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: home).filter { !control.contains($0) }.sorted(), [], "files beside the index")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
        let parts = Set(DeskIndex.Part.allCases.map(\.rawValue))
        XCTAssertEqual(names.filter { !$0.hasPrefix(".") && !parts.contains($0) && !$0.hasPrefix("search.sqlite") }.sorted(), [], "files no part names")
        XCTAssertTrue(names.contains(inProgress))
        // Whole desks parsed file by file (seals), audits edited since and folders listed
        // more than two seconds after they changed are not among these.
        for part in DeskIndex.Part.allCases where ![.parsedFiles, .auditChanges, .workingTree].contains(part) { XCTAssertTrue(names.contains(part.rawValue), "\(part) in \(names)") }
    }
}

extension CacheIntegrityTests {
    /// The history is saved a part at a time as it is read (a few thousand commits on a large
    /// desk; two here): a file saved in parts by a reader of statuses alone, which let go of
    /// the transaction lines as it went, still gives the audit every line; a file cut short
    /// is read around; and a history extended by new commits answers as one built whole.
    func testHistorySavedInPartsAnswersAsOneBuiltWhole() throws {
        try makeDemoDesk()
        let now = "2026-11-28T12:00"
        let commands = [["audit", "--format", "json"], ["sla", "--json", "--now", now], ["remind", "--json", "--now", now],
                        ["show", "VEC-5H1R", "--json"], ["dashboard", "--json", "--now", now]]
        let cache = deskIndex.path(.history)
        func outputs(part: Int? = nil) throws -> [String] {
            try commands.map { try run(Self.binary, $0, env: part.map { ["GITDESK_HISTORY_PART": String($0)] } ?? [:]).out }
        }
        let whole = try outputs()
        XCTAssertTrue(whole[0].contains("\"original\""), "the audit lists lines")

        try FileManager.default.removeItem(atPath: cache)
        try run(Self.binary, ["sla", "--json", "--now", now], env: ["GITDESK_HISTORY_PART": "2"])
        let parts = try Data(contentsOf: URL(fileURLWithPath: cache))
        XCTAssertEqual(try outputs(), whole, "read from a file saved in parts")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: cache)), parts, "the file was current: nothing rewritten")

        try parts.prefix(parts.count / 2).write(to: URL(fileURLWithPath: cache))
        XCTAssertEqual(try outputs(part: 3), whole, "a file cut short")

        // Written as the demo desk's alice.
        let alice = ["GIT_AUTHOR_EMAIL": "alice@guild.example", "GIT_COMMITTER_EMAIL": "alice@guild.example"]
        for args in [["log", "VEC-5H1R", "30m", "billable", "One more call", "--date", "2026-11-27"], ["pay", "vector", "1000", "Invoice 12"]] {
            let written = try run(Self.binary, args, env: alice)
            XCTAssertEqual(written.code, 0, written.err)
        }
        // Extended first by a reader of statuses alone (the SLA clocks, the site), which
        // appends the new commits' lines without decoding the old ones.
        try run(Self.binary, ["sla", "--json", "--now", now])
        let extended = try outputs(part: 2)
        try FileManager.default.removeItem(atPath: deskIndex.folder)
        XCTAssertEqual(extended, try outputs(), "extended by two commits, and built whole")

        // A rewritten history (a reset), met first by such a reader, keeps every old line.
        try git("reset", "-q", "--hard", "HEAD~1")
        try run(Self.binary, ["site", "--out", root + "/site"])
        let rewritten = try outputs()
        try FileManager.default.removeItem(atPath: deskIndex.folder)
        XCTAssertEqual(rewritten, try outputs(), "after a reset, and built whole")
    }
}

extension CacheIntegrityTests {
    /// An upgrade never serves what another build wrote: the same gitdesk copied with another
    /// modification time (to the index, another build) answers the same and writes again
    /// every part it reads, stamped with its own build.
    func testAnotherBuildBelievesNoPartTheFirstWrote() throws {
        let id = try makeDesk()
        try gitdesk("log", id, "1h", "billable", "Синхронизация цен", "--date", "2026-11-03")
        try gitdesk("pay", "acme", "5000", "Invoice 7")
        let commands = [["balance", "--json"], ["audit", "--format", "json"], ["search", "синхронизация"],
                        ["export", "--format", "csv"], ["report", "--period", "2026-11", "--json"]]
        let first = try commands.map { try gitdesk($0).out }
        func stamp(_ part: String) throws -> String {
            String(decoding: try Data(contentsOf: URL(fileURLWithPath: deskIndex.folder + part)).prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
        }
        let parts = try FileManager.default.contentsOfDirectory(atPath: deskIndex.folder).filter { !$0.hasPrefix(".") && !$0.hasPrefix("search.sqlite") }
        XCTAssertGreaterThanOrEqual(parts.count, 4, "\(parts)")
        let stamps = try Dictionary(uniqueKeysWithValues: parts.map { ($0, try stamp($0)) })

        let upgraded = root + "/gitdesk-upgraded"
        try FileManager.default.copyItem(atPath: Self.binary, toPath: upgraded)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -86_400)], ofItemAtPath: upgraded)
        XCTAssertEqual(try commands.map { try run(upgraded, $0).out }, first)
        for part in parts {
            let now = try stamp(part)
            XCTAssertTrue(now.hasPrefix("gitdesk-index \(part) "), now)
            XCTAssertNotEqual(now, stamps[part], "\(part) written again by the other build")
        }
    }
}

extension CacheIntegrityTests {
    /// `show` without a history index walks the trees along the ticket's card alone, and
    /// leaves the index unbuilt; its history is the one the index gives, through status
    /// changes on a branch and on main, a merge that brings a branch's change, a card deleted
    /// and written again, a card edited by hand, and a `ticket.md` that is not the card.
    func testShowWithoutTheHistoryIndexAnswersAsWithIt() throws {
        let id = try makeDesk()
        try gitdesk("move", id, "accepted")
        try git("checkout", "-q", "-b", "side")
        try gitdesk("move", id, "in-progress", "--assign", "alice")
        try git("checkout", "-q", "main")
        let second = try gitdesk("new", "--client", "acme", "--title", "Второй").out.trimmingCharacters(in: .whitespacesAndNewlines)
        try gitdesk("move", second, "in-progress", "--assign", "bob")
        try git("merge", "-q", "--no-ff", "-m", "Merge side", "side")
        try gitdesk("move", id, "on-hold")
        let card = try read(folder(id) + "/ticket.md")
        try write(folder(id) + "/ticket.md", card.replacingOccurrences(of: "status: on-hold", with: "status: testing"))
        try write(folder(second) + "/files/ticket.md", "---\nstatus: done\n---\nnot the card\n")
        try git("add", "-A")
        try git("commit", "-q", "-m", "By hand")
        try git("rm", "-q", folder(second) + "/ticket.md")
        // A folder without its card is refused by the hook: committed past it, as by hand.
        try git("commit", "-q", "--no-verify", "-m", "Card gone")
        try git("checkout", "-q", "HEAD~1", "--", folder(second) + "/ticket.md")
        try git("commit", "-q", "-m", "Card back")

        let history = deskIndex.path(.history)
        var walked: [String] = []
        for ticket in [id, second] {
            try? FileManager.default.removeItem(atPath: history)
            walked.append(try gitdesk("show", ticket, "--json").out)
            XCTAssertFalse(FileManager.default.fileExists(atPath: history), "show built the history index")
        }
        try gitdesk("audit", "--format", "json")
        XCTAssertTrue(FileManager.default.fileExists(atPath: history))
        XCTAssertEqual(try [id, second].map { try gitdesk("show", $0, "--json").out }, walked)

        let shown = try JSONSerialization.jsonObject(with: Data(walked[0].utf8)) as! [String: Any]
        let statuses = (shown["history"] as! [[String: Any]]).map { $0["to"] as! String }
        XCTAssertEqual(statuses, ["new", "accepted", "in-progress", "on-hold", "testing"])
        let other = try JSONSerialization.jsonObject(with: Data(walked[1].utf8)) as! [String: Any]
        XCTAssertEqual((other["history"] as! [[String: Any]]).map { $0["to"] as! String }, ["new", "in-progress", "in-progress"])
    }
}

extension CacheIntegrityTests {
    /// A walk `show` made is remembered with the commit it reached: shown again at that
    /// commit, the ticket answers from it; after new commits (a merge of a branch forked
    /// before it included) only those are walked; after a reset, or with the part damaged,
    /// it walks again. Every answer is the one a fresh walk gives.
    func testShowRemembersItsWalkAndExtendsItByTheCommitsSince() throws {
        let id = try makeDesk()
        let walks = deskIndex.path(.ticketWalks)
        func shown(_ step: String, line: UInt = #line) throws -> String {
            let remembered = try gitdesk("show", id, "--json").out
            XCTAssertTrue(FileManager.default.fileExists(atPath: walks), step, line: line)
            XCTAssertFalse(FileManager.default.fileExists(atPath: deskIndex.path(.history)), step, line: line)
            try FileManager.default.removeItem(atPath: walks)
            XCTAssertEqual(remembered, try gitdesk("show", id, "--json").out, step + ": as a fresh walk", line: line)
            return remembered
        }
        try gitdesk("move", id, "accepted")
        _ = try shown("walked once")
        let before = try Data(contentsOf: URL(fileURLWithPath: walks))
        _ = try gitdesk("show", id, "--json")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: walks)), before, "the same commit: nothing walked again")

        try git("checkout", "-q", "-b", "side")
        try gitdesk("move", id, "in-progress", "--assign", "alice")
        try git("checkout", "-q", "main")
        try gitdesk("log", id, "30m", "billable", "Звонок", "--date", "2026-11-04")
        _ = try gitdesk("show", id, "--json")
        try git("merge", "-q", "--no-ff", "-m", "Merge side", "side")
        try gitdesk("move", id, "on-hold")
        _ = try gitdesk("show", id, "--json")
        let merged = try shown("extended across a merge")
        let statuses = (try JSONSerialization.jsonObject(with: Data(merged.utf8)) as! [String: Any])["history"] as! [[String: Any]]
        XCTAssertEqual(statuses.map { $0["to"] as! String }, ["new", "accepted", "in-progress", "on-hold"])

        _ = try gitdesk("show", id, "--json")
        try git("reset", "-q", "--hard", "HEAD~2")
        _ = try shown("after a reset")

        _ = try gitdesk("show", id, "--json")
        var damaged = try Data(contentsOf: URL(fileURLWithPath: walks))
        damaged[damaged.count / 2] ^= 0xFF
        try damaged.write(to: URL(fileURLWithPath: walks))
        _ = try shown("the part damaged")
    }
}
