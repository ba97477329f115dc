import ArgumentParser
import Foundation
import GitdeskCore
import GitdeskIntake
import GitdeskStore
import GitdeskWords

extension Gitdesk {
    struct TriageCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "triage",
            abstract: Help.messagesWaitingPersonMailChat.text, discussion: Help.examples.text + "\n  gitdesk triage\n  gitdesk triage assign 3 romashka --remember\n  gitdesk triage drop 4 --reason \(Help.exampleSpam.text)",
            subcommands: [List.self, Assign.self, Drop.self], defaultSubcommand: List.self)

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: Help.listWhatWaitsSenderSubject.text, discussion: Help.examples.text + "\n  gitdesk triage list\n  gitdesk triage list --json")
            @OptionGroup var desk: DeskOptions
            @OptionGroup var output: OutputOptions

            func run() throws {
                let store = try desk.open()
                let items = try store.triageItems()
                if output.json { return try Output.json(items, config: try store.settings()) }
                let words = try desk.words(try store.settings())
                guard !items.isEmpty else { return Output.line(words[Word.nothingInTriage]) }
                Output.line(Output.table(words, [.item, .date, .from, .subject, .why], items.map { item in
                    [item.id, String((item.at ?? "").prefix(16)).replacingOccurrences(of: "T", with: " "), item.from ?? item.author ?? "—",
                     String((item.subject ?? item.text.split(separator: "\n").first.map(String.init) ?? "").prefix(60)), item.reason]
                }))
                Output.line("\n" + words[Word.triageHint])
            }
        }

        struct Assign: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: Help.routeWaitingMessageClientNew.text, discussion: Help.examples.text + "\n  gitdesk triage assign 3 romashka --remember\n  gitdesk triage assign 3 romashka --ticket ROM-3M9D")
            @OptionGroup var desk: DeskOptions
            @Argument(help: .of(.itemGitdeskTriageListsIt)) var item: String
            @Argument(help: .of(.client)) var client: String
            @Option(help: .of(.addItThisTicketClient)) var ticket: String?
            @Flag(help: .of(.addSendersAddressClientsCard)) var remember = false

            func run() throws {
                var report = IntakeReport()
                var words: Words?
                try desk.open().write { base in
                    words = try desk.words(base.cards.config)
                    let found = try triageItem(item, in: base)
                    // A bank payment becomes a payment line of the client's ledger.
                    if let payment = found.payment {
                        let card = try base.cards.client(client)
                        var generator = SystemRandomNumberGenerator()
                        let line = LedgerLine(date: payment.day, kind: .payment, amount: payment.amount, note: payment.note,
                                              id: TransactionIDGenerator.generate(letter: "p", existing: try base.transactionIDs(), using: &generator))
                        report.notes = [Text(verbatim: "\(card.slug) \(line.text)")]
                        return DeskChange(files: [found.file: nil, "ledger/\(card.slug).md": appending(line.text, to: try base.text("ledger/\(card.slug).md"))],
                                          message: "triage: \(found.id) to \(client) (payment \(payment.amount.plain))")
                    }
                    // The cards and the index: no ticket is read but the one named.
                    var intake = Intake(desk: base.cards, triageIDs: [], index: try base.intakeIndex()) { try? base.text($0) }
                    try intake.assign(found, to: Intake.Route(client: client, ticket: ticket), original: try found.original.flatMap { try base.data($0) })
                    var files = intake.updates
                    if remember, let address = found.from, address.contains("@") {
                        let card = try base.cards.client(client)
                        var doc = try MarkdownDocument(text: try base.text(card.file) ?? "", file: card.file)
                        try doc.set("emails", rendered: YAMLScalar.render(Array(Set(card.emails + [address])).sorted()))
                        files[card.file] = doc.text
                    }
                    report = intake.report
                    return DeskChange(files: files, binary: intake.binary,
                                      message: "triage: \(found.id) to \(client)\((report.created + report.replies).first.map { " (\($0))" } ?? "")")
                }
                guard let w = words else { return }
                let groups: [(Word, [String])] = [(.intakeNew, report.created), (.intakeReply, report.replies),
                                                  (.intakeNote, report.notes.map { $0.text(in: w.language) })]
                Output.labelled(w, groups)
            }
        }

        struct Drop: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: Help.removeWaitingMessageSpamBounce.text, discussion: Help.examples.text + "\n  gitdesk triage drop 4 --reason \(Help.exampleSpam.text)")
            @OptionGroup var desk: DeskOptions
            @Argument(help: .of(.itemGitdeskTriageListsIt)) var item: String
            @Option(help: .of(.whyItDropped)) var reason: String

            func run() throws {
                var said = ""
                try desk.open().write { base in
                    let found = try triageItem(item, in: base)
                    var files: [String: String?] = [found.file: nil]
                    if let original = found.original { files[original] = .some(nil) }
                    said = try desk.words(base.cards.config)[Word.dropped, item]
                    return DeskChange(files: files, message: "triage: drop \(found.id): \(reason)")
                }
                Output.line(said)
            }
        }
    }
}

/// A triage item at the branch tip, by the name `gitdesk triage` lists.
private func triageItem(_ id: String, in base: WriteBase) throws -> TriageItem {
    let file = "triage/\(id).md"
    // An item is named by its file in triage/: never a path elsewhere.
    let safe = !id.isEmpty && !id.hasPrefix(".") && id.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0)) }
    guard safe, let text = try base.text(file), let item = TriageItem(file: file, text: text) else {
        throw DeskError.notFound(.noTriageItem(id))
    }
    return item
}
