import Foundation

/// `check --fix` and the pre-commit hook: give every well-formed work or ledger line without
/// a `^ID` one. Touches nothing else: malformed lines, spacing and other lines stay as written.
///
/// A line that had an ID in the file's committed version and lost it (the same words, its
/// ID nowhere in the file now) gets that ID back, never a second one: that is what an index
/// left unnumbered by a killed post-commit hook, or an editor that dropped the ID, commits.
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
    /// `committed` is the file's text in HEAD, whose IDs a line that lost its own gets back;
    /// read only when a line needs an ID (most files have none to give).
    public mutating func assign(in text: String, isLedger: Bool, committed: () throws -> String?) rethrows -> (text: String, count: Int)? {
        var count = 0
        // Split byte by byte: "\r\n" is one Character to Swift, and a split on "\n" would
        // join a CRLF line to the next one.
        let rawLines = Substring(text).asciiSplit(UInt8(ascii: "\n"))
        var lost: [String: [String]]?
        var lines: [String] = []
        lines.reserveCapacity(rawLines.count)
        for raw in rawLines {
            let carriageReturn = raw.utf8.last == UInt8(ascii: "\r")
            let line = raw.withoutCarriageReturn
            let missing: Bool
            if isLedger {
                missing = (try? LedgerLine.parse(line).get()).map { $0.id == nil } ?? false
            } else {
                missing = (try? WorkLine.parse(line).get()).map { $0.id == nil } ?? false
            }
            guard missing else { lines.append(String(raw)); continue }
            if lost == nil { lost = try committed().map { Self.lostIDs(committed: $0, now: rawLines) } ?? [:] }
            let words = TransactionLine.split(line).map { $0.tokens.joined(separator: " ") } ?? ""
            let id = lost?[words]?.popLast() ?? TransactionIDGenerator.generate(letter: isLedger ? "p" : "w", existing: Taken(existing: existing, added: added), using: &generator)
            added.insert(id)
            count += 1
            lines.append(line.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + " ^" + id + (carriageReturn ? "\r" : ""))
        }
        return count == 0 ? nil : (lines.joined(separator: "\n"), count)
    }

    /// The same without a committed version to give IDs back from.
    public mutating func assign(in text: String, isLedger: Bool) -> (text: String, count: Int)? {
        assign(in: text, isLedger: isLedger, committed: { nil })
    }

    /// The IDs of the committed lines whose ID is not in the file now, by the line's words
    /// (each list last-first, so the first such line gets the first ID back).
    private static func lostIDs(committed: String, now: [Substring]) -> [String: [String]] {
        let present = Set(now.compactMap { TransactionLine.split($0.withoutCarriageReturn)?.id })
        var lost: [String: [String]] = [:]
        for raw in Substring(committed).asciiSplit(UInt8(ascii: "\n")) {
            guard let (tokens, id) = TransactionLine.split(raw.withoutCarriageReturn), let id, !present.contains(id) else { continue }
            lost[tokens.joined(separator: " "), default: []].insert(id, at: 0)
        }
        return lost
    }
}
