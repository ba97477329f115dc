import ArgumentParser
import Foundation
import GitdeskCore
import GitdeskStore
import GitdeskWords

/// Renders a card's front-matter from ordered keys, skipping unset values.
func cardText(_ fields: [(String, String?)], body: String = "") -> String {
    let lines = fields.compactMap { key, value in value.map { "\(key): \($0)" } }
    return MarkdownDocument(file: "", lines: lines, body: body.isEmpty ? "" : "\n" + body).text
}

extension Gitdesk {
    struct ClientCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "client", abstract: Help.manageClientCards.text, discussion: Help.examples.text + "\n  gitdesk client add romashka --name \"\(Help.exampleRomashka.text)\" --prefix ROM --rate 2000\n  gitdesk client list\n  gitdesk client rate romashka 2500 --from 2027-01-01", subcommands: [Add.self, List.self, Rate.self, Token.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: Help.addClientCardClientsSLUG.text, discussion: Help.examples.text + "\n  gitdesk client add romashka --name \"\(Help.exampleRomashka.text)\" --prefix ROM --rate 2000\n  gitdesk client add vector --name \"\(Help.exampleVector.text)\" --prefix VEC --email @vector.example --sla vip")
            @OptionGroup var desk: DeskOptions
            @Argument(help: .of(.clientsShortNameLowercaseUsed)) var slug: String
            @Option(help: .of(.clientsFullName)) var name: String
            @Option(help: .of(.ticketIDPrefix210)) var prefix: String
            @Option(help: .of(.hourRateDefaultDesksRate)) var rate: String?
            @Option(help: .of(.slaPolicyName)) var sla: String?
            @Option(help: .of(.mailAddressDomainIntakeRepeatable)) var email: [String] = []
            @OptionGroup var requisites: ClientRequisiteOptions

            func run() throws {
                guard Identifier.isValid(slug) else { throw DeskError.usage(.clientName(slug)) }
                guard TicketID.isValidPrefix(prefix) else { throw DeskError.usage(.prefixOption(prefix)) }
                if let rate, Money(rate).map({ $0.minor > 0 }) != true { throw DeskError.usage(.rateOption(rate)) }
                var said = ""
                try desk.open().write { base in
                    let current = base.cards
                    if current.clients[slug] != nil { throw DeskError.refused(.clientExists(slug)) }
                    if let other = current.clients.values.first(where: { $0.prefix == prefix }) {
                        throw DeskError.refused(.prefixTaken(prefix: prefix, client: other.slug))
                    }
                    // Secret by default: the site folder is `slug-TOKEN`, not a guessable name.
                    var generator = SystemRandomNumberGenerator()
                    let text = cardText([
                        ("name", YAMLScalar.render(name)), ("prefix", prefix), ("rate", rate), ("sla", sla.map(YAMLScalar.render)),
                        ("emails", email.isEmpty ? nil : YAMLScalar.render(email)),
                        ("site", "{token: \(SiteToken.generate(using: &generator))}"), ("requisites", try requisites.rendered()),
                    ], body: "## Contract terms\n\nSubject, rate, payment, acceptance.\n")
                    said = try desk.words(current.config)[Word.clientAdded, slug, prefix]
                    return DeskChange(files: ["clients/\(slug).md": text], message: "client \(slug): add")
                }
                Output.line(said)
            }
        }

        struct Token: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: Help.manageClientsSiteTokenSecret.text, discussion: Help.examples.text + "\n  gitdesk client token rotate romashka", subcommands: [Rotate.self])

            struct Rotate: ParsableCommand {
                static let configuration = CommandConfiguration(
                    abstract: Help.giveClientNewRandomSite.text, discussion: Help.examples.text + "\n  gitdesk client token rotate romashka && gitdesk site")
                @OptionGroup var desk: DeskOptions
                @Argument(help: .of(.client)) var slug: String

                func run() throws {
                    var said = ""
                    try desk.open().write { base in
                        let client = try base.cards.client(slug)
                        var generator = SystemRandomNumberGenerator()
                        let token = SiteToken.generate(using: &generator)
                        var doc = try MarkdownDocument(text: try base.text(client.file) ?? "", file: client.file)
                        try doc.set("site", rendered: "{token: \(token)}")
                        said = try desk.words(base.cards.config)[Word.siteFolderNow, slug, SiteToken.folder(slug: slug, token: token)]
                        return DeskChange(files: [client.file: doc.text], message: "client \(slug): new site token")
                    }
                    Output.line(said)
                }
            }
        }

        struct Rate: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: Help.setClientsHourRateFrom.text, discussion: Help.examples.text + "\n  gitdesk client rate romashka 2500 --from 2027-01-01\n  gitdesk client rate romashka 3000 --project shop")
            @OptionGroup var desk: DeskOptions
            @Argument(help: .of(.client)) var slug: String
            @Argument(help: .of(.newHourRate)) var rate: String
            @Option(help: .of(.firstDayRateAppliesYYYY)) var since: String
            @Option(help: .of(.applyOnlyThisProject)) var project: String?

            func run() throws {
                guard let money = Money(rate), money.minor > 0 else { throw DeskError.usage(.rateOption(rate)) }
                guard let day = Day(since) else { throw DeskError.usage(.notADate(since)) }
                var said = ""
                try desk.open().write { base in
                    let current = base.cards
                    let client = try current.client(slug)
                    if let project, current.projects[project]?.client != slug {
                        throw DeskError.notFound(.noProjectOfClient(client: slug, project: project))
                    }
                    var doc = try MarkdownDocument(text: try base.text(client.file) ?? "", file: client.file)
                    var entries = client.rates.filter { $0.since != nil && !($0.since == day && $0.project == project) }
                    entries.append(RateEntry(since: day, rate: money, project: project))
                    entries.sort { ($0.since!, $0.project ?? "") < ($1.since!, $1.project ?? "") }
                    let rendered = "\n" + entries.map { entry in
                        "  - {since: \(entry.since!), rate: \(entry.rate.plain)\(entry.project.map { ", project: \($0)" } ?? "")}"
                    }.joined(separator: "\n")
                    try doc.set("rates", rendered: rendered)
                    let words = try desk.words(current.config)
                    said = words[Word.clientRate, slug, words.money(money), words.day(day)]
                    return DeskChange(files: [client.file: doc.text],
                                      message: "client \(slug): rate \(money.plain) from \(day)\(project.map { " for \($0)" } ?? "")")
                }
                Output.line(said)
            }
        }
    }

    struct StaffCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "staff", abstract: Help.manageStaffCards.text, discussion: Help.examples.text + "\n  gitdesk staff add alice --name \"\(Help.exampleAlice.text)\" --email alice@firm.example --capacity 6h\n  gitdesk staff list", subcommands: [Add.self, List.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: Help.addStaffCardStaffLOGIN.text, discussion: Help.examples.text + "\n  gitdesk staff add alice --name \"\(Help.exampleAlice.text)\" --email alice@firm.example --capacity 6h\n  gitdesk staff add olga --name \"\(Help.exampleOlga.text)\" --email olga@firm.example --role tester")
            @OptionGroup var desk: DeskOptions
            @Argument(help: .of(.loginLowercase)) var login: String
            @Option(help: .of(.fullName)) var name: String
            @Option(help: .of(.mailMatchedAgainstGitIdentity)) var email: String
            @Option(help: .of(.engineerLeadIntakeTester)) var role: String = "engineer"
            @Option(help: .of(.billableDayNorm6h)) var capacity: String?
            @Option(help: .of(.internalCostPerHourNever)) var cost: String?

            func run() throws {
                guard Identifier.isValid(login) else { throw DeskError.usage(.loginName(login)) }
                guard Staff.roles.contains(role) else { throw DeskError.usage(.role(valid: Staff.roles.sorted())) }
                if let capacity, Duration(capacity) == nil { throw DeskError.usage(.capacityOption(capacity)) }
                if let cost, Money(cost) == nil { throw DeskError.usage(.costOption(cost)) }
                var said = ""
                try desk.open().write { base in
                    if base.cards.staff[login] != nil { throw DeskError.refused(.staffExists(login)) }
                    let text = cardText([
                        ("name", YAMLScalar.render(name)), ("email", YAMLScalar.render(email)), ("role", role),
                        ("capacity", capacity), ("cost", cost), ("absences", "[]"),
                    ])
                    said = try desk.words(base.cards.config)[Word.staffAdded, login, role]
                    return DeskChange(files: ["staff/\(login).md": text], message: "staff \(login): add")
                }
                Output.line(said)
            }
        }
    }

    struct ProjectCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "project", abstract: Help.manageProjects.text, discussion: Help.examples.text + "\n  gitdesk project add shop --client romashka --title \"\(Help.exampleShop.text)\"\n  gitdesk project list --client romashka", subcommands: [Add.self, List.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: Help.addProjectProjectsSLUGProject.text, discussion: Help.examples.text + "\n  gitdesk project add shop --client romashka --title \"\(Help.exampleShop.text)\"")
            @OptionGroup var desk: DeskOptions
            @Argument(help: .of(.projectsShortNameLowercase)) var slug: String
            @Option(help: .of(.clientItBelongs)) var client: String
            @Option(help: .of(.title)) var title: String

            func run() throws {
                guard Identifier.isValid(slug) else { throw DeskError.usage(.projectName(slug)) }
                var said = ""
                try desk.open().write { base in
                    _ = try base.cards.client(client)
                    if base.cards.projects[slug] != nil { throw DeskError.refused(.projectExists(slug)) }
                    let text = cardText([("client", client), ("title", YAMLScalar.render(title))],
                                        body: "# \(title)\n\nWhat the system is, where it runs, who to ask.\n")
                    said = try desk.words(base.cards.config)[Word.projectAdded, slug, client]
                    return DeskChange(files: ["projects/\(slug)/project.md": text], message: "project \(slug): add for \(client)")
                }
                Output.line(said)
            }
        }
    }
}

/// A client's details for acts and invoices, as `client add` takes them (checked like the
/// card's `requisites:` when the card is written).
struct ClientRequisiteOptions: ParsableArguments {
    @Option(name: .customLong("legal-name"), help: .of(.requisiteLegalName)) var legalName: String?
    @Option(help: .of(.requisiteINN)) var inn: String?
    @Option(help: .of(.requisiteKPP)) var kpp: String?
    @Option(help: .of(.requisiteOGRN)) var ogrn: String?
    @Option(help: .of(.requisiteAddress)) var address: String?
    @Option(help: .of(.requisiteContract)) var contract: String?
    @Option(name: .customLong("contract-date"), help: .of(.requisiteContractDate)) var contractDate: String?
    @Option(help: .of(.requisiteSigner)) var signer: String?
    @Option(name: .customLong("signer-position"), help: .of(.requisiteSignerPosition)) var signerPosition: String?

    /// The `requisites:` flow map, nil when no option is given.
    func rendered() throws -> String? {
        let pairs: [(String, String?)] = [("name", legalName), ("inn", inn), ("kpp", kpp), ("ogrn", ogrn), ("address", address),
                                          ("contract", contract), ("contract-date", contractDate), ("signer", signer), ("position", signerPosition)]
        let given = pairs.compactMap { key, value in value.map { (key, $0) } }
        try refuseControlCharacters(given.map { ("--" + $0.0, $0.1) })
        return given.isEmpty ? nil : "{" + given.map { "\($0.0): \(YAMLScalar.render($0.1))" }.joined(separator: ", ") + "}"
    }
}
