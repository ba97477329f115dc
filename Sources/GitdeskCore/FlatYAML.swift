/// A fast path for the front-matter gitdesk itself writes and most people keep: one
/// `key: value` per line, plain or simply quoted scalars, flow lists of plain scalars,
/// comments. Anything else returns nil and goes to the full YAML parser, which also gives
/// the error messages; on the large desk this skips 150 000 libyaml parses.
enum FlatYAML {
    static func parse(_ lines: [String], firstLine: Int) -> YAMLValue? {
        var pairs: [(key: String, value: YAMLValue)] = []
        var keys = Set<String>()
        for (offset, raw) in lines.enumerated() {
            // The one line limit (`YAMLLimits`): a longer line goes to the full parser, which refuses it.
            guard raw.utf8.count <= YAMLLimits.maxLineLength else { return nil }
            let line = raw.utf8.last == UInt8(ascii: "\r") ? String(raw.dropLast()) : raw
            let trimmed = line.trimmedSpaces
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let first = line.first, first != " ", first != "\t", !line.utf8.contains(UInt8(ascii: "\t")),
                  let colon = line.firstIndex(of: ":") else { return nil }
            let key = String(line[..<colon])
            guard !key.isEmpty, key.utf8.allSatisfy({ byte in
                      (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                          || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") }),
                  keys.insert(key).inserted else { return nil }
            var rest = line[line.index(after: colon)...]
            guard rest.isEmpty || rest.first == " " else { return nil }
            rest = rest.trimmedSpaces
            let number = firstLine + offset
            guard let value = scalarOrList(rest, line: number) else { return nil }
            pairs.append((key, value))
        }
        return .map(pairs, line: firstLine)
    }

    private static func scalarOrList(_ text: Substring, line: Int) -> YAMLValue? {
        if text.hasPrefix("[") {
            guard let close = text.lastIndex(of: "]"), isComment(text[text.index(after: close)...]) else { return nil }
            let inner = text[text.index(after: text.startIndex)..<close]
            if inner.trimmedSpaces.isEmpty { return .list([], line: line) }
            var items: [YAMLValue] = []
            for part in inner.split(separator: ",", omittingEmptySubsequences: false) {
                let item = part.trimmedSpaces
                guard !item.isEmpty, isPlain(item), !item.utf8.contains(where: { "[]{}".utf8.contains($0) }) else { return nil }
                items.append(.scalar(String(item), line: line))
            }
            return .list(items, line: line)
        }
        if let quote = text.first, quote == "\"" || quote == "'" {
            let body = text.dropFirst()
            guard let end = body.firstIndex(of: quote) else { return nil }
            let content = body[..<end]
            guard isComment(body[body.index(after: end)...]) else { return nil }
            if quote == "\"" {
                guard !content.utf8.contains(UInt8(ascii: "\\")) else { return nil }
                return .scalar(String(content), line: line)
            }
            // '' inside single quotes is one quote; keep the simple cases only.
            guard !content.utf8.contains(UInt8(ascii: "'")) else { return nil }
            return .scalar(String(content), line: line)
        }
        var value = text
        if let hash = value.firstIndex(ofPair: UInt8(ascii: " "), UInt8(ascii: "#")) { value = value[..<hash] }
        value = value.trimmedSpaces
        guard value.isEmpty || isPlain(value) else { return nil }
        return .scalar(String(value), line: line)
    }

    private static func isComment(_ text: Substring) -> Bool {
        let rest = text.trimmedSpaces
        return rest.isEmpty || rest.hasPrefix("#")
    }

    /// A plain scalar YAML reads back as the same text.
    private static func isPlain(_ text: Substring) -> Bool {
        guard let first = text.first else { return false }
        if "{}[]&*!|>'\"%@`,?#".contains(first) { return false }
        if first == "-" && (text.count == 1 || text.dropFirst().first == " ") { return false }
        if first == ":" { return false }
        return text.firstIndex(ofPair: UInt8(ascii: ":"), UInt8(ascii: " ")) == nil && text.utf8.last != UInt8(ascii: ":")
            && text.firstIndex(ofPair: UInt8(ascii: " "), UInt8(ascii: "#")) == nil
    }
}
