import GitdeskCore

/// A work line with its price: the rate in force and the amount charged.
public struct PricedWork: Hashable, Sendable {
    public let ticket: String
    public let client: String
    public let project: String?
    public let line: Located<WorkLine>
    public let billable: Bool
    /// The client's rate on the line's date (also shown for non-billable lines).
    public let rate: Money
    /// rate × minutes / 60 rounded half away from zero; zero when not billable.
    public let amount: Money
}

/// Prices work lines by SPEC §5: the client's (and project's) rate in force on the line's
/// date, integer minor units, rounded per line; non-billable kinds cost nothing.
public struct Pricing {
    public let desk: Desk

    /// The settings' billable kinds (looked up once per line).
    private let billableKinds: Set<String>

    public init(desk: Desk) {
        self.desk = desk
        billableKinds = desk.config.billableKinds
    }

    public func price(_ line: Located<WorkLine>, of ticket: Ticket) -> PricedWork {
        let work = line.value
        let (billable, rate, amount) = price(kind: work.kind, minutes: work.duration.minutes, on: work.date,
                                             client: ticket.client, project: ticket.project)
        return PricedWork(ticket: ticket.id, client: ticket.client, project: ticket.project, line: line,
                          billable: billable, rate: rate, amount: amount)
    }

    /// The one pricing rule: whether the kind is billable, the client's (and project's) rate
    /// on the day, and rate × minutes / 60 rounded half away from zero (zero when not billable).
    public func price(kind: String, minutes: Int, on day: Day, client: String, project: String?) -> (billable: Bool, rate: Money, amount: Money) {
        price(kind: kind, minutes: minutes, on: day, card: desk.clients[client], project: project)
    }

    /// The same with the client's card looked up by the caller, once for many lines.
    public func price(kind: String, minutes: Int, on day: Day, card: Client?, project: String?) -> (billable: Bool, rate: Money, amount: Money) {
        let billable = billableKinds.contains(kind)
        let rate = card?.rate(on: day, project: project, fallback: desk.config.rate) ?? desk.config.rate
        return (billable, rate, billable ? Money.amount(ratePerHour: rate, minutes: minutes) : .zero)
    }

    /// Every work line of a ticket, priced, in file order.
    public func price(_ ticket: Ticket) -> [PricedWork] { ticket.work.map { price($0, of: ticket) } }
}
