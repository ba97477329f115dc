import Foundation
import XCTest

/// A desk edited by many hands: nothing gitdesk writes leaves its folder, no two clients
/// share a site, a killed run is rebuilt, bombs and overflows are findings, not crashes.
final class HostileDeskTests: DeskTestCase {
    /// Commits the files with plain git, past the hook.
    func commitPastTheHook(_ files: [String: String]) throws {
        for (path, text) in files { try write(path, text) }
        try git("add", "-A")
        try git("commit", "-q", "--no-verify", "-m", "hostile")
    }

    func allFiles(_ folder: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [:] }
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + path))
            }
        }
        return files
    }

    func testASiteTokenCannotLeadOutOfTheOutputFolder() throws {
        try makeDesk()
        let card = try read("clients/acme.md").replacingOccurrences(of: #"site: \{token: [a-z0-9]+\}"#, with: #"site: {token: "../../../../victim"}"#, options: .regularExpression)
        XCTAssertTrue(card.contains("victim"), card)
        // The hook refuses it...
        try write("clients/acme.md", card)
        XCTAssertNotEqual(try run("/usr/bin/git", ["commit", "-qam", "evil token"]).code, 0)
        // ...and committed past the hook, check and site refuse it and write nothing.
        try git("commit", "-q", "--no-verify", "-am", "evil token")
        XCTAssertTrue(try gitdesk("check", code: 1).out.contains("clients/acme.md: site token must be"))
        let site = try gitdesk("site", "--out", root + "/out/sites", code: 1)
        XCTAssertTrue(site.err.contains("site token must be"), site.err)
        XCTAssertEqual(try allFiles(root + "/out"), [:])
        XCTAssertFalse(FileManager.default.fileExists(atPath: root + "/victim"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/victim"))
    }

    func testTwoClientsCannotShareASiteFolder() throws {
        try makeDesk()
        try commitPastTheHook([
            "clients/northwind.md": "---\nname: Northwind\nprefix: NW\nrate: 1000\nsite: {token: pubpubpubpubpubpub}\n---\n",
            "clients/northwind-pubpubpubpubpubpub.md": "---\nname: Impostor\nprefix: NWP\nrate: 1000\n---\n",
        ])
        let check = try gitdesk("check", code: 1).out
        XCTAssertTrue(check.contains("clients northwind and northwind-pubpubpubpubpubpub would share the site folder 'northwind-pubpubpubpubpubpub'"), check)
        let site = try gitdesk("site", "--out", root + "/out", code: 1)
        XCTAssertTrue(site.err.contains("would share the site folder"), site.err)
        XCTAssertEqual(try allFiles(root + "/out"), [:])
    }

    func testANewClientGetsASecretFolderAndRotationRemovesTheOldOne() throws {
        let id = try makeDesk()
        let card = try read("clients/acme.md")
        let token = try XCTUnwrap(card.range(of: #"token: [0-9a-z]{26}\}"#, options: .regularExpression).map { String(card[$0].dropFirst(7).dropLast()) })
        try gitdesk("site", "--out", root + "/out")
        let old = root + "/out/acme-\(token)"
        XCTAssertTrue(FileManager.default.fileExists(atPath: old + "/index.html"))
        // A file gitdesk did not write is never removed, even when the folder goes.
        try "mine\n".write(toFile: old + "/notes.txt", atomically: true, encoding: .utf8)
        try gitdesk("log", id, "1h", "billable", "More", "--date", "2026-11-03")
        try gitdesk("site", "--out", root + "/out")
        XCTAssertEqual(try String(contentsOfFile: old + "/notes.txt", encoding: .utf8), "mine\n")

        let rotated = try gitdesk("client", "token", "rotate", "acme").out
        XCTAssertTrue(rotated.contains("the site folder is now acme-"), rotated)
        try gitdesk("site", "--out", root + "/out")
        XCTAssertEqual(try allFiles(old).keys.sorted(), ["notes.txt"])
        let folders = try FileManager.default.contentsOfDirectory(atPath: root + "/out").filter { !$0.hasPrefix(".") }.sorted()
        XCTAssertEqual(folders.count, 2)
        XCTAssertTrue(folders.contains { $0.hasPrefix("acme-") && $0 != "acme-\(token)" && FileManager.default.fileExists(atPath: root + "/out/\($0)/index.html") })
        XCTAssertTrue(try gitdesk("check").err.contains("The desk is valid."))
    }

    func testASiteIsNeverWrittenThroughALink() throws {
        try makeDesk()
        try gitdesk("client", "token", "rotate", "acme")
        let card = try read("clients/acme.md")
        let folder = "acme-" + String(card[card.range(of: "token: ")!.upperBound...].prefix { $0 != "}" })
        try FileManager.default.createDirectory(atPath: root + "/out", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/elsewhere", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root + "/out/" + folder, withDestinationPath: root + "/elsewhere")
        let site = try gitdesk("site", "--out", root + "/out", code: 1)
        XCTAssertTrue(site.err.contains("not a folder"), site.err)
        XCTAssertEqual(try allFiles(root + "/elsewhere"), [:])
    }

    func testASiteRunKilledAtAnyPointIsRebuiltToTheSameBytes() throws {
        let id = try makeDesk()
        try gitdesk("log", id, "1h", "billable", "First", "--date", "2026-11-03")
        try gitdesk("site", "--out", root + "/base")
        try gitdesk("log", id, "2h", "billable", "Second", "--date", "2026-11-04")
        try gitdesk("site", "--out", root + "/clean")
        let clean = try allFiles(root + "/clean")
        var point = 1
        while point < 400 {
            let out = root + "/kill\(point)"
            try FileManager.default.copyItem(atPath: root + "/base", toPath: out)
            let killed = try run(Self.binary, ["site", "--out", out], env: ["GITDESK_CRASH_AT": "\(point)"])
            try gitdesk("site", "--out", out)
            XCTAssertEqual(try allFiles(out), clean, "killed at point \(point)")
            try FileManager.default.removeItem(atPath: out)
            if killed.code == 0 { break }
            point += 1
        }
        XCTAssertGreaterThan(point, 5)
    }
}
