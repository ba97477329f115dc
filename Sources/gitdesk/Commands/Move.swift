import ArgumentParser
import GitdeskCore
import GitdeskStore

extension Gitdesk {
    struct Move: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a ticket's status; the desk's workflow and testing rules apply.")

        @OptionGroup var desk: DeskOptions
        @Argument(help: "The ticket ID.") var id: String
        @Argument(help: "The new status.") var status: String
        @Option(help: "Also assign the ticket to this login.") var assign: String?

        func run() throws {
            var summary = ""
            try desk.open().write { base in
                let current = base.cards
                var ticket = try base.ticket(id)
                if let assign { _ = try current.staffMember(assign); ticket.assignee = assign }
                try Workflow(config: current.config).check(ticket, to: status)
                var doc = ticket.document
                try doc.set("status", rendered: status)
                if let assign { try doc.set("assignee", rendered: assign) }
                summary = "\(id): \(ticket.status) → \(status)"
                return DeskChange(files: [ticket.file: doc.text], message: summary)
            }
            Output.line(summary)
        }
    }
}
