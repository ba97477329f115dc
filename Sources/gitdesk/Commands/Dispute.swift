import ArgumentParser
import GitdeskCore
import GitdeskMoney
import GitdeskStore
import GitdeskWords

extension Gitdesk {
    struct DisputeCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dispute", abstract: Help.recordDisputedTransactionSettlement.text, discussion: Help.examples.text + "\n  gitdesk dispute open ^w3f9a2c --reason \"\(Help.exampleDisputeReason.text)\"\n  gitdesk dispute resolve ^w3f9a2c --adjust 1h\n  gitdesk dispute list --open",
            subcommands: [Open.self, Resolve.self, List.self])

        struct Open: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: Help.clientDisagreesTransaction.text, discussion: Help.examples.text + "\n  gitdesk dispute open ^w3f9a2c --reason \"\(Help.exampleDisputeReason.text)\"")
            @OptionGroup var desk: DeskOptions
            @Argument(help: .of(.transactionIDID), transform: TypedID.transaction) var txn: String
            @Option(help: .of(.whatClientSays)) var reason: String
            @Option(help: .of(.dayDefaultToday)) var date: String?

            func run() throws {
                var written = ""
                try desk.open().write { base in
                    let current = try disputeDesk(txn, base: base)
                    let target = try DisputeTarget(txn, in: current)
                    if current.disputeStates(target.client)[target.id]?.value.action == .open {
                        throw DeskError.refused(.alreadyDisputed(target.id))
                    }
                    let line = DisputeLine(date: try parseDay(date, desk: current), action: .open, transaction: target.id,
                                           note: reason.replacingOccurrences(of: "\n", with: " "))
                    let path = "disputes/\(target.client).md"
                    written = try desk.words(current.config)[Word.disputeOpened, target.id, line.note]
                    return DeskChange(files: [path: appending(line.text, to: try base.text(path))],
                                      message: "\(target.client): dispute ^\(target.id) opened")
                }
                Output.line(written)
            }
        }

        struct Resolve: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: Help.settleDisputeAcceptChargeWaive.text, discussion: Help.examples.text + "\n  gitdesk dispute resolve ^w3f9a2c --adjust 1h\n  gitdesk dispute resolve ^w3f9a2c --accept\n  gitdesk dispute resolve ^w3f9a2c --waive")
            @OptionGroup var desk: DeskOptions
            @Argument(help: .of(.transactionIDID), transform: TypedID.transaction) var txn: String
            @Flag(help: .of(.chargeStands)) var accept = false
            @Flag(help: .of(.dropChargeCreditWholeAmount)) var waive = false
            @Option(help: .of(.chargeThisDurationInsteadCredit)) var adjust: String?
            @Option(help: .of(.noteRecord)) var note: String = ""
            @Option(help: .of(.dayDefaultToday)) var date: String?

            func run() throws {
                let chosen = [accept, waive, adjust != nil].filter { $0 }.count
                guard chosen == 1 else { throw DeskError.usage(.chooseOneResolution) }
                var written = ""
                try desk.open().write { base in
                let current = try disputeDesk(txn, base: base)
                let target = try DisputeTarget(txn, in: current)
                guard current.disputeStates(target.client)[target.id]?.value.action == .open else {
                    throw DeskError.refused(.noOpenDispute(target.id))
                }
                let day = try parseDay(date, desk: current)
                var line = DisputeLine(date: day, action: .accept, transaction: target.id, note: note)
                if waive {
                    line.action = .waive
                } else if let adjust {
                    guard let agreed = Duration(adjust), let work = target.work, agreed < work.value.duration else {
                        throw DeskError.usage(.adjustBelow(target.work?.value.duration.description))
                    }
                    line.action = .adjust
                    line.duration = agreed
                }
                // A transaction disputed again after a settlement is credited only what the
                // earlier settlements did not already give back.
                let earlier = current.disputeLines(target.client)[target.id] ?? []
                let owed = target.state(after: earlier + [line]).credit - target.state(after: earlier).credit
                let credit: Money? = owed.minor > 0 ? owed : nil
                let disputes = "disputes/\(target.client).md"
                var updates: [String: String?] = [disputes: appending(line.text, to: try base.text(disputes))]
                if let credit {
                    var generator = SystemRandomNumberGenerator()
                    let entry = LedgerLine(date: day, kind: .credit, amount: credit,
                                           note: DisputeCreditNote(line).text,
                                           id: TransactionIDGenerator.generate(letter: "p", existing: try base.transactionIDs(), using: &generator))
                    let ledger = "ledger/\(target.client).md"
                    updates[ledger] = appending(entry.text, to: try base.text(ledger))
                }
                let words = try desk.words(current.config)
                let settled: DisplayName = line.action == .waive ? .disputeWaived : line.action == .adjust ? .disputeAdjusted : .disputeAccepted
                let outcome = words[settled] + (line.duration.map { " (\(words.duration($0)))" } ?? "")
                written = words[Word.disputeSettled, target.id, credit.map { words[Word.disputeCredited, outcome, words.money($0)] } ?? outcome]
                return DeskChange(files: updates, message: "\(target.client): dispute ^\(target.id) \(line.action.rawValue)")
                }
                Output.line(written)
            }
        }
    }
}

/// The transaction a dispute is about: its client and its charged amount.
/// The cards and the one ticket whose work log holds the transaction (found through the
/// index's folder records): all a dispute reads.
private func disputeDesk(_ txn: String, base: WriteBase) throws -> Desk {
    var desk = base.cards
    if let holder = try base.ticket(holding: txn.hasPrefix("^") ? String(txn.dropFirst()) : txn) {
        desk.tickets[holder] = try base.ticket(holder)
    }
    return desk
}

struct DisputeTarget {
    let id: String
    let client: String
    let amount: Money
    let rate: Money
    let work: Located<WorkLine>?

    /// The transaction's state after these dispute lines.
    func state(after disputes: [DisputeLine]) -> ChargeState {
        ChargeState(charged: amount, rate: work == nil ? nil : rate, logged: work?.value.duration, disputes: disputes)
    }

    init(_ text: String, in desk: Desk) throws {
        let id = text.hasPrefix("^") ? String(text.dropFirst()) : text
        self.id = id
        let pricing = Pricing(desk: desk)
        for ticket in desk.sortedTickets {
            if let line = ticket.work.first(where: { $0.value.id == id }) {
                let priced = pricing.price(line, of: ticket)
                guard priced.billable else { throw DeskError.refused(.notBillable(id)) }
                (client, amount, rate, work) = (ticket.client, priced.amount, priced.rate, line)
                return
            }
        }
        for ledger in desk.ledgers.values.sorted(by: { $0.client < $1.client }) {
            if let line = ledger.lines.first(where: { $0.value.id == id }) {
                guard line.value.kind == .charge else { throw DeskError.refused(.notACharge(id: id, kind: line.value.kind.rawValue)) }
                (client, amount, rate, work) = (ledger.client, line.value.amount, .zero, nil)
                return
            }
        }
        throw DeskError.notFound(.noTransaction(id))
    }
}
