import Foundation
import GitdeskCore
import GitdeskWords

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
            throw DeskError.notFound(.noProject(slug, projects: desk.projects.keys.sorted()))
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

    /// The card's text without a first heading that repeats the title.
    public var introduction: String { Self.withoutHeading(body).text }

    /// A page's title (its first `# ` heading, else its file name) and its text below it.
    public static func titled(_ page: Page) -> (title: String, text: String) {
        let (heading, text) = withoutHeading(page.text)
        return (heading ?? String(page.name.hasSuffix(".md") ? page.name.dropLast(3) : Substring(page.name)), text)
    }

    /// Who worked how long on a ticket: "45m by boris", or nil before any work.

    static func withoutHeading(_ text: String) -> (heading: String?, text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("# ") else { return (nil, trimmed) }
        let lines = trimmed.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        return (String(lines[0].dropFirst(2)).trimmingCharacters(in: .whitespaces),
                lines.count > 1 ? String(lines[1]).trimmingCharacters(in: .whitespacesAndNewlines) : "")
    }

    /// The wiki as Markdown, in the words of `words`' language.
    public func markdown(_ words: Words) -> String {
        var out = ["# \(title)", "", introduction, ""]
        for page in pages {
            let (pageTitle, text) = Self.titled(page)
            out += ["## \(pageTitle)", "", text, ""]
        }
        out += ["## " + words[WikiWord.tickets], ""]
        for t in tickets {
            out.append("### \(t.ticket) — \(t.title)")
            out.append("")
            let created = t.created.flatMap { Day($0.prefix(10)) }.map(words.day) ?? "?"
            let work = t.people.isEmpty ? words[WikiWord.noWork] : words[WikiWord.work, words.duration(minutes: t.minutes), t.people.joined(separator: ", ")]
            out.append([words.name(t.status, .status), words[WikiWord.created, created], work].joined(separator: ", "))
            out.append("")
            out.append(t.serviceComment?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "_\(words[WikiWord.noServiceComment])_")
            out.append("")
        }
        return out.joined(separator: "\n")
    }
}
