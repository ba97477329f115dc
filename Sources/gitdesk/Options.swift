import ArgumentParser
import Foundation
import GitdeskCore
import GitdeskMoney
import GitdeskSLA
import GitdeskStore
import GitdeskWords

/// `--desk PATH`: where the desk is (default: `$GITDESK_DESK`, else the current folder, as
/// git has `GIT_DIR` and hledger `LEDGER_FILE`).
struct DeskOptions: ParsableArguments {
    @Option(name: .customLong("desk"), help: .of(.desksFolderDefaultGITDESKDESK))
    var path: String?

    @Option(help: .of(.languageOutputRuEnDefault))
    var locale: String?

    /// The words to print in: `--locale`, else `GITDESK_LOCALE`, else the desk's `locale`.
    func words(_ config: DeskConfig) throws -> Words { try Self.words(locale: locale, config: config) }

    /// The words for a `--locale` value (nil: `GITDESK_LOCALE`, else the desk's `locale`);
    /// their language becomes the run's, for the errors that may follow.
    static func words(locale: String?, config: DeskConfig) throws -> Words {
        let words = try chosenLanguage(locale).map { Words($0, config: config) } ?? Words(config: config)
        Language.ofThisRun = words.language
        return words
    }

    /// The language of this run's errors, chosen before the command runs (so an error in
    /// opening the desk is in it too): `--locale`, else `GITDESK_LOCALE`, else the `locale`
    /// of the desk's `gitdesk.yml` in the folder `--desk` or `GITDESK_DESK` names or the
    /// current one, else Russian, the default desk's language.
    static func languageOfRun(_ arguments: [String]) -> Language {
        if let asked = try? chosenLanguage(option("--locale", in: arguments)) { return asked }
        let folder = folderOfRun(arguments)
        guard let handle = FileHandle(forReadingAtPath: folder + "/gitdesk.yml") else { return .ru }
        defer { try? handle.close() }
        let settings = (try? handle.read(upToCount: 1 << 20)).flatMap { String(data: $0, encoding: .utf8) }
        return settings.flatMap { try? DeskConfig.parse($0) }.flatMap { Language(locale: $0.locale) } ?? .ru
    }

    /// The folder of the desk this run names (`--desk`, else `GITDESK_DESK`, else the
    /// current one), read before the command is parsed.
    static func folderOfRun(_ arguments: [String]) -> String {
        option("--desk", in: arguments) ?? ProcessInfo.processInfo.environment["GITDESK_DESK"].flatMap { $0.isEmpty ? nil : $0 }
            ?? FileManager.default.currentDirectoryPath
    }

    /// The value of `--name VALUE` or `--name=VALUE` before any `--`.
    private static func option(_ name: String, in arguments: [String]) -> String? {
        for (index, argument) in arguments.enumerated() {
            if argument == "--" { return nil }
            if argument == name, index + 1 < arguments.count { return arguments[index + 1] }
            if argument.hasPrefix(name + "=") { return String(argument.dropFirst(name.count + 1)) }
        }
        return nil
    }

    /// The language this run asks for (`--locale`, else `GITDESK_LOCALE`), if it asks.
    static func chosenLanguage(_ locale: String?) throws -> Language? {
        let variable = ProcessInfo.processInfo.environment["GITDESK_LOCALE"].flatMap { $0.isEmpty ? nil : $0 }
        guard let chosen = locale ?? variable else { return nil }
        guard let language = Language(locale: chosen) else {
            let source = locale == nil ? "GITDESK_LOCALE" : "--locale"
            throw DeskError.usage(.unknownLanguage(source: source, value: chosen))
        }
        return language
    }

    /// The folder to open: `--desk`, else `GITDESK_DESK` (unless `fromEnvironment` is false:
    /// git hooks run in the desk they check), else the current folder.
    func folder(fromEnvironment: Bool = true) -> String {
        let variable = fromEnvironment ? ProcessInfo.processInfo.environment["GITDESK_DESK"].flatMap { $0.isEmpty ? nil : $0 } : nil
        return path ?? variable ?? FileManager.default.currentDirectoryPath
    }

    /// Opens the desk; unless told not to, warns (once) when this clone lacks its hooks or
    /// merge driver, naming the command that sets it up.
    func open(warnIfNotSetUp: Bool = true, fromEnvironment: Bool = true) throws -> DeskRepository {
        let store = try DeskRepository(at: folder(fromEnvironment: fromEnvironment))
        try store.unfoldIndex()
        try store.finishInterruptedWrite()
        try StagedDesk.finishKilledPostCommit(store)
        if warnIfNotSetUp, !Self.warned {
            Self.warned = true
            let missing = CloneSetup(store: store).missing()
            if !missing.isEmpty {
                Output.warn(.warningLabel, .cloneNotSetUp(missing: missing))
            }
        }
        return store
    }

    nonisolated(unsafe) private static var warned = false
}

/// `--json` for read commands.
struct OutputOptions: ParsableArguments {
    @Flag(help: .of(.printJSONInsteadText))
    var json = false
}

/// How a CSV is spelled: for a spreadsheet in the output's language, or `--machine`.
struct CSVOptions: ParsableArguments {
    @Flag(help: .of(.csvForPrograms)) var machine = false

    func dialect(_ words: Words) -> CSV.Dialect { machine ? .machine : .spreadsheet(russian: words.isRussian) }
}

/// Writes to standard output.
extension ArgumentHelp {
    /// An option's help from the catalogue, in the run's language.
    static func of(_ help: Help) -> ArgumentHelp { ArgumentHelp(help.text) }
}

enum Output {
    /// Prints a line for people; control characters in it (from a desk's files or mail) are
    /// shown as `?`, so no text can send escape sequences to the terminal.
    /// Every text a command prints for people goes through here (tables, Markdown, CSV,
    /// HTML, journals): a title or note with an escape sequence cannot reach a terminal, a
    /// statement or a spreadsheet.
    static func line(_ text: String = "", terminator: String = "\n") {
        let shown = text.replacingControlCharacters(with: "?", keepingNewlines: true)
        // Only `paint` writes the token, and only when output may carry colour.
        print(colourful ? shown.replacingOccurrences(of: escapeToken, with: "\u{1B}") : shown, terminator: terminator)
    }

    /// The same for text written as bytes (the hledger journal): control characters but
    /// tab and line feed become `?`.
    static func bytes(_ bytes: [UInt8]) {
        var shown = bytes
        var index = 0
        while index < shown.count {
            let byte = shown[index]
            if (byte < 0x20 && byte != 0x09 && byte != 0x0A) || byte == 0x7F {
                shown[index] = UInt8(ascii: "?")
            } else if byte == 0xC2, index + 1 < shown.count, (0x80...0x9F).contains(shown[index + 1]) {
                shown.replaceSubrange(index...index + 1, with: [UInt8(ascii: "?")])
            }
            index += 1
        }
        StandardStream.output.write(shown)
    }

    /// What `paint` writes for ESC until `line` prints it: a text can hold an escape only
    /// through `paint`, since no file or mail can guess this run's token.
    private static let escapeToken = "\u{F8FF}" + String(UInt64.random(in: .min ... .max), radix: 36) + "\u{F8FF}"

    /// Pretty, key-sorted JSON in gitdesk's one form (docs/JSON.md): money with its
    /// currency, times in ISO 8601 with the desk's offset. The same data always prints the
    /// same bytes.
    /// The JSON `json` prints, as bytes.
    static func jsonData<T: Encodable>(_ value: T, config: DeskConfig) throws -> Data {
        try jsonEncoder(config).encode(value)
    }

    static func json<T: Encodable>(_ value: T, config: DeskConfig) throws {
        print(String(decoding: try jsonEncoder(config).encode(value), as: UTF8.self))
    }

    /// The same bytes as `json(elements)` for an array too large to encode at once: the
    /// encoder writes batches of elements on every core, streamed out in order.
    static func json<Element: Encodable>(array elements: [Element], config: DeskConfig) throws {
        guard !elements.isEmpty else { return try json(elements, config: config) }
        var failure: Error?
        let lock = NSLock()
        StandardStream.output.write("[\n")
        renderInOrder(count: elements.count, render: { range in
            do {
                // `[\n  a,\n  b\n]` less its brackets: the elements as they sit in the whole array.
                let encoded = try jsonEncoder(config).encode(Array(elements[range]))
                return (range.lowerBound == 0 ? [] : Array(",\n".utf8)) + encoded.dropFirst(2).dropLast(2)
            } catch {
                lock.withLock { failure = failure ?? error }
                return []
            }
        }, write: { StandardStream.output.write($0) })
        if let failure { throw failure }
        StandardStream.output.write("\n]\n")
    }

    private static func jsonEncoder(_ config: DeskConfig) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.userInfo[.currency] = config.currency
        let zone = config.timezone
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.format(date, zone: zone))
        }
        return encoder
    }

    /// The document `json` prints for `head` (which has keys of its own) with one more key
    /// holding `count` elements (a key that sorts after all of head's), each written by
    /// `element` into a writer two levels deep. Elements are written in batches on every
    /// core and streamed out in order, so a million transactions never sit in memory at once.
    static func json<Head: Encodable>(_ head: Head, config: DeskConfig, appending key: String, count: Int,
                                      element: @Sendable (Int, inout PrettyJSON) -> Void) throws {
        var document = String(decoding: try jsonEncoder(config).encode(head), as: UTF8.self)
        guard document.hasSuffix("\n}") else { return try json(head, config: config) }
        document.removeLast(2)
        StandardStream.output.write(document + ",\n  \"\(key)\" : [" + (count == 0 ? "\n\n" : ""))
        renderInOrder(count: count, render: { range in
            var json = PrettyJSON(depth: 2)
            for index in range {
                json.raw(index == 0 ? "\n    " : ",\n    ")
                element(index, &json)
            }
            return json.bytes
        }, write: { StandardStream.output.write($0) })
        StandardStream.output.write("\n  ]\n}\n")
    }

    /// Writes to standard error, after what standard output holds so far: piped together, the
    /// findings and the rows come before the summary that follows them.
    /// Lines under labels of one width: `new     ACME-4F7Q: …`, one line per entry.
    static func labelled(_ words: Words, _ groups: [(Word, [String])], indent: String = "") {
        let width = groups.map { words[$0.0].count }.max() ?? 0
        for (label, lines) in groups {
            for line in lines { Output.line(indent + words[label].padding(toLength: width, withPad: " ", startingAt: 0) + "  " + line) }
        }
    }

    /// A labelled line on stderr in the run's language: `warning: …`, `note: …` (a problem,
    /// a finding, an error).
    static func warn(_ label: Problem, _ what: CustomStringConvertible) { warn("\(label) \(what)") }

    /// The same for a catalogue entry written `.name(…)`.
    static func warn(_ label: Problem, _ problem: Problem) { warn(label, problem as CustomStringConvertible) }

    static func warn(_ text: String) {
        StandardStream.error.write(text.replacingControlCharacters(with: "?", keepingNewlines: true) + "\n")
    }

    /// A table under a heading of catalogue words, shown in capitals; `colours` paints the
    /// rows (on a terminal) after they are laid out, so escape codes never shift a column.
    /// `droppable`: columns left out, in that order, while the table is wider than the
    /// terminal (figures a narrow screen can spare); `indent`: what the caller puts before
    /// each line, which the terminal's width must hold too.
    static func table(_ words: Words, _ heading: [Word], _ rows: [[String]], rightAligned: Set<Int> = [], colours: [Colour?] = [],
                      droppable: [Int] = [], indent: Int = 0) -> String {
        var heading = heading, rows = rows, rightAligned = rightAligned
        let columns = terminalColumns.map { $0 - indent }
        if let columns {
            var dropped: Set<Int> = []
            for column in droppable {
                let kept = (0..<heading.count).filter { !dropped.contains($0) }
                let width = kept.map { index in ([words[heading[index]].characterCount] + rows.map { $0[index].characterCount }).max() ?? 0 }.reduce(0, +) + 2 * (kept.count - 1)
                guard width > columns else { break }
                dropped.insert(column)
            }
            let kept = (0..<heading.count).filter { !dropped.contains($0) }
            heading = kept.map { heading[$0] }
            rows = rows.map { row in kept.map { row[$0] } }
            rightAligned = Set(kept.enumerated().filter { rightAligned.contains($0.element) }.map(\.offset))
        }
        let laidOut = table([heading.map { words[$0].uppercased() }] + rows, rightAligned: rightAligned, columns: columns)
        guard colourful else { return laidOut }
        let lines = laidOut.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.enumerated().map { index, line in
            index == 0 ? paint(String(line), .bold) : (index <= colours.count ? colours[index - 1].map { paint(String(line), $0) } : nil) ?? String(line)
        }.joined(separator: "\n")
    }

    /// Whether output may carry colour: standard output is a terminal and `NO_COLOR` is unset
    /// (https://no-color.org).
    static let colourful: Bool = isatty(STDOUT_FILENO) == 1 && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        && ProcessInfo.processInfo.environment["TERM"] != "dumb"

    /// `text` in a colour when output may carry colour, else as it is.
    static func paint(_ text: String, _ colour: Colour) -> String {
        colourful ? "\(escapeToken)[\(colour.rawValue)m\(text)\(escapeToken)[0m" : text
    }

    /// The lines of `text` indented by two spaces, as a section of a report shows them.
    static func indented(_ text: String) -> [String] {
        text.split(separator: "\n").map { "  " + $0 }
    }

    /// Prose (a description, a message) indented by `indent` spaces: on a terminal each line
    /// is wrapped at its spaces to the terminal's width, so no word is broken across lines;
    /// piped, lines stay as written.
    static func wrapped(_ text: String, indent: Int) -> [String] {
        let prefix = String(repeating: " ", count: indent)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let columns = terminalColumns, columns - indent >= 20 else { return lines.map { prefix + $0 } }
        let width = columns - indent
        return lines.flatMap { line -> [String] in
            var result: [String] = [], current = ""
            for word in line.split(separator: " ", omittingEmptySubsequences: false) {
                if !current.isEmpty, current.characterCount + 1 + word.characterCount > width {
                    result.append(current)
                    current = String(word)
                } else {
                    current += (current.isEmpty ? "" : " ") + word
                }
            }
            return (result + [current]).map { prefix + $0 }
        }
    }

    /// `  label               value`: one figure of a report, its label in the language's words.
    static func figure(_ words: Words, _ label: Word, _ value: String) -> String {
        "  " + words[label].padding(toLength: 20, withPad: " ", startingAt: 0) + value
    }

    /// The width of the terminal standard output is, nil in a pipe or a file (read before
    /// the pager takes standard output over).
    static let terminalColumns: Int? = {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init)
    }()

    /// A table with columns padded to their widest cell (counting characters, not bytes). On
    /// a terminal narrower than the table, the free-text column (the last: a title, a note)
    /// is cut with `…`, so no row wraps mid-word; piped, every cell is whole.
    static func table(_ rows: [[String]], rightAligned: Set<Int> = [], columns: Int? = terminalColumns) -> String {
        guard let first = rows.first else { return "" }
        var rows = rows
        var counts = rows.map { $0.map(\.characterCount) }
        var widths = (0..<first.count).map { column in counts.map { $0[column] }.max() ?? 0 }
        // The free text is the last column (a title, a note) when it is left-aligned; it is
        // cut down to 6 characters at least. A table still too wide wraps whole rows rather
        // than lose an ID, a status or a figure.
        let free = widths.count - 1
        if let columns, case let total = widths.reduce(0, +) + 2 * (widths.count - 1), total > columns,
           free > 0, !rightAligned.contains(free), widths[free] > 6 {
            let width = max(6, widths[free] - (total - columns))
            for row in rows.indices where counts[row][free] > width {
                rows[row][free] = String(rows[row][free].prefix(width - 1)) + "…"
                counts[row][free] = width
            }
            widths[free] = width
        }
        return zip(rows, counts).map { row, counts in
            row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - counts[column])
                if column == row.count - 1 && !rightAligned.contains(column) { return cell }
                return rightAligned.contains(column) ? pad + cell : cell + pad
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}

extension DeskRepository {
    /// The staff login of whoever runs the command: `--as`, else the card whose e-mail is
    /// the git identity's.
    func currentLogin(_ explicit: String?, in desk: Desk) throws -> String {
        if let explicit {
            _ = try desk.staffMember(explicit)
            return explicit
        }
        let email = try identity().email.lowercased()
        guard let person = desk.staff.values.first(where: { $0.email.lowercased() == email }) else {
            throw DeskError.refused(.noStaffWithEmail(email))
        }
        return person.login
    }
}

/// Parses a `--date` value, defaulting to today in the desk's time zone.
func parseDay(_ text: String?, desk: Desk) throws -> Day {
    guard let text else { return Day(Date(), in: desk.config.timezone) }
    guard let day = Day(text) else { throw DeskError.usage(.notADate(text)) }
    return day
}


/// The colours of states that matter: overdue and negative in red, due soon and disputed in
/// yellow, headings in bold.
enum Colour: String {
    case red = "31", yellow = "33", bold = "1"

    /// The colour of an SLA clock's state, if it has one.
    static func of(_ state: Clock.State) -> Colour? {
        switch state {
        case .overdue, .breached: .red
        case .warning: .yellow
        default: nil
        }
    }
}
