import ArgumentParser
import Foundation
import GitdeskCore
import GitdeskSLA
import GitdeskStore

/// `--now TIME`: when the clocks are read (default: now), for tests and for looking back.
struct NowOption: ParsableArguments {
    @Option(help: "Act as at this time, e.g. 2026-11-27T18:00 (default: now).") var now: String?

    func resolve(in desk: Desk) throws -> Date { try resolve(zone: desk.config.timezone) }

    /// The moment, a time without an offset read in `zone`.
    func resolve(zone: TimeZone) throws -> Date {
        guard let now else { return Date() }
        guard let date = Timestamp.parse(now, zone: zone) else { throw DeskError.usage("--now '\(now)' is not a time") }
        return date
    }
}

/// The SLA engine over the committed desk's cards, folder records and history (its
/// statuses, files and when work was logged; not the transaction lines).
func slaEngine(_ store: DeskRepository, now: NowOption) throws -> SLAEngine {
    let (cards, folders) = try store.records(atCommit: try store.resolve("HEAD"), moneyOnly: false)
    for finding in cards.findings { Output.warn("warning: \(finding)") }
    let timelines = try Progress.during("reading history") { try Timeline.all(folders: folders, in: store) }
    return SLAEngine(cards: cards, timelines: timelines, now: try now.resolve(in: cards))
}

extension Gitdesk {
    struct SLA: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sla", abstract: "SLA clocks of open tickets by working time; exit 1 when one is overdue.")

        @OptionGroup var desk: DeskOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var now: NowOption
        @Option(help: "Only this client.") var client: String?
        @Option(help: "Instead: met and breached figures for tickets created in this period.") var period: String?

        func run() throws {
            let store = try desk.open()
            let engine = try slaEngine(store, now: now)
            if let client { _ = try engine.cards.client(client) }
            let zone = engine.cards.config.timezone
            if let period {
                let figures = engine.figures(period: try resolvePeriod(period, desk: engine.cards), client: client)
                if output.json { return try Output.json(figures, config: engine.cards.config) }
                let rows = [["CLIENT", "CATEGORY", "PRIORITY", "REACTION MET", "BREACHED", "RESOLVED IN TIME", "LATE", "OPEN"]]
                    + figures.map { [$0.client, $0.category, $0.priority, String($0.reactionMet), String($0.reactionBreached),
                                     String($0.resolutionMet), String($0.resolutionBreached), String($0.open)] }
                return Output.line(Output.table(rows, rightAligned: [3, 4, 5, 6, 7]))
            }
            let tickets = engine.openTickets(client: client)
            if output.json {
                try Output.json(tickets, config: engine.cards.config)
            } else if tickets.isEmpty {
                Output.line("No open tickets.")
            } else {
                var rows = [["TICKET", "STATUS", "CLOCK", "TARGET", "USED", "LEFT", "DUE", "STATE"]]
                for ticket in tickets {
                    for clock in ticket.clocks where clock.stopped == nil || clock.state == .breached {
                        let left = clock.leftMinutes
                        rows.append([ticket.ticket, ticket.status, clock.name.rawValue, Duration(minutes: clock.targetMinutes).description,
                                     Duration(minutes: clock.usedMinutes).description,
                                     left >= 0 ? Duration(minutes: left).description : "-" + Duration(minutes: -left).description,
                                     clock.due.map { String(Timestamp.format($0, zone: zone).prefix(16)) } ?? "—", clock.state.rawValue])
                    }
                }
                Output.line(Output.table(rows, rightAligned: [3, 4, 5]))
            }
            if tickets.contains(where: { $0.clocks.contains { $0.state == .overdue } }) { throw ExitCode.failure }
        }
    }

    struct Remind: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The helpers: what each person should do now; exit 1 when something is due (for cron).")

        @OptionGroup var desk: DeskOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var now: NowOption
        @Option(name: .customLong("for"), help: "Only this person's reminders.") var person: String?

        func run() throws {
            let store = try desk.open()
            let engine = try slaEngine(store, now: now)
            if let person, person != "unassigned" { _ = try engine.cards.staffMember(person) }
            let reminders = Reminders(engine: engine).all().filter { person == nil || $0.person == person }
            if output.json {
                try Output.json(reminders, config: engine.cards.config)
            } else if reminders.isEmpty {
                Output.line("Nothing is due.")
            } else {
                for (who, items) in Dictionary(grouping: reminders, by: \.person).sorted(by: { $0.key < $1.key }) {
                    let name = engine.cards.staff[who]?.name
                    Output.line("\(who)\(name.map { " (\($0))" } ?? "")")
                    for item in items { Output.line("  \(item.ticket)  \(item.kind.rawValue): \(item.message) — \(item.title)") }
                }
            }
            if !reminders.isEmpty { throw ExitCode.failure }
        }
    }
}
