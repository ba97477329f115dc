/// A value computed from the tickets of one `tickets/PREFIX/` folder — small, so that a
/// command over the whole desk can keep one per folder instead of every parsed line.
public protocol TicketGroupSummary: Sendable {
    /// The cache file under `.git/gitdesk/`; change it when the encoding changes.
    static var cacheName: String { get }
    /// Root entries of the desk whose change changes every summary (settings, cards).
    static var dependsOn: [String] { get }
    /// The summary of a folder's tickets, with the problems of their files and their
    /// references to the cards.
    init(tickets: [Ticket], findings: [Finding], cards: Desk)
    init(from reader: inout BinaryReader) throws
    func write(to writer: inout BinaryWriter)
}
