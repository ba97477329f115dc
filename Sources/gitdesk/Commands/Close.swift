import ArgumentParser
import GitdeskAudit
import GitdeskCore
import GitdeskMoney
import GitdeskStore

extension Gitdesk {
    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Seal a billing period: an annotated tag with each client's closing balance and statement digest.")

        @OptionGroup var desk: DeskOptions
        @Argument(help: "The period, e.g. 2026-10.") var period: String
        @Option(help: "Seal one client only (default: all).") var client: String?

        func run() throws {
            guard let range = Period(period) else { throw DeskError.usage("'\(period)' is not a period (e.g. 2026-10)") }
            let store = try desk.open()
            let current = try store.validDesk()
            let slugs = try client.map { [try current.client($0).slug] } ?? current.clients.keys.sorted()
            let existing = try store.seals().filter { $0.period == range.label }
            for seal in existing where seal.entries.contains(where: { slugs.contains($0.client) }) {
                throw DeskError.refused("\(range.label) is already closed (tag \(seal.tag))")
            }
            let accounts = Accounts(desk: current)
            let statements = try slugs.map { Statement(account: try accounts.checkedAccount($0), period: range, desk: current) }
            let message = Seal.message(period: range.label, statements: statements, currency: current.config.currency)
            guard let head = store.head else { throw DeskError.notFound("the desk has no commits") }
            let name = Seal.tagName(period: range.label, client: client)
            do {
                _ = try store.repository.createTag(name: name, target: head, message: message, tagger: try store.identity())
            } catch {
                throw DeskError.git("could not create tag \(name): \(error)")
            }
            Output.line("Sealed \(range.label) for \(slugs.count) client(s) in tag \(name)")
            print(message, terminator: "")
        }
    }
}
