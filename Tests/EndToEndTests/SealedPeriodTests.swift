import Foundation
import XCTest

/// Seals that mean money: cosmetic edits keep them, value edits break them, writes into a
/// sealed month are refused when they are made, and a seal cannot be removed, replaced or
/// re-made without `check` saying so.
final class SealedPeriodTests: DeskTestCase {
    private var work = ""

    /// A desk with October's money (10 000 paid, 2h billed) sealed for every client.
    private func sealedDesk() throws -> String {
        let id = try makeDesk()
        work = "\(folder(id))/work.md"
        try gitdesk("pay", "acme", "10000", "Prepayment", "--date", "2026-10-01")
        try gitdesk("log", id, "2h", "billable", "October work", "--date", "2026-10-15")
        try gitdesk("close", "2026-10")
        return id
    }

    private func findings() throws -> String {
        let result = try run(Self.binary, ["check"])
        return result.out + result.err
    }

    private func commitByHand(_ message: String, verify: Bool = true) throws -> Result {
        try git("add", "-A")
        return try run("/usr/bin/git", ["commit", "-q", "-m", message] + (verify ? [] : ["--no-verify"]))
    }

    func testOnlyEndedPeriodsAreSealedAndTheSealIsRecordedInTheDesk() throws {
        try makeDesk()
        XCTAssertTrue(try gitdesk("close", "2026-12", code: 1).err.contains("не закончился"))
        // Today is 2026-11-30 or later on this machine's clock; November ends today at the earliest.
        let today = ISO8601DateFormatter.string(from: Date(), timeZone: TimeZone(identifier: "Europe/Moscow")!, formatOptions: [.withFullDate])
        if today <= "2026-11-30" { try gitdesk("close", "2026-11", code: 1) }
        let early = try gitdesk("close", "2026-12", "--force")
        XCTAssertTrue(early.err.contains("закрывается до конца"), early.err)
        let records = try read("audit/seals.md").split(separator: "\n")
        XCTAssertEqual(records.count, 1)
        XCTAssertTrue(records[0].hasPrefix("- 2026-12 * ") && records[0].hasSuffix(" start"), String(records[0]))
        XCTAssertEqual(try git("describe", "--tags", "--exact-match", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines), "gitdesk/close/2026-12")
        XCTAssertTrue(try gitdesk("close", "2026-12", "--force", code: 1).err.contains("уже закрыт"))
        try gitdesk("check")
    }

    func testCosmeticEditsKeepTheSealAndValueEditsAreRefusedWhenMade() throws {
        let id = try sealedDesk()
        // Headings, blank lines, comments and moved lines are not money.
        try write(work, "# Work on the ticket\n\n" + (try read(work)) + "\n<!-- checked with the client -->\n")
        try write("ledger/acme.md", "## Payments\n\n" + (try read("ledger/acme.md")))
        XCTAssertEqual(try commitByHand("cosmetic").code, 0)
        try gitdesk("check")
        XCTAssertTrue(try gitdesk("audit").out.contains("не изменён"))

        // Every write into the sealed month is refused at once, and says how to allow it.
        let before = try head()
        for args in [["log", id, "1h", "billable", "Late", "--date", "2026-10-20"], ["pay", "acme", "100", "--date", "2026-10-05"],
                     ["charge", "acme", "100", "--date", "2026-10-31"]] {
            let refused = try gitdesk(args, code: 1)
            XCTAssertTrue(refused.err.contains("меняет деньги закрытого периода 2026-10 у acme"), refused.err)
            XCTAssertTrue(refused.err.contains("audit/overrides.md"), refused.err)
        }
        XCTAssertEqual(try head(), before)
        try gitdesk("pay", "acme", "100", "--date", "2026-11-05")
        try gitdesk("log", id, "1h", "billable", "November", "--date", "2026-11-06")

        // A hand edit of a sealed line is refused by the hook.
        try write(work, try read(work).replacingOccurrences(of: " 2h ", with: " 3h "))
        let refused = try commitByHand("sneaky")
        XCTAssertNotEqual(refused.code, 0)
        XCTAssertTrue((refused.out + refused.err).contains("меняет деньги закрытого периода 2026-10"), refused.out + refused.err)
        try git("checkout", "-q", "--", ".")

        // A line that does not parse, in another month, is its own finding and no seal breach.
        try write(work, try read(work) + "- 2026-11-07 alice 1h dancing Not a kind ^wbad1\n")
        XCTAssertEqual(try commitByHand("bad kind", verify: false).code, 0)
        let found = try findings()
        XCTAssertTrue(found.contains("неизвестный вид работы 'dancing'"), found)
        XCTAssertFalse(found.contains("sealed period"), found)
    }

    func testAClientThatAppearsInsideASealedPeriodIsAFinding() throws {
        try sealedDesk()
        try gitdesk("client", "add", "beta", "--name", "Beta", "--prefix", "BETA")
        let ticket = try gitdesk("new", "--client", "beta", "--title", "Printer").out.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertTrue(try gitdesk("log", ticket, "8h", "billable", "October", "--date", "2026-10-10", code: 1).err
            .contains("есть деньги в закрытом периоде 2026-10, который gitdesk/close/2026-10 закрыла без beta"))
        try write("\(folder(ticket))/work.md", "- 2026-10-10 alice 8h billable October by hand ^wbeta01\n")
        XCTAssertEqual(try commitByHand("by hand", verify: false).code, 0)
        XCTAssertTrue(try findings().contains("закрыла без beta"))
        XCTAssertTrue(try gitdesk("audit").out.contains("ИЗМЕНЁН"))
    }

    func testASealCannotBeRemovedReplacedOrRemadeSilently() throws {
        try sealedDesk()
        let tag = "gitdesk/close/2026-10"
        let sealedMessage = try git("tag", "-l", "--format=%(contents)", tag)

        // Deleted: the record names it; close makes it again while the money is unchanged.
        try git("tag", "-d", tag)
        XCTAssertTrue(try findings().contains("нет тега печати \(tag)"))
        XCTAssertTrue(try gitdesk("close", "2026-10", "--locale", "en").out.contains("Made the missing tag"))
        try gitdesk("check")

        // Replaced by a lightweight tag.
        try git("tag", "-f", tag, "HEAD")
        var found = try findings()
        XCTAssertTrue(found.contains("лёгкий тег"), found)
        XCTAssertTrue(found.contains("не та печать, что записана здесь"), found)

        // Deleted, the money edited, and closed again: refused.
        try git("tag", "-d", tag)
        try write(work, try read(work).replacingOccurrences(of: " 2h ", with: " 1h "))
        XCTAssertEqual(try commitByHand("edit", verify: false).code, 0)
        XCTAssertTrue(try gitdesk("close", "2026-10", code: 1).err.contains("не сделать заново"))
        try git("reset", "-q", "--hard", "HEAD~1")
        try gitdesk("close", "2026-10")

        // A message edited so that an entry no longer reads.
        let edited = sealedMessage.replacingOccurrences(of: "closing 6000.00", with: "closing lots")
        try git("tag", "-f", "-a", tag, "-m", edited, try git("rev-list", "-n1", tag).trimmingCharacters(in: .whitespacesAndNewlines))
        found = try findings()
        XCTAssertTrue(found.contains("не запись клиента"), found)
        XCTAssertTrue(found.contains("не та печать, что записана здесь"), found)
        try git("tag", "-d", tag)
        try gitdesk("close", "2026-10")
        try gitdesk("check")

        // A seal tag made by hand, that the desk does not record.
        try git("tag", "-a", "gitdesk/close/2026-09", "-m", "gitdesk close 2026-09\nformat 2\n")
        XCTAssertTrue(try findings().contains("тег печати, которого нет в audit/seals.md"))
        try git("tag", "-d", "gitdesk/close/2026-09")

        // The record itself only grows: the hook refuses an edit, check sees one made anyway.
        try write("audit/seals.md", "")
        let refused = try commitByHand("forget the seal")
        XCTAssertTrue((refused.out + refused.err).contains("audit/seals.md только растёт"), refused.out + refused.err)
        XCTAssertEqual(try commitByHand("forget the seal", verify: false).code, 0)
        XCTAssertTrue(try findings().contains("тег печати, которого нет в audit/seals.md"))
    }

    /// A seal once made is known from history: the record emptied and the tag deleted past
    /// the hook, a later edit of the sealed month is still refused, and `check` and `audit`
    /// name the seal; a forged or doubled seal line and a moved tag are refused by the hook.
    func testASealIsKnownFromHistoryAfterItsRecordAndTagAreGone() throws {
        try sealedDesk()
        let tag = "gitdesk/close/2026-10"
        let sealedAt = try git("rev-list", "-n1", tag).trimmingCharacters(in: .whitespacesAndNewlines)
        let record = try read("audit/seals.md")

        // A forged line and a doubled one: refused when committed.
        try write("audit/seals.md", record + "- 2026-09 * " + String(repeating: "a", count: 64) + " " + String(repeating: "b", count: 64) + "\n")
        var refused = try commitByHand("forge")
        XCTAssertNotEqual(refused.code, 0, "a seal line no seal made")
        XCTAssertTrue((refused.out + refused.err).contains("2026-09"), refused.out + refused.err)
        try write("audit/seals.md", record + record)
        refused = try commitByHand("double")
        XCTAssertNotEqual(refused.code, 0, "a seal line twice")
        try git("reset", "-q")
        try git("checkout", "--", "audit/seals.md")

        // The record and the tag removed past the hook.
        try git("rm", "-q", "audit/seals.md")
        try git("tag", "-d", tag)
        XCTAssertEqual(try commitByHand("forget", verify: false).code, 0)
        try write(work, try read(work).replacingOccurrences(of: " 2h ", with: " 8h "))
        refused = try commitByHand("October edit")
        XCTAssertNotEqual(refused.code, 0, "the October edit must be refused: \(refused.out)")
        XCTAssertTrue((refused.out + refused.err).contains("2026-10"), refused.out + refused.err)
        XCTAssertEqual(try commitByHand("October edit", verify: false).code, 0)
        let found = try run(Self.binary, ["check", "--locale", "en"])
        XCTAssertEqual(found.code, 1)
        XCTAssertTrue((found.out + found.err).contains("the record of sealing 2026-10 (commit \(sealedAt.prefix(7)))"), found.out + found.err)
        let audit = try gitdesk("audit", "--locale", "en").out
        XCTAssertTrue(audit.contains("2026-10") && !audit.contains("Sealed periods\n  none"), audit)
    }

    /// A seal tag deleted: the next commit is refused until `close` makes it again on the
    /// commit that sealed it; a tag moved to another commit (its message kept) is named by `check`.
    func testADeletedOrMovedSealTagIsRefusedAndNamed() throws {
        try sealedDesk()
        let tag = "gitdesk/close/2026-10"
        let message = try git("tag", "-l", "--format=%(contents)", tag)
        let sealedAt = try git("rev-list", "-n1", tag)
        try git("tag", "-d", tag)
        try write(work, try read(work) + "- 2026-10-20 alice 1h billable Late October work\n")
        let refused = try commitByHand("October after the tag is gone")
        XCTAssertNotEqual(refused.code, 0)
        XCTAssertTrue((refused.out + refused.err).contains(tag), refused.out + refused.err)
        try git("reset", "-q", "--hard")
        try gitdesk("close", "2026-10")
        XCTAssertEqual(try git("rev-list", "-n1", tag), sealedAt, "made again on the commit that sealed it")
        try gitdesk("pay", "acme", "1000", "Ноябрь", "--date", "2026-11-05")
        try git("tag", "-f", "-a", tag, "-m", message, "HEAD")
        let found = try run(Self.binary, ["check", "--locale", "en"])
        XCTAssertEqual(found.code, 1)
        XCTAssertTrue((found.out + found.err).contains("the tag \(tag) was moved"), found.out + found.err)
    }

    func testReplaceRefsAreRefused() throws {
        try sealedDesk()
        let original = try head()
        try write(work, try read(work).replacingOccurrences(of: " 2h ", with: " 1h "))
        XCTAssertEqual(try commitByHand("other content", verify: false).code, 0)
        let replacement = try head()
        try git("reset", "-q", "--hard", original)
        try git("replace", original, replacement)
        let refused = try gitdesk("balance", code: 1)
        XCTAssertTrue(refused.err.contains("ссылки git replace"), refused.err)
        XCTAssertTrue(refused.err.contains("git replace -d"), refused.err)
        try gitdesk("balance", env: ["GIT_NO_REPLACE_OBJECTS": "1"])
    }
}
