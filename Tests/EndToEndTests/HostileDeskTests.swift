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
        XCTAssertTrue(try gitdesk("check", code: 1).out.contains("clients/acme.md: токен сайта —"))
        let site = try gitdesk("site", "--out", root + "/out/sites", code: 1)
        XCTAssertTrue(site.err.contains("токен сайта —"), site.err)
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
        XCTAssertTrue(check.contains("у клиентов northwind и northwind-pubpubpubpubpubpub была бы одна папка сайта 'northwind-pubpubpubpubpubpub'"), check)
        let site = try gitdesk("site", "--out", root + "/out", code: 1)
        XCTAssertTrue(site.err.contains("была бы одна папка сайта"), site.err)
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
        XCTAssertTrue(rotated.contains("папка сайта теперь acme-"), rotated)
        try gitdesk("site", "--out", root + "/out")
        XCTAssertEqual(try allFiles(old).keys.sorted(), ["notes.txt"])
        let folders = try FileManager.default.contentsOfDirectory(atPath: root + "/out").filter { !$0.hasPrefix(".") }.sorted()
        XCTAssertEqual(folders.count, 2)
        XCTAssertTrue(folders.contains { $0.hasPrefix("acme-") && $0 != "acme-\(token)" && FileManager.default.fileExists(atPath: root + "/out/\($0)/index.html") })
        XCTAssertTrue(try gitdesk("check", "--locale", "en").err.contains("The desk is valid."))
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
        XCTAssertTrue(site.err.contains("это не папка"), site.err)
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

/// Parser bombs, overflows and odd bytes: each a clear finding or refusal, never a signal.
final class HostileInputBoundsTests: DeskTestCase {
    func commitPastTheHook(_ files: [String: String]) throws {
        for (path, text) in files { try write(path, text) }
        try git("add", "-A")
        try git("commit", "-q", "--no-verify", "-m", "hostile")
    }

    /// Runs gitdesk with a time limit; fails on a signal, a hang or another exit code.
    @discardableResult
    func bounded(_ args: [String], code: Int32, seconds: Double = 10) throws -> Result {
        try bounded(args, codes: [code], seconds: seconds)
    }

    @discardableResult
    func bounded(_ args: [String], codes: Set<Int32>, seconds: Double = 10) throws -> Result {
        let started = Date()
        let result = try run(Self.binary, args)
        XCTAssertLessThan(Date().timeIntervalSince(started), seconds, "\(args) took too long")
        XCTAssertTrue(codes.contains(result.code), "\(args) exited \(result.code): \(result.err.prefix(400))")
        XCTAssertFalse(result.err.contains("Fatal error") || result.err.contains("crashed"), result.err)
        return result
    }

    func testDeepNestingAndAnAliasBombAreFindingsNotCrashes() throws {
        let id = try makeDesk()
        let ticket = "\(folder(id))/ticket.md"
        let original = try read(ticket)
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let deepLines = (0..<200).map { String(repeating: " ", count: $0) + "- " }.joined(separator: "\n") + "x"
        var bomb = ["a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]"]
        for level in 1..<9 {
            let name = String(UnicodeScalar(UInt8(97 + level))), previous = String(UnicodeScalar(UInt8(96 + level)))
            bomb.append("\(name): &\(name) [" + Array(repeating: "*" + previous, count: 9).joined(separator: ",") + "]")
        }
        for (payload, expected) in [("deep: " + deep, "строка длиннее"), ("deep:\n" + deepLines, "вложен глубже"),
                                    (bomb.joined(separator: "\n"), "ссылки YAML")] {
            try commitPastTheHook([ticket: original.replacingOccurrences(of: "status: new", with: "status: new\n" + payload)])
            XCTAssertTrue(try bounded(["check"], code: 1).out.contains(expected))
            // The money does not read that key; the list names the problem as a warning.
            try bounded(["balance"], codes: [0, 1])
            XCTAssertTrue(try bounded(["list"], codes: [0, 1]).err.contains(expected))
            try git("reset", "-q", "--hard", "HEAD~1")
        }
    }

    func testMoneyPastTheDeskBoundIsRefusedByEveryMoneyCommand() throws {
        let id = try makeDesk()
        try commitPastTheHook([
            "clients/acme.md": try read("clients/acme.md").replacingOccurrences(of: "rate: 2000", with: "rate: 9999999999.99"),
            "\(folder(id))/work.md": (0..<500).map { "- 2026-11-01 alice 24h billable Max \($0) ^wmax\($0)\n" }.joined(),
        ])
        for args in [["balance"], ["statement", "acme", "--period", "2026-11"], ["report", "--period", "2026-11"],
                     ["export", "--format", "hledger"], ["site", "--out", root + "/out"], ["check"]] {
            let result = try bounded(args, code: 1)
            XCTAssertTrue((result.out + result.err).contains("work.md:417: здесь сумма проводок деска превышает"), "\(args): \(result.err)")
        }
        // A rate of 13 digits does not parse at all.
        try commitPastTheHook(["clients/acme.md": try read("clients/acme.md").replacingOccurrences(of: "9999999999.99", with: "9999999999999.99")])
        XCTAssertTrue(try bounded(["check"], code: 1).out.contains("clients/acme.md"))
    }

    func testExtremeCommitDatesAndBrokenLineEndings() throws {
        let id = try makeDesk()
        let work = "\(folder(id))/work.md"
        try write(work, "- 2026-11-02 alice 1h billable Late ^wlate1\n")
        try git("add", "-A")
        try git("commit", "-q", "--no-verify", "-m", "far future",
                env: ["GIT_AUTHOR_DATE": "@9223372036854775807 +0000", "GIT_COMMITTER_DATE": "@9223372036854775807 +0000"])
        try bounded(["audit", "--format", "json"], code: 0)
        try bounded(["audit", "acme"], code: 0)
        try bounded(["sla"], codes: [0, 1])
        try bounded(["site", "--out", root + "/out"], code: 0)

        // CR-only line endings would make six transactions one: a finding instead.
        let lines = (1...6).map { "- 2026-11-0\($0) alice 1h billable Line \($0) ^wcr\($0)" }
        try commitPastTheHook([work: lines.joined(separator: "\r") + "\r"])
        XCTAssertTrue(try bounded(["check"], code: 1).out.contains("work.md:1: возврат каретки не в конце строки"))
        try bounded(["balance"], code: 1)
        // CRLF is read like LF.
        try commitPastTheHook([work: lines.joined(separator: "\r\n") + "\r\n"])
        try bounded(["check"], code: 0)
        XCTAssertTrue(try bounded(["balance", "acme"], code: 0).out.contains("-12\u{00A0}000,00"))
    }

    func testSettingsLimitsAreValidated() throws {
        try makeDesk()
        for bad in ["-5", "0", "99999999999999999999G", "1e9", "12Q"] {
            try commitPastTheHook(["gitdesk.yml": try read("gitdesk.yml").replacingOccurrences(of: "max-file-size: 1M", with: "max-file-size: \"\(bad)\"")])
            XCTAssertTrue(try bounded(["check"], code: 1).out.contains("max-file-size должен быть"), bad)
            try git("reset", "-q", "--hard", "HEAD~1")
        }
    }

    func testControlCharactersInMailNeverReachTheTerminalOrFrontMatter() throws {
        try makeDesk()
        try commitPastTheHook(["clients/acme.md": try read("clients/acme.md").replacingOccurrences(of: "rate: 2000", with: "rate: 2000\nemails: [\"@acme.example\"]")])
        // ESC and CR inside an RFC 2047 subject (base64 of "Help \u{1b}[31mRED\r\n\u{1b}]0;pwned\u{7}").
        let subject = Data("Help \u{1b}[31mRED\r\n\u{1b}]0;pwned\u{7}".utf8).base64EncodedString()
        try write("mail/1.eml", "From: ivan@acme.example\nSubject: =?utf-8?b?\(subject)?=\nDate: Mon, 23 Nov 2026 12:00:00 +0300\nMessage-ID: <x1@a>\n\nbody\n", in: root)
        // Absurd dates are no dates, not a crash.
        try write("mail/2.eml", "From: ivan@acme.example\nSubject: x\nDate: 1 Nov 9999999999999 10:00 +0300\nMessage-ID: <x2@a>\n\nb\n", in: root)
        try write("mail/3.eml", "From: ivan@acme.example\nSubject: y\nDate: Sat, 01 Jan 2026 99:99:00 +9999\nMessage-ID: <x3@a>\n\nb\n", in: root)
        try bounded(["ingest", "email", root + "/mail"], code: 0)
        for args in [["list"], ["check"]] {
            let result = try bounded(args, code: 0)
            XCTAssertFalse((result.out + result.err).contains("\u{1b}"), "\(args) printed an escape")
        }
        let tickets = try git("ls-files", "tickets")
        for path in tickets.split(separator: "\n") where path.hasSuffix("ticket.md") {
            let text = try read(String(path))
            XCTAssertFalse(text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x0D }, text)
        }
        let chat = #"{"name": "c", "type": "personal_chat", "id": 1, "messages": [{"id": 1, "type": "message", "date_unixtime": "1e300", "from": "x", "from_id": "user1", "text": "hi"}]}"#
        try write("chat.json", chat, in: root)
        let ingested = try run(Self.binary, ["ingest", "chat", root + "/chat.json"])
        XCTAssertFalse(ingested.err.contains("Fatal error") || ingested.err.contains("crashed"), ingested.err)
    }

    func testLinksInADeskAreFindingsAndNeverFollowed() throws {
        let id = try makeDesk()
        try write("outside.md", "- 2026-11-03 alice 1h billable CANARY-OUTSIDE\n", in: root)
        let work = "\(folder(id))/work.md"
        try FileManager.default.createSymbolicLink(atPath: desk + "/" + work, withDestinationPath: root + "/outside.md")
        for args in [["check", "--fix"], ["check"]] {
            let check = try bounded(args, code: 1)
            XCTAssertTrue(check.out.contains("\(work): символическая ссылка"), "\(args): \(check.out)\(check.err)")
            XCTAssertFalse(check.out.contains("CANARY-OUTSIDE"))
        }
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: desk + "/" + work), root + "/outside.md")
        XCTAssertEqual(try String(contentsOfFile: root + "/outside.md", encoding: .utf8), "- 2026-11-03 alice 1h billable CANARY-OUTSIDE\n")
        // The hook refuses to commit it.
        try git("add", work)
        let commit = try run("/usr/bin/git", ["commit", "-qm", "link"])
        XCTAssertNotEqual(commit.code, 0)
        XCTAssertTrue((commit.out + commit.err).contains("символическая ссылка"), commit.out + commit.err)
        // Committed past the hook, every command reading the commit names it.
        try git("commit", "-qm", "link", "--no-verify")
        let balance = try bounded(["balance"], code: 1)
        XCTAssertTrue(balance.err.contains("\(work): символическая ссылка"), balance.err)
        XCTAssertFalse(balance.out.contains("CANARY") || balance.err.contains("CANARY"))
    }
}
