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

    /// Chat intake refuses by the writers' one rule, as mail intake does: a problem in a folder
    /// the intake does not touch stops neither, one in the settings stops both.
    func testChatAndMailIntakeRefuseByTheSameRule() throws {
        try intakeDesk()
        try write("tickets/ROM/ROM-0001/ticket.md", "---\ntitle: Old\nclient: romashka\nstatus: nonsense\n---\n")
        try git("add", "-A")
        try git("commit", "-qm", "a bad status, past the hook", "--no-verify")
        try gitdesk("check", code: 1)
        XCTAssertFalse((try gitdesk("ingest", "chat", fixtures + "/telegram.json", "--json").out).isEmpty)
        try write("unknown.eml", "From: who@nowhere.example\nSubject: Hi\nDate: Sat, 28 Nov 2026 10:15:00 +0300\nMessage-ID: <u1@n>\n\nHello\n", in: root)
        try gitdesk("ingest", "email", root + "/unknown.eml")
        try write("gitdesk.yml", try read("gitdesk.yml") + "locale: de\n")
        try git("commit", "-qam", "broken settings", "--no-verify")
        try gitdesk("ingest", "chat", fixtures + "/telegram.json", code: 1)
        try gitdesk("ingest", "email", root + "/unknown.eml", code: 1)
    }

    func testEmailRoutingThreadingAttachmentsAndIdempotency() throws {
        try intakeDesk()
        let mail = root + "/mail"
        try FileManager.default.createDirectory(atPath: mail + "/new", withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: fixtures) where name.hasSuffix(".eml") {
            try FileManager.default.copyItem(atPath: fixtures + "/" + name, toPath: mail + "/new/" + name)
        }
        let before = try git("rev-list", "--count", "HEAD")
        let first = try gitdesk("ingest", "email", mail, "--json")
        let report = try JSONSerialization.jsonObject(with: Data(first.out.utf8)) as! [String: Any]
        // The message whose boundary never comes is recovered as mail clients show it.
        XCTAssertEqual((report["created"] as! [String]).count, 5, "\(report)")
        XCTAssertTrue((report["created"] as! [String]).contains { $0.hasSuffix(": Broken") }, "\(report)")
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
        let again = try gitdesk("ingest", "email", mail, "--json")
        let second = try JSONSerialization.jsonObject(with: Data(again.out.utf8)) as! [String: Any]
        XCTAssertEqual(second["duplicates"] as? Int, 7, "every message is known")
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
        XCTAssertTrue(result.err.contains("неверным токеном"), result.err)
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

    /// The defects of issue #17 in one maildir: every message lands or is reported, none
    /// blocks the batch, none crashes, and what lands is the text that was sent.
    func testRealMailDefectsLandInOneBatch() throws {
        try intakeDesk()
        let messages: [String: [UInt8]] = [
            "absurd-year": Array("From: ivan@romashka.example\nSubject: absurd\nDate: 1 Nov 9999999999999 10:00 +0300\n\nГод странный\n".utf8),
            "year-100": Array("From: ivan@romashka.example\nSubject: ancient\nDate: Sat, 01 Jan 100 10:00:00 +0300\n\nДревнее письмо\n".utf8),
            "crlf-base64": Array("From: ivan@romashka.example\r\nSubject: crlf\r\nContent-Transfer-Encoding: base64\r\n\r\n0J/RgNC40LLQtdGC\r\n".utf8),
            "comment-from": Array("From: ivan@romashka.example (Ivan at accounts)\nSubject: commented\n\nКомментарий в адресе\n".utf8),
            "headerless-part": Array("From: ivan@romashka.example\nSubject: bare part\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=XX\n\n--XX\n\nГолая часть\n--XX--\n".utf8),
            "bounce": Array("From: MAILER DAEMON <>\nSubject: Undelivered\n\nThe message could not be delivered\n".utf8),
            "html-entities": Array("From: ivan@romashka.example\nSubject: html\nContent-Type: text/html; charset=utf-8\n\n<p>Счёт &#8470; 7 &mdash; оплачен</p>\n".utf8),
            "cp1252": Array("From: ivan@romashka.example\nSubject: quotes\nContent-Type: text/plain; charset=windows-1252\nContent-Transfer-Encoding: 8bit\n\n".utf8)
                + [0x93, 0x51, 0x94, 0x20, 0x35, 0x20, 0x80, 0x0A],
            "unknown-charset": Array("From: ivan@romashka.example\nSubject: strange\nContent-Type: text/plain; charset=x-klingon\nContent-Transfer-Encoding: 8bit\n\n".utf8)
                + [0xC0, 0xFF, 0x0A],
        ]
        try FileManager.default.createDirectory(atPath: root + "/mail/new", withIntermediateDirectories: true)
        for (name, bytes) in messages { try Data(bytes).write(to: URL(fileURLWithPath: root + "/mail/new/" + name)) }
        let result = try gitdesk("ingest", "email", root + "/mail")
        XCTAssertTrue(result.out.contains("новых заявок 8") && result.out.contains("в разбор 1") && result.out.contains("пропущено 0"), result.out)
        XCTAssertTrue(result.out.contains("absurd-year: дата '1 Nov 9999999999999 10:00 +0300' не настоящая"), result.out)
        XCTAssertTrue(result.out.contains("unknown-charset: part-1.txt (charset x-klingon) не удалось декодировать; сохранено как вложение"), result.out)
        let list = try JSONSerialization.jsonObject(with: Data(try gitdesk("list", "--json").out.utf8)) as! [[String: Any]]
        func body(_ title: String) throws -> String {
            let id = try XCTUnwrap(list.first { $0["title"] as? String == title }?["id"] as? String, title)
            let shown = try JSONSerialization.jsonObject(with: Data(try gitdesk("show", id, "--json").out.utf8)) as! [String: Any]
            return ((shown["messages"] as! [[String: Any]]).first?["body"] as? String ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        }
        XCTAssertEqual(try body("crlf"), "Привет")
        XCTAssertEqual(try body("commented"), "Комментарий в адресе")
        XCTAssertEqual(try body("bare part"), "Голая часть")
        XCTAssertEqual(try body("html"), "Счёт № 7 — оплачен")
        XCTAssertEqual(try body("quotes"), "“Q” 5 €")
        XCTAssertEqual(try body("absurd"), "Год странный")
        XCTAssertTrue(try body("strange").contains("не удалось декодировать"))
        let triage = try gitdesk("triage").out
        XCTAssertTrue(triage.contains("MAILER DAEMON") && triage.contains("нет адреса отправителя"), triage)
        XCTAssertFalse(try String(contentsOfFile: desk + "/" + (try git("ls-files", "triage").split(separator: "\n").first { $0.hasSuffix(".md") }.map(String.init) ?? ""), encoding: .utf8).contains("from: \"\""))
        try gitdesk("check")
    }

    /// The same mail without a Message-ID, from an `.eml` (CRLF) and from an mbox (LF,
    /// `>From ` quoted), lands once.
    func testTheSameMailFromTwoSourcesLandsOnce() throws {
        try intakeDesk()
        try write("one.eml", "From: ivan@romashka.example\r\nSubject: twice\r\nDate: Sat, 28 Nov 2026 10:15:00 +0300\r\n\r\nFrom the start\r\n", in: root)
        try write("box.mbox", "From ivan@romashka.example Sat Nov 28 10:15:00 2026\nFrom: ivan@romashka.example\nSubject: twice\nDate: Sat, 28 Nov 2026 10:15:00 +0300\n\n>From the start\n\n", in: root)
        XCTAssertTrue(try gitdesk("ingest", "email", root + "/one.eml").out.contains("новых заявок 1"))
        XCTAssertTrue(try gitdesk("ingest", "email", root + "/box.mbox", "--locale", "en").out.contains("new tickets 0, replies 0, confirmations 0, disputes 0, to triage 0, duplicates 1"))
    }

    /// The triage queue: list, assign (a new ticket, or onto a ticket), remember the sender,
    /// drop with a reason; names that are paths are refused.
    func testTriageQueueIsWorkable() throws {
        try intakeDesk()
        try write("a.eml", "From: Pavel <pavel@new.example>\nSubject: New shop\nDate: Sat, 28 Nov 2026 10:15:00 +0300\nMessage-ID: <a@new>\n\nНужна помощь\n", in: root)
        try write("b.eml", "From: Pavel <pavel@new.example>\nSubject: More\nDate: Sat, 28 Nov 2026 11:15:00 +0300\nMessage-ID: <b@new>\n\nЕщё вопрос\n", in: root)
        try write("c.eml", "From: spam@junk.example\nSubject: Buy\nDate: Sat, 28 Nov 2026 12:15:00 +0300\n\nbuy now\n", in: root)
        for name in ["a.eml", "b.eml", "c.eml"] { try gitdesk("ingest", "email", root + "/" + name) }
        let items = try JSONSerialization.jsonObject(with: Data(try gitdesk("triage", "--json").out.utf8)) as! [[String: Any]]
        XCTAssertEqual(items.map { $0["subject"] as? String }, ["New shop", "More", "Buy"])
        XCTAssertEqual(items.map { $0["reason"] as? String }, ["неизвестный отправитель", "неизвестный отправитель", "неизвестный отправитель"])
        let text = try gitdesk("triage").out
        XCTAssertTrue(text.contains("pavel@new.example") && text.contains("New shop"), text)

        let assigned = try gitdesk("triage", "assign", items[0]["id"] as! String, "romashka", "--remember").out
        let ticket = try XCTUnwrap(assigned.split(separator: " ").first { $0.hasPrefix("ROM-") }.map { String($0.prefix { $0 != ":" }) })
        XCTAssertTrue(try read("clients/romashka.md").contains("pavel@new.example"))
        try gitdesk("triage", "assign", items[1]["id"] as! String, "romashka", "--ticket", ticket)
        let shown = try JSONSerialization.jsonObject(with: Data(try gitdesk("show", ticket, "--json").out.utf8)) as! [String: Any]
        XCTAssertEqual((shown["messages"] as! [[String: Any]]).map { $0["body"] as! String }.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) },
                       ["Нужна помощь", "Ещё вопрос"])
        XCTAssertEqual(shown["created"] as? String, "2026-11-28T10:15:00+03:00")
        // The sender is now the client's: the next mail is routed on its own.
        try write("d.eml", "From: pavel@new.example\nSubject: Third\nDate: Sat, 28 Nov 2026 13:15:00 +0300\nMessage-ID: <d@new>\n\nТретье\n", in: root)
        XCTAssertTrue(try gitdesk("ingest", "email", root + "/d.eml").out.contains("новых заявок 1"))

        try gitdesk("triage", "drop", "../../clients/romashka", "--reason", "x", code: 1)
        try gitdesk("triage", "assign", items[2]["id"] as! String, "nobody", code: 1)
        try gitdesk("triage", "drop", items[2]["id"] as! String, "--reason", "spam")
        XCTAssertTrue(try gitdesk("triage").out.contains("Разбирать нечего"))
        XCTAssertTrue(try git("log", "-1", "--format=%s").contains("spam"))
        XCTAssertEqual(try git("ls-files", "triage").trimmingCharacters(in: .whitespacesAndNewlines), "")
        try gitdesk("check")
    }
}
