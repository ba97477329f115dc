import ArgumentParser
import Foundation
import GitdeskCore
import GitdeskMoney
import GitdeskStore
import GitdeskWords

extension Gitdesk {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Help.handMoneyAccountingToolsHledger.text, discussion: Help.examples.text + "\n  gitdesk export --format hledger > desk.journal && hledger -f desk.journal bs\n  gitdesk export --format csv > movements.csv")

        @OptionGroup var desk: DeskOptions
        @Option(help: .of(.hledgerCsvJson)) var format: String = "hledger"
        @OptionGroup var output: OutputOptions
        @OptionGroup var csv: CSVOptions
        @Option(name: .customLong("as-of"), help: .of(.readDeskThisCommit)) var asOf: String?

        func run() throws {
            let format = output.json ? "json" : self.format
            guard ["hledger", "csv", "json"].contains(format) else { throw DeskError.usage(.formatChoice(option: "--format", valid: ["hledger", "csv", "json"])) }
            let store = try desk.open()
            let (cards, folders) = try store.records(atCommit: try store.resolve(asOf ?? "HEAD"), moneyOnly: true)
            let export = try MoneyExport(cards: cards, folders: folders)
            switch format {
            case "csv": try export.csv(dialect: csv.dialect(try desk.words(cards.config))) { Output.line($0, terminator: "") }
            case "json": try Output.json(array: try export.movements(), config: cards.config)
            default: try export.hledger { Output.bytes($0) }
            }
        }
    }
}
