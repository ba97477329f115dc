import ArgumentParser
import Foundation
import GitdeskCore
import GitdeskMoney
import GitdeskSite
import GitdeskStore
import GitdeskWords
import GitdeskTemplates

extension Gitdesk {
    struct Site: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Help.buildClientsReadOnlySites.text, discussion: Help.examples([("gitdesk site", nil), ("gitdesk site --out public --client romashka", nil), ("gitdesk site --check", .exampleExitWhenNotCurrent)]))

        @OptionGroup var desk: DeskOptions
        @Option(help: .of(.whereWriteFoldersDefaultSite)) var out: String?
        @Option(help: .of(.onlyThisClient)) var client: String?
        @Flag(help: .of(.writeNothingExit1When)) var check = false

        func run() throws {
            let store = try desk.open()
            guard let head = store.head else { throw DeskError.notFound(.noCommits) }
            // The cards and every folder's record; each client's tickets are read whole only
            // when its folder is built, so no more than one client's are held at once.
            var (history, current, folders) = try store.historyAndRecords(atCommit: head)
            // Done tickets without a service comment are for `check`; they stop no site.
            let undocumented = Set(folders.flatMap(\.undocumented))
            current.findings.removeAll { undocumented.contains($0) }
            // Problems of the shared files, and any site folder that is unsafe or shared by
            // two clients, stop every site.
            let blocking = current.findings.filter { $0.client == nil } + DeskValidator(desk: current).siteFolderFindings()
            if !blocking.isEmpty { throw DeskError.invalidDesk(blocking) }
            var clients = try client.map { [try current.client($0)] } ?? current.clients.values.sorted { $0.slug < $1.slug }
            // A site without a token would be at the client's name, which anyone can guess:
            // refused, unless the desk says such names are fine.
            let words = try desk.words(current.config)
            let guessable = current.config.sitePublicNames ? [] : clients.filter { $0.siteToken == nil }
            for card in guessable { Output.warn(words[Word.siteGuessable, card.slug] + "\n" + words[Word.noSiteTokenHint, card.slug]) }
            let refused = Set(guessable.map(\.slug))
            clients.removeAll { refused.contains($0.slug) }
            let files = try store.headFiles()
            let templates = try store.siteTemplates(builtIn: try DeskTemplates.siteFiles(), files: files)
            let builder = try SiteBuilder(cards: current, folders: folders, history: history, templates: templates,
                                          language: try DeskOptions.chosenLanguage(desk.locale))
            let filesByClient = SiteBuilder.filesByClient(files, clients: Array(current.clients.values))
            let writer = try SiteWriter(root: out ?? store.root + "site")
            if let out, !check { try keepOutOfCommits(out, store: store) }
            var stale: [String] = []
            var sites = writer.recordedSites()
            var filesWritten = 0
            for (number, card) in clients.enumerated() {
                let digest = builder.digest(for: card, files: filesByClient[card.slug] ?? [])
                let name = SiteBuilder.folderName(card)
                if writer.recordedDigest(name) == digest { continue }
                stale.append(name)
                if check { continue }
                let folder: SiteFolder
                do {
                    folder = try Progress.during(.buildingSite(card.slug), step: number, of: clients.count) {
                        try builder.build(card, from: try store.desk(ofClient: card.slug, records: folders, cards: current, atCommit: head))
                    }
                } catch let error as ClientMoneyError {
                    throw DeskError.invalidDesk(error.findings)
                }
                filesWritten += try writer.write(folder, digest: digest)
            }
            guard !check else { return try reportStale(stale, refused: !guessable.isEmpty, words: words) }
            // One line for the whole run, however many clients (a site per line was 2 000 lines).
            Output.warn(words[Word.sitesWritten, words.integer(stale.count), words.integer(clients.count), words.count(filesWritten, .file)])
            // Folders of a rotated token, or of a client that is gone, are removed.
            let built = Dictionary(uniqueKeysWithValues: clients.map { ($0.slug, SiteBuilder.folderName($0)) })
            for (slug, folder) in sites where !built.values.contains(folder)
                && ((client == nil && built[slug] == nil) || (built[slug].map { $0 != folder } ?? false)) {
                try writer.remove(folder)
                sites[slug] = nil
                Output.warn(words[Word.siteRemoved, folder])
            }
            sites.merge(built) { $1 }
            try writer.recordSites(sites)
            if !guessable.isEmpty { throw ExitCode.failure }
        }

        /// A site written inside the desk's work tree stays out of its commits, as `site/`
        /// does through `.gitignore`: its folder is added to `.git/info/exclude` (this clone's
        /// own ignore list, never committed).
        private func keepOutOfCommits(_ out: String, store: DeskRepository) throws {
            let folder = URL(fileURLWithPath: out, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
                .standardizedFileURL.resolvingSymlinksInPath().path
            let root = URL(fileURLWithPath: store.root).standardizedFileURL.resolvingSymlinksInPath().path
            guard folder.hasPrefix(root + "/") else { return }
            let relative = String(folder.dropFirst(root.count + 1))
            guard !relative.isEmpty, relative != "site", !relative.hasPrefix("site/"), relative != ".git", !relative.hasPrefix(".git/") else { return }
            let pattern = "/\(relative)/"
            let exclude = store.gitdir + "info/exclude"
            let existing = (try? String(contentsOfFile: exclude, encoding: .utf8)) ?? ""
            guard !existing.split(separator: "\n").contains(Substring(pattern)) else { return }
            try FileManager.default.createDirectory(atPath: store.gitdir + "info", withIntermediateDirectories: true)
            let text = existing + (existing.isEmpty || existing.hasSuffix("\n") ? "" : "\n") + "# gitdesk site --out\n\(pattern)\n"
            try text.write(toFile: exclude, atomically: true, encoding: .utf8)
            Output.warn(.noteLabel, .siteOutExcluded(pattern))
        }

        /// `refused`: a client's site is not written at all (its error is printed).
        private func reportStale(_ stale: [String], refused: Bool, words: Words) throws {
            for name in stale { Output.line(words[Word.siteNotCurrent, name]) }
            if !stale.isEmpty || refused { throw ExitCode.failure }
            Output.line(words[Word.sitesCurrent])
        }
    }
}

/// The site templates: the built-in ones, overridden by the desk's own `templates/site/`.
func siteTemplates(_ store: DeskRepository) throws -> [String: String] {
    try store.siteTemplates(builtIn: try DeskTemplates.siteFiles())
}
