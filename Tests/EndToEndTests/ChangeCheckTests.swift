import Foundation
import XCTest

/// Writes and the pre-commit hook check what a change reaches (its ticket folders, the cards,
/// the desk-wide rules through the index), and say the same with and without the index.
final class ChangeCheckTests: DeskTestCase {
    /// A desk with two tickets of one client, each with a logged line; returns their IDs.
    func makeTwoTickets() throws -> (String, String) {
        let first = try makeDesk()
        let second = try gitdesk("new", "--client", "acme", "--title", "Второй").out.trimmingCharacters(in: .whitespacesAndNewlines)
        try gitdesk("log", first, "1h", "billable", "First", "--date", "2026-11-02")
        try gitdesk("log", second, "30m", "billable", "Second", "--date", "2026-11-03")
        return (first, second)
    }

    func commitThroughHook(_ message: String) throws -> DeskTestCase.Result {
        try git("add", "-A")
        return try run("/usr/bin/git", ["commit", "-qm", message])
    }

    func testAWriteIsCheckedByWhatItTouchesNotByOldProblemsElsewhere() throws {
        let (first, second) = try makeTwoTickets()
        // A broken ticket committed past the hook…
        let card = "\(folder(first))/ticket.md"
        try write(card, try read(card).replacingOccurrences(of: "status: new", with: "status: nonsense"))
        try git("commit", "-qam", "broken", "--no-verify")
        // …does not stop work on another ticket,
        try gitdesk("log", second, "15m", "billable", "Still works")
        try gitdesk("pay", "acme", "1000")
        // but a write to it is refused, naming the problem, and changes nothing.
        let before = try head()
        let refused = try gitdesk("log", first, "15m", "billable", "Refused", code: 1)
        XCTAssertTrue(refused.err.contains("неизвестный статус 'nonsense'"), refused.err)
        XCTAssertEqual(try head(), before)
        XCTAssertEqual(try git("status", "--porcelain"), "")
    }

    func testTheHookRefusesATransactionIDCopiedIntoAnotherFolder() throws {
        let (first, second) = try makeTwoTickets()
        let firstWork = "\(folder(first))/work.md", secondWork = "\(folder(second))/work.md"
        let copied = try XCTUnwrap(try read(firstWork).split(separator: "\n").last.map(String.init))
        for withIndex in [true, false] {
            if !withIndex { try FileManager.default.removeItem(atPath: deskIndex.folder) }
            try write(secondWork, try read(secondWork) + copied + "\n")
            let refused = try commitThroughHook("copy")
            XCTAssertNotEqual(refused.code, 0, "index: \(withIndex)")
            let id = String(try XCTUnwrap(copied.split(separator: "^").last))
            XCTAssertTrue((refused.out + refused.err).contains("номер проводки ^\(id) встречается не один раз"), refused.out + refused.err)
            XCTAssertTrue((refused.out + refused.err).contains(firstWork + ":") && (refused.out + refused.err).contains(secondWork + ":"), refused.out + refused.err)
            try git("reset", "-q", "--hard", "HEAD")
        }
    }

    func testTheHookRefusesDeletingADisputedLine() throws {
        let (first, _) = try makeTwoTickets()
        let work = "\(folder(first))/work.md"
        let id = String(try XCTUnwrap(try read(work).split(separator: "^").last).prefix(7))
        try gitdesk("dispute", "open", id, "--reason", "Too long")
        try write(work, "")
        let refused = try commitThroughHook("hide it")
        XCTAssertNotEqual(refused.code, 0)
        XCTAssertTrue((refused.out + refused.err).contains("disputes/acme.md:1: у клиента acme нет проводки ^\(id)"), refused.out + refused.err)
    }

    func testACardChangeThatAffectsEveryTicketIsCheckedWhole() throws {
        let (first, second) = try makeTwoTickets()
        // A new prefix for the client: both of its tickets (untouched by the commit) break.
        try write("clients/acme.md", try read("clients/acme.md").replacingOccurrences(of: "prefix: ACME", with: "prefix: ACMX"))
        let refused = try commitThroughHook("new prefix")
        XCTAssertNotEqual(refused.code, 0)
        for id in [first, second] {
            XCTAssertTrue((refused.out + refused.err).contains("\(folder(id))/ticket.md:3: номер заявки \(id) не начинается с префикса клиента acme ACMX"), refused.out + refused.err)
        }
        try git("reset", "-q", "--hard", "HEAD")
        // Adding a client, a staff member or a token changes no ticket: checked by what it touches.
        try gitdesk("client", "add", "beta", "--name", "Beta", "--prefix", "BETA")
        try gitdesk("staff", "add", "carol", "--name", "Carol", "--email", "carol@example.com")
        try gitdesk("client", "token", "rotate", "acme")
        try gitdesk("check")
    }

    func testTheHookNumbersLinesUniquelyAndAgreesWithTheWholeCheck() throws {
        let (first, second) = try makeTwoTickets()
        for (index, id) in [first, second, first].enumerated() {
            let work = "\(folder(id))/work.md"
            try write(work, try read(work) + "- 2026-11-1\(index) alice 20m billable By hand \(index)\n")
            if index == 1 { try FileManager.default.removeItem(atPath: deskIndex.folder) }
            XCTAssertEqual(try commitThroughHook("by hand \(index)").code, 0)
        }
        let ids = try [first, second].flatMap { id in
            try read("\(folder(id))/work.md").split(separator: "\n").map { String(try XCTUnwrap($0.split(separator: "^").last)) }
        }
        XCTAssertEqual(ids.count, 5)
        XCTAssertEqual(Set(ids).count, ids.count)
        XCTAssertEqual(try git("status", "--porcelain"), "")
        try gitdesk("check")
    }

    /// `check` of the working tree answers from the folder records; `check --staged` reads the
    /// whole staged desk. Through problems of every kind, edits of cards and a deleted
    /// index, both list the same findings.
    func testTheWorkingTreeCheckThroughTheIndexEqualsTheWholeDeskCheck() throws {
        let (first, second) = try makeTwoTickets()
        try gitdesk("dispute", "open", String(try read("\(folder(first))/work.md").split(separator: "^")[1].prefix(7)), "--reason", "Long")
        func findings() throws -> String {
            let working = try gitdesk("check", "--json", code: 1).out
            try git("add", "-A")
            let staged = try gitdesk("check", "--staged", "--json", code: 1).out
            XCTAssertEqual(working, staged)
            try FileManager.default.removeItem(atPath: deskIndex.folder)
            XCTAssertEqual(try gitdesk("check", "--json", code: 1).out, working, "without the index")
            return working
        }
        let secondWork = "\(folder(second))/work.md"
        let copied = try read("\(folder(first))/work.md").split(separator: "\n")[0]
        try write(secondWork, try read(secondWork) + "- 2026-11-04 alice 1h gossip Odd\n- 2026-11-04 nobody 1h billable Who\n\(copied)\n")
        try write("tickets/stray.md", "stray\n")
        var text = try findings()
        for expected in ["unknown kind 'gossip'", "unknown login 'nobody'", "appears more than once", "tickets/stray.md"] {
            XCTAssertTrue(text.contains(expected), "\(expected): \(text)")
        }
        // Cards changed under untouched folders: a staff card removed, the ledger garbled.
        try git("commit", "-qm", "problems", "--no-verify")
        try FileManager.default.removeItem(atPath: desk + "/staff/alice.md")
        try write("disputes/acme.md", try read("disputes/acme.md") + "- 2026-11-05 open ^wffffff Unknown\n")
        text = try findings()
        for expected in ["unknown login 'alice'", "no transaction ^wffffff"] {
            XCTAssertTrue(text.contains(expected), "\(expected): \(text)")
        }
    }

    /// A statement reads one client's tickets and the findings through the index; it says the
    /// same without the index, and is refused exactly when money is in doubt.
    func testAStatementThroughTheIndexEqualsTheWholeDesksAndIsRefusedOnlyForMoney() throws {
        let (first, _) = try makeTwoTickets()
        try gitdesk("client", "add", "beta", "--name", "Beta", "--prefix", "BETA", "--rate", "1500")
        let other = try gitdesk("new", "--client", "beta", "--title", "Другой").out.trimmingCharacters(in: .whitespacesAndNewlines)
        try gitdesk("log", other, "2h", "billable", "Beta work", "--date", "2026-11-04")
        try gitdesk("pay", "acme", "5000", "--date", "2026-11-01")
        let statement = try gitdesk("statement", "acme", "--period", "2026-11", "--format", "json").out
        XCTAssertTrue(statement.contains("Second"), statement)
        try FileManager.default.removeItem(atPath: deskIndex.folder)
        XCTAssertEqual(try gitdesk("statement", "acme", "--period", "2026-11", "--format", "json").out, statement)
        XCTAssertEqual(try gitdesk("statement", "acme", "--period", "2026-11", "--format", "json", "--as-of", "HEAD").out, statement)

        // A broken message is not money; a bad work line of beta blocks beta's money only.
        try write("\(folder(first))/messages/20261105T100000-client.md", "no front matter\n")
        let betaWork = "\(folder(other))/work.md"
        try write(betaWork, try read(betaWork) + "- 2026-11-05 alice 1h gossip Odd\n")
        try git("add", "-A")
        try git("commit", "-qm", "problems", "--no-verify")
        XCTAssertEqual(try gitdesk("statement", "acme", "--period", "2026-11", "--format", "json").out, statement)
        let refused = try gitdesk("statement", "beta", "--period", "2026-11", code: 1)
        XCTAssertTrue(refused.err.contains("неизвестный вид работы 'gossip'"), refused.err)
        XCTAssertEqual(try gitdesk("statement", "acme", "--period", "2026-11", "--format", "json", "--as-of", "HEAD~1").out, statement)
    }
}
