/// One problem in the desk's files, located precisely enough for a user to fix it.
public struct Finding: Error, Hashable, Comparable, CustomStringConvertible, Codable, Sendable {
    /// The desk-relative path of the file.
    public let file: String
    /// The 1-based line, when the problem has one.
    public let line: Int?
    /// What is wrong, in every language gitdesk speaks.
    public let text: Text
    /// The client whose money the problem affects, when it is one client's.
    public let client: String?

    public init(file: String, line: Int? = nil, _ text: Text, client: String? = nil) {
        self.file = file
        self.line = line
        self.text = text
        self.client = client
    }

    public init(file: String, line: Int? = nil, _ problem: Problem, client: String? = nil) {
        self.init(file: file, line: line, problem.text, client: client)
    }

    /// What is wrong, in the run's language.
    public var message: String { text.description }

    /// Where and what, in both languages.
    public var located: Text {
        let place = file + (line.map { ":\($0)" } ?? "") + ": "
        return Text(ru: place + text.ru, en: place + text.en)
    }

    public var description: String {
        line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
    }

    public static func < (lhs: Finding, rhs: Finding) -> Bool {
        (lhs.file, lhs.line ?? 0, lhs.text.en) < (rhs.file, rhs.line ?? 0, rhs.text.en)
    }

    private enum CodingKeys: String, CodingKey { case file, line, message, client }

    /// In JSON a finding's message is English, as every machine output is locale-free.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encodeIfPresent(line, forKey: .line)
        try container.encode(text.en, forKey: .message)
        try container.encodeIfPresent(client, forKey: .client)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(file: try container.decode(String.self, forKey: .file), line: try container.decodeIfPresent(Int.self, forKey: .line),
                  Text(verbatim: try container.decode(String.self, forKey: .message)),
                  client: try container.decodeIfPresent(String.self, forKey: .client))
    }
}

/// Everything that can go wrong in gitdesk, each with a message a user can act on.
public enum DeskError: Error, CustomStringConvertible, Equatable {
    /// The desk's files are invalid; nothing was changed.
    case invalidDesk([Finding])
    /// The command line asks for something impossible (exit code 2).
    case usage(Text)
    /// A named thing (client, ticket, login, …) does not exist.
    case notFound(Text)
    /// A rule of the desk forbids the change (workflow, uncommitted edits, identity).
    case refused(Text)
    /// The git repository could not be read or written.
    case git(Text)

    public static func usage(_ problem: Problem) -> DeskError { .usage(problem.text) }
    public static func notFound(_ problem: Problem) -> DeskError { .notFound(problem.text) }
    public static func refused(_ problem: Problem) -> DeskError { .refused(problem.text) }
    public static func git(_ problem: Problem) -> DeskError { .git(problem.text) }

    /// `error: …` and, on its own line, `hint: …` naming what helps (`ошибка:`,
    /// `подсказка:` in Russian, as git prints them): one style for every error gitdesk
    /// prints, in the run's language. A message may carry its own hint line; otherwise each
    /// kind of error gets the general one.
    public var description: String { text(in: .ofThisRun) }

    public func text(in language: Language) -> String {
        let error = Problem.errorLabel.text.text(in: language), hint = Problem.hintLabel.text.text(in: language)
        switch self {
        case .invalidDesk(let findings):
            return findings.sorted().map { error + " " + $0.located.text(in: language) }
                .joined(separator: "\n") + "\n\(hint) " + Problem.fixTheLinesHint.text.text(in: language)
        case .usage(let message): return Self.lines(message, hint: Problem.helpHint.text, language)
        case .notFound(let message), .refused(let message), .git(let message): return Self.lines(message, hint: nil, language)
        }
    }

    private static func lines(_ message: Text, hint: Text?, _ language: Language) -> String {
        let label = Problem.hintLabel.text.text(in: language)
        let text = Problem.errorLabel.text.text(in: language) + " " + message.text(in: language)
        guard !text.contains("\n\(label) "), let hint else { return text }
        return text + "\n\(label) " + hint.text(in: language)
    }

    /// The process exit code: 2 for usage errors, 1 for everything else.
    public var exitCode: Int32 {
        if case .usage = self { return 2 }
        return 1
    }
}
