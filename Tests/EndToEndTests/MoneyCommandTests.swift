import Foundation
import XCTest
import GitdeskCore

final class MoneyCommandTests: DeskTestCase {
    func testBalanceAsOfDateAndOldCommit() throws {
        let id = try makeDesk()
        try gitdesk("pay", "acme", "10000", "--date", "2026-11-01")
        try gitdesk("log", id, "1h20m", "billable", "First", "--date", "2026-11-03")
        let old = try head()
        try gitdesk("log", id, "2h", "billable", "Second", "--date", "2026-11-04")
        try gitdesk("log", id, "1h", "learning", "Free", "--date", "2026-11-04")
        XCTAssertTrue(try gitdesk("balance", "acme").out.contains("3\u{00A0}333,33\u{00A0}₽"))
        XCTAssertTrue(try gitdesk("balance", "acme", "--as-of", "2026-11-03").out.contains("7\u{00A0}333,33\u{00A0}₽"))
        XCTAssertTrue(try gitdesk("balance", "--as-of", old).out.contains("7\u{00A0}333,33\u{00A0}₽"))
        XCTAssertTrue(try gitdesk("balance", "--as-of", "HEAD~2").out.contains("7\u{00A0}333,33\u{00A0}₽"))
        let json = try JSONSerialization.jsonObject(with: Data(try gitdesk("balance", "--json").out.utf8)) as! [[String: Any]]
        XCTAssertEqual(minor(json.first?["balance"]), 333_333)
        try gitdesk("balance", "--as-of", "2026-02-30", code: 2)
        try gitdesk("balance", "--as-of", "no-such-commit", code: 1)
    }

    /// `balance` keeps per-folder totals between runs; after hand edits, a merge between
    /// clones, a rate change and a broken line it must say exactly what a run without
    /// any cache says.
    func testCachedBalanceFollowsHandEditsMergesAndRateChanges() throws {
        let id = try makeDesk()
        try gitdesk("client", "add", "beta", "--name", "Beta", "--prefix", "BETA", "--rate", "1000")
        let other = try gitdesk("new", "--client", "beta", "--title", "Printer").out.trimmingCharacters(in: .whitespacesAndNewlines)
        try gitdesk("log", id, "1h", "billable", "First", "--date", "2026-11-03")
        try gitdesk("log", other, "2h", "billable", "Toner", "--date", "2026-11-03")
        let cache = deskIndex.path(.workTotals)
        func balances() throws -> [String: Int] {
            let json = try JSONSerialization.jsonObject(with: Data(try gitdesk("balance", "--json").out.utf8)) as! [[String: Any]]
            return Dictionary(uniqueKeysWithValues: json.map { ($0["client"] as! String, minor($0["balance"])!) })
        }
        func assertCachedEqualsCold(_ expected: [String: Int], line: UInt = #line) throws {
            XCTAssertEqual(try balances(), expected, "cached", line: line)
            try FileManager.default.removeItem(atPath: cache)
            XCTAssertEqual(try balances(), expected, "cold", line: line)
        }
        try assertCachedEqualsCold(["acme": -200_000, "beta": -200_000])

        // A second clone adds a line by hand and commits it with plain git; the first logs
        // more work; the clones merge.
        let clone = root + "/clone"
        try git("clone", "-q", desk, clone, in: root)
        let work = "\(folder(id))/work.md"
        try write(work, try read(work, in: clone) + "- 2026-11-04 bob 30m billable By hand ^wbyhand1\n", in: clone)
        try git("commit", "-q", "-am", "By hand", in: clone, as: "bob")
        try gitdesk("log", other, "1h", "billable", "Drum", "--date", "2026-11-05")
        XCTAssertEqual(try balances(), ["acme": -200_000, "beta": -300_000])
        try git("pull", "-q", "--no-rebase", "--no-edit", clone, "HEAD")
        try assertCachedEqualsCold(["acme": -300_000, "beta": -300_000])

        // A new rate from November reprices every folder of that client.
        try write("clients/acme.md", try read("clients/acme.md").replacingOccurrences(of: "rate: 2000", with: "rate: 2000\nrates:\n  - {since: 2026-11-04, rate: 4000}"))
        try git("commit", "-q", "-am", "Rate")
        try assertCachedEqualsCold(["acme": -400_000, "beta": -300_000])

        // A broken line: that client's balance is an error naming the line, the other stands.
        try write(work, try read(work) + "- 2026-11-06 alice 1h dancing Not a kind ^wbad1\n")
        XCTAssertNotEqual(try run("/usr/bin/git", ["commit", "-q", "-am", "Bad kind"]).code, 0, "the hook let a bad kind through")
        try git("commit", "-q", "--no-verify", "-am", "Bad kind")
        let result = try gitdesk("balance", code: 1)
        let lineNumber = try read(work).split(separator: "\n").firstIndex { $0.contains("dancing") }! + 1
        XCTAssertTrue(result.err.contains("\(work):\(lineNumber): неизвестный вид работы 'dancing'"), result.err)
        XCTAssertTrue(result.out.contains("-3\u{00A0}000,00\u{00A0}₽"), result.out)
    }

    func testStatementFormats() throws {
        let id = try makeDesk()
        try gitdesk("pay", "acme", "180000", "Prepayment", "--date", "2026-10-30")
        try gitdesk("log", id, "1h20m", "billable", "Fixed the sync", "--date", "2026-11-03")
        try gitdesk("log", id, "30m", "our-fault", "Our bug", "--date", "2026-11-03")
        let md = try gitdesk("statement", "acme", "--period", "2026-11").out
        XCTAssertTrue(md.contains("Входящий остаток: 180\u{00A0}000,00\u{00A0}₽"), md)
        XCTAssertTrue(md.contains("| 03.11.2026 | \(id) | alice | оплачиваемая работа | 1\u{00A0}ч 20\u{00A0}мин | 2\u{00A0}000,00\u{00A0}₽ | 2\u{00A0}666,67\u{00A0}₽ | Fixed the sync |"), md)
        XCTAssertTrue(md.contains("| Исходящий остаток | 177\u{00A0}333,33\u{00A0}₽ |"), md)
        XCTAssertTrue(md.contains("Не выставлено (наше время): 30\u{00A0}мин"), md)
        let json = try JSONSerialization.jsonObject(with: Data(try gitdesk("statement", "acme", "--period", "2026-11", "--format", "json").out.utf8)) as! [String: Any]
        XCTAssertEqual(minor(json["closing"]), 17_733_333)
        XCTAssertTrue(try gitdesk("statement", "acme", "--period", "2026-11", "--format", "html").out.hasPrefix("<!DOCTYPE html>"))
        let csv = try gitdesk("statement", "acme", "--period", "2026-11", "--format", "csv", "--machine").out
        XCTAssertTrue(csv.contains(",\(id),alice,billable,80,2000.00,-2666.67,177333.33,Fixed the sync\r\n"), csv)
        let excel = try gitdesk("statement", "acme", "--period", "2026-11", "--format", "csv").out
        XCTAssertTrue(excel.hasPrefix("\u{FEFF}section;date;"), excel)
        XCTAssertTrue(excel.contains(";\(id);alice;billable;80;2000,00;-2666,67;177333,33;Fixed the sync\r\n"), excel)
        try gitdesk("statement", "acme", "--period", "November", code: 2)
        try gitdesk("statement", "nobody", "--period", "2026-11", code: 1)
    }

    /// The hledger journal is double-entry as an accountant reads it: `check --strict`
    /// passes, `bs` shows every client's balance as `gitdesk balance` does (no sign flip),
    /// `is` shows each month's work revenue as `report` does; on the demo desk and on the
    /// demo desk grown by random payments, credits, charges and work committed by hand.
    func testHledgerJournalIsDoubleEntryAndAgrees() throws {
        try makeDemoDesk()
        try assertHledgerAgrees()
        var generator = SeededGenerator(seed: 18)
        let clients = ["northwind", "romashka", "vector"]
        for round in 0..<3 {
            for client in clients {
                var ledger = try read("ledger/\(client).md")
                for _ in 0..<4 {
                    let kind = ["payment", "credit", "charge"][Int(generator.next() % 3)]
                    let amount = "\(1 + generator.next() % 90_000).\(String(format: "%02d", Int(generator.next() % 100)))"
                    ledger += "- 2026-\(["09", "10", "11"][Int(generator.next() % 3)])-1\(generator.next() % 9) \(kind) \(amount) Round \(round)\n"
                }
                try write("ledger/\(client).md", ledger)
            }
            let works = try git("ls-files", "tickets").split(separator: "\n").filter { $0.hasSuffix("/work.md") }
            for path in works.prefix(4) {
                let minutes = 5 * (1 + generator.next() % 60)
                let kind = ["billable", "testing", "learning"][Int(generator.next() % 3)]
                try write(String(path), try read(String(path)) + "- 2026-1\(generator.next() % 2)-0\(1 + generator.next() % 9) alice \(minutes)m \(kind) Random \(round)\n")
            }
            try git("commit", "-q", "-am", "Round \(round) by hand")
            try assertHledgerAgrees()
        }
    }

    /// On a generated desk of 1500 tickets (the export read from the folder records and
    /// streamed out in batches): the JSON parses, lists what the CSV lists, and each client's
    /// movements sum to its balance; hledger accepts the journal.
    func testExportOfAGeneratedDeskAgreesAcrossFormats() throws {
        let bench = URL(fileURLWithPath: Self.binary).deletingLastPathComponent().appendingPathComponent("gitdesk-bench").path
        let generated = try run(bench, ["generate", "--profile", "small", "--seed", "4", "--out", desk], in: root)
        XCTAssertEqual(generated.code, 0, generated.err)
        try gitdesk("init")
        let movements = try JSONSerialization.jsonObject(with: Data(try gitdesk("export", "--json").out.utf8)) as! [[String: Any]]
        let csv = try gitdesk("export", "--format", "csv", "--machine").out.split(separator: "\r\n")
        XCTAssertGreaterThan(movements.count, 4096, "more than one batch of the encoder")
        XCTAssertEqual(movements.count, csv.count - 1)
        XCTAssertEqual(movements.map { $0["id"] as? String ?? "" }, csv.dropFirst().map { String($0.split(separator: ",", omittingEmptySubsequences: false)[3]) })
        var sums: [String: Int] = [:]
        for movement in movements { sums[movement["client"] as! String, default: 0] += minor(movement["amount"])! }
        let balances = try JSONSerialization.jsonObject(with: Data(try gitdesk("balance", "--json").out.utf8)) as! [[String: Any]]
        XCTAssertEqual(balances.count, 20)
        for row in balances { XCTAssertEqual(sums[row["client"] as! String, default: 0], minor(row["balance"])!, "\(row)") }
        let journal = root + "/desk.journal"
        try gitdesk("export", "--format", "hledger").out.write(toFile: journal, atomically: true, encoding: .utf8)
        let strict = try run("/usr/bin/hledger", ["-f", journal, "check", "--strict"])
        XCTAssertEqual(strict.code, 0, strict.err)
    }

    private func assertHledgerAgrees(file: StaticString = #filePath, line: UInt = #line) throws {
        let journal = root + "/desk.journal"
        try gitdesk("export", "--format", "hledger").out.write(toFile: journal, atomically: true, encoding: .utf8)
        let strict = try run("/usr/bin/hledger", ["-f", journal, "check", "--strict"])
        XCTAssertEqual(strict.code, 0, strict.err, file: file, line: line)
        func rows(_ args: [String]) throws -> [String: String] {
            let result = try run("/usr/bin/hledger", ["-f", journal] + args + ["--flat", "-O", "csv"])
            XCTAssertEqual(result.code, 0, result.err, file: file, line: line)
            var cells: [String: String] = [:]
            for row in result.out.split(separator: "\n") {
                let parts = row.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"\r")) }
                if parts.count == 2 { cells[parts[0]] = parts[1] }
            }
            return cells
        }
        func text(_ minor: Int) -> String {
            String(format: "%@%d.%02d RUB", minor < 0 ? "-" : "", abs(minor) / 100, abs(minor) % 100)
        }
        let sheet = try rows(["bs"])
        let balances = try JSONSerialization.jsonObject(with: Data(try gitdesk("balance", "--json").out.utf8)) as! [[String: Any]]
        XCTAssertEqual(balances.count, 3, file: file, line: line)
        for row in balances {
            XCTAssertEqual(sheet["liabilities:clients:\(row["client"] as! String)"], text(minor(row["balance"])!), "\(row)", file: file, line: line)
        }
        for month in ["2026-09", "2026-10", "2026-11"] {
            let report = try JSONSerialization.jsonObject(with: Data(try gitdesk("report", "--period", month, "--json").out.utf8)) as! [String: Any]
            let revenue = minor((report["totals"] as! [String: Any])["revenue"])!
            XCTAssertEqual(try rows(["is", "-p", month])["revenue:work"] ?? text(0), text(revenue), month, file: file, line: line)
        }
    }

    /// Statement CSV adds up: opening + the sum of `amount` = closing, and `balance` runs
    /// through it, for every client and month of a desk grown at random.
    func testStatementCSVAddsUp() throws {
        try makeDemoDesk()
        var generator = SeededGenerator(seed: 7)
        for client in ["northwind", "romashka", "vector"] {
            var ledger = try read("ledger/\(client).md")
            for _ in 0..<6 {
                let kind = ["payment", "credit", "charge"][Int(generator.next() % 3)]
                ledger += "- 2026-1\(generator.next() % 2)-1\(generator.next() % 9) \(kind) \(1 + generator.next() % 50_000).\(generator.next() % 10)5 =HYPERLINK(\"x\")\n"
            }
            try write("ledger/\(client).md", ledger)
        }
        try git("commit", "-q", "-am", "By hand")
        for client in ["northwind", "romashka", "vector"] {
            for month in ["2026-09", "2026-10", "2026-11"] {
                let csv = try gitdesk("statement", client, "--period", month, "--format", "csv", "--machine").out
                let rows = csv.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
                XCTAssertEqual(rows[0], ["section", "date", "id", "ticket", "login", "kind", "minutes", "rate", "amount", "balance", "note"])
                func cents(_ text: String) -> Int { Int(text.replacingOccurrences(of: ".", with: ""))! }
                let opening = cents(rows[1][9]), closing = cents(rows.last![9])
                var running = opening
                for row in rows.dropFirst(2).dropLast() {
                    running += cents(row[8])
                    XCTAssertEqual(cents(row[9]), running, "\(client) \(month) \(row)")
                    if row[0] == "work" || row[0] == "charge" { XCTAssertLessThan(cents(row[8]), 0, "\(row)") }
                    if row[0] == "payment" || row[0] == "credit" { XCTAssertGreaterThan(cents(row[8]), 0, "\(row)") }
                    XCTAssertFalse(row.last!.hasPrefix("=") || row.last!.hasPrefix("\"="), "formula left live: \(row)")
                }
                XCTAssertEqual(running, closing, "\(client) \(month)")
                let json = try JSONSerialization.jsonObject(with: Data(try gitdesk("statement", client, "--period", month, "--format", "json").out.utf8)) as! [String: Any]
                XCTAssertEqual(minor(json["closing"]), closing, "\(client) \(month)")
            }
        }
        XCTAssertTrue(try gitdesk("export", "--format", "csv", "--machine").out.contains(",\"'=HYPERLINK(\"\"x\"\")\"\r\n"))

        // For people: read back with Python's csv module in the dialect each form declares,
        // the spreadsheet forms (Russian: ';', decimal comma, BOM; English: ',', BOM) hold the
        // machine form's cells, numbers with the language's decimal mark, formulas still inert.
        let reader = """
            import csv, json, sys
            path, delimiter, comma = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
            with open(path, encoding="utf-8-sig", newline="") as f:
                rows = list(csv.reader(f, delimiter=delimiter))
            numeric = {i for i, name in enumerate(rows[0]) if name in ("minutes", "rate", "amount", "balance")}
            print(json.dumps([[c.replace(",", ".") if comma and i in numeric else c for i, c in enumerate(r)] for r in rows]))
            """
        try reader.write(toFile: root + "/read.py", atomically: true, encoding: .utf8)
        func readCSV(_ args: [String], delimiter: String, comma: Bool) throws -> [[String]] {
            try gitdesk(args).out.write(toFile: root + "/file.csv", atomically: true, encoding: .utf8)
            let result = try run("/usr/bin/env", ["python3", root + "/read.py", root + "/file.csv", delimiter, comma ? "1" : "0"])
            XCTAssertEqual(result.code, 0, result.err)
            return try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [[String]] ?? []
        }
        for command in [["statement", "vector", "--period", "2026-11", "--format", "csv"], ["export", "--format", "csv"]] {
            let machine = try readCSV(command + ["--machine"], delimiter: ",", comma: false)
            XCTAssertGreaterThan(machine.count, 3)
            XCTAssertEqual(try readCSV(command, delimiter: ";", comma: true), machine, "\(command)")
            XCTAssertEqual(try readCSV(command + ["--locale", "en"], delimiter: ",", comma: false), machine, "\(command)")
            if command[0] == "export" { XCTAssertTrue(machine.contains { $0.last == "'=HYPERLINK(\"x\")" }, "the formula is inert") }
        }
        XCTAssertTrue(try gitdesk("export", "--format", "csv").out.hasPrefix("\u{FEFF}date;client;type;"))
    }

    func testReportAndPlanRunOnTheDemo() throws {
        try makeDemoDesk()
        let report = try gitdesk("report", "--period", "2026-10", "--by", "kind", "--locale", "en").out
        XCTAssertTrue(report.contains("effective rate"), report)
        XCTAssertTrue(report.contains("Tickets that eat hours without money"), report)
        let json = try JSONSerialization.jsonObject(with: Data(try gitdesk("report", "--period", "2026-10", "--json").out.utf8)) as! [String: Any]
        let totals = json["totals"] as! [String: Any]
        let groups = json["groups"] as! [[String: Any]]
        XCTAssertEqual(groups.map { minor(($0["figures"] as! [String: Any])["revenue"])! }.reduce(0, +), minor(totals["revenue"]))
        let plan = try gitdesk("plan", "--week", "2026-W48", "--now", "2026-11-25T12:00", "--locale", "en").out
        XCTAssertTrue(plan.contains("billable target"), plan)
        XCTAssertTrue(plan.contains("Load plan from 2026-11-25"), plan)
        try gitdesk("report", "--by", "mood", code: 2)
        let csv = try gitdesk("export", "--format", "csv", "--machine").out
        XCTAssertTrue(csv.hasPrefix("date,client,type,id,ticket,login,kind,minutes,rate,amount,note\r\n"))
    }

    /// Holidays from a real `.ics` (multi-day events, a yearly recurrence) take whole weeks
    /// out of the plan; a broken calendar is a finding naming the file.
    func testHolidayCalendarFromAnICSFile() throws {
        try makeDesk()
        try write("holidays.ics", """
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            BEGIN:VEVENT\r
            UID:bridge\r
            DTSTART;VALUE=DATE:20261207\r
            DTEND;VALUE=DATE:20261212\r
            SUMMARY:Перенос выходных\r
            END:VEVENT\r
            BEGIN:VEVENT\r
            UID:new-year\r
            DTSTART;VALUE=DATE:20260101\r
            DTEND;VALUE=DATE:20260109\r
            RRULE:FREQ=YEARLY\r
            SUMMARY:Новогодние каникулы\r
            END:VEVENT\r
            END:VCALENDAR\r

            """)
        try write("gitdesk.yml", try read("gitdesk.yml").replacingOccurrences(of: "  holidays: []", with: "  holidays: []\n  holidays-file: holidays.ics"))
        try git("add", "-A")
        try git("commit", "-qm", "Holidays")
        func workingDays(_ week: String) throws -> Int {
            let json = try JSONSerialization.jsonObject(with: Data(try gitdesk("plan", "--week", week, "--json").out.utf8)) as! [String: Any]
            return (json["financial"] as! [String: Any])["workingDays"] as! Int
        }
        XCTAssertEqual(try workingDays("2026-W50"), 0, "7–11 December")
        XCTAssertEqual(try workingDays("2027-W01"), 0, "4–8 January 2027, from the yearly rule")
        XCTAssertEqual(try workingDays("2026-W48"), 5)
        try write("holidays.ics", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20260101T000000Z\r\nRRULE:FREQ=SECONDLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
        try git("commit", "-q", "--no-verify", "-am", "Endless")
        XCTAssertTrue(try gitdesk("check", code: 1).out.contains("holidays.ics: календарь не читается: больше"))
    }

    /// Plan vs fact counts the same people on both sides: a tester's hours are neither in
    /// the norm nor in the fact, and one person's overtime does not fill another's gap.
    func testPlanVersusFactCountsThePlannedPeopleOnly() throws {
        let id = try makeDesk()
        try gitdesk("log", id, "10h", "billable", "Alice", "--date", "2026-11-03", "--as", "alice")
        try gitdesk("log", id, "20h", "testing", "Tess", "--date", "2026-11-04", "--as", "tess")
        let json = try JSONSerialization.jsonObject(with: Data(try gitdesk("report", "--period", "2026-11-02..2026-11-06", "--json").out.utf8)) as! [String: Any]
        let plan = json["plan"] as! [String: Any]
        let people = json["people"] as! [[String: Any]]
        let aliceNorm = people.first { $0["login"] as? String == "alice" }!["normMinutes"] as! Int
        XCTAssertEqual(plan["normMinutes"] as? Int, aliceNorm, "only alice has a capacity: the norm is hers")
        XCTAssertEqual(plan["factBillableMinutes"] as? Int, 600)
        XCTAssertEqual(minor(plan["factRevenue"]), 2_000_000)
        XCTAssertEqual(plan["unloggedMinutes"] as? Int, aliceNorm - 600)
        XCTAssertEqual((json["totals"] as! [String: Any])["billableMinutes"] as? Int, 1800, "the totals still count everyone")
    }

    func testAsOfOutsideTheHistorySaysSoInWords() throws {
        try makeDesk()
        let result = try gitdesk("balance", "--as-of", "HEAD~200", code: 1)
        XCTAssertTrue(result.err.contains("'HEAD~200' не коммит этого деска"), result.err)
        XCTAssertTrue(result.err.contains("подсказка: "), result.err)
    }

    func testAmbiguousTransactionFailsMoneyForThatClientOnly() throws {
        let id = try makeDesk()
        try gitdesk("client", "add", "beta", "--name", "Beta", "--prefix", "BETA")
        try gitdesk("pay", "beta", "100")
        try write("\(folder(id))/work.md", "- 2026-11-03 alice 2h billable Here ^w1\n- 2026-11-03 alice 3h billable There ^w1\n")
        try git("add", "-A")
        try git("commit", "-q", "--no-verify", "-m", "union merge result")
        let result = try gitdesk("balance", code: 1)
        XCTAssertTrue(result.out.contains("100,00\u{00A0}₽"), result.out)
        XCTAssertTrue(result.err.contains("встречается не один раз"), result.err)
        try gitdesk("statement", "acme", "--period", "2026-11", code: 1)
        try gitdesk("statement", "beta", "--period", "2026-11")
        try gitdesk("export", code: 1)
    }
}

final class ParseCacheTests: DeskTestCase {
    /// The desk index's folder records (export, report) and per-folder
    /// money totals (balance) — can be deleted or garbled: the answer stays the same and the
    /// file is rebuilt byte for byte.
    func testCachesAreDisposableAndRebuildIdentically() throws {
        try makeDemoDesk()
        for (file, command) in [(DeskIndex.Part.folders, ["export", "--format", "csv"]), (.folders, ["report", "--period", "2026", "--json"]), (.workTotals, ["balance", "--json"])] {
            let cache = deskIndex.path(file)
            try? FileManager.default.removeItem(atPath: cache)
            let cold = try gitdesk(command).out
            let first = try Data(contentsOf: URL(fileURLWithPath: cache))
            XCTAssertFalse(first.isEmpty)
            XCTAssertEqual(try gitdesk(command).out, cold)
            try FileManager.default.removeItem(atPath: cache)
            XCTAssertEqual(try gitdesk(command).out, cold)
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: cache)), first, "\(file) rebuilt byte for byte")
            try Data("gitdesk-garbage\ngarbage".utf8).write(to: URL(fileURLWithPath: cache))
            XCTAssertEqual(try gitdesk(command).out, cold)
            try Data(file.magic.utf8 + [0xFF, 0xFF, 0x01]).write(to: URL(fileURLWithPath: cache))
            XCTAssertEqual(try gitdesk(command).out, cold)
            // Two runs at once never leave a broken file behind.
            let a = Process(), b = Process()
            for process in [a, b] {
                process.executableURL = URL(fileURLWithPath: Self.binary)
                process.arguments = command + ["--desk", desk]
                process.standardOutput = FileHandle.nullDevice
                try? FileManager.default.removeItem(atPath: cache)
                try process.run()
            }
            a.waitUntilExit(); b.waitUntilExit()
            XCTAssertEqual(try gitdesk(command).out, cold)
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: cache)), first, "\(file) after two runs at once")
        }
    }
}

extension ParseCacheTests {
    /// Whole-desk commands take unchanged ticket folders from the folder records (`folders-v5`); after hand edits,
    /// a merge between clones, a changed card, a stray file and a garbled record they must
    /// say exactly what a run without any cache says, warnings included.
    func testCachedTicketFoldersFollowHandEditsMergesAndCardChanges() throws {
        let id = try makeDesk()
        try gitdesk("client", "add", "beta", "--name", "Beta", "--prefix", "BETA", "--rate", "1000")
        let other = try gitdesk("new", "--client", "beta", "--title", "Printer", "--created", "2026-11-02T11:00:00+03:00")
            .out.trimmingCharacters(in: .whitespacesAndNewlines)
        try gitdesk("move", id, "in-progress", "--assign", "alice")
        try gitdesk("reply", other, "--from", "client", "--author", "Иван", "--at", "2026-11-03T09:00:00+03:00", input: "Не печатает\n")
        let commands = [["sla", "--json", "--now", "2026-11-27T12:00"], ["list", "--json"], ["show", id, "--json"], ["show", other, "--json"],
                        ["remind", "--json", "--now", "2026-11-27T12:00"]]
        func outputs() throws -> [String] {
            try commands.flatMap { command -> [String] in
                let result = try run(Self.binary, command + ["--desk", desk])
                return [result.out, result.err, String(result.code)]
            }
        }
        func assertCachedEqualsCold(line: UInt = #line) throws -> [String] {
            _ = try outputs()
            let cached = try outputs()
            try FileManager.default.removeItem(atPath: deskIndex.folder)
            XCTAssertEqual(cached, try outputs(), "cached and cold differ", line: line)
            return cached
        }
        let first = try assertCachedEqualsCold()
        XCTAssertTrue(first[0].contains(other), first[0])

        // A clone retitles a ticket by hand and commits with plain git; here a message
        // arrives; the clones merge.
        let clone = root + "/clone"
        try git("clone", "-q", desk, clone, in: root)
        let card = "\(folder(other))/ticket.md"
        try write(card, try read(card, in: clone).replacingOccurrences(of: "title: Printer", with: "title: Printer by hand"), in: clone)
        try git("commit", "-q", "-am", "Retitle", in: clone, as: "bob")
        try gitdesk("reply", other, "Смотрим", "--at", "2026-11-03T10:00:00+03:00")
        try git("pull", "-q", "--no-rebase", "--no-edit", clone, "HEAD")
        let merged = try assertCachedEqualsCold()
        XCTAssertTrue(merged[9].contains("Printer by hand") && merged[9].contains("Смотрим"), merged[9])

        // The assignee's card goes: every folder is checked again and the ticket is flagged.
        try git("rm", "-q", "staff/alice.md")
        try git("commit", "-q", "--no-verify", "-m", "Alice left")
        let orphaned = try assertCachedEqualsCold()
        XCTAssertTrue(orphaned[1].contains("alice"), orphaned[1])

        // A stray file right under tickets/ is named.
        try write("tickets/notes.txt", "stray\n")
        try git("add", "tickets/notes.txt")
        try git("commit", "-q", "--no-verify", "-m", "Stray")
        let stray = try assertCachedEqualsCold()
        XCTAssertTrue(stray[1].contains("tickets/notes.txt"), stray[1])

        // A garbled cache is read around, not trusted.
        _ = try outputs()
        let cache = deskIndex.path(.folders)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: cache)))
        for index in stride(from: bytes.count / 2, to: bytes.count, by: 7) { bytes[index] ^= 0x5A }
        try Data(bytes).write(to: URL(fileURLWithPath: cache))
        XCTAssertEqual(try outputs(), stray)
    }
}
