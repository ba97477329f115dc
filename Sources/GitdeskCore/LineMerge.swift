/// The files whose lines are transactions: `tickets/PREFIX/ID/work.md`, `ledger/CLIENT.md`
/// and `disputes/CLIENT.md`. Each line has a key that follows it through edits, which is
/// what the merge driver (`gitdesk merge-lines`) matches the two sides by.
public enum TransactionFile: String, Sendable {
    case work, ledger, disputes

    /// The kind of a desk-relative path, nil for any other file.
    public init?(path: String) {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        switch (parts.count, parts.first, parts.last) {
        case (4, "tickets", "work.md"): self = .work
        case (2, "ledger", let name?) where name.hasSuffix(".md"): self = .ledger
        case (2, "disputes", let name?) where name.hasSuffix(".md"): self = .disputes
        default: return nil
        }
    }

    /// What identifies a line through edits: its `^ID` for work and ledger lines; the
    /// transaction and whether it opens or settles the dispute for dispute lines. Nil for
    /// lines without one (hand-written lines not yet numbered, headings, blank lines):
    /// those are matched by their text.
    func identity(of line: Substring) -> String? {
        switch self {
        case .work, .ledger:
            guard let (_, id) = TransactionLine.split(line), let id else { return nil }
            return "^" + id
        case .disputes:
            guard case .success(let dispute) = DisputeLine.parse(line) else { return nil }
            return dispute.transaction + (dispute.action == .open ? " open" : " settle")
        }
    }
}

/// A three-way merge of a transaction file that matches lines by their identity instead of
/// their position: lines added on either side are kept (each side's in its own order, ours
/// first where both add at one place); a line changed on one side takes that change; the
/// same change on both sides gives one line; a line changed differently on the two sides,
/// or changed on one and deleted on the other, is a conflict shown with git's markers.
///
/// With two merge bases (a criss-cross history) git first merges the bases, and a line the
/// bases disagree on reaches the driver inside conflict markers: the base cannot say which
/// side changed it, so any disagreement about such a line is a conflict, never a choice.
public struct LineMerge {
    public let text: String
    public let conflicts: Int

    /// Merges `ours` and `theirs`, which both descend from `base`.
    public init(base: String, ours: String, theirs: String, file: TransactionFile,
                markerSize: Int = 7, labels: (ours: String, theirs: String) = ("ours", "theirs")) {
        let (decided, undecided) = Self.keyedBase(base, file)
        let baseLines = Dictionary(decided.map { ($0.key, $0.text) }) { first, _ in first }
        let ourLines = Self.keyed(ours, file)
        let theirLines = Self.keyed(theirs, file)
        let theirText = Dictionary(theirLines.map { ($0.key, $0.text) }) { first, _ in first }
        let ourKeys = Set(ourLines.map(\.key))

        var merged: [Entry] = []
        for (key, mine) in ourLines {
            let original = baseLines[key], other = theirText[key]
            if undecided.contains(key) {
                merged.append(Entry(key: key, content: mine == other ? .line(mine) : .conflict(mine, other)))
                continue
            }
            switch (original, other) {
            case (nil, nil): merged.append(Entry(key: key, content: .line(mine), addedByUs: true))
            case (nil, let other?):
                merged.append(Entry(key: key, content: mine == other ? .line(mine) : .conflict(mine, other)))
            case (let original?, nil):
                if mine != original { merged.append(Entry(key: key, content: .conflict(mine, nil))) }
            case (let original?, let other?):
                let content: Entry.Content
                if mine == other || other == original { content = .line(mine) }
                else if mine == original { content = .line(other) }
                else { content = .conflict(mine, other) }
                merged.append(Entry(key: key, content: content))
            }
        }
        // Their lines that we do not have: added by them, or deleted by us.
        var previousKey: String?
        for (key, theirs) in theirLines {
            defer { previousKey = key }
            guard !ourKeys.contains(key) else { continue }
            let content: Entry.Content
            if undecided.contains(key) {
                content = .conflict(nil, theirs)
            } else if let original = baseLines[key] {
                guard theirs != original else { continue }  // we deleted it, they kept it as it was
                content = .conflict(nil, theirs)
            } else {
                content = .line(theirs)
            }
            var position = previousKey.flatMap { anchor in merged.lastIndex { $0.key == anchor }.map { $0 + 1 } } ?? 0
            while position < merged.count, merged[position].addedByUs { position += 1 }
            merged.insert(Entry(key: key, content: content), at: position)
        }

        var lines: [Substring] = []
        var conflicts = 0
        let open = String(repeating: "<", count: markerSize) + " " + labels.ours
        let middle = String(repeating: "=", count: markerSize)
        let close = String(repeating: ">", count: markerSize) + " " + labels.theirs
        for entry in merged {
            switch entry.content {
            case .line(let line): lines.append(line)
            case .conflict(let mine, let other):
                conflicts += 1
                lines += [Substring(open)] + (mine.map { [$0] } ?? []) + [Substring(middle)] + (other.map { [$0] } ?? []) + [Substring(close)]
            }
        }
        text = lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
        self.conflicts = conflicts
    }

    private struct Entry {
        enum Content { case line(Substring), conflict(Substring?, Substring?) }
        let key: String
        let content: Content
        /// Added on our side only: their additions at the same place go after it.
        var addedByUs = false
    }

    /// The file's lines (without their newline) with their keys: the identity, or for lines
    /// without one the text itself, numbered when it repeats.
    private static func keyed(_ text: String, _ file: TransactionFile) -> [(key: String, text: Substring)] {
        var seen: [String: Int] = [:]
        return lines(of: text).map { raw in (key(of: raw, file, seen: &seen), raw) }
    }

    /// The base's keyed lines, and apart from them the keys of lines inside conflict markers
    /// (a virtual base git made by merging two bases that disagree): their base is unknown.
    private static func keyedBase(_ text: String, _ file: TransactionFile) -> (decided: [(key: String, text: Substring)], undecided: Set<String>) {
        var seen: [String: Int] = [:]
        var decided: [(key: String, text: Substring)] = []
        var undecided: Set<String> = []
        var openMarker: Int?
        for raw in lines(of: text) {
            let line = raw.withoutCarriageReturn
            if let size = openMarker {
                if marker(line, "<") == size || marker(line, "=") == size || marker(line, "|") == size { continue }
                if marker(line, ">") == size { openMarker = nil; continue }
                var unnumbered: [String: Int] = [:]
                undecided.insert(key(of: raw, file, seen: &unnumbered))
            } else if let size = marker(line, "<") {
                openMarker = size
            } else {
                decided.append((key(of: raw, file, seen: &seen), raw))
            }
        }
        return (decided, undecided)
    }

    private static func lines(of text: String) -> [Substring] {
        var lines = Substring(text).asciiSplit(UInt8(ascii: "\n"))
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    private static func key(of raw: Substring, _ file: TransactionFile, seen: inout [String: Int]) -> String {
        let line = raw.withoutCarriageReturn
        let base = file.identity(of: line) ?? "=" + line
        let count = seen[base, default: 0]
        seen[base] = count + 1
        return count == 0 ? base : base + "#\(count)"
    }

    /// The size of a conflict marker made of `character` (seven or more, then a space or the
    /// end of the line, as git writes them), nil for any other line.
    private static func marker(_ line: Substring, _ character: Character) -> Int? {
        let run = line.prefix { $0 == character }.count
        guard run >= 7 else { return nil }
        let rest = line.dropFirst(run)
        return rest.isEmpty || rest.first == " " ? run : nil
    }
}
