import ArgumentParser
import Foundation
import GitdeskCore
import GitdeskStore
import GitdeskWords

/// The cards at HEAD, for the `list` subcommands.
private func headCards(_ desk: DeskOptions) throws -> Desk {
    let store = try desk.open()
    return try store.cards(atCommit: try store.resolve("HEAD"))
}

/// Prints rows as a table under a heading in the desk's language, or as JSON.
private func printRows<Row: Encodable>(_ rows: [Row], json: Bool, desk: DeskOptions, config: DeskConfig, header: [Word],
                                       cells: (Row, Words) -> [String]) throws {
    if json { return try Output.json(rows, config: config) }
    let words = try desk.words(config)
    Output.line(Output.table(words, header, rows.map { cells($0, words) }))
}

extension Gitdesk.ClientCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Help.listClientsPrefixTodaysHour.text,
            discussion: Help.examples.text + "\n  gitdesk client list\n  gitdesk client list --json")
        @OptionGroup var desk: DeskOptions
        @OptionGroup var output: OutputOptions

        struct Row: Codable { let client, name, prefix: String; let rate: Money; let sla: String?; let emails: [String] }

        func run() throws {
            let cards = try headCards(desk)
            let today = Day(Date(), in: cards.config.timezone)
            let rows = cards.clients.values.sorted { $0.slug < $1.slug }.map {
                Row(client: $0.slug, name: $0.name, prefix: $0.prefix, rate: $0.rate(on: today, project: nil, fallback: cards.config.rate),
                    sla: $0.sla, emails: $0.emails)
            }
            try printRows(rows, json: output.json, desk: desk, config: cards.config, header: [.client, .name, .prefix, .rate, .sla, .email]) {
                [$0.client, $0.name, $0.prefix, $1.money($0.rate), $0.sla ?? "", $0.emails.joined(separator: ", ")]
            }
        }
    }
}

extension Gitdesk.StaffCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Help.listStaffNameMailRole.text,
            discussion: Help.examples.text + "\n  gitdesk staff list\n  gitdesk staff list --json")
        @OptionGroup var desk: DeskOptions
        @OptionGroup var output: OutputOptions

        struct Row: Codable { let login, name, email, role: String; let capacityMinutes: Int? }

        func run() throws {
            let cards = try headCards(desk)
            let rows = cards.staff.values.sorted { $0.login < $1.login }.map {
                Row(login: $0.login, name: $0.name, email: $0.email, role: $0.role, capacityMinutes: $0.capacity?.minutes)
            }
            try printRows(rows, json: output.json, desk: desk, config: cards.config, header: [.login, .name, .email, .role, .norm]) {
                [$0.login, $0.name, $0.email, $0.role, $0.capacityMinutes.map($1.duration(minutes:)) ?? ""]
            }
        }
    }
}

extension Gitdesk.ProjectCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Help.listProjectsClientTitleWiki.text,
            discussion: Help.examples.text + "\n  gitdesk project list\n  gitdesk project list --client romashka --json")
        @OptionGroup var desk: DeskOptions
        @OptionGroup var output: OutputOptions
        @Option(help: .of(.onlyThisClientsProjects)) var client: String?

        struct Row: Codable { let project, client, title: String; let wikiPages: Int }

        func run() throws {
            let cards = try headCards(desk)
            if let client { _ = try cards.client(client) }
            let rows = cards.projects.values.filter { client == nil || $0.client == client }.sorted { $0.slug < $1.slug }.map {
                Row(project: $0.slug, client: $0.client, title: $0.title, wikiPages: $0.wikiPages.count)
            }
            try printRows(rows, json: output.json, desk: desk, config: cards.config, header: [.project, .client, .title, .wikiPages]) { row, _ in
                [row.project, row.client, row.title, String(row.wikiPages)]
            }
        }
    }
}

extension Gitdesk.DisputeCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Help.listDisputedTransactionsWhereEach.text,
            discussion: Help.examples([("gitdesk dispute list", nil), ("gitdesk dispute list romashka --open", nil), ("gitdesk audit --txn ^ID", .exampleTransactionHistory)]))
        @OptionGroup var desk: DeskOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: .of(.onlyThisClient)) var client: String?
        @Flag(help: .of(.onlyDisputesStillOpen)) var open = false

        struct Row: Codable { let client, transaction, state: String; let date: Day; let note: String; let location: String }

        func run() throws {
            let cards = try headCards(desk)
            let clients = try client.map { [try cards.client($0).slug] } ?? cards.disputes.keys.sorted()
            let rows = clients.flatMap { slug in
                cards.disputeStates(slug).values.sorted { $0.value.transaction < $1.value.transaction }.map {
                    Row(client: slug, transaction: $0.value.transaction, state: $0.value.action.rawValue, date: $0.value.date,
                        note: $0.value.note, location: $0.location.description)
                }
            }.filter { !open || $0.state == DisputeAction.open.rawValue }
            try printRows(rows, json: output.json, desk: desk, config: cards.config, header: [.client, .transaction, .state, .since, .note]) {
                [$0.client, "^" + $0.transaction, $1.name($0.state, .dispute), $1.day($0.date), $0.note]
            }
        }
    }
}
