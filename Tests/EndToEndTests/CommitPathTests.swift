import Foundation
import XCTest
import GitdeskCore

/// The engineer's commit with plain git: the hook checks and numbers what is committed in
/// every way git commits, clones are set up by `init`, and transaction files merge by ^ID.
final class CommitPathTests: DeskTestCase {
    let bad = "- 2026-11-28 alice 4x5m billabel Broken\n"
    let good = "- 2026-11-28 alice 45m billable Written by hand\n"

    /// A desk with one logged line, so the ticket's work.md is tracked.
    func makeWorkedDesk() throws -> (id: String, path: String) {
        let id = try makeDesk()
        try gitdesk("log", id, "1h", "billable", "First", "--date", "2026-11-02")
        return (id, "\(folder(id))/work.md")
    }

    func commitCount(in directory: String? = nil) throws -> String {
        try git("rev-list", "--count", "HEAD", in: directory).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Each way of committing: how to make it commit `path` after `text` was appended.
    let styles: [(name: String, commit: (CommitPathTests, String, String) throws -> Int32)] = [
        ("add + commit", { test, directory, path in
            try test.git("add", path, in: directory)
            return try test.run("/usr/bin/git", ["commit", "-qm", "x"], in: directory).code
        }),
        ("commit -a", { test, directory, _ in try test.run("/usr/bin/git", ["commit", "-a", "-q", "-m", "x"], in: directory).code }),
        ("commit -am", { test, directory, _ in try test.run("/usr/bin/git", ["commit", "-qam", "x"], in: directory).code }),
        ("commit PATH", { test, directory, path in try test.run("/usr/bin/git", ["commit", "-qm", "x", path], in: directory).code }),
        ("commit --amend -a", { test, directory, _ in
            try test.run("/usr/bin/git", ["commit", "--amend", "-a", "-q", "--no-edit"], in: directory).code
        }),
    ]

    func testEveryCommitStyleRefusesABadLineAndNumbersAGoodOne() throws {
        let (_, path) = try makeWorkedDesk()
        // A linked worktree runs the same hooks with an index of its own.
        let worktree = root + "/worktree"
        try git("worktree", "add", "-q", "-b", "side", worktree)
        for directory in [desk, worktree] {
            for style in styles {
                let before = try head(in: directory)
                let original = try read(path, in: directory)
                try write(path, original + bad, in: directory)
                XCTAssertNotEqual(try style.commit(self, directory, path), 0, "\(style.name) committed a broken line")
                XCTAssertEqual(try head(in: directory), before, style.name)
                try git("reset", "-q", "--hard", "HEAD", in: directory)

                try write(path, original + good, in: directory)
                XCTAssertEqual(try style.commit(self, directory, path), 0, style.name)
                let committed = try git("show", "HEAD:\(path)", in: directory)
                XCTAssertTrue(committed.contains("45m billable Written by hand ^w"), "\(style.name): \(committed)")
                XCTAssertEqual(try read(path, in: directory), committed, style.name)
                XCTAssertEqual(try git("status", "--porcelain", in: directory), "", style.name)
                try git("reset", "-q", "--hard", before, in: directory)
            }
        }
    }

    /// `git commit PATH` whose post-commit hook is killed leaves the worktree's index holding
    /// the unnumbered line. The next commit gives it back its ID (never a second one), and
    /// so does the next gitdesk command, which also brings the index in step.
    func testAKilledPostCommitHookIsRepairedWithTheSameID() throws {
        let (id, path) = try makeWorkedDesk()
        let killer = root + "/killed-post-commit"
        try write("killed-post-commit", """
            #!/bin/sh
            if [ "$1 $2" = "hook post-commit" ]; then kill -KILL $$; fi
            exec '\(Self.binary)' "$@"

            """, in: root)
        chmod(killer, 0o755)
        let original = try read(path)
        func commitKilled() throws -> String {
            try write(path, original + good)
            XCTAssertEqual(try run("/usr/bin/git", ["commit", "-qm", "by path", path], env: ["GITDESK": killer]).code, 0)
            let committed = try git("show", "HEAD:\(path)")
            XCTAssertTrue(try git("show", ":\(path)").hasSuffix(good), "the killed hook should leave the index unnumbered")
            return committed
        }
        func ids(_ text: String) -> [Substring] { text.split(separator: "\n").compactMap { $0.split(separator: "^").dropFirst().last } }

        // Repaired by the next commit, of this file and of another.
        for next in [["commit", "-qam", "next"], ["commit", "-qm", "next"]] {
            let committed = try commitKilled()
            if next.contains("-qam") { try write(path, try read(path) + "- 2026-11-29 alice 10m billable More\n") }
            XCTAssertEqual(try run("/usr/bin/git", next + (next.contains("-qam") ? [] : ["--allow-empty"])).code, 0)
            let after = try git("show", "HEAD:\(path)")
            XCTAssertEqual(Array(ids(after).prefix(ids(committed).count)), ids(committed), after)
            XCTAssertEqual(Set(ids(after)).count, ids(after).count, after)
            XCTAssertEqual(try git("status", "--porcelain"), "")
            try git("reset", "-q", "--hard", "HEAD~2")
        }

        // Repaired by the next gitdesk command, a read among them.
        let committed = try commitKilled()
        try gitdesk("show", id)
        XCTAssertEqual(try git("show", ":\(path)"), committed)
        XCTAssertEqual(try git("status", "--porcelain"), "")
    }

    func testInteractiveStagingCommitsOnlyTheStagedLineAndKeepsTheRest() throws {
        let (_, path) = try makeWorkedDesk()
        let original = try read(path)
        try write(path, original + good)
        try git("add", path)
        try write(path, original + good + "- 2026-11-29 alice 20m billable Not staged\n")
        try git("commit", "-qm", "part")
        let committed = try git("show", "HEAD:\(path)")
        XCTAssertTrue(committed.contains("Written by hand ^w"), committed)
        XCTAssertFalse(committed.contains("Not staged"), committed)
        let working = try read(path)
        let numbered = committed.split(separator: "\n").last!
        XCTAssertTrue(working.contains(numbered + "\n- 2026-11-29 alice 20m billable Not staged\n"), working)
        XCTAssertEqual(try git("diff", "--cached", "--name-only"), "")
    }

    func testAFreshCloneIsSetUpByInitAndThenChecked() throws {
        let (_, path) = try makeWorkedDesk()
        let clone = root + "/clone"
        try git("clone", "-q", desk, clone, in: root)
        let warned = try gitdesk("balance", in: clone)
        XCTAssertTrue(warned.err.contains("этот клон не настроен") && warned.err.contains("gitdesk init"), warned.err)

        let setUp = try gitdesk("init", in: clone, as: "bob")
        XCTAssertTrue(setUp.out.contains("установлен хук pre-commit") && setUp.out.contains("драйвер слияния"), setUp.out)
        XCTAssertEqual(try git("status", "--porcelain", in: clone), "")
        XCTAssertTrue(try gitdesk("init", in: clone).out.contains("уже настроен"))
        XCTAssertFalse(try gitdesk("balance", in: clone).err.contains("not set up"))

        let original = try read(path, in: clone)
        try write(path, original + bad, in: clone)
        XCTAssertNotEqual(try run("/usr/bin/git", ["commit", "-qam", "bad"], in: clone).code, 0)
        try write(path, original + good, in: clone)
        try git("commit", "-qam", "good", in: clone)
        XCTAssertTrue(try git("show", "HEAD:\(path)", in: clone).contains("Written by hand ^w"))
    }

    func testTheUsersOwnHookIsKeptAndRunsFirst() throws {
        let (_, path) = try makeWorkedDesk()
        let clone = root + "/clone"
        try git("clone", "-q", desk, clone, in: root)
        let hook = clone + "/.git/hooks/pre-commit"
        try "#!/bin/sh\necho ran >> \"$(git rev-parse --git-dir)/user-hook-ran\"\n[ ! -f \"$(git rev-parse --git-dir)/block\" ]\n"
            .write(toFile: hook, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook)
        XCTAssertTrue(try gitdesk("init", in: clone).out.contains("ваш хук pre-commit сохранён"))
        try write(path, try read(path, in: clone) + good, in: clone)
        try git("commit", "-qam", "good", in: clone)
        XCTAssertTrue(FileManager.default.fileExists(atPath: clone + "/.git/user-hook-ran"))
        XCTAssertTrue(try git("show", "HEAD:\(path)", in: clone).contains("Written by hand ^w"))
        // The user's hook still decides: when it fails, nothing is committed.
        _ = FileManager.default.createFile(atPath: clone + "/.git/block", contents: nil)
        try write(path, try read(path, in: clone) + good, in: clone)
        XCTAssertNotEqual(try run("/usr/bin/git", ["commit", "-qam", "blocked"], in: clone).code, 0)
    }

    func testTheHookWorksWithoutGitdeskOnPathAndSaysWhenItCannotFindIt() throws {
        let (_, path) = try makeWorkedDesk()
        let bare = ["PATH": "/usr/bin:/bin", "GITDESK": ""]
        try write(path, try read(path) + good)
        XCTAssertEqual(try run("/usr/bin/git", ["commit", "-qam", "gui"], env: bare).code, 0)
        XCTAssertTrue(try git("show", "HEAD:\(path)").contains("Written by hand ^w"))

        // The binary that set the clone up is gone: the commit stops and says what to do.
        let runner = desk + "/.git/hooks/gitdesk-run"
        let script = try String(contentsOfFile: runner, encoding: .utf8)
        try script.replacingOccurrences(of: Self.binary, with: root + "/moved-away/gitdesk").write(toFile: runner, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: runner)
        try write(path, try read(path) + good)
        let result = try run("/usr/bin/git", ["commit", "-qam", "gui"], env: bare)
        XCTAssertNotEqual(result.code, 0)
        XCTAssertTrue(result.err.contains("cannot find the gitdesk binary") && result.err.contains("GITDESK="), result.err)
    }

    /// Two clones change one ledger and one work log; returns the clone.
    func twoClones() throws -> (id: String, path: String, clone: String) {
        let (id, path) = try makeWorkedDesk()
        let clone = root + "/clone"
        try git("clone", "-q", desk, clone, in: root)
        try gitdesk("init", in: clone, as: "bob")
        return (id, path, clone)
    }

    func testOneLineCorrectedInTwoClonesStopsTheMerge() throws {
        let (_, path, clone) = try twoClones()
        let line = try read(path)
        try write(path, line.replacingOccurrences(of: " 1h ", with: " 2h "))
        try git("commit", "-qam", "here")
        try write(path, line.replacingOccurrences(of: " 1h ", with: " 3h "), in: clone)
        try git("commit", "-qam", "there", in: clone, as: "bob")
        let pull = try run("/usr/bin/git", ["pull", "-q", "--no-rebase", "--no-edit", "origin", "HEAD"], in: clone, as: "bob")
        XCTAssertNotEqual(pull.code, 0, "the merge went through")
        let merged = try read(path, in: clone)
        XCTAssertTrue(merged.contains("<<<<<<< ours\n- 2026-11-02 alice 3h") && merged.contains("=======\n- 2026-11-02 alice 2h"), merged)
        XCTAssertTrue(try git("status", "--porcelain", in: clone).contains("UU \(path)"))
        // Committing the markers is refused by the hook.
        try git("add", path, in: clone)
        XCTAssertNotEqual(try run("/usr/bin/git", ["commit", "-qm", "markers"], in: clone, as: "bob").code, 0)
    }

    func testTheSameCorrectionOnBothSidesMergesToOneLine() throws {
        let (_, path, clone) = try twoClones()
        let corrected = try read(path).replacingOccurrences(of: " 1h ", with: " 50m ")
        try write(path, corrected)
        try git("commit", "-qam", "here")
        try write(path, corrected, in: clone)
        try git("commit", "-qam", "there", in: clone, as: "bob")
        try git("pull", "-q", "--no-rebase", "--no-edit", "origin", "HEAD", in: clone, as: "bob")
        XCTAssertEqual(try read(path, in: clone), corrected)
    }

    func testADeletedLineStaysDeletedWhenTheOtherCloneLogsMore() throws {
        let (id, path, clone) = try twoClones()
        try gitdesk("log", id, "2h", "billable", "Logged by mistake", "--date", "2026-11-03")
        try git("pull", "-q", "--no-rebase", "--no-edit", "origin", "HEAD", in: clone, as: "bob")
        // Here the mistaken line is deleted; there more work is logged on the same ticket.
        try write(path, try read(path).split(separator: "\n").filter { !$0.contains("by mistake") }.map { $0 + "\n" }.joined())
        try git("commit", "-qam", "remove the wrong line")
        try gitdesk("log", id, "30m", "billable", "More work", "--date", "2026-11-04", in: clone, as: "bob")
        try git("pull", "-q", "--no-rebase", "--no-edit", "origin", "HEAD", in: clone, as: "bob")
        let merged = try read(path, in: clone)
        XCTAssertFalse(merged.contains("by mistake"), merged)
        XCTAssertTrue(merged.contains("More work") && merged.contains("First"), merged)
        // 1h30m at 2000/h.
        XCTAssertTrue(try gitdesk("balance", "acme", in: clone).out.contains("-3\u{00A0}000,00"))
    }

    func testAMergeThatLeavesAProblemIsReportedByThePostMergeHook() throws {
        let (_, path, clone) = try twoClones()
        // A line naming nobody on staff, committed past the hook the way an old clone would.
        try write(path, try read(path) + "- 2026-11-05 nobody 1h billable Unknown person ^wzz01\n")
        try git("commit", "-qam", "unchecked", "--no-verify")
        let pull = try run("/usr/bin/git", ["pull", "--no-rebase", "--no-edit", "origin", "HEAD"], in: clone, as: "bob")
        XCTAssertEqual(pull.code, 0)
        XCTAssertTrue(pull.out.contains("неизвестный логин 'nobody'") || pull.err.contains("неизвестный логин 'nobody'"), pull.out + pull.err)
        XCTAssertTrue(pull.err.contains("исправьте их и закоммитьте"), pull.err)
    }

    func testARebaseThatLeavesAProblemIsReportedByThePostRewriteHook() throws {
        let (_, path, clone) = try twoClones()
        try write(path, try read(path) + "- 2026-11-05 nobody 1h billable Unknown person ^wzz02\n")
        try git("commit", "-qam", "unchecked", "--no-verify")
        try gitdesk("pay", "acme", "100", "Local work", in: clone, as: "bob")
        let rebase = try run("/usr/bin/git", ["pull", "--rebase", "origin", "HEAD"], in: clone, as: "bob")
        XCTAssertEqual(rebase.code, 0, rebase.err)
        XCTAssertTrue((rebase.out + rebase.err).contains("неизвестный логин 'nobody'"), rebase.out + rebase.err)
        XCTAssertTrue(rebase.err.contains("у деска после этого переписывания истории проблемы"), rebase.err)
    }

    func testADuplicateIDIsRefusedAndTheTotalSaysIncomplete() throws {
        let (_, path) = try makeWorkedDesk()
        try gitdesk("client", "add", "beta", "--name", "Beta", "--prefix", "BETA", "--rate", "1000")
        try gitdesk("pay", "beta", "500")
        let line = try read(path)
        try write(path, line + line.replacingOccurrences(of: " 1h ", with: " 2h "))
        try git("commit", "-qam", "old clone", "--no-verify")
        let balance = try gitdesk("balance", code: 1)
        XCTAssertTrue(balance.out.contains("неполный"), balance.out)
        XCTAssertFalse(balance.out.contains("500,00\u{00A0}₽    0,00"), balance.out)
        XCTAssertTrue(balance.err.contains("work.md:1") && balance.err.contains("work.md:2"), balance.err)
        let check = try gitdesk("check", code: 1)
        XCTAssertTrue(check.out.contains("gitdesk check --fix") && check.out.contains("gitdesk audit --txn"), check.out)
    }

    /// The hook keeps the records of the few folders a commit touches in memory, but saves an
    /// index it had to build whole (deleted, or outdated by an upgrade): else every commit
    /// would read the whole desk until some read command saved it.
    func testTheHookSavesAnIndexItHadToBuildWhole() throws {
        let bench = URL(fileURLWithPath: Self.binary).deletingLastPathComponent().appendingPathComponent("gitdesk-bench").path
        let generated = try run(bench, ["generate", "--profile", "small", "--seed", "5", "--out", desk], in: root)
        XCTAssertEqual(generated.code, 0, generated.err)
        try gitdesk("init")
        let records = deskIndex.path(.folders)
        try? FileManager.default.removeItem(atPath: deskIndex.folder)
        let login = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: desk + "/staff").sorted().first).replacingOccurrences(of: ".md", with: "")
        let path = try XCTUnwrap(try git("ls-files", "tickets/*/work.md").split(separator: "\n").first.map(String.init))
        try write(path, try read(path) + "- 2026-11-27 \(login) 15m billable By hand\n")
        let email = try XCTUnwrap(try read("staff/\(login).md").split(separator: "\n").first { $0.hasPrefix("email: ") }).dropFirst(7)
        let committed = try run("/usr/bin/git", ["commit", "-qam", "By hand"], env: ["GIT_AUTHOR_EMAIL": String(email), "GIT_COMMITTER_EMAIL": String(email)])
        XCTAssertEqual(committed.code, 0, committed.err)
        XCTAssertTrue(try git("show", "HEAD:\(path)").contains("By hand ^w"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: records), "the hook saved the records it built")
        // One more commit: the few folders it touches are not saved by the hook.
        let saved = try Data(contentsOf: URL(fileURLWithPath: records))
        try write(path, try read(path) + "- 2026-11-27 \(login) 10m billable Again\n")
        XCTAssertEqual(try run("/usr/bin/git", ["commit", "-qam", "Again"], env: ["GIT_AUTHOR_EMAIL": String(email), "GIT_COMMITTER_EMAIL": String(email)]).code, 0)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: records)), saved)
    }
}
