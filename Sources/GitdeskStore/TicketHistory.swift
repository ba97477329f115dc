import Foundation
import GitdeskCore
import GitdeskGit

/// A change of a ticket's status, as recorded by the commit that made it.
public struct StatusChange: Codable, Hashable, Sendable {
    /// nil for the commit that created the ticket.
    public let from: String?
    public let to: String
    public let commit: String
    public let author: String
    public let email: String
    /// Seconds since 1970 of the commit's author time.
    public let time: Int64
}

extension DeskRepository {
    /// The statuses a ticket went through, oldest first, from the history index (built once
    /// and extended incrementally, so a ticket's history costs no walk of its own).
    public func statusHistory(of ticketID: String) throws -> [StatusChange] {
        let history = try history(lines: .none)
        return history.statuses.filter { $0.ticket == ticketID && $0.to != nil }.map { event in
            let commit = history.commits[event.commit]
            return StatusChange(from: event.from, to: event.to!, commit: commit.id.hex, author: commit.author,
                                email: commit.email, time: commit.time)
        }
    }
}
