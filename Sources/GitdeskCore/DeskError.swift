/// One problem in the desk's files, located precisely enough for a user to fix it.
public struct Finding: Error, Hashable, Comparable, CustomStringConvertible, Codable, Sendable {
    /// The desk-relative path of the file.
    public let file: String
    /// The 1-based line, when the problem has one.
    public let line: Int?
    public let message: String
    /// The client whose money the problem affects, when it is one client's.
    public let client: String?

    public init(file: String, line: Int? = nil, _ message: String, client: String? = nil) {
        self.file = file
        self.line = line
        self.message = message
        self.client = client
    }

    public var description: String {
        line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
    }

    public static func < (lhs: Finding, rhs: Finding) -> Bool {
        (lhs.file, lhs.line ?? 0, lhs.message) < (rhs.file, rhs.line ?? 0, rhs.message)
    }
}

/// Everything that can go wrong in gitdesk, each with a message a user can act on.
public enum DeskError: Error, CustomStringConvertible, Equatable {
    /// The desk's files are invalid; nothing was changed.
    case invalidDesk([Finding])
    /// The command line asks for something impossible (exit code 2).
    case usage(String)
    /// A named thing (client, ticket, login, …) does not exist.
    case notFound(String)
    /// A rule of the desk forbids the change (workflow, uncommitted edits, identity).
    case refused(String)
    /// The git repository could not be read or written.
    case git(String)

    /// `error: …` and, on its own line, `hint: …` naming what helps: one style for every
    /// error gitdesk prints. A message may carry its own `hint:` line; otherwise each kind of
    /// error gets the general one.
    public var description: String {
        switch self {
        case .invalidDesk(let findings):
            return findings.sorted().map { "error: \($0)" }.joined(separator: "\n")
                + "\nhint: fix the lines named above; 'gitdesk check' lists every problem of the desk"
        case .usage(let message): return Self.lines(message, hint: "add --help to the command for its options and examples")
        case .notFound(let message): return Self.lines(message, hint: nil)
        case .refused(let message): return Self.lines(message, hint: nil)
        case .git(let message): return Self.lines(message, hint: nil)
        }
    }

    private static func lines(_ message: String, hint: String?) -> String {
        let text = "error: " + message
        guard !message.contains("\nhint: "), let hint else { return text }
        return text + "\nhint: " + hint
    }

    /// The process exit code: 2 for usage errors, 1 for everything else.
    public var exitCode: Int32 {
        if case .usage = self { return 2 }
        return 1
    }
}
