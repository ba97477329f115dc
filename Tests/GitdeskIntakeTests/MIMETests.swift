import Foundation
import XCTest
import GitdeskCore
@testable import GitdeskIntake

final class MIMETests: XCTestCase {
    func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/" + name))
    }

    func testMultipartAlternativeWithCP1251SubjectAndQuotedPrintable() throws {
        let mail = try MIME.parse(try fixture("alternative-cp1251.eml"))
        XCTAssertEqual(mail.subject, "Не работает обмен цен")
        XCTAssertEqual(mail.from?.address, "ivan@romashka.example")
        XCTAssertEqual(mail.from?.name, "Иван Петров")
        XCTAssertEqual(mail.messageID, "<m1@romashka.example>")
        XCTAssertTrue(mail.text.hasPrefix("Добрый день! Цены на сайте вчерашние."), mail.text)
        XCTAssertEqual(MIME.trimReply(mail.text), "Добрый день! Цены на сайте вчерашние.")
        XCTAssertEqual(mail.date, ISO8601DateFormatter().date(from: "2026-11-23T07:15:00Z"))
    }

    func testKOI8RBodyQuotesTrimmedAndAttachmentNamed() throws {
        let mail = try MIME.parse(try fixture("koi8r-reply-attachment.eml"))
        XCTAssertEqual(MIME.trimReply(mail.text), "Обмен снова сломался, см. вложение.")
        XCTAssertEqual(mail.inReplyTo, ["<m1@romashka.example>"])
        XCTAssertEqual(mail.attachments.map(\.filename), ["../../скриншот экрана.png"])
        XCTAssertEqual(Intake.safeName(mail.attachments[0].filename), "скриншот_экрана.png")
        XCTAssertEqual(mail.attachments[0].data, Data("PNG fake image bytes".utf8))
    }

    func testHTMLOnlyNestedForwardAndBrokenBoundary() throws {
        let html = try MIME.parse(try fixture("html-only-no-id.eml"))
        XCTAssertEqual(html.text, "Нужен отчёт по продажам.\nСпасибо!")
        XCTAssertNil(html.messageID)
        let forward = try MIME.parse(try fixture("nested-forward.eml"))
        XCTAssertTrue(forward.text.contains("See below."), forward.text)
        XCTAssertTrue(forward.text.contains("From: partner@other.example"), forward.text)
        XCTAssertTrue(forward.text.contains("The partner asks about the price list."), forward.text)
        XCTAssertThrowsError(try MIME.parse(try fixture("broken-boundary.eml")))
        XCTAssertThrowsError(try MIME.parse(Data("just text, no headers".utf8)))
    }

    func testEncodedWordsAndCharsets() {
        XCTAssertEqual(MIME.decodeWords("=?koi8-r?Q?=EF=C2=CD=C5=CE?= =?utf-8?B?0YbQtdC9?="), "Обменцен")
        XCTAssertEqual(Charset.decode([0xC0, 0xFF], charset: "windows-1251"), "Ая")
        XCTAssertEqual(Charset.decode([0xE2, 0xD1], charset: "koi8-r"), "Бя")
        XCTAssertNil(Charset.decode([0x41], charset: "x-unknown"))
        XCTAssertEqual(MIME.parseDate("28 Nov 2026 10:15 -0100"), ISO8601DateFormatter().date(from: "2026-11-28T11:15:00Z"))
    }

    func testMboxSplitting() {
        let mbox = "From a@b Mon Nov 23 10:00:00 2026\nFrom: a@b\nSubject: one\n\n>From the start\n\nFrom a@b Mon Nov 23 11:00:00 2026\nFrom: a@b\nSubject: two\n\nbody\n"
        let messages = MailSources.mbox(Data(mbox.utf8), path: "box")
        XCTAssertEqual(messages.map(\.source), ["box#1", "box#2"])
        XCTAssertTrue(String(decoding: messages[0].data, as: UTF8.self).contains("\nFrom the start"))
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
                                 "Date: 1 Nov 9999999999999 99:99 +9999\n", "1e300", "\0", "\u{1b}", "{", "[", "\"", "nan"].map { Array($0.utf8) }
        var random = SeededGenerator(seed: 17)
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
            if let message = try? MIME.parse(Data(bytes)) {
                _ = message.date
                _ = message.subject
                _ = message.text.count
            }
            _ = try? ChatExport.read(Data(bytes), zone: TimeZone(identifier: "Europe/Moscow")!)
        }
    }
}
