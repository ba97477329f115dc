import Foundation
import GitdeskCore
import XCTest

/// The git set-ups engineers have: Windows line endings, `core.autocrlf`, their own git
/// configuration, executable files, and faults (a killed writer, a person saving while a
/// write runs).
final class GitSetupTests: DeskTestCase {
    enum Style: String, CaseIterable { case lf, crlf, mixed }
    enum Method: String, CaseIterable { case commitAll, commitPath, addPatch, gitdeskLog }

    /// Lines of a work file, each with its ending (CRLF ones keep their "\r").
    private func lines(_ text: String) -> [Substring] {
        // Byte by byte: "\r\n" is one Character to Swift.
        var result = Substring(text).asciiSplit(UInt8(ascii: "\n"))
        if result.last == "" { result.removeLast() }
        return result
    }

    /// The text of `contents` (lines without endings) in a style.
    private func styled(_ contents: [String], _ style: Style) -> String {
        contents.enumerated().map { index, line in
            line + (style == .crlf || (style == .mixed && index % 2 == 1) ? "\r\n" : "\n")
        }.joined()
    }

    /// {LF, CRLF, mixed} × {autocrlf false, true, input} × {`commit -am`, `commit PATH`,
    /// `add -p`, `gitdesk log`}: each new line gets one ID that reaches the working file,
    /// no line is joined to another, `git status` and `git fsck` are clean, every line's
    /// minutes reach `show`, and the IDs stay put across two more commits.
    func testLineEndingsMatrix() throws {
        let elsewhere = try makeDesk()
        var tickets: [String] = []
        for style in Style.allCases {
            for method in Method.allCases {
                let id = try gitdesk("new", "--client", "acme", "--title", "\(style) \(method)", "--project", "shop").out
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                try gitdesk("log", id, "1h", "billable", "Base line", "--date", "2026-11-02")
                tickets.append(id)
            }
        }
        for autocrlf in ["false", "true", "input"] {
            let clone = root + "/clone-\(autocrlf)"
            try git("clone", "-q", "-c", "core.autocrlf=\(autocrlf)", desk, clone, in: root)
            try gitdesk("init", in: clone)
            var ticketIndex = 0
            for style in Style.allCases {
                for method in Method.allCases {
                    let id = tickets[ticketIndex]
                    ticketIndex += 1
                    let label = "\(style) × autocrlf=\(autocrlf) × \(method)"
                    let path = "\(folder(id))/work.md"
                    let existing = lines(try read(path, in: clone)).map { String($0.withoutCarriageReturn) }
                    var contents = existing
                    var expectedMinutes = 60
                    if method != .gitdeskLog {
                        contents += ["- 2026-11-03 alice 45m billable First by hand", "- 2026-11-04 alice 20m billable Second by hand"]
                        expectedMinutes += 65
                    }
                    try write(path, styled(contents, style), in: clone)
                    switch method {
                    case .commitAll: try git("commit", "-qam", label, in: clone)
                    case .commitPath: try git("commit", "-qm", label, "--", path, in: clone)
                    case .addPatch:
                        let added = try run("/usr/bin/git", ["add", "-p", "--", path], in: clone, input: "a\n")
                        XCTAssertEqual(added.code, 0, "\(label): \(added.err)")
                        try git("commit", "-qm", label, in: clone)
                    case .gitdeskLog:
                        // The restyled file committed first (a write refuses uncommitted edits).
                        try git("add", "--", path, in: clone)
                        if try run("/usr/bin/git", ["diff", "--cached", "--quiet"], in: clone).code != 0 {
                            try git("commit", "-qm", "restyle \(label)", in: clone)
                        }
                        try gitdesk("log", id, "25m", "billable", "Logged", "--date", "2026-11-05", in: clone)
                        expectedMinutes += 25
                    }
                    XCTAssertEqual(try git("status", "--porcelain", in: clone), "", label)
                    let working = try read(path, in: clone)
                    let workingLines = lines(working)
                    XCTAssertEqual(workingLines.count, existing.count + (method == .gitdeskLog ? 1 : 2), "\(label): \(working.debugDescription)")
                    for line in workingLines {
                        XCTAssertEqual(line.components(separatedBy: " ^w").count, 2, "\(label): one ID on \(line.debugDescription)")
                    }
                    // A CRLF file committed as CRLF (no conversion) keeps CRLF on every line.
                    if style == .crlf && autocrlf == "false" {
                        let committed = try git("show", "HEAD:\(path)", in: clone)
                        XCTAssertTrue(lines(committed).allSatisfy { $0.hasSuffix("\r") }, "\(label): \(committed.debugDescription)")
                    }
                    let shown = try gitdesk("show", id, "--json", in: clone).out
                    let work = (try JSONSerialization.jsonObject(with: Data(shown.utf8)) as? [String: Any])?["work"] as? [[String: Any]] ?? []
                    XCTAssertEqual(work.compactMap { $0["minutes"] as? Int }.reduce(0, +), expectedMinutes, label)
                    let ids = try git("show", "HEAD:\(path)", in: clone)
                    // Two more commits elsewhere: the IDs of this file do not move.
                    try gitdesk("log", elsewhere, "5m", "billable", "Elsewhere", "--date", "2026-11-06", in: clone)
                    try git("commit", "-qam", "nothing", "--allow-empty", in: clone)
                    XCTAssertEqual(try git("show", "HEAD:\(path)", in: clone), ids, label)
                    XCTAssertEqual(try git("status", "--porcelain", in: clone), "", label)
                }
            }
            let fsck = try run("/usr/bin/git", ["fsck", "--no-progress"], in: clone)
            XCTAssertEqual(fsck.code, 0, fsck.err)
            try gitdesk("check", in: clone)
        }
    }

    /// The author and committer of gitdesk's commits are the ones git names in the same
    /// environment: `GIT_CONFIG_GLOBAL` over `$HOME/.gitconfig`, `GIT_CONFIG_NOSYSTEM`,
    /// `git -c` values, and the `GIT_COMMITTER_*` variables apart from the author's.
    func testCommitsAreMadeAsGitWouldMakeThem() throws {
        let id = try makeDesk()
        try write("home/.gitconfig", "[user]\n\tname = Home Person\n\temail = bob@example.com\n", in: root)
        try write("global.gitconfig", "[user]\n\tname = Alice From Global\n\temail = alice@example.com\n", in: root)
        var environment = ["GIT_AUTHOR_NAME": "", "GIT_AUTHOR_EMAIL": "", "GIT_COMMITTER_NAME": "", "GIT_COMMITTER_EMAIL": "",
                           "GIT_CONFIG_GLOBAL": root + "/global.gitconfig"]
        func ident(_ variable: String) throws -> String {
            let text = try run("/usr/bin/git", ["var", variable], env: environment).out
            return String(text[..<text.range(of: ">")!.upperBound])
        }
        try gitdesk("log", id, "1h", "billable", "Global identity", "--date", "2026-11-03", env: environment)
        XCTAssertEqual(try git("log", "-1", "--format=%an <%ae>", env: environment).trimmingCharacters(in: .newlines), try ident("GIT_AUTHOR_IDENT"))
        XCTAssertEqual(try ident("GIT_AUTHOR_IDENT"), "Alice From Global <alice@example.com>")
        // `git -c` (what a hook is handed as GIT_CONFIG_PARAMETERS) and a separate committer.
        environment["GIT_CONFIG_PARAMETERS"] = "'user.name'='Alice Of The Moment'"
        environment["GIT_COMMITTER_NAME"] = "Robot"
        environment["GIT_COMMITTER_EMAIL"] = "robot@example.com"
        try gitdesk("log", id, "30m", "billable", "Parameters", "--date", "2026-11-03", env: environment)
        let made = try git("log", "-1", "--format=%an <%ae>|%cn <%ce>", env: environment).trimmingCharacters(in: .newlines)
        XCTAssertEqual(made, try ident("GIT_AUTHOR_IDENT") + "|" + ident("GIT_COMMITTER_IDENT"))
        XCTAssertEqual(made, "Alice Of The Moment <alice@example.com>|Robot <robot@example.com>")
    }

    /// An executable work file stays executable through the hook and through a write.
    func testFileModesAreKept() throws {
        let id = try makeDesk()
        let path = "\(folder(id))/work.md"
        try write(path, "- 2026-11-03 alice 45m billable By hand\n")
        chmod(desk + "/" + path, 0o755)
        try git("add", path)
        try git("commit", "-qm", "executable")
        let listed = try git("ls-tree", "HEAD", path)
        XCTAssertTrue(listed.hasPrefix("100755"), listed)
        try gitdesk("log", id, "30m", "billable", "Logged", "--date", "2026-11-03")
        XCTAssertTrue(try git("ls-tree", "HEAD", path).hasPrefix("100755"))
        var status = stat()
        stat(desk + "/" + path, &status)
        XCTAssertEqual(status.st_mode & 0o777, 0o755)
        XCTAssertEqual(try git("status", "--porcelain"), "")

        // check --fix keeps the mode and the CRLF ending, and a line whose ID an editor
        // dropped gets the same ID back.
        let committed = try read(path)
        let dropped = committed.replacingOccurrences(of: #" \^w[0-9a-z]+\n"#, with: "\n", options: .regularExpression)
        try write(path, dropped + "- 2026-11-04 alice 15m billable CRLF\r\n")
        chmod(desk + "/" + path, 0o755)
        try gitdesk("check", "--fix")
        let fixed = try read(path)
        XCTAssertTrue(fixed.hasPrefix(committed), fixed)
        XCTAssertTrue(fixed.hasSuffix("\r\n") && fixed.contains("CRLF ^w"), fixed)
        stat(desk + "/" + path, &status)
        XCTAssertEqual(status.st_mode & 0o777, 0o755)
    }

    /// Every index git writes: split (`core.splitIndex`, after changes, deletions and
    /// additions, so the link carries both bitmaps), sparse (`sparse-checkout --sparse-index`)
    /// and format 4. The hook numbers through `commit -am` and `commit PATH`, `log` writes,
    /// and each ends with the same entries git had, `git status` clean, `git fsck` clean and
    /// `git write-tree` equal to HEAD's tree.
    func testSplitSparseAndFormat4IndexesWork() throws {
        let id = try makeDesk()
        try gitdesk("log", id, "1h", "billable", "Base", "--date", "2026-11-02")
        let other = try gitdesk("new", "--client", "acme", "--title", "Второй", "--project", "shop").out.trimmingCharacters(in: .whitespacesAndNewlines)
        try gitdesk("log", other, "30m", "billable", "Other", "--date", "2026-11-02")
        let work = "\(folder(id))/work.md"
        let pristine = root + "/pristine"
        try FileManager.default.copyItem(atPath: desk, toPath: pristine)

        let setups: [(name: String, commands: [[String]])] = [
            ("split", [["config", "core.splitIndex", "true"], ["update-index", "--split-index"]]),
            ("sparse", [["sparse-checkout", "init", "--cone", "--sparse-index"], ["sparse-checkout", "set", "tickets/ACME", "clients", "staff", "projects", "ledger"]]),
            ("format 4", [["update-index", "--index-version", "4"]]),
        ]
        for (number, setup) in setups.enumerated() {
            let clone = root + "/setup\(number)"
            try FileManager.default.copyItem(atPath: pristine, toPath: clone)
            // The copy's files have new inodes: git refreshes its stat data first.
            try git("update-index", "-q", "--refresh", in: clone)
            for command in setup.commands { try git(command, in: clone) }
            if setup.name == "split" {
                // Replaced, deleted and added entries since the shared index.
                try write("notes/a.md", "a\n", in: clone)
                try write(".gitignore", try read(".gitignore", in: clone) + "# local\n", in: clone)
                try git("add", "notes/a.md", ".gitignore", in: clone)
                try git("rm", "-q", "--cached", "templates/ticket.md", in: clone)
                try git("commit", "-qm", "changes on a split index", in: clone)
                try git("add", "templates/ticket.md", in: clone)
                try git("commit", "-qm", "back", in: clone)
                XCTAssertTrue(try FileManager.default.contentsOfDirectory(atPath: clone + "/.git").contains { $0.hasPrefix("sharedindex.") })
            }
            if setup.name == "sparse" {
                let listed = try git("ls-files", "--sparse", in: clone)
                XCTAssertTrue(listed.split(separator: "\n").contains { $0.hasSuffix("/") }, "the index should be sparse: \(listed)")
            }
            let staged = try git("ls-files", "-s", in: clone)

            try gitdesk("show", id, in: clone)
            XCTAssertEqual(try git("ls-files", "-s", in: clone), staged, setup.name)
            try write(work, try read(work, in: clone) + "- 2026-11-03 alice 20m billable By commit -am\n", in: clone)
            try git("commit", "-qam", "am", in: clone)
            try write(work, try read(work, in: clone) + "- 2026-11-03 alice 25m billable By commit PATH\n", in: clone)
            try git("commit", "-qm", "path", work, in: clone)
            try gitdesk("log", id, "35m", "billable", "By log", "--date", "2026-11-03", in: clone)

            let committed = try git("show", "HEAD:\(work)", in: clone)
            for note in ["By commit -am", "By commit PATH", "By log"] {
                XCTAssertNotNil(committed.range(of: note + " ^w"), "\(setup.name): \(note) not numbered: \(committed)")
            }
            XCTAssertEqual(try read(work, in: clone), committed, setup.name)
            XCTAssertEqual(try git("status", "--porcelain", in: clone), "", setup.name)
            XCTAssertEqual(try run("/usr/bin/git", ["fsck", "--no-dangling"], in: clone).code, 0, setup.name)
            XCTAssertEqual(try git("write-tree", in: clone), try git("rev-parse", "HEAD^{tree}", in: clone), setup.name)
            let show = try gitdesk("show", id, "--json", in: clone).out
            XCTAssertTrue(show.contains("By commit PATH") && show.contains("By log"), setup.name)
        }
    }

    /// The hook and `check` refuse the same bytes: invalid UTF-8 and control characters in
    /// a line are refused, named by file and line, and nothing is committed.
    func testTheHookRefusesWhatCheckRefuses() throws {
        let id = try makeDesk()
        let path = "\(folder(id))/work.md"
        let cases: [(String, Data)] = [
            ("invalid UTF-8", Data("- 2026-11-03 alice 45m billable Caf".utf8) + Data([0xE9, 0x0A])),
            ("escape", Data("- 2026-11-03 alice 45m billable Red \u{1B}[31mtext\n".utf8)),
            ("bell", Data("- 2026-11-03 alice 45m billable Ring \u{07}\n".utf8)),
            ("backspace", Data("- 2026-11-03 alice 45m billable 1h\u{08}\u{08}9h\n".utf8)),
            ("C1 CSI", Data("- 2026-11-03 alice 45m billable C1 \u{9B}31m\n".utf8)),
        ]
        let before = try head()
        for (label, bytes) in cases {
            try bytes.write(to: URL(fileURLWithPath: desk + "/" + path))
            let checked = try gitdesk("check", code: 1)
            XCTAssertTrue(checked.out.contains("\(path):1") || checked.err.contains("\(path):1"), "\(label): \(checked.out)\(checked.err)")
            try git("add", path)
            let commit = try run("/usr/bin/git", ["commit", "-qm", label])
            XCTAssertNotEqual(commit.code, 0, label)
            XCTAssertTrue((commit.out + commit.err).contains("\(path):1"), "\(label): \(commit.out)\(commit.err)")
            XCTAssertEqual(try head(), before, label)
            // The bytes are left as they were: nothing replaced them with U+FFFD or numbered them.
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: desk + "/" + path)), bytes, label)
        }
    }

    /// A killed writer's temporary file does not fail `check`; the next write in that folder
    /// removes it.
    func testAKilledWritersTemporaryFileIsCleanedUp() throws {
        let id = try makeDesk()
        try gitdesk("log", id, "1h", "billable", "First", "--date", "2026-11-03")
        // What a writer killed between writing and renaming leaves (its process long gone).
        let leftovers = [".work.md.gitdesk-999999-12345.tmp", ".dat.nosyncab12.xyz"]
        for name in leftovers { try write("\(folder(id))/\(name)", "- half a line") }
        let old = Date().addingTimeInterval(-3600)
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: desk + "/\(folder(id))/.dat.nosyncab12.xyz")
        try gitdesk("check")
        try gitdesk("log", id, "30m", "billable", "Second", "--date", "2026-11-03")
        for name in leftovers { XCTAssertFalse(FileManager.default.fileExists(atPath: desk + "/\(folder(id))/\(name)"), name) }
        // A leftover is ignored by git too (the desk's .gitignore).
        try write("\(folder(id))/.work.md.gitdesk-999999-1.tmp", "x")
        XCTAssertEqual(try git("status", "--porcelain"), "")
    }

    /// A person who saves a file while `log` writes it loses nothing: either the write lands
    /// first and the person's editor saves over a file holding it, or the write refuses
    /// (exit 1, the file named). Seeded rounds of a person appending a line while `log` runs.
    func testAHandEditDuringAWriteIsNeverOverwritten() throws {
        let id = try makeDesk()
        let path = "\(folder(id))/work.md"
        try gitdesk("log", id, "1h", "billable", "Base", "--date", "2026-11-03")
        var generator = SystemRandomNumberGenerator()
        var refused = 0, landed = 0
        for round in 0..<20 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.binary)
            process.arguments = ["log", id, "5m", "billable", "Round \(round)", "--date", "2026-11-04"]
            process.currentDirectoryURL = URL(fileURLWithPath: desk)
            process.environment = environment(as: "alice")
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = Pipe()
            try process.run()
            usleep(UInt32.random(in: 0...150_000, using: &generator))
            // The person's editor: reads the file, adds a line, saves it whole.
            let hand = "- 2026-11-04 alice 1m billable Hand \(round)"
            let current = try read(path)
            try write(path, current + hand + "\n")
            process.waitUntilExit()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let final = try read(path)
            XCTAssertTrue(final.contains("Hand \(round)"), "round \(round): the person's line was lost: \(final)")
            if process.terminationStatus == 0 {
                landed += 1
                XCTAssertTrue(try git("show", "HEAD:\(path)").contains("Round \(round)"))
            } else {
                refused += 1
                XCTAssertTrue(message.contains(path), message)
            }
            // The person commits what they saved; the desk stays whole.
            let committed = try run("/usr/bin/git", ["commit", "-qam", "hand \(round)"])
            XCTAssertEqual(committed.code, 0, "\(committed.err) \((try? FileManager.default.contentsOfDirectory(atPath: desk + "/.git")) ?? [])")
            XCTAssertTrue(try git("show", "HEAD:\(path)").contains("Hand \(round)"))
        }
        XCTAssertEqual(landed + refused, 20)
        try gitdesk("check")
    }

    /// Commits from any time git accepts (before 1970, at 0, far before the year 1000) are
    /// read by every command; none crashes.
    func testAnyCommitTimeIsRead() throws {
        let id = try makeDesk()
        for (index, time) in ["-100 +0000", "0 +0000", "-99999999999 +0000", "253402300800 -2400"].enumerated() {
            try write("\(folder(id))/work.md", ((try? read("\(folder(id))/work.md")) ?? "") + "- 2026-11-0\(index + 3) alice 5m billable Time \(index) ^wtime0\(index)\n")
            try git("add", "-A")
            let tree = try git("write-tree").trimmingCharacters(in: .newlines)
            let object = "tree \(tree)\nparent \(try head())\nauthor Alice <alice@example.com> \(time)\ncommitter Alice <alice@example.com> \(time)\n\ntime \(index)\n"
            let made = try run("/usr/bin/git", ["hash-object", "-t", "commit", "--literally", "-w", "--stdin"], input: object)
            try git("update-ref", "HEAD", made.out.trimmingCharacters(in: .newlines))
        }
        for command in [["audit", "acme", "--period", "2026-11"], ["show", id], ["balance"], ["sla"], ["report", "--period", "2026-11"], ["check"]] {
            let result = try run(Self.binary, command)
            XCTAssertTrue([0, 1].contains(result.code), "\(command): exit \(result.code) \(result.err.prefix(300))")
        }
        XCTAssertTrue(try gitdesk("audit", "acme", "--period", "2026-11", "--locale", "en").out.contains("1000-01-02"))
    }

    /// `init --locale en` (or `GITDESK_LOCALE=en`) makes an English desk.
    func testInitInEitherLanguage() throws {
        try gitdesk("init", "--locale", "en", desk, in: root)
        XCTAssertTrue(try read("gitdesk.yml").contains("\nlocale: en\n"))
        let other = root + "/other"
        try gitdesk("init", other, in: root, env: ["GITDESK_LOCALE": "en"])
        XCTAssertTrue(try read("gitdesk.yml", in: other).contains("\nlocale: en\n"))
        let checked = try gitdesk("check", in: other)
        XCTAssertTrue((checked.out + checked.err).contains("The desk is valid."), checked.out + checked.err)
        XCTAssertEqual(try gitdesk("init", "--locale", "fr", root + "/third", in: root, code: 2).code, 2)

        // The ticket template and the calendar follow the desk's language.
        XCTAssertTrue(try read("templates/ticket.md").hasPrefix("## What is asked"))
        XCTAssertTrue(try read("gitdesk.yml").contains("  production: none\n"))
        let russian = root + "/russian"
        try gitdesk("init", russian, in: root)
        XCTAssertTrue(try read("templates/ticket.md", in: russian).hasPrefix("## Что нужно сделать"))
        XCTAssertTrue(try read("gitdesk.yml", in: russian).contains("  production: ru\n"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: russian + "/templates/ticket.ru.md"))
        try gitdesk("client", "add", "acme", "--name", "Acme", "--prefix", "ACME", "--rate", "2000", in: russian)
        let id = try gitdesk("new", "--client", "acme", "--title", "Печать", in: russian).out.trimmingCharacters(in: .whitespacesAndNewlines)
        let shown = try gitdesk("show", id, in: russian).out
        XCTAssertTrue(shown.contains("## Что нужно сделать") && !shown.contains("What is asked"), shown)
    }
}
