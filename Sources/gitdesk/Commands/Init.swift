import ArgumentParser
import Foundation
import GitdeskCore
import GitdeskDemo
import GitdeskStore
import GitdeskWords
import GitdeskTemplates

extension Gitdesk {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Help.createNewDeskSettingsTemplates.text, discussion: Help.examples([("gitdesk init mydesk", nil), ("gitdesk init", .exampleSetUpClone), ("gitdesk init --demo /tmp/demo-desk", nil)]))

        @Argument(help: .of(.folderDeskCreatedWhenMissing))
        var directory: String = FileManager.default.currentDirectoryPath

        @Flag(help: .of(.fillDeskRealisticSampleDesk))
        var demo = false

        @Option(help: .of(.deskLanguageOnInit))
        var locale: String?

        func run() throws {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let store = try DeskRepository(at: directory, create: true)
            let setup = CloneSetup(store: store)
            if FileManager.default.fileExists(atPath: store.root + "gitdesk.yml") || (try? store.committedText("gitdesk.yml")) != nil {
                // A clone of an existing desk: set up what git does not clone, touch no file.
                if demo { throw DeskError.refused(.alreadyADesk(store.root)) }
                let done = try setup.install(binary: Self.executablePath)
                for line in done { Output.line(line.description) }
                for advice in attributeAdvice(store) { Output.warn(advice) }
                let words = try DeskOptions.words(locale: nil, config: try store.settings())
                Output.line(words[done.isEmpty ? Word.cloneReady : Word.cloneSetUp, store.root])
                return
            }
            var files = try DeskTemplates.deskFiles()
            // The ticket template in the desk's language (the settings' default is Russian):
            // its headings are what `new` writes and the client reads.
            let russianTemplate = files.removeValue(forKey: "templates/ticket.ru.md")
            if (try DeskOptions.chosenLanguage(locale) ?? .ru) == .ru, let russianTemplate { files["templates/ticket.md"] = russianTemplate }
            // The new desk speaks the language asked for (`--locale`, else `GITDESK_LOCALE`).
            if let language = try DeskOptions.chosenLanguage(locale), let settings = files["gitdesk.yml"] {
                files["gitdesk.yml"] = Substring(settings).asciiSplit(UInt8(ascii: "\n"))
                    .map { line -> String in
                        if line.hasPrefix("locale:") { return "locale: \(language.rawValue)" }
                        // A desk in English has no reason to count Russia's holidays.
                        if line.hasPrefix("  production:") && language != .ru { return "  production: none" }
                        return String(line)
                    }.joined(separator: "\n")
            }
            try store.commit(files, message: "gitdesk: new desk", author: demo ? DemoDesk.founder : nil)
            _ = try setup.install(binary: Self.executablePath)
            if demo {
                var builder = DemoDesk(store: store)
                try builder.build()
            }
            let words = try DeskOptions.words(locale: locale, config: try store.settings())
            Output.line(words[demo ? Word.deskCreatedWithDemo : Word.deskCreated, store.root])
        }

        /// This binary's absolute path (what the hooks fall back to without gitdesk on PATH).
        static var executablePath: String {
            let link = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
            if link != "/proc/self/exe", FileManager.default.isExecutableFile(atPath: link) { return link }
            return Bundle.main.executablePath ?? URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
        }

        /// A desk made by an earlier gitdesk merges its line files with `merge=union`; the
        /// ID-aware driver needs `.gitattributes` to name it (a tracked file: the user's change).
        private func attributeAdvice(_ store: DeskRepository) -> [String] {
            let attributes = (try? String(contentsOfFile: store.root + ".gitattributes", encoding: .utf8)) ?? ""
            guard !attributes.contains("merge=gitdesk") else { return [] }
            return ["\(Problem.warningLabel) \(Problem.attributesWithoutDriver)"]
        }
    }
}
