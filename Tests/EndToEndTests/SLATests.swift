import Foundation
import XCTest

/// Desks built with plain git commits at chosen times; each helper both triggered and not.
final class SLATests: DeskTestCase {
    private func at(_ time: String) -> [String: String] { ["GIT_AUTHOR_DATE": time, "GIT_COMMITTER_DATE": time] }

    private func commit(_ message: String, at time: String, as person: String = "alice") throws {
        try git("add", "-A", as: person)
        try git("commit", "-q", "--no-verify", "-m", message, as: person, env: at(time))
    }

    private func ticket(_ id: String, status: String, extra: String = "", created: String = "2026-11-23T10:00:00+03:00") -> String {
        "---\ntitle: Ticket \(id)\nclient: acme\nstatus: \(status)\npriority: normal\n\(extra)created: \(created)\n---\nBody\n"
    }

    private func json(_ args: [String]) throws -> Any {
        let result = try run(Self.binary, args)
        return try JSONSerialization.jsonObject(with: Data(result.out.utf8))
    }

    func testClocksFromHistoryWithPauseAndResume() throws {
        try makeDesk()
        let dir = folder("ACME-5KA0")
        // Created Monday 10:00; taken at 11:00 (reaction 1h); waiting for the client 12:00–Tuesday 12:00.
        try write("\(dir)/ticket.md", ticket("ACME-5KA0", status: "new"))
        try commit("new", at: "2026-11-23T10:00:00+03:00")
        try write("\(dir)/ticket.md", ticket("ACME-5KA0", status: "in-progress", extra: "assignee: alice\n"))
        try commit("take", at: "2026-11-23T11:00:00+03:00")
        try write("\(dir)/ticket.md", ticket("ACME-5KA0", status: "waiting-client", extra: "assignee: alice\n"))
        try commit("ask", at: "2026-11-23T12:00:00+03:00")
        func clocksAt(_ now: String) throws -> [String: [String: Any]] {
            let rows = try json(["sla", "--json", "--now", now]) as! [[String: Any]]
            let row = rows.first { $0["ticket"] as? String == "ACME-5KA0" }!
            return Dictionary(uniqueKeysWithValues: (row["clocks"] as! [[String: Any]]).map { ($0["name"] as! String, $0) })
        }
        var clocks = try clocksAt("2026-11-24T10:00")
        XCTAssertEqual(clocks["reaction"]?["state"] as? String, "met")
        XCTAssertEqual(clocks["reaction"]?["usedMinutes"] as? Int, 60)
        XCTAssertEqual(clocks["resolution"]?["state"] as? String, "paused")
        XCTAssertEqual(clocks["resolution"]?["usedMinutes"] as? Int, 120)
        try write("\(dir)/ticket.md", ticket("ACME-5KA0", status: "in-progress", extra: "assignee: alice\n"))
        try commit("resume", at: "2026-11-24T12:00:00+03:00")
        clocks = try clocksAt("2026-11-24T14:00")
        // 2h before the pause + 2h after it; the paused day does not count.
        XCTAssertEqual(clocks["resolution"]?["usedMinutes"] as? Int, 240)
        XCTAssertEqual(clocks["resolution"]?["state"] as? String, "running")
        let overdue = try run(Self.binary, ["sla", "--now", "2026-12-02T12:00"])
        XCTAssertEqual(overdue.code, 1)
        XCTAssertTrue(overdue.out.contains("просрочено"), overdue.out)
    }

    func testEachHelperTriggersAndStaysQuiet() throws {
        let first = try makeDesk()
        try gitdesk("move", first, "cancelled")
        func put(_ id: String, _ status: String, extra: String = "") throws {
            try write("\(folder(id))/ticket.md", ticket(id, status: status, extra: extra))
        }
        try put("ACME-1D1E", "in-progress", extra: "assignee: alice\n")
        try put("ACME-2A2A", "new", extra: "assignee: bob\n")
        try put("ACME-3CK1", "accepted", extra: "assignee: alice\n")
        try write("\(folder("ACME-3CK1"))/messages/20261123T100000-client.md", "---\nfrom: client\nat: 2026-11-23T10:00:00+03:00\n---\nHello?\n")
        try put("ACME-4E5T", "estimate-sent", extra: "assignee: alice\n")
        try put("ACME-5D0N", "done", extra: "assignee: alice\n")
        try put("ACME-6TST", "testing", extra: "assignee: alice\n")
        try put("ACME-7NA0", "in-progress")
        try put("ACME-8PH0", "accepted", extra: "assignee: bob\nchannel: phone\nconfirmed: false\n")
        try put("ACME-9K0N", "in-progress", extra: "assignee: alice\nestimate: 20h\n")
        try commit("tickets", at: "2026-11-23T10:00:00+03:00")
        try write("\(folder("ACME-1D1E"))/work.md", "- 2026-11-23 alice 1h billable Work ^wx1\n")
        try write("\(folder("ACME-9K0N"))/work.md", "- 2026-11-23 alice 1h billable Work ^wx2\n")
        try commit("work", at: "2026-11-23T11:00:00+03:00")

        // Monday 11:30: nothing has waited long enough except the contradictions.
        var kinds = Set((try json(["remind", "--json", "--now", "2026-11-23T11:30"]) as! [[String: Any]]).map { "\($0["ticket"]!) \($0["kind"]!)" })
        XCTAssertEqual(kinds, ["ACME-5D0N done-without-service-comment", "ACME-6TST testing-without-test-case",
                               "ACME-7NA0 in-progress-without-assignee"])
        // Thursday 17:00: everything is due.
        kinds = Set((try json(["remind", "--json", "--now", "2026-11-26T17:00"]) as! [[String: Any]]).map { "\($0["ticket"]!) \($0["kind"]!)" })
        for expected in ["ACME-1D1E idle-in-progress", "ACME-2A2A not-taken", "ACME-3CK1 client-waiting", "ACME-3CK1 not-taken",
                         "ACME-4E5T estimate-nudge", "ACME-8PH0 unconfirmed", "ACME-9K0N progress-update"] {
            XCTAssertTrue(kinds.contains(expected), "\(expected) missing from \(kinds.sorted())")
        }
        // A staff reply, a client answer to the estimate and new work silence three of them.
        try write("\(folder("ACME-3CK1"))/messages/20261126T160000-alice.md", "---\nfrom: alice\nat: 2026-11-26T16:00:00+03:00\n---\nOn it.\n")
        try write("\(folder("ACME-4E5T"))/messages/20261126T160000-client.md", "---\nfrom: client\nat: 2026-11-26T16:00:00+03:00\n---\nLooks fine.\n")
        try write("\(folder("ACME-1D1E"))/work.md", "- 2026-11-23 alice 1h billable Work ^wx1\n- 2026-11-26 alice 1h billable More ^wx3\n")
        try commit("answers", at: "2026-11-26T16:00:00+03:00")
        kinds = Set((try json(["remind", "--json", "--now", "2026-11-26T17:00"]) as! [[String: Any]]).map { "\($0["ticket"]!) \($0["kind"]!)" })
        XCTAssertFalse(kinds.contains("ACME-3CK1 client-waiting"), "\(kinds)")
        XCTAssertFalse(kinds.contains("ACME-4E5T estimate-nudge"), "\(kinds)")
        XCTAssertFalse(kinds.contains("ACME-1D1E idle-in-progress"), "\(kinds)")
        let text = try run(Self.binary, ["remind", "--for", "bob", "--now", "2026-11-26T17:00"])
        XCTAssertEqual(text.code, 1)
        XCTAssertTrue(text.out.hasPrefix("bob (Bob)\n"), text.out)
        XCTAssertFalse(text.out.contains("alice"), text.out)
    }
}
