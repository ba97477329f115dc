import Foundation

/// An hourly rate in force from a date, optionally for one project only.
public struct RateEntry: Hashable, Codable, Sendable {
    public let since: Day?
    public let rate: Money
    public let project: String?

    public init(since: Day?, rate: Money, project: String?) {
        self.since = since; self.rate = rate; self.project = project
    }
}

/// `clients/<slug>.md`: who the client is and what an hour costs them.
public struct Client: Hashable, Sendable {
    public let slug: String
    public let name: String
    public let prefix: String
    public let rates: [RateEntry]
    public let sla: String?
    /// A named calendar from `gitdesk.yml` (`calendars:`), when the client works other hours.
    public let calendar: String?
    public let emails: [String]
    /// Chat senders (IDs or names) that belong to this client, for chat intake.
    public let chats: [String]
    /// The client's site path token, when the card sets one.
    public let siteToken: String?
    /// The language of the client's site (`locale:` on the card), when not the desk's.
    public let locale: String?
    /// Contract terms (the card's body).
    public let terms: String
    /// The client's legal details for acts and invoices (`requisites:`).
    public let requisites: PartyDetails
    public let file: String

    /// When an entry without a `since` date starts to apply.
    private static let undatedSince = Day(year: 1900, month: 1, day: 1)

    /// The rate in force on `day` for `project`: the latest entry for that project dated on or
    /// before the day, else the latest general entry, else `fallback` (the desk's rate).
    public func rate(on day: Day, project: String?, fallback: Money) -> Money {
        // One pass, no allocation: priced once per work line, a million times on a large desk.
        // The latest entry in force wins (the first of equal dates, an entry without a date
        // being the oldest, in force from 1900); a project's own rate wins over the client's.
        var general: RateEntry?, own: RateEntry?
        func since(_ entry: RateEntry) -> Int { entry.since?.ordinal ?? .min }
        for entry in rates where (entry.since ?? Client.undatedSince) <= day {
            if entry.project == nil {
                if general.map({ since(entry) > since($0) }) ?? true { general = entry }
            } else if entry.project == project, project != nil {
                if own.map({ since(entry) > since($0) }) ?? true { own = entry }
            }
        }
        return own?.rate ?? general?.rate ?? fallback
    }
}

public struct Absence: Hashable, Codable, Sendable {
    public let from: Day
    public let to: Day
    public let kind: String
}

/// `staff/<login>.md`: a person of the firm.
public struct Staff: Hashable, Sendable {
    public let login: String
    public let name: String
    public let email: String
    public let role: String
    /// The billable-day norm (6h for small tasks, 7h for one big task).
    public let capacity: Duration?
    public let absences: [Absence]
    /// Internal cost per hour; never shown to clients.
    public let cost: Money?
    public let file: String

    public static let roles: Set<String> = ["engineer", "lead", "intake", "tester"]

    public func isAbsent(on day: Day) -> Bool { absences.contains { $0.from <= day && day <= $0.to } }
}

/// `projects/<slug>/project.md`, its wiki pages under `wiki/`.
public struct Project: Hashable, Sendable {
    public let slug: String
    public let client: String
    public let title: String
    public let body: String
    public let wikiPages: [String: String]
    public let file: String
}

/// One message of a ticket's public conversation.
public struct Message: Hashable, Sendable {
    public let file: String
    /// `client` or a staff login.
    public let from: String
    public let author: String?
    public let at: Date?
    public let channel: String?
    public let messageID: String?
    public let inReplyTo: String?
    public let body: String

    public var isFromClient: Bool { from == "client" }

    /// The file a new message gets: `messages/<yyyymmddThhmmss>-<who>.md` in the ticket's
    /// folder, with `-2`, `-3`… when that name is taken.
    public static func path(folder: String, at time: Date, from sender: String, zone: TimeZone, taken: (String) -> Bool) -> String {
        let stamp = Timestamp.format(time, zone: zone).prefix(19).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
        var path = "\(folder)/messages/\(stamp)-\(sender).md"
        var counter = 2
        while taken(path) {
            path = "\(folder)/messages/\(stamp)-\(sender)-\(counter).md"
            counter += 1
        }
        return path
    }
}

/// `test.md`: the developer's test case and the tester's recorded result.
public struct TestCase: Hashable, Sendable {
    /// `pending`, `passed` or `failed`.
    public let result: String
    public let tester: String?
    public let steps: String

    public var hasSteps: Bool { !steps.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    public static let results: Set<String> = ["pending", "passed", "failed"]
}

/// A ticket: its card, conversation, work log, service comment and test case.
public struct Ticket: Sendable {
    public let id: String
    public var document: MarkdownDocument
    public var title: String
    public var client: String
    public var project: String?
    public var status: String
    public var priority: String?
    public var category: String?
    public var channel: String?
    public var assignee: String?
    public var estimate: Duration?
    public var approved: Duration?
    public var created: Date?
    public var confirmed: Bool?
    public var tester: String?
    public var tags: [String]
    public var messages: [Message] = []
    public var work: [Located<WorkLine>] = []
    public var serviceComment: String?
    public var test: TestCase?

    public var folder: String { TicketID.folder(of: id) }
    public var file: String { "\(folder)/ticket.md" }
    public var workFile: String { "\(folder)/work.md" }
    public var description: String { document.body }
    public var loggedMinutes: Int { work.reduce(0) { $0 + $1.value.duration.minutes } }
    /// True when `service.md` says how it was done (not missing, not blank).
    public var hasServiceComment: Bool { !(serviceComment ?? "").allSatisfy(\.isWhitespace) }
}

/// A client's ledger: payments, credits and charges.
public struct Ledger: Sendable {
    public let client: String
    public var lines: [Located<LedgerLine>]
    public var file: String { "ledger/\(client).md" }
}

/// The whole desk as of one commit (or the index, or the working tree).
public struct Desk: Sendable {
    public var config: DeskConfig
    public var clients: [String: Client] = [:]
    public var staff: [String: Staff] = [:]
    public var projects: [String: Project] = [:]
    public var tickets: [String: Ticket] = [:]
    public var ledgers: [String: Ledger] = [:]
    /// Dispute lines per client (`disputes/<client>.md`).
    public var disputes: [String: [Located<DisputeLine>]] = [:]
    /// Permissions to change sealed periods (`audit/overrides.md`).
    public var sealOverrides: [Located<SealOverride>] = []
    /// The sealed periods, in the order they were sealed (`audit/seals.md`).
    public var sealRecords: [Located<SealRecord>] = []
    /// The acts and invoices issued (`acts/`, `invoices/`), by file.
    public var documents: [IssuedDocument] = []
    /// Problems found while reading; a desk with findings is still usable for what they
    /// do not touch.
    public var findings: [Finding] = []

    public init(config: DeskConfig) { self.config = config }

    public func client(_ slug: String) throws -> Client {
        guard let client = clients[slug] else {
            throw DeskError.notFound(.noClient(slug, clients: clients.keys.sorted()))
        }
        return client
    }

    public func ticket(_ id: String) throws -> Ticket {
        guard TicketID.isValid(id) else { throw DeskError.usage(.notATicketID(id)) }
        guard let ticket = tickets[id] else { throw DeskError.notFound(.noTicket(id)) }
        return ticket
    }

    public func staffMember(_ login: String) throws -> Staff {
        guard let person = staff[login] else { throw DeskError.notFound(.noStaff(login)) }
        return person
    }

    /// Every transaction ID in use (work and ledger lines).
    public var transactionIDs: Set<String> {
        var ids = Set<String>()
        for ticket in tickets.values { for line in ticket.work { if let id = line.value.id { ids.insert(id) } } }
        for ledger in ledgers.values { for line in ledger.lines { if let id = line.value.id { ids.insert(id) } } }
        return ids
    }

    /// The current state of each disputed transaction of a client: its last dispute line.
    public func disputeStates(_ client: String) -> [String: Located<DisputeLine>] {
        var states: [String: Located<DisputeLine>] = [:]
        for line in disputes[client] ?? [] { states[line.value.transaction] = line }
        return states
    }

    /// A client's documents of a kind, oldest first.
    public func documents(_ kind: IssuedDocument.Kind, of client: String) -> [IssuedDocument] {
        documents.filter { $0.kind == kind && $0.client == client }.sorted { ($0.year, $0.number) < ($1.year, $1.number) }
    }

    /// Tickets sorted by ID, for deterministic output.
    public var sortedTickets: [Ticket] { tickets.values.sorted { $0.id < $1.id } }

}
