import GitdeskCore

/// One movement of a client's money: a priced work line or a ledger line.
public struct Movement: Hashable, Codable, Sendable {
    public enum Source: String, Codable, Sendable { case work, payment, credit, charge }

    public let date: Day
    public let client: String
    public let source: Source
    /// Signed effect on the balance: work and charges negative, payments and credits positive.
    public let amount: Money
    public let id: String?
    public let note: String
    public let location: SourceLocation
    // Work lines only.
    public let ticket: String?
    public let login: String?
    public let kind: String?
    public let minutes: Int?
    public let rate: Money?
}

extension Movement {
    /// Work or a ledger charge: what the client is charged, and may dispute.
    public var isCharge: Bool { source == .work || source == .charge }

    /// A payment, credit or charge of a client's ledger.
    init(ledgerLine line: Located<LedgerLine>, client: String) {
        let entry = line.value
        self.init(date: entry.date, client: client, source: Movement.Source(rawValue: entry.kind.rawValue)!,
                  amount: Money(minor: entry.amount.minor * entry.kind.sign), id: entry.id, note: entry.note,
                  location: line.location, ticket: nil, login: nil, kind: nil, minutes: nil, rate: nil)
    }
}

/// Why money cannot be computed for a client: problems in its files (an ID seen twice, a
/// line that does not parse). Other clients are unaffected.
public struct ClientMoneyError: Error, CustomStringConvertible, Sendable {
    public let client: String
    public let findings: [Finding]
    /// What is wrong, in both languages: the client, then each finding on a line of its own.
    public var text: Text {
        findings.reduce(Problem.moneyOfClient(client).text) { $0 + "\n  " + $1.located }
    }

    public var description: String { text.description }
}

/// A client's money as of the desk: every movement, sorted by date and place.
public struct ClientAccount: Sendable {
    public let client: Client
    public let movements: [Movement]
    /// The dispute lines about each transaction, in the order of the file.
    public let disputes: [String: [DisputeLine]]
    /// Transactions under an open dispute; they stay in the balance until resolved.
    public let openDisputes: Set<String>
    /// Minutes of non-billable work per day: time spent for the client and not charged.
    public let notChargedMinutes: [Day: Int]

    /// The disputed part of the balance: what the open disputes would return if waived.
    public func disputed(asOf day: Day? = nil) -> Money {
        movements.reduce(.zero) { total, movement in
            movement.id.map(openDisputes.contains) == true && (day == nil || movement.date <= day!) ? total - movement.amount : total
        }
    }

    /// payments + credits − charges − billable amounts, all dated on or before `day`.
    public func balance(asOf day: Day? = nil) -> Money {
        movements.reduce(.zero) { total, movement in day == nil || movement.date <= day! ? total + movement.amount : total }
    }
}

/// The money side of a desk (SPEC §5): movements per client, refusing clients whose files
/// are ambiguous, since ambiguity is never money.
public struct Accounts {
    public let desk: Desk
    private let pricing: Pricing
    /// Tickets grouped by client once, so each account reads only its own.
    private let ticketsByClient: [String: [Ticket]]
    private let findingsByClient: [String: [Finding]]

    public init(desk: Desk) {
        self.desk = desk
        pricing = Pricing(desk: desk)
        ticketsByClient = Dictionary(grouping: desk.tickets.values, by: \.client)
        findingsByClient = Dictionary(grouping: desk.findings.filter { $0.client != nil }, by: { $0.client! })
    }

    /// Problems that block everyone's money (settings, unreadable cards).
    public var deskFindings: [Finding] { desk.findings.filter { $0.client == nil } }

    /// The client's account, or an error naming the lines that make it ambiguous.
    public func account(_ slug: String) throws -> ClientAccount {
        let client = try desk.client(slug)
        if let blocking = findingsByClient[slug], !blocking.isEmpty { throw ClientMoneyError(client: slug, findings: blocking) }
        let priced = (ticketsByClient[slug] ?? []).flatMap(pricing.price)
        var notCharged: [Day: Int] = [:]
        for work in priced where !work.billable { notCharged[work.line.value.date, default: 0] += work.line.value.duration.minutes }
        var movements: [Movement] = priced.filter(\.billable).map { priced in
            let work = priced.line.value
            return Movement(date: work.date, client: slug, source: .work, amount: -priced.amount, id: work.id, note: work.note,
                            location: priced.line.location, ticket: priced.ticket, login: work.login, kind: work.kind,
                            minutes: work.duration.minutes, rate: priced.rate)
        }
        movements += (desk.ledgers[slug]?.lines ?? []).map { Movement(ledgerLine: $0, client: slug) }
        movements.sort { ($0.date, $0.location) < ($1.date, $1.location) }
        let disputes = desk.disputeLines(slug)
        return ClientAccount(client: client, movements: movements, disputes: disputes,
                             openDisputes: Set(disputes.filter { $0.value.last?.action == .open }.keys), notChargedMinutes: notCharged)
    }

    /// Every client's account or its error, sorted by client.
    public func all() -> [(slug: String, result: Result<ClientAccount, ClientMoneyError>)] {
        desk.clients.keys.sorted().map { slug in
            (slug, Result { try account(slug) }.mapError { $0 as? ClientMoneyError ?? ClientMoneyError(client: slug, findings: []) })
        }
    }
}
