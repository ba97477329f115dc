import Foundation
import GitdeskCore

/// The words swift-argument-parser writes itself — the headings and fixed lines of every
/// `--help` page, the placeholders of option values, its argument errors — in the run's
/// language. The parser has no hook for its own words, so its finished text is rewritten
/// here, pattern by pattern; option names (`--client`), values and commands stay as typed.
public enum ParserWords {
    /// The parser's text (a help page or an error message) in `language`.
    public static func translated(_ text: String, into language: Language = .ofThisRun) -> String {
        guard language == .ru else { return text }
        var result = text
        for (pattern, template) in patterns {
            result = result.replacingOccurrences(of: pattern, with: template, options: .regularExpression)
        }
        // Placeholders of values, `<client>` → `<клиент>`; one not listed stays as it is.
        return replacingPlaceholders(in: result)
    }

    /// The parser's lines and phrases, most specific first. Headings keep their width where
    /// the parser indents continuation lines under them ("USAGE: " and "Usage: ", 7).
    private static let patterns: [(String, String)] = [
        ("(?m)^OVERVIEW: ", "ОПИСАНИЕ: "),
        ("(?m)^USAGE: ", "ВЫЗОВ: "),
        ("(?m)^Usage: ", "Вызов: "),
        ("(?m)^ARGUMENTS:$", "АРГУМЕНТЫ:"),
        ("(?m)^OPTIONS:$", "ПАРАМЕТРЫ:"),
        ("(?m)^SUBCOMMANDS:$", "КОМАНДЫ:"),
        ("(?m)^Help:  ", "Справка:  "),
        ("Show help information\\.", "Показать эту справку."),
        ("Show the version\\.", "Показать версию."),
        ("See '([^']*) <subcommand>' for detailed help\\.", "Подробно о команде: '$1 <команда>'."),
        ("See '([^']*)' for more information\\.", "Подробнее: '$1'."),
        ("\\(values: ([^;)]*); default as flag: ([^)]*)\\)", "(значения: $1; без значения: $2)"),
        ("\\(values: ([^;)]*); default: ([^)]*)\\)", "(значения: $1; по умолчанию: $2)"),
        ("\\(values: ([^)]*)\\)", "(значения: $1)"),
        ("\\(default:(\\s+)([^)]*)\\)", "(по умолчанию:$1$2)"),
        ("\\(default\\)", "(по умолчанию)"),
        ("Unknown option '([^']*)'\\. Did you mean '([^']*)'\\?", "Неизвестный параметр '$1'. Может быть, '$2'?"),
        ("Unknown option '([^']*)'", "Неизвестный параметр '$1'"),
        ("Missing value for '([^']*)'", "Не указано значение '$1'"),
        ("Missing expected argument '([^']*)'", "Не хватает аргумента '$1'"),
        ("Missing one of: ", "Нужен один из: "),
        ("(\\d+) unexpected arguments: ", "Лишние аргументы ($1): "),
        ("Unexpected argument '([^']*)'", "Лишний аргумент '$1'"),
        ("The value '([^']*)' is invalid for '([^']*)'", "Значение '$1' не подходит для '$2'"),
        ("The value '([^']*)' is invalid\\.", "Значение '$1' не подходит."),
        ("Invalid option: ", "Неверный параметр: "),
        ("Missing required subcommand\\.", "Не указана команда."),
        ("Can only have one of: ", "Можно только одно из: "),
        ("Value to be set with flag '([^']*)' had already been set with flag '([^']*)'", "Значение флага '$1' уже задано флагом '$2'"),
    ]

    /// What each value placeholder means, in Russian (the property names of the options).
    private static let placeholders: [String: String] = [
        "adjust": "длительность", "amount": "сумма", "approved": "часы", "as": "логин", "as-of": "дата-или-коммит",
        "assign": "логин", "assignee": "логин", "at": "время", "author": "автор", "base": "база", "by": "группировка",
        "capacity": "норма", "category": "категория", "channel": "канал", "client": "клиент", "cost": "себестоимость",
        "created": "время", "date": "дата", "day": "день", "description": "описание", "desk": "папка", "directory": "папка",
        "duration": "длительность", "email": "адрес", "estimate": "оценка", "for": "логин", "format": "формат",
        "from": "дата", "gap": "интервал", "git-arguments": "аргументы-git", "id": "номер", "in": "где", "kind": "вид",
        "limit": "число", "locale": "язык", "login": "логин", "marker-size": "длина-маркера", "months": "месяцев",
        "name": "имя", "note": "заметка", "now": "время", "options": "параметры", "ours": "наша", "out": "папка",
        "path": "путь", "period": "период", "prefix": "префикс", "priority": "приоритет", "project": "проект",
        "query": "запрос", "rate": "ставка", "reason": "причина", "role": "роль", "since": "дата", "sla": "sla",
        "slug": "имя", "status": "статус", "subcommand": "команда", "tag": "метка", "text": "текст", "theirs": "их",
        "ticket": "заявка", "title": "тема", "txn": "проводка", "week": "неделя",
    ]

    /// Each line with its placeholders translated; on a line of the help's two columns
    /// (`  --desk <desk>      Text`), the gap before the text keeps its column: Russian
    /// words are another length than the parser counted.
    private static func replacingPlaceholders(in text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(replacingPlaceholders(inLine:)).joined(separator: "\n")
    }

    private static func replacingPlaceholders(inLine line: Substring) -> String {
        guard line.hasPrefix("  "), let start = line.firstIndex(where: { $0 != " " }),
              let gap = line[start...].range(of: " {2,}", options: .regularExpression) else { return replacingPlaceholders(in: line) }
        let left = replacingPlaceholders(in: line[..<gap.lowerBound]), right = replacingPlaceholders(in: line[gap.upperBound...])
        let column = line.distance(from: line.startIndex, to: gap.upperBound)
        // Too long for the column: the text goes under it on the next line, as the parser does.
        guard left.count + 2 <= column else { return left + "\n" + String(repeating: " ", count: column) + right }
        return left + String(repeating: " ", count: column - left.count) + right
    }

    /// `<client>` → `<клиент>`; a placeholder not listed stays as it is.
    private static func replacingPlaceholders(in text: Substring) -> String {
        var result = ""
        var rest = text
        while let open = rest.firstIndex(of: "<") {
            result += rest[..<open]
            guard let close = rest[open...].firstIndex(of: ">") else {
                rest = rest[open...]
                break
            }
            let name = String(rest[rest.index(after: open)..<close])
            result += "<" + (placeholders[name] ?? name) + ">"
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}
