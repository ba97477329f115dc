import ArgumentParser
import Foundation
import GitdeskCore
import GitdeskStore
import GitdeskWords

extension Gitdesk {
    struct Reply: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: Help.addMessageTicketsPublicConversation.text, discussion: Help.examples.text + "\n  gitdesk reply ROM-3M9D \"\(Help.exampleReplyText.text)\"\n  echo \"\(Help.exampleFixed.text)\" | gitdesk reply ROM-3M9D")

        @OptionGroup var desk: DeskOptions
        @Argument(help: .of(.ticketID), completion: Completions.tickets, transform: TypedID.ticket) var id: String
        @Argument(help: .of(.messageDefaultReadFromStandard)) var text: String?
        @Option(help: .of(.clientStaffLoginDefaultYou)) var from: String?
        @Option(help: .of(.authorsNameClientsContact)) var author: String?
        @Option(help: .of(.emailPhoneChatPortal)) var channel: String = "portal"
        @Option(help: .of(.whenItWasWrittenDefault)) var at: String?

        func run() throws {
            let store = try desk.open()
            let body = text ?? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            guard !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw DeskError.usage(.emptyMessage) }
            var path = ""
            try store.write { base in
                let current = base.cards
                let ticket = try base.ticket(id)
                let sender = from == "client" ? "client" : try store.currentLogin(from, in: current)
                let zone = current.config.timezone
                var time = Date()
                if let at {
                    guard let parsed = Timestamp.parse(at, zone: zone) else { throw DeskError.usage(.timeOption(option: "--at", value: at)) }
                    time = parsed
                }
                let stamp = Timestamp.format(time, zone: zone)
                path = Message.path(folder: ticket.folder, at: time, from: sender, zone: zone) { path in
                    ticket.messages.contains { $0.file == path }
                }
                let content = cardText([
                    ("from", sender), ("author", author.map(YAMLScalar.render)), ("at", stamp), ("channel", channel),
                ]) + "\n" + body + (body.hasSuffix("\n") ? "" : "\n")
                return DeskChange(files: [path: content], message: "\(id): message from \(sender)")
            }
            Output.line(path)
        }
    }

    struct Confirm: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Help.recordClientsConfirmationTicketCreated.text, discussion: Help.examples.text + "\n  gitdesk confirm ROM-3M9D")

        @OptionGroup var desk: DeskOptions
        @Argument(help: .of(.ticketID), completion: Completions.tickets, transform: TypedID.ticket) var id: String
        @Option(help: .of(.whoConfirmedClientsContact)) var by: String?

        func run() throws {
            var said = ""
            try desk.open().write { base in
                let ticket = try base.ticket(id)
                guard ticket.confirmed == false else { throw DeskError.refused(.notWaitingForConfirmation(id)) }
                var doc = ticket.document
                try doc.set("confirmed", rendered: "true")
                said = try desk.words(base.cards.config)[Word.confirmedTicket, id]
                return DeskChange(files: [ticket.file: doc.text], message: "\(id): confirmed by the client\(by.map { " (\($0))" } ?? "")")
            }
            Output.line(said)
        }
    }
}
