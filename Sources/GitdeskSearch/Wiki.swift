import Foundation
import GitdeskCore

/// A project's wiki: its card, the hand-written pages and every ticket with its service
/// comment, newest first — the knowledge that stays when engineers leave.
public struct ProjectWiki: Codable, Sendable {
    public struct Entry: Codable, Sendable {
        public let ticket: String
        public let title: String
        public let status: String
        public let created: String?
        public let lastWork: Day?
        public let people: [String]
        public let minutes: Int
        public let serviceComment: String?
    }
    public struct Page: Codable, Sendable { public let name: String; public let text: String }

    public let project: String
    public let client: String
    public let title: String
    public let body: String
    public let pages: [Page]
    public let tickets: [Entry]

    public init(desk: Desk, project slug: String) throws {
        guard let project = desk.projects[slug] else {
            throw DeskError.notFound("no project '\(slug)' (projects: \(desk.projects.keys.sorted().joined(separator: ", ")))")
        }
        self.project = slug
        client = project.client
        title = project.title
        body = project.body
        pages = project.wikiPages.sorted { $0.key < $1.key }.map { Page(name: $0.key, text: $0.value) }
        let zone = desk.config.timezone
        tickets = desk.tickets.values.filter { $0.project == slug }.map { ticket in
            Entry(ticket: ticket.id, title: ticket.title, status: ticket.status,
                  created: ticket.created.map { Timestamp.format($0, zone: zone) },
                  lastWork: ticket.work.map(\.value.date).max(),
                  people: Array(Set(ticket.work.map(\.value.login))).sorted(),
                  minutes: ticket.loggedMinutes, serviceComment: ticket.serviceComment)
        }.sorted { ($0.created ?? "", $0.ticket) > ($1.created ?? "", $1.ticket) }
    }

    public func markdown() -> String {
        var out = ["# \(title)", "", body.trimmingCharacters(in: .whitespacesAndNewlines), ""]
        for page in pages { out += ["## \(page.name)", "", page.text.trimmingCharacters(in: .whitespacesAndNewlines), ""] }
        out += ["## Tickets", ""]
        for t in tickets {
            out.append("### \(t.ticket) — \(t.title)")
            out.append("")
            out.append("\(t.status), created \(t.created?.prefix(10) ?? "?"), \(Duration(minutes: t.minutes)) by \(t.people.joined(separator: ", "))")
            out.append("")
            out.append(t.serviceComment?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "_No service comment._")
            out.append("")
        }
        return out.joined(separator: "\n")
    }
}
