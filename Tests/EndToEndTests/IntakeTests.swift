import Foundation
import XCTest

final class IntakeTests: DeskTestCase {
    var fixtures: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("GitdeskIntakeTests/Fixtures").path
    }

    private func intakeDesk() throws {
        try gitdesk("init", desk, in: root)
        try gitdesk("client", "add", "romashka", "--name", "Ромашка", "--prefix", "ROM", "--email", "@romashka.example")
        try write("gitdesk.yml", try read("gitdesk.yml").replacingOccurrences(of: "max-attachment-size: 10M", with: "max-attachment-size: 1K"))
        try write("clients/romashka.md", try read("clients/romashka.md").replacingOccurrences(of: "emails:", with: "chats: [user777]\nemails:"))
        try git("commit", "-qam", "settings")
        try gitdesk("staff", "add", "alice", "--name", "Alice", "--email", "alice@example.com")
    }

    func testEmailRoutingThreadingAttachmentsAndIdempotency() throws {
        try intakeDesk()
        let mail = root + "/mail"
        try FileManager.default.createDirectory(atPath: mail + "/new", withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: fixtures) where name.hasSuffix(".eml") {
            try FileManager.default.copyItem(atPath: fixtures + "/" + name, toPath: mail + "/new/" + name)
        }
        let before = try git("rev-list", "--count", "HEAD")
        let first = try gitdesk("ingest", "email", mail, "--json", code: 1)
        XCTAssertTrue(first.err.contains("broken-boundary.eml: broken MIME"), first.err)
        let report = try JSONSerialization.jsonObject(with: Data(first.out.utf8)) as! [String: Any]
        XCTAssertEqual((report["created"] as! [String]).count, 4, "\(report)")
        XCTAssertEqual((report["replies"] as! [String]).count, 1)
        XCTAssertEqual((report["triaged"] as! [String]).count, 1)
        XCTAssertEqual((report["oversized"] as! [String]).count, 1)
        XCTAssertEqual(Int(try git("rev-list", "--count", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)),
                       Int(before.trimmingCharacters(in: .whitespacesAndNewlines))! + 1, "one commit per run")
        let list = try JSONSerialization.jsonObject(with: Data(try gitdesk("list", "--json").out.utf8)) as! [[String: Any]]
        let original = list.first { ($0["title"] as! String) == "Не работает обмен цен" }!
        let id = original["id"] as! String
        let shown = try JSONSerialization.jsonObject(with: Data(try gitdesk("show", id, "--json").out.utf8)) as! [String: Any]
        let bodies = (shown["messages"] as! [[String: Any]]).map { $0["body"] as! String }
        XCTAssertEqual(bodies.count, 2, "the KOI8-R reply is threaded by In-Reply-To")
        XCTAssertTrue(bodies[1].contains("Обмен снова сломался") && !bodies[1].contains("старое письмо"), bodies[1])
        XCTAssertEqual(shown["created"] as? String, "2026-11-23T10:15:00+03:00")
        let files = try FileManager.default.contentsOfDirectory(atPath: desk + "/" + folder(id) + "/files")
        XCTAssertTrue(files.contains { $0.hasSuffix("-скриншот_экрана.png") }, "\(files)")
        XCTAssertEqual(files.filter { $0.hasSuffix(".eml") }.count, 2, "originals kept")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: desk + "/triage").count, 2)
        try gitdesk("check")
        // The same mail again changes nothing.
        let head = try self.head()
        let again = try gitdesk("ingest", "email", mail, "--json", code: 1)
        let second = try JSONSerialization.jsonObject(with: Data(again.out.utf8)) as! [String: Any]
        XCTAssertEqual(second["duplicates"] as? Int, 6, "every readable message is known; the broken one is reported again")
        XCTAssertEqual(try self.head(), head)
    }

    func testSiteLinksConfirmAndDispute() throws {
        try intakeDesk()
        let id = try gitdesk("new", "--client", "romashka", "--title", "Звонок", "--channel", "phone").out.trimmingCharacters(in: .whitespacesAndNewlines)
        let line = try gitdesk("log", id, "2h", "billable", "Call", "--date", "2026-11-23", "--as", "alice").out
        let txn = String(line.split(separator: "^").last!.trimmingCharacters(in: .whitespacesAndNewlines))
        // `client add` gave the client a secret site token; the site's links carry it.
        let card = try read("clients/romashka.md")
        let token = String(card[card.range(of: "token: ")!.upperBound...].prefix { $0 != "}" })
        XCTAssertEqual(token.count, 26, card)
        let confirm = "From: ivan@romashka.example\nSubject: [gitdesk confirm \(id) token=\(token)]\nDate: Mon, 23 Nov 2026 12:00:00 +0300\nMessage-ID: <c1@r>\n\nДа, всё верно.\n"
        let dispute = "From: ivan@romashka.example\nSubject: [gitdesk dispute ^\(txn) \(id) token=\(token)]\nDate: Mon, 23 Nov 2026 12:05:00 +0300\nMessage-ID: <d1@r>\n\nЗвонок был 1 час.\n"
        let forged = "From: ivan@romashka.example\nSubject: [gitdesk confirm \(id) token=guess]\nDate: Mon, 23 Nov 2026 12:06:00 +0300\nMessage-ID: <f1@r>\n\nx\n"
        for (name, text) in [("1.eml", confirm), ("2.eml", dispute), ("3.eml", forged)] { try write("mail/" + name, text, in: root) }
        let result = try gitdesk("ingest", "email", root + "/mail", code: 1)
        XCTAssertTrue(result.err.contains("wrong token"), result.err)
        XCTAssertTrue(try read("\(folder(id))/ticket.md").contains("confirmed: true"))
        let disputes = try read("disputes/romashka.md")
        XCTAssertTrue(disputes.contains("open \(txn) Звонок был 1 час."), disputes)
        let balance = try JSONSerialization.jsonObject(with: Data(try gitdesk("balance", "romashka", "--json").out.utf8)) as! [[String: Any]]
        XCTAssertEqual(minor(balance[0]["disputed"]), 400_000)
    }

    func testTelegramExportGroupsBySenderAndGap() throws {
        try intakeDesk()
        let out = try gitdesk("ingest", "chat", fixtures + "/telegram.json", "--json").out
        let report = try JSONSerialization.jsonObject(with: Data(out.utf8)) as! [String: Any]
        XCTAssertEqual((report["created"] as! [String]).count, 2, "10:00 and 10:05 are one request, 18:00 another: \(report)")
        XCTAssertEqual((report["triaged"] as! [String]).count, 1)
        let list = try JSONSerialization.jsonObject(with: Data(try gitdesk("list", "--json").out.utf8)) as! [[String: Any]]
        let first = list.first { ($0["title"] as! String) == "Не печатается счёт" }!["id"] as! String
        let shown = try gitdesk("show", first).out
        XCTAssertTrue(shown.contains("Ошибка в модуле печати"), shown)
        let again = try JSONSerialization.jsonObject(with: Data(try gitdesk("ingest", "chat", fixtures + "/telegram.json", "--json").out.utf8)) as! [String: Any]
        XCTAssertEqual(again["duplicates"] as? Int, 4)
        XCTAssertEqual((again["created"] as! [String]).count, 0)
    }
}
