import Foundation
import XCTest
import GitdeskCore

/// Seeded random trials with real git: two or three clones append, correct and delete work
/// and ledger lines (by hand and through gitdesk), then one of them pulls the others in a
/// random order. A model of each transaction says what must come out.
final class MergeTrialsTests: DeskTestCase {
    /// A transaction as the model knows it: its file and its whole line.
    struct Line: Equatable {
        let file: String
        let text: String
    }

    typealias State = [String: Line]

    func testRandomClonesMergeWithoutLostDoubledOrSilentlyMergedLines() throws {
        let id = try makeDesk()
        let work = "\(folder(id))/work.md", ledger = "ledger/acme.md"
        try gitdesk("log", id, "1h", "billable", "Base one", "--date", "2026-11-02")
        try gitdesk("log", id, "2h", "billable", "Base two", "--date", "2026-11-02")
        try gitdesk("pay", "acme", "10000", "Base payment")
        let base = try state(in: desk, files: [work, ledger])
        XCTAssertEqual(base.count, 3)

        var random = SeededGenerator(seed: 2026)
        var conflictsSeen = 0
        for trial in 0..<35 {
            let trialRoot = root + "/trial\(trial)"
            let clones = (0..<Int.random(in: 2...3, using: &random)).map { "\(trialRoot)/c\($0)" }
            try FileManager.default.createDirectory(atPath: trialRoot, withIntermediateDirectories: true)
            for clone in clones { try FileManager.default.copyItem(atPath: desk, toPath: clone) }

            var states: [State] = []
            for (number, clone) in clones.enumerated() {
                var current = base
                for step in 0..<Int.random(in: 1...3, using: &random) {
                    let newID = "t\(trial)c\(number)s\(step)"
                    switch Int.random(in: 0..<6, using: &random) {
                    case 0:
                        current[newID] = Line(file: work, text: "- 2026-11-1\(step) alice \(Int.random(in: 1...9, using: &random) * 5)m billable Clone \(number) ^\(newID)")
                    case 1:
                        current[newID] = Line(file: ledger, text: "- 2026-11-1\(step) payment \(Int.random(in: 1...9, using: &random) * 100) Clone \(number) ^\(newID)")
                    case 2, 3:
                        // A correction to a base line; two clones may make the very same one.
                        let target = base.keys.sorted()[Int.random(in: 0..<base.count, using: &random)]
                        guard let line = current[target] else { break }
                        let value = Int.random(in: 1...2, using: &random)
                        current[target] = Line(file: line.file, text: line.file == work
                            ? "- 2026-11-02 alice \(value * 15)m billable Corrected ^\(target)"
                            : "- 2026-11-01 payment \(value * 1000) Corrected ^\(target)")
                    case 4:
                        current[base.keys.sorted()[Int.random(in: 0..<base.count, using: &random)]] = nil
                    default:
                        // Through gitdesk: its ID is read back from the file.
                        try commitByHand(current, clone: clone, files: [work, ledger])
                        try gitdesk("log", id, "20m", "billable", "Logged by gitdesk", "--date", "2026-11-20", in: clone)
                        current = try state(in: clone, files: [work, ledger])
                    }
                }
                try commitByHand(current, clone: clone, files: [work, ledger])
                XCTAssertEqual(try state(in: clone, files: [work, ledger]), current, "trial \(trial) clone \(number)")
                states.append(current)
            }

            // The first clone pulls the others in a random order.
            var hub = states[0]
            for other in Array(1..<clones.count).shuffled(using: &random) {
                let (expected, conflicts) = model(base: base, ours: hub, theirs: states[other])
                let pull = try run("/usr/bin/git", ["pull", "-q", "--no-rebase", "--no-edit", clones[other], "HEAD"], in: clones[0])
                if conflicts.isEmpty {
                    XCTAssertEqual(pull.code, 0, "trial \(trial): \(pull.err)")
                } else {
                    conflictsSeen += 1
                    XCTAssertNotEqual(pull.code, 0, "trial \(trial): conflicting corrections of \(conflicts) merged silently")
                    let texts = try [work, ledger].map { try read($0, in: clones[0]) }
                    XCTAssertTrue(texts.contains { $0.contains("<<<<<<< ours") }, "trial \(trial): no conflict markers")
                    for (file, text) in zip([work, ledger], texts) { try write(file, keepOurs(text), in: clones[0]) }
                    try git("commit", "-qam", "resolved: ours", in: clones[0])
                }
                hub = expected
                XCTAssertEqual(try state(in: clones[0], files: [work, ledger]), hub, "trial \(trial)")
            }
            try gitdesk("check", in: clones[0])
            let balance = try JSONSerialization.jsonObject(with: Data(try gitdesk("balance", "acme", "--json", in: clones[0]).out.utf8)) as! [[String: Any]]
            XCTAssertEqual(minor(balance.first?["balance"]), expectedBalance(hub), "trial \(trial)")
            try? FileManager.default.removeItem(atPath: trialRoot)
        }
        XCTAssertGreaterThan(conflictsSeen, 3, "the trials should include conflicting corrections")
    }

    /// A criss-cross history: A and B correct one line differently, each then merges the
    /// other and keeps its own correction. Merging the two (two merge bases, which disagree)
    /// must conflict whichever side merges, and must not when both kept the same one.
    func testCrissCrossCorrectionsConflictWhicheverSideMerges() throws {
        let id = try makeDesk()
        let work = "\(folder(id))/work.md"
        try gitdesk("log", id, "1h", "billable", "Base line", "--date", "2026-11-02")
        let line = try read(work).split(separator: "\n").first { $0.hasPrefix("- ") }.map(String.init)!
        func correct(_ hours: String) throws {
            try write(work, try read(work).replacingOccurrences(of: line, with: line.replacingOccurrences(of: " 1h ", with: " \(hours) ")))
            try git("commit", "-qam", "\(hours)")
        }
        func mergeKeeping(_ other: String, hours: String) throws {
            let merge = try run("/usr/bin/git", ["merge", "-q", "--no-edit", other])
            XCTAssertNotEqual(merge.code, 0, "the first merge of \(other) must conflict")
            let text = try read(work).split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.hasPrefix("<<<<<<<") && !$0.hasPrefix("=======") && !$0.hasPrefix(">>>>>>>") && !($0.contains(" billable Base line") && !$0.contains(" \(hours) ")) }
            try write(work, text.joined(separator: "\n"))
            try git("commit", "-qam", "kept \(hours)")
        }
        try git("branch", "b")
        try git("checkout", "-qb", "a")
        try correct("2h")
        try git("checkout", "-q", "b")
        try correct("3h")
        try git("checkout", "-qb", "b2")
        try mergeKeeping("a", hours: "3h")
        try git("checkout", "-qb", "a2", "a")
        try mergeKeeping("b", hours: "2h")
        XCTAssertEqual(try git("merge-base", "--all", "a2", "b2").split(separator: "\n").count, 2)

        for (ours, theirs) in [("a2", "b2"), ("b2", "a2")] {
            try git("checkout", "-qf", ours)
            let merge = try run("/usr/bin/git", ["merge", "--no-edit", theirs])
            XCTAssertNotEqual(merge.code, 0, "\(ours) merging \(theirs) kept one correction silently")
            let text = try read(work)
            XCTAssertTrue(text.contains(" 2h billable Base line") && text.contains(" 3h billable Base line") && text.contains("<<<<<<<"), text)
            try git("merge", "--abort")
        }

        // When both sides kept the same correction the bases still disagree, but the sides do not.
        try git("checkout", "-qb", "b3", "b")
        try mergeKeeping("a", hours: "2h")
        try git("checkout", "-qf", "a2")
        try git("merge", "-q", "--no-edit", "b3")
        XCTAssertTrue(try read(work).contains(" 2h billable Base line"))
        XCTAssertFalse(try read(work).contains(" 3h billable Base line"))
        try gitdesk("check")
    }

    /// What the ID-aware merge must make, and the transactions that must conflict (which
    /// the test then resolves as "ours").
    func model(base: State, ours: State, theirs: State) -> (State, [String]) {
        var merged: State = [:]
        var conflicts: [String] = []
        for id in Set(base.keys).union(ours.keys).union(theirs.keys) {
            let (o, a, b) = (base[id], ours[id], theirs[id])
            if a == b || b == o { merged[id] = a }
            else if a == o { merged[id] = b }
            else { conflicts.append(id); merged[id] = a }
        }
        return (merged, conflicts.sorted())
    }

    /// A conflicted file resolved by keeping our side of every conflict.
    func keepOurs(_ text: String) -> String {
        var kept: [Substring] = []
        var skipping = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("<<<<<<< ") { continue }
            if line == "=======" { skipping = true; continue }
            if line.hasPrefix(">>>>>>> ") { skipping = false; continue }
            if !skipping { kept.append(line) }
        }
        return kept.joined(separator: "\n")
    }

    /// Writes the model's lines into the clone's files (keeping the order of lines that stay)
    /// and commits them with plain git.
    func commitByHand(_ wanted: State, clone: String, files: [String]) throws {
        for file in files {
            let existing = try read(file, in: clone).split(separator: "\n").map(String.init)
            var lines: [String] = []
            var placed = Set<String>()
            for line in existing {
                guard let id = line.split(separator: "^").last.map(String.init), let replacement = wanted[id] else { continue }
                lines.append(replacement.text)
                placed.insert(id)
            }
            for (id, line) in wanted.sorted(by: { $0.key < $1.key }) where line.file == file && !placed.contains(id) {
                lines.append(line.text)
            }
            try write(file, lines.map { $0 + "\n" }.joined(), in: clone)
        }
        // Exit 1 when nothing changed: the check below compares the files with the model.
        try run("/usr/bin/git", ["commit", "-qam", "by hand", "--no-verify"], in: clone)
    }

    /// Every transaction line of the files, by ID; a line that appears twice fails the test.
    func state(in directory: String, files: [String]) throws -> State {
        var state: State = [:]
        for file in files {
            for line in try read(file, in: directory).split(separator: "\n") where line.hasPrefix("- ") {
                let id = String(line.split(separator: "^").last!)
                XCTAssertNil(state[id], "^\(id) twice in \(directory)/\(file)")
                state[id] = Line(file: file, text: String(line))
            }
        }
        return state
    }

    /// The balance from the model's lines, computed here: payments minus minutes × 2000/60,
    /// each line rounded to the kopeck, half away from zero.
    func expectedBalance(_ state: State) -> Int {
        state.values.reduce(0) { total, line in
            let fields = line.text.split(separator: " ")
            if fields[2] == "payment" { return total + Int(Money(String(fields[3]))!.minor) }
            let minutes = Duration(String(fields[3]))!.minutes
            return total - (minutes * 200_000 + 30) / 60
        }
    }
}
