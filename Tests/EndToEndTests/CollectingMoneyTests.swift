import Foundation
import XCTest

/// Collecting the money, as the firm's accountant and collector do it: acts and invoices from
/// the firm's real details, the bank's statement in, the debtors out.
final class CollectingMoneyTests: DeskTestCase {
    private func json(_ args: String...) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(try gitdesk(args).out.utf8)) as? [String: Any])
    }

    /// The demo's October act (issued in its history) equals the statement's work and
    /// charges; a new month's act gets the next number, which stays when more work lands in
    /// the month after; an act for a month not over is refused.
    func testAnActAgreesWithTheStatementAndKeepsItsNumber() throws {
        try makeDemoDesk()
        for client in ["romashka", "vector", "northwind"] {
            let act = try json("act", client, "--period", "2026-10", "--json")
            let statement = try json("statement", client, "--period", "2026-10", "--json")
            XCTAssertEqual(minor(act["total"]), minor(statement["workTotal"])! + minor(statement["charges"])!, client)
            let lines = try XCTUnwrap(act["lines"] as? [[String: Any]])
            XCTAssertEqual(lines.compactMap { minor($0["amount"]) }.reduce(0, +), minor(act["total"]), "\(client): the total is the sum of the lines")
        }
        let before = try head()
        XCTAssertEqual(try json("act", "romashka", "--period", "2026-10", "--json")["number"] as? Int, 1)
        XCTAssertEqual(try head(), before, "showing an issued act writes nothing")

        let november = try json("act", "romashka", "--period", "2026-11", "--json")
        XCTAssertEqual(november["number"] as? Int, 4)
        XCTAssertTrue(FileManager.default.fileExists(atPath: desk + "/acts/2026/0004.md"))
        try gitdesk("log", "ROM-3M9D", "2h", "billable", "Декабрьская работа", "--date", "2026-12-01",
                    env: ["GIT_AUTHOR_EMAIL": "alice@guild.example", "GIT_COMMITTER_EMAIL": "alice@guild.example"])
        let again = try json("act", "romashka", "--period", "2026-11", "--json")
        XCTAssertEqual(again["number"] as? Int, 4)
        XCTAssertEqual(minor(again["total"]), minor(november["total"]))

        let open = try gitdesk("act", "romashka", "--period", "2099-01", code: 1)
        XCTAssertTrue(open.err.contains("2099-01"), open.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: desk + "/acts/2099"))
    }

    /// An act's lines changed after it was issued (work slipped in with --no-verify) is refused
    /// with the command that shows what changed.
    func testAnActWhoseWorkChangedAfterIssueIsRefused() throws {
        try makeDemoDesk()
        try gitdesk("act", "northwind", "--period", "2026-11")
        let work = try XCTUnwrap(try FileManager.default.subpathsOfDirectory(atPath: desk + "/tickets").first { $0.hasPrefix("NW/") && $0.hasSuffix("/work.md") })
        let path = "tickets/" + work
        try write(path, try read(path) + "- 2026-11-20 alice 3h billable Приписанная работа\n")
        try git("commit", "-qam", "slip", "--no-verify")
        let refused = try gitdesk("act", "northwind", "--period", "2026-11", code: 1)
        XCTAssertTrue(refused.err.contains("gitdesk audit northwind --period 2026-11"), refused.err)
    }

    /// Two clones that issue an act at once both take the next number: their merge is a
    /// conflict on that number's file, never two acts under one number.
    func testTwoClonesIssuingActsAtOnceConflict() throws {
        try makeDemoDesk()
        let other = root + "/other"
        try git("clone", "-q", desk, other, in: root)
        try gitdesk("init", in: other)
        try gitdesk("act", "romashka", "--period", "2026-11")
        try gitdesk("act", "vector", "--period", "2026-11", in: other)
        XCTAssertTrue(FileManager.default.fileExists(atPath: other + "/acts/2026/0004.md"))
        let pulled = try run("/usr/bin/git", ["pull", "--no-rebase", "-q", desk, "HEAD"], in: other)
        XCTAssertNotEqual(pulled.code, 0, "the same number issued twice must not merge cleanly")
        XCTAssertTrue((pulled.out + pulled.err).contains("acts/2026/0004.md"), pulled.out + pulled.err)
    }

    /// A desk made without the firm's details refuses to make documents, naming what is
    /// missing and where to fill it; nothing is written.
    func testDocumentsRefuseWithoutTheFirmsDetails() throws {
        try makeDesk()
        let before = try head()
        for args in [["act", "acme", "--period", "2026-11"], ["invoice", "acme", "1000"]] {
            let refused = try gitdesk(args, code: 1)
            XCTAssertTrue(refused.err.contains("ИНН") && refused.err.contains("gitdesk.yml"), refused.err)
        }
        XCTAssertEqual(try head(), before)
        let check = try gitdesk("check")
        XCTAssertTrue(check.err.contains("gitdesk.yml"), "check names the placeholder settings: \(check.err)")
    }

    /// `init` takes the firm's details as options and refuses a number whose check digit
    /// fails; a client card with a wrong ИНН is refused by the hook naming its line.
    func testInitTakesTheFirmsDetailsAndBadNumbersAreRefused() throws {
        let bad = try gitdesk("init", root + "/bad", "--inn", "7701234561", in: root, code: 1)
        XCTAssertTrue(bad.err.contains("gitdesk.yml:") && bad.err.contains("7701234561"), bad.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: root + "/bad/gitdesk.yml"))

        try gitdesk("init", desk, "--firm-name", "ООО «Тест»", "--inn", "7701234560", "--kpp", "770101001", "--ogrn", "1207700123454",
                    "--address", "Москва", "--bank", "ПАО Сбербанк", "--bik", "044525225", "--account", "40702810538000123456",
                    "--correspondent-account", "30101810400000000225", "--signer", "И. И. Иванов", "--signer-position", "Директор", "--vat", "20%", in: root)
        let settings = try read("gitdesk.yml")
        for value in ["\"7701234560\"", "\"044525225\"", "\"40702810538000123456\"", "\"И. И. Иванов\"", "vat: \"20%\""] {
            XCTAssertTrue(settings.contains(value), value)
        }
        try gitdesk("client", "add", "acme", "--name", "ACME", "--prefix", "ACME")
        let card = try read("clients/acme.md").replacingOccurrences(of: "---\n", with: "---\nrequisites:\n  inn: \"7709876546\"\n", options: [], range: nil)
        try write("clients/acme.md", card)
        try git("add", "-A")
        let commit = try run("/usr/bin/git", ["commit", "-qm", "requisites"])
        XCTAssertNotEqual(commit.code, 0)
        XCTAssertTrue(commit.err.contains("clients/acme.md:") && commit.err.contains("7709876546"), commit.err)
    }

    /// The invoice's QR code, drawn in Chromium and read by zbarimg, is the ГОСТ Р 56042
    /// payload byte for byte; its PDF has the firm's details, the total in words and the VAT line.
    func testTheInvoiceQRCodeScansToThePaymentPayload() throws {
        try makeDemoDesk()
        let issued = try json("invoice", "romashka", "12500.50", "--for", "Поддержка 1С, декабрь 2026", "--date", "2026-12-01", "--json")
        XCTAssertEqual(issued["number"] as? Int, 2, "the demo issued invoice 1 in November")
        let html = try gitdesk("invoice", "--number", "2", "--date", "2026-12-01", "--format", "html").out
        try html.write(toFile: root + "/invoice.html", atomically: true, encoding: .utf8)
        let shot = try run("/usr/bin/chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--screenshot=\(root!)/invoice.png",
                                                 "--window-size=1280,2200", "file://\(root!)/invoice.html"], in: root)
        XCTAssertEqual(shot.code, 0, shot.err)
        let scanned = try run("/usr/bin/zbarimg", ["--nodbus", "--raw", "-q", "-Sbinary", root + "/invoice.png"], in: root)
        XCTAssertEqual(scanned.code, 0, scanned.err)
        XCTAssertEqual(scanned.out, "ST00012|Name=ООО «Гильдия консультантов»|PersonalAcc=40702810538000123456|BankName=ПАО Сбербанк"
                       + "|BIC=044525225|CorrespAcc=30101810400000000225|PayeeINN=7701234560|KPP=770101001|Sum=1250050"
                       + "|Purpose=Оплата по счёту № 2 от 01.12.2026: Поддержка 1С, декабрь 2026. Без НДС")

        let pdf = root + "/invoice.pdf"
        let printed = try run("/bin/sh", ["-c", "\"$GITDESK\" invoice --number 2 --date 2026-12-01 --format pdf > \(pdf) && \"$GITDESK\" act vector --period 2026-10 --format pdf > \(root!)/act.pdf"])
        XCTAssertEqual(printed.code, 0, printed.err)
        let invoiceText = try run("/usr/bin/pdftotext", [pdf, "-"]).out.replacingOccurrences(of: "\u{00A0}", with: " ")
        for expected in ["7701234560", "044525225", "Двенадцать тысяч пятьсот рублей 50 копеек", "Без НДС", "Счёт на оплату № 2 от 01.12.2026"] {
            XCTAssertTrue(invoiceText.contains(expected), "invoice PDF lacks \(expected)")
        }
        let actText = try run("/usr/bin/pdftotext", [root + "/act.pdf", "-"]).out.replacingOccurrences(of: "\u{00A0}", with: " ")
        for expected in ["ИНН 5001122339", "КПП 770101001", "Сто восемь тысяч семьсот пятьдесят рублей 00 копеек", "НДС не облагается", "Договор № 15/2026", "П. С. Орлов"] {
            XCTAssertTrue(actText.contains(expected), "act PDF lacks \(expected)")
        }
        let info = try run("/usr/bin/pdfinfo", [root + "/act.pdf"]).out
        XCTAssertTrue(info.contains("(A4)"), info)
    }

    /// With VAT at 20%, the act says how much of the total is VAT (total × 20 / 120, rounded
    /// half up to the kopeck).
    func testAVATRateShowsTheIncludedTax() throws {
        try makeDemoDesk()
        try write("gitdesk.yml", try read("gitdesk.yml").replacingOccurrences(of: "vat: \"none\"", with: "vat: 20%"))
        try git("commit", "-qam", "VAT")
        let act = try json("act", "northwind", "--period", "2026-10", "--json")
        let total = try XCTUnwrap(minor(act["total"]))
        XCTAssertEqual(minor(act["vat"]), (total * 2000 * 2 + 12_000) / (12_000 * 2))
        XCTAssertEqual(act["vatRate"] as? Int, 2000)
        let text = try gitdesk("act", "romashka", "--period", "2026-10").out
        XCTAssertTrue(text.contains("В том числе НДС 20%"), text)
    }

    /// A bank statement in `1CClientBankExchange`, written in each encoding banks use
    /// (Windows-1251, DOS/CP866 and UTF-8) by Python's codecs.
    private func bankStatement(_ documents: [[String: String]], encoding: String, name: String) throws -> String {
        let header = ["1CClientBankExchange", "ВерсияФормата=1.03", "Кодировка=\(encoding == "cp866" ? "DOS" : "Windows")", "Отправитель=Банк-клиент",
                      "ДатаНачала=01.12.2026", "ДатаКонца=03.12.2026", "РасчСчет=40702810538000123456",
                      "СекцияРасчСчет", "ДатаНачала=01.12.2026", "НачальныйОстаток=0.00", "КонецРасчСчет"]
        var lines = header
        for document in documents {
            lines.append("СекцияДокумент=Платежное поручение")
            for key in ["Номер", "Дата", "Сумма", "ПлательщикСчет", "ПлательщикИНН", "Плательщик1", "ПолучательСчет", "ПолучательИНН", "Получатель1", "НазначениеПлатежа", "ДатаПоступило"] {
                if let value = document[key] { lines.append("\(key)=\(value)") }
            }
            lines.append("КонецДокумента")
        }
        lines.append("КонецФайла")
        let text = root + "/\(name).utf8", file = root + "/\(name)"
        try (lines.joined(separator: "\r\n") + "\r\n").write(toFile: text, atomically: true, encoding: .utf8)
        let made = try run("/usr/bin/python3", ["-c", "import sys; open(sys.argv[3], 'wb').write(open(sys.argv[1], encoding='utf-8').read().encode(sys.argv[2], errors='replace'))",
                                                text, encoding, file], in: root)
        XCTAssertEqual(made.code, 0, made.err)
        return file
    }

    private func balances() throws -> [String: Int] {
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(try gitdesk("balance", "--json").out.utf8)) as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["client"] as! String, minor($0["balance"])!) })
    }

    /// Incoming payments land in the ledgers of the clients whose ИНН paid them (an invoice
    /// number decides between two cards with one ИНН), once: the same statement in another
    /// encoding adds nothing. Outgoing, own and unknown payments wait in triage with the
    /// reason; a malformed document is reported by line and the rest lands; hledger accepts
    /// the books afterwards.
    func testABankStatementLandsOnceInEveryEncoding() throws {
        try makeDemoDesk()
        // A branch of Romashka pays from the same ИНН; each has an invoice.
        try gitdesk("client", "add", "romashka-spb", "--name", "Ромашка СПб", "--prefix", "RSPB")
        let card = try read("clients/romashka-spb.md")
        try write("clients/romashka-spb.md", card.replacingOccurrences(of: "prefix: RSPB\n", with: "prefix: RSPB\nrequisites:\n  name: ООО «Ромашка»\n  inn: \"7709876545\"\n"))
        try git("commit", "-qam", "branch card")
        try gitdesk("invoice", "romashka", "30000", "--date", "2026-12-01")
        try gitdesk("invoice", "romashka-spb", "7000", "--date", "2026-12-01")
        try gitdesk("invoice", "romashka-spb", "8000", "--date", "2026-12-01")
        let before = try balances()
        let firm = "40702810538000123456"
        let documents: [[String: String]] = [
            ["Номер": "501", "Дата": "02.12.2026", "Сумма": "30000.00", "ПлательщикСчет": "40702810401300054321", "ПлательщикИНН": "7709876545",
             "Плательщик1": "ООО «Ромашка»", "ПолучательСчет": firm, "ПолучательИНН": "7701234560", "НазначениеПлатежа": "Оплата по счёту № 2 от 01.12.2026", "ДатаПоступило": "02.12.2026"],
            ["Номер": "77", "Дата": "02.12.2026", "Сумма": "25000,50", "ПлательщикСчет": "40702810010000098765", "ПлательщикИНН": "5001122339",
             "Плательщик1": "АО «Вектор»", "ПолучательСчет": firm, "ПолучательИНН": "7701234560", "НазначениеПлатежа": "Аванс за декабрь", "ДатаПоступило": "02.12.2026"],
            ["Номер": "502", "Дата": "03.12.2026", "Сумма": "8000.00", "ПлательщикСчет": "40702810401300054321", "ПлательщикИНН": "7709876545",
             "Плательщик1": "ООО «Ромашка»", "ПолучательСчет": firm, "ПолучательИНН": "7701234560", "НазначениеПлатежа": "Оплата сч. 4 (филиал)", "ДатаПоступило": "03.12.2026"],
            ["Номер": "503", "Дата": "03.12.2026", "Сумма": "100.00", "ПлательщикСчет": "40702810401300054321", "ПлательщикИНН": "7709876545",
             "Плательщик1": "ООО «Ромашка»", "ПолучательСчет": firm, "ПолучательИНН": "7701234560", "НазначениеПлатежа": "Без счёта", "ДатаПоступило": "03.12.2026"],
            ["Номер": "12", "Дата": "02.12.2026", "Сумма": "1500.00", "ПлательщикСчет": firm, "ПлательщикИНН": "7701234560", "Плательщик1": "ООО «Гильдия консультантов»",
             "ПолучательСчет": "40702810900000000009", "ПолучательИНН": "7707083893", "НазначениеПлатежа": "Аренда"],
            ["Номер": "13", "Дата": "02.12.2026", "Сумма": "999.99", "ПлательщикСчет": "40702810900000000077", "ПлательщикИНН": "7728168971", "Плательщик1": "ООО «Неизвестный»",
             "ПолучательСчет": firm, "ПолучательИНН": "7701234560", "НазначениеПлатежа": "Оплата", "ДатаПоступило": "02.12.2026"],
            ["Номер": "14", "Дата": "31.02.2026", "Сумма": "5.00", "ПлательщикСчет": "1", "ПолучательСчет": firm],
        ]
        let windows = try bankStatement(documents, encoding: "cp1251", name: "kl_to_1c.txt")
        let imported = try gitdesk("ingest", "bank", windows)
        XCTAssertTrue(imported.err.contains("kl_to_1c.txt:") && imported.err.contains("31.02.2026"), "the malformed document is named by line: \(imported.err)")
        let after = try balances()
        XCTAssertEqual(after["romashka"], before["romashka"]! + 3_000_000)
        XCTAssertEqual(after["vector"], before["vector"]! + 2_500_050)
        XCTAssertEqual(after["romashka-spb"], before["romashka-spb"]! + 800_000, "invoice 4 is the branch's: its payment is the branch's")
        XCTAssertEqual(after["northwind"], before["northwind"])
        let triage = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(try gitdesk("triage", "--json").out.utf8)) as? [[String: Any]])
        let reasons = triage.filter { ($0["channel"] as? String) == "bank" }.compactMap { $0["reason"] as? String }.sorted()
        XCTAssertEqual(reasons.count, 3, "\(reasons)")
        XCTAssertTrue(reasons.contains { $0.contains("romashka-spb") }, "the ИНН of two cards without an invoice number waits: \(reasons)")
        XCTAssertTrue(reasons.contains { $0.contains("7728168971") })
        XCTAssertTrue(reasons.contains { $0.contains("исходящий") })

        // The same statement again, and in the other encodings: nothing more.
        let head = try self.head()
        for (encoding, name) in [("cp1251", "again.txt"), ("cp866", "dos.txt"), ("utf-8", "utf8.txt")] {
            try gitdesk("ingest", "bank", try bankStatement(documents, encoding: encoding, name: name))
        }
        XCTAssertEqual(try balances(), after)
        XCTAssertEqual(try git("diff", "--stat", head, "HEAD", "--", "ledger", "triage"), "", "a second import adds nothing")

        // The invoices the payments named are paid; the one nobody paid is open.
        let debts = try gitdesk("debts", "--as-of", "2026-12-03", "--json").out
        XCTAssertFalse(debts.contains("\"romashka\""), debts)
        let journal = root + "/books.journal"
        try gitdesk("export", "--format", "hledger").out.write(toFile: journal, atomically: true, encoding: .utf8)
        let strict = try run("/usr/bin/hledger", ["-f", journal, "check", "--strict"])
        XCTAssertEqual(strict.code, 0, strict.err)
    }

    /// A triaged bank payment assigned to a client becomes its payment line.
    func testATriagedPaymentAssignedToAClientIsItsPayment() throws {
        try makeDemoDesk()
        let statement = try bankStatement([["Номер": "13", "Дата": "02.12.2026", "Сумма": "999.99", "ПлательщикСчет": "40702810900000000077",
                                            "ПлательщикИНН": "7728168971", "Плательщик1": "ООО «Неизвестный»", "ПолучательСчет": "40702810538000123456",
                                            "НазначениеПлатежа": "За Northwind", "ДатаПоступило": "02.12.2026"]], encoding: "utf-8", name: "one.txt")
        try gitdesk("ingest", "bank", statement)
        let before = try balances()["northwind"]!
        let item = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(try gitdesk("triage", "--json").out.utf8)) as? [[String: Any]])?.first?["id"] as? String)
        try gitdesk("triage", "assign", item, "northwind")
        XCTAssertEqual(try balances()["northwind"], before + 99_999)
        XCTAssertTrue(try read("ledger/northwind.md").contains("[п/п 13 от 2026-12-02, сч. 40702810900000000077]"))
        try gitdesk("ingest", "bank", statement)
        XCTAssertEqual(try balances()["northwind"], before + 99_999, "an assigned payment is not imported twice")
    }

    /// The debtors' list: balance, since when, last payment and open invoices; `--draft`
    /// writes a reminder per debtor that Python's email package reads, with the act and the
    /// invoice attached; `remind` names a debt older than the setting.
    func testDebtorsAndTheirReminders() throws {
        try makeDemoDesk()
        try gitdesk("charge", "vector", "200000", "Серверы", "--date", "2026-11-10")
        try gitdesk("invoice", "vector", "17500", "--date", "2026-11-11")
        let debts = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(try gitdesk("debts", "--as-of", "2026-12-03", "--json").out.utf8)) as? [[String: Any]])
        XCTAssertEqual(debts.map { $0["client"] as? String }, ["vector"])
        let vector = debts[0]
        XCTAssertEqual(vector["since"] as? String, "2026-11-10")
        XCTAssertEqual(vector["days"] as? Int, 23)
        XCTAssertEqual(minor(vector["balance"]), try balances()["vector"])
        XCTAssertEqual((vector["openInvoices"] as? [[String: Any]])?.compactMap { $0["number"] as? Int }, [2])
        let earlier = try JSONSerialization.jsonObject(with: Data(try gitdesk("debts", "--as-of", "2026-11-09", "--json").out.utf8)) as? [Any]
        XCTAssertEqual(earlier?.count, 0, "no debt before the charge")

        try gitdesk("debts", "--as-of", "2026-12-03", "--draft", "--out", root + "/mail")
        let parsed = try run("/usr/bin/python3", ["-c", """
            import email, sys
            from email.header import decode_header, make_header
            m = email.message_from_binary_file(open(sys.argv[1], 'rb'))
            print(str(make_header(decode_header(m['Subject']))))
            print(m['To'])
            print('|'.join(p.get_filename() or '' for p in m.walk() if p.get_filename()))
            print(m.get_payload()[0].get_payload(decode=True).decode('utf-8'))
            """, root + "/mail/vector.eml"], in: root)
        XCTAssertEqual(parsed.code, 0, parsed.err)
        let lines = parsed.out.components(separatedBy: "\n")
        XCTAssertTrue(lines[0].hasPrefix("Напоминание об оплате"), lines[0])
        XCTAssertTrue(lines[1].contains("@vector.example") || lines[1] == "None", lines[1])
        XCTAssertEqual(lines[2], "Акт-2026-2.pdf|Счёт на оплату-2026-2.pdf")
        XCTAssertTrue(parsed.out.contains("10.11.2026"), parsed.out)

        let remind = try run(Self.binary, ["remind", "--now", "2026-12-03T10:00"])
        XCTAssertTrue(remind.out.contains("vector") && remind.out.contains("gitdesk debts --draft"), remind.out)
    }

    /// A client's acts and invoices are on its own site only: another client's invoice
    /// (a canary in its purpose) appears in no other folder.
    func testDocumentsAreOnTheirClientsSiteOnly() throws {
        try makeDemoDesk()
        try gitdesk("invoice", "vector", "1234.56", "--for", "CANARY-VECTOR-INVOICE", "--date", "2026-12-01")
        try gitdesk("site", "--out", root + "/site")
        for folder in try FileManager.default.contentsOfDirectory(atPath: root + "/site") {
            let grep = try run("/bin/grep", ["-rl", "CANARY-VECTOR-INVOICE", root + "/site/" + folder], in: root)
            XCTAssertEqual(grep.code == 0, folder.hasPrefix("vector"), "\(folder): \(grep.out)")
        }
        let vector = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: root + "/site").first { $0.hasPrefix("vector") })
        let page = try String(contentsOfFile: root + "/site/\(vector)/documents/invoice-2026-0002.html", encoding: .utf8)
        XCTAssertTrue(page.contains("<svg") && page.contains("CANARY-VECTOR-INVOICE"), "the invoice page with its QR code")
    }
}
