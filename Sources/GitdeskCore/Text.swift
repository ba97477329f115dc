/// The languages gitdesk speaks: the desk's `locale`, overridable per run (`--locale`,
/// `GITDESK_LOCALE`) and per client card for the site.
public enum Language: String, CaseIterable, Sendable {
    case ru, en

    /// The language a `locale` value names, or nil for one gitdesk does not speak.
    public init?(locale: String) { self.init(rawValue: locale.lowercased()) }

    /// The language this run's errors and findings are printed in, chosen once by the
    /// executable before it runs a command (the desk's `locale` unless `--locale` or
    /// `GITDESK_LOCALE` says otherwise). Machine outputs (`--json`) use English regardless.
    nonisolated(unsafe) public static var ofThisRun: Language = .ru
}

/// A sentence in every language gitdesk speaks, made from one entry of a catalogue (for
/// errors and findings, `Problem`): it is made where the problem is found and printed in the
/// run's language, or in English for machines.
public struct Text: Hashable, Sendable, CustomStringConvertible, Codable {
    public let ru: String
    public let en: String

    public init(ru: String, en: String) { self.ru = ru; self.en = en }

    /// Text that reads the same in every language: a library's own message, a path.
    public init(verbatim: String) { self.init(ru: verbatim, en: verbatim) }

    public func text(in language: Language) -> String { language == .ru ? ru : en }

    /// The text in the run's language.
    public var description: String { text(in: .ofThisRun) }

    /// In JSON, English: machine outputs are locale-free.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(en)
    }

    public init(from decoder: Decoder) throws { self.init(verbatim: try decoder.singleValueContainer().decode(String.self)) }

    /// Both texts with `suffix` appended (a detail that is not translated).
    public static func + (text: Text, suffix: String) -> Text { Text(ru: text.ru + suffix, en: text.en + suffix) }

    /// Two texts one after the other, in each language.
    public static func + (text: Text, next: Text) -> Text { Text(ru: text.ru + next.ru, en: text.en + next.en) }
}
