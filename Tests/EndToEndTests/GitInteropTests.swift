import Foundation
import XCTest

final class GitInteropTests: DeskTestCase {
    func testHookNumbersHandWrittenLines() throws {
        let id = try makeDesk()
        try write("\(folder(id))/work.md", "- 2026-11-03 alice 45m billable Written by hand\n")
        try git("add", "-A")
        try git("commit", "-qm", "work by hand")
        let committed = try git("show", "HEAD:\(folder(id))/work.md")
        XCTAssertTrue(committed.hasPrefix("- 2026-11-03 alice 45m billable Written by hand ^w"), committed)
        XCTAssertEqual(try read("\(folder(id))/work.md"), committed)
        XCTAssertEqual(try git("status", "--porcelain"), "")
    }

    func testHookRejectsABadCommit() throws {
        let id = try makeDesk()
        try write("\(folder(id))/work.md", "- 2026-11-03 alice 25h billable Too long\n")
        try git("add", "-A")
        let result = try run("/usr/bin/git", ["commit", "-qm", "bad"], as: "alice")
        XCTAssertNotEqual(result.code, 0)
        XCTAssertTrue((result.out + result.err).contains("\(folder(id))/work.md:1: длительность 25h"), result.out + result.err)
        XCTAssertEqual(try git("rev-list", "--count", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines), "7")
    }

    func testTwoClonesLogOnOneTicketAndMergeWithoutConflict() throws {
        let id = try makeDesk()
        let other = root + "/clone"
        try git("clone", "-q", desk, other, in: root)
        try gitdesk("init", in: other, as: "bob")
        try gitdesk("log", id, "1h", "billable", "From the first clone", "--date", "2026-11-03")
        try gitdesk("log", id, "30m", "review", "--for", "@alice", "From the second clone", "--date", "2026-11-03", in: other, as: "bob")
        try git("pull", "-q", "--no-rebase", "--no-edit", "origin", "HEAD", in: other, as: "bob")
        let merged = try read("\(folder(id))/work.md", in: other)
        XCTAssertTrue(merged.contains("From the first clone") && merged.contains("From the second clone"), merged)
        XCTAssertEqual(merged.split(separator: "\n").count, 2)
        try gitdesk("check", in: other)
        XCTAssertTrue(try gitdesk("show", id, "--locale", "en", in: other).out.contains("total 1h 30m"))
    }

    func testACloneThatIsNotSetUpStopsAtAConflictAndLosesNoLine() throws {
        let id = try makeDesk()
        try gitdesk("log", id, "1h", "billable", "Original", "--date", "2026-11-03")
        let other = root + "/clone"
        try git("clone", "-q", desk, other, in: root)
        try gitdesk("log", id, "2h", "billable", "Here", "--date", "2026-11-04")
        let path = "\(folder(id))/work.md"
        // No gitdesk init there: no hook, no merge driver; git merges the file as text.
        try write(path, try read(path, in: other) + "- 2026-11-04 bob 30m billable There ^wthere1\n", in: other)
        try git("commit", "-qam", "there", in: other, as: "bob")
        let pull = try run("/usr/bin/git", ["pull", "-q", "--no-rebase", "--no-edit", "origin", "HEAD"], in: other, as: "bob")
        XCTAssertNotEqual(pull.code, 0)
        let merged = try read(path, in: other)
        for line in ["Original", "Here", "There"] { XCTAssertEqual(merged.components(separatedBy: line).count, 2, merged) }
        XCTAssertTrue(merged.contains("<<<<<<<"), merged)
    }

    func testWritesNeverTouchUncommittedEdits() throws {
        let id = try makeDesk()
        try gitdesk("log", id, "1h", "billable", "Committed")
        let path = "\(folder(id))/work.md"
        let dirty = try read(path) + "- 2026-11-04 alice 2h billable Not committed yet\n"
        try write(path, dirty)
        let before = try head()
        let result = try gitdesk("log", id, "30m", "billable", "Another", code: 1)
        XCTAssertTrue(result.err.contains("незакоммиченные изменения"), result.err)
        XCTAssertEqual(try read(path), dirty)
        XCTAssertEqual(try head(), before)
        // Edits elsewhere do not block writes to other files, and stay uncommitted.
        try gitdesk("pay", "acme", "1000")
        XCTAssertEqual(try read(path), dirty)
        XCTAssertTrue(try git("status", "--porcelain").contains("work.md"))
    }

    func testMissingIdentityIsAClearError() throws {
        try makeDesk()
        let result = try run(Self.binary, ["pay", "acme", "100"], env: ["GIT_AUTHOR_NAME": "", "GIT_AUTHOR_EMAIL": ""])
        XCTAssertEqual(result.code, 1)
        XCTAssertTrue(result.err.contains("git config --global user.name"), result.err)
    }
}
