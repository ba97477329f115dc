import Foundation

/// `check --fix`: gives every well-formed work or ledger line without a `^ID` a new one.
/// Touches nothing else: malformed lines, spacing and other lines stay as written.
public struct IDAssigner<G: RandomNumberGenerator> {
    private let existing: any IDSet
    /// The IDs this assigner gave out.
    public private(set) var added: Set<String> = []
    private var generator: G

    public init(existing: any IDSet, generator: G) {
        self.existing = existing
        self.generator = generator
    }

    private struct Taken: IDSet {
        let existing: any IDSet, added: Set<String>
        func contains(_ id: String) -> Bool { added.contains(id) || existing.contains(id) }
    }

    /// The file's new text and how many IDs were added (nil when nothing changed).
    public mutating func assign(in text: String, isLedger: Bool) -> (text: String, count: Int)? {
        var count = 0
        // Split byte by byte: "\r\n" is one Character to Swift, and a split on "\n" would
        // join a CRLF line to the next one.
        let lines = Substring(text).asciiSplit(UInt8(ascii: "\n")).map { raw -> String in
            let carriageReturn = raw.utf8.last == UInt8(ascii: "\r")
            let line = raw.withoutCarriageReturn
            let missing: Bool
            if isLedger {
                missing = (try? LedgerLine.parse(line).get()).map { $0.id == nil } ?? false
            } else {
                missing = (try? WorkLine.parse(line).get()).map { $0.id == nil } ?? false
            }
            guard missing else { return String(raw) }
            let id = TransactionIDGenerator.generate(letter: isLedger ? "p" : "w", existing: Taken(existing: existing, added: added), using: &generator)
            added.insert(id)
            count += 1
            return line.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + " ^" + id + (carriageReturn ? "\r" : "")
        }
        return count == 0 ? nil : (lines.joined(separator: "\n"), count)
    }
}
