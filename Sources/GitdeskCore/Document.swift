import Foundation
import Yams

/// A YAML value read as text: scalars stay strings (so `NO`, `0012` and dates mean what
/// the user wrote) and every value knows its line in the file.
public indirect enum YAMLValue: Hashable, Sendable {
    case scalar(String, line: Int)
    case list([YAMLValue], line: Int)
    case map([(key: String, value: YAMLValue)], line: Int)

    public static func == (a: YAMLValue, b: YAMLValue) -> Bool { a.canonical == b.canonical }
    public func hash(into hasher: inout Hasher) { hasher.combine(canonical) }

    private var canonical: String {
        switch self {
        case .scalar(let s, _): return "s:" + s
        case .list(let items, _): return "[" + items.map(\.canonical).joined(separator: ",") + "]"
        case .map(let pairs, _): return "{" + pairs.map { "\($0.key)=\($0.value.canonical)" }.joined(separator: ",") + "}"
        }
    }

    public var line: Int {
        switch self {
        case .scalar(_, let line), .list(_, let line), .map(_, let line): return line
        }
    }

    public var string: String? {
        if case .scalar(let s, _) = self { return s }
        return nil
    }

    public var list: [YAMLValue]? {
        if case .list(let items, _) = self { return items }
        return nil
    }

    public subscript(key: String) -> YAMLValue? {
        if case .map(let pairs, _) = self { return pairs.first { $0.key == key }?.value }
        return nil
    }

    public var pairs: [(key: String, value: YAMLValue)] {
        if case .map(let pairs, _) = self { return pairs }
        return []
    }

    /// Parses YAML text whose first line is file line `firstLine`.
    public static func parse(_ text: String, file: String, firstLine: Int = 1) throws -> YAMLValue? {
        try YAMLLimits.check(text, file: file, firstLine: firstLine)
        do {
            guard let node = try Yams.compose(yaml: text) else { return nil }
            return try convert(node, file: file, offset: firstLine - 1)
        } catch let error as YamlError {
            throw Finding(file: file, line: errorLine(error).map { $0 + firstLine - 1 }, .invalidYAML(errorSummary(error)))
        }
    }

    private static func convert(_ node: Node, file: String, offset: Int) throws -> YAMLValue {
        let line = (node.mark?.line ?? 1) + offset
        switch node {
        case .scalar(let scalar):
            return .scalar(scalar.string, line: line)
        case .sequence(let sequence):
            return .list(try sequence.map { try convert($0, file: file, offset: offset) }, line: line)
        case .mapping(let mapping):
            var pairs: [(String, YAMLValue)] = []
            var seen = Set<String>()
            for (key, value) in mapping {
                guard let name = key.string else { throw Finding(file: file, line: line, .mappingKeyNotText) }
                guard seen.insert(name).inserted else {
                    throw Finding(file: file, line: (key.mark?.line ?? 1) + offset, .duplicateKey(name))
                }
                pairs.append((name, try convert(value, file: file, offset: offset)))
            }
            return .map(pairs, line: line)
        }
    }

    private static func errorLine(_ error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }

    private static func errorSummary(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default:
            return "\(error)".split(separator: "\n").first.map(String.init) ?? "syntax error"
        }
    }
}

/// A Markdown file with YAML front-matter between `---` lines. Keeps the file's text as
/// written: `setting` patches the one key's lines and leaves every other byte (comments,
/// unknown keys, order, quoting, Cyrillic) alone.
public struct MarkdownDocument: Sendable {
    /// The lines between the two `---` lines.
    public private(set) var frontMatterLines: [String]
    /// Everything after the closing `---` line.
    public var body: String
    /// The parsed front-matter (an empty map when there is none).
    public private(set) var fields: YAMLValue
    public let file: String

    /// Parses a document; front-matter is optional unless `requireFrontMatter`.
    public init(text: String, file: String, requireFrontMatter: Bool = true) throws {
        self.file = file
        let lines = Substring(text).asciiSplit(UInt8(ascii: "\n")).map(String.init)
        guard lines.first?.trimmedSpaces == "---" else {
            if requireFrontMatter { throw Finding(file: file, line: 1, .frontMatterMissing) }
            frontMatterLines = []
            body = text
            fields = .map([], line: 1)
            return
        }
        guard let close = lines.dropFirst().firstIndex(where: { $0.trimmedSpaces == "---" }) else {
            throw Finding(file: file, line: 1, .frontMatterNotClosed)
        }
        frontMatterLines = Array(lines[1..<close])
        body = lines[(close + 1)...].joined(separator: "\n")
        let parsed = try FlatYAML.parse(frontMatterLines, firstLine: 2)
            ?? YAMLValue.parse(frontMatterLines.joined(separator: "\n"), file: file, firstLine: 2)
        switch parsed {
        case nil: fields = .map([], line: 2)
        case .map?: fields = parsed!
        case let other?: throw Finding(file: file, line: other.line, .frontMatterNotMapping)
        }
    }

    /// A new document from ordered key/value lines (values already rendered as YAML).
    public init(file: String, lines: [String], body: String) {
        self.file = file
        frontMatterLines = lines
        self.body = body
        fields = (try? YAMLValue.parse(lines.joined(separator: "\n"), file: file, firstLine: 2)) ?? .map([], line: 2)
    }

    /// A document restored from the parse cache, without parsing.
    init(file: String, frontMatterLines: [String], body: String, fields: YAMLValue) {
        self.file = file
        self.frontMatterLines = frontMatterLines
        self.body = body
        self.fields = fields
    }

    public subscript(key: String) -> YAMLValue? { fields[key] }

    /// The whole file text.
    public var text: String {
        (["---"] + frontMatterLines + ["---"]).joined(separator: "\n") + "\n" + body
    }

    /// Sets a top-level key to an already-rendered YAML value (see `YAMLScalar`). Only that
    /// key's lines change; a trailing `# comment` on a one-line value is kept. A missing key
    /// is appended at the end of the front-matter.
    public mutating func set(_ key: String, rendered value: String) throws {
        let keyPattern = key + ":"
        if let start = frontMatterLines.firstIndex(where: { $0.hasPrefix(keyPattern) }) {
            var end = start + 1
            while end < frontMatterLines.count,
                  let first = frontMatterLines[end].first, first == " " || first == "\t" || first == "-" {
                end += 1
            }
            var comment = ""
            let line = frontMatterLines[start]
            if end == start + 1, let hash = line.range(of: " #") {
                // Keep the comment and the spaces that align it.
                var from = hash.lowerBound
                while from > line.startIndex, line[line.index(before: from)] == " " { from = line.index(before: from) }
                comment = String(line[from...])
            }
            frontMatterLines.replaceSubrange(start..<end, with: ["\(key): \(value)\(comment)"])
        } else {
            frontMatterLines.append("\(key): \(value)")
        }
        let reparsed = try YAMLValue.parse(frontMatterLines.joined(separator: "\n"), file: file, firstLine: 2)
        guard let reparsed, case .map = reparsed else {
            throw Finding(file: file, .settingBreaksFrontMatter(key))
        }
        fields = reparsed
    }
}

/// Renders values as YAML scalars: plain when that reads back as the same string,
/// double-quoted otherwise.
public enum YAMLScalar {
    public static func render(_ text: String) -> String {
        if isPlainSafe(text) { return text }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += String(format: "\\x%02X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    public static func render(_ list: [String]) -> String {
        "[" + list.map { isPlainSafe($0) && !$0.contains(",") && !$0.contains("]") ? $0 : render($0).quoted }.joined(separator: ", ") + "]"
    }

    private static let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"]

    static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        if reserved.contains(text.lowercased()) { return false }
        if "-?:,[]{}#&*!|>'\"%@` ".unicodeScalars.contains(first) || last == " " || last == ":" { return false }
        if text.contains(": ") || text.contains(" #") || text.contains("\t") { return false }
        if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return false }
        // Numbers and dates would change type when read by other YAML tools; keep them quoted
        // unless they are our own date and duration spellings.
        if Double(text) != nil { return false }
        return true
    }
}

private extension String {
    /// Already quoted (by `render`) or quoted now.
    var quoted: String { hasPrefix("\"") ? self : "\"" + self + "\"" }
}

/// Limits checked before YAML is parsed, so a hostile file is a finding, not a crash (deep
/// nesting overflows the parser's stack) or a hang (an alias bomb expands exponentially).
public enum YAMLLimits {
    /// The deepest nesting of flow collections (`[`, `{`) and of block collections.
    public static let maxDepth = 64
    /// The longest line.
    public static let maxLineLength = 16_384

    public static func check(_ text: String, file: String, firstLine: Int = 1) throws {
        var flowDepth = 0
        for (index, line) in Substring(text).asciiSplit(UInt8(ascii: "\n")).enumerated() {
            let number = firstLine + index
            guard line.utf8.count <= maxLineLength else {
                throw Finding(file: file, line: number, .frontMatterLineTooLong(maxLineLength))
            }
            var bytes = line.utf8.makeIterator()
            var indent = 0, blockDepth = 0
            var atStart = true
            var previous: UInt8 = UInt8(ascii: " ")
            var quote: UInt8?
            while let byte = bytes.next() {
                defer { previous = byte }
                if let open = quote {
                    if byte == open { quote = nil }
                    continue
                }
                if atStart {
                    if byte == UInt8(ascii: " ") { indent += 1; continue }
                    if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "?") { blockDepth += 1; continue }
                    atStart = false
                }
                let afterSeparator = [UInt8(ascii: " "), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","), UInt8(ascii: "\t")].contains(previous)
                switch byte {
                case UInt8(ascii: "#") where afterSeparator: while bytes.next() != nil {}
                case UInt8(ascii: "\""), UInt8(ascii: "'"): if afterSeparator || previous == UInt8(ascii: ":") { quote = byte }
                case UInt8(ascii: "["), UInt8(ascii: "{"): flowDepth += 1
                case UInt8(ascii: "]"), UInt8(ascii: "}"): flowDepth = max(0, flowDepth - 1)
                case UInt8(ascii: "*") where afterSeparator:
                    throw Finding(file: file, line: number, .yamlAlias)
                default: break
                }
                if flowDepth > maxDepth {
                    throw Finding(file: file, line: number, .frontMatterTooDeep(maxDepth))
                }
            }
            if indent / 2 + blockDepth > maxDepth {
                throw Finding(file: file, line: number, .frontMatterTooDeep(maxDepth))
            }
        }
    }
}
