import Foundation
import XCTest

/// The README's "Five minutes with gitdesk" runs as written on a fresh desk, its
/// placeholders (`ROM-XXXX`, `^w3f9a2c`, `ITEM`, `~/Maildir`, `result.json`) filled the way
/// the README explains them.
final class ReadmeTests: DeskTestCase {
    func testTheWalkthroughRunsAsWritten() throws {
        let readme = try String(contentsOfFile: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../README.md").standardized.path, encoding: .utf8)
        let section = try XCTUnwrap(readme.components(separatedBy: "## Five minutes with gitdesk").dropFirst().first)
        let block = try XCTUnwrap(section.components(separatedBy: "```sh\n").dropFirst().first?.components(separatedBy: "```").first)
        let lines = block.split(separator: "\n").map(String.init)
        XCTAssertGreaterThan(lines.count, 30)

        // The reader's own mail folder and chat export: one mail and one chat from senders no card names.
        let home = root + "/home"
        try FileManager.default.createDirectory(atPath: home + "/Maildir/new", withIntermediateDirectories: true)
        for folder in ["cur", "tmp"] { try FileManager.default.createDirectory(atPath: home + "/Maildir/" + folder, withIntermediateDirectories: true) }
        try "From: stranger@nowhere.example\nSubject: Hello\nDate: Sat, 28 Nov 2026 10:15:00 +0300\nMessage-ID: <r1@nowhere>\n\nWho are you?\n"
            .write(toFile: home + "/Maildir/new/1.eml", atomically: true, encoding: .utf8)
        // The bank's statement: Romashka (by its ИНН) pays the invoice the walkthrough issues.
        let statement = ["1CClientBankExchange", "ВерсияФормата=1.03", "Кодировка=UTF-8", "РасчСчет=40702810538000123456",
                         "СекцияДокумент=Платежное поручение", "Номер=501", "Дата=03.12.2026", "Сумма=60000.00",
                         "ПлательщикСчет=40702810401300054321", "ПлательщикИНН=7709876545", "Плательщик1=ООО «Ромашка»",
                         "ПолучательСчет=40702810538000123456", "ПолучательИНН=7701234560", "НазначениеПлатежа=Оплата по счёту № 1",
                         "ДатаПоступило=03.12.2026", "КонецДокумента", "КонецФайла", ""].joined(separator: "\r\n")
        try statement.write(toFile: home + "/kl_to_1c.txt", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: root + "/bin", withIntermediateDirectories: true)
        try? FileManager.default.removeItem(atPath: root + "/bin/gitdesk")
        try FileManager.default.createSymbolicLink(atPath: root + "/bin/gitdesk", withDestinationPath: Self.binary)
        try git("config", "--global", "user.email", "alice@example.com", in: root)

        // Each line as written, with the values the README says to put in its placeholders.
        var script = "set -u\ncd '\(root!)'\n"
        let chat = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../GitdeskIntakeTests/Fixtures/telegram.json").standardized.path
        var items = 0
        for (number, line) in lines.enumerated() {
            var command = line.replacingOccurrences(of: "ROM-XXXX", with: "$TICKET").replacingOccurrences(of: "^w3f9a2c", with: "^$TXN")
                .replacingOccurrences(of: "result.json", with: chat)
            if command.contains(" ITEM ") {
                items += 1
                command = command.replacingOccurrences(of: " ITEM ", with: " $(gitdesk triage list --json | python3 -c 'import json, sys; print(json.load(sys.stdin)[0][\"id\"])') ")
            }
            if command.hasPrefix("gitdesk new ") {
                script += "TICKET=$(\(command.components(separatedBy: "   #").first!)); echo \"rc=$? \(number)\"\n"
            } else if command.hasPrefix("gitdesk log $TICKET 1h20m") {
                script += "TXN=$(\(command) | awk '{print $NF}' | tr -d '^'); echo \"rc=$? \(number)\"\n"
            } else {
                script += "\(command)\necho \"rc=$? \(number)\"\n"
            }
        }
        XCTAssertEqual(items, 2)
        let result = try run("/bin/sh", ["-c", script], in: root, env: ["PATH": root + "/bin:" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
                                                                       "HOME": home])
        let codes = result.out.split(separator: "\n").filter { $0.hasPrefix("rc=") }.map { $0.dropFirst(3).split(separator: " ") }
        XCTAssertEqual(codes.count, lines.count, result.out + result.err)
        for code in codes {
            let number = Int(code[1])!, line = lines[number]
            // `check`, `sla` and `remind` say in their comment when they exit 1 (findings, an overdue clock, something due).
            let allowed: Set<Substring> = line.contains("exit 1") ? ["0", "1"] : ["0"]
            XCTAssertTrue(allowed.contains(code[0]), "exit \(code[0]): \(line)\n\(result.err)")
        }
        // The walkthrough's own words: a Russian desk answers in Russian.
        XCTAssertTrue(result.out.contains("прогноз") && result.out.contains("История статусов"), result.out)
        XCTAssertTrue(result.out.contains("платежей записано: 1"), "the statement's payment landed: \(result.out)")
    }
}
