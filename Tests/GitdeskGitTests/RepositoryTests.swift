import Foundation
import XCTest
@testable import GitdeskGit

final class RepositoryTests: XCTestCase {
    var dir: String!
    let alice = Signature(name: "Alice", email: "alice@example.com", time: 1_790_000_000, offsetMinutes: 180)

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "gitdesk-git-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    func testCommitsReadsAndComparesTrees() throws {
        let repo = try Repository.create(at: dir)
        XCTAssertNil(try repo.head())
        let first = try repo.commit(updates: ["a/x.md": Data("one\n".utf8), "b/y.md": Data("two\n".utf8)],
                                    parent: nil, message: "first", author: alice, committer: alice)
        XCTAssertEqual(try repo.head(), first)
        let second = try repo.commit(updates: ["a/x.md": Data("uno\n".utf8), "b/y.md": nil, "c/z.md": Data("tres\n".utf8)],
                                     parent: first, message: "second", author: alice, committer: alice)
        let info = try repo.commit(second)
        XCTAssertEqual(info.parents, [first])
        XCTAssertEqual(info.author, alice)
        XCTAssertEqual(info.message, "second")
        XCTAssertEqual(try repo.files(inTree: info.tree).map(\.path), ["a/x.md", "c/z.md"])
        XCTAssertEqual(try repo.files(inTree: info.tree, under: "c").map(\.path), ["c/z.md"])
        let blob = try XCTUnwrap(try repo.entryID(path: "a/x.md", inTree: info.tree))
        XCTAssertEqual(String(decoding: try repo.blob(blob), as: UTF8.self), "uno\n")
        let changes = try repo.changes(from: try repo.commit(first).tree, to: info.tree)
        XCTAssertEqual(changes.map(\.path), ["a/x.md", "b/y.md", "c/z.md"])
        XCTAssertNil(changes[1].new)
        XCTAssertNil(changes[2].old)
        XCTAssertEqual(try repo.history(from: second), [first, second])
        XCTAssertEqual(try repo.history(from: second, hiding: [first]), [second])
        XCTAssertTrue(repo.isAncestor(first, of: second))
        XCTAssertFalse(repo.isAncestor(second, of: first))
        XCTAssertEqual(try repo.resolveCommit("HEAD~1"), first)
    }

    func testTheBranchMovesOnlyFromTheCommitAChangeWasMadeOn() throws {
        let repo = try Repository.create(at: dir)
        let first = try repo.commit(updates: ["f": Data("1".utf8)], parent: nil, message: "1", author: alice, committer: alice)
        let second = try repo.commit(updates: ["f": Data("2".utf8)], parent: first, message: "2", author: alice, committer: alice)
        let stale = try repo.createCommit(tree: try repo.tree(try repo.commit(first).tree, updating: ["f": Data("3".utf8)]),
                                          parent: first, message: "3", author: alice, committer: alice)
        XCTAssertEqual(try repo.moveHead(from: first, to: stale, message: "3"), .branchMoved)
        XCTAssertEqual(try repo.head(), second)
        XCTAssertEqual(try repo.moveHead(from: nil, to: stale, message: "3"), .branchMoved)
        FileManager.default.createFile(atPath: repo.commonDirectory + "refs/heads/main.lock", contents: nil)
        guard case .locked(let lockFile) = try repo.moveHead(from: second, to: stale, message: "3") else { return XCTFail("not locked") }
        XCTAssertTrue(lockFile.hasSuffix("refs/heads/main.lock"), lockFile)
    }

    /// A pack read through mapped windows stays mapped until its handle closes it; after
    /// `closePacks` no window of it is left, and the next read opens it again.
    func testClosingPacksUnmapsThemAndReadsGoOn() throws {
        let repo = try Repository.create(at: dir)
        let commit = try repo.commit(updates: ["a/x.md": Data("one\n".utf8)], parent: nil, message: "first", author: alice, committer: alice)
        let gc = Process()
        gc.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        gc.arguments = ["-C", dir, "gc", "-q", "--prune=now"]
        try gc.run()
        gc.waitUntilExit()
        XCTAssertEqual(gc.terminationStatus, 0)
        let reopened = try Repository.discover(at: dir)
        // procfs files have no size: read to the end, not by their size.
        func packsMapped() throws -> Bool {
            let maps = try XCTUnwrap(FileHandle(forReadingAtPath: "/proc/self/maps")).readDataToEndOfFile()
            return String(decoding: maps, as: UTF8.self).contains(dir + "/.git/objects/pack/")
        }
        func read() throws -> String {
            let blob = try XCTUnwrap(try reopened.entryID(path: "a/x.md", inTree: try reopened.commit(commit).tree))
            return String(decoding: try reopened.blob(blob), as: UTF8.self)
        }
        XCTAssertEqual(try read(), "one\n")
        XCTAssertTrue(try packsMapped())
        try reopened.closePacks()
        XCTAssertFalse(try packsMapped())
        XCTAssertEqual(try read(), "one\n")
        XCTAssertTrue(try packsMapped())
        _ = repo
    }

    /// The working-tree scan lists what `git status` lists: modified, deleted and untracked
    /// files (each file of an untracked folder), not ignored ones, not the files left as they
    /// were, nor one outside the sparse checkout; a file replaced by a folder and a file whose
    /// mode changed are listed too.
    func testWorkingTreeChangesAreWhatGitStatusShows() throws {
        let repo = try Repository.create(at: dir)
        for path in ["a/kept.md", "a/edited.md", "a/gone.md", "b/c/deep.md", "b/c/gone-too.md", "mode.sh", "becomes-folder", ".gitignore"] {
            try write(path, path == ".gitignore" ? "*.log\nbuild/\n" : "\(path)\n")
        }
        _ = try git("add", "-A")
        _ = try git("-c", "user.name=A", "-c", "user.email=a@x", "commit", "-qm", "first")
        // Written in the same second as the index would make every file racily clean.
        sleep(1)
        _ = try git("update-index", "--really-refresh")
        XCTAssertEqual(try repo.workingTreeChanges().paths, [])
        try write("a/edited.md", "changed\n")
        try FileManager.default.removeItem(atPath: dir + "/a/gone.md")
        try FileManager.default.removeItem(atPath: dir + "/b/c")
        try write("a/new.md", "new\n")
        try write("fresh/x/one.md", "1\n")
        try write("fresh/two.md", "2\n")
        try write("a/noise.log", "ignored\n")
        try write("build/out.md", "ignored\n")
        try FileManager.default.removeItem(atPath: dir + "/becomes-folder")
        try write("becomes-folder/inner.md", "inner\n")
        XCTAssertEqual(chmod(dir + "/mode.sh", 0o755), 0)
        // A file marked outside the sparse checkout is not looked at, as git does not.
        _ = try git("update-index", "--skip-worktree", "a/kept.md")
        try write("a/kept.md", "changed outside the checkout\n")
        let expected = try git("status", "--porcelain", "-uall").split(separator: "\n").map { String($0.dropFirst(3)) }.sorted()
        XCTAssertEqual(expected, ["a/edited.md", "a/gone.md", "a/new.md", "b/c/deep.md", "b/c/gone-too.md", "becomes-folder",
                                  "becomes-folder/inner.md", "fresh/two.md", "fresh/x/one.md", "mode.sh"])
        XCTAssertEqual(try repo.workingTreeChanges().paths, expected)
    }

    /// The index file is read in place when it is version 2 or 3 and whole; version 4 is read
    /// by libgit2: the answer is the same, an intent to add, a file outside the sparse
    /// checkout and an unmerged path included. A split index (which libgit2 1.5 does not
    /// read) is refused with an error, not read as the empty index it would look like.
    func testEveryIndexFormatGivesWhatGitStatusShows() throws {
        let repo = try Repository.create(at: dir)
        for path in ["a/kept.md", "a/edited.md", "b/c/deep.md", "conflict.md", "skipped.md"] { try write(path, "\(path)\n") }
        _ = try git("add", "-A")
        _ = try git("-c", "user.name=A", "-c", "user.email=a@x", "commit", "-qm", "first")
        _ = try git("checkout", "-qb", "side")
        try write("conflict.md", "side\n")
        _ = try git("-c", "user.name=A", "-c", "user.email=a@x", "commit", "-qam", "side")
        _ = try git("checkout", "-q", "-")
        try write("conflict.md", "main\n")
        _ = try git("-c", "user.name=A", "-c", "user.email=a@x", "commit", "-qam", "main")
        _ = try git("-c", "user.name=A", "-c", "user.email=a@x", "merge", "-q", "side")
        sleep(1)
        _ = try git("update-index", "--really-refresh")
        try write("a/edited.md", "changed\n")
        try write("intended.md", "new\n")
        _ = try git("add", "-N", "intended.md")
        _ = try git("update-index", "--skip-worktree", "skipped.md")
        try write("skipped.md", "changed outside the checkout\n")
        try write("b/c/new.md", "new\n")
        let expected = ["a/edited.md", "b/c/new.md", "conflict.md", "intended.md"]
        for (format, arguments) in [("version 2", ["--index-version", "2"]), ("version 3", ["--index-version", "3"]),
                                    ("version 4", ["--index-version", "4"])] {
            _ = try git(["update-index"] + arguments)
            XCTAssertEqual(Set(try git("status", "--porcelain", "-uall").split(separator: "\n").map { String($0.dropFirst(3)) }), Set(expected), format)
            XCTAssertEqual(try repo.workingTreeChanges().paths, expected, format)
        }
        _ = try git("update-index", "--split-index")
        XCTAssertThrowsError(try repo.workingTreeChanges())
    }

    /// A folder replaced by a link to a folder holding the same files is gone, with every
    /// file below it, as `git status` says (the scan looks each folder up from the one above
    /// it, and must not follow the link): at the top, deeper, one holding only folders, and
    /// one whose files are two folders down.
    func testFoldersReplacedByLinksAreGoneWithTheirFiles() throws {
        let repo = try Repository.create(at: dir)
        let paths = ["top.md", "x/one.md", "x/y/two.md", "z/three.md", "d/e/f/four.md", "d/e/five.md", "d/g/six.md", "w/only/seven.md", "v/a/b/eight.md"]
        for path in paths { try write(path, "\(path)\n") }
        _ = try git("add", "-A")
        _ = try git("-c", "user.name=A", "-c", "user.email=a@x", "commit", "-qm", "first")
        sleep(1)
        _ = try git("update-index", "--really-refresh")
        XCTAssertEqual(try repo.workingTreeChanges().paths, [])
        let outside = dir + "-outside"
        defer { try? FileManager.default.removeItem(atPath: outside) }
        for folder in ["x", "d/e", "w", "v"] {
            try FileManager.default.createDirectory(atPath: outside + "/" + folder, withIntermediateDirectories: true)
            try FileManager.default.moveItem(atPath: dir + "/" + folder, toPath: outside + "/" + folder + "/moved")
            try FileManager.default.createSymbolicLink(atPath: dir + "/" + folder, withDestinationPath: outside + "/" + folder + "/moved")
        }
        let expected = try git("status", "--porcelain", "-uall").split(separator: "\n").map { String($0.dropFirst(3)) }.sorted()
        XCTAssertEqual(expected, ["d/e", "d/e/f/four.md", "d/e/five.md", "v", "v/a/b/eight.md", "w", "w/only/seven.md", "x", "x/one.md",
                                  "x/y/two.md"])
        XCTAssertEqual(try repo.workingTreeChanges().paths, expected)
    }

    /// Folders remembered from an earlier scan (unchanged for more than two seconds) are not
    /// listed again, and the answer stays what `git status` says as files appear, leave the
    /// index while staying on disk, join it, and a folder's last indexed file leaves it.
    func testRememberedFolderListingsAnswerAsAFreshScan() throws {
        let repo = try Repository.create(at: dir)
        for path in ["a/one.md", "a/two.md", "b/c/three.md", ".gitignore"] { try write(path, path == ".gitignore" ? "*.log\n" : "\(path)\n") }
        _ = try git("add", "-A")
        _ = try git("-c", "user.name=A", "-c", "user.email=a@x", "commit", "-qm", "first")
        sleep(1)
        _ = try git("update-index", "--really-refresh")
        /// Listings of folders last changed long ago, as a later run would find them.
        func remembered() throws -> FolderListings {
            for folder in ["", "a", "b", "b/c"] where FileManager.default.fileExists(atPath: dir + "/" + folder) {
                var times = [timeval(tv_sec: time(nil) - 100, tv_usec: 0), timeval(tv_sec: time(nil) - 100, tv_usec: 0)]
                XCTAssertEqual(utimes(dir + "/" + folder, &times), 0)
            }
            return try repo.workingTreeChanges().listings
        }
        var listings = try remembered()
        XCTAssertEqual(Set(listings.folders.keys), ["", "a", "b", "b/c"])
        func assertAsGitStatus(_ step: String, line: UInt = #line) throws {
            // What differs between the index and the working tree (the second column), or is untracked.
            let expected = Set(try git("status", "--porcelain", "-uall").split(separator: "\n").filter { Array($0)[1] != " " }.map { String($0.dropFirst(3)) }).sorted()
            XCTAssertEqual(try repo.workingTreeChanges(remembering: listings).paths, expected, step, line: line)
            XCTAssertEqual(try repo.workingTreeChanges().paths, expected, step + ", unremembered", line: line)
            listings = try remembered()
        }
        try write("a/new.md", "new\n")
        try write("a/noise.log", "ignored\n")
        try assertAsGitStatus("a file written")
        _ = try git("rm", "-q", "--cached", "a/two.md")
        try assertAsGitStatus("a file out of the index, on disk")
        _ = try git("add", "a/new.md", "a/two.md")
        try assertAsGitStatus("files into the index")
        _ = try git("rm", "-q", "-r", "--cached", "b/c")
        try assertAsGitStatus("a folder's last file out of the index")
        try FileManager.default.removeItem(atPath: dir + "/a")
        try assertAsGitStatus("a folder removed")
        XCTAssertFalse(try git("status", "--porcelain").isEmpty)
        // What a remembered listing may name: one entry, never a way out of its folder.
        XCTAssertEqual(["a.md", "sub/", "..", "../x.md", "a/b", "/", "", ".", "./", "x\0y"].filter(FolderListings.isEntryName), ["a.md", "sub/"])
    }

    private func git(_ arguments: String...) throws -> String { try git(arguments) }

    private func git(_ arguments: [String]) throws -> String {
        let process = Process(), pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = ["-C", dir] + arguments
        process.standardOutput = pipe
        try process.run()
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: out, as: UTF8.self)
    }

    private func write(_ path: String, _ text: String) throws {
        try FileManager.default.createDirectory(atPath: (dir + "/" + path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: dir + "/" + path, atomically: false, encoding: .utf8)
    }

    func testErrorsCarryLibgit2Messages() {
        XCTAssertThrowsError(try Repository.discover(at: dir)) { error in
            XCTAssertTrue((error as? GitError)?.message.isEmpty == false)
        }
    }
}

extension Repository {
    /// Commits files on top of `parent` and moves the branch, failing when it moved.
    func commit(updates: [String: Data?], parent: ObjectID?, message: String, author: Signature, committer: Signature) throws -> ObjectID {
        let tree = try tree(try parent.map { try commit($0).tree }, updating: updates)
        let id = try createCommit(tree: tree, parent: parent, message: message, author: author, committer: committer)
        guard try moveHead(from: parent, to: id, message: message) == .moved else {
            throw GitError(operation: "commit", message: "the branch moved")
        }
        return id
    }
}
