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
    /// The statuses a ticket went through, oldest first, read from the history of its
    /// `ticket.md` (a version that does not parse is skipped).
    public func statusHistory(of ticketID: String) throws -> [StatusChange] {
        var changes: [StatusChange] = []
        var last: String?
        for version in try versions(of: "\(TicketID.folder(of: ticketID))/ticket.md") {
            guard let blob = version.blob else { continue }
            let text = String(decoding: try self.blob(blob), as: UTF8.self)
            guard let status = (try? MarkdownDocument(text: text, file: ""))?["status"]?.string, status != last else { continue }
            let author = version.commit.author
            changes.append(StatusChange(from: last, to: status, commit: version.commit.id.hex, author: author.name,
                                        email: author.email, time: author.time))
            last = status
        }
        return changes
    }
}
