import Foundation
import XCTest

final class WorkflowTests: DeskTestCase {
    /// `client|staff|project|dispute list` show the cards as the files say, in text and JSON.
    func testCardListsShowTheDesk() throws {
        try makeDemoDesk()
        let clients = try JSONSerialization.jsonObject(with: Data(try gitdesk("client", "list", "--json").out.utf8)) as! [[String: Any]]
        XCTAssertEqual(clients.map { $0["client"] as! String }, try FileManager.default.contentsOfDirectory(atPath: desk + "/clients")
            .filter { $0.hasSuffix(".md") }.map { String($0.dropLast(3)) }.sorted())
        XCTAssertTrue(try gitdesk("client", "list").out.contains("ООО «Ромашка»"))
        try gitdesk("staff", "add", "zoe", "--name", "Зоя", "--email", "zoe@example.com", "--capacity", "5h")
        let staff = try JSONSerialization.jsonObject(with: Data(try gitdesk("staff", "list", "--json").out.utf8)) as! [[String: Any]]
        XCTAssertEqual(staff.first { $0["login"] as? String == "zoe" }?["capacityMinutes"] as? Int, 300)
        let projects = try gitdesk("project", "list", "--client", "romashka").out
        XCTAssertTrue(projects.contains("shop") && !projects.contains("crm"), projects)
        try gitdesk("project", "list", "--client", "nobody", code: 1)
        let disputes = try JSONSerialization.jsonObject(with: Data(try gitdesk("dispute", "list", "--json").out.utf8)) as! [[String: Any]]
        XCTAssertFalse(disputes.isEmpty)
        let transaction = try XCTUnwrap(disputes.first?["transaction"] as? String)
        XCTAssertEqual(disputes.first?["state"] as? String, "open")
        try gitdesk("dispute", "resolve", "^" + transaction, "--waive", "--note", "Agreed")
        XCTAssertFalse(try gitdesk("dispute", "list", "--open").out.contains(transaction))
        XCTAssertTrue(try gitdesk("dispute", "list").out.contains("waive"))
    }

    /// Enumerated values are checked: an unknown status filter and an unknown priority (from
    /// an option or typed in the editor) are refused with the valid values listed.
    func testUnknownStatusAndPriorityAreRefusedWithTheList() throws {
        let id = try makeDesk()
        let head = try self.head()
        let list = try gitdesk("list", "--status", "nonsense", code: 2)
        XCTAssertTrue(list.err.contains("нет статуса 'nonsense'") && list.err.contains("in-progress"), list.err)
        let new = try gitdesk("new", "--client", "acme", "--title", "Срочно", "--priority", "asap", code: 1)
        XCTAssertTrue(new.err.contains("неизвестный приоритет 'asap'") && new.err.contains("urgent, high, normal, low"), new.err)
        XCTAssertEqual(try self.head(), head, "nothing committed")
        XCTAssertEqual(try git("status", "--porcelain"), "")
        let card = try read("\(folder(id))/ticket.md")
        try write("\(folder(id))/ticket.md", card.replacingOccurrences(of: "priority: normal", with: "priority: asap"))
        try git("commit", "-qam", "by hand", "--no-verify")
        let check = try gitdesk("check", code: 1)
        let line = card.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("priority:") }.map { $0 + 1 }
        XCTAssertTrue(check.out.contains("\(folder(id))/ticket.md:\(line ?? 0): неизвестный приоритет 'asap'"), check.out)
    }

    /// `GITDESK_DESK` names the desk when `--desk` does not (as `GIT_DIR` does for git); the
    /// hooks ignore it, since git runs them in the desk they check. `--version` answers.
    func testDeskFromTheEnvironmentAndVersion() throws {
        let id = try makeDesk()
        let elsewhere = root + "/elsewhere"
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        let viaVariable = try run(Self.binary, ["list", "--json"], in: elsewhere, env: ["GITDESK_DESK": desk])
        XCTAssertEqual(viaVariable.code, 0, viaVariable.err)
        XCTAssertTrue(viaVariable.out.contains(id), viaVariable.out)
        XCTAssertEqual(viaVariable.out, try gitdesk("list", "--json").out)
        let notADesk = try run(Self.binary, ["list"], in: elsewhere, env: ["GITDESK_DESK": elsewhere])
        XCTAssertNotEqual(notADesk.code, 0, "the variable is used, not ignored")
        let overridden = try run(Self.binary, ["list", "--json", "--desk", desk], in: elsewhere, env: ["GITDESK_DESK": elsewhere])
        XCTAssertEqual(overridden.out, viaVariable.out, overridden.err)
        // A commit with the variable pointing elsewhere is checked by the hook in this desk.
        try write("\(folder(id))/work.md", "- 2026-11-20 alice 30m billable Hand edit\n")
        try git("add", "-A")
        try git("commit", "-qm", "by hand", env: ["GITDESK_DESK": elsewhere])
        XCTAssertTrue(try read("\(folder(id))/work.md").contains(" ^"), "the hook numbered the line in this desk")
        let version = try run(Self.binary, ["--version"], in: elsewhere)
        XCTAssertEqual(version.code, 0)
        XCTAssertTrue(version.out.hasPrefix("gitdesk "), version.out)
    }

    func testEverydayCommandsEndToEnd() throws {
        let id = try makeDesk()
        XCTAssertTrue(id.hasPrefix("ACME-"))
        try gitdesk("move", id, "in-progress", "--assign", "alice")
        try gitdesk("log", id, "1h20m", "billable", "Fixed", "the", "price", "sync", "--date", "2026-11-03")
        try gitdesk("log", id, "20m", "help", "--for", "@alice", "Showed the exchange rules", "--date", "2026-11-03", as: "bob")
        try gitdesk("reply", id, "Готово, проверьте пожалуйста", "--at", "2026-11-03T12:00:00+03:00")
        try gitdesk("reply", id, "--from", "client", "--author", "Иван", input: "Спасибо!\n")

        // Testing without QA: no test case, no testing.
        var refused = try gitdesk("move", id, "needs-testing", code: 1)
        XCTAssertTrue(refused.err.contains("тест-кейс"), refused.err)
        try write("\(folder(id))/test.md", "---\nresult: pending\n---\n1. Load prices\n2. Compare with 1C\n")
        try git("add", "-A")
        try git("commit", "-qm", "test case")
        try gitdesk("move", id, "needs-testing")
        try gitdesk("move", id, "testing")
        // The developer cannot be the tester.
        try write("\(folder(id))/test.md", "---\nresult: passed\ntester: alice\n---\n1. Load prices\n")
        try git("commit", "-qam", "tested by myself")
        refused = try gitdesk("move", id, "done", code: 1)
        XCTAssertTrue(refused.err.contains("тестировать должен другой человек"), refused.err)
        try write("\(folder(id))/test.md", "---\nresult: passed\ntester: tess\n---\n1. Load prices\n")
        try git("commit", "-qam", "tested by tess", as: "tess")
        refused = try gitdesk("move", id, "done", code: 1)
        XCTAssertTrue(refused.err.contains("служебный комментарий"), refused.err)
        try write("\(folder(id))/service.md", "Обработка «ОбменЦенами», модуль объекта, процедура ЗагрузитьЦены.\n")
        try git("add", "-A")
        try git("commit", "-qm", "service comment")
        try gitdesk("move", id, "done")
        refused = try gitdesk("move", id, "new", code: 1)
        XCTAssertTrue(refused.err.contains("не может перейти из done в new"), refused.err)

        let show = try gitdesk("show", id).out
        XCTAssertTrue(show.contains("выставлено 2\u{00A0}666,67\u{00A0}₽"), show)
        XCTAssertTrue(show.contains("на проверке → выполнена"), show)
        let json = try JSONSerialization.jsonObject(with: Data(try gitdesk("show", id, "--json").out.utf8)) as! [String: Any]
        let history = (json["history"] as! [[String: Any]]).map { $0["to"] as! String }
        XCTAssertEqual(history, ["new", "in-progress", "needs-testing", "testing", "done"])
        XCTAssertEqual((json["work"] as! [Any]).count, 2)
        XCTAssertEqual((json["messages"] as! [Any]).count, 2)
        XCTAssertEqual(minor((json["totals"] as! [String: Any])["amount"]), 266_667)

        try gitdesk("pay", "acme", "180000", "Prepayment", "invoice", "118", "--date", "2026-11-01")
        try gitdesk("charge", "acme", "500.50", "Licence")
        try gitdesk("credit", "acme", "100", "Goodwill")
        let ledger = try read("ledger/acme.md")
        XCTAssertTrue(ledger.contains("- 2026-11-01 payment 180000.00 Prepayment invoice 118 ^p"), ledger)
        XCTAssertEqual(ledger.split(separator: "\n").count, 3)
        XCTAssertEqual(try git("status", "--porcelain"), "", "writes leave a clean working tree and index")
        try gitdesk("check")
    }

    func testListFiltersAndPhoneConfirmation() throws {
        let first = try makeDesk()
        let phone = try gitdesk("new", "--client", "acme", "--title", "Звонок: не печатается счёт", "--channel", "phone", "--assignee", "bob")
            .out.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertTrue(try read("\(folder(phone))/ticket.md").contains("confirmed: false"))
        var list = try gitdesk("list", "--unconfirmed").out
        XCTAssertTrue(list.contains(phone) && !list.contains(first), list)
        list = try gitdesk("list", "--assignee", "bob", "--json").out
        let rows = try JSONSerialization.jsonObject(with: Data(list.utf8)) as! [[String: Any]]
        XCTAssertEqual(rows.map { $0["id"] as! String }, [phone])
        try gitdesk("confirm", phone, "--by", "Иван Петров")
        XCTAssertTrue(try read("\(folder(phone))/ticket.md").contains("confirmed: true"))
        XCTAssertTrue(try git("log", "-1", "--format=%s").contains("confirmed by the client (Иван Петров)"))
        try gitdesk("confirm", phone, code: 1)
        XCTAssertTrue(try gitdesk("list", "--status", "done").out.contains("Подходящих заявок нет"))
        try gitdesk("list", "--client", "nobody", code: 1)
    }

    func testMoveKeepsHandWrittenFrontMatterByteForByte() throws {
        let id = try makeDesk()
        let path = "\(folder(id))/ticket.md"
        let handWritten = """
            ---
            # Пришло по почте от бухгалтера
            title: 'Синхронизация цен: не работает'
            client: acme
            project: shop
            status: new      # workflow
            priority: high
            x-crm-id: "0012"
            watchers:
              - ivan@romashka.example
            legacy: NO
            assignee: alice
            created: 2026-11-02T10:00:00+03:00
            ---
            Описание задачи.

            """
        try write(path, handWritten)
        try git("commit", "-qam", "edited by hand")
        try gitdesk("move", id, "accepted")
        XCTAssertEqual(try read(path), handWritten.replacingOccurrences(of: "status: new      #", with: "status: accepted      #"))
    }

    func testDemoDeskIsValidAndHasHistory() throws {
        try makeDemoDesk()
        try gitdesk("check")
        let authors = Set(try git("log", "--format=%an").split(separator: "\n"))
        XCTAssertGreaterThanOrEqual(authors.count, 4, "several authors: \(authors)")
        XCTAssertGreaterThanOrEqual(try git("rev-list", "--count", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines).count, 2)
    }
}

final class EditorTests: DeskTestCase {
    func testNewWithEditorAndADemoThatIsTheSameEveryTime() throws {
        try makeDesk()
        let editor = root + "/editor.sh"
        try "#!/bin/sh\nsed -i 's/## Что нужно сделать/## Что нужно сделать\\nThe exchange stopped at night./' \"$1\"\n".write(toFile: editor, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: editor)
        let id = try gitdesk("new", "--client", "acme", "--title", "Edited", "--edit", env: ["EDITOR": editor]).out
            .trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertTrue(try read("\(folder(id))/ticket.md").contains("The exchange stopped at night."))
        // An editor that breaks the front-matter changes nothing.
        let breaker = root + "/breaker.sh"
        try "#!/bin/sh\nsed -i 's/^client: acme$/client: [acme/' \"$1\"\n".write(toFile: breaker, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: breaker)
        let before = try head()
        let refused = try gitdesk("new", "--client", "acme", "--title", "Broken", "--edit", code: 1, env: ["EDITOR": breaker])
        XCTAssertTrue(refused.err.contains("неверный YAML"), refused.err)
        XCTAssertEqual(try head(), before)

        try gitdesk("init", "--demo", root + "/demo-a", in: root)
        try gitdesk("init", "--demo", root + "/demo-b", in: root)
        XCTAssertEqual(try head(in: root + "/demo-a"), try head(in: root + "/demo-b"), "the demo is seeded: same commits every time")
    }
}
