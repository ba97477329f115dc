import Foundation

/// Where a line came from: the desk-relative file and the 1-based line number.
public struct SourceLocation: Hashable, Codable, Comparable, CustomStringConvertible, Sendable {
    public let file: String
    public let line: Int

    public init(file: String, line: Int) { self.file = file; self.line = line }
    public var description: String { "\(file):\(line)" }
    public static func < (a: SourceLocation, b: SourceLocation) -> Bool { (a.file, a.line) < (b.file, b.line) }
}

/// Shared rules for the one-line transaction grammars of `work.md` and `ledger/*.md`.
enum TransactionLine {
    /// Splits `- TOKENS… [^ID]` into tokens and the trailing transaction ID.
    static func split(_ line: Substring) -> (tokens: [Substring], id: String?)? {
        guard line.utf8.starts(with: "- ".utf8) else { return nil }
        var tokens = line.dropFirst(2).asciiSplit(UInt8(ascii: " "), omittingEmpty: true)
        var id: String?
        if let last = tokens.last, last.hasPrefix("^") {
            id = String(last.dropFirst())
            tokens.removeLast()
        }
        return (tokens, id)
    }

    /// The first control character of a line (C0 but tab, DEL, C1) as `U+001B`, nil when it
    /// has none: a note is printed on terminals, in statements and in journals, where an
    /// escape sequence or a backspace would show something else than the file holds.
    public static func controlCharacter(in line: Substring) -> String? {
        line.firstControlCharacter().map { String(format: "U+%04X", $0) }
    }

    /// True for a blank line, a Markdown heading or an HTML comment line, which the
    /// line files may hold between transactions.
    static func isDecoration(_ line: Substring) -> Bool {
        if line.utf8.starts(with: "- ".utf8) { return false }
        let trimmed = line.trimmedSpaces
        return trimmed.isEmpty || trimmed.hasPrefix("#") || (trimmed.hasPrefix("<!--") && trimmed.hasSuffix("-->"))
    }
}

extension Substring {
    /// Splits at an ASCII byte without Foundation or grapheme breaking (an ASCII byte never
    /// sits inside a multi-byte character, so the pieces are valid text).
    public func asciiSplit(_ separator: UInt8, omittingEmpty: Bool = false) -> [Substring] {
        var pieces: [Substring] = []
        let bytes = utf8
        var start = bytes.startIndex
        var index = start
        while index < bytes.endIndex {
            if bytes[index] == separator {
                if !(omittingEmpty && start == index) { pieces.append(self[start..<index]) }
                start = bytes.index(after: index)
            }
            index = bytes.index(after: index)
        }
        if !(omittingEmpty && start == bytes.endIndex) { pieces.append(self[start..<bytes.endIndex]) }
        return pieces
    }

    /// Where two ASCII characters first stand side by side (`": "`, `" #"`): a plain byte
    /// scan, many times faster than Foundation's or the generic `firstRange(of:)`.
    func firstIndex(ofPair first: UInt8, _ second: UInt8) -> Index? {
        let bytes = utf8
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let next = bytes.index(after: index)
            if bytes[index] == first, next < bytes.endIndex, bytes[next] == second { return index }
            index = next
        }
        return nil
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs, and a line's trailing carriage
    /// return (a cheap, Foundation-free trim for the hot parsing paths).
    var trimmedSpaces: SubSequence {
        var start = startIndex, end = endIndex
        while start < end, self[start] == " " || self[start] == "\t" { start = index(after: start) }
        while end > start, case let last = self[index(before: end)], last == " " || last == "\t" || last == "\r" {
            end = index(before: end)
        }
        return self[start..<end]
    }
}

/// A transaction ID (`^w3f9a2c` is written, `w3f9a2c` is the ID): 2–32 lowercase letters
/// and digits.
public enum TransactionID {
    public static func isValid(_ id: String) -> Bool {
        (2...32).contains(id.count) && id.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
    }
}

/// A work transaction: `- DATE LOGIN DURATION KIND [@COLLEAGUE] NOTE [^ID]`.
public struct WorkLine: Hashable, Codable, Sendable {
    public var date: Day
    public var login: String
    public var duration: Duration
    public var kind: String
    /// Who was helped or reviewed (`@alice` → `alice`).
    public var colleague: String?
    public var note: String
    /// Nil for a hand-written line that `check --fix` has not numbered yet.
    public var id: String?

    public init(date: Day, login: String, duration: Duration, kind: String, colleague: String? = nil,
                note: String, id: String?) {
        self.date = date; self.login = login; self.duration = duration; self.kind = kind
        self.colleague = colleague; self.note = note; self.id = id
    }

    /// Parses one line; the error message says what is wrong with it.
    public static func parse(_ line: Substring) -> Result<WorkLine, LineError> {
        if let control = TransactionLine.controlCharacter(in: line) { return .failure(LineError(.controlCharacter(control))) }
        guard let (tokens, id) = TransactionLine.split(line) else {
            return .failure(LineError(.workLineStart))
        }
        guard tokens.count >= 4 else {
            return .failure(LineError(.workLineFields(tokens.count)))
        }
        guard let date = Day(tokens[0]) else { return .failure(LineError(.notADate(String(tokens[0])))) }
        let login = String(tokens[1])
        guard Identifier.isValid(login) else { return .failure(LineError(.notALogin(String(login)))) }
        guard let duration = Duration(tokens[2]) else {
            return .failure(LineError(.notADuration(String(tokens[2]))))
        }
        guard duration.isValidWorkDuration else {
            return .failure(LineError(.durationRange(String(tokens[2]))))
        }
        let kind = String(tokens[3])
        var rest = tokens.dropFirst(4)
        var colleague: String?
        if let first = rest.first, first.hasPrefix("@") {
            let name = String(first.dropFirst())
            guard Identifier.isValid(name) else { return .failure(LineError(.notAColleague(String(first)))) }
            colleague = name
            rest = rest.dropFirst()
        }
        if let id, !TransactionID.isValid(id) {
            return .failure(LineError(.transactionIDShape(String(id))))
        }
        return .success(WorkLine(date: date, login: login, duration: duration, kind: kind, colleague: colleague,
                                 note: rest.joined(separator: " "), id: id))
    }

    /// The line as it is written in `work.md`.
    public var text: String {
        var parts = ["-", date.description, login, duration.description, kind]
        if let colleague { parts.append("@" + colleague) }
        if !note.isEmpty { parts.append(note) }
        if let id { parts.append("^" + id) }
        return parts.joined(separator: " ")
    }
}

/// The kinds of ledger lines: payments and credits raise a balance, charges lower it.
public enum LedgerKind: String, Codable, CaseIterable, Sendable {
    case payment, credit, charge

    /// +1 when the line raises the client's balance, −1 when it lowers it.
    public var sign: Int64 { self == .charge ? -1 : 1 }
}

/// A ledger line: `- DATE payment|credit|charge AMOUNT NOTE [^ID]`, amount in major units.
public struct LedgerLine: Hashable, Codable, Sendable {
    public var date: Day
    public var kind: LedgerKind
    public var amount: Money
    public var note: String
    public var id: String?

    public init(date: Day, kind: LedgerKind, amount: Money, note: String, id: String?) {
        self.date = date; self.kind = kind; self.amount = amount; self.note = note; self.id = id
    }

    public static func parse(_ line: Substring) -> Result<LedgerLine, LineError> {
        if let control = TransactionLine.controlCharacter(in: line) { return .failure(LineError(.controlCharacter(control))) }
        guard let (tokens, id) = TransactionLine.split(line) else {
            return .failure(LineError(.ledgerLineStart))
        }
        guard tokens.count >= 3 else {
            return .failure(LineError(.ledgerLineFields(tokens.count)))
        }
        guard let date = Day(tokens[0]) else { return .failure(LineError(.notADate(String(tokens[0])))) }
        guard let kind = LedgerKind(rawValue: String(tokens[1])) else {
            return .failure(LineError(.ledgerKind(String(tokens[1]))))
        }
        guard let amount = Money(tokens[2]), amount.minor > 0 else {
            return .failure(LineError(.ledgerAmount(String(tokens[2]))))
        }
        if let id, !TransactionID.isValid(id) {
            return .failure(LineError(.transactionIDShape(String(id))))
        }
        return .success(LedgerLine(date: date, kind: kind, amount: amount,
                                   note: tokens.dropFirst(3).joined(separator: " "), id: id))
    }

    public var text: String {
        var parts = ["-", date.description, kind.rawValue, amount.plain]
        if !note.isEmpty { parts.append(note) }
        if let id { parts.append("^" + id) }
        return parts.joined(separator: " ")
    }
}

/// Why one line did not parse.
public struct LineError: Error, Equatable, Sendable {
    public let text: Text
    public init(_ problem: Problem) { self.text = problem.text }
}

/// A line of a transaction file together with where it stands.
public struct Located<Value: Hashable & Sendable>: Hashable, Sendable {
    public let value: Value
    public let location: SourceLocation
    public init(_ value: Value, at location: SourceLocation) { self.value = value; self.location = location }
}

extension Located: Codable where Value: Codable {}

/// Parses a transaction file (work log or ledger): one transaction per `- ` line; blank
/// lines, headings and comments are allowed in between. Returns the lines and a finding
/// for each line that does not parse.
public func parseLineFile<Value>(
    _ text: String, file: String, client: String?, parse: (Substring) -> Result<Value, LineError>
) -> (lines: [Located<Value>], findings: [Finding]) {
    var lines: [Located<Value>] = []
    var findings: [Finding] = []
    for (index, raw) in Substring(text).asciiSplit(UInt8(ascii: "\n")).enumerated() {
        let line = raw.withoutCarriageReturn
        if TransactionLine.isDecoration(line) { continue }
        switch parse(line) {
        case .success(let value): lines.append(Located(value, at: SourceLocation(file: file, line: index + 1)))
        case .failure(let error): findings.append(Finding(file: file, line: index + 1, error.text, client: client))
        }
    }
    return (lines, findings)
}

/// A line file (`work.md`, a ledger, `audit/seals.md`) with one line appended, keeping a
/// final newline and the file's line endings: a file whose lines end in CRLF (as a Windows
/// editor writes them) gets a CRLF line.
public func appending(_ line: String, to text: String?) -> String {
    guard let text, !text.isEmpty else { return line + "\n" }
    let ending = lineEnding(of: text)
    return (text.utf8.last == UInt8(ascii: "\n") ? text : text + ending) + line + ending
}

/// The line ending a text uses: CRLF when its first line ends in one, else LF.
public func lineEnding(of text: String) -> String {
    guard let newline = text.utf8.firstIndex(of: UInt8(ascii: "\n")), newline > text.utf8.startIndex else { return "\n" }
    return text.utf8[text.utf8.index(before: newline)] == UInt8(ascii: "\r") ? "\r\n" : "\n"
}

extension Substring {
    /// The line without the carriage return of a CRLF ending (`asciiSplit` at "\n" keeps it).
    public var withoutCarriageReturn: Substring { utf8.last == UInt8(ascii: "\r") ? self[..<utf8.index(before: utf8.endIndex)] : self }
}
