/// A value computed from the tickets of one `tickets/PREFIX/` folder — small, so that a
/// command over the whole desk can keep one per folder instead of every parsed line.
public protocol TicketGroupSummary: Sendable {
    /// The cache file under `.git/gitdesk/`; change it when the encoding changes.
    static var cacheName: String { get }
    /// Root entries of the desk whose change changes every summary (settings, cards).
    static var dependsOn: [String] { get }
    /// What of a folder the summary is made from: `.money` reads only what money is made
    /// of, afresh; `.full` reads everything, through the desk's parse cache.
    static var scope: DeskLoader.Scope { get }
    /// The summary of a folder's tickets, with the problems of their files and their
    /// references to the cards.
    init(tickets: [Ticket], findings: [Finding], cards: Desk)
    init(from reader: inout BinaryReader) throws
    func write(to writer: inout BinaryWriter)
}

extension TicketGroupSummary {
    public static var scope: DeskLoader.Scope { .money }
}

/// A folder's tickets as read and checked against the cards, whole: what a whole-desk
/// command (SLA clocks, the site, search) is built from. Kept per folder tree, so a warm
/// run decodes the folders that did not change instead of building and checking their
/// tickets again.
public struct LoadedTickets: TicketGroupSummary {
    public static let cacheName = "tickets-v1"
    /// Reading and checking a ticket uses the settings and the cards, never ledgers,
    /// disputes or audit overrides.
    public static let dependsOn = ["gitdesk.yml", "clients", "staff", "projects"]
    public static let scope = DeskLoader.Scope.full
    public let tickets: [Ticket]
    public let findings: [Finding]

    public init(tickets: [Ticket], findings: [Finding], cards: Desk) {
        self.tickets = tickets
        self.findings = findings
    }

    public init(from reader: inout BinaryReader) throws {
        tickets = try (try reader.count()).map { _ in try reader.ticket() }
        findings = try reader.findings()
    }

    public func write(to writer: inout BinaryWriter) {
        writer.int(tickets.count)
        tickets.forEach { writer.ticket($0) }
        writer.findings(findings)
    }
}
