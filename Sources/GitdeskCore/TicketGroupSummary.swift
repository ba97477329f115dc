import Foundation

/// A value computed from the tickets of one `tickets/PREFIX/` folder — small, so that a
/// command over the whole desk can keep one per folder instead of every parsed line.
public protocol TicketGroupSummary: Sendable {
    /// The part of the desk index that keeps the summaries.
    static var indexPart: DeskIndex.Part { get }
    /// Root entries of the desk whose change changes every summary (settings, cards).
    static var dependsOn: [String] { get }
    /// What of a folder the summary is made from: `.money` reads only what money is made
    /// of; `.full` reads everything.
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

/// What the index keeps of a folder's tickets to check a desk and count its work without
/// reading them: each ticket's client, project, planning fields (what `list` shows), transactions and
/// Message-IDs (for the desk-wide rules: transaction IDs unique, every dispute naming a
/// transaction, the money total bounded), its work lines without their notes (what
/// `report` and `plan` count), the folder's findings that do not depend on the cards, and
/// the staff logins it names. Made from the files and the settings alone, so a card added
/// or edited leaves every record valid; a folder whose references no longer resolve
/// against the cards is read again.
public struct FolderFacts: TicketGroupSummary {
    public static let indexPart = DeskIndex.Part.folders
    /// The settings: the largest file read, statuses, kinds, the service-comment rule.
    public static let dependsOn = ["gitdesk.yml"]
    public static let scope = DeskLoader.Scope.full

    /// One ticket: its client and project, what planning and the SLA clocks read of its card,
    /// its lines' IDs with their minutes, the minutes and number of all its lines (with or
    /// without an ID), its messages (when, from whom, and the Message-IDs intake threads
    /// replies by) and whether its test case and service comment are written.
    public struct TicketFacts: Sendable {
        /// A message as the SLA clocks read it: its file, the time it says, and its side.
        public struct MessageFact: Sendable {
            /// The file's path inside the ticket folder (`messages/….md`).
            public let name: String
            public let at: Date?
            public let fromClient: Bool
        }

        public let ticket: String
        public let client: String
        public let project: String?
        public let title: String
        public let status: String
        public let priority: String?
        public let category: String?
        public let assignee: String?
        public let estimate: Duration?
        public let approved: Duration?
        public let created: Date?
        /// Whether the client confirmed a phone ticket (nil when the card does not say).
        public let confirmed: Bool?
        public let transactions: [(id: String, minutes: Int)]
        public let minutes: Int
        public let lines: Int
        public let messageIDs: [String]
        /// Oldest first, as the ticket lists them.
        public let messages: [MessageFact]
        public let hasTestSteps: Bool
        public let hasServiceComment: Bool

        public var folder: String { TicketID.folder(of: ticket) }
        public var workFile: String { "\(folder)/work.md" }

        public init(_ ticket: Ticket) {
            self.ticket = ticket.id; client = ticket.client; project = ticket.project; title = ticket.title
            status = ticket.status; priority = ticket.priority; category = ticket.category; assignee = ticket.assignee
            estimate = ticket.estimate; approved = ticket.approved; created = ticket.created; confirmed = ticket.confirmed
            transactions = ticket.work.compactMap { line in line.value.id.map { ($0, line.value.duration.minutes) } }
            minutes = ticket.loggedMinutes; lines = ticket.work.count; messageIDs = ticket.messages.compactMap(\.messageID)
            let prefix = ticket.folder + "/"
            messages = ticket.messages.map {
                MessageFact(name: $0.file.hasPrefix(prefix) ? String($0.file.dropFirst(prefix.count)) : $0.file, at: $0.at,
                            fromClient: $0.isFromClient)
            }
            hasTestSteps = ticket.test?.hasSteps == true
            hasServiceComment = ticket.hasServiceComment
        }

        init(from reader: inout BinaryReader) throws {
            func duration(_ stored: Int) -> Duration? { stored == 0 ? nil : Duration(minutes: stored - 1) }
            ticket = try reader.string(); client = try reader.string(); project = try reader.optionalString()
            title = try reader.string(); status = try reader.string(); priority = try reader.optionalString()
            category = try reader.optionalString(); assignee = try reader.optionalString(); estimate = duration(try reader.int()); approved = duration(try reader.int())
            created = try reader.date()
            confirmed = try { let flag = try reader.int(); return flag == 0 ? nil : flag == 2 }()
            transactions = try (try reader.count()).map { _ in (id: try reader.string(), minutes: try reader.int()) }
            minutes = try reader.int(); lines = try reader.int()
            messageIDs = try (try reader.count()).map { _ in try reader.string() }
            messages = try (try reader.count()).map { _ in
                MessageFact(name: try reader.string(), at: try reader.date(), fromClient: try reader.int() == 1)
            }
            let flags = try reader.int()
            hasTestSteps = flags & 1 != 0
            hasServiceComment = flags & 2 != 0
        }

        func write(to writer: inout BinaryWriter) {
            writer.string(ticket); writer.string(client); writer.optionalString(project)
            writer.string(title); writer.string(status); writer.optionalString(priority); writer.optionalString(category)
            writer.optionalString(assignee)
            writer.int(estimate.map { $0.minutes + 1 } ?? 0); writer.int(approved.map { $0.minutes + 1 } ?? 0)
            writer.date(created)
            writer.int(confirmed.map { $0 ? 2 : 1 } ?? 0)
            writer.int(transactions.count)
            for transaction in transactions {
                writer.string(transaction.id)
                writer.int(transaction.minutes)
            }
            writer.int(minutes); writer.int(lines)
            writer.int(messageIDs.count)
            messageIDs.forEach { writer.string($0) }
            writer.int(messages.count)
            for message in messages {
                writer.string(message.name); writer.date(message.at); writer.int(message.fromClient ? 1 : 0)
            }
            writer.int((hasTestSteps ? 1 : 0) | (hasServiceComment ? 2 : 0))
        }
    }

    public let tickets: [TicketFacts]
    /// Problems of the folder's files and against the settings (see `DeskValidator`),
    /// without those about references to the cards.
    public let findings: [Finding]
    /// Done tickets without a service comment (when the settings ask for one).
    public let undocumented: [Finding]
    /// Every staff login the folder's tickets name.
    public let logins: [String]
    /// The tickets' work lines as `WorkEntry.encode` wrote them: decoded only by a command
    /// that counts work (`work()`), so a write or a check reading every record skips them.
    private let workSection: (bytes: [UInt8], range: Range<Int>)
    /// Each work line's ID, note and line number (`WorkDetail.encode`): decoded only by a
    /// command that lists every movement (`export`).
    private let detailSection: (bytes: [UInt8], range: Range<Int>)

    public init(tickets: [Ticket], findings: [Finding], cards: Desk) {
        let validator = DeskValidator(desk: cards)
        let references = Set(tickets.flatMap(validator.referenceFindings))
        self.findings = findings.filter { !references.contains($0) }
        undocumented = tickets.flatMap(validator.undocumentedFindings)
        self.tickets = tickets.map(TicketFacts.init)
        logins = Set(tickets.flatMap(DeskValidator.logins)).sorted()
        var writer = BinaryWriter(magic: "", capacity: 256)
        WorkEntry.encode(tickets.map { $0.work.map { WorkEntry($0.value) } }, to: &writer)
        let bytes = writer.bytesWritten
        workSection = (bytes, bytes.indices)
        var details = BinaryWriter(magic: "", capacity: 256)
        WorkDetail.encode(tickets.map { $0.work.map(WorkDetail.init) }, to: &details)
        let detailBytes = details.bytesWritten
        detailSection = (detailBytes, detailBytes.indices)
    }

    /// Each ticket's work lines, in the order of `tickets` and of its file.
    public func work() throws -> [[WorkEntry]] {
        var reader = BinaryReader(bytes: workSection.bytes, record: workSection.range)
        let work = try WorkEntry.decode(from: &reader)
        guard work.count == tickets.count else { throw BinaryReader.Corrupt() }
        return work
    }

    /// Each ticket's work lines' ID, note and line number, in the order of `tickets` and of
    /// its file (beside `work()`, line for line).
    public func workDetails() throws -> [[WorkDetail]] {
        var reader = BinaryReader(bytes: detailSection.bytes, record: detailSection.range)
        let details = try WorkDetail.decode(from: &reader)
        guard details.count == tickets.count, zip(details, tickets).allSatisfy({ $0.count == $1.lines }) else { throw BinaryReader.Corrupt() }
        return details
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
            // By index: a ticket's facts copied would retain each of its strings.
            && tickets.indices.allSatisfy { validator.referencesResolve(ticket: tickets[$0].ticket, client: tickets[$0].client, project: tickets[$0].project) }
    }

    public init(from reader: inout BinaryReader) throws {
        tickets = try (try reader.count()).map { _ in try TicketFacts(from: &reader) }
        findings = try reader.findings()
        undocumented = try reader.findings()
        logins = try (try reader.count()).map { _ in try reader.string() }
        workSection = (reader.bytes, try reader.record())
        detailSection = (reader.bytes, try reader.record())
    }

    public func write(to writer: inout BinaryWriter) {
        writer.int(tickets.count)
        tickets.forEach { $0.write(to: &writer) }
        writer.findings(findings)
        writer.findings(undocumented)
        writer.int(logins.count)
        logins.forEach { writer.string($0) }
        writer.lengthPrefixed(workSection.bytes[workSection.range])
        writer.lengthPrefixed(detailSection.bytes[detailSection.range])
    }
}

/// A work line as the lead's numbers count it: when, who, how long, what kind and whom it
/// helped — no note, no ID, no place in a file.
public struct WorkEntry: Hashable, Sendable {
    public let date: Day
    public let login: String
    public let minutes: Int
    public let kind: String
    public let colleague: String?

    public init(_ line: WorkLine) {
        date = line.date; login = line.login; minutes = line.duration.minutes; kind = line.kind; colleague = line.colleague
    }

    init(date: Day, login: String, minutes: Int, kind: String, colleague: String?) {
        self.date = date; self.login = login; self.minutes = minutes; self.kind = kind; self.colleague = colleague
    }

    /// Several tickets' entries with one table of the names they repeat (logins, kinds,
    /// colleagues), so a folder of a thousand lines by five people stores each name once.
    static func encode(_ tickets: [[WorkEntry]], to writer: inout BinaryWriter) {
        var names: [String: Int] = [:], table: [String] = []
        func name(_ text: String) -> Int {
            if let known = names[text] { return known }
            names[text] = table.count
            table.append(text)
            return table.count - 1
        }
        let coded = tickets.map { $0.map { ($0, name($0.login), name($0.kind), $0.colleague.map { name($0) + 1 } ?? 0) } }
        writer.int(table.count)
        table.forEach { writer.string($0) }
        writer.int(coded.count)
        var previous = 0
        for entries in coded {
            writer.int(entries.count)
            for (entry, login, kind, colleague) in entries {
                writer.int(entry.date.ordinal - previous)
                previous = entry.date.ordinal
                writer.int(login); writer.int(entry.minutes); writer.int(kind); writer.int(colleague)
            }
        }
    }

    static func decode(from reader: inout BinaryReader) throws -> [[WorkEntry]] {
        let table = try (try reader.count()).map { _ in try reader.string() }
        func name(_ index: Int) throws -> String {
            guard table.indices.contains(index) else { throw BinaryReader.Corrupt() }
            return table[index]
        }
        var previous = 0
        return try (try reader.count()).map { _ in
            try (try reader.count()).map { _ in
                previous = try BinaryReader.adding(try reader.int(), to: previous)
                let login = try name(try reader.int()), minutes = try reader.int(), kind = try name(try reader.int())
                let colleague = try reader.int()
                return WorkEntry(date: Day(ordinal: previous), login: login, minutes: minutes, kind: kind,
                                 colleague: colleague == 0 ? nil : try name(colleague - 1))
            }
        }
    }
}

/// What a work line says besides what the lead's numbers count: its transaction ID, its
/// note and its line in the work log (where a movement is, for export and audit).
public struct WorkDetail: Hashable, Sendable {
    public let id: String?
    public let note: String
    public let line: Int

    public init(_ line: Located<WorkLine>) {
        id = line.value.id; note = line.value.note; self.line = line.location.line
    }

    init(id: String?, note: String, line: Int) {
        self.id = id; self.note = note; self.line = line
    }

    static func encode(_ tickets: [[WorkDetail]], to writer: inout BinaryWriter) {
        writer.int(tickets.count)
        for details in tickets {
            writer.int(details.count)
            var previous = 0
            for detail in details {
                writer.optionalString(detail.id); writer.string(detail.note)
                writer.int(detail.line - previous)
                previous = detail.line
            }
        }
    }

    static func decode(from reader: inout BinaryReader) throws -> [[WorkDetail]] {
        try (try reader.count()).map { _ in
            var previous = 0
            return try (try reader.count()).map { _ in
                let id = try reader.optionalString(), note = try reader.string()
                previous = try BinaryReader.adding(try reader.int(), to: previous)
                return WorkDetail(id: id, note: note, line: previous)
            }
        }
    }
}
