import GitdeskCore
import GitdeskWords

/// What a client's disputes made of one charge (a billable work line or a ledger charge):
/// the one answer `show`, the client's pages and the statement all give.
public struct ChargeState: Codable, Sendable, Equatable {
    public enum Decision: String, Codable, Sendable {
        /// Never disputed: the client may still dispute it.
        case none
        /// Disputed, not yet decided.
        case open
        /// Decided: the charge stands.
        case accepted
        /// Decided: charged for less time.
        case adjusted
        /// Decided: dropped.
        case waived
    }

    /// The latest word on the charge.
    public let decision: Decision
    /// The charge as it was made, positive.
    public let charged: Money
    /// What stands after every settlement: the charge less the largest credit given back.
    public let standing: Money
    /// The time logged and the time agreed, for an adjusted work line.
    public let logged: Duration?
    public let agreed: Duration?

    private enum CodingKeys: String, CodingKey {
        case decision, charged, standing, logged = "loggedMinutes", agreed = "agreedMinutes"
    }

    /// What the settlements gave back.
    public var credit: Money { charged - standing }

    /// A client may dispute a charge that was never disputed.
    public var isDisputable: Bool { decision == .none }

    /// - Parameters:
    ///   - charged: the charge, positive; `rate` and `logged` are a work line's.
    ///   - disputes: the dispute lines about this charge, in the order of the file.
    public init(charged: Money, rate: Money?, logged: Duration?, disputes: [DisputeLine]) {
        self.charged = charged
        self.logged = logged
        // A settlement gives back at most the charge; a later one gives back only what the
        // earlier ones did not (`dispute resolve`), so the largest credit is what was given.
        let settlements = disputes.filter(\.action.isResolution)
        let largest = settlements.max { Self.credit(charged: charged, rate: rate, $0) < Self.credit(charged: charged, rate: rate, $1) }
        let credit = largest.map { Self.credit(charged: charged, rate: rate, $0) } ?? .zero
        standing = credit.minor > 0 ? charged - credit : charged
        agreed = largest?.action == .adjust && credit.minor > 0 ? largest?.duration : nil
        switch disputes.last?.action {
        case nil: decision = .none
        case .open: decision = .open
        // The decision that gave the most back is what the client got.
        default: decision = credit.minor == 0 ? .accepted : largest?.action == .waive ? .waived : .adjusted
        }
    }

    /// What one settlement gives back: all of it when waived, the part above the agreed
    /// time when adjusted, nothing when the charge stands.
    public static func credit(charged: Money, rate: Money?, _ line: DisputeLine) -> Money {
        switch line.action {
        case .waive: return charged
        case .adjust:
            guard let rate, let agreed = line.duration else { return .zero }
            let credit = charged - Money.amount(ratePerHour: rate, minutes: agreed.minutes)
            return credit.minor > 0 ? credit : .zero
        case .open, .accept: return .zero
        }
    }
}

extension Desk {
    /// The dispute lines about each of a client's transactions, in the order of the file.
    public func disputeLines(_ client: String) -> [String: [DisputeLine]] {
        Dictionary(grouping: (disputes[client] ?? []).map(\.value), by: \.transaction)
    }
}

extension PricedWork {
    /// The line's state after the client's disputes (`disputes`: by transaction, as
    /// `Desk.disputeLines` gives them). A line that is not billable is never a charge.
    public func state(_ disputes: [String: [DisputeLine]]) -> ChargeState {
        ChargeState(charged: billable ? amount : .zero, rate: rate, logged: line.value.duration,
                    disputes: line.value.id.flatMap { disputes[$0] } ?? [])
    }
}

extension ClientAccount {
    /// The state of a work line or ledger charge after the client's disputes.
    public func state(of movement: Movement) -> ChargeState {
        ChargeState(charged: -movement.amount, rate: movement.rate, logged: movement.minutes.map(Duration.init(minutes:)),
                    disputes: movement.id.flatMap { disputes[$0] } ?? [])
    }

    /// The charges the credits among `lines` were written to settle, by ID.
    public func settledCharges(by lines: [Movement]) -> [String: Movement] {
        let wanted = Set(lines.compactMap { $0.source == .credit ? DisputeCreditNote(note: $0.note)?.transaction : nil })
        guard !wanted.isEmpty else { return [:] }
        let charges = movements.compactMap { charge in charge.id.flatMap { charge.isCharge && wanted.contains($0) ? ($0, charge) : nil } }
        return Dictionary(charges) { first, _ in first }
    }
}

extension Words {
    /// A ledger line's note as the client reads it: a credit a settlement wrote says in
    /// words what it was for (`settled`: the charges by ID, `settledCharges`); any other
    /// note is as written.
    public func note(of movement: Movement, settled: [String: Movement]) -> String {
        guard movement.source == .credit, let credit = DisputeCreditNote(note: movement.note),
              let charge = settled[credit.transaction] else { return movement.note }
        let what = [charge.ticket, day(charge.date)].compactMap { $0 }.joined(separator: ", ")
        switch credit.action {
        case .adjust:
            return self[ChargeWord.adjustedCredit, duration(credit.duration ?? Duration(minutes: 0)), duration(minutes: charge.minutes ?? 0), what]
        case .waive: return self[ChargeWord.waivedCredit, what]
        case .open, .accept: return movement.note
        }
    }

    /// A charge's state in a few words, empty for a charge never disputed; with `standing`,
    /// the amount that stands once decided (for pages whose amount column is the charge as
    /// made, its credit a line of its own).
    public func state(_ state: ChargeState, standing: Bool = false) -> String {
        let text: String
        switch state.decision {
        case .none: return ""
        case .open: return self[ChargeWord.open]
        case .accepted: text = self[ChargeWord.accepted]
        case .adjusted: text = self[ChargeWord.adjusted, duration(state.agreed ?? Duration(minutes: 0)), duration(state.logged ?? Duration(minutes: 0))]
        case .waived: text = self[ChargeWord.waived]
        }
        return standing ? self[ChargeWord.standing, text, money(state.standing)] : text
    }
}

extension Statement {
    /// A line's note as the statement prints it: a charge's with its state after the
    /// client's disputes, a settlement's credit in words.
    public func note(of movement: Movement, words: Words) -> String {
        if movement.source == .credit { return words.note(of: movement, settled: settledCharges) }
        guard let id = movement.id, let state = states[id] else { return movement.note }
        return [movement.note, words.state(state, standing: true)].filter { !$0.isEmpty }.joined(separator: " — ")
    }
}
