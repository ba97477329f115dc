import ArgumentParser
import Foundation
import GitdeskCore
import GitdeskMoney
import GitdeskSLA
import GitdeskStore
import GitdeskWords

/// `--now TIME`: when the clocks are read (default: now), for tests and for looking back.
struct NowOption: ParsableArguments {
    @Option(help: .of(.actAtThisTime2026)) var now: String?

    func resolve(in desk: Desk) throws -> Date { try resolve(zone: desk.config.timezone) }

    /// The moment, a time without an offset read in `zone`.
    func resolve(zone: TimeZone) throws -> Date {
        guard let now else { return Date() }
        guard let date = Timestamp.parse(now, zone: zone) else { throw DeskError.usage(.timeOption(option: "--now", value: now)) }
        return date
    }
}

/// The SLA engine over the committed desk's cards, folder records and history (its
/// statuses, files and when work was logged; not the transaction lines).
func slaEngine(_ store: DeskRepository, now: NowOption) throws -> SLAEngine {
    let (history, cards, folders) = try store.historyAndRecords(atCommit: try store.resolve("HEAD"))
    for finding in cards.findings { Output.warn(.warningLabel, finding) }
    let timelines = Timeline.all(tickets: folders.lazy.flatMap(\.tickets), history: history)
    return SLAEngine(cards: cards, timelines: timelines, now: try now.resolve(in: cards))
}

extension Gitdesk {
    struct SLA: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sla", abstract: Help.slaClocksOpenTicketsWorking.text, discussion: Help.examples([("gitdesk sla", nil), ("gitdesk sla --client vector", nil), ("gitdesk sla --period 2026-11", .exampleMetAndBreached)]))

        @OptionGroup var desk: DeskOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var now: NowOption
        @Option(help: .of(.onlyThisClient), completion: Completions.clients) var client: String?
        @Option(help: .of(.insteadMetBreachedFiguresTickets)) var period: String?

        func run() throws {
            let store = try desk.open()
            let engine = try slaEngine(store, now: now)
            if let client { _ = try engine.cards.client(client) }
            let zone = engine.cards.config.timezone
            let words = try desk.words(engine.cards.config)
            if let period {
                let figures = engine.figures(period: try resolvePeriod(period, desk: engine.cards), client: client)
                if output.json { return try Output.json(figures, config: engine.cards.config) }
                return Output.line(Output.table(words, [.client, .category, .priority, .reactionMet, .breached, .resolvedInTime, .late, .open],
                    figures.map { [$0.client, words.name($0.category, .category), words.name($0.priority, .priority), String($0.reactionMet),
                                   String($0.reactionBreached), String($0.resolutionMet), String($0.resolutionBreached), String($0.open)] },
                    rightAligned: [3, 4, 5, 6, 7]))
            }
            let tickets = engine.openTickets(client: client)
            if output.json {
                try Output.json(tickets, config: engine.cards.config)
            } else if tickets.isEmpty {
                Output.line(words[Word.noOpenTickets])
            } else {
                var rows: [[String]] = [], states: [Clock.State] = []
                for ticket in tickets {
                    for clock in ticket.clocks where clock.stopped == nil || clock.state == .breached {
                        rows.append([ticket.ticket, words.name(ticket.status, .status), words.name(clock.name.rawValue, .clock),
                                     words.duration(minutes: clock.targetMinutes), words.duration(minutes: clock.usedMinutes),
                                     words.duration(minutes: clock.leftMinutes), clock.due.map { words.time($0, in: zone) } ?? "—",
                                     words.name(clock.state.rawValue, .state)])
                        states.append(clock.state)
                    }
                }
                // A narrow terminal keeps what is left and when it is due; the time used, the
                // target and the status go first.
                Output.line(Output.table(words, [.ticket, .status, .clock, .target, .used, .left, .due, .state], rows, rightAligned: [3, 4, 5],
                                         colours: states.map(Colour.of), droppable: [4, 3, 1]))
            }
            if tickets.contains(where: { $0.clocks.contains { $0.state == .overdue } }) { throw ExitCode.failure }
        }
    }

    struct Remind: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Help.helpersWhatEachPersonShould.text, discussion: Help.examples([("gitdesk remind", nil), ("gitdesk remind --for alice", nil), ("gitdesk remind --json", .exampleForBot)]))

        @OptionGroup var desk: DeskOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var now: NowOption
        @Option(name: .customLong("for"), help: .of(.onlyThisPersonsReminders), completion: Completions.logins) var person: String?

        func run() throws {
            let store = try desk.open()
            let engine = try slaEngine(store, now: now)
            if let person, person != "unassigned" { _ = try engine.cards.staffMember(person) }
            let reminders = (Reminders(engine: engine).all() + (try debtReminders(store, cards: engine.cards, now: engine.now))).filter { person == nil || $0.person == person }
            let words = try desk.words(engine.cards.config)
            if output.json {
                try Output.json(reminders, config: engine.cards.config)
            } else if reminders.isEmpty {
                Output.line(words[Word.nothingDue])
            } else {
                for (who, items) in Dictionary(grouping: reminders, by: \.person).sorted(by: { $0.key < $1.key }) {
                    let name = engine.cards.staff[who]?.name
                    Output.line(Output.paint("\(who == "unassigned" ? words[Word.unassigned] : who)\(name.map { " (\($0))" } ?? "")", .bold))
                    for item in items { Output.line("  \(item.ticket)  \(Output.paint(words.name(item.kind.rawValue, .reminder), .yellow)): \(reminderText(item, words)) — \(item.title)") }
                }
            }
            if !reminders.isEmpty { throw ExitCode.failure }
        }
    }
}

/// A reminder in the words of the desk's language.
func reminderText(_ reminder: Reminder, _ words: Words) -> String {
    let minutes = words.duration(minutes: reminder.measure ?? 0)
    switch reminder.kind {
    case .idleInProgress: return words[Word.reminderIdleInProgress, minutes]
    case .notTaken: return words[Word.reminderNotTaken, words.name(reminder.status, .status), minutes]
    case .clientWaiting: return words[Word.reminderClientWaiting, minutes]
    case .progressUpdate: return words[Word.reminderProgressUpdate, minutes]
    case .estimateNudge: return words[Word.reminderEstimateNudge, minutes]
    case .doneWithoutServiceComment: return words[Word.reminderDoneWithoutServiceComment]
    case .testingWithoutTestCase: return words[Word.reminderTestingWithoutTestCase]
    case .inProgressWithoutAssignee: return words[Word.reminderInProgressWithoutAssignee]
    case .unconfirmed: return words[Word.reminderUnconfirmed, words.count(reminder.measure ?? 0, .day)]
    case .debt: return words[Word.debtReminderLine, words.integer(reminder.measure ?? 0)]
    }
}

/// The lead's reminders of clients in debt longer than `reminders.debt-days`. The balances
/// come from the cached totals; only a client below zero is read line by line, for the day
/// its debt began.
func debtReminders(_ store: DeskRepository, cards: Desk, now: Date) throws -> [Reminder] {
    guard cards.findings.isEmpty else { return [] }
    let commit = try store.resolve("HEAD")
    let today = Day(now, in: cards.config.timezone)
    let sheet = BalanceSheet(cards: cards, groups: try store.summaries(WorkTotals.self, atCommit: commit, cards: cards))
    let lead = cards.staff.values.filter { $0.role == "lead" }.map(\.login).min() ?? "unassigned"
    var reminders: [Reminder] = []
    // Without the cached totals (a folder the index could not sum), every client is read.
    for slug in cards.clients.keys.sorted() where sheet.map({ $0.balance(slug, asOf: today).minor < 0 }) ?? true {
        let desk = try store.moneyDesk(forClient: slug, atCommit: commit)
        guard let account = try? Accounts(desk: desk).account(slug), let debt = Debt(account: account, documents: desk.documents, asOf: today),
              debt.days >= cards.config.debtReminderDays else { continue }
        let words = Words(config: cards.config)
        reminders.append(Reminder(person: lead, ticket: slug, title: "\(debt.name), \(words.money(debt.balance))", status: "", kind: .debt,
                                  message: "in debt since \(debt.since) (\(debt.days) days): balance \(debt.balance.plain)", measure: debt.days, since: nil))
    }
    return reminders
}
