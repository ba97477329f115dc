import Foundation
import XCTest
@testable import GitdeskGit

/// `changes(from:to:)` reads trees from their stored bytes; what it finds is what
/// `git diff-tree -r` finds, over seeded random trees with git's awkward orderings, and a
/// damaged tree is an error, never a crash or a wrong answer.
final class TreeChangesTests: XCTestCase {
    var dir: String!
    var repo: Repository!

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "gitdesk-changes-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        repo = try Repository.create(at: dir)
    }

    override func tearDownWithError() throws {
        repo = nil
        try? FileManager.default.removeItem(atPath: dir)
    }

    private func git(_ args: [String], input: Data? = nil) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = args
        process.currentDirectoryURL = URL(fileURLWithPath: dir)
        process.environment = ["HOME": dir, "GIT_CONFIG_NOSYSTEM": "1", "PATH": "/usr/bin:/bin"]
        let out = Pipe(), stdin = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(input) }
        try stdin.fileHandleForWriting.close()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "git \(args)")
        return data
    }

    /// git's answer in the same shape: one "path old new" per changed file, a missing side
    /// and a submodule's side as "-" (gitdesk reads no submodules), a change of mode alone left
    /// out (the blob is the same).
    private func gitChanges(_ old: ObjectID, _ new: ObjectID) throws -> [String] {
        let fields = try git(["diff-tree", "-r", "--no-renames", "-z", old.hex, new.hex]).split(separator: 0)
        var result: [String] = []
        var index = 0
        while index + 1 < fields.count {
            let meta = String(decoding: fields[index], as: UTF8.self).dropFirst().split(separator: " ")
            let path = String(decoding: fields[index + 1], as: UTF8.self)
            index += 2
            func side(_ mode: Substring, _ id: Substring) -> String {
                mode == "160000" || id.allSatisfy { $0 == "0" } ? "-" : String(id)
            }
            let before = side(meta[0], meta[2]), after = side(meta[1], meta[3])
            if before != after { result.append("\(path) \(before) \(after)") }
        }
        return result
    }

    private func ours(_ old: ObjectID, _ new: ObjectID) throws -> [String] {
        try repo.changes(from: old, to: new).map { "\($0.path) \($0.old?.hex ?? "-") \($0.new?.hex ?? "-")" }
    }

    /// A seeded folder of files, links, submodules and folders, named so that git's order
    /// (a folder sorts as if its name ended in `/`) matters: `a`, `a.b`, `a-`, `a0`, `é`.
    private struct Folder {
        enum Item { case file(ObjectID, UInt32), folder(Folder) }
        var items: [[UInt8]: Item] = [:]
    }

    private var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    private func random(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }

    private let names: [[UInt8]] = ["a", "a.b", "a-", "a0", "ab", "b", "é", "ticket.md", "work.md", "z"].map { Array($0.utf8) }
        + (0..<40).map { Array(String(format: "n%03d", $0).utf8) }

    private func blob(_ seed: Int) throws -> ObjectID { try repo.writeBlob(Data("blob \(seed)\n".utf8)) }

    private func randomFolder(depth: Int, width: Int) throws -> Folder {
        var folder = Folder()
        for _ in 0..<width {
            let name = names[random(names.count)]
            if depth > 0 && random(3) == 0 {
                folder.items[name] = .folder(try randomFolder(depth: depth - 1, width: max(1, width / 3)))
            } else {
                folder.items[name] = .file(try blob(random(50)), [0o100644, 0o100644, 0o100755, 0o120000, 0o160000][random(5)])
            }
        }
        return folder
    }

    /// Changes a few entries at random places, at any depth: a blob, a mode, an entry
    /// removed or added, a file turned into a folder and back.
    private func mutate(_ folder: Folder, depth: Int) throws -> Folder {
        var folder = folder
        for _ in 0..<(1 + random(3)) {
            let name = names[random(names.count)]
            switch (random(6), folder.items[name]) {
            case (0, _): folder.items[name] = nil
            case (1, .folder(let inner)?): folder.items[name] = .folder(try mutate(inner, depth: depth - 1))
            case (2, .file(_, let mode)?): folder.items[name] = .file(try blob(random(50)), mode)
            case (3, .file(let id, _)?): folder.items[name] = .file(id, 0o100755)
            case (4, _) where depth > 0: folder.items[name] = .folder(try randomFolder(depth: depth - 1, width: 3))
            default: folder.items[name] = .file(try blob(random(50)), 0o100644)
            }
        }
        return folder
    }

    private func write(_ folder: Folder) throws -> ObjectID {
        try repo.writeTree(folder.items.map { name, item in
            switch item {
            case .file(let id, let mode):
                // A submodule's entry names a commit; any id will do, git does not follow it.
                return (name, mode == 0o160000 ? ObjectID(hex: String(repeating: "ab", count: 20))! : id, mode)
            case .folder(let inner): return (name, try write(inner), 0o040000)
            }
        })
    }

    func testChangesAreWhatGitDiffTreeFindsInSeededTrees() throws {
        for round in 0..<80 {
            let before = try randomFolder(depth: 3, width: round % 4 == 0 ? 50 : 8)
            let after = try mutate(before, depth: 3)
            let old = try write(before), new = try write(after)
            XCTAssertEqual(try ours(old, new), try gitChanges(old, new), "round \(round)")
            XCTAssertEqual(try ours(new, old), try gitChanges(new, old), "round \(round), reversed")
        }
    }

    /// Every blob (file or link) `git ls-tree -r` finds in a tree, by its path's bytes: one
    /// git run per tree, not one per path.
    private func gitBlobs(in tree: ObjectID) throws -> [[UInt8]: String] {
        var blobs: [[UInt8]: String] = [:]
        for entry in try git(["ls-tree", "-r", "-z", tree.hex]).split(separator: 0) {
            guard let tab = entry.firstIndex(of: UInt8(ascii: "\t")) else { continue }
            let fields = entry[..<tab].split(separator: UInt8(ascii: " "))
            if fields.count == 3, Array(fields[1]) == Array("blob".utf8) { blobs[Array(entry[(tab + 1)...])] = String(decoding: fields[2], as: UTF8.self) }
        }
        return blobs
    }

    func testALookedUpPathIsWhatGitLsTreeFindsThroughChangingTrees() throws {
        // One lookup per path across every version, as a walk of a history uses it.
        let paths = (0..<40).map { _ in (0...random(3)).map { _ in String(decoding: names[random(names.count)], as: UTF8.self) }.joined(separator: "/") }
        let lookups = paths.map { PathLookup(repository: repo, path: $0) }
        var folder = try randomFolder(depth: 3, width: 12)
        for round in 0..<30 {
            let tree = try write(folder)
            let listed = try gitBlobs(in: tree)
            for (path, lookup) in zip(paths, lookups) {
                XCTAssertEqual(try lookup.blob(inTree: tree)?.hex ?? "-", listed[Array(path.utf8)] ?? "-", "round \(round): \(path)")
            }
            folder = try mutate(folder, depth: 3)
        }
    }

    func testOneChangeInTheMiddleOfALargeTreeIsFoundAlone() throws {
        let files = try (0..<2000).map { (Array(String(format: "CLIENT%04d", $0).utf8), try blob($0), UInt32(0o100644)) }
        let old = try repo.writeTree(files)
        var changed = files
        changed[1000].1 = try blob(-1)
        changed.remove(at: 1500)
        let new = try repo.writeTree(changed)
        XCTAssertEqual(try ours(old, new).count, 2)
        XCTAssertEqual(try ours(old, new), try gitChanges(old, new))
        XCTAssertEqual(try ours(new, old), try gitChanges(new, old))
    }

    func testADamagedTreeIsAnErrorNamingTheTree() throws {
        let good = try repo.writeTree([(Array("a".utf8), try blob(1), 0o100644)])
        let id = Data(try blob(2).hex.utf8).hexBytes
        let damaged: [[UInt8]] = [
            Array("100644 a\0".utf8) + id.prefix(5),  // the id cut short
            Array("100644 a".utf8),                  // no NUL
            Array("10x644 a\0".utf8) + id,           // not an octal mode
            Array(" a\0".utf8) + id,                 // no mode
            Array("100644 \0".utf8) + id,            // no name
            Array("7777777 a\0".utf8) + id,          // a mode past git's sixteen bits
        ]
        for bytes in damaged {
            let written = String(decoding: try git(["hash-object", "-t", "tree", "--literally", "-w", "--stdin"], input: Data(bytes)), as: UTF8.self)
            let tree = try XCTUnwrap(ObjectID(hex: written.trimmingCharacters(in: .whitespacesAndNewlines)))
            XCTAssertThrowsError(try repo.changes(from: good, to: tree), "\(bytes)") { error in
                XCTAssertTrue("\(error)".contains(tree.short), "\(error)")
            }
        }
    }
}

private extension Data {
    /// The bytes of a string of hex digits.
    var hexBytes: [UInt8] {
        let digits = Array(self)
        return stride(from: 0, to: digits.count - 1, by: 2).map { UInt8(String(decoding: digits[$0...$0 + 1], as: UTF8.self), radix: 16)! }
    }
}
