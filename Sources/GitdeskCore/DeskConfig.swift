import Foundation

/// A kind of work: billable or not, and why.
public struct WorkKind: Hashable, Codable, Sendable {
    public let name: String
    public let billable: Bool
    public let description: String
}

/// What a displayed value is: its kind under `names:` in `gitdesk.yml`, and the first part of
/// gitdesk's own display-name keys (`status.in-progress`).
public enum ValueKind: String, CaseIterable, Sendable {
    case status, priority, kind, category, channel, clock, state, test, dispute, reminder
}

/// `gitdesk.yml`: the desk's settings. Missing keys take the seed's defaults.
public struct DeskConfig: Sendable {
    public var company: String = "gitdesk"
    public var currency: String = "RUB"
    public var locale: String = "ru"
    public var timezone: TimeZone = TimeZone(identifier: "Europe/Moscow")!
    /// The default hourly rate (major units, as minor-unit money).
    public var rate: Money = Money(minor: 200_000)
    /// Working hours per weekday (1 = Monday), as minute ranges from midnight.
    public var workingHours: [Int: [ClosedRange<Int>]] = Dictionary(
        uniqueKeysWithValues: (1...5).map { ($0, [540...1080]) })
    /// Holidays, worked weekend days and short days (`calendar.holidays`, `working-days`,
    /// `short-days`, `production`, and the holidays file's events).
    public var days = CalendarDays()
    public var holidays: Set<Day> {
        get { days.holidays }
        set { days.holidays = newValue }
    }
    /// `calendar.holidays-file`: an iCalendar file in the desk whose all-day events are holidays.
    public var holidaysFile: String?
    /// Named calendars a client card may choose (`calendar: NAME`), e.g. a client in another zone.
    public var calendars: [String: CalendarSettings] = [:]
    public var sla = SLASettings()
    public var reminders = ReminderSettings()
    public var kinds: [WorkKind] = DeskConfig.defaultKinds
    public var statuses: [String] = DeskConfig.defaultStatuses
    /// How requests arrive: what a ticket's `channel:` may say (`channels:`).
    public var channels: [String] = DeskConfig.defaultChannels
    /// What a ticket's `category:` may say (`categories:`); a desk without the key leaves
    /// categories free.
    public var categories: [String]?
    /// Allowed moves: status → the statuses it may move to.
    public var transitions: [String: [String]] = DeskConfig.defaultTransitions
    public var openStatuses: Set<String> { Set(statuses).subtracting(closedStatuses) }
    /// The kinds whose work the client pays for (a kind listed twice counts as first listed):
    /// the one rule pricing and the client-visible search both follow.
    public var billableKinds: Set<String> {
        var seen = Set<String>(), billable = Set<String>()
        for kind in kinds where seen.insert(kind.name).inserted && kind.billable { billable.insert(kind.name) }
        return billable
    }
    public var closedStatuses: Set<String> = ["done", "closed", "cancelled"]
    public var requireTestCase = true
    public var requireIndependentTester = true
    public var requireServiceComment = true
    /// `site: {public-names: true}`: a client without a site token may have a site in a
    /// folder named after it (a name anyone can guess). Off: such a site is refused.
    public var sitePublicNames = false
    /// Non-billable share the plan allows (0.15 = 15%), in basis points to stay exact.
    public var planNonBillableBasisPoints = 1500
    public var planCapacity = Duration(minutes: 360)
    public var planRate: Money?
    /// A transaction recorded more than this many days after its work date is flagged late.
    public var auditLateDays = 3
    /// Where clients write (dispute and confirmation links on their sites).
    public var supportEmail = "support@example.invalid"
    /// The firm's details for acts and invoices (`firm:`).
    public var firm = PartyDetails()
    /// How the firm charges VAT (`firm.vat`).
    public var vat = VATMode.none
    /// What an act's lines are: one per ticket or one per kind of work (`acts.lines`).
    public var actLines = ActLines.ticket
    /// Days a debt may age before `remind` names it (`reminders.debt-days`).
    public var debtReminderDays = 14
    /// Problems of settings that leave the rest usable (a malformed ИНН): reported by `check`
    /// like every finding, while the other settings still apply.
    public var findings: [Finding] = []
    /// The accounts the hledger export posts to (`accounts:` in gitdesk.yml).
    public var ledgerAccounts = LedgerAccounts()
    /// The largest file `check` accepts, in bytes.
    public var maxFileSize = 1 << 20
    /// The largest attachment intake stores, in bytes.
    public var maxAttachmentSize = 10 << 20
    /// `names:`: how values are shown to people, by kind → value → language (`ru`, `en`) →
    /// name. The files keep the values themselves.
    public var displayNames: [ValueKind: [String: [String: String]]] = [:]

    public init() {}

    public func kind(_ name: String) -> WorkKind? { kinds.first { $0.name == name } }

    /// The priorities the SLA policies set targets for (`default` is a fallback, not a
    /// priority), most urgent first: what a ticket's `priority:` may say.
    public var priorities: [String] {
        let targets = sla.policies.values.flatMap { [$0.targets] + $0.categories.values }
        let reaction = Dictionary(targets.flatMap { $0.reaction.map { ($0.key, $0.value) } }, uniquingKeysWith: min)
        let names = Set(targets.flatMap { Array($0.reaction.keys) + Array($0.update.keys) + Array($0.resolution.keys) }).subtracting(["default"])
        return names.sorted { (reaction[$0] ?? Int.max, $0) < (reaction[$1] ?? Int.max, $1) }
    }

    /// The desk's own calendar.
    public var calendarSettings: CalendarSettings {
        CalendarSettings(timezone: timezone, workingHours: workingHours, days: days, holidaysFile: holidaysFile)
    }

    public var moneyFormat: MoneyFormat { MoneyFormat(currency: currency, locale: locale) }

    public static let defaultKinds: [WorkKind] = [
        WorkKind(name: "billable", billable: true, description: "work the client pays for"),
        WorkKind(name: "testing", billable: true, description: "the control example: checking the result with the client's data"),
        WorkKind(name: "help", billable: false, description: "helping a colleague (@who)"),
        WorkKind(name: "learning", billable: false, description: "learning standard functionality; we do not learn at the client's expense"),
        WorkKind(name: "infra", billable: false, description: "infrastructure: stands, copies, access"),
        WorkKind(name: "review", billable: false, description: "reviewing a colleague's work (@who)"),
        WorkKind(name: "our-fault", billable: false, description: "fixing our own mistake in design or implementation"),
        WorkKind(name: "overrun", billable: false, description: "work beyond the estimate the client approved"),
    ]

    public static let defaultChannels = ["email", "phone", "chat", "portal", "visit"]

    public static let defaultStatuses = [
        "new", "accepted", "in-progress", "needs-testing", "testing", "done", "closed",
        "waiting-client", "estimate-sent", "on-hold", "cancelled",
    ]

    public static let defaultTransitions: [String: [String]] = [
        "new": ["accepted", "in-progress", "estimate-sent", "waiting-client", "on-hold", "cancelled"],
        "accepted": ["in-progress", "estimate-sent", "waiting-client", "on-hold", "cancelled"],
        "in-progress": ["needs-testing", "done", "waiting-client", "estimate-sent", "on-hold", "cancelled"],
        "needs-testing": ["testing", "in-progress"],
        "testing": ["done", "in-progress"],
        "done": ["closed", "in-progress"],
        "closed": [],
        "waiting-client": ["accepted", "in-progress", "cancelled"],
        "estimate-sent": ["accepted", "in-progress", "cancelled"],
        "on-hold": ["accepted", "in-progress", "cancelled"],
        "cancelled": [],
    ]

    /// Reads `gitdesk.yml`; every problem is a finding naming its line.
    public static func parse(_ text: String, file: String = "gitdesk.yml") throws -> DeskConfig {
        var config = DeskConfig()
        guard let root = try YAMLValue.parse(text, file: file) else { return config }
        guard case .map = root else { throw Finding(file: file, line: root.line, .settingsNotMapping) }
        func fail(_ value: YAMLValue, _ problem: Problem) -> Finding { Finding(file: file, line: value.line, problem) }
        if let v = root["company"]?.string { config.company = v }
        if let v = root["email"] {
            guard let s = v.string, s.contains("@"), !s.contains(where: { $0.isWhitespace || $0 == "?" || $0 == "&" }) else {
                throw fail(v, .emailAddress)
            }
            config.supportEmail = s
        }
        if let v = root["currency"] {
            guard let s = v.string, s.count == 3, s.allSatisfy({ $0.isUppercase && $0.isASCII }) else {
                throw fail(v, .currencyCode)
            }
            config.currency = s
        }
        if let v = root["locale"] {
            guard let s = v.string, ["ru", "en"].contains(s) else { throw fail(v, .localeValue) }
            config.locale = s
        }
        for (kind, values) in root["names"]?.pairs ?? [] {
            guard let valueKind = ValueKind(rawValue: kind) else {
                throw fail(values, .namesKind(kind, valid: ValueKind.allCases.map(\.rawValue)))
            }
            guard case .map = values else { throw fail(values, .namesMap(kind)) }
            for (value, languages) in values.pairs {
                guard case .map = languages else {
                    throw fail(languages, .namesPerLanguage(kind: kind, value: value))
                }
                for (language, name) in languages.pairs {
                    guard ["ru", "en"].contains(language), let text = name.string, !text.isEmpty else {
                        throw fail(name, .namesPerLanguage(kind: kind, value: value))
                    }
                    config.displayNames[valueKind, default: [:]][value, default: [:]][language] = text
                }
            }
        }
        if let v = root["timezone"] {
            guard let s = v.string, let zone = TimeZone(identifier: s) else { throw fail(v, .timezone) }
            config.timezone = zone
        }
        if let v = root["rate"] {
            guard let s = v.string, let rate = Money(s), rate.minor > 0 else { throw fail(v, .ratePositive) }
            config.rate = rate
        }
        if let calendar = root["calendar"] {
            let settings = try CalendarSettings.parse(calendar, base: config.calendarSettings, file: file)
            config.workingHours = settings.workingHours
            config.days = settings.days
            config.timezone = settings.timezone
            config.holidaysFile = settings.holidaysFile
        }
        for (name, value) in root["calendars"]?.pairs ?? [] {
            config.calendars[name] = try CalendarSettings.parse(value, base: config.calendarSettings, file: file)
        }
        if let sla = root["sla"] { config.sla = try SLASettings.parse(sla, file: file, statuses: config.statuses) }
        if let reminders = root["reminders"] {
            config.reminders = try ReminderSettings.parse(reminders, file: file)
            if let v = reminders["debt-days"] {
                guard let days = v.string.flatMap({ Int($0) }), (0...3650).contains(days) else { throw fail(v, .daysSetting("debt-days")) }
                config.debtReminderDays = days
            }
        }
        if let kinds = root["kinds"] {
            guard case .map(let pairs, _) = kinds, !pairs.isEmpty else { throw fail(kinds, .kindsMap) }
            config.kinds = try pairs.map { name, value in
                guard Identifier.isValid(name) else { throw fail(value, .kindName(name)) }
                guard let billable = value["billable"]?.string.flatMap(parseBool) else {
                    throw fail(value, .kindBillable(name))
                }
                return WorkKind(name: name, billable: billable, description: value["description"]?.string ?? "")
            }
        }
        if let statuses = root["statuses"] {
            guard let items = statuses.list?.compactMap(\.string), !items.isEmpty else {
                throw fail(statuses, .statusesList)
            }
            config.statuses = items
        }
        for (key, apply) in [("channels", { (names: [String]) in config.channels = names }),
                             ("categories", { (names: [String]) in config.categories = names })] {
            guard let value = root[key] else { continue }
            guard let items = value.list, !items.isEmpty,
                  case let names = items.compactMap(\.string), names.count == items.count, names.allSatisfy(Identifier.isValid) else {
                throw fail(value, .namesList(key))
            }
            apply(names)
        }
        if let transitions = root["transitions"] {
            var table: [String: [String]] = [:]
            for (from, targets) in transitions.pairs {
                guard config.statuses.contains(from) else { throw fail(targets, .transitionFrom(from)) }
                let names = targets.list?.compactMap(\.string) ?? []
                for name in names where !config.statuses.contains(name) {
                    throw fail(targets, .transitionTo(name))
                }
                table[from] = names
            }
            config.transitions = table
        }
        if let closed = root["closed-statuses"]?.list?.compactMap(\.string) { config.closedStatuses = Set(closed) }
        if let workflow = root["workflow"] {
            for (key, value) in workflow.pairs {
                guard let flag = value.string.flatMap(parseBool) else { throw fail(value, .flag(key)) }
                switch key {
                case "require-test-case": config.requireTestCase = flag
                case "require-independent-tester": config.requireIndependentTester = flag
                case "require-service-comment": config.requireServiceComment = flag
                default: break
                }
            }
        }
        if let site = root["site"] {
            for (key, value) in site.pairs where ["public-names", "public_names"].contains(key) {
                guard let flag = value.string.flatMap(parseBool) else { throw fail(value, .flag(key)) }
                config.sitePublicNames = flag
            }
        }
        if let plan = root["plan"] {
            if let v = plan["non-billable-share"] {
                guard let s = v.string, let share = parsePercent(s) else {
                    throw fail(v, .nonBillableShare)
                }
                config.planNonBillableBasisPoints = share
            }
            if let v = plan["capacity"] {
                guard let d = v.string.flatMap(Duration.init), d.minutes > 0 else { throw fail(v, .capacityDuration) }
                config.planCapacity = d
            }
            if let v = plan["rate"] {
                guard let m = v.string.flatMap(Money.init), m.minor > 0 else { throw fail(v, .planRate) }
                config.planRate = m
            }
        }
        if let audit = root["audit"], let v = audit["late-days"] {
            guard let days = v.string.flatMap({ Int($0) }), (0...3650).contains(days) else { throw fail(v, .lateDays) }
            config.auditLateDays = days
        }
        if let firm = root["firm"] {
            let details = YAMLValue.map(firm.pairs.filter { $0.key != "vat" }, line: firm.line)
            (config.firm, config.findings) = PartyDetails.parse(details, fields: PartyDetails.firmFields, file: file)
            if let v = firm["vat"] {
                guard let mode = v.string.flatMap(VATMode.init) else { throw fail(v, .vatSetting) }
                config.vat = mode
            }
        }
        if let acts = root["acts"], let v = acts["lines"] {
            guard let lines = v.string.flatMap(ActLines.init) else { throw fail(v, .actLinesSetting) }
            config.actLines = lines
        }
        if let accounts = root["accounts"] { config.ledgerAccounts = try LedgerAccounts.parse(accounts, file: file) }
        if let limits = root["limits"], let v = limits["max-file-size"] {
            guard let s = v.string, let size = parseSize(s) else { throw fail(v, .maxFileSize) }
            config.maxFileSize = size
        }
        if let limits = root["limits"], let v = limits["max-attachment-size"] {
            guard let s = v.string, let size = parseSize(s) else { throw fail(v, .maxAttachmentSize) }
            config.maxAttachmentSize = size
        }
        return config
    }

    static let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// `"09:00-18:00"` or `["09:30-12:30", "14:00-18:00"]` → minute ranges.
    static func parseHours(_ value: YAMLValue, file: String) throws -> [ClosedRange<Int>] {
        let texts = value.list?.compactMap(\.string) ?? value.string.map { [$0] } ?? []
        return try texts.map { text in
            let parts = text.split(separator: "-")
            guard parts.count == 2, let a = minuteOfDay(parts[0]), let b = minuteOfDay(parts[1]), a < b else {
                throw Finding(file: file, line: value.line, .workingHours(text))
            }
            return a...b
        }
    }

    static func minuteOfDay(_ text: Substring) -> Int? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":")
        guard parts.count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
              (0...24).contains(h), (0...59).contains(m), h * 60 + m <= 1440 else { return nil }
        return h * 60 + m
    }

    static func parsePercent(_ text: String) -> Int? {
        if text.hasSuffix("%") {
            guard let m = Money(text.dropLast()), (0...10_000).contains(m.minor) else { return nil }
            return Int(m.minor)
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0] == "0", (1...4).contains(parts[1].count), let digits = Int(parts[1]) else { return nil }
        var value = digits
        for _ in parts[1].count..<4 { value *= 10 }
        return value
    }

    /// A size in bytes (`512K`, `2M`, `1G` or a number): positive and at most 4 GiB.
    static func parseSize(_ text: String) -> Int? {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        var number = Substring(text), unit = 1
        if let last = text.last, let scale = units[last] { number = text.dropLast(); unit = scale }
        guard number.allSatisfy(\.isASCII), let value = Int(number), value > 0 else { return nil }
        let (size, overflow) = value.multipliedReportingOverflow(by: unit)
        return overflow || size > 1 << 32 ? nil : size
    }
}

/// What an act's lines group the period's billable work by.
public enum ActLines: String, Sendable {
    case ticket, kind
}

/// The double-entry accounts of the hledger export. Each client's prepaid balance is a
/// liability (`clients:SLUG`): money a client paid ahead is owed to them as work, and a
/// client in debt shows there as a debit.
public struct LedgerAccounts: Hashable, Sendable {
    /// Where payments arrive (an asset).
    public var bank = "assets:bank"
    /// The parent of every client's account (a liability).
    public var clients = "liabilities:clients"
    /// Revenue from billable work.
    public var work = "revenue:work"
    /// Revenue from charges (licences, hardware, fixed fees).
    public var charges = "revenue:charges"
    /// What credits (goodwill, refunds of our time) cost the firm (an expense).
    public var credits = "expenses:credits"

    public init() {}

    /// `accounts: {bank: …, clients: …, work: …, charges: …, credits: …}`; unknown keys and
    /// names hledger would misread (empty parts, two spaces, tabs, `;`) are findings.
    static func parse(_ value: YAMLValue, file: String) throws -> LedgerAccounts {
        var accounts = LedgerAccounts()
        let fields: [(String, WritableKeyPath<LedgerAccounts, String>)] = [
            ("bank", \.bank), ("clients", \.clients), ("work", \.work), ("charges", \.charges), ("credits", \.credits)]
        guard case .map(let pairs, _) = value else { throw Finding(file: file, line: value.line, .accountsMap) }
        for (key, item) in pairs {
            guard let field = fields.first(where: { $0.0 == key }) else {
                throw Finding(file: file, line: item.line, .unknownAccount(key, known: fields.map(\.0)))
            }
            guard let name = item.string, isValidName(name) else {
                throw Finding(file: file, line: item.line, .accountName(key))
            }
            accounts[keyPath: field.1] = name
        }
        return accounts
    }

    static func isValidName(_ name: String) -> Bool {
        let parts = name.split(separator: ":", omittingEmptySubsequences: false)
        return !name.isEmpty && name.count <= 200 && !name.contains("  ") && !name.contains(";")
            && name.unicodeScalars.allSatisfy { !CharacterSet.controlCharacters.contains($0) }
            && parts.allSatisfy { !$0.isEmpty && $0.first != " " && $0.last != " " }
    }
}

/// YAML 1.1 spellings of booleans, as people write them.
public func parseBool(_ text: String) -> Bool? {
    switch text.lowercased() {
    case "true", "yes", "on": return true
    case "false", "no", "off": return false
    default: return nil
    }
}
