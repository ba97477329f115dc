import ArgumentParser
import GitdeskCore
import GitdeskStore
import GitdeskWords

extension Gitdesk {
    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Help.logWorkTicketOneTransaction.text, discussion: Help.examples.text + "\n  gitdesk log ROM-3M9D 1h20m billable \(Help.exampleFixedPriceSync.text)\n  gitdesk log ROM-3M9D 20m help --for @bob \(Help.exampleShowedRules.text)\n  gitdesk log rom-3m9d 45m billable --date 2026-11-27 \(Help.exampleCalledAccountant.text)")

        @OptionGroup var desk: DeskOptions
        @Argument(help: .of(.ticketID), completion: Completions.tickets, transform: TypedID.ticket) var id: String
        @Argument(help: .of(.howLong45m2h1h20m)) var duration: String
        @Argument(help: .of(.kindWorkBillableHelpLearning), completion: Completions.kinds) var kind: String
        @Argument(parsing: .remaining, help: .of(.whatWasDone)) var note: [String] = []
        @Option(help: .of(.dayWorkWasDoneDefault)) var date: String?
        @Option(name: .customLong("for"), help: .of(.colleagueHelpedReviewedLogin), completion: Completions.logins) var colleague: String?
        @Option(name: .customLong("as"), help: .of(.logThisLoginDefaultStaff), completion: Completions.logins) var login: String?

        func run() throws {
            guard let minutes = Duration(duration) else { throw DeskError.usage(.notADuration(duration)) }
            guard minutes.isValidWorkDuration else { throw DeskError.usage(.workDurationRange) }
            let text = note.joined(separator: " ")
            if text.split(separator: " ").last?.hasPrefix("^") == true || text.hasPrefix("@") || text.contains("\n") {
                throw DeskError.usage(.workNoteShape)
            }
            let store = try desk.open()
            var written = ""
            try store.write { base in
                let current = base.cards
                let ticket = try base.ticket(id)
                guard current.config.kind(kind) != nil else {
                    throw DeskError.usage(.unknownKind(kind, valid: current.config.kinds.map(\.name)))
                }
                let who = try store.currentLogin(login, in: current)
                let helped = colleague.map { $0.hasPrefix("@") ? String($0.dropFirst()) : $0 }
                if let helped { _ = try current.staffMember(helped) }
                var generator = SystemRandomNumberGenerator()
                let line = WorkLine(
                    date: try parseDay(date, desk: current), login: who, duration: minutes, kind: kind, colleague: helped, note: text,
                    id: TransactionIDGenerator.generate(letter: "w", existing: try base.transactionIDs(), using: &generator))
                let words = try desk.words(current.config)
                written = words[Word.loggedWork, id, words.duration(line.duration), words.name(kind, .kind), who, words.day(line.date), line.id ?? ""]
                return DeskChange(files: [ticket.workFile: appending(line.text, to: try base.text(ticket.workFile))],
                                  message: "\(id): log \(minutes) \(kind) by \(who)")
            }
            Output.line(written)
        }
    }
}
