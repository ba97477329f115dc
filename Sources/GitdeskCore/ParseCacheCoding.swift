import Foundation

/// The parse cache on disk (the desk index's `parsed-files`): the parsed form of every blob
/// the last run read, keyed by blob id and path. A part that does not index is ignored, an
/// entry that does not decode is parsed again.
extension ParseCache {
    /// Loads what `save` wrote; a missing or foreign part gives an empty cache.
    /// Only the keys are read here: each entry is decoded when first asked for.
    public convenience init(from index: DeskIndex, part: DeskIndex.Part = .parsedFiles) {
        self.init()
        guard var reader = index.read(part) else { return }
        func table<Value>(_: Value.Type) throws -> [String: Slot<Value>] {
            var slots: [String: Slot<Value>] = [:]
            let count = try reader.count()
            slots.reserveCapacity(count.count)
            for _ in count {
                let key = try reader.string()
                slots[key] = Slot(value: nil, encoded: try reader.record())
            }
            return slots
        }
        do {
            documents = try table(Result<MarkdownDocument, Finding>.self)
            workFiles = try table(([Located<WorkLine>], [Finding]).self)
            ledgerFiles = try table(([Located<LedgerLine>], [Finding]).self)
            stored = reader.bytes
        } catch {
            (documents, workFiles, ledgerFiles) = ([:], [:], [:])
        }
    }

    /// Writes the entries that outlive this run (older ones are dropped) unless nothing
    /// changed. Entries never decoded are copied as they are.
    public func save(to index: DeskIndex, part: DeskIndex.Part = .parsedFiles) throws {
        guard !unchanged else { return }
        var w = BinaryWriter(for: part)
        func section<Value>(_ table: [String: Slot<Value>], _ encode: (Value, inout BinaryWriter) -> Void) {
            let kept = table.filter { outlivesRun($0.key, used: $0.value.used) }
            w.int(kept.count)
            for (key, slot) in kept.sorted(by: { $0.key < $1.key }) {
                w.string(key)
                if let value = slot.value {
                    w.lengthPrefixed { encode(value, &$0) }
                } else if let encoded = slot.encoded {
                    w.lengthPrefixed(stored[encoded])
                }
            }
        }
        section(documents) { result, w in
            switch result {
            case .success(let doc): w.int(1); w.document(doc)
            case .failure(let finding): w.int(0); w.findings([finding])
            }
        }
        section(workFiles) { entry, w in w.workLines(entry.0); w.findings(entry.1) }
        section(ledgerFiles) { entry, w in w.ledgerLines(entry.0); w.findings(entry.1) }
        try index.write(part, &w)
    }

    static func readDocument(_ reader: inout BinaryReader) throws -> Result<MarkdownDocument, Finding> {
        guard try reader.int() == 1 else {
            guard let finding = try reader.findings().first else { throw BinaryReader.Corrupt() }
            return .failure(finding)
        }
        return .success(try reader.document())
    }

    static func readWork(_ reader: inout BinaryReader) throws -> ([Located<WorkLine>], [Finding]) {
        (try reader.workLines(), try reader.findings())
    }

    static func readLedger(_ reader: inout BinaryReader) throws -> ([Located<LedgerLine>], [Finding]) {
        (try reader.ledgerLines(), try reader.findings())
    }
}
