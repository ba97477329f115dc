import Foundation
import XCTest
import GitdeskCore
import GitdeskMail
@testable import GitdeskIntake

final class MIMETests: XCTestCase {
    func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/" + name))
    }

    func read(_ text: String) throws -> MailMessage { try MailReader.read(Data(text.utf8)) }

    func testMultipartAlternativeWithCP1251SubjectAndQuotedPrintable() throws {
        let mail = try MailReader.read(try fixture("alternative-cp1251.eml"))
        XCTAssertEqual(mail.subject, "Не работает обмен цен")
        XCTAssertEqual(mail.from?.address, "ivan@romashka.example")
        XCTAssertEqual(mail.from?.name, "Иван Петров")
        XCTAssertEqual(mail.messageID, "<m1@romashka.example>")
        XCTAssertTrue(MailText.body(mail).hasPrefix("Добрый день! Цены на сайте вчерашние."), MailText.body(mail))
        XCTAssertEqual(MailText.trimReply(MailText.body(mail)), "Добрый день! Цены на сайте вчерашние.")
        XCTAssertEqual(mail.date, ISO8601DateFormatter().date(from: "2026-11-23T07:15:00Z"))
    }

    func testKOI8RBodyQuotesTrimmedAndAttachmentNamed() throws {
        let mail = try MailReader.read(try fixture("koi8r-reply-attachment.eml"))
        XCTAssertEqual(MailText.trimReply(MailText.body(mail)), "Обмен снова сломался, см. вложение.")
        XCTAssertEqual(mail.inReplyTo, ["<m1@romashka.example>"])
        XCTAssertEqual(mail.attachments.map(\.filename), ["../../скриншот экрана.png"])
        XCTAssertEqual(Intake.safeName(mail.attachments[0].filename), "скриншот_экрана.png")
        XCTAssertEqual(mail.attachments[0].data, Data("PNG fake image bytes".utf8))
    }

    func testHTMLOnlyNestedForwardAndBrokenStructureRecovered() throws {
        let html = try MailReader.read(try fixture("html-only-no-id.eml"))
        XCTAssertEqual(MailText.body(html), "Нужен отчёт по продажам.\nСпасибо!")
        XCTAssertNil(html.messageID)
        let forward = MailText.body(try MailReader.read(try fixture("nested-forward.eml")))
        XCTAssertTrue(forward.contains("See below."), forward)
        XCTAssertTrue(forward.contains("The partner asks about the price list."), forward)
        // A closing boundary that never comes: recovered as mail clients do, the text kept.
        XCTAssertFalse(MailText.body(try MailReader.read(try fixture("broken-boundary.eml"))).isEmpty)
        XCTAssertThrowsError(try MailReader.read(Data("just text, no headers".utf8)))
        XCTAssertThrowsError(try MailReader.read(Data()))
    }

    // MARK: One fixture per defect of issue #17, each the smallest message that shows it.

    func testAbsurdOrAncientDatesFallBackToTheTimeReceived() throws {
        let now = ISO8601DateFormatter().date(from: "2026-11-30T12:00:00Z")!
        for header in ["1 Nov 9999999999999 10:00 +0300", "Sat, 01 Jan 100 10:00:00 +0300", "yesterday", "31 Feb 2026 10:00 +0300"] {
            let mail = try read("From: acme@example.org\nSubject: x\nDate: \(header)\n\nb\n")
            let (date, note) = MailText.date(mail, now: now)
            XCTAssertEqual(date, now, header)
            XCTAssertNotNil(note, header)
        }
        let relayed = try read("Received: from a by b; Sat, 28 Nov 2026 10:15:00 +0300\nFrom: acme@example.org\nDate: 1 Nov 9999999999999 10:00 +0300\n\nb\n")
        XCTAssertEqual(MailText.date(relayed, now: now).date, ISO8601DateFormatter().date(from: "2026-11-28T07:15:00Z"))
        let good = try read("From: a@b.c\nDate: Sat, 28 Nov 2026 10:15:00 +0300\n\nb\n")
        XCTAssertNil(MailText.date(good, now: now).note)
    }

    func testCRLFBase64AndCommentedFromAndHeaderlessParts() throws {
        let crlf = try read("From: acme@example.org\r\nSubject: c\r\nContent-Transfer-Encoding: base64\r\n\r\n0J/RgNC40LLQtdGC\r\n")
        XCTAssertEqual(MailText.body(crlf).trimmingCharacters(in: .whitespacesAndNewlines), "Привет")
        let qp = try read("From: a@b.c\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n=D0=9F=D1=80=D0=B8=D0=B2=D0=B5=D1=82\r\n")
        XCTAssertEqual(MailText.body(qp).trimmingCharacters(in: .whitespacesAndNewlines), "Привет")
        XCTAssertEqual(try read("From: acme@example.org (acme accounts)\nSubject: x\n\nb\n").from?.address, "acme@example.org")
        let bare = try read("From: a@b.c\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=XX\n\n--XX\n\nHello\n--XX--\n")
        XCTAssertEqual(MailText.body(bare).trimmingCharacters(in: .whitespacesAndNewlines), "Hello")
        let noBlank = try read("From: a@b.c\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=XX\n\n--XX\nContent-Type: text/plain\nHello there\n--XX--\n")
        XCTAssertTrue(MailText.body(noBlank).contains("Hello there"), MailText.body(noBlank))
    }

    func testBoundariesAndRFC2231Parameters() throws {
        let reused = try read("""
            From: a@b.c
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary=XX

            --XX
            Content-Type: multipart/alternative; boundary=XX

            --XX
            Content-Type: text/plain

            Inner text
            --XX--
            """)
        XCTAssertTrue(MailText.body(reused).contains("Inner text"), MailText.body(reused))
        let prefixed = try read("From: a@b.c\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary*=ansi-x3.4-1968''XY\n\n--XY\nContent-Type: text/plain\n\nPrefixed\n--XY--\n")
        XCTAssertTrue(MailText.body(prefixed).contains("Prefixed"), MailText.body(prefixed))
        let continued = try read("""
            From: a@b.c
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary=B

            --B
            Content-Type: text/plain

            See the file.
            --B
            Content-Type: application/octet-stream
            Content-Disposition: attachment; filename*0*=utf-8''%D0%BE%D1%82%D1%87%D1%91%D1%82; filename*1=".txt"
            Content-Transfer-Encoding: 7bit

            raw
            --B--
            """)
        XCTAssertEqual(continued.attachments.map(\.filename), ["отчёт.txt"])
        XCTAssertEqual(continued.attachments.first?.data, Data("raw".utf8), "no newline added to an attachment that is not base64")
    }

    func testHTMLEntitiesBouncesAndIdentityWithoutMessageID() throws {
        let html = try read("From: a@b.c\nContent-Type: text/html; charset=utf-8\n\n<p>Счёт &#8470; 5 &mdash; оплачен &laquo;вчера&raquo; &#x2116;&amp;</p>\n")
        XCTAssertEqual(MailText.body(html), "Счёт № 5 — оплачен «вчера» №&")
        let bounce = try read("From: MAILER DAEMON <>\nSubject: failure\n\nundeliverable\n")
        XCTAssertEqual(bounce.from?.address, "")
        XCTAssertEqual(bounce.from?.name, "MAILER DAEMON")
        // The same mail from an .eml (CRLF) and from an mbox (LF, >From quoted): one identity.
        let eml = try read("From: a@b.c\r\nSubject: s\r\nDate: Sat, 28 Nov 2026 10:15:00 +0300\r\n\r\nFrom the start\r\nline \r\n")
        let boxed = MailSources.mbox(Data("From a@b.c Sat Nov 28 10:15:00 2026\nFrom: a@b.c\nSubject: s\nDate: Sat, 28 Nov 2026 10:15:00 +0300\n\n>From the start\nline\n".utf8), path: "box")
        XCTAssertEqual(boxed.count, 1)
        XCTAssertEqual(MailText.identity(eml), MailText.identity(try MailReader.read(boxed[0].data)))
        XCTAssertNotEqual(MailText.identity(eml), MailText.identity(try read("From: a@b.c\nSubject: other\n\nFrom the start\n")))
    }

    /// Every charset of the issue, in the body under each transfer encoding and in the subject
    /// as an encoded word, decodes to its text; windows-1252 is not read as latin-1.
    static let charsets: [(name: String, text: String, hex: String)] = [
        ("koi8-r", "Привет, мир", "f0d2c9d7c5d42c20cdc9d2"),
        ("windows-1251", "Привет, мир", "cff0e8e2e5f22c20ece8f0"),
        ("iso-8859-5", "Привет, мир", "bfe0d8d2d5e22c20dcd8e0"),
        ("cp866", "Привет, мир", "8fe0a8a2a5e22c20aca8e0"),
        ("x-mac-cyrillic", "Привет, мир", "8ff0e8e2e5f22c20ece8f0"),
        ("iso-8859-1", "Grüße, café", "4772fcdf652c20636166e9"),
        ("windows-1252", "“Quotes” cost 5 €", "9351756f7465739420636f737420352080"),
        ("iso-8859-2", "Zażółć gęślą", "5a61bff3b3e62067eab66cb1"),
        ("iso-8859-15", "Œuvre, 5 €", "bc757672652c203520a4"),
        ("big5", "你好世界", "a741a66ea540acc9"),
        ("gb2312", "你好世界", "c4e3bac3cac0bde7"),
        ("euc-kr", "안녕하세요", "bec8b3e7c7cfbcbcbfe4"),
        ("shift_jis", "こんにちは", "82b182f182c982bf82cd"),
        ("iso-2022-jp", "こんにちは", "1b244224332473244b2441244f1b2842"),
        ("utf-8", "Привет 你好 €", "d09fd180d0b8d0b2d0b5d18220e4bda0e5a5bd20e282ac"),
        ("utf-16", "Привет", "fffe1f0440043804320435044204"),
    ]

    /// HTML tables and lists as a reader sees them: cells apart on their row, each item on
    /// its own line, no word glued to the next.
    func testHTMLTablesAndListsKeepWordsApart() {
        let html = "<table><tr><td>Счёт</td><td>119</td></tr><tr><th>Сумма</th><td>1 500</td></tr></table><ul><li>один</li><li>два</li></ul><p>конец</p>"
        XCTAssertEqual(MailText.htmlToText(html), "Счёт  119\nСумма  1 500\n\n• один\n• два\nконец")
    }

    func testCharsetAndTransferEncodingGrid() throws {
        for (charset, text, hex) in Self.charsets {
            let bytes = stride(from: 0, to: hex.count, by: 2).map { UInt8(hex.dropFirst($0).prefix(2), radix: 16)! }
            let base64 = Data(bytes).base64EncodedString()
            let qp = bytes.map { $0 >= 33 && $0 <= 126 && $0 != 61 ? String(UnicodeScalar($0)) : String(format: "=%02X", $0) }.joined()
            let subjects = ["=?\(charset)?B?\(base64)?=", "=?\(charset)?Q?\(qp.replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "?", with: "=3F"))?="]
            var bodies: [(String, [UInt8])] = [("base64", Array(base64.utf8)), ("quoted-printable", Array(qp.utf8))]
            if charset != "utf-16" { bodies += [("8bit", bytes), ("7bit", bytes)] }
            for (encoding, body) in bodies {
                for subject in subjects {
                    let head = "From: a@b.c\r\nSubject: \(subject)\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=\(charset)\r\nContent-Transfer-Encoding: \(encoding)\r\n\r\n"
                    // A line break after UTF-16 text would be two bytes of it.
                    let mail = try MailReader.read(Data(Array(head.utf8) + body + (charset == "utf-16" ? [] : Array("\r\n".utf8))))
                    XCTAssertEqual(mail.subject, text, "\(charset) subject \(subject)")
                    XCTAssertEqual(MailText.body(mail).trimmingCharacters(in: .whitespacesAndNewlines), text, "\(charset) \(encoding)")
                    XCTAssertEqual(mail.undecodable, [], "\(charset) \(encoding)")
                }
            }
        }
    }

    /// Text in a charset nothing knows is kept, as an attachment, and named; never stored
    /// as invalid text.
    func testUndecodableTextIsKeptAndNamed() throws {
        let mail = try MailReader.read(Data(Array("From: a@b.c\nContent-Type: text/plain; charset=x-unheard-of\nContent-Transfer-Encoding: 8bit\n\n".utf8) + [0xC0, 0xFF, 0x0A]))
        XCTAssertEqual(mail.texts, [])
        XCTAssertEqual(mail.undecodable.count, 1)
        XCTAssertEqual(mail.attachments.first?.data, Data([0xC0, 0xFF, 0x0A]))
        let undeclared = try MailReader.read(Data(Array("From: a@b.c\nContent-Type: text/plain\n\n".utf8) + [0xC0, 0xFF, 0x0A]))
        XCTAssertEqual(undeclared.undecodable.count, 1)
    }

    func testMboxIsSplitByteForByteInAnyCharset() throws {
        var mbox: [UInt8] = []
        for (index, (charset, text, hex)) in Self.charsets.prefix(6).enumerated() where charset != "x-mac-cyrillic" {
            let bytes = stride(from: 0, to: hex.count, by: 2).map { UInt8(hex.dropFirst($0).prefix(2), radix: 16)! }
            mbox += Array("From a@b.c Sat Nov 28 10:15:00 2026\nFrom: a@b.c\nSubject: \(index)\nContent-Type: text/plain; charset=\(charset)\nContent-Transfer-Encoding: 8bit\n\n".utf8)
            mbox += bytes + Array("\n>From the quoted line\n\n".utf8)
            _ = text
        }
        let messages = MailSources.mbox(Data(mbox), path: "box")
        XCTAssertEqual(messages.map(\.source), ["box#1", "box#2", "box#3", "box#4", "box#5"])
        for (message, sample) in zip(messages, Self.charsets.prefix(6).filter { $0.name != "x-mac-cyrillic" }) {
            let body = MailText.body(try MailReader.read(message.data))
            XCTAssertTrue(body.hasPrefix(sample.text), "\(sample.name): \(body)")
            XCTAssertTrue(body.contains("\nFrom the quoted line"), body)
        }
    }
}

/// Seeded fuzzing of mail and chat exports: mutated messages parse or are refused, never trap.
final class IntakeFuzzTests: XCTestCase {
    func testMutatedMailAndChatNeverTrap() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        let samples = try FileManager.default.contentsOfDirectory(atPath: fixtures.path).sorted().map {
            [UInt8](try Data(contentsOf: fixtures.appendingPathComponent($0)))
        } + [Array("From: a@b.c\r\nSubject: =?utf-8?b?0J/RgNC40LLQtdGC?=\r\nDate: Sat, 28 Nov 2026 10:15:00 +0300\r\nContent-Transfer-Encoding: base64\r\n\r\n0J/RgNC40LLQtdGC\r\n".utf8)]
        let chat = Array(#"{"name": "c", "type": "personal_chat", "id": 1, "messages": [{"id": 1, "type": "message", "date": "2026-11-28T10:00:00", "date_unixtime": "1795849200", "from": "Ivan", "from_id": "user1", "text": ["hi ", {"type": "bold", "text": "there"}]}]}"#.utf8)
        let tokens: [[UInt8]] = ["--", "\r\n", "\n\n", "=?", "?=", "boundary=", "charset=", "base64", "quoted-printable", "=\n", "=ZZ",
                                 "Date: 1 Nov 9999999999999 99:99 +9999\n", "filename*0*=", "charset=utf-16", "1e300", "\0", "\u{1b}", "{", "[", "\"", "nan"].map { Array($0.utf8) }
        var random = SeededGenerator(seed: 17)
        let now = Date()
        // Every mutated message also goes through intake, for a client that owns its sender:
        // whatever it writes stays inside the desk's own folders.
        let cards: [String: String] = ["gitdesk.yml": "currency: RUB\n", "clients/acme.md": "---\nname: A\nprefix: AC\nemails: [\"@b.c\", \"@romashka.example\"]\n---\n"]
        let desk = try DeskLoader(files: cards.keys.sorted().map { DeskFile(path: $0, key: $0) }) { Data(cards[$0.path]!.utf8) }.load()
        var intake = Intake(desk: desk, triageIDs: []) { _ in nil }
        for _ in 0..<2000 {
            var bytes = Int.random(in: 0..<4, using: &random) == 0 ? chat : samples.randomElement(using: &random)!
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0 where !bytes.isEmpty: bytes[position] ^= UInt8(1 << Int.random(in: 0..<8, using: &random))
                case 1: bytes.insert(contentsOf: tokens.randomElement(using: &random)!, at: position)
                case 2 where !bytes.isEmpty: bytes.removeSubrange(position..<min(bytes.count, position + Int.random(in: 1...30, using: &random)))
                default: bytes = Array(bytes.prefix(position))
                }
            }
            if let message = try? MailReader.read(Data(bytes)) {
                _ = MailText.date(message, now: now)
                _ = MailText.identity(message)
                XCTAssertNotNil(String(data: Data(MailText.body(message).utf8), encoding: .utf8))
            }
            intake.ingest(mail: Data(bytes), source: "fuzz", now: now)
            _ = MailSources.mbox(Data(bytes), path: "fuzz")
            _ = try? ChatExport.read(Data(bytes), zone: TimeZone(identifier: "Europe/Moscow")!)
        }
        let written = Array(intake.updates.keys) + Array(intake.binary.keys)
        XCTAssertGreaterThan(written.count, 100)
        for path in written {
            XCTAssertTrue(path.hasPrefix("tickets/AC/AC-") || path.hasPrefix("triage/") || path.hasPrefix("disputes/"), path)
            XCTAssertFalse(path.split(separator: "/").contains { $0 == ".." || $0 == "." || $0.isEmpty } || path.hasPrefix("/"), path)
        }
        for (path, text) in intake.updates {
            // Front-matter never holds a raw control character (an ESC or CR from a header).
            let frontMatter = (text ?? "").components(separatedBy: "\n---\n").first ?? ""
            XCTAssertFalse(frontMatter.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" }, "a control character in \(path)")
        }
    }
}
