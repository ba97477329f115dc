import Foundation
import GitdeskCore

/// One SLA clock of a ticket.
public struct Clock: Codable, Sendable {
    public enum Name: String, Codable, Sendable { case reaction, update, resolution }
    public enum State: String, Codable, Sendable { case running, warning, overdue, paused, met, breached }

    public let name: Name
    public let targetMinutes: Int
    /// Working minutes used so far (or until the clock stopped), pauses excluded.
    public let usedMinutes: Int
    public let started: Date
    public let stopped: Date?
    /// When the target is reached if nothing changes; nil when stopped or paused.
    public let due: Date?
    public let state: State

    public var leftMinutes: Int { targetMinutes - usedMinutes }
}

/// The clocks of one ticket.
public struct TicketClocks: Codable, Sendable {
    public let ticket: String
    public let client: String
    public let title: String
    public let status: String
    public let priority: String?
    public let category: String?
    public let assignee: String?
    public let policy: String
    public let clocks: [Clock]
}

/// SLA by working time (SPEC §6): reaction, update and resolution clocks per ticket, paused
/// in the pause statuses, with times taken from history.
public struct SLAEngine {
    /// The settings and cards (its tickets are not read: the timelines carry them).
    public let cards: Desk
    public let timelines: [String: Timeline]
    public private(set) var now: Date
    /// One calendar per name (and the desk's own), made once so that what each has worked
    /// out about its days serves every ticket.
    private let deskCalendar: WorkCalendar
    private let namedCalendars: [String: WorkCalendar]

    public init(cards: Desk, timelines: [String: Timeline], now: Date) {
        self.cards = cards
        self.timelines = timelines
        self.now = now
        deskCalendar = WorkCalendar(config: cards.config)
        namedCalendars = cards.config.calendars.mapValues(WorkCalendar.init)
    }

    /// The same engine reading its clocks at another moment (what the calendars worked out
    /// is kept).
    public func reading(at moment: Date) -> SLAEngine {
        var engine = self
        engine.now = moment
        return engine
    }

    var settings: SLASettings { cards.config.sla }

    public func policy(for ticket: FolderFacts.TicketFacts) -> SLAPolicy {
        let name = cards.clients[ticket.client]?.sla ?? settings.defaultPolicy
        return settings.policies[name] ?? settings.policies[settings.defaultPolicy] ?? SLASettings.standard
    }

    public func calendar(for ticket: FolderFacts.TicketFacts) -> WorkCalendar {
        if let name = policy(for: ticket).calendar, let named = namedCalendars[name] { return named }
        return cards.clients[ticket.client]?.calendar.flatMap { namedCalendars[$0] } ?? deskCalendar
    }

    public func clocks(_ timeline: Timeline) -> TicketClocks {
        let ticket = timeline.ticket
        let policy = policy(for: ticket)
        let calendar = calendar(for: ticket)
        let closed = cards.config.closedStatuses.contains(ticket.status)
        var clocks: [Clock] = []
        func clock(_ name: Clock.Name, _ target: Int?, from start: Date, stop: Date?) {
            guard let target else { return }
            let end = min(stop ?? now, now)
            let paused = timeline.minutes(in: settings.pauseStatuses, from: start, to: end, calendar: calendar)
            let used = max(0, calendar.workingMinutes(from: start, to: end) - paused)
            let pausedNow = stop == nil && settings.pauseStatuses.contains(ticket.status)
            let state: Clock.State
            if stop != nil {
                state = used <= target ? .met : .breached
            } else if pausedNow {
                state = used > target ? .overdue : .paused
            } else if used > target {
                state = .overdue
            } else {
                state = used * 10_000 >= target * settings.warnBasisPoints ? .warning : .running
            }
            // Pauses so far push the due time by their working time.
            let due = stop == nil && !pausedNow ? calendar.adding(minutes: target + paused, to: start) : nil
            clocks.append(Clock(name: name, targetMinutes: target, usedMinutes: used, started: start, stopped: stop, due: due, state: state))
        }
        let reaction = policy.target(\.reaction, category: ticket.category, priority: ticket.priority)
        let response = timeline.firstResponse
        clock(.reaction, reaction, from: timeline.created, stop: response ?? (closed ? timeline.currentSince : nil))
        if !closed, let response {
            let lastStaff = timeline.messages.last { !$0.fromClient }?.at ?? response
            let lastClient = timeline.messages.last { $0.fromClient }?.at
            let anchor = lastClient.map { $0 > lastStaff ? $0 : lastStaff } ?? lastStaff
            clock(.update, policy.target(\.update, category: ticket.category, priority: ticket.priority), from: max(anchor, response), stop: nil)
        }
        clock(.resolution, policy.target(\.resolution, category: ticket.category, priority: ticket.priority),
              from: timeline.created, stop: closed ? timeline.currentSince : nil)
        return TicketClocks(ticket: ticket.ticket, client: ticket.client, title: ticket.title, status: ticket.status,
                            priority: ticket.priority, category: ticket.category, assignee: ticket.assignee,
                            policy: policy.name, clocks: clocks)
    }

    /// Clocks of the open tickets (optionally of one client), most urgent first.
    public func openTickets(client: String? = nil) -> [TicketClocks] {
        let open = timelines.values.filter { cards.config.openStatuses.contains($0.ticket.status) && (client == nil || $0.ticket.client == client) }
            .map(clocks)
        // Sort positions by precomputed keys, not the large values themselves.
        let keys = open.map { (Self.urgency($0), $0.ticket) }
        return open.indices.sorted { keys[$0] < keys[$1] }.map { open[$0] }
    }

    static func urgency(_ clocks: TicketClocks) -> Int {
        clocks.clocks.filter { $0.state != .met && $0.state != .breached }.map(\.leftMinutes).min() ?? .max
    }

    /// Met and breached figures for tickets created in a period, per client, category and priority.
    public struct Figures: Codable, Sendable {
        public let client: String
        public let category: String
        public let priority: String
        public var reactionMet = 0, reactionBreached = 0, resolutionMet = 0, resolutionBreached = 0, open = 0
    }

    public func figures(period: Period, client: String? = nil) -> [Figures] {
        figures(periods: [period], client: client)[0]
    }

    /// The figures of several periods in one pass over the tickets (a ticket counts in each
    /// period its creation day falls in).
    public func figures(periods: [Period], client: String? = nil) -> [[Figures]] {
        var tables = [[String: Figures]](repeating: [:], count: periods.count)
        for timeline in timelines.values {
            let ticket = timeline.ticket
            guard client == nil || ticket.client == client else { continue }
            let created = Day(timeline.created, in: calendar(for: ticket).settings.timezone)
            let matching = periods.indices.filter { periods[$0].contains(created) }
            guard !matching.isEmpty else { continue }
            let key = [ticket.client, ticket.category ?? "-", ticket.priority ?? "normal"].joined(separator: "\u{0}")
            let clocks = clocks(timeline).clocks
            for index in matching {
                var row = tables[index][key] ?? Figures(client: ticket.client, category: ticket.category ?? "-", priority: ticket.priority ?? "normal")
                for clock in clocks {
                    switch (clock.name, clock.state) {
                    case (.reaction, .met): row.reactionMet += 1
                    case (.reaction, .breached), (.reaction, .overdue): row.reactionBreached += 1
                    case (.resolution, .met): row.resolutionMet += 1
                    case (.resolution, .breached): row.resolutionBreached += 1
                    case (.resolution, _): row.open += 1
                    default: break
                    }
                }
                tables[index][key] = row
            }
        }
        return tables.map { $0.values.sorted { ($0.client, $0.category, $0.priority) < ($1.client, $1.category, $1.priority) } }
    }
}
