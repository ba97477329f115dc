import Foundation
import XCTest

/// A Russian desk speaks Russian, an English run or client English; the command line keeps
/// its users' habits (colour, pager, completions, one error style, IDs in any case).
final class LanguageTests: DeskTestCase {
    /// Every text command of the demo desk, as the golden files under `Golden/` hold it, in
    /// both languages (UPDATE_SNAPSHOTS=1 accepts a change). Times are pinned with --now.
    static let goldenCommands: [(name: String, args: [String])] = [
        ("list", ["list", "--open"]),
        ("balance", ["balance"]),
        ("report", ["report", "--period", "2026-10"]),
        ("report-by-kind", ["report", "--period", "2026-11", "--by", "kind"]),
        ("show", ["show", "VEC-5H1R"]),
        ("plan", ["plan", "--week", "2026-W48", "--now", "2026-11-25T12:00"]),
        ("sla", ["sla", "--now", "2026-11-28T18:00"]),
        ("sla-figures", ["sla", "--period", "2026-11", "--now", "2026-11-28T18:00"]),
        ("remind", ["remind", "--now", "2026-11-28T18:00"]),
        ("check", ["check"]),
        ("client-list", ["client", "list"]),
        ("staff-list", ["staff", "list"]),
        ("project-list", ["project", "list"]),
        ("dispute-list", ["dispute", "list"]),
        ("audit", ["audit", "vector", "--period", "2026-11"]),
        ("statement", ["statement", "romashka", "--period", "2026-11"]),
        ("wiki", ["wiki", "erp"]),
    ]

    func testGoldenOutputsOfEveryCommandInRussianAndEnglish() throws {
        try makeDemoDesk()
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
        for language in ["ru", "en"] {
            for (name, args) in Self.goldenCommands {
                let result = try run(Self.binary, args + ["--locale", language])
                XCTAssertTrue([0, 1].contains(result.code), "\(args): \(result.err)")
                let text = "$ gitdesk \(args.joined(separator: " ")) --locale \(language)\n" + result.out
                    + (result.err.isEmpty ? "" : "[stderr]\n" + result.err) + "[exit \(result.code)]\n"
                XCTAssertFalse(text.contains("\u{1B}"), "\(name): escape codes in piped output")
                let file = golden.appendingPathComponent("\(language)/\(name).txt")
                if ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] != nil {
                    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try text.write(to: file, atomically: true, encoding: .utf8)
                }
                XCTAssertEqual(text, try String(contentsOf: file, encoding: .utf8), "\(language)/\(name): run with UPDATE_SNAPSHOTS=1 to accept a change")
            }
        }
    }

    /// Words the Russian output must never show: the files' English values and durations.
    private let english = ["in-progress", "needs-testing", "waiting-client", "estimate-sent", "on-hold", "urgent", "pending",
                           "billable", "overdue", "Economics", "hours logged", "Status history"]
    private let englishDuration = try! NSRegularExpression(pattern: "\\b[0-9]+h([0-9]+m)?\\b|\\b[0-9]+m\\b")

    private func assertRussian(_ text: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        for word in english { XCTAssertFalse(text.contains(word), "\(what): '\(word)'", file: file, line: line) }
        let range = NSRange(text.startIndex..., in: text)
        if let match = englishDuration.firstMatch(in: text, range: range) {
            XCTFail("\(what): English duration '\((text as NSString).substring(with: match.range))'", file: file, line: line)
        }
    }

    /// The text a page shows: its tags, scripts and styles taken out.
    private func visibleText(_ html: String) -> String {
        html.replacingOccurrences(of: "<(script|style)[^>]*>[\\s\\S]*?</\\1>", with: " ", options: .regularExpression)
            .replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
    }

    func testARussianSiteAndReportShowNoEnglishValuesAndAnEnglishClientGetsEnglish() throws {
        try makeDemoDesk()
        for args in [["report", "--period", "2026-11"], ["show", "VEC-2B6N"], ["list", "--open"], ["sla", "--now", "2026-11-28T18:00"]] {
            assertRussian(try run(Self.binary, args).out, args.joined(separator: " "))
        }
        try gitdesk("site", "--out", root + "/out")
        let folders = try FileManager.default.contentsOfDirectory(atPath: root + "/out")
        var checkedPages = 0
        for folder in folders where folder.hasPrefix("romashka") || folder.hasPrefix("vector") {
            let enumerator = FileManager.default.enumerator(atPath: root + "/out/" + folder)!
            for case let path as String in enumerator where path.hasSuffix(".html") {
                assertRussian(visibleText(try read(root + "/out/\(folder)/\(path)", in: "/")), "\(folder)/\(path)")
                checkedPages += 1
            }
        }
        XCTAssertGreaterThan(checkedPages, 10)
        // Northwind's card says `locale: en`: its site is in English, with English money.
        let northwind = folders.first { $0.hasPrefix("northwind") }!
        let overview = try read(root + "/out/\(northwind)/index.html", in: "/")
        XCTAssertTrue(overview.contains("<html lang=\"en\""), overview)
        XCTAssertTrue(overview.contains("Open tickets") && overview.contains("₽33,000.00"), overview)
        // A run may ask for one language for every client.
        try gitdesk("site", "--out", root + "/english", "--locale", "en")
        let romashka = try FileManager.default.contentsOfDirectory(atPath: root + "/english").first { $0.hasPrefix("romashka") }!
        XCTAssertTrue(try read(root + "/english/\(romashka)/index.html", in: "/").contains("Open tickets"))
        // Money never breaks inside a narrow column: groups are joined by no-break spaces.
        XCTAssertTrue(try gitdesk("balance").out.contains("157\u{00A0}500,00\u{00A0}₽"))
        try gitdesk("list", "--locale", "de", code: 2)
        try gitdesk("list", code: 2, env: ["GITDESK_LOCALE": "fr"])
        XCTAssertTrue(try gitdesk("list", "--open", env: ["GITDESK_LOCALE": "en"]).out.contains("in progress"))
    }

    /// On a terminal (through `script`) overdue clocks are red; NO_COLOR and a pipe give plain text.
    func testColourOnATerminalOnlyAndThePager() throws {
        try makeDemoDesk()
        func terminal(_ command: String, env: [String: String] = [:]) throws -> String {
            try run("/usr/bin/script", ["-qec", "\(Self.binary) \(command)", "/dev/null"], env: ["TERM": "xterm", "GITDESK_PAGER": "cat"].merging(env) { $1 }).out
        }
        let coloured = try terminal("sla --now 2026-11-28T18:00")
        XCTAssertTrue(coloured.contains("\u{1B}[31m"), coloured)
        // (The terminal still gets the progress line's erase code; NO_COLOR is about colour.)
        let plain = try terminal("sla --now 2026-11-28T18:00", env: ["NO_COLOR": "1"])
        XCTAssertFalse(plain.contains("\u{1B}[31m") || plain.contains("\u{1B}[1m"), plain)
        XCTAssertTrue(plain.contains("просрочено"), plain)
        XCTAssertFalse(try run(Self.binary, ["sla", "--now", "2026-11-28T18:00"]).out.contains("\u{1B}["))
        // Long output on a terminal goes through the pager ($GITDESK_PAGER, else $PAGER, else less).
        let paged = root + "/paged.txt"
        _ = try terminal("list --open", env: ["GITDESK_PAGER": "sed -n p > \(paged)", "NO_COLOR": "1"])
        XCTAssertTrue(try read(paged, in: "/").contains("ROM-3M9D"))
        // A pipe never gets one.
        try? FileManager.default.removeItem(atPath: paged)
        XCTAssertTrue(try gitdesk("list", "--open", env: ["GITDESK_PAGER": "sed -n p > \(paged)"]).out.contains("ROM-3M9D"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: paged))
    }

    /// A Russian help page keeps the parser's two columns: the placeholders are other words
    /// than the parser measured, and every option's text still starts at one column.
    func testRussianHelpKeepsItsColumns() throws {
        for command in [["site", "--help"], ["dispute", "open", "--help"], ["log", "--help"], ["statement", "--help"]] {
            let help = try gitdesk(command, in: root, env: ["GITDESK_LOCALE": "ru"]).out
            XCTAssertTrue(help.contains("<папка>"), help)
            let columns = help.split(separator: "\n").filter { $0.hasPrefix("  -") || $0.hasPrefix("  <") }.compactMap { line -> Int? in
                line.range(of: #"\S {2,}\S"#, options: .regularExpression).map { line.distance(from: line.startIndex, to: $0.upperBound) }
            }
            XCTAssertGreaterThan(columns.count, 2, help)
            XCTAssertEqual(Set(columns).count, 1, help)
        }
    }

    /// Findings come before the summary line when both streams go to one pipe.
    func testFindingsBeforeTheSummaryWhenPiped() throws {
        let id = try makeDesk()
        try write("\(folder(id))/work.md", "- 2026-11-03 alice 1h dancing Nope\n")
        let both = try run("/bin/sh", ["-c", "\(Self.binary) check --locale en 2>&1"])
        XCTAssertEqual(both.code, 1)
        let finding = both.out.range(of: "unknown kind 'dancing'"), summary = both.out.range(of: "1\u{00A0}finding found.")
        XCTAssertNotNil(finding, both.out)
        XCTAssertNotNil(summary, both.out)
        if let finding, let summary { XCTAssertLessThan(finding.lowerBound, summary.lowerBound, both.out) }
    }

    func testCompletionsOfferTheDesksOwnValues() throws {
        let id = try makeDesk()
        func complete(_ args: [String], in directory: String? = nil) throws -> [String] {
            try run(Self.binary, ["---completion"] + args, in: directory).out.split(separator: "\n").map(String.init)
        }
        XCTAssertEqual(try complete(["show", "--", "positional@0", "2", "0", "gitdesk", "show", ""]), [id])
        XCTAssertEqual(try complete(["show", "--", "positional@0", "2", "2", "gitdesk", "show", "ac"]), [id])
        XCTAssertEqual(try complete(["log", "--", "--as", "4", "0", "gitdesk", "log", id, "--as", ""]), ["alice", "bob", "tess"])
        XCTAssertTrue(try complete(["move", "--", "positional@1", "3", "0", "gitdesk", "move", id, ""]).contains("in-progress"))
        // What is shown is offered too, one word for the shell, and accepted as typed.
        XCTAssertEqual(try complete(["move", "--", "positional@1", "3", "1", "gitdesk", "move", id, "в"]), ["в-работе", "выполнена"])
        XCTAssertTrue(try complete(["log", "--", "positional@2", "4", "0", "gitdesk", "log", id, "1h", "опл"]).contains("оплачиваемая-работа"))
        try gitdesk("move", id, "в-работе", "--assign", "alice")
        XCTAssertTrue(try read("\(folder(id))/ticket.md").contains("status: in-progress"))
        XCTAssertEqual(try complete(["balance", "--", "positional@0", "2", "0", "gitdesk", "balance", ""]), ["acme"])
        XCTAssertTrue(try complete(["log", "--", "positional@2", "4", "0", "gitdesk", "log", id, "1h", ""]).contains("our-fault"))
        // --desk on the line names the desk; outside any desk nothing is offered.
        XCTAssertEqual(try complete(["balance", "--", "positional@0", "4", "0", "gitdesk", "balance", "--desk", desk, ""], in: root), ["acme"])
        XCTAssertEqual(try complete(["balance", "--", "positional@0", "2", "0", "gitdesk", "balance", ""], in: root), [])
        // The generated script calls back into gitdesk for them.
        XCTAssertTrue(try gitdesk("--generate-completion-script", "bash").out.contains("---completion show -- positional@0"))
    }

    func testOneErrorStyleWithHintsAndSuggestions() throws {
        let id = try makeDesk()
        // A Russian desk says it in Russian, as git does in a Russian locale ("ошибка:", "подсказка:").
        let mistyped = try gitdesk("lsit", code: 2)
        XCTAssertEqual(mistyped.err, "ошибка: 'lsit' — не команда gitdesk\nподсказка: может быть, 'gitdesk list' или 'gitdesk init' или 'gitdesk site'?\n")
        XCTAssertTrue(try gitdesk("client", "lst", code: 2).err.contains("подсказка: может быть, 'gitdesk client list'?"))
        let staff = try gitdesk("log", id, "1h", "billable", "--as", "bob2", "x", code: 1).err
        XCTAssertTrue(staff.hasPrefix("ошибка: нет сотрудника 'bob2'\nподсказка: 'gitdesk staff list'"), staff)
        let txn = try gitdesk("dispute", "open", "^w000000", "--reason", "x", code: 1).err
        XCTAssertTrue(txn.contains("ошибка: нет проводки ^w000000\nподсказка:") && txn.contains("gitdesk audit"), txn)
        let usage = try gitdesk("report", "--by", "mood", code: 2).err
        XCTAssertTrue(usage.hasPrefix("ошибка: --by должен быть одним из: person, client,") && usage.contains("\nподсказка: "), usage)
        XCTAssertTrue(try gitdesk("list", "--bogus", code: 2).err.hasPrefix("ошибка: "))
        // The same in English for the run that asks, before the desk is opened or after.
        let english = try gitdesk("lsit", code: 2, env: ["GITDESK_LOCALE": "en"]).err
        XCTAssertEqual(english, "error: 'lsit' is not a gitdesk command\nhint: did you mean 'gitdesk list' or 'gitdesk init' or 'gitdesk site'?\n")
        let staffInEnglish = try gitdesk("log", id, "1h", "billable", "--as", "bob2", "x", "--locale", "en", code: 1).err
        XCTAssertTrue(staffInEnglish.hasPrefix("error: no staff member 'bob2'\nhint: 'gitdesk staff list'"), staffInEnglish)
        XCTAssertTrue(try gitdesk("report", "--by", "mood", code: 2, env: ["GITDESK_LOCALE": "en"]).err.hasPrefix("error: --by must be person, client, "))
        // Outside a desk there is no locale to read: Russian, the default desk's language.
        XCTAssertTrue(try gitdesk("list", in: root, code: 1).err.hasPrefix("ошибка: не в git-репозитории"))
        for result in [mistyped.err, staff, txn, usage, english, staffInEnglish] {
            XCTAssertFalse(result.contains("usage error:") || result.contains("refused:") || result.contains("Error:"), result)
        }
    }

    func testEveryEnumeratedValueIsRefusedWithTheValidOnes() throws {
        let id = try makeDesk()
        let priority = try gitdesk("new", "--client", "acme", "--title", "T", "--priority", "asap", code: 1).err
        XCTAssertTrue(priority.contains("неизвестный приоритет 'asap' (приоритеты: urgent, high, normal, low"), priority)
        let channel = try gitdesk("new", "--client", "acme", "--title", "T", "--channel", "fax", code: 1).err
        XCTAssertTrue(channel.contains("неизвестный канал 'fax' (каналы: email, phone, chat, portal, visit)"), channel)
        let category = try gitdesk("new", "--client", "acme", "--title", "T", "--category", "gossip", code: 1).err
        XCTAssertTrue(category.contains("неизвестная категория 'gossip' (категории: incident,"), category)
        // Statuses are listed as the files spell them and as they are shown (both are accepted).
        XCTAssertTrue(try gitdesk("list", "--status", "nonsense", code: 2).err.contains("статусы: new (новая), accepted (принята)"))
        XCTAssertTrue(try gitdesk("log", id, "1h", "dancing", "x", code: 2).err.contains("виды: billable, testing"))
        XCTAssertTrue(try gitdesk("move", id, "nonsense", code: 2).err.contains("неизвестный статус 'nonsense' (статусы: new (новая), accepted (принята)"))
        // Typed in the editor and committed with plain git: a finding with file and line, in
        // the run's language; in JSON always in English.
        try write("\(folder(id))/ticket.md", try read("\(folder(id))/ticket.md").replacingOccurrences(of: "channel: email", with: "channel: fax"))
        let check = try gitdesk("check", code: 1).out
        XCTAssertTrue(check.contains("\(folder(id))/ticket.md:") && check.contains("неизвестный канал 'fax'"), check)
        XCTAssertTrue(try gitdesk("check", "--locale", "en", code: 1).out.contains("unknown channel 'fax' (channels: email,"))
        XCTAssertTrue(try gitdesk("check", "--json", code: 1).out.contains("unknown channel 'fax'"))
    }

    /// Every finding of a desk broken in many ways at once, committed with plain git, reads
    /// in Russian on a Russian desk and in English when asked: no line is left untranslated.
    func testEveryFindingSpeaksTheDesksLanguage() throws {
        let id = try makeDesk()
        let work = "- 2026-11-03 zed 1h billable who ^wa2\n- 2026-11-03 alice 1h gossip what ^wa3\n- 2026-02-30 alice 1h billable when ^wa4\n"
            + "- 2026-11-03 alice 90m0 billable how ^wa5\n- 2026-11-03 alice 25h billable long ^wa6\n- 2026-11-03 alice 1h billable @ghost x ^wa7\nnot a line\n"
        try write("\(folder(id))/work.md", work)
        try write("\(folder(id))/ticket.md", try read("\(folder(id))/ticket.md")
            .replacingOccurrences(of: "status: new", with: "status: pondering\nassignee: nobody"))
        try write("ledger/acme.md", "- 2026-11-03 gift 10.00 x ^la1\n- 2026-11-03 payment -5 x ^la2\n")
        try write("disputes/acme.md", "- 2026-11-03 open wzzzzzz Too long\n")
        try write("staff/eve.md", "---\nname: Eve\nemail: alice@example.com\nrole: wizard\n---\n")
        try write("tickets/stray.md", "x")
        try git("add", "-A")
        try git("commit", "-q", "--no-verify", "-m", "broken by hand")
        let russian = try gitdesk("check", code: 1).out.split(separator: "\n").filter { $0.contains(": ") }
        XCTAssertGreaterThan(russian.count, 8, russian.joined(separator: "\n"))
        // Every line of a line file that does not parse is named, not only the first.
        XCTAssertEqual(russian.filter { $0.hasPrefix("ledger/acme.md:") }.count, 2, russian.joined(separator: "\n"))
        for line in russian {
            XCTAssertTrue(line.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) }, "untranslated: \(line)")
        }
        let english = try gitdesk("check", "--locale", "en", code: 1).out.split(separator: "\n").filter { $0.contains(": ") }
        XCTAssertEqual(english.count, russian.count)
        for line in english { XCTAssertFalse(line.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) }, "not English: \(line)") }
    }

    func testIDsInAnyCase() throws {
        let id = try makeDesk()
        XCTAssertTrue(try gitdesk("show", id.lowercased()).out.hasPrefix(id))
        let logged = try gitdesk("log", id.lowercased(), "1h", "billable", "Lower case").out
        let txn = String(logged.split(separator: "^").last!.prefix(7))
        try gitdesk("dispute", "open", "^" + txn.uppercased(), "--reason", "Too long")
        XCTAssertTrue(try gitdesk("dispute", "list").out.contains("^" + txn))
    }

    func testNewEditKeepsTheTextWhenRefused() throws {
        try makeDesk()
        let editor = root + "/editor.sh"
        try "#!/bin/sh\nsed -i 's/priority: normal/priority: asap/; s/^$/My careful description/' \"$1\"\n".write(toFile: editor, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: editor)
        let refused = try gitdesk("new", "--client", "acme", "--title", "Edited", "--edit", code: 1, env: ["EDITOR": editor, "VISUAL": ""])
        XCTAssertTrue(refused.err.contains("неизвестный приоритет 'asap'"), refused.err)
        let kept = desk + "/.git/GITDESK_NEW_TICKET.md"
        XCTAssertTrue(refused.err.contains(kept), refused.err)
        XCTAssertTrue(try read(kept, in: "/").contains("My careful description"))
    }

    func testASiteInsideTheDeskStaysOutOfItsCommits() throws {
        try makeDesk()
        try gitdesk("site", "--out", "public")
        XCTAssertTrue(FileManager.default.fileExists(atPath: desk + "/public"))
        XCTAssertTrue(try read(".git/info/exclude").contains("/public/"))
        XCTAssertEqual(try git("status", "--porcelain"), "")
        try gitdesk("site", "--out", "public")
        XCTAssertEqual(try read(".git/info/exclude").components(separatedBy: "/public/").count, 2, "added once")
    }

    /// Names a help page or argument error may show in either language: commands, values
    /// (statuses, kinds, roles, channels, formats), the example desk's slugs and logins,
    /// file and program names. Any other word of the other language fails the test.
    static let names: Set<String> = [
        "gitdesk", "git", "help", "ru", "en", "JSON", "CSV", "BOM", "UTF-8", "QR", "Windows", "DOS", "none", "SLA", "SVG", "ISO", "HTML", "PDF", "Telegram", "Desktop", "Chromium",
        "headless", "hledger", "maildir", "Maildir", "mbox", "eml", "NO_COLOR", "EDITOR", "HEAD", "ID", "IDs", "origin", "main", "tags",
        "md", "csv", "json", "html", "pdf", "text", "ledger", "journal", "bs", "f", "cd", "echo",
        "billable", "help", "learning", "internal", "engineer", "lead", "intake", "tester", "low", "normal", "high", "urgent", "vip",
        "email", "phone", "chat", "portal", "new", "in-progress", "needs-testing", "done", "closed", "cancelled", "person", "client",
        "project", "kind", "ticket", "day", "service", "wiki", "message", "late", "edited", "deleted", "disputed", "accept", "waive",
        "romashka", "vector", "shop", "alice", "bob", "olga", "mydesk", "public", "srv", "tmp", "demo", "result", "inbox", "movements",
        "desk", "act", "file", "firm", "example", "pre-commit", "post-commit", "post-merge", "post-rewrite", "rebase", "merge", "work",
        "locale", "push", "h", "m", "d", "T", "W", "A", "B", "L", "O", "P", "M", "D", "ROM", "VEC", "w", "p", "dashboard", "index", "sharedindex",
    ]

    /// Every command's help page and a set of argument errors, in both languages: each shows
    /// examples and says everything in the run's language — the parser's headings, fixed
    /// lines, value placeholders and errors included. A Russian page may hold no English word
    /// but the names above; an English one no Russian at all.
    func testEveryHelpPageAndArgumentErrorSpeaksOneLanguage() throws {
        var commands: Set<String> = []
        func subcommands(_ help: String) -> [String] {
            guard let section = help.components(separatedBy: "\nКОМАНДЫ:\n").dropFirst().first else { return [] }
            // Each subcommand starts a line two spaces in; wrapped abstracts are indented further.
            return section.split(separator: "\n", omittingEmptySubsequences: false).prefix { !$0.isEmpty }.compactMap { line in
                guard line.hasPrefix("  "), !line.hasPrefix("   "), let first = line.split(separator: " ").first else { return nil }
                return String(first)
            }.filter { $0 != "help" && $0.allSatisfy { $0.isLowercase || $0 == "-" } }
        }
        func englishWords(_ text: String) -> Set<String> {
            var found: Set<String> = []
            for line in text.split(separator: "\n") {
                // Options, placeholders, variables, paths, addresses, IDs and quoted commands are syntax.
                let syntax = #"'[^']*'|(?<![\w-])--?[A-Za-z][A-Za-z-]*|<[^>]*>|\$[A-Z_]+|\S*[/.@^%~*]\S*|\S*\d\S*"#
                let stripped = String(line).replacingOccurrences(of: syntax, with: " ", options: .regularExpression)
                for word in stripped.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0 == "-" || $0 == "_")) }) {
                    let name = word.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
                    if !name.isEmpty, !Self.names.contains(name), !commands.contains(name) { found.insert(name) }
                }
            }
            return found
        }
        var queue: [[String]] = [[]], seen = 0
        var pages: [(path: [String], ru: String)] = []
        while let path = queue.popLast() {
            let help = try gitdesk(path + ["--help"], in: root).out
            let name = "gitdesk \(path.joined(separator: " ")) --help"
            XCTAssertTrue(help.contains("Примеры:") && help.hasPrefix("ОПИСАНИЕ: ") && help.contains("\nВЫЗОВ: "), "\(name):\n\(help)")
            let english = try gitdesk(path + ["--help"], in: root, env: ["GITDESK_LOCALE": "en"]).out
            XCTAssertTrue(english.contains("Examples:") && english.hasPrefix("OVERVIEW: "), english)
            let cyrillic = english.unicodeScalars.first { (0x0400...0x04FF).contains($0.value) }
            XCTAssertNil(cyrillic, "\(name) in English holds Russian:\n\(english)")
            pages.append((path, help))
            commands.formUnion(path)
            seen += 1
            let children = subcommands(help)
            commands.formUnion(children)
            queue += children.map { path + [$0] }
        }
        XCTAssertGreaterThan(seen, 40)
        for (path, help) in pages {
            XCTAssertEqual(englishWords(help), [], "gitdesk \(path.joined(separator: " ")) --help:\n\(help)")
        }

        // The parser's own errors, each in both languages.
        let id = try makeDesk()
        let mistakes: [[String]] = [
            ["list", "--bogus"], ["log"], ["log", id], ["search", "x", "--limit", "many"], ["list", "extra"],
            ["balance", "--as-of"], ["client", "add"], ["report", "--by"], ["new", "--title", "x"], ["list", "-z"],
        ]
        for arguments in mistakes {
            let russian = try run(Self.binary, arguments)
            XCTAssertNotEqual(russian.code, 0, arguments.joined(separator: " "))
            let message = russian.err + russian.out
            XCTAssertEqual(englishWords(message), [], "gitdesk \(arguments.joined(separator: " ")):\n\(message)")
            let english = try run(Self.binary, arguments, env: ["GITDESK_LOCALE": "en"])
            let cyrillic = (english.err + english.out).unicodeScalars.first { (0x0400...0x04FF).contains($0.value) }
            XCTAssertNil(cyrillic, "gitdesk \(arguments.joined(separator: " ")) in English:\n\(english.err)")
        }
    }
    /// The words commands print themselves: category names, search labels, dispute results,
    /// reminder names in English, counts that need no case agreement.
    func testCommandsSayValuesInTheDesksLanguage() throws {
        try makeDemoDesk()
        let boris = ["GIT_AUTHOR_EMAIL": "boris@guild.example", "GIT_COMMITTER_EMAIL": "boris@guild.example"]
        XCTAssertTrue(try gitdesk("show", "ROM-3M9D").out.contains("категория: печать"))
        let show = try gitdesk("show", "ROM-3M9D").out
        XCTAssertFalse(show.contains("через"), show)
        // The README's example finds the demo's printing ticket, and every search the README
        // shows finds something on the demo desk.
        XCTAssertTrue(try gitdesk("search", "печать", "счёта").out.contains("ROM-3M9D"))
        let readme = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md"), encoding: .utf8)
        let examples = readme.split(separator: "\n").filter { $0.hasPrefix("gitdesk search ") }
            .map { $0.dropFirst("gitdesk search ".count).components(separatedBy: "#")[0].split(separator: " ").map(String.init) }
        XCTAssertFalse(examples.isEmpty)
        for words in examples { XCTAssertFalse(try gitdesk(["search"] + words).out.isEmpty, "gitdesk search \(words.joined(separator: " "))") }
        let search = try gitdesk("search", "печати").out
        XCTAssertTrue(search.contains("  заявка  ") && search.contains("  сообщение  ") && !search.contains("  ticket  "), search)
        let remind = try run(Self.binary, ["remind", "--now", "2026-11-28T18:00", "--locale", "en"]).out
        for key in ["estimate-nudge", "idle-in-progress", "client-waiting", "not-taken"] { XCTAssertFalse(remind.contains(key + ":"), remind) }
        XCTAssertTrue(remind.contains("the client is waiting:"), remind)

        // A dispute says what it did; settled again, it never gives back more than the charge.
        let before = try gitdesk("balance", "romashka", "--json").out
        XCTAssertEqual(try gitdesk("dispute", "open", "^we0e04a", "--reason", "Долго", env: boris).out, "Спор по ^we0e04a открыт: Долго\n")
        let resolved = try gitdesk("dispute", "resolve", "^we0e04a", "--adjust", "30m", env: boris).out
        XCTAssertEqual(resolved, "Спор по ^we0e04a решён: исправлено (30\u{00A0}мин); клиенту возвращено 550,00\u{00A0}₽\n")
        try gitdesk("dispute", "open", "^we0e04a", "--reason", "Снова", env: boris)
        XCTAssertTrue(try gitdesk("dispute", "resolve", "^we0e04a", "--waive", env: boris).out.contains("возвращено 1\u{00A0}100,00"))
        try gitdesk("dispute", "open", "^we0e04a", "--reason", "Ещё раз", env: boris)
        XCTAssertFalse(try gitdesk("dispute", "resolve", "^we0e04a", "--waive", env: boris).out.contains("возвращено"))
        let json = { (text: String) in minor((try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])?.first?["balance"]) }
        XCTAssertEqual(json(try gitdesk("balance", "romashka", "--json").out)! - json(before)!, 165_000, "the 1 650,00 charge given back once")
        try gitdesk("check")

        // A libgit2 failure is said in the desk's language, libgit2's own words after it.
        try write(".git/index", "DIRC garbage")
        let failure = try gitdesk("log", "ROM-3M9D", "15m", "billable", "x", code: 1, env: boris).err
        XCTAssertTrue(failure.hasPrefix("ошибка: ошибка индекса git (libgit2: ") && failure.contains("\nподсказка: "), failure)
    }
}
