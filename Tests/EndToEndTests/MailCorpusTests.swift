import Foundation
import XCTest

/// Mail as other people's software writes it, made by Python's `email` package in the test
/// and read back by Python as the reference: every subject, sender, date, body and
/// attachment that `ingest` stores must equal Python's reading. Then the cases that lost a client's words: the
/// quoted error in a first message, `Content-Type: text`, no blank line after the headers,
/// a header with one bad byte, and batches with one bad message in them.
final class MailCorpusTests: DeskTestCase {
    private func intakeDesk() throws {
        try gitdesk("init", desk, in: root)
        try gitdesk("client", "add", "romashka", "--name", "Ромашка", "--prefix", "ROM", "--email", "@romashka.example")
        try gitdesk("staff", "add", "alice", "--name", "Alice", "--email", "alice@example.com")
    }

    /// Runs a Python script with `email` at hand; what it prints.
    @discardableResult
    private func python(_ script: String) throws -> String {
        try write("corpus.py", script, in: root)
        let result = try run("/usr/bin/python3", [root + "/corpus.py"], in: root)
        XCTAssertEqual(result.code, 0, result.err)
        return result.out
    }

    /// The ticket a message became: its title and its text (after the front matter).
    private func ticket(titled prefix: String, exactly: Bool = false) throws -> (id: String, title: String, text: String)? {
        let tickets = desk + "/tickets/ROM"
        for id in try FileManager.default.contentsOfDirectory(atPath: tickets) {
            let file = try read("tickets/ROM/\(id)/ticket.md")
            guard let line = file.split(separator: "\n").first(where: { $0.hasPrefix("title: ") }) else { continue }
            var title = String(line.dropFirst(7))
            if title.hasPrefix("\"") {
                title = (try JSONSerialization.jsonObject(with: Data(title.utf8), options: .fragmentsAllowed) as? String) ?? title
            }
            guard exactly ? title == prefix : title.hasPrefix(prefix) else { continue }
            let parts = file.components(separatedBy: "\n---\n")
            return (id, title, parts.dropFirst().joined(separator: "\n---\n").trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return nil
    }

    func testSubjectsAndBodiesAsPythonReadsThem() throws {
        try intakeDesk()
        let cases = try python(#"""
            import email, email.policy, email.message, json, os
            subjects = [
                "Не работает обмен с 1С: цены на сайте вчерашние, заказы не выгружаются с утра понедельника",
                "MySurvey.com: You have a survey waiting! 91123105",
                "How are you? Как ты поживаешь",
                "Сверка взаиморасчётов за ноябрь — акт и счёт-фактура не сходятся на 1 234,56 ₽, посмотрите",
                "Ёлки-палки: «кавычки», тире — и эмодзи 🎄 в теме",
            ]
            os.makedirs("mail/new", exist_ok=True)
            out = []
            for n, subject in enumerate(subjects):
                for policy, charset in [(email.policy.SMTP, "utf-8"), (email.policy.compat32, "koi8-r")]:
                    m = email.message.EmailMessage(policy=policy) if policy is email.policy.SMTP else email.message.Message()
                    m["From"] = "Иван Петров <ivan%d@romashka.example>" % n if policy is email.policy.SMTP else "ivan%d@romashka.example" % n
                    m["Message-ID"] = "<case%d-%s@romashka.example>" % (n, charset)
                    m["Date"] = "Tue, 01 Dec 2026 10:%02d:00 +0300" % n
                    if policy is email.policy.SMTP:
                        m["Subject"] = subject
                        m.set_content("Текст письма %d.\nВторая строка." % n)
                        if n == 0:
                            m.add_attachment(b"%PDF-1.4 invoice 119", maintype="application", subtype="pdf", filename="Счёт 119.pdf")
                    else:
                        try: subject.encode("koi8-r")
                        except UnicodeEncodeError: continue
                        from email.header import Header
                        m["Subject"] = Header(subject + " (koi8-r)", "koi8-r")
                        m.set_payload("Текст письма %d.\nВторая строка." % n, "koi8-r")
                    raw = m.as_bytes()
                    open("mail/new/%d-%s.eml" % (n, charset), "wb").write(raw)
                    parsed = email.message_from_bytes(raw, policy=email.policy.default)
                    sender = parsed["from"].addresses[0]
                    attachments = [len(part.get_content()) for part in parsed.iter_attachments()]
                    out.append({"subject": str(parsed["subject"]), "body": parsed.get_body(("plain",)).get_content().replace("\r\n", "\n").strip(),
                                "author": sender.display_name or sender.addr_spec, "at": parsed["date"].datetime.isoformat(),
                                "attachments": ",".join(str(size) for size in attachments)})
            print(json.dumps(out, ensure_ascii=False))
            """#)
        try gitdesk("ingest", "email", root + "/mail")
        let expected = try JSONSerialization.jsonObject(with: Data(cases.utf8)) as! [[String: String]]
        XCTAssertGreaterThanOrEqual(expected.count, 8)
        for reading in expected {
            let subject = reading["subject"]!.replacingOccurrences(of: "\t", with: " ")
            let found = try ticket(titled: subject, exactly: true)
            XCTAssertEqual(found?.title, subject, "the subject as Python reads it")
            XCTAssertEqual(found?.text, reading["body"], subject)
            guard let id = found?.id else { continue }
            // The sender, the date and the attachments of the message file.
            let messages = try FileManager.default.contentsOfDirectory(atPath: desk + "/\(folder(id))/messages")
            let message = try read("\(folder(id))/messages/\(messages[0])")
            let author = message.split(separator: "\n").first { $0.hasPrefix("author: ") }.map { String($0.dropFirst(8)) }
            XCTAssertEqual(author.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }, reading["author"], subject)
            XCTAssertTrue(message.contains("at: \(reading["at"]!)\n"), "\(subject): \(message)")
            let files = (try? FileManager.default.contentsOfDirectory(atPath: desk + "/\(folder(id))/files")) ?? []
            let sizes = try files.filter { !$0.hasSuffix(".eml") }.map { try FileManager.default.attributesOfItem(atPath: desk + "/\(folder(id))/files/" + $0)[.size] as! Int }
            XCTAssertEqual(sizes.map(String.init).joined(separator: ","), reading["attachments"], subject)
        }
    }

    func testTheFirstMessageIsKeptWholeAndOddMailIsRead() throws {
        try intakeDesk()
        let mail = root + "/odd"
        try FileManager.default.createDirectory(atPath: mail, withIntermediateDirectories: true)
        let error = """
            Добрый день! При проведении реализации 1С пишет:
            > Ошибка при вызове метода контекста (Записать)
            > Объект: Документ.РеализацияТоваровУслуг
            Телефон: +7 900 000-00-00
            --\u{20}
            Иван
            """
        try write("a.eml", "From: buh@romashka.example\nSubject: Ошибка 1С\nMessage-ID: <a@r>\nContent-Type: text/plain; charset=utf-8\n\n\(error)\n", in: mail)
        try write("b.eml", "From: buh@romashka.example\nSubject: Text only\nMessage-ID: <b@r>\nContent-Type: text\n\nBody of a bare text type\n", in: mail)
        try write("c.eml", "From: buh@romashka.example\nSubject: No blank\nMessage-ID: <c@r>\nThe only body line\n", in: mail)
        try write("d.eml", String(repeating: " ", count: 255) + "\nFrom: buh@romashka.example\nSubject: Spaces first\nMessage-ID: <d@r>\n\nBody four\n", in: mail)
        // One bad byte in an unlabelled UTF-8 header, and a Latin-1 one.
        var bad = Array("From: buh@romashka.example\nSubject: Юникод запрещен\nMessage-ID: <e@r>\n\nE\n".utf8)
        bad[bad.firstIndex(of: 0xD0)! + 3] = 0xFF
        try Data(bad).write(to: URL(fileURLWithPath: mail + "/e.eml"))
        let latin = Data("From: buh@romashka.example\nSubject: Formação\nMessage-ID: <f@r>\n\nF\n".data(using: .isoLatin1)!)
        try latin.write(to: URL(fileURLWithPath: mail + "/f.eml"))
        // Text parts that are themselves MIME, and a part with two Content-Type headers.
        try write("g.eml", "From: buh@romashka.example\nSubject: Nested raw\nMessage-ID: <g@r>\nMIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=\"AA\"\n\n--AA\nContent-Type: text/plain; charset=utf-8\n\n--BB\nContent-Type: text/plain\n\ninner\n--BB--\n--AA\nContent-Type: text/html; charset=utf-8\n\n<html><body><p>html part</p></body></html>\n--AA--\n", in: mail)
        try write("h.eml", "From: buh@romashka.example\nSubject: Raw only\nMessage-ID: <h@r>\n\n--CC\nContent-Type: text/plain\nContent-Transfer-Encoding: 8bit\n\nthe words\n--CC--\n", in: mail)
        try write("i.eml", "From: buh@romashka.example\nSubject: Two types\nMessage-ID: <i@r>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"XX\"\n\n--XX\nContent-Type: text/plain; charset=utf-8\nContent-Type: text/html; charset=utf-8\n\nПростой текст части\n--XX--\n", in: mail)
        try write("l.eml", "From: buh@romashka.example\nSubject: Dashes\nMessage-ID: <l@r>\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n------\nThe r=\nouting table\n-- \nIvan\n", in: mail)
        try write("k.eml", "From: buh@romashka.example\nSubject: Empty header\nMessage-ID: <k@r>\nX-Note:\nOnly text after an empty header\n", in: mail)
        // A quoted-printable subject glued to the Content-Type header (no line break between).
        try write("j.eml", "From: buh@romashka.example\nMessage-ID: <j@r>\nMIME-Version: 1.0\nSubject: =?UTF-8?Q?=D0=A1=D0=BA=D0=BB=D0=B5=D0=B5=D0=BD=D0=BE?=Content-Type: multipart/alternative; boundary=\"GG\"\n\n--GG\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: quoted-printable\n\n=D0=A2=D0=B5=D0=BA=D1=81=D1=82\n--GG\nContent-Type: text/html; charset=UTF-8\n\n<p>html</p>\n--GG--\n", in: mail)
        try gitdesk("ingest", "email", mail)
        // The intake fixtures of the unit tests too: no raw MIME or HTML source in any body.
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("GitdeskIntakeTests/Fixtures").path
        _ = try run(Self.binary, ["ingest", "email", fixtures])
        for folder in ["tickets", "triage"] {
            for path in (try? FileManager.default.subpathsOfDirectory(atPath: desk + "/" + folder)) ?? [] where path.hasSuffix(".md") {
                let text = try read(folder + "/" + path).components(separatedBy: "\n---\n").dropFirst().joined()
                XCTAssertFalse(text.contains("Content-Type:") || text.lowercased().contains("<html"), "\(folder)/\(path): \(text)")
            }
        }
        XCTAssertEqual(try ticket(titled: "Nested raw")?.text, "html part")
        XCTAssertEqual(try ticket(titled: "Raw only")?.text, "the words")
        XCTAssertEqual(try ticket(titled: "Two types")?.text, "Простой текст части")
        XCTAssertEqual(try ticket(titled: "Склеено")?.text, "Текст")
        XCTAssertEqual(try ticket(titled: "Empty header")?.text, "Only text after an empty header")
        XCTAssertEqual(try ticket(titled: "Dashes")?.text, "------\nThe routing table\n-- \nIvan", "a soft line break joins, dashes are text")

        XCTAssertEqual(try ticket(titled: "Ошибка 1С")?.text, error, "a new ticket keeps the quoted error and the signature")
        XCTAssertEqual(try ticket(titled: "Text only")?.text, "Body of a bare text type")
        XCTAssertEqual(try ticket(titled: "No blank")?.text, "The only body line")
        XCTAssertEqual(try ticket(titled: "Spaces first")?.text, "Body four")
        let damaged = try ticket(titled: "Ю\u{FFFD}")
        XCTAssertTrue(damaged?.title.hasSuffix("икод запрещен") == true, "one bad byte costs its letter, not the header: \(String(describing: damaged))")
        XCTAssertNotNil(try ticket(titled: "Formação"))

        // A reply still drops what it quotes.
        let id = try XCTUnwrap(try ticket(titled: "Ошибка 1С")).id
        try write("reply.eml", "From: buh@romashka.example\nSubject: Re: [\(id)]\nMessage-ID: <r@r>\nIn-Reply-To: <a@r>\n\nСпасибо!\n\n> старый текст\n", in: root)
        try gitdesk("ingest", "email", root + "/reply.eml")
        let messages = try FileManager.default.contentsOfDirectory(atPath: desk + "/\(folder(id))/messages")
        let texts = try messages.map { try read("\(folder(id))/messages/\($0)") }
        XCTAssertTrue(texts.contains { $0.contains("Спасибо!") && !$0.contains("старый текст") }, "\(texts)")
    }

    /// A message with a NUL byte, one with a subject far past the front-matter line limit
    /// and one larger than the desk takes: the good ones land, the large one is rejected
    /// (named, exit 1), one past what intake reads is not read at all, the others are taken
    /// as far as they can be.
    func testOneBadMessageNeverBlocksItsBatch() throws {
        try intakeDesk()
        try python(#"""
            import email.message, email.policy, os
            os.makedirs("batch/new", exist_ok=True)
            def mk(name, subject, body):
                m = email.message.EmailMessage(policy=email.policy.SMTP)
                m["From"] = "Бухгалтер <buh@romashka.example>"; m["Subject"] = subject
                m["Message-ID"] = "<%s@romashka.example>" % name; m["Date"] = "Tue, 01 Dec 2026 10:00:00 +0300"
                m.set_content(body)
                open("batch/new/" + name, "wb").write(m.as_bytes())
            mk("a-good", "Хороший", "Текст")
            mk("b-nul", "С нулём", "До\x00после")
            mk("c-long", "Очень длинная тема " + "слово " * 4000, "Текст")
            mk("d-huge", "Огромное", "x " * (1 << 20))
            open("batch/new/f-giant", "wb").write(b"From: buh@romashka.example\nSubject: Giant\n\n" + b"y" * (22 << 20))
            mk("e-good", "Тоже хороший", "Текст два")
            """#)
        let result = try gitdesk("ingest", "email", root + "/batch", code: 1)
        XCTAssertTrue(result.err.contains("d-huge") && result.err.contains("limits.max-file-size"), result.err)
        XCTAssertTrue(result.err.contains("f-giant") && result.err.contains("limits.max-attachment-size"), result.err)
        XCTAssertNotNil(try ticket(titled: "Хороший"))
        XCTAssertNotNil(try ticket(titled: "Тоже хороший"))
        XCTAssertEqual(try ticket(titled: "С нулём")?.text, "До\u{FFFD}после")
        let long = try ticket(titled: "Очень длинная тема")
        XCTAssertNotNil(long)
        XCTAssertLessThanOrEqual(long?.title.count ?? .max, 200)
        XCTAssertNil(try ticket(titled: "Огромное"))
        // The rejected message waits in triage with its reason and its original.
        let triage = try gitdesk("triage", "list").out
        XCTAssertTrue(triage.contains("Огромное") && triage.contains("отклонено при приёме"), triage)
        try gitdesk("check")

        // A reply to a ticket whose folder has a problem is refused by the writers' rule: it
        // goes to triage with the finding, and the good mail beside it lands.
        let broken = try XCTUnwrap(try ticket(titled: "Хороший")).id
        let card = "\(folder(broken))/ticket.md"
        try write(card, try read(card).replacingOccurrences(of: "status: new", with: "status: nonsense"))
        try git("commit", "-qam", "a bad status, past the hook", "--no-verify")
        try write("reply/new/1", "From: buh@romashka.example\nSubject: Re: [\(broken)] Хороший\nMessage-ID: <reply1@r>\n\nОтвет\n", in: root)
        try write("reply/new/2", "From: buh@romashka.example\nSubject: Третий\nMessage-ID: <third@r>\n\nНовое\n", in: root)
        let second = try gitdesk("ingest", "email", root + "/reply", code: 1)
        XCTAssertTrue(second.err.contains("reply/new/1") && second.err.contains(card), second.err)
        XCTAssertNotNil(try ticket(titled: "Третий"))
        XCTAssertTrue(try gitdesk("triage", "list").out.contains("Re: [\(broken)]"))
    }
    /// A Telegram-shaped export with every kind of message: each lands as Telegram shows it,
    /// or is named in the report with why; none is dropped in silence.
    func testAChatExportAsTelegramWritesIt() throws {
        try intakeDesk()
        try write("clients/romashka.md", try read("clients/romashka.md").replacingOccurrences(of: "emails:", with: "chats: [user777, user42]\nemails:"))
        try git("commit", "-qam", "chats")
        let export: [String: Any] = ["name": "Ромашка", "type": "personal_chat", "id": 4242, "messages": [
            ["id": 1, "type": "message", "date": "2026-11-30T10:00:09.248Z", "from": "Иван", "from_id": "user777", "text": "Дробные секунды"],
            ["id": 2, "type": "message", "date": "2026-11-30T10:01:00", "date_unixtime": "1796032860", "from": "Иван", "from_id": "user777", "text": "Время в секундах"],
            ["id": 3, "type": "message", "date": "2026-11-30T10:02:00", "from": "Иван", "from_id": "user777", "photo": "photos/photo_12@30-11-2026.jpg", "text": ""],
            ["id": 4, "type": "message", "date": "2026-11-30T10:03:00", "from": "Иван", "from_id": "user777", "media_type": "sticker",
             "file": "stickers/sticker.webp", "sticker_emoji": "👍", "text": ""],
            ["id": 5, "type": "message", "date": "2026-11-30T10:04:00", "from": "Иван", "from_id": "user777",
             "text": ["Инструкция ", ["type": "text_link", "text": "здесь", "href": "https://romashka.example/howto"]]],
            ["id": 6, "type": "message", "date": "2026-11-30T10:05:00", "from": "Иван", "from_id": "user777", "forwarded_from": "Бухгалтерия",
             "text": "Счёт не печатается"],
            ["id": 7, "type": "message", "from": "Иван", "from_id": "user777", "text": "Без даты"],
            ["id": 8, "type": "message", "date": "2026-11-30T10:06:00", "from": "Пётр", "from_id": 42, "text": "Старый from_id"],
            ["id": "../../escape", "type": "message", "date": "2026-11-30T10:07:00", "from": "Иван", "from_id": "user777", "text": "Путь"],
            ["id": "9\u{1B}[31m", "type": "message", "date": "2026-11-30T10:08:00", "from": "Иван", "from_id": "user777", "text": "Escape"],
            ["id": 10, "type": "message", "date": "2026-11-30T10:09:00", "from": "Иван", "from_id": "user777", "text": ""],
            ["id": 11, "type": "service", "date": "2026-11-30T10:10:00", "action": "pin_message"],
        ]]
        try JSONSerialization.data(withJSONObject: export).write(to: URL(fileURLWithPath: root + "/result.json"))
        let result = try gitdesk("ingest", "chat", root + "/result.json", "--json", code: 1)
        let report = try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as! [String: Any]
        let skipped = (report["skipped"] as? [Any]) ?? []
        XCTAssertEqual(skipped.count, 3, "the path, the escape and the empty message: \(skipped)")
        XCTAssertTrue(result.err.contains("escape") && result.err.contains("#10"), result.err)
        XCTAssertFalse(result.err.contains("\u{1B}"), "no escape reaches the terminal")
        XCTAssertTrue(((report["notes"] as? [Any]) ?? []).contains { "\($0)".contains("#7") }, "the message without a date is named")

        let files = try FileManager.default.subpathsOfDirectory(atPath: desk + "/tickets")
        XCTAssertFalse(files.contains { $0.contains("escape") || $0.contains("\u{1B}") || $0.contains("[") }, "\(files)")
        let texts = try files.filter { $0.hasSuffix(".md") }.map { try read("tickets/" + $0) }.joined(separator: "\n")
        for expected in ["Дробные секунды", "Время в секундах", "[фото: photo_12@30-11-2026.jpg]", "[стикер: sticker.webp]",
                         "Инструкция здесь (https://romashka.example/howto)", "[переслано от Бухгалтерия]\nСчёт не печатается",
                         "Без даты", "Старый from_id"] {
            XCTAssertTrue(texts.contains(expected), "\(expected) missing from the tickets")
        }
        XCTAssertEqual((try? FileManager.default.contentsOfDirectory(atPath: desk + "/triage")) ?? [], [], "a numeric from_id routes by the card's userN")
        try gitdesk("check")
    }
}
