/// What happened to a disputed transaction.
public enum DisputeAction: String, Codable, CaseIterable, Sendable {
    /// The client disagrees.
    case open
    /// The charge stands.
    case accept
    /// The charge is dropped: a credit of its whole amount.
    case waive
    /// The charge is reduced to a new duration: a credit of the difference.
    case adjust

    public var isResolution: Bool { self != .open }
}

/// A line of `disputes/<client>.md`:
/// `- DATE open TXN REASON`, `- DATE accept|waive TXN NOTE`, `- DATE adjust TXN DURATION NOTE`.
public struct DisputeLine: Hashable, Codable, Sendable {
    public var date: Day
    public var action: DisputeAction
    /// The disputed transaction's ID (without `^`).
    public var transaction: String
    /// The agreed duration, for `adjust`.
    public var duration: Duration?
    public var note: String

    public init(date: Day, action: DisputeAction, transaction: String, duration: Duration? = nil, note: String) {
        self.date = date; self.action = action; self.transaction = transaction; self.duration = duration; self.note = note
    }

    public static func parse(_ line: Substring) -> Result<DisputeLine, LineError> {
        if let control = TransactionLine.controlCharacter(in: line) { return .failure(LineError(.controlCharacter(control))) }
        guard line.hasPrefix("- ") else { return .failure(LineError(.disputeLineStart)) }
        let tokens = line.dropFirst(2).split(separator: " ")
        guard tokens.count >= 3 else { return .failure(LineError(.disputeLineFields)) }
        guard let date = Day(tokens[0]) else { return .failure(LineError(.notADate(String(tokens[0])))) }
        guard let action = DisputeAction(rawValue: String(tokens[1])) else {
            return .failure(LineError(.disputeAction(String(tokens[1]))))
        }
        let transaction = tokens[2].hasPrefix("^") ? String(tokens[2].dropFirst()) : String(tokens[2])
        guard TransactionID.isValid(transaction) else { return .failure(LineError(.notATransactionID(String(tokens[2])))) }
        var rest = tokens.dropFirst(3)
        var duration: Duration?
        if action == .adjust {
            guard let first = rest.first, let parsed = Duration(first), parsed.minutes >= 0 else {
                return .failure(LineError(.adjustDuration))
            }
            duration = parsed
            rest = rest.dropFirst()
        }
        return .success(DisputeLine(date: date, action: action, transaction: transaction, duration: duration,
                                    note: rest.joined(separator: " ")))
    }

    public var text: String {
        var parts = ["-", date.description, action.rawValue, transaction]
        if let duration { parts.append(duration.description) }
        if !note.isEmpty { parts.append(note) }
        return parts.joined(separator: " ")
    }
}

/// The note of the ledger credit a settlement writes, `Dispute w86417b adjust to 1h`: the
/// ledger stays plain text a person can read, and the pages read it back to say in the
/// client's language what the credit is for.
public struct DisputeCreditNote: Hashable, Sendable {
    public let transaction: String
    public let action: DisputeAction
    public let duration: Duration?

    public init(_ line: DisputeLine) {
        (transaction, action, duration) = (line.transaction, line.action, line.duration)
    }

    /// The note as the ledger line carries it.
    public var text: String { "Dispute \(transaction) \(action.rawValue)\(duration.map { " to \($0)" } ?? "")" }

    /// The credit note a settlement wrote, or nil for any other note.
    public init?(note: String) {
        let words = note.split(separator: " ", omittingEmptySubsequences: false)
        guard words.count == 3 || words.count == 5, words[0] == "Dispute", TransactionID.isValid(String(words[1])),
              let action = DisputeAction(rawValue: String(words[2])), action.isResolution else { return nil }
        if words.count == 5 {
            guard action == .adjust, words[3] == "to", let duration = Duration(String(words[4])) else { return nil }
            self.duration = duration
        } else {
            guard action != .adjust else { return nil }
            duration = nil
        }
        (transaction, self.action) = (String(words[1]), action)
    }
}

/// An explicit permission to change a sealed period's money, itself recorded in the desk:
/// a line of `audit/overrides.md`: `- DATE PERIOD CLIENT REASON`.
public struct SealOverride: Hashable, Codable, Sendable {
    public let date: Day
    public let period: String
    public let client: String
    public let reason: String

    public static func parse(_ line: Substring) -> Result<SealOverride, LineError> {
        guard line.hasPrefix("- ") else { return .failure(LineError(.overrideLine)) }
        let tokens = line.dropFirst(2).split(separator: " ")
        guard tokens.count >= 4, let date = Day(tokens[0]), Period(String(tokens[1])) != nil, Identifier.isValid(String(tokens[2])) else {
            return .failure(LineError(.overrideReason))
        }
        return .success(SealOverride(date: date, period: String(tokens[1]), client: String(tokens[2]),
                                     reason: tokens.dropFirst(3).joined(separator: " ")))
    }
}
