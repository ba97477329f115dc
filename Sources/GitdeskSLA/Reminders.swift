import Foundation
import GitdeskCore

/// One thing someone should do now, found by the seed's helpers.
public struct Reminder: Codable, Sendable {
    public init(person: String, ticket: String, title: String, status: String, kind: Kind, message: String, measure: Int?, since: Date?) {
        self.person = person; self.ticket = ticket; self.title = title; self.status = status; self.kind = kind
        self.message = message; self.measure = measure; self.since = since
    }

    public enum Kind: String, Codable, CaseIterable, Sendable {
        case idleInProgress = "idle-in-progress"
        case notTaken = "not-taken"
        case clientWaiting = "client-waiting"
        case progressUpdate = "progress-update"
        case estimateNudge = "estimate-nudge"
        case doneWithoutServiceComment = "done-without-service-comment"
        case testingWithoutTestCase = "testing-without-test-case"
        case inProgressWithoutAssignee = "in-progress-without-assignee"
        case unconfirmed = "unconfirmed"
        /// A client in debt longer than `reminders.debt-days` (for the lead; `ticket` names the client).
        case debt = "debt"
    }

    /// The login to remind, or `unassigned`.
    public let person: String
    /// The ticket, or for a debt the client.
    public let ticket: String
    public let title: String
    /// The ticket's status when the reminder was made.
    public let status: String
    public let kind: Kind
    /// The condition in English, for JSON and logs (the CLI words it from `kind` and `measure`).
    public let message: String
    /// The working minutes the condition has held (days for `unconfirmed`), when it names them.
    public let measure: Int?
    /// Since when the condition holds.
    public let since: Date?
}

/// The reminder helpers (SPEC §6), with thresholds from `reminders:` in gitdesk.yml.
public struct Reminders {
    public let engine: SLAEngine

    public init(engine: SLAEngine) { self.engine = engine }

    public func all() -> [Reminder] {
        let desk = engine.cards
        let limits = desk.config.reminders
        let now = engine.now
        var result: [Reminder] = []
        for timeline in engine.timelines.values.sorted(by: { $0.ticket.ticket < $1.ticket.ticket }) {
            let ticket = timeline.ticket
            guard desk.config.openStatuses.contains(ticket.status) || ticket.status == "done" else { continue }
            let calendar = engine.calendar(for: ticket)
            let person = ticket.assignee ?? "unassigned"
            func add(_ kind: Reminder.Kind, _ message: String, _ measure: Int? = nil, since: Date?) {
                result.append(Reminder(person: person, ticket: ticket.ticket, title: ticket.title, status: ticket.status, kind: kind, message: message,
                                       measure: measure, since: since))
            }
            func hours(_ minutes: Int) -> String { Duration(minutes: minutes).description }
            let since = timeline.currentSince
            switch ticket.status {
            case "in-progress":
                let lastWork = ([since] + timeline.workRecorded).max()!
                let idle = calendar.workingMinutes(from: lastWork, to: now)
                if idle >= limits.idleInProgress { add(.idleInProgress, "in progress with no work logged for \(hours(idle)) of working time", idle, since: lastWork) }
                if ticket.assignee == nil { add(.inProgressWithoutAssignee, "in progress without an assignee", since: since) }
                if let estimate = ticket.estimate, estimate.minutes >= limits.longTicket {
                    let lastUpdate = ([since] + timeline.messages.filter { !$0.fromClient }.map(\.at)).max()!
                    let quiet = calendar.workingMinutes(from: lastUpdate, to: now)
                    if quiet >= limits.progressUpdate { add(.progressUpdate, "a long ticket: tell the client how it goes (\(hours(quiet)) since the last update)", quiet, since: lastUpdate) }
                }
            case "new", "accepted":
                let waiting = calendar.workingMinutes(from: since, to: now)
                if waiting >= limits.notTaken { add(.notTaken, "\(ticket.status) and not taken for \(hours(waiting)) of working time", waiting, since: since) }
            case "estimate-sent":
                let answered = timeline.messages.contains { $0.fromClient && $0.at > since }
                let silent = calendar.workingMinutes(from: since, to: now)
                if !answered && silent >= limits.estimateSilence { add(.estimateNudge, "estimate sent \(hours(silent)) of working time ago and the client is silent: nudge them", silent, since: since) }
            case "testing":
                if !ticket.hasTestSteps { add(.testingWithoutTestCase, "in testing without a test case (test.md)", since: since) }
            case "done":
                if !ticket.hasServiceComment { add(.doneWithoutServiceComment, "done without a service comment (service.md)", since: since) }
            default:
                break
            }
            if desk.config.openStatuses.contains(ticket.status), let last = timeline.messages.last, last.fromClient {
                let waiting = calendar.workingMinutes(from: last.at, to: now)
                if waiting >= limits.clientWaiting { add(.clientWaiting, "the client wrote last and waits for an answer (\(hours(waiting)))", waiting, since: last.at) }
            }
            if ticket.confirmed == false {
                let days = Int(now.timeIntervalSince(timeline.created) / 86_400)
                if days >= limits.unconfirmedDays { add(.unconfirmed, "phone ticket not confirmed by the client for \(days) days", days, since: timeline.created) }
            }
        }
        // Positions are sorted, not the reminders: moving a reminder copies a dozen fields.
        // By person, ticket and kind's name, the kind compared by its name's rank.
        let ranks = result.map { Self.rankByName[$0.kind] ?? 0 }
        return result.indices.sorted { a, b in
            if result[a].person != result[b].person { return result[a].person < result[b].person }
            if result[a].ticket != result[b].ticket { return result[a].ticket < result[b].ticket }
            return ranks[a] < ranks[b]
        }.map { result[$0] }
    }

    /// Each kind's place among the kinds' names in order.
    private static let rankByName = Dictionary(uniqueKeysWithValues: Reminder.Kind.allCases.sorted { $0.rawValue < $1.rawValue }.enumerated().map { ($1, $0) })
}
