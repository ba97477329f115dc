import ArgumentParser
import Foundation
import GitdeskCore
import GitdeskMoney
import GitdeskSearch
import GitdeskStore
import GitdeskWords

extension Gitdesk {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Help.showTicketCardMessagesWork.text, discussion: Help.examples.text + "\n  gitdesk show ROM-3M9D\n  gitdesk show rom-3m9d --json")

        @OptionGroup var desk: DeskOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: .of(.ticketID), completion: Completions.tickets, transform: TypedID.ticket) var id: String

        struct WorkRow: Codable {
            let id: String?, date: Day, login: String, minutes: Int, kind: String, colleague: String?, note: String
            /// `amount`: what stands after the client's disputes (`dispute` says what was
            /// charged and decided; nil for a line never disputed).
            let billable: Bool, rate: Money, amount: Money, line: Int
            let dispute: ChargeState?
        }
        /// `at` and the view's `created` are dates: the JSON encoder writes them as every time
        /// in gitdesk's JSON (ISO 8601 with the desk's offset), the text as the language does.
        struct MessageRow: Codable { let file, from: String; let author: String?; let at: Date?; let channel: String?; let body: String }
        struct Totals: Codable { let minutes, billableMinutes: Int; let amount: Money }
        struct HistoryRow: Codable { let from: String?; let to, commit, author, email: String; let time: Date }
        struct View: Codable {
            let id, title, client, status, description: String
            let project, priority, category, channel, assignee, tester: String?
            let created: Date?
            let estimateMinutes, approvedMinutes: Int?
            let confirmed: Bool?
            let tags: [String]
            let messages: [MessageRow]
            let work: [WorkRow]
            let totals: Totals
            let history: [HistoryRow]
            let hasServiceComment: Bool
            let testResult: String?
            /// The three most similar other tickets: seen before.
            let similar: [SearchHit]
        }

        func run() throws {
            let store = try desk.open()
            let (current, ticket) = try store.deskWithTicket(id)
            let zone = current.config.timezone
            let priced = Pricing(desk: current).price(ticket)
            let disputes = current.disputeLines(ticket.client)
            let work = priced.map { p in
                let state = p.state(disputes)
                return WorkRow(id: p.line.value.id, date: p.line.value.date, login: p.line.value.login, minutes: p.line.value.duration.minutes,
                               kind: p.line.value.kind, colleague: p.line.value.colleague, note: p.line.value.note, billable: p.billable,
                               rate: p.rate, amount: p.billable ? state.standing : p.amount, line: p.line.location.line,
                               dispute: state.decision == .none ? nil : state)
            }
            let view = View(
                id: ticket.id, title: ticket.title, client: ticket.client, status: ticket.status, description: ticket.description,
                project: ticket.project, priority: ticket.priority, category: ticket.category, channel: ticket.channel,
                assignee: ticket.assignee, tester: ticket.tester, created: ticket.created,
                estimateMinutes: ticket.estimate?.minutes, approvedMinutes: ticket.approved?.minutes, confirmed: ticket.confirmed,
                tags: ticket.tags,
                messages: ticket.messages.map {
                    MessageRow(file: $0.file, from: $0.from, author: $0.author, at: $0.at,
                               channel: $0.channel, body: $0.body)
                },
                work: work,
                totals: Totals(minutes: work.reduce(0) { $0 + $1.minutes },
                               billableMinutes: work.filter(\.billable).reduce(0) { $0 + $1.minutes },
                               amount: work.reduce(Money.zero) { $0 + $1.amount }),
                history: try store.statusHistory(of: ticket.id).map {
                    HistoryRow(from: $0.from, to: $0.to, commit: $0.commit, author: $0.author, email: $0.email,
                               time: Date(timeIntervalSince1970: TimeInterval($0.time)))
                },
                hasServiceComment: ticket.hasServiceComment,
                testResult: ticket.test?.result,
                // From the knowledge base when it has been built (a search builds it), never built here.
                similar: (try? store.existingSearchIndex()?.similar(to: ticket.title + " " + ticket.description, excluding: ticket.id)) ?? [])
            if output.json { return try Output.json(view, config: current.config) }
            Output.line(render(view, words: try desk.words(current.config), zone: zone))
        }

        private func render(_ v: View, words: Words, zone: TimeZone) -> String {
            let when = { (date: Date?) in date.map { words.time($0, in: zone) } ?? "?" }
            var out = ["\(v.id)  \(v.title)", ""]
            var facts: [(Word, String?)] = [
                (.client, v.client), (.project, v.project), (.status, words.name(v.status, .status)),
                (.priority, v.priority.map { words.name($0, .priority) }), (.category, v.category.map { words.name($0, .category) }),
                (.assignee, v.assignee), (.tester, v.tester),
                (.estimate, v.estimateMinutes.map { words.duration(minutes: $0) }),
                (.approved, v.approvedMinutes.map { words.duration(minutes: $0) }),
                (.created, v.created.map { when($0) }), (.channel, v.channel.map { words.name($0, .channel) }),
            ]
            if v.confirmed == false { facts.append((.confirmed, words[Word.waitingForClient])) }
            if !v.tags.isEmpty { facts.append((.tags, v.tags.joined(separator: ", "))) }
            facts.append((.test, v.testResult.map { words.name($0, .test) } ?? words[Word.noTestCase]))
            facts.append((.serviceComment, v.hasServiceComment ? words[Word.yes] : words[Word.none]))
            out += facts.compactMap { key, value in value.map { "  \(words[key]): \($0)" } }
            let description = v.description.trimmingCharacters(in: .whitespacesAndNewlines)
            if !description.isEmpty { out += [""] + Output.wrapped(description, indent: 0) }
            if !v.messages.isEmpty {
                out += ["", words[Word.messages]]
                for m in v.messages {
                    let channel = m.channel.map { " · \(words.name($0, .channel))" } ?? ""
                    out.append("  \(when(m.at))  \(m.from == "client" ? words[Word.client] : m.from)\(m.author.map { " (\($0))" } ?? "")\(channel)")
                    out += Output.wrapped(m.body.trimmingCharacters(in: .whitespacesAndNewlines), indent: 4)
                }
            }
            out += ["", words[Word.work]]
            if v.work.isEmpty {
                out.append("  " + words[Word.noWorkLogged])
            } else {
                let rows = v.work.map { w in
                    [words.day(w.date), w.login, words.duration(minutes: w.minutes), words.name(w.kind, .kind),
                     w.billable ? words.money(w.amount) : "—",
                     ([w.colleague.map { "@" + $0 }, w.note.isEmpty ? nil : w.note, w.id.map { "^" + $0 }, w.dispute.map { "(\(words.state($0)))" }].compactMap { $0 })
                        .joined(separator: " ")]
                }
                out += Output.indented(Output.table(rows, rightAligned: [2, 4], columns: Output.terminalColumns.map { $0 - 2 }))
                out.append("  " + words[Word.workTotal, words.duration(minutes: v.totals.minutes), words.duration(minutes: v.totals.billableMinutes),
                                          words.money(v.totals.amount)])
            }
            if !v.similar.isEmpty {
                out += ["", words[Word.seenBefore]] + v.similar.map { "  \($0.ticket ?? "")  \($0.title)" }
            }
            out += ["", words[Word.statusHistory]]
            for change in v.history {
                let step = change.from.map { "\(words.name($0, .status)) → " } ?? ""
                out.append("  \(words.time(change.time, in: zone))  \(step)\(words.name(change.to, .status))  \(change.author) \(change.commit.prefix(7))")
            }
            return out.joined(separator: "\n")
        }
    }
}
