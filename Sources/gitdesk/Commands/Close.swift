import ArgumentParser
import Foundation
import GitdeskCore
import GitdeskStore
import GitdeskWords

extension Gitdesk {
    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Help.sealBillingPeriodAnnotatedTag.text, discussion: Help.examples([("gitdesk close 2026-10", nil), ("git push origin --tags", .exampleShareSeal)]))

        @OptionGroup var desk: DeskOptions
        @Argument(help: .of(.period202610)) var period: String
        @Option(help: .of(.sealOneClientOnlyDefault)) var client: String?
        @Flag(help: .of(.sealPeriodThatHasNot)) var force = false

        func run() throws {
            guard let range = Period(period) else { throw DeskError.usage(.notAMonthPeriod(period)) }
            let store = try desk.open()
            let today = Day(Date(), in: try store.cards(atCommit: try store.resolve("HEAD")).config.timezone)
            if force && range.last >= today {
                Output.warn(.warningLabel, .sealingEarly(period: range.label, last: "\(range.last)"))
            }
            let sealing = try store.close(range, client: client, today: today, early: force)
            let words = try desk.words(try store.cards(atCommit: try store.resolve("HEAD")).config)
            Output.line(sealing.remade
                ? words[Word.sealRemade, sealing.tag, words.period(range)]
                : words[Word.sealed, words.period(range), words.count(sealing.clients, .client), sealing.tag])
            Output.line(sealing.message, terminator: "")
        }
    }
}
