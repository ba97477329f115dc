import ArgumentParser
import GitdeskCore
import GitdeskStore
import GitdeskWords

extension Gitdesk {
    struct Move: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Help.changeTicketsStatusDesksWorkflow.text, discussion: Help.examples.text + "\n  gitdesk move ROM-3M9D in-progress --assign alice\n  gitdesk move ROM-3M9D needs-testing")

        @OptionGroup var desk: DeskOptions
        @Argument(help: .of(.ticketID), completion: Completions.tickets, transform: TypedID.ticket) var id: String
        @Argument(help: .of(.newStatus), completion: Completions.statuses) var status: String
        @Option(help: .of(.alsoAssignTicketThisLogin), completion: Completions.logins) var assign: String?

        func run() throws {
            var summary = ""
            try desk.open().write { base in
                let current = base.cards
                var ticket = try base.ticket(id)
                if let assign { _ = try current.staffMember(assign); ticket.assignee = assign }
                // A status as it is shown (`в работе`) names the value the files spell.
                guard let status = Words.value(named: self.status, .status, among: current.config.statuses, config: current.config) else {
                    throw DeskError.usage(.unknownStatus(self.status, valid: try desk.words(current.config).listed(current.config.statuses, .status)))
                }
                try Workflow(config: current.config).check(ticket, to: status)
                var doc = ticket.document
                try doc.set("status", rendered: status)
                if let assign { try doc.set("assignee", rendered: assign) }
                let words = try desk.words(current.config)
                summary = words[Word.moved, id, words.name(ticket.status, .status), words.name(status, .status)]
                return DeskChange(files: [ticket.file: doc.text], message: "\(id): \(ticket.status) → \(status)")
            }
            Output.line(summary)
        }
    }
}
