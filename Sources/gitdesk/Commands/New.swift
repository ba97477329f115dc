import ArgumentParser
import Foundation
import GitdeskCore
import GitdeskSearch
import GitdeskStore
import GitdeskWords

extension Gitdesk {
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Help.openNewTicketPhoneTicket.text, discussion: Help.examples.text + "\n  gitdesk new --client romashka --title \"\(Help.exampleInvoiceNotPrinting.text)\"\n  gitdesk new --client romashka --title \"\(Help.exampleAccountantCall.text)\" --channel phone --priority high\n  gitdesk new --client romashka --title \"\(Help.exampleImprovement.text)\" --edit")

        @OptionGroup var desk: DeskOptions
        @Option(help: .of(.client), completion: Completions.clients) var client: String
        @Option(help: .of(.whatAskedOneLine)) var title: String
        @Option(help: .of(.project), completion: Completions.projects) var project: String?
        @Option(help: .of(.prioritySLAPoliciesNameLow), completion: Completions.priorities) var priority: String = "normal"
        @Option(help: .of(.categorySLAPolicies)) var category: String?
        @Option(help: .of(.howRequestCameEmailPhone)) var channel: String = "email"
        @Option(help: .of(.whoWorksIt), completion: Completions.logins) var assignee: String?
        @Option(help: .of(.plannedEffort4h)) var estimate: String?
        @Option(help: .of(.budgetClientApproved6h)) var approved: String?
        @Option(help: .of(.whenRequestArrivedDefaultNow)) var created: String?
        @Option(help: .of(.tagRepeatable)) var tag: [String] = []
        @Option(help: .of(.descriptionDefaultDesksTicketTemplate)) var description: String?
        @Flag(help: .of(.openNewTicketEDITORBefore)) var edit = false

        func run() throws {
            for (name, value) in [("estimate", estimate), ("approved", approved)] {
                if let value, Duration(value) == nil { throw DeskError.usage(.optionDuration(option: "--" + name, value: value)) }
            }
            let store = try desk.open()
            // The ID and the text are made once (the editor opens once); a commit landing
            // meanwhile only has them checked again on the new tip.
            var made: (id: String, text: String)?
            do {
                try write(store, made: &made)
            } catch {
                // As git keeps COMMIT_EDITMSG: what was typed in the editor is not lost.
                if edit, let text = made?.text {
                    let kept = store.gitdir + "GITDESK_NEW_TICKET.md"
                    try? text.write(toFile: kept, atomically: true, encoding: .utf8)
                    Output.warn(.noteLabel, .editKept(kept))
                }
                throw error
            }
            guard let id = made?.id else { return }
            Output.line(id)
            // Seen before: the engineer finds the old solution first (on stderr: stdout is the ID).
            if let similar = try? store.existingSearchIndex()?.similar(to: title + " " + (description ?? ""), excluding: id), !similar.isEmpty {
                let words = (try? desk.words(try store.settings())) ?? Words(config: DeskConfig())
                Output.warn(words[Word.seenBefore] + ":")
                for hit in similar { Output.warn("  \(hit.ticket ?? "")  \(hit.title)") }
            }
        }

        /// Commits the new ticket; `made` holds its ID and text once made.
        private func write(_ store: DeskRepository, made: inout (id: String, text: String)?) throws {
            var result = made
            defer { made = result }
            try store.write { base in
                let current = base.cards
                let taken = try base.ticketIDs()
                var (id, text) = try result ?? makeTicket(current, taken: taken, base: base, store: store)
                if taken.contains(id) {
                    var generator = SystemRandomNumberGenerator()
                    id = TicketID.generate(prefix: try current.client(client).prefix, existing: taken, using: &generator)
                }
                result = (id, text)
                return DeskChange(files: ["\(TicketID.folder(of: id))/ticket.md": text], message: "\(id): new ticket for \(client): \(title)")
            }
        }

        /// A new ticket's ID and text (edited in `$EDITOR` with `--edit`).
        private func makeTicket(_ current: Desk, taken: Set<String>, base: WriteBase, store: DeskRepository) throws -> (String, String) {
            let card = try current.client(client)
            let zone = current.config.timezone
            var createdText = Timestamp.format(Date(), zone: zone)
            if let created {
                guard let date = Timestamp.parse(created, zone: zone) else {
                    throw DeskError.usage(.createdOption(created))
                }
                createdText = Timestamp.format(date, zone: zone)
            }
            var generator = SystemRandomNumberGenerator()
            let id = TicketID.generate(prefix: card.prefix, existing: taken, using: &generator)
            let template = try base.text("templates/ticket.md") ?? ""
            let body = "\n" + (description.map { $0 + "\n" } ?? template)
            var text = cardText([
                ("title", YAMLScalar.render(title)), ("client", client), ("project", project), ("status", "new"),
                ("priority", priority), ("category", category.map(YAMLScalar.render)), ("channel", channel),
                ("assignee", assignee), ("estimate", estimate), ("approved", approved), ("created", createdText),
                ("confirmed", channel == "phone" ? "false" : nil), ("tags", tag.isEmpty ? nil : YAMLScalar.render(tag)),
            ], body: "")
            text += body
            if edit { text = try Editor.edit(text, name: "\(id).md", in: store) }
            return (id, text)
        }
    }
}

/// Opens text in the user's editor (`$VISUAL`, `$EDITOR`, else `vi`) and returns the result.
enum Editor {
    static func edit(_ text: String, name: String, in store: DeskRepository) throws -> String {
        let path = store.gitdir + "GITDESK_EDIT_" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let environment = ProcessInfo.processInfo.environment
        let editor = environment["VISUAL"] ?? environment["EDITOR"] ?? "vi"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\(editor) \"$1\"", "editor", path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw DeskError.refused(.editorFailed(editor: editor, status: process.terminationStatus))
        }
        return try String(contentsOfFile: path, encoding: .utf8)
    }
}
