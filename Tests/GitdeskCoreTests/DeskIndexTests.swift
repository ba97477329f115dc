import Foundation
import GitdeskCore
import XCTest

/// The desk index's one rule: a part is believed only when it was written whole, for that
/// part, by this very build, and not a byte of it changed since.
final class DeskIndexTests: XCTestCase {
    private var index: DeskIndex!
    private var gitdir = ""

    override func setUpWithError() throws {
        gitdir = FileManager.default.temporaryDirectory.appendingPathComponent("index-\(UUID().uuidString)").path + "/"
        index = DeskIndex(gitdir: gitdir)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: gitdir)
    }

    private func write(_ part: DeskIndex.Part, value: Int, magic: String? = nil) throws {
        var writer = magic.map { BinaryWriter(magic: $0) } ?? BinaryWriter(for: part)
        writer.int(value)
        writer.string("Синхронизация цен")
        try index.write(part, &writer)
    }

    func testAPartReadsBackWhatWasWritten() throws {
        XCTAssertNil(index.read(.folders), "missing")
        try write(.folders, value: 42)
        var reader = try XCTUnwrap(index.read(.folders))
        XCTAssertEqual(try reader.int(), 42)
        XCTAssertEqual(try reader.string(), "Синхронизация цен")
        XCTAssertTrue(reader.atEnd)
        XCTAssertEqual(index.path(.folders), gitdir + "gitdesk/index/folders")
    }

    func testAnotherBuildsOrAnotherPartsFileIsNotBelieved() throws {
        try write(.folders, value: 42, magic: "gitdesk-index folders 1234-5678-9\n")
        XCTAssertNil(index.read(.folders), "written by another build")
        try write(.folders, value: 42, magic: DeskIndex.Part.workTotals.magic)
        XCTAssertNil(index.read(.folders), "another part's file")
        XCTAssertTrue(DeskIndex.Part.folders.magic.contains(DeskIndex.build))
    }

    func testEveryFlippedBitIsCaught() throws {
        try write(.parsedFiles, value: 7)
        let path = index.path(.parsedFiles)
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        for position in original.indices {
            for bit in 0..<8 {
                var damaged = original
                damaged[position] ^= 1 << bit
                try Data(damaged).write(to: URL(fileURLWithPath: path))
                XCTAssertNil(index.read(.parsedFiles), "bit \(bit) of byte \(position)")
            }
        }
        try Data(original.dropLast()).write(to: URL(fileURLWithPath: path))
        XCTAssertNil(index.read(.parsedFiles), "cut short")
    }

    func testWhatAnOlderGitdeskLeftIsRemovedButNotTheIndexOrAWriteInProgress() throws {
        try write(.history, value: 1)
        let home = index.home
        for name in ["parse-v3.bin", "folders-v5", "write.lock", ".parse.1.A"] {
            try Data("x".utf8).write(to: URL(fileURLWithPath: home + name))
        }
        for name in ["folders-v6", "search.sqlite-journal", ".folders.2.B"] {
            try Data("x".utf8).write(to: URL(fileURLWithPath: index.folder + name))
        }
        index.removeRetired()
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: home).sorted(), [".parse.1.A", "index", "write.lock"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: index.folder).sorted(), [".folders.2.B", "history", "search.sqlite-journal"])
    }
}
