import ArgumentParser
import GitdeskCore
import GitdeskMarkdown
import GitdeskMoney
import GitdeskSearch
import GitdeskSite
import GitdeskStore
import GitdeskWords

extension Gitdesk {
    struct SearchCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "search",
            abstract: Help.searchTicketsServiceCommentsWikis.text, discussion: Help.examples.text + "\n  gitdesk search \(Help.examplePriceSync.text)\n  gitdesk search \"\(Help.exampleMonthClosing.text)\"\n  gitdesk search \(Help.examplePrintPrefix.text) --json")

        @OptionGroup var desk: DeskOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: .of(.wordsAllMustMatchPhrase)) var query: [String]
        @Option(help: .of(.onlyThisProject)) var project: String?
        @Option(help: .of(.onlyThisClient)) var client: String?
        @Option(name: .customLong("in"), help: .of(.onlyTicketServiceWikiMessage)) var kinds: [String] = []
        @Option(help: .of(.atMostThisManyResults)) var limit: Int = 20

        func run() throws {
            for kind in kinds where !SearchIndex.kinds.contains(kind) {
                throw DeskError.usage(.formatChoice(option: "--in", valid: SearchIndex.kinds))
            }
            let store = try desk.open()
            let index = try Progress.during(.indexing) { try store.searchIndex() }
            let hits = try index.search(query.joined(separator: " "), kinds: kinds, project: project, client: client, limit: limit)
            if output.json { return try Output.json(hits, config: try store.settings()) }
            let words = try desk.words(try store.settings())
            if hits.isEmpty { return Output.line(words[Word.nothingFound]) }
            for hit in hits {
                let kind = ["ticket": Word.searchTicket, "service": .searchService, "wiki": .searchWiki, "message": .searchMessage, "work": .searchWork][hit.kind].map { words[$0] } ?? hit.kind
                Output.line("\(hit.ticket ?? hit.project ?? "")  \(kind)  \(hit.title)  (\(hit.path))")
                Output.line("    \(hit.snippet)")
            }
        }
    }

    struct Wiki: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Help.projectsWikiPagesEveryTicket.text, discussion: Help.examples.text + "\n  gitdesk wiki shop\n  gitdesk wiki shop --format html > wiki.html")

        @OptionGroup var desk: DeskOptions
        @Argument(help: .of(.project), completion: Completions.projects) var project: String
        @Option(help: .of(.textMdJsonHtml)) var format: String = "text"
        @OptionGroup var output: OutputOptions

        func run() throws {
            let format = output.json ? "json" : self.format
            guard ["text", "md", "json", "html"].contains(format) else { throw DeskError.usage(.formatChoice(option: "--format", valid: ["text", "md", "json", "html"])) }
            let store = try desk.open()
            let current = try store.desk(ofProject: project, atCommit: try store.resolve("HEAD"))
            let wiki = try ProjectWiki(desk: current, project: project)
            switch format {
            case "json": try Output.json(wiki, config: current.config)
            case "html": Output.line(try SiteBuilder.wikiPage(wiki, desk: current, templates: try siteTemplates(store), words: try desk.words(current.config)), terminator: "")
            default: Output.line(wiki.markdown(try desk.words(current.config)))
            }
        }
    }
}
