import ArgumentParser
import GitdeskCore
import GitdeskStore

extension Gitdesk {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tickets, filtered.")

        @OptionGroup var desk: DeskOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "Only this client's tickets.") var client: String?
        @Option(help: "Only this project's tickets.") var project: String?
        @Option(help: "Only tickets in this status (repeatable).") var status: [String] = []
        @Option(help: "Only tickets assigned to this login.") var assignee: String?
        @Flag(help: "Only open tickets (not done, closed or cancelled).") var open = false
        @Flag(help: "Only phone tickets the client has not confirmed yet.") var unconfirmed = false

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
            for finding in current.findings { Output.warn("warning: \(finding)") }
            if let client { _ = try current.client(client) }
            for name in status where !current.config.statuses.contains(name) {
                throw DeskError.usage("no status '\(name)' (statuses: \(current.config.statuses.joined(separator: ", ")))")
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
            guard !rows.isEmpty else { return Output.line("No tickets match.") }
            let table = [["ID", "STATUS", "CLIENT", "ASSIGNEE", "LOGGED", "TITLE"]] + rows.map {
                [$0.id, $0.status + ($0.confirmed == false ? "*" : ""), $0.client, $0.assignee ?? "-",
                 Duration(minutes: $0.loggedMinutes).description, $0.title]
            }
            Output.line(Output.table(table))
            if rows.contains(where: { $0.confirmed == false }) { Output.line("* awaiting the client's confirmation") }
        }
    }
}
