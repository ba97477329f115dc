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
