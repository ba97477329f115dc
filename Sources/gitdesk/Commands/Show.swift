import ArgumentParser
import Foundation
import GitdeskCore
import GitdeskMoney
import GitdeskSearch
import GitdeskStore

extension Gitdesk {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a ticket: its card, messages, work with totals and status history.")

        @OptionGroup var desk: DeskOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The ticket ID.") var id: String

        struct WorkRow: Codable {
            let id: String?, date: Day, login: String, minutes: Int, kind: String, colleague: String?, note: String
            let billable: Bool, rate: Money, amount: Money, line: Int
        }
        struct MessageRow: Codable { let file, from: String; let author, at, channel: String?; let body: String }
        struct Totals: Codable { let minutes, billableMinutes: Int; let amount: Money }
        struct HistoryRow: Codable { let from: String?; let to, commit, author, email: String; let time: Date }
        struct View: Codable {
            let id, title, client, status, description: String
            let project, priority, category, channel, assignee, tester, created: String?
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
            let work = priced.map { p in
                WorkRow(id: p.line.value.id, date: p.line.value.date, login: p.line.value.login, minutes: p.line.value.duration.minutes,
                        kind: p.line.value.kind, colleague: p.line.value.colleague, note: p.line.value.note, billable: p.billable,
                        rate: p.rate, amount: p.amount, line: p.line.location.line)
            }
            let view = View(
                id: ticket.id, title: ticket.title, client: ticket.client, status: ticket.status, description: ticket.description,
                project: ticket.project, priority: ticket.priority, category: ticket.category, channel: ticket.channel,
                assignee: ticket.assignee, tester: ticket.tester, created: ticket.created.map { Timestamp.format($0, zone: zone) },
                estimateMinutes: ticket.estimate?.minutes, approvedMinutes: ticket.approved?.minutes, confirmed: ticket.confirmed,
                tags: ticket.tags,
                messages: ticket.messages.map {
                    MessageRow(file: $0.file, from: $0.from, author: $0.author, at: $0.at.map { Timestamp.format($0, zone: zone) },
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
            print(render(view, format: current.config.moneyFormat, zone: zone))
        }

        private func render(_ v: View, format: MoneyFormat, zone: TimeZone) -> String {
            var out = ["\(v.id)  \(v.title)", ""]
            var facts: [(String, String?)] = [
                ("client", v.client), ("project", v.project), ("status", v.status), ("priority", v.priority),
                ("category", v.category), ("assignee", v.assignee), ("tester", v.tester),
                ("estimate", v.estimateMinutes.map { Duration(minutes: $0).description }),
                ("approved", v.approvedMinutes.map { Duration(minutes: $0).description }),
                ("created", v.created), ("channel", v.channel),
            ]
            if v.confirmed == false { facts.append(("confirmed", "no — waiting for the client")) }
            if !v.tags.isEmpty { facts.append(("tags", v.tags.joined(separator: ", "))) }
            facts.append(("test", v.testResult ?? "no test case"))
            facts.append(("service comment", v.hasServiceComment ? "yes" : "none"))
            out += facts.compactMap { key, value in value.map { "  \(key): \($0)" } }
            let description = v.description.trimmingCharacters(in: .whitespacesAndNewlines)
            if !description.isEmpty { out += ["", description] }
            if !v.messages.isEmpty {
                out += ["", "Messages"]
                for m in v.messages {
                    out.append("  \(m.at ?? "?")  \(m.from)\(m.author.map { " (\($0))" } ?? "")\(m.channel.map { " via \($0)" } ?? "")")
                    out += m.body.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n", omittingEmptySubsequences: false)
                        .map { "    " + $0 }
                }
            }
            out += ["", "Work"]
            if v.work.isEmpty {
                out.append("  no work logged")
            } else {
                let rows = v.work.map { w in
                    [w.date.description, w.login, Duration(minutes: w.minutes).description, w.kind,
                     w.billable ? format.string(w.amount) : "—",
                     ([w.colleague.map { "@" + $0 }, w.note.isEmpty ? nil : w.note, w.id.map { "^" + $0 }].compactMap { $0 })
                        .joined(separator: " ")]
                }
                out += Output.table(rows, rightAligned: [2, 4]).split(separator: "\n").map { "  " + $0 }
                out.append("  total \(Duration(minutes: v.totals.minutes)), billable \(Duration(minutes: v.totals.billableMinutes)), "
                           + "charged \(format.string(v.totals.amount))")
            }
            if !v.similar.isEmpty {
                out += ["", "Seen before"] + v.similar.map { "  \($0.ticket ?? "")  \($0.title)" }
            }
            out += ["", "Status history"]
            for change in v.history {
                let when = Timestamp.format(change.time, zone: zone)
                out.append("  \(when)  \(change.from.map { "\($0) → " } ?? "")\(change.to)  \(change.author) \(change.commit.prefix(7))")
            }
            return out.joined(separator: "\n")
        }
    }
}
