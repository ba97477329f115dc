/// A value computed from the tickets of one `tickets/PREFIX/` folder — small, so that a
/// command over the whole desk can keep one per folder instead of every parsed line.
public protocol TicketGroupSummary: Sendable {
    /// The cache file under `.git/gitdesk/`; change it when the encoding changes.
    static var cacheName: String { get }
    /// Root entries of the desk whose change changes every summary (settings, cards).
    static var dependsOn: [String] { get }
    /// What of a folder the summary is made from: `.money` reads only what money is made
    /// of; `.full` reads everything.
    static var scope: DeskLoader.Scope { get }
    /// Whether folders are read through the desk's parse cache: worth it for a summary
    /// that every card change invalidates (its folders' files are then parsed already).
    static var readsThroughParseCache: Bool { get }
    /// The summary of a folder's tickets, with the problems of their files and their
    /// references to the cards.
    init(tickets: [Ticket], findings: [Finding], cards: Desk)
    init(from reader: inout BinaryReader) throws
    func write(to writer: inout BinaryWriter)
}

extension TicketGroupSummary {
    public static var scope: DeskLoader.Scope { .money }
    public static var readsThroughParseCache: Bool { false }
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
    public static let readsThroughParseCache = true
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

/// What the index keeps of a folder's tickets to check a desk without reading them: each
/// ticket's client, project, transactions and Message-IDs (for the desk-wide rules: transaction IDs
/// unique, every dispute naming a transaction, the money total bounded), the folder's
/// findings that do not depend on the cards, and the staff logins it names. Made from the
/// files and the settings alone, so a card added or edited leaves every record valid; a
/// folder whose references no longer resolve against the cards is read again.
public struct FolderFacts: TicketGroupSummary {
    public static let cacheName = "folders-v2"
    /// The settings: the largest file read, statuses, kinds, the service-comment rule.
    public static let dependsOn = ["gitdesk.yml"]
    public static let scope = DeskLoader.Scope.full

    /// One ticket: its client and project, its lines' IDs with their minutes, the minutes
    /// and number of all its lines (with or without an ID), and its messages' Message-IDs
    /// (what intake threads replies by).
    public struct TicketFacts: Sendable {
        public let ticket: String
        public let client: String
        public let project: String?
        public let transactions: [(id: String, minutes: Int)]
        public let minutes: Int
        public let lines: Int
        public let messageIDs: [String]
    }

    public let tickets: [TicketFacts]
    /// Problems of the folder's files and against the settings (see `DeskValidator`),
    /// without those about references to the cards.
    public let findings: [Finding]
    /// Done tickets without a service comment (when the settings ask for one).
    public let undocumented: [Finding]
    /// Every staff login the folder's tickets name.
    public let logins: [String]

    public init(tickets: [Ticket], findings: [Finding], cards: Desk) {
        let validator = DeskValidator(desk: cards)
        let references = Set(tickets.flatMap(validator.referenceFindings))
        self.findings = findings.filter { !references.contains($0) }
        undocumented = tickets.flatMap(validator.undocumentedFindings)
        self.tickets = tickets.map { ticket in
            TicketFacts(ticket: ticket.id, client: ticket.client, project: ticket.project,
                        transactions: ticket.work.compactMap { line in line.value.id.map { ($0, line.value.duration.minutes) } },
                        minutes: ticket.loggedMinutes, lines: ticket.work.count, messageIDs: ticket.messages.compactMap(\.messageID))
        }
        logins = Set(tickets.flatMap(DeskValidator.logins)).sorted()
    }

    /// Whether a finding is one a read of what money is made of also finds: about a ticket
    /// folder, its card or its work log (not its messages, test case or service comment).
    public static func concernsMoney(_ finding: Finding) -> Bool {
        guard let path = TicketPath(finding.file) else { return true }
        return path.inner == "ticket.md" || path.inner == "work.md"
    }

    /// Whether every ticket's references resolve against these cards, so that the folder
    /// has no finding about them (else it must be read again to say which).
    public func referencesResolve(_ validator: DeskValidator) -> Bool {
        logins.allSatisfy { validator.desk.staff[$0] != nil }
            && tickets.allSatisfy { validator.referencesResolve(ticket: $0.ticket, client: $0.client, project: $0.project) }
    }

    public init(from reader: inout BinaryReader) throws {
        tickets = try (try reader.count()).map { _ in
            let ticket = try reader.string(), client = try reader.string(), project = try reader.optionalString()
            let transactions = try (try reader.count()).map { _ in (id: try reader.string(), minutes: try reader.int()) }
            return TicketFacts(ticket: ticket, client: client, project: project, transactions: transactions,
                               minutes: try reader.int(), lines: try reader.int(),
                               messageIDs: try (try reader.count()).map { _ in try reader.string() })
        }
        findings = try reader.findings()
        undocumented = try reader.findings()
        logins = try (try reader.count()).map { _ in try reader.string() }
    }

    public func write(to writer: inout BinaryWriter) {
        writer.int(tickets.count)
        for facts in tickets {
            writer.string(facts.ticket)
            writer.string(facts.client)
            writer.optionalString(facts.project)
            writer.int(facts.transactions.count)
            for transaction in facts.transactions {
                writer.string(transaction.id)
                writer.int(transaction.minutes)
            }
            writer.int(facts.minutes)
            writer.int(facts.lines)
            writer.int(facts.messageIDs.count)
            facts.messageIDs.forEach { writer.string($0) }
        }
        writer.findings(findings)
        writer.findings(undocumented)
        writer.int(logins.count)
        logins.forEach { writer.string($0) }
    }
}
