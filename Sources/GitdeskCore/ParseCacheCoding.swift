import Foundation

/// The parse cache on disk (`.git/gitdesk/parse-v2.bin`): the parsed form of every blob the
/// last run read, keyed by blob id and path. Safe to delete (it is rebuilt), replaced
/// atomically, and rejected whole when it does not decode.
extension ParseCache {
    static let magic = "gitdesk-parse-v2\n"

    /// Loads a cache file written by `save`; a missing or foreign file gives an empty cache.
    public convenience init(contentsOf path: String) {
        self.init()
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path)), var reader = try? BinaryReader(data, magic: Self.magic) else { return }
        do {
            var documents: [String: Result<MarkdownDocument, Finding>] = [:]
            for _ in try reader.count() {
                let key = try reader.string()
                documents[key] = try Self.readDocument(&reader)
            }
            var work: [String: ([Located<WorkLine>], [Finding])] = [:]
            for _ in try reader.count() {
                let key = try reader.string(), file = try reader.string()
                var lines: [Located<WorkLine>] = []
                for _ in try reader.count() {
                    let line = try reader.int()
                    let value = WorkLine(date: Day(ordinal: try reader.int()), login: try reader.string(), duration: Duration(minutes: try reader.int()),
                                         kind: try reader.string(), colleague: try reader.optionalString(), note: try reader.string(),
                                         id: try reader.optionalString())
                    lines.append(Located(value, at: SourceLocation(file: file, line: line)))
                }
                work[key] = (lines, try Self.readFindings(&reader))
            }
            var ledgers: [String: ([Located<LedgerLine>], [Finding])] = [:]
            for _ in try reader.count() {
                let key = try reader.string(), file = try reader.string()
                var lines: [Located<LedgerLine>] = []
                for _ in try reader.count() {
                    let line = try reader.int()
                    let date = Day(ordinal: try reader.int())
                    guard let kind = LedgerKind(rawValue: try reader.string()) else { throw BinaryReader.Corrupt() }
                    let value = LedgerLine(date: date, kind: kind, amount: Money(minor: Int64(try reader.int())), note: try reader.string(),
                                           id: try reader.optionalString())
                    lines.append(Located(value, at: SourceLocation(file: file, line: line)))
                }
                ledgers[key] = (lines, try Self.readFindings(&reader))
            }
            restore(documents: documents, work: work, ledgers: ledgers)
        } catch {
            restore(documents: [:], work: [:], ledgers: [:])
        }
    }

    /// Writes the entries this run used (older ones are dropped) when anything was parsed.
    public func save(to path: String) throws {
        guard let (documents, work, ledgers) = usedEntries() else { return }
        var w = BinaryWriter(magic: Self.magic)
        w.int(documents.count)
        for (key, result) in documents.sorted(by: { $0.key < $1.key }) {
            w.string(key)
            switch result {
            case .success(let doc):
                w.int(1)
                w.string(doc.file)
                w.int(doc.frontMatterLines.count)
                doc.frontMatterLines.forEach { w.string($0) }
                w.string(doc.body)
                Self.write(doc.fields, &w)
            case .failure(let finding):
                w.int(0)
                Self.write([finding], &w)
            }
        }
        w.int(work.count)
        for (key, (lines, findings)) in work.sorted(by: { $0.key < $1.key }) {
            w.string(key)
            w.string(lines.first?.location.file ?? "")
            w.int(lines.count)
            for line in lines {
                let v = line.value
                w.int(line.location.line); w.int(v.date.ordinal); w.string(v.login); w.int(v.duration.minutes)
                w.string(v.kind); w.optionalString(v.colleague); w.string(v.note); w.optionalString(v.id)
            }
            Self.write(findings, &w)
        }
        w.int(ledgers.count)
        for (key, (lines, findings)) in ledgers.sorted(by: { $0.key < $1.key }) {
            w.string(key)
            w.string(lines.first?.location.file ?? "")
            w.int(lines.count)
            for line in lines {
                let v = line.value
                w.int(line.location.line); w.int(v.date.ordinal); w.string(v.kind.rawValue); w.int(Int(v.amount.minor))
                w.string(v.note); w.optionalString(v.id)
            }
            Self.write(findings, &w)
        }
        try writeAtomically(w.data, to: path)
    }

    private static func write(_ findings: [Finding], _ w: inout BinaryWriter) {
        w.int(findings.count)
        for f in findings { w.string(f.file); w.int(f.line ?? -1); w.string(f.message); w.optionalString(f.client) }
    }

    private static func readFindings(_ r: inout BinaryReader) throws -> [Finding] {
        try (try r.count()).map { _ in
            let file = try r.string(), line = try r.int()
            return Finding(file: file, line: line < 0 ? nil : line, try r.string(), client: try r.optionalString())
        }
    }

    private static func write(_ value: YAMLValue, _ w: inout BinaryWriter) {
        switch value {
        case .scalar(let s, let line): w.int(0); w.int(line); w.string(s)
        case .list(let items, let line): w.int(1); w.int(line); w.int(items.count); items.forEach { write($0, &w) }
        case .map(let pairs, let line):
            w.int(2); w.int(line); w.int(pairs.count)
            for pair in pairs { w.string(pair.key); write(pair.value, &w) }
        }
    }

    private static func readValue(_ r: inout BinaryReader) throws -> YAMLValue {
        let tag = try r.int(), line = try r.int()
        switch tag {
        case 0: return .scalar(try r.string(), line: line)
        case 1: return .list(try (try r.count()).map { _ in try readValue(&r) }, line: line)
        case 2: return .map(try (try r.count()).map { _ in (try r.string(), try readValue(&r)) }, line: line)
        default: throw BinaryReader.Corrupt()
        }
    }

    private static func readDocument(_ r: inout BinaryReader) throws -> Result<MarkdownDocument, Finding> {
        guard try r.int() == 1 else {
            guard let finding = try readFindings(&r).first else { throw BinaryReader.Corrupt() }
            return .failure(finding)
        }
        let file = try r.string()
        let lines = try (try r.count()).map { _ in try r.string() }
        return .success(MarkdownDocument(file: file, frontMatterLines: lines, body: try r.string(), fields: try readValue(&r)))
    }
}
