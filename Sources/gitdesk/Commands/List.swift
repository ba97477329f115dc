import ArgumentParser
import GitdeskCore
import GitdeskStore
import GitdeskWords

extension Gitdesk {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: Help.listTicketsFiltered.text, discussion: Help.examples.text + "\n  gitdesk list --open\n  gitdesk list --client romashka --status in-progress\n  gitdesk list --assignee alice --json")

        @OptionGroup var desk: DeskOptions
        @OptionGroup var output: OutputOptions
        @Option(help: .of(.onlyThisClientsTickets), completion: Completions.clients) var client: String?
        @Option(help: .of(.onlyThisProjectsTickets), completion: Completions.projects) var project: String?
        @Option(help: .of(.onlyTicketsThisStatusRepeatable), completion: Completions.statuses) var status: [String] = []
        @Option(help: .of(.onlyTicketsAssignedThisLogin), completion: Completions.logins) var assignee: String?
        @Flag(help: .of(.onlyOpenTicketsNotDone)) var open = false
        @Flag(help: .of(.onlyPhoneTicketsClientHas)) var unconfirmed = false

        struct Row: Codable {
            let id, title, client, status: String
            let project, priority, assignee: String?
            let loggedMinutes: Int
            let confirmed: Bool?
        }

        func run() throws {
            // The folder records hold every field a row shows: no ticket is read whole.
            let store = try desk.open()
            let (current, folders) = try store.records(atCommit: try store.resolve("HEAD"), moneyOnly: false)
            for finding in current.findings { Output.warn(.warningLabel, finding) }
            if let client { _ = try current.client(client) }
            // Statuses as the files spell them or as they are shown (`в работе`).
            let status = try self.status.map { name in
                guard let value = Words.value(named: name, .status, among: current.config.statuses, config: current.config) else {
                    throw DeskError.usage(.noStatus(name, valid: try desk.words(current.config).listed(current.config.statuses, .status)))
                }
                return value
            }
            let openStatuses = current.config.openStatuses
            let rows = folders.lazy.flatMap(\.tickets).filter { ticket in
                (client == nil || ticket.client == client) && (project == nil || ticket.project == project)
                    && (status.isEmpty || status.contains(ticket.status)) && (assignee == nil || ticket.assignee == assignee)
                    && (!open || openStatuses.contains(ticket.status)) && (!unconfirmed || ticket.confirmed == false)
            }.map {
                Row(id: $0.ticket, title: $0.title, client: $0.client, status: $0.status, project: $0.project, priority: $0.priority,
                    assignee: $0.assignee, loggedMinutes: $0.minutes, confirmed: $0.confirmed)
            }.sorted { $0.id < $1.id }
            if output.json { return try Output.json(rows, config: current.config) }
            let words = try desk.words(current.config)
            guard !rows.isEmpty else { return Output.line(words[Word.noTicketsMatch]) }
            Output.line(Output.table(words, [.id, .status, .client, .assignee, .logged, .title], rows.map {
                [$0.id, words.name($0.status, .status) + ($0.confirmed == false ? "*" : ""), $0.client, $0.assignee ?? "-",
                 words.duration(minutes: $0.loggedMinutes), $0.title]
            }, rightAligned: [4]))
            if rows.contains(where: { $0.confirmed == false }) { Output.line(words[Word.awaitingConfirmation]) }
        }
    }
}
