import Foundation
import XCTest

/// gitdesk at a real terminal: commands run in a pseudo-terminal (`script` makes one and
/// runs the command as the terminal's foreground job, as an interactive shell would), with
/// the paging and the widths a person has.
final class TerminalTests: DeskTestCase {
    struct Screen {
        let text: String
        let code: Int32
        let timedOut: Bool
        let seconds: TimeInterval
    }

    /// Runs `gitdesk args` in a pseudo-terminal of `rows` × `columns`, types `keys` after
    /// `delay` seconds, and kills it after `timeout` seconds.
    func terminal(_ args: [String], rows: Int = 10, columns: Int = 80, keys: String = "q", delay: TimeInterval = 1.5,
                  timeout: TimeInterval = 15, env extra: [String: String] = [:]) throws -> Screen {
        func quoted(_ word: String) -> String { "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let command = "stty rows \(rows) cols \(columns); exec " + ([Self.binary] + args).map(quoted).joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qfec", command, "/dev/null"]
        process.currentDirectoryURL = URL(fileURLWithPath: desk)
        var variables = environment(as: "alice").merging(["TERM": "xterm-256color"]) { $1 }.merging(extra) { $1 }
        // A person at a terminal: not a CI job, whose variable turns the progress bar off.
        for key in ["PAGER", "LESS", "CI"] where extra[key] == nil { variables.removeValue(forKey: key) }
        process.environment = variables.filter { !$0.value.isEmpty }
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        let started = Date()
        try process.run()
        let reader = DispatchQueue(label: "screen")
        var bytes = Data()
        let done = DispatchSemaphore(value: 0)
        reader.async {
            bytes = output.fileHandleForReading.readDataToEndOfFile()
            done.signal()
        }
        Thread.sleep(forTimeInterval: delay)
        try? input.fileHandleForWriting.write(contentsOf: Data(keys.utf8))
        var timedOut = false
        while process.isRunning {
            if Date().timeIntervalSince(started) > timeout {
                timedOut = true
                kill(-process.processIdentifier, SIGKILL)
                process.terminate()
                break
            }
            usleep(20_000)
        }
        process.waitUntilExit()
        try? input.fileHandleForWriting.close()
        _ = done.wait(timeout: .now() + 5)
        return Screen(text: String(decoding: bytes, as: UTF8.self), code: process.terminationStatus, timedOut: timedOut,
                      seconds: Date().timeIntervalSince(started))
    }

    /// Every paged command of the README's "Five minutes", on the demo desk, with `less`
    /// as the pager and output longer than the screen: each shows its first page and ends
    /// when `q` is typed. (Before, `less` ran in a process group of its own, was stopped by
    /// the kernel on its first read, and every one of these hung until killed.)
    func testPagedCommandsEndWhenTheReaderQuits() throws {
        try makeDemoDesk()
        let commands: [[String]] = [
            ["list"], ["show", "ROM-3M9D"], ["report", "--period", "2026-11"], ["sla"], ["remind"],
            ["search", "цен"], ["audit", "romashka", "--period", "2026-11"], ["wiki", "shop"],
        ]
        for command in commands {
            let screen = try terminal(command, rows: 6)
            XCTAssertFalse(screen.timedOut, "gitdesk \(command.joined(separator: " ")) hung at the terminal: \(screen.text)")
            XCTAssertTrue([0, 1].contains(screen.code), "gitdesk \(command.joined(separator: " ")) exited \(screen.code): \(screen.text)")
            XCTAssertLessThan(screen.seconds, 10)
            // The pager showed a page: the output did not just run past.
            XCTAssertFalse(screen.text.isEmpty, command.joined(separator: " "))
        }
    }

    /// Quitting the pager long before the output ends: the command still ends at once and
    /// exits as it would have (no SIGPIPE, no error about the output).
    func testQuittingEarlyOnALongOutput() throws {
        try makeDemoDesk()
        // Over 64 KiB of output: more than the pipe to the pager holds.
        for index in 0..<60 { try write("projects/shop/wiki/page-\(index).md", "# Page \(index)\n\n" + String(repeating: "Строка вики о ценах.\n", count: 80)) }
        try git("add", "-A")
        try git("commit", "-qm", "a long wiki", "--no-verify")
        let screen = try terminal(["wiki", "shop"], rows: 5)
        XCTAssertFalse(screen.timedOut, screen.text)
        XCTAssertEqual(screen.code, 0, screen.text)
        XCTAssertFalse(screen.text.contains("ошибка"), screen.text)
    }

    /// `core.pager` is the pager when `GITDESK_PAGER` is unset, as it is for git.
    func testGitsPagerSettingIsUsed() throws {
        try makeDemoDesk()
        try git("config", "core.pager", "sed s/^/PAGED:/")
        let screen = try terminal(["list"], keys: "")
        XCTAssertFalse(screen.timedOut)
        XCTAssertTrue(screen.text.contains("PAGED:"), screen.text)
        let own = try terminal(["list"], keys: "", env: ["GITDESK_PAGER": "sed s/^/OWN:/"])
        XCTAssertTrue(own.text.contains("OWN:") && !own.text.contains("PAGED:"), own.text)
    }

    /// A writer that finds the desk being written says whom it waits for, and gives up after
    /// its bound with a hint, changing nothing.
    func testAWaitingWriterSaysWhomItWaitsFor() throws {
        let id = try makeDesk()
        let before = try head()
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = [desk + "/.git/gitdesk/write.lock", "sleep", "30"]
        try holder.run()
        defer { holder.terminate() }
        usleep(300_000)
        let started = Date()
        let result = try gitdesk("log", id, "1h", "billable", "Waiting", code: 1, env: ["GITDESK_LOCK_TIMEOUT": "3"])
        XCTAssertLessThan(Date().timeIntervalSince(started), 15)
        XCTAssertTrue(result.err.contains("жду, пока допишет pid \(holder.processIdentifier)"), result.err)
        XCTAssertTrue(result.err.contains("дольше 3 с") && result.err.contains("подсказка:"), result.err)
        XCTAssertEqual(try head(), before)
    }

    /// On a terminal, `list` fits its width at 80 and 200 columns: the free text is
    /// cut with `…`; at 60 the title is cut to its least; piped, every title is whole.
    func testTablesFitTheTerminal() throws {
        try makeDemoDesk()
        let piped = try gitdesk("list").out
        XCTAssertTrue(piped.contains("Duplicate request about invoices"))
        for columns in [60, 80, 200] {
            // `sla` leaves out the time used, the target and the status on a narrow screen;
            // `show` cuts its work notes and wraps its prose at spaces.
            for command in [["list"], ["sla", "--now", "2026-11-28T18:00"], ["show", "VEC-5H1R"]] {
                let screen = try terminal(command, rows: 200, columns: columns, keys: "", delay: 0.2, env: ["GITDESK_PAGER": "cat"])
                let text = screen.text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*[A-Za-z]", with: "", options: .regularExpression)
                // What a line shows last (a progress line is overwritten after a "\r").
                // The terminal ends lines in "\r\n" (one Character to Swift).
                let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n").map { $0.split(separator: "\r").last ?? "" }
                XCTAssertGreaterThan(lines.count, 3, "\(command) at \(columns): \(text)")
                // At 60 columns the demo's statuses and names leave no room: the title is cut
                // as far as it goes and the rest wraps whole.
                for line in lines where (line.contains("  ") || command[0] == "show") && columns > 60 {
                    XCTAssertLessThanOrEqual(line.count, columns, "\(command) at \(columns): \(line)")
                }
                if command[0] == "sla" {
                    XCTAssertEqual(text.contains("ПРОШЛО"), columns == 200, "sla at \(columns): \(text)")
                    XCTAssertTrue(text.contains("ОСТАЛОСЬ") && text.contains("ДО"), "sla at \(columns): \(text)")
                }
                if columns == 200 && command == ["list"] { XCTAssertTrue(text.contains("Duplicate request about invoices"), text) }
                if columns == 60 && command == ["list"] { XCTAssertTrue(text.contains("…"), text) }
            }
        }
    }

    /// A cold whole-desk read shows a bar of how far it has come on a terminal, and nothing
    /// in a pipe or with --json.
    func testAColdReadShowsAProgressBarOnATerminalOnly() throws {
        // Folders are read a prefix at a time: 80 clients with a ticket each.
        let id = try makeDesk()
        let ticket = try read("\(folder(id))/ticket.md").replacingOccurrences(of: "client: acme", with: "client: CLIENT")
        XCTAssertTrue(ticket.contains("client: CLIENT"), ticket)
        for number in 0..<80 {
            let slug = "c\(String(format: "%03d", number))", prefix = "C\(String(format: "%03d", number))"
            try write("clients/\(slug).md", "---\nname: Client \(number)\nprefix: \(prefix)\nrate: 2000\nsite: {token: token-of-\(slug)-0000}\n---\n")
            try write("tickets/\(prefix)/\(prefix)-AAAA/ticket.md", ticket.replacingOccurrences(of: "client: CLIENT", with: "client: \(slug)")
                .replacingOccurrences(of: "project: shop", with: ""))
        }
        try git("add", "-A")
        try git("commit", "-qm", "eighty clients")
        try gitdesk("check")
        try FileManager.default.removeItem(atPath: desk + "/.git/gitdesk/index")
        let screen = try terminal(["list"], rows: 200, columns: 120, keys: "", delay: 0.2, env: ["GITDESK_PAGER": "cat"])
        XCTAssertEqual(screen.code, 0)
        XCTAssertNotNil(screen.text.range(of: #"\[[# ]{20}\] \d+/81 "#, options: .regularExpression), screen.text)
        XCTAssertTrue(screen.text.contains("C079-AAAA"), screen.text)
        try FileManager.default.removeItem(atPath: desk + "/.git/gitdesk/index")
        let piped = try gitdesk("list")
        XCTAssertFalse(piped.err.contains("[") || piped.out.contains("/81"), piped.err)
    }

    /// Statuses are accepted as they are shown, in either language, and errors list both.
    func testStatusesAsTheyAreShown() throws {
        try makeDemoDesk()
        let shown = try gitdesk("list", "--status", "в работе").out
        XCTAssertEqual(shown, try gitdesk("list", "--status", "in-progress").out)
        XCTAssertEqual(shown, try gitdesk("list", "--status", "In Progress").out)
        let new = try gitdesk("list", "--status", "new").out.split(separator: "\n").dropFirst().first.map { String($0.prefix(8)) } ?? ""
        try gitdesk("move", new, "принята", as: "boris")
        XCTAssertTrue(try read("tickets/\(new.split(separator: "-")[0])/\(new)/ticket.md").contains("status: accepted"))
        let refused = try gitdesk("move", new, "в работу", as: "boris", code: 2)
        XCTAssertTrue(refused.err.contains("in-progress (в работе)"), refused.err)
    }

    /// `init` at a terminal asks for the firm's details, one by one (Enter skips one), and
    /// writes what was typed into gitdesk.yml.
    func testInitAsksForTheFirmsDetailsAtATerminal() throws {
        try FileManager.default.createDirectory(atPath: desk, withIntermediateDirectories: true)
        // company, e-mail, then the firm's name, ИНН, КПП, ОГРН (skipped), address, signer, position, bank, БИК, account, corr. account, VAT.
        let answers = ["Гильдия", "support@guild.test", "ООО «Гильдия»", "7701234560", "770101001", "", "Москва", "Н. П. Соколов", "Директор",
                       "ПАО Сбербанк", "044525225", "40702810538000123456", "30101810400000000225", "none"]
        let screen = try terminal(["init", desk + "/new"], keys: answers.joined(separator: "\r") + "\r", delay: 1.0, timeout: 20)
        XCTAssertEqual(screen.code, 0, screen.text)
        XCTAssertTrue(screen.text.contains("ИНН"), screen.text)
        let settings = try read("gitdesk.yml", in: desk + "/new")
        for value in ["company: \"Гильдия\"", "inn: \"7701234560\"", "name: \"Н. П. Соколов\"", "correspondent-account: \"30101810400000000225\"", "ogrn: \"\""] {
            XCTAssertTrue(settings.contains(value), value)
        }
    }
}
