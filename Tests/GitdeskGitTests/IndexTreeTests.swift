import Foundation
import XCTest
@testable import GitdeskGit

/// The tree read from an index file's cached trees equals the one git writes, through every
/// kind of staged change, seeded.
final class IndexTreeTests: XCTestCase {
    var dir: String!

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "gitdesk-index-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    @discardableResult
    func git(_ args: String...) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = ["-c", "user.name=T", "-c", "user.email=t@example.com"] + args
        process.currentDirectoryURL = URL(fileURLWithPath: dir)
        process.environment = ["HOME": dir, "GIT_CONFIG_NOSYSTEM": "1", "PATH": "/usr/bin:/bin"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "git \(args)")
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func write(_ path: String, _ text: String) throws {
        let url = URL(fileURLWithPath: dir + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func testTheTreeOfTheIndexEqualsGitsThroughEveryKindOfChange() throws {
        try git("init", "-q")
        let folders = ["", "a/", "a/b/", "a/b/c/", "d/", "d-e/", "d.e/", "tickets/AC/AC-1/", "tickets/AC/AC-2/", "tickets/BE/BE-1/"]
        var generator = SystemRandomNumberGenerator()
        for folder in folders { for file in ["x.md", "y-z.md", "work.md"] { try write(folder + file, "\(folder)\(file)\n") } }
        try git("add", "-A")
        try git("commit", "-qm", "start")
        let repository = try Repository.discover(at: dir)
        let index = dir + "/.git/index"
        for round in 0..<30 {
            // One to three changes of a random kind, staged the way engineers stage them.
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let folder = folders.randomElement(using: &generator)!
                switch Int.random(in: 0..<6, using: &generator) {
                case 0: try write(folder + "work.md", "round \(round)\n")
                case 1: try write(folder + "new-\(round).md", "new\n")
                case 2: try write(folder + "deep/er-\(round)/f.md", "deeper\n")
                case 3: try? FileManager.default.removeItem(atPath: dir + "/" + folder + "x.md")
                case 4: try? FileManager.default.removeItem(atPath: dir + "/" + folder + "deep")
                default:
                    let path = dir + "/" + folder + "y-z.md"
                    if FileManager.default.fileExists(atPath: path) { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path) }
                }
            }
            try git("add", "-A")
            let expected = try git("write-tree")
            // git write-tree refreshed the index's cached trees: invalidate them again as a
            // plain `git add` leaves them, then read.
            try write("a/b/touch.md", "\(round)\n")
            try git("add", "-A")
            let again = try git("write-tree")
            try write("a/b/touch.md", "\(round) again\n")
            try git("add", "-A")
            XCTAssertNotEqual(again, expected)
            let read = try XCTUnwrap(try IndexTree.read(indexAt: index, in: repository), "round \(round)").tree
            XCTAssertEqual(read.hex, try git("write-tree"), "round \(round)")
            _ = expected
            if round % 5 == 4 { try git("commit", "-qm", "round \(round)") }
        }
    }

    func testAnIndexItDoesNotReadIsLeftToLibgit2() throws {
        try git("init", "-q")
        try write("f.md", "one\n")
        try git("add", "-A")
        let repository = try Repository.discover(at: dir)
        // A fresh index has no cached trees until something writes them.
        XCTAssertNil(try IndexTree.read(indexAt: dir + "/.git/index", in: repository))
        try git("update-index", "--index-version", "4")
        try git("write-tree")
        XCTAssertNil(try IndexTree.read(indexAt: dir + "/.git/index", in: repository))
        XCTAssertNil(try IndexTree.read(indexAt: dir + "/.git/missing", in: repository))
    }
}
