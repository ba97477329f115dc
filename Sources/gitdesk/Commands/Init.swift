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

        @OptionGroup var firm: FirmOptions

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
            if let settings = files["gitdesk.yml"] {
                let values = demo ? DemoDesk.firmSettings : try firm.values(asking: isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1, language: try DeskOptions.chosenLanguage(locale) ?? .ru)
                let filled = FirmSettings.filling(settings, with: values)
                // Details that fail their checks are refused before anything is written.
                let config = try DeskConfig.parse(filled)
                if !config.findings.isEmpty { throw DeskError.invalidDesk(config.findings) }
                files["gitdesk.yml"] = filled
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

/// The firm's details `init` takes as options, or asks for on a terminal.
struct FirmOptions: ParsableArguments {
    @Option(help: .of(.firmCompany)) var company: String?
    @Option(help: .of(.firmEmail)) var email: String?
    @Option(name: .customLong("firm-name"), help: .of(.firmFullName)) var name: String?
    @Option(help: .of(.firmINN)) var inn: String?
    @Option(help: .of(.firmKPP)) var kpp: String?
    @Option(help: .of(.firmOGRN)) var ogrn: String?
    @Option(help: .of(.firmAddress)) var address: String?
    @Option(help: .of(.firmBank)) var bank: String?
    @Option(help: .of(.firmBIK)) var bik: String?
    @Option(help: .of(.firmAccount)) var account: String?
    @Option(name: .customLong("correspondent-account"), help: .of(.firmCorrespondentAccount)) var correspondentAccount: String?
    @Option(help: .of(.firmSigner)) var signer: String?
    @Option(name: .customLong("signer-position"), help: .of(.firmSignerPosition)) var signerPosition: String?
    @Option(help: .of(.firmVAT)) var vat: String?

    /// Each option's key path in gitdesk.yml, with its value.
    private var given: [(key: String, value: String?)] {
        [("company", company), ("email", email), (FirmSettings.key(.name), name), (FirmSettings.key(.inn), inn), (FirmSettings.key(.kpp), kpp),
         (FirmSettings.key(.ogrn), ogrn), (FirmSettings.key(.address), address), (FirmSettings.key(.bankName), bank), (FirmSettings.key(.bik), bik),
         (FirmSettings.key(.account), account), (FirmSettings.key(.correspondentAccount), correspondentAccount),
         (FirmSettings.key(.signerName), signer), (FirmSettings.key(.signerPosition), signerPosition), ("firm.vat", vat)]
    }

    /// The values to write: the options given; with none given on a terminal, what the
    /// person types (Enter skips a detail; `check` names what is still missing).
    func values(asking: Bool, language: Language) throws -> [String: String] {
        var values: [String: String] = [:]
        for (key, value) in given { if let value { values[key] = value } }
        if values.isEmpty && asking {
            let words = Words(language, config: DeskConfig())
            Output.line(words[Word.firmDetailsIntro])
            let labels: [(String, Text)] = [("company", Text(ru: "короткое название (на сайтах клиентов)", en: "short name (on the clients' sites)")),
                                            ("email", Text(ru: "почта для клиентов", en: "e-mail for clients"))]
                + PartyDetails.firmFields.map { (FirmSettings.key($0), $0.label) } + [("firm.vat", Text(ru: "НДС: none или ставка, например 20%", en: "VAT: none or a rate such as 20%"))]
            for (key, label) in labels {
                StandardStream.output.write(Data("\(label.text(in: language)): ".utf8))
                guard let line = readLine() else { break }
                let answer = line.trimmingCharacters(in: .whitespaces)
                if !answer.isEmpty { values[key] = answer }
            }
        }
        try refuseControlCharacters(values.map { ("--" + ($0.key.split(separator: ".").last.map(String.init) ?? $0.key), $0.value) })
        return values
    }
}

/// Refuses an option value with a control character (a line break, a tab): the details are
/// written into YAML front-matter as one line each.
func refuseControlCharacters(_ options: [(option: String, value: String)]) throws {
    for (option, value) in options where value.unicodeScalars.contains(where: { $0.value < 32 || $0.value == 127 }) {
        throw DeskError.usage(.optionValueShape(option))
    }
}
