import Foundation

// The binary form of parsed desk values, shared by the parts of the desk index (the
// parsed files, the folder records). Every read throws `BinaryReader.Corrupt` on data
// it does not recognise, and the caller then parses the file afresh.

extension BinaryWriter {
    public mutating func findings(_ findings: [Finding]) {
        int(findings.count)
        for f in findings { string(f.file); int(f.line ?? -1); string(f.text.ru); string(f.text.en); optionalString(f.client) }
    }

    public mutating func yaml(_ value: YAMLValue) {
        switch value {
        case .scalar(let s, let line): int(0); int(line); string(s)
        case .list(let items, let line): int(1); int(line); int(items.count); items.forEach { yaml($0) }
        case .map(let pairs, let line):
            int(2); int(line); int(pairs.count)
            for pair in pairs { string(pair.key); yaml(pair.value) }
        }
    }

    public mutating func document(_ doc: MarkdownDocument) {
        string(doc.file)
        int(doc.frontMatterLines.count)
        doc.frontMatterLines.forEach { string($0) }
        string(doc.body)
        yaml(doc.fields)
    }

    /// Work lines of one file (the file is written once, not per line).
    public mutating func workLines(_ lines: [Located<WorkLine>]) {
        string(lines.first?.location.file ?? "")
        int(lines.count)
        for line in lines {
            let v = line.value
            int(line.location.line); int(v.date.ordinal); string(v.login); int(v.duration.minutes)
            string(v.kind); optionalString(v.colleague); string(v.note); optionalString(v.id)
        }
    }

    /// Ledger lines of one file (the file is written once, not per line).
    public mutating func ledgerLines(_ lines: [Located<LedgerLine>]) {
        string(lines.first?.location.file ?? "")
        int(lines.count)
        for line in lines {
            let v = line.value
            int(line.location.line); int(v.date.ordinal); string(v.kind.rawValue); int(Int(v.amount.minor))
            string(v.note); optionalString(v.id)
        }
    }

    /// A time, exactly (the bits of its seconds since 1970).
    public mutating func date(_ date: Date?) {
        int(date == nil ? 0 : 1)
        if let date { int(Int(bitPattern: UInt(date.timeIntervalSince1970.bitPattern))) }
    }
}

extension BinaryReader {
    public mutating func findings() throws -> [Finding] {
        try (try count()).map { _ in
            let file = try string(), line = try int()
            return Finding(file: file, line: line < 0 ? nil : line, Text(ru: try string(), en: try string()), client: try optionalString())
        }
    }

    public mutating func yaml() throws -> YAMLValue {
        let tag = try int(), line = try int()
        switch tag {
        case 0: return .scalar(try string(), line: line)
        case 1: return .list(try (try count()).map { _ in try yaml() }, line: line)
        case 2: return .map(try (try count()).map { _ in (try string(), try yaml()) }, line: line)
        default: throw Corrupt()
        }
    }

    public mutating func document() throws -> MarkdownDocument {
        let file = try string()
        let lines = try (try count()).map { _ in try string() }
        return MarkdownDocument(file: file, frontMatterLines: lines, body: try string(), fields: try yaml())
    }

    public mutating func workLines() throws -> [Located<WorkLine>] {
        let file = try string()
        return try (try count()).map { _ in
            let line = try int()
            let value = WorkLine(date: Day(ordinal: try int()), login: try string(), duration: Duration(minutes: try int()),
                                 kind: try string(), colleague: try optionalString(), note: try string(), id: try optionalString())
            return Located(value, at: SourceLocation(file: file, line: line))
        }
    }

    public mutating func ledgerLines() throws -> [Located<LedgerLine>] {
        let file = try string()
        return try (try count()).map { _ in
            let line = try int()
            let date = Day(ordinal: try int())
            guard let kind = LedgerKind(rawValue: try string()) else { throw Corrupt() }
            let value = LedgerLine(date: date, kind: kind, amount: Money(minor: Int64(try int())), note: try string(),
                                   id: try optionalString())
            return Located(value, at: SourceLocation(file: file, line: line))
        }
    }

    public mutating func date() throws -> Date? {
        try int() == 0 ? nil : Date(timeIntervalSince1970: Double(bitPattern: UInt64(UInt(bitPattern: try int()))))
    }
}
