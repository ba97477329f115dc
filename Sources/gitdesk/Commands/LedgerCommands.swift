import ArgumentParser
import GitdeskCore
import GitdeskStore
import GitdeskWords

/// The shared arguments of `pay`, `charge` and `credit`.
struct LedgerEntryArguments: ParsableArguments {
    @OptionGroup var desk: DeskOptions
    @Argument(help: .of(.client), completion: Completions.clients) var client: String
    @Argument(help: .of(.amountMajorUnitsDecimalPoint)) var amount: String
    @Argument(parsing: .remaining, help: .of(.whatItInvoiceNumber)) var note: [String] = []
    @Option(help: .of(.dayDefaultToday)) var date: String?

    func record(_ kind: LedgerKind) throws {
        guard let money = Money(amount), money.minor > 0 else {
            throw DeskError.usage(.ledgerAmount(amount))
        }
        let text = note.joined(separator: " ")
        if text.split(separator: " ").last?.hasPrefix("^") == true || text.contains("\n") {
            throw DeskError.usage(.noteShape)
        }
        var written = ""
        try desk.open().write { base in
            _ = try base.cards.client(client)
            var generator = SystemRandomNumberGenerator()
            let line = LedgerLine(date: try parseDay(date, desk: base.cards), kind: kind, amount: money, note: text,
                                  id: TransactionIDGenerator.generate(letter: "p", existing: try base.transactionIDs(), using: &generator))
            let path = "ledger/\(client).md"
            let words = try desk.words(base.cards.config)
            let kindWord: Word = switch kind { case .payment: .payment; case .charge: .charge; case .credit: .credit }
            written = words[Word.ledgerRecorded, client, words[kindWord], words.money(money), words.day(line.date), line.id ?? ""]
            return DeskChange(files: [path: appending(line.text, to: try base.text(path))],
                              message: "\(client): \(kind.rawValue) \(money.plain)")
        }
        Output.line(written)
    }
}

extension Gitdesk {
    struct Pay: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: Help.recordClientsPaymentRaisesBalance.text, discussion: Help.examples.text + "\n  gitdesk pay romashka 180000 \(Help.examplePrepayment.text)\n  gitdesk pay romashka 1500.50 --date 2026-11-28 \(Help.exampleInvoice119.text)")
        @OptionGroup var entry: LedgerEntryArguments
        func run() throws { try entry.record(.payment) }
    }

    struct Charge: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: Help.recordExtraChargeLowersBalance.text, discussion: Help.examples.text + "\n  gitdesk charge romashka 3000 \(Help.exampleLicence.text)")
        @OptionGroup var entry: LedgerEntryArguments
        func run() throws { try entry.record(.charge) }
    }

    struct Credit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: Help.recordCreditClientRaisesBalance.text, discussion: Help.examples.text + "\n  gitdesk credit romashka 2000 \(Help.exampleGoodwill.text)")
        @OptionGroup var entry: LedgerEntryArguments
        func run() throws { try entry.record(.credit) }
    }
}
