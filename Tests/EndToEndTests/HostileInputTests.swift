import Foundation
import XCTest

/// Bad input gets a clear error naming file and line, a non-zero exit, and changes nothing.
final class HostileInputTests: DeskTestCase {
    /// Commits `files` with plain git (bypassing the hook) and returns `check`'s output.
    private func checkAfterCommitting(_ files: [String: Data]) throws -> String {
        for (path, data) in files {
            let url = URL(fileURLWithPath: desk + "/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        try git("add", "-A")
        try git("commit", "-q", "--no-verify", "-m", "hostile")
        return try gitdesk("check", code: 1).out
    }

    func testMalformedFrontMatterNamesFileAndLine() throws {
        let id = try makeDesk()
        let out = try checkAfterCommitting(["\(folder(id))/ticket.md": Data("---\ntitle: x\nclient: [acme\nstatus: new\n---\n".utf8)])
        XCTAssertTrue(out.contains("\(folder(id))/ticket.md:"), out)
        XCTAssertTrue(out.contains("неверный YAML"), out)
    }

    /// The front-matter line limit holds on every path, the fast one for `key: value` lines
    /// included: a 20 KB title is a finding in `check` and refused by the hook.
    func testTheLineLimitHoldsForPlainKeyValueLines() throws {
        let id = try makeDesk()
        let path = "\(folder(id))/ticket.md"
        let long = try read(path).replacingOccurrences(of: "title: Синхронизация цен", with: "title: " + String(repeating: "x", count: 20_000))
        try write(path, long)
        XCTAssertTrue(try gitdesk("check", code: 1).out.contains("\(path):2"))
        XCTAssertNotEqual(try run("/usr/bin/git", ["commit", "-qam", "long title"]).code, 0, "the hook refuses it")
    }

    func testUnknownReferencesAndImpossibleValues() throws {
        let id = try makeDesk()
        let work = "- 2026-11-03 alice 1h billable ok ^wa1\n- 2026-11-03 zed 1h billable who ^wa2\n- 2026-11-03 alice 1h gossip what ^wa3\n"
            + "- 2026-02-30 alice 1h billable when ^wa4\n- 2026-11-03 alice 90m0 billable how ^wa5\n"
        let ticket = try read("\(folder(id))/ticket.md").replacingOccurrences(of: "status: new", with: "status: pondering")
        let out = try checkAfterCommitting([
            "\(folder(id))/work.md": Data(work.utf8),
            "\(folder(id))/ticket.md": Data(ticket.utf8),
            "tickets/ACME/ACME-ZZZZ/ticket.md": Data("---\ntitle: t\nclient: nobody\nstatus: new\n---\n".utf8),
        ])
        for expected in [
            "work.md:2: неизвестный логин 'zed'", "work.md:3: неизвестный вид работы 'gossip'", "work.md:4: '2026-02-30' не дата",
            "work.md:5: '90m0' не длительность", "ticket.md:5: неизвестный статус 'pondering'", "ACME/ACME-ZZZZ/ticket.md:3: неизвестный клиент 'nobody'",
        ] {
            XCTAssertTrue(out.contains(expected), "\(expected) not in:\n\(out)")
        }
    }

    func testPathTricksInvalidUTF8BinaryAndHugeFiles() throws {
        let id = try makeDesk()
        var huge = Data("---\ntitle: x\nclient: acme\nstatus: new\n---\n".utf8)
        huge.append(Data(repeating: 0x61, count: 2 << 20))
        let out = try checkAfterCommitting([
            "tickets/ACME/..%2F..%2Fetc/ticket.md": Data("---\ntitle: t\nclient: acme\nstatus: new\n---\n".utf8),
            "tickets/ACME/BETA-1234/ticket.md": Data("---\ntitle: t\nclient: acme\nstatus: new\n---\n".utf8),
            "tickets/stray.md": Data("x".utf8),
            "\(folder(id))/messages/20261103T100000-client.md": Data([0x2D, 0x2D, 0x2D, 0x0A, 0x66, 0xFF, 0xFE, 0x0A]),
            "\(folder(id))/service.md": Data("line one\nline\u{0}two\n".utf8),
            "clients/Evil Client.md": Data("---\nname: x\nprefix: EV\n---\n".utf8),
            "tickets/ACME/ACME-B1G0/ticket.md": huge,
        ])
        XCTAssertTrue(out.contains("tickets/ACME/..%2F..%2Fetc: папка заявки '..%2F..%2Fetc' не номер заявки"), out)
        XCTAssertTrue(out.contains("tickets/ACME/BETA-1234: заявка BETA-1234 должна лежать в tickets/BETA/BETA-1234"), out)
        XCTAssertTrue(out.contains("tickets/stray.md: лишний файл"), out)
        XCTAssertTrue(out.contains("20261103T100000-client.md:2: текст не в UTF-8"), out)
        XCTAssertTrue(out.contains("service.md:2: двоичное содержимое"), out)
        XCTAssertTrue(out.contains("clients/Evil Client.md: имя файла клиента"), out)
        XCTAssertTrue(out.contains("ACME/ACME-B1G0/ticket.md: файл размером"), out)
    }

    func testBadCommandInputChangesNothing() throws {
        let id = try makeDesk()
        let before = try head()
        for args in [
            ["log", id, "25h", "billable", "x"], ["log", id, "1h", "gossip", "x"], ["log", id, "1h", "billable", "--date", "2026-02-30"],
            ["log", "ACME-ZZZZ", "1h", "billable"], ["log", "../../etc", "1h", "billable"], ["log", id, "1h", "billable", "--for", "@zed"],
            ["pay", "nobody", "100"], ["pay", "acme", "-100"], ["pay", "acme", "1e5"], ["move", id, "pondering"],
            ["new", "--client", "nobody", "--title", "x"], ["new", "--client", "acme", "--title", "x", "--estimate", "lots"],
            ["client", "add", "../evil", "--name", "x", "--prefix", "EV"], ["staff", "add", "Bad Login", "--name", "x", "--email", "x@y"],
        ] {
            let result = try run(Self.binary, args)
            XCTAssertNotEqual(result.code, 0, args.joined(separator: " "))
            XCTAssertFalse(result.err.isEmpty, args.joined(separator: " "))
        }
        XCTAssertEqual(try head(), before)
        XCTAssertEqual(try git("status", "--porcelain"), "")
    }

    func testUsageErrorsExitWithTwo() throws {
        try makeDesk()
        try gitdesk("log", "ACME-0000", "nonsense", "billable", code: 2)
        try gitdesk("frobnicate", code: 2)
        try gitdesk("pay", code: 2)
    }

    func testWritesRefuseToTouchAFolderWithProblems() throws {
        let id = try makeDesk()
        _ = try checkAfterCommitting(["\(folder(id))/work.md": Data("- 2026-11-03 alice 1h gossip ^wa1\n".utf8)])
        // The broken ticket refuses every write to it; the rest of the desk can still be written.
        let before = try head()
        let result = try gitdesk("log", id, "1h", "billable", "More", code: 1)
        XCTAssertTrue(result.err.contains("неизвестный вид работы 'gossip'"), result.err)
        XCTAssertEqual(try head(), before)
        try gitdesk("pay", "acme", "100")
        try gitdesk("check", code: 1)
    }
    /// Control characters in a hand-edited title and note (ESC, BEL, BS, C1 CSI, a bare CR)
    /// reach no output for people raw: terminal text, Markdown, CSV, HTML and the journal
    /// show them as `?`; JSON escapes them.
    func testControlCharactersArePrintedEscaped() throws {
        let id = try makeDesk()
        try gitdesk("log", id, "1h", "billable", "Plain", "--date", "2026-11-02")
        let ticket = "\(folder(id))/ticket.md"
        let text = try read(ticket).replacingOccurrences(of: "title: Синхронизация цен", with: "title: \"Evil \\e[31mred\\a \\b \\x9b2J\"")
        XCTAssertNotEqual(text, try read(ticket), "the title line should be replaced")
        try write(ticket, text)
        try git("commit", "-qam", "evil title", "--no-verify")
        let show = try gitdesk("show", id).out
        XCTAssertTrue(show.contains("Evil ?[31mred?"), show)
        let outputs = [
            ["show", id], ["list"], ["audit", "acme"], ["report"], ["search", "Evil"],
            ["statement", "acme", "--format", "md"], ["statement", "acme", "--format", "csv"], ["statement", "acme", "--format", "html"],
            ["export", "--format", "csv"], ["export", "--format", "hledger"], ["sla"], ["remind"],
        ]
        for arguments in outputs {
            let result = try run(Self.binary, arguments)
            // CSV ends its rows in CRLF (RFC 4180): that CR is a line ending, not a control character.
            let raw = result.out.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars.first { ($0.value < 0x20 && $0.value != 0x0A && $0.value != 0x09) || (0x7F...0x9F).contains($0.value) }
            if arguments.contains("csv") { XCTAssertTrue(result.out.hasSuffix("\r\n"), "CSV rows end in CRLF") }
            XCTAssertNil(raw, "gitdesk \(arguments.joined(separator: " ")) printed U+\(String(raw?.value ?? 0, radix: 16)): \(result.out)")
        }

        // A note with a control character is a finding, and a commit past the hook leaves it to check.
        let work = "\(folder(id))/work.md"
        try write(work, try read(work) + "- 2026-11-03 alice 30m billable Bell \u{07} here ^wbell1\n")
        try git("commit", "-qam", "bell", "--no-verify")
        XCTAssertTrue(try gitdesk("check", code: 1).out.contains("\(work):2"))
        for arguments in [["show", id], ["audit", "acme"]] {
            let result = try run(Self.binary, arguments)
            XCTAssertFalse(result.out.contains("\u{07}") || result.err.contains("\u{07}"), "gitdesk \(arguments.joined(separator: " "))")
        }
    }
}
