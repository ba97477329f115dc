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

    /// Entries patched in place, seeded: git reads the file (its checksum holds), the entries
    /// hold the new blobs, the cached trees the new tree (what `git write-tree` computes from
    /// the entries alone), and a working file that holds the blob is not modified for `git
    /// status`; one that does not is.
    func testPatchedEntriesAreWhatGitWouldHaveStaged() throws {
        try git("init", "-q")
        let files = ["a.md", "tickets/AC/AC-1/work.md", "tickets/AC/AC-2/work.md", "tickets/BE/BE-1/work.md", "z/deep/er/work.md"]
        for file in files { try write(file, "\(file)\n") }
        try git("add", "-A")
        try git("commit", "-qm", "start")
        try git("write-tree")   // the cached trees, as git leaves them after a commit
        let repository = try Repository.discover(at: dir)
        let index = dir + "/.git/index"
        var generator = SystemRandomNumberGenerator()
        for round in 0..<12 {
            // Stage a change, as `git add` would, then number it in place.
            let chosen = Array(files.shuffled(using: &generator).prefix(Int.random(in: 1...3, using: &generator)))
            for file in chosen { try write(file, try String(contentsOfFile: dir + "/" + file, encoding: .utf8) + "round \(round)\n") }
            try git("add", "-A")
            if round % 3 == 0 { try git("write-tree") }
            let read = try XCTUnwrap(try IndexTree.read(indexAt: index, in: repository))
            let staged = read.tree
            // The parse of the read serves the patch; every other round the index file is
            // written again (as git may between the two) and read afresh.
            if round % 2 == 1 {
                let bytes = try Data(contentsOf: URL(fileURLWithPath: index))
                try FileManager.default.removeItem(atPath: index)
                try bytes.write(to: URL(fileURLWithPath: index))
            }
            var updates: [String: Data?] = [:]
            var replacements: [IndexReplacement] = []
            for (number, file) in chosen.enumerated() {
                let text = try String(contentsOfFile: dir + "/" + file, encoding: .utf8) + "numbered \(round)\n"
                updates[file] = Data(text.utf8)
                // Every other file keeps an unstaged edit of its own in the working tree.
                let keepsEdit = number % 2 == 1
                try write(file, keepsEdit ? text + "unstaged\n" : text)
                replacements.append(IndexReplacement(path: file, blob: try repository.writeBlob(Data(text.utf8)),
                                                     workingFile: keepsEdit ? nil : dir + "/" + file))
            }
            let tree = try repository.tree(staged, updating: updates)
            XCTAssertTrue(try IndexTree.patch(indexAt: index, replacing: replacements, tree: tree, in: repository, reading: read), "round \(round)")
            XCTAssertEqual(try git("write-tree"), tree.hex, "round \(round): the cached trees and the entries agree")
            for replacement in replacements {
                XCTAssertEqual(try git("rev-parse", ":" + replacement.path), replacement.blob.hex)
            }
            let modified = Set(try git("diff", "--name-only").split(separator: "\n").map(String.init))
            XCTAssertEqual(modified, Set(replacements.filter { $0.workingFile == nil }.map(\.path)), "round \(round)")
            try git("fsck", "--no-progress")
            try git("commit", "-qm", "round \(round)")
            XCTAssertEqual(try git("rev-parse", "HEAD^{tree}"), tree.hex)
            try git("checkout", "-q", "--", ".")
        }
    }

    func testAnIndexThePatchDoesNotHandleIsLeftAlone() throws {
        try git("init", "-q")
        try write("run.sh", "one\n")
        try write("f.md", "one\n")
        try git("add", "-A")
        try git("update-index", "--chmod=+x", "run.sh")
        try git("write-tree")
        let repository = try Repository.discover(at: dir)
        let index = dir + "/.git/index"
        let before = try Data(contentsOf: URL(fileURLWithPath: index))
        let blob = try repository.writeBlob(Data("two\n".utf8))
        let tree = try repository.tree(try XCTUnwrap(try IndexTree.read(indexAt: index, in: repository)).tree, updating: [:])
        for path in ["run.sh", "missing.md"] {
            XCTAssertFalse(try IndexTree.patch(indexAt: index, replacing: [IndexReplacement(path: path, blob: blob, workingFile: nil)],
                                               tree: tree, in: repository), path)
        }
        try git("update-index", "--index-version", "4")
        XCTAssertFalse(try IndexTree.patch(indexAt: index, replacing: [IndexReplacement(path: "f.md", blob: blob, workingFile: nil)],
                                           tree: tree, in: repository))
        _ = before
    }

    func testSHA1OfKnownInputs() {
        func hex(_ text: [UInt8]) -> String { text.withUnsafeBytes { SHA1.digest($0) }.map { String(format: "%02x", $0) }.joined() }
        XCTAssertEqual(hex([]), "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        XCTAssertEqual(hex(Array("abc".utf8)), "a9993e364706816aba3e25717850c26c9cd0d89d")
        XCTAssertEqual(hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)), "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
        XCTAssertEqual(hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)), "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
    }
    /// A split index in format 4 unfolds to exactly the entries git lists; bytes changed in
    /// it (the checksum made good again, so the parser itself sees them) are refused with a
    /// message or read, never a crash or a hang: seeded.
    func testASplitIndexUnfoldsAsGitListsItAndDamageIsRefused() throws {
        try git("init", "-q")
        for number in 0..<40 { try write("f\(number % 4)/file\(number).md", "\(number)\n") }
        try git("add", ".")
        try git("commit", "-qm", "base")
        try git("update-index", "--index-version", "4")
        try git("update-index", "--split-index")
        try write("f1/file1.md", "changed\n")
        try write("f2/new.md", "new\n")
        try git("rm", "-q", "--cached", "f3/file3.md")
        try git("add", "f1/file1.md", "f2/new.md")
        let listed = try git("ls-files", "-s")
        let repository = try Repository.discover(at: dir)
        let index = dir + "/.git/index"
        let original = try Data(contentsOf: URL(fileURLWithPath: index))
        XCTAssertTrue(PlainIndex.mayBeFolded(indexAt: index, in: repository))
        XCTAssertTrue(try PlainIndex.unfold(indexAt: index, in: repository, heldByGit: false))
        XCTAssertEqual(try git("ls-files", "-s"), listed)
        XCTAssertFalse(try PlainIndex.unfold(indexAt: index, in: repository, heldByGit: false), "a plain index is left alone")

        var generator = SplitMix(seed: 36)
        for round in 0..<300 {
            var bytes = [UInt8](original)
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let position = Int.random(in: 0..<(bytes.count - 20), using: &generator)
                bytes[position] = UInt8.random(in: 0...255, using: &generator)
            }
            if round % 3 == 0 { bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count - 20, using: &generator))) + [UInt8](repeating: 0, count: 20) }
            let checksum = bytes.withUnsafeBytes { SHA1.digest(UnsafeRawBufferPointer(rebasing: $0[0..<max(0, $0.count - 20)])) }
            if bytes.count >= 20 { bytes.replaceSubrange(bytes.count - 20..<bytes.count, with: checksum) }
            try Data(bytes).write(to: URL(fileURLWithPath: index))
            do {
                try PlainIndex.unfold(indexAt: index, in: repository, heldByGit: false)
            } catch let error as GitError {
                XCTAssertFalse(error.description.isEmpty)
            }
        }
    }
}

/// A small seeded generator for the fuzz rounds.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
