import Foundation
import XCTest

/// A full disk is an error, not a crash: on a small tmpfs filled to several levels, a write
/// that cannot complete says so (exit 1, `error:`), leaves HEAD, the index and the working
/// tree as they were and no temporary file; a cold read answers as on an empty disk, without
/// the caches it could not write. CI runs as root, which mounting needs.
final class FullDiskTests: DeskTestCase {
    var mountPoint: String { root + "/small" }

    override func tearDownWithError() throws {
        _ = try? run("/bin/umount", ["-l", mountPoint], in: root)
        try super.tearDownWithError()
    }

    func testWritesAndColdReadsOnAFullDisk() throws {
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        let mounted = try run("/bin/mount", ["-t", "tmpfs", "-o", "size=24m", "tmpfs", mountPoint], in: root)
        try XCTSkipUnless(mounted.code == 0, "mounting a tmpfs needs root (CI runs as root): \(mounted.err)")

        let id = try makeDesk()
        try gitdesk("log", id, "1h", "billable", "Before the disk filled", "--date", "2026-11-02")
        try gitdesk("pay", "acme", "5000", "Advance")
        let expectedList = try gitdesk("list", "--json").out
        let expectedBalance = try gitdesk("balance", "--json").out
        let pristine = root + "/pristine.tar"
        try run("/bin/tar", ["-cf", pristine, "-C", root, "desk"], in: root)

        let work = "\(folder(id))/work.md"
        var failedWrites = 0
        for free in [0, 2_048, 8_192, 32_768, 131_072, 524_288] {
            let desk = mountPoint + "/desk", filler = mountPoint + "/filler"
            try? FileManager.default.removeItem(atPath: desk)
            try? FileManager.default.removeItem(atPath: filler)
            XCTAssertEqual(try run("/bin/tar", ["-xf", pristine, "-C", mountPoint], in: root).code, 0)
            // Cold: no desk index.
            try FileManager.default.removeItem(atPath: desk + "/.git/gitdesk/index")
            try fill(filler, leaving: free)

            let list = try gitdesk("list", "--json", in: desk)
            XCTAssertEqual(list.out, expectedList, "\(free) bytes free: \(list.err)")
            XCTAssertEqual(try gitdesk("balance", "--json", in: desk).out, expectedBalance, "\(free) bytes free")

            let before = try head(in: desk)
            let beforeText = try read(work, in: desk)
            let result = try run(Self.binary, ["log", id, "15m", "billable", "On a full disk", "--date", "2026-11-03"], in: desk)
            XCTAssertTrue([0, 1].contains(result.code), "\(free) bytes free: a crash (\(result.code)): \(result.err)")
            if result.code == 0 {
                XCTAssertTrue(try git("show", "HEAD:\(work)", in: desk).contains("On a full disk"))
            } else {
                failedWrites += 1
                XCTAssertTrue(result.err.contains("на диске нет места") && result.err.contains("подсказка:"), result.err)
                XCTAssertEqual(try head(in: desk), before, "\(free) bytes free: HEAD moved by a failed write")
                XCTAssertEqual(try read(work, in: desk), beforeText, "\(free) bytes free")
            }
            try? FileManager.default.removeItem(atPath: filler)
            XCTAssertEqual(try git("status", "--porcelain", in: desk), "", "\(free) bytes free")
            XCTAssertEqual(try run("/usr/bin/git", ["fsck", "--no-dangling"], in: desk).code, 0, "\(free) bytes free")
            let leftovers = try FileManager.default.subpathsOfDirectory(atPath: desk).filter { $0.contains(".gitdesk-") && $0.hasSuffix(".tmp") }
            XCTAssertEqual(leftovers, [], "\(free) bytes free: temporary files left")
            try gitdesk("check", in: desk)
        }
        XCTAssertGreaterThan(failedWrites, 0, "the fill levels should include one where the write cannot complete")
    }

    /// Fills the file system holding `path` until `bytes` remain free (a tmpfs counts in pages).
    private func fill(_ path: String, leaving bytes: Int) throws {
        var info = statvfs()
        XCTAssertEqual(statvfs((path as NSString).deletingLastPathComponent, &info), 0)
        let available = Int(info.f_bavail) * Int(info.f_frsize)
        let size = max(0, available - bytes)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        defer { close(descriptor) }
        let chunk = [UInt8](repeating: 0x2E, count: 65_536)
        var written = 0
        while written < size {
            let count = chunk.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress!, min($0.count, size - written)) }
            guard count > 0 else { break }
            written += count
        }
    }
}
