import Foundation
import GitdeskCore

/// One entry of the message catalogue: its text in every language gitdesk speaks. An
/// exhaustive `switch` gives each case both texts, so a missing translation does not compile.
public protocol Phrase: CaseIterable, RawRepresentable, Sendable where RawValue == String {
    var pair: (ru: String, en: String) { get }
}

/// The words and number formats of one language: every text gitdesk prints for people (the
/// CLI, the clients' site, the lead's dashboard, statements) goes through here. Machine
/// outputs (`--json`, CSV, hledger) do not: they stay locale-free.
public struct Words: Sendable {
    public let language: Language
    public let currency: String
    /// How each kind of value is shown in this language: `names:` in `gitdesk.yml` over
    /// gitdesk's own names, made once (a list of 150 000 tickets asks for each row's status).
    private let names: [ValueKind: [String: String]]

    public init(_ language: Language, config: DeskConfig) {
        self.language = language
        self.currency = config.currency
        var names: [ValueKind: [String: String]] = [:]
        for known in DisplayName.allCases {
            let parts = known.rawValue.split(separator: ".", maxSplits: 1)
            guard parts.count == 2, let kind = ValueKind(rawValue: String(parts[0])) else { continue }
            names[kind, default: [:]][String(parts[1])] = language == .ru ? known.pair.ru : known.pair.en
        }
        for (kind, values) in config.displayNames {
            for (value, byLanguage) in values { if let name = byLanguage[language.rawValue] { names[kind, default: [:]][value] = name } }
        }
        self.names = names
    }

    /// The words of the desk's own `locale`.
    public init(config: DeskConfig) {
        self.init(Language(locale: config.locale) ?? .ru, config: config)
    }

    public var isRussian: Bool { language == .ru }

    /// The phrase in this language; `{1}`, `{2}`, … in it are replaced by `arguments`.
    public subscript<P: Phrase>(_ phrase: P, _ arguments: String...) -> String {
        let text = isRussian ? phrase.pair.ru : phrase.pair.en
        return arguments.isEmpty ? text : Self.filling(text, with: arguments)
    }

    /// `template` with each `{N}` (N from 1) replaced by `arguments[N - 1]`, in one pass over
    /// its bytes: an argument's own text is never read as a placeholder, and a report of
    /// thousands of lines does not go through Foundation's search once per placeholder.
    static func filling(_ template: String, with arguments: [String]) -> String {
        let bytes = Array(template.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + arguments.reduce(0) { $0 + $1.utf8.count })
        var position = 0
        while position < bytes.count {
            // `{`, one to three digits, `}`, naming an argument there is.
            if bytes[position] == UInt8(ascii: "{"),
               let close = bytes[(position + 1)..<min(position + 5, bytes.count)].firstIndex(of: UInt8(ascii: "}")), close > position + 1,
               bytes[(position + 1)..<close].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
               let number = Int(String(decoding: bytes[(position + 1)..<close], as: UTF8.self)), number >= 1, number <= arguments.count {
                result.append(contentsOf: arguments[number - 1].utf8)
                position = close + 1
            } else {
                result.append(bytes[position])
                position += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Every phrase of a catalogue keyed by its raw value, for templates (`{{t.overview}}`).
    public func table<P: Phrase>(_: P.Type) -> [String: String] {
        var table = Dictionary(uniqueKeysWithValues: P.allCases.map { ($0.rawValue, self[$0]) })
        table["lang"] = language.rawValue
        return table
    }

    // MARK: Numbers

    /// `n` with the noun in the form the number wants: `1 день`, `3 дня`, `5 дней`; `1 day`, `2 days`.
    public func count(_ n: Int, _ noun: Noun) -> String {
        "\(integer(n))\(noBreakSpace)\(plural(n, noun))"
    }

    /// The noun's form for `n` alone (Russian has three: one, few, many).
    public func plural(_ n: Int, _ noun: Noun) -> String {
        let forms = noun.forms
        guard isRussian else { return n.magnitude == 1 ? forms.en.one : forms.en.other }
        let last = n.magnitude % 10, lastTwo = n.magnitude % 100
        if last == 1 && lastTwo != 11 { return forms.ru.one }
        if (2...4).contains(last) && !(12...14).contains(lastTwo) { return forms.ru.few }
        return forms.ru.many
    }

    /// An integer with its groups: `12 345` (no-break spaces) or `12,345`.
    public func integer(_ n: Int) -> String {
        (n < 0 ? "-" : "") + grouped(UInt64(n.magnitude), separator: isRussian ? noBreakSpace : ",")
    }

    /// Money as people read it: `2 000,00 ₽` or `₽2,000.00`.
    public func money(_ money: Money) -> String { moneyFormat.string(money) }

    /// The format `money` uses, for renderers that take one.
    public var moneyFormat: MoneyFormat { MoneyFormat(currency: currency, locale: language.rawValue) }

    /// A share in basis points with one decimal: `89,6 %` or `89.6%`.
    public func percent(_ basisPoints: Int) -> String {
        let tenths = (basisPoints + (basisPoints >= 0 ? 5 : -5)) / 10
        let sign = tenths < 0 ? "-" : ""
        let text = "\(sign)\(integer(Int(tenths.magnitude) / 10))\(isRussian ? "," : ".")\(tenths.magnitude % 10)"
        return isRussian ? text + noBreakSpace + "%" : text + "%"
    }

    /// A duration: `2 ч 55 мин` or `2h 55m`; `0 мин` or `0m`.
    public func duration(_ duration: Duration) -> String { self.duration(minutes: duration.minutes) }

    /// `minutes` as a duration, with a minus for a negative one (time over a target).
    public func duration(minutes: Int) -> String {
        let sign = minutes < 0 ? "-" : ""
        let h = Int(minutes.magnitude) / 60, m = Int(minutes.magnitude) % 60
        let (hours, mins) = isRussian ? ("\(noBreakSpace)ч", "\(noBreakSpace)мин") : ("h", "m")
        if h == 0 { return "\(sign)\(m)\(mins)" }
        let whole = "\(sign)\(integer(h))\(hours)"
        return m == 0 ? whole : "\(whole) \(m)\(mins)"
    }

    /// A day: `28.11.2026` or `2026-11-28`.
    public func day(_ day: Day) -> String {
        guard isRussian else { return day.description }
        return "\(zeroPadded(day.day, 2)).\(zeroPadded(day.month, 2)).\(zeroPadded(day.year, 4))"
    }

    /// A day within a known year, for narrow columns: `28.11` or `11-28`.
    public func shortDay(_ day: Day) -> String {
        isRussian ? "\(zeroPadded(day.day, 2)).\(zeroPadded(day.month, 2))" : "\(zeroPadded(day.month, 2))-\(zeroPadded(day.day, 2))"
    }

    /// A moment in a zone, to the minute: `28.11.2026 18:00` or `2026-11-28 18:00`.
    public func time(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.hour, .minute], from: date)
        return day(Day(date, in: zone)) + " " + zeroPadded(c.hour ?? 0, 2) + ":" + zeroPadded(c.minute ?? 0, 2)
    }

    /// A month as a heading says it: `ноябрь 2026` or `November 2026`.
    public func month(year: Int, month: Int) -> String {
        guard (1...12).contains(month) else { return "\(year)-\(month)" }
        return "\(monthNames[month - 1]) \(year)"
    }

    private var monthNames: [String] {
        isRussian
            ? ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"]
            : ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    }

    private static let genitiveMonths = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"]

    /// The month a day falls in, as "until about …" says it: `марта 2027` or `March 2027`.
    public func monthOf(_ day: Day) -> String {
        guard isRussian else { return month(year: day.year, month: day.month) }
        return "\(Self.genitiveMonths[day.month - 1]) \(day.year)"
    }

    /// The months an average is taken over, the last of them perhaps in part: `за октябрь,
    /// ноябрь и 3 из 22 рабочих дней декабря` or `over October, November and 3 of 22 working
    /// days of December`.
    public func averagedMonths(_ months: [(month: Int, workingDaysPassed: Int, workingDays: Int)]) -> String {
        guard (months.allSatisfy { (1...12).contains($0.month) }) else { return "" }
        let names = months.map { month -> String in
            guard month.workingDaysPassed < month.workingDays else { return monthNames[month.month - 1] }
            guard isRussian else { return "\(month.workingDaysPassed) of \(month.workingDays) working days of \(monthNames[month.month - 1])" }
            let last = month.workingDays % 10, lastTwo = month.workingDays % 100
            let days = last == 1 && lastTwo != 11 ? "рабочего дня" : "рабочих дней"
            return "\(month.workingDaysPassed) из \(month.workingDays) \(days) \(Self.genitiveMonths[month.month - 1])"
        }
        let and = isRussian ? " и " : " and "
        let list = names.count > 1 ? names.dropLast().joined(separator: ", ") + and + names[names.count - 1] : names.joined()
        return (isRussian ? "за " : "over ") + list
    }

    /// A period as a heading names it: `ноябрь 2026`, `неделя 2026-W48`, `2026 год`, a day, or
    /// its first and last days.
    public func period(_ period: Period) -> String {
        let first = period.first, last = period.last
        if period.label.contains("-W") { return self[Word.weekOf, period.label] }
        if period.label.count == 4, first.month == 1, first.day == 1 { return self[Word.yearOf, period.label] }
        if period.label.count == 7, first.day == 1 { return month(year: first.year, month: first.month) }
        return first == last ? day(first) : "\(day(first))–\(day(last))"
    }

    /// Yes or no.
    public func yesNo(_ flag: Bool) -> String { self[flag ? Word.yes : Word.no] }

    // MARK: Names of a desk's values

    /// How a status, priority, kind, category, channel, SLA clock or state is shown: `names:`
    /// in `gitdesk.yml`, else gitdesk's own name for it, else the value as the files spell it.
    public func name(_ value: String, _ kind: ValueKind) -> String {
        names[kind]?[value] ?? value
    }

    /// The value among `values` that `text` names: the value as the files spell it, or as it
    /// is shown in either language (`в работе`, `in progress`), in any case; nil for none.
    /// A shown name may be typed with `-` or `_` for its spaces (`в-работе`), as completion
    /// offers it: a shell splits words at spaces.
    public static func value(named text: String, _ kind: ValueKind, among values: [String], config: DeskConfig) -> String? {
        if values.contains(text) { return text }
        let wanted = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let value = values.first(where: { $0.lowercased() == wanted }) { return value }
        func spaced(_ name: String) -> String { name.lowercased().replacingOccurrences(of: "[-_ ]+", with: " ", options: .regularExpression) }
        for language in Language.allCases {
            let words = Words(language, config: config)
            if let value = values.first(where: { spaced(words.name($0, kind)) == spaced(wanted) }) { return value }
        }
        return nil
    }

    /// How completion offers a value's shown name: its spaces as `-`, so the shell keeps it one word.
    public func typedName(_ value: String, _ kind: ValueKind) -> String {
        name(value, kind).replacingOccurrences(of: " ", with: "-")
    }

    /// The values as an error lists them: each as the files spell it, with how it is shown.
    public func listed(_ values: [String], _ kind: ValueKind) -> [String] {
        values.map { value in name(value, kind) == value ? value : "\(value) (\(name(value, kind)))" }
    }
}

/// Nouns counted in output, with their plural forms.
public enum Noun: Sendable {
    case day, workingDay, reply, client, finding, file, line

    var forms: (ru: (one: String, few: String, many: String), en: (one: String, other: String)) {
        switch self {
        case .day: (("день", "дня", "дней"), ("day", "days"))
        case .workingDay: (("рабочий день", "рабочих дня", "рабочих дней"), ("working day", "working days"))
        case .reply: (("ответ", "ответа", "ответов"), ("reply", "replies"))
        case .client: (("клиент", "клиента", "клиентов"), ("client", "clients"))
        case .finding: (("замечание", "замечания", "замечаний"), ("finding", "findings"))
        case .file: (("файл", "файла", "файлов"), ("file", "files"))
        case .line: (("строка", "строки", "строк"), ("line", "lines"))
        }
    }
}
