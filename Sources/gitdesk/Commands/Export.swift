import ArgumentParser
import GitdeskCore
import GitdeskMoney
import GitdeskStore

extension Gitdesk {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Hand the money to accounting tools: an hledger journal, CSV or JSON.")

        @OptionGroup var desk: DeskOptions
        @Option(help: "hledger, csv or json.") var format: String = "hledger"
        @OptionGroup var output: OutputOptions
        @Option(name: .customLong("as-of"), help: "Read the desk as of this commit.") var asOf: String?

        func run() throws {
            let format = output.json ? "json" : self.format
            guard ["hledger", "csv", "json"].contains(format) else { throw DeskError.usage("--format must be hledger, csv or json") }
            let store = try desk.open()
            let current = try asOf.map { try store.desk(atCommit: try store.resolve($0), scope: .money) } ?? store.desk(scope: .money)
            let export = try MoneyExport(desk: current)
            switch format {
            case "csv": print(export.csv(), terminator: "")
            case "json": try Output.json(export.movements, config: current.config)
            default: print(export.hledger(), terminator: "")
            }
        }
    }
}
