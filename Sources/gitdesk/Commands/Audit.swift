import ArgumentParser
import GitdeskAudit
import GitdeskCore
import GitdeskStore
import GitdeskWords

extension Gitdesk {
    struct AuditCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "audit",
            abstract: Help.disputeViewEveryTransactionCommit.text, discussion: Help.examples.text + "\n  gitdesk audit romashka --period 2026-11\n  gitdesk audit --txn ^w3f9a2c\n  gitdesk audit --ticket ROM-3M9D --format md")

        @OptionGroup var desk: DeskOptions
        @Argument(help: .of(.onlyThisClient), completion: Completions.clients) var client: String?
        @Option(help: .of(.onlyTransactionsWorkedRecordedChanged)) var period: String?
        @Option(help: .of(.onlyThisTicket), completion: Completions.tickets, transform: TypedID.ticket) var ticket: String?
        @Option(help: .of(.onlyThisTransactionIDID), transform: TypedID.transaction) var txn: String?
        @Option(help: .of(.textMdJson)) var format: String = "text"
        @OptionGroup var output: OutputOptions
        @Flag(help: .of(.onlyTransactionsFlagLateEdited)) var flagged = false

        func run() throws {
            let format = output.json ? "json" : self.format
            guard ["text", "md", "json"].contains(format) else { throw DeskError.usage(.formatChoice(option: "--format", valid: ["text", "md", "json"])) }
            let store = try desk.open()
            // The cards name every client and dispute; tickets are read only to check seals.
            let head = try store.resolve("HEAD")
            let cards = try store.cards(atCommit: head)
            if let client { _ = try cards.client(client) }
            let filter = AuditFilter(client: client, period: try period.map { try resolvePeriod($0, desk: cards) },
                                     ticket: ticket, transaction: txn.map { $0.hasPrefix("^") ? String($0.dropFirst()) : $0 })
            let known = try store.knownSeals(cards: cards)
            let states = known.seals.isEmpty ? [] : try store.sealStates(known, desk: store.desk(atCommit: head, scope: .money)).filter { state in
                client == nil || state.seal.entries.contains { $0.client == client }
            }
            if format == "json" && filter.isEmpty && !flagged {
                // The whole history: rendered once, then only what new commits touched.
                // Read without its lines first: they are decoded only for the files to render.
                let outline = try Progress.during(.readingHistory) { try store.history(lines: .none) }
                let rendered = try RenderedAudit.load(history: outline, context: try store.context(RenderedAudit.dependsOn, atCommit: head),
                                                      index: store.deskIndex, clientOfFile: Auditor.clientOfFile(cards)) { files in
                    Auditor(desk: cards, history: try Progress.during(.readingHistory) { try store.history(outline, withLinesOf: files) })
                }
                let report = AuditReport(transactions: [], seals: states, lateDaysThreshold: cards.config.auditLateDays)
                return try Output.json(report.head, config: cards.config, appending: "transactions", count: rendered.count) { $1.raw(rendered.json(at: $0)) }
            }
            let history = try Progress.during(.readingHistory) { try store.history(lines: Auditor.lines(for: filter, desk: cards)) }
            let transactions = Auditor(desk: cards, history: history).transactions(filter).filter { !flagged || !$0.flags.isEmpty }
            let report = AuditReport(transactions: transactions, seals: states, lateDaysThreshold: cards.config.auditLateDays)
            let renderer = AuditRenderer(report: report, words: try desk.words(cards.config))
            switch format {
            case "json":
                try Output.json(report.head, config: cards.config, appending: "transactions", count: transactions.count) { transactions[$0].writeJSON(to: &$1) }
            case "md": Output.line(renderer.markdown(), terminator: "")
            default: Output.line(renderer.text())
            }
        }
    }
}
