import Foundation
import XCTest
import GitdeskCore

/// Scenarios made with plain git, each of which audit must flag (SPEC §6).
final class AuditTests: DeskTestCase {
    private func audit(_ args: String...) throws -> [[String: Any]] {
        let out = try gitdesk(["audit", "--format", "json"] + args).out
        let report = try JSONSerialization.jsonObject(with: Data(out.utf8)) as! [String: Any]
        return report["transactions"] as! [[String: Any]]
    }

    private func gitdesk(_ args: [String], code: Int32 = 0) throws -> Result {
        let result = try run(Self.binary, args)
        XCTAssertEqual(result.code, code, "gitdesk \(args.joined(separator: " ")): \(result.err)")
        return result
    }

    private func commitAll(_ message: String, as person: String = "alice", date: String? = nil) throws {
        try git("add", "-A", as: person)
        try git("commit", "-q", "--no-verify", "-m", message, as: person,
                env: date.map { ["GIT_AUTHOR_DATE": $0, "GIT_COMMITTER_DATE": $0] } ?? [:])
    }

    /// The whole-history audit is rendered once and then only for the files new commits
    /// touch, and the history behind it grows by appended segments: after edits, deletions,
    /// a merge between clones, a dispute and a torn cache file, it says exactly what a run
    /// without any cache says.
    /// An audit of one client or one ticket reads only its files' history lines; it lists
    /// exactly what the whole audit lists for them.
    func testAFilteredAuditEqualsTheWholeAuditFiltered() throws {
        try makeDemoDesk()
        func transactions(_ args: [String]) throws -> [[String: Any]] {
            let json = try JSONSerialization.jsonObject(with: Data(try gitdesk(["audit"] + args + ["--format", "json"]).out.utf8)) as! [String: Any]
            return json["transactions"] as! [[String: Any]]
        }
        let whole = try transactions([])
        func same(_ a: [[String: Any]], _ b: [[String: Any]]) -> Bool { NSArray(array: a).isEqual(to: b) }
        let clients = Set(whole.compactMap { $0["client"] as? String })
        XCTAssertGreaterThan(clients.count, 1)
        for client in clients.sorted() {
            let own = whole.filter { $0["client"] as? String == client }
            XCTAssertFalse(own.isEmpty)
            XCTAssertTrue(same(try transactions([client]), own), client)
        }
        let ticket = try XCTUnwrap(whole.compactMap { $0["ticket"] as? String }.first)
        XCTAssertTrue(same(try transactions(["--ticket", ticket]), whole.filter { $0["ticket"] as? String == ticket }), ticket)
    }

    func testCachedAuditAndHistoryFollowNewCommits() throws {
        let id = try makeDesk()
        let other = try gitdesk(["new", "--client", "acme", "--title", "Printer"]).out.trimmingCharacters(in: .whitespacesAndNewlines)
        let work = "\(folder(id))/work.md", otherWork = "\(folder(other))/work.md"
        try write(work, "- 2026-11-03 alice 1h billable Sync ^wa1\n- 2026-11-03 alice 30m billable Call ^wa2\n")
        try write(otherWork, "- 2026-11-04 bob 2h billable Toner ^wb1\n")
        try commitAll("work", date: "2026-11-04T18:00:00+03:00")
        let cache = deskIndex.folder
        func assertCachedEqualsCold(line: UInt = #line) throws {
            let cached = try gitdesk(["audit", "--format", "json"]).out
            try FileManager.default.removeItem(atPath: cache)
            XCTAssertEqual(cached, try gitdesk(["audit", "--format", "json"]).out, "cached and cold differ", line: line)
        }
        try assertCachedEqualsCold()
        let history = try Data(contentsOf: URL(fileURLWithPath: deskIndex.path(.history)))

        // One file edited and a line deleted: only that file is audited again.
        try write(work, "- 2026-11-03 alice 2h billable Sync ^wa1\n")
        try commitAll("fix", as: "bob", date: "2026-11-20T10:00:00+03:00")
        let edited = try gitdesk(["audit", "--format", "json"]).out
        XCTAssertTrue(FileManager.default.fileExists(atPath: deskIndex.path(.auditChanges)))
        let grown = try Data(contentsOf: URL(fileURLWithPath: deskIndex.path(.history)))
        XCTAssertEqual(grown.prefix(history.count), history, "the history cache grows by appending")
        XCTAssertGreaterThan(grown.count, history.count)
        XCTAssertTrue(edited.contains("\"deleted\"") && edited.contains("\"edited\""), edited)
        try assertCachedEqualsCold()

        // A clone adds a line by hand, here another file changes; the clones merge.
        _ = try gitdesk(["audit", "--format", "json"])
        let clone = root + "/clone"
        try git("clone", "-q", desk, clone, in: root)
        try write(otherWork, try read(otherWork, in: clone) + "- 2026-11-05 bob 1h billable Drum ^wb2\n", in: clone)
        try git("commit", "-q", "--no-verify", "-am", "By hand", in: clone, as: "bob")
        try write(work, "- 2026-11-03 alice 2h billable Sync, checked ^wa1\n")
        try commitAll("note")
        try git("pull", "-q", "--no-rebase", "--no-edit", clone, "HEAD")
        try assertCachedEqualsCold()

        // A dispute changes what every transaction of the client shows.
        _ = try gitdesk(["audit", "--format", "json"])
        try write("disputes/acme.md", "- 2026-11-21 open wb1 Too long\n")
        try commitAll("dispute")
        XCTAssertTrue(try gitdesk(["audit", "--format", "json"]).out.contains("Too long"))
        try assertCachedEqualsCold()

        // A torn append (a run killed mid-write) is read around and the file rewritten.
        _ = try gitdesk(["audit", "--format", "json"])
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: deskIndex.path(.history)))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data([0xFF, 0xFF, 0xFF, 0x07, 0x01, 0x02]))
        try handle.close()
        try write(work, "- 2026-11-03 alice 2h billable Sync, checked twice ^wa1\n")
        try commitAll("again")
        try assertCachedEqualsCold()

        // Back past the cached head, then a branch of its own: the history is walked again
        // and what each known commit changed is reused.
        try git("reset", "-q", "--hard", "HEAD~3")
        try assertCachedEqualsCold()
        try git("checkout", "-q", "-b", "side", "HEAD~1")
        try write(otherWork, try read(otherWork) + "- 2026-11-06 bob 1h billable Side ^wb9\n")
        try commitAll("side work")
        XCTAssertTrue(try gitdesk(["audit", "--format", "json"]).out.contains("wb9"))
        try assertCachedEqualsCold()
    }

    func testEditedDeletedAndBackdatedLinesAreFlagged() throws {
        let id = try makeDesk()
        let work = "\(folder(id))/work.md"
        try write(work, "- 2026-11-03 alice 1h billable Sync ^wa1\n- 2026-11-03 alice 30m billable Call ^wa2\n- 2026-10-01 alice 2h billable Old work ^wa3\n")
        try commitAll("work", date: "2026-11-04T18:00:00+03:00")
        try write(work, "- 2026-11-03 alice 2h billable Sync ^wa1\n- 2026-10-01 alice 2h billable Old work ^wa3\n")
        try commitAll("fix durations", as: "bob", date: "2026-11-20T10:00:00+03:00")
        let rows = Dictionary(uniqueKeysWithValues: try audit().map { ($0["id"] as! String, $0) })
        let edited = rows["wa1"]!
        XCTAssertEqual(edited["flags"] as! [String], ["edited"])
        let change = (edited["changes"] as! [[String: Any]])[0]
        XCTAssertEqual(change["field"] as? String, "duration")
        XCTAssertEqual(change["old"] as? String, "1h")
        XCTAssertEqual(change["new"] as? String, "2h")
        XCTAssertEqual((change["stamp"] as! [String: Any])["author"] as? String, "Bob")
        XCTAssertEqual((rows["wa2"]!["deleted"] as! [String: Any])["author"] as? String, "Bob")
        XCTAssertTrue((rows["wa2"]!["flags"] as! [String]).contains("deleted"))
        XCTAssertEqual(rows["wa3"]!["lateDays"] as? Int, 34)
        XCTAssertTrue((rows["wa3"]!["flags"] as! [String]).contains("late"))
        XCTAssertEqual((rows["wa1"]!["introduced"] as! [String: Any])["time"] as? String, "2026-11-04T18:00:00+03:00")
        let text = try gitdesk(["audit", "acme", "--txn", "^WA1", "--locale", "en"]).out
        XCTAssertTrue(text.contains("duration 1h → 2h"), text)
        XCTAssertTrue(try gitdesk(["audit", "--format", "md"]).out.contains("| ^wa1 |"))
    }

    func testLineAddedOnABranchIsIntroducedByTheBranchCommit() throws {
        let id = try makeDesk()
        try gitdesk(["log", id, "1h", "billable", "On main", "--date", "2026-11-03"])
        try git("checkout", "-q", "-b", "feature")
        try write("\(folder(id))/work.md", try read("\(folder(id))/work.md") + "- 2026-11-04 bob 45m billable On the branch ^wb1\n")
        try commitAll("branch work", as: "bob", date: "2026-11-04T12:00:00+03:00")
        let branchCommit = try head()
        try git("checkout", "-q", "main")
        try gitdesk(["pay", "acme", "100"])
        try git("merge", "-q", "--no-ff", "--no-edit", "feature", as: "carol")
        let row = try audit("--txn", "wb1")[0]
        let introduced = row["introduced"] as! [String: Any]
        XCTAssertEqual(introduced["commit"] as? String, branchCommit)
        XCTAssertEqual(introduced["author"] as? String, "Bob")
    }

    func testSealedMonthEditedAndHistoryRewritten() throws {
        let id = try makeDesk()
        try gitdesk(["pay", "acme", "10000", "--date", "2026-10-01"])
        try gitdesk(["log", id, "2h", "billable", "October work", "--date", "2026-10-15"])
        let close = try gitdesk(["close", "2026-10"]).out
        XCTAssertTrue(close.contains("client acme closing 6000.00 RUB sha256 "), close)
        try gitdesk(["close", "2026-10"], code: 1)
        XCTAssertTrue(try gitdesk(["audit"]).out.contains("2026-10 (gitdesk/close/2026-10"))

        // Edit October after sealing: the hook refuses, --no-verify gets it in, audit reports it.
        let work = "\(folder(id))/work.md"
        try write(work, try read(work).replacingOccurrences(of: " 2h ", with: " 3h "))
        try git("add", "-A")
        let refused = try run("/usr/bin/git", ["commit", "-qm", "sneaky"])
        XCTAssertNotEqual(refused.code, 0)
        XCTAssertTrue((refused.out + refused.err).contains("меняет деньги закрытого периода 2026-10"), refused.out + refused.err)
        try git("commit", "-q", "--no-verify", "-m", "sneaky")
        var text = try gitdesk(["audit", "--locale", "en"]).out
        XCTAssertTrue(text.contains("CHANGED"), text)
        XCTAssertTrue(text.contains("closing ₽6,000.00 sealed, now ₽4,000.00"), text)
        XCTAssertTrue(text.contains("override: none"), text)
        try gitdesk(["check"], code: 1)
        // An explicit override is itself recorded, and then check passes.
        try write("audit/overrides.md", "- 2026-11-20 2026-10 acme Agreed with the client: the call took 3h\n")
        try commitAll("override")
        try gitdesk(["check"])
        text = try gitdesk(["audit", "--locale", "en"]).out
        XCTAssertTrue(text.contains("override: audit/overrides.md:1: Agreed with the client"), text)

        // Rewrite history behind the seal.
        try git("reset", "-q", "--hard", "HEAD~4")
        try write("clients/extra.md", "---\nname: X\nprefix: XX\n---\n")
        try commitAll("rewritten")
        text = try gitdesk(["audit", "--locale", "en"]).out
        XCTAssertTrue(text.contains("history was rewritten"), text)
    }

    func testDisputeFlowChangesTheBalanceByExactlyTheSettlement() throws {
        let id = try makeDesk()
        try write("\(folder(id))/work.md", "- 2026-11-03 alice 2h billable Long call ^wd1\n- 2026-11-03 alice 1h20m billable Fix ^wd2\n")
        try commitAll("work")
        func balance() throws -> [Int] {
            let rows = try JSONSerialization.jsonObject(with: Data(try gitdesk(["balance", "acme", "--json"]).out.utf8)) as! [[String: Any]]
            return [minor(rows[0]["balance"])!, minor(rows[0]["disputed"])!]
        }
        XCTAssertEqual(try balance()[0], -666_667)
        try gitdesk(["dispute", "open", "^wd1", "--reason", "The call was 1 hour", "--date", "2026-11-10"])
        XCTAssertEqual(try balance()[1], 400_000)
        try gitdesk(["dispute", "open", "wd1", "--reason", "again"], code: 1)
        try gitdesk(["dispute", "resolve", "wd1", "--adjust", "1h", "--note", "Agreed", "--date", "2026-11-12"])
        XCTAssertEqual(try balance(), [-466_667, 0])
        try gitdesk(["dispute", "resolve", "wd1", "--waive"], code: 1)
        try gitdesk(["dispute", "open", "wd2", "--reason", "Not ours", "--date", "2026-11-13"])
        try gitdesk(["dispute", "resolve", "wd2", "--waive", "--date", "2026-11-14"])
        XCTAssertEqual(try balance(), [-200_000, 0])
        let statement = try gitdesk(["statement", "acme", "--period", "2026-11"]).out
        XCTAssertTrue(statement.contains("Снято по спору (\(id), 03.11.2026)"), statement)
        XCTAssertFalse(statement.contains("Dispute wd2"), statement)
        let row = try audit("--txn", "wd1")[0]
        XCTAssertEqual((row["dispute"] as! [[String: Any]]).map { $0["action"] as! String }, ["open", "adjust"])
        try gitdesk(["check"])
    }

    /// Each kind of decision reads the same in `show`, on the client's ticket and
    /// transactions pages and in the statement: the state, the amount that stands, a credit
    /// as a sentence in the client's language, and a dispute link only on a line never disputed.
    func testEveryPageShowsADisputedLinesState() throws {
        try run(Self.binary, ["init", "--demo", desk], in: root)
        // The demo's Vector has an open dispute on ^we546aa (6 h, 15 000).
        for (id, action) in [("w425452", "--accept"), ("w5928e9", "--waive")] {
            try gitdesk(["dispute", "open", id, "--reason", "Too long", "--date", "2026-11-20"])
            try gitdesk(["dispute", "resolve", id, action, "--date", "2026-11-21"])
        }
        try gitdesk(["dispute", "resolve", "we546aa", "--adjust", "4h", "--date", "2026-11-21"])
        try gitdesk(["dispute", "open", "w5ab4e9", "--reason", "Not agreed", "--date", "2026-11-22"])
        let expected = ["w425452": ("accepted", 750_000, "оставлено после спора"), "w5928e9": ("waived", 0, "снято по спору"),
                        "we546aa": ("adjusted", 1_000_000, "скорректировано по спору: 4\u{00A0}ч вместо 6\u{00A0}ч"),
                        "w5ab4e9": ("open", 1_750_000, "оспаривается")]

        let view = try JSONSerialization.jsonObject(with: Data(try gitdesk(["show", "VEC-5H1R", "--json"]).out.utf8)) as! [String: Any]
        let rows = view["work"] as! [[String: Any]]
        for (id, (decision, standing, _)) in expected {
            let row = try XCTUnwrap(rows.first { $0["id"] as? String == id })
            XCTAssertEqual((row["dispute"] as? [String: Any])?["decision"] as? String, decision, id)
            XCTAssertEqual(minor(row["amount"]), standing, id)
        }
        let charged = rows.filter { $0["billable"] as! Bool }.reduce(0) { $0 + minor($1["amount"])! }
        XCTAssertEqual(minor((view["totals"] as! [String: Any])["amount"]), charged)
        XCTAssertEqual(charged, 7_125_000 - 1_250_000 - 500_000, "the waived 12 500 and the adjusted 5 000 are not charged")
        let text = try gitdesk(["show", "VEC-5H1R"]).out
        for (id, (_, _, state)) in expected { XCTAssertTrue(text.contains("^\(id) (\(state))"), "\(id): \(text)") }
        XCTAssertTrue(text.contains("выставлено 53\u{00A0}750,00"), text)

        try gitdesk(["site", "--out", root + "/site"])
        let folder = root + "/site/" + (try FileManager.default.contentsOfDirectory(atPath: root + "/site").first { $0.hasPrefix("vector") } ?? "")
        let ticket = try String(contentsOfFile: folder + "/tickets/VEC-5H1R.html", encoding: .utf8)
        let transactions = try String(contentsOfFile: folder + "/transactions.html", encoding: .utf8)
        let october = try String(contentsOfFile: folder + "/statements/2026-10.html", encoding: .utf8)
        let november = try String(contentsOfFile: folder + "/statements/2026-11.html", encoding: .utf8)
        XCTAssertTrue(ticket.contains("53\u{00A0}750,00"), "the ticket's total is what stands")
        for (id, (_, standing, state)) in expected {
            let row = try XCTUnwrap(transactions.components(separatedBy: "<tr id=\"t-\(id)\">").dropFirst().first?.components(separatedBy: "</tr>").first, id)
            XCTAssertTrue(row.contains(state), "\(id): \(row)")
            XCTAssertFalse(row.contains("mailto:"), "no dispute link once disputed: \(row)")
            XCTAssertTrue(ticket.contains(state), id)
            XCTAssertTrue(october.contains(state), id)
            if id != "w5ab4e9" {
                let amount = Double(standing) / 100
                XCTAssertTrue(row.contains("к оплате " + String(format: "%.2f", amount).replacingOccurrences(of: ".", with: ",")
                    .replacingOccurrences(of: #"(\d)(\d{3}),"#, with: "$1\u{00A0}$2,", options: .regularExpression)), "\(id): \(row)")
            }
        }
        // Only the lines never disputed keep their link: 7 billable lines, 4 disputed.
        XCTAssertEqual(ticket.components(separatedBy: ">Оспорить</a>").count - 1, 3)
        // The credits say what they are for, in the client's language, with no bare ID.
        XCTAssertTrue(november.contains("Снято по спору (VEC-5H1R, 07.10.2026)"), november)
        XCTAssertTrue(november.contains("Скорректировано по спору: 4\u{00A0}ч вместо 6\u{00A0}ч (VEC-5H1R, 09.10.2026)"), november)
        let statement = try gitdesk(["statement", "vector", "--period", "2026-11"]).out
        let html = try gitdesk(["statement", "vector", "--period", "2026-11", "--format", "html"]).out
        for page in [november, transactions, statement, html] {
            XCTAssertFalse(page.contains("Dispute w"), page)
            XCTAssertTrue(page.contains("Скорректировано по спору: 4\u{00A0}ч вместо 6\u{00A0}ч"), page)
        }
        XCTAssertTrue(try gitdesk(["statement", "vector", "--period", "2026-10"]).out.contains("Возвраты — скорректировано по спору: 4\u{00A0}ч вместо 6\u{00A0}ч, к оплате 10\u{00A0}000,00"))
    }
}
