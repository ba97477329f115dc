import Foundation
import GitdeskCore
import GitdeskStore

/// What happened to a ticket and when, with times taken from the commits that did it.
public struct Timeline: Sendable {
    public struct StatusSpan: Sendable {
        public let status: String
        public let from: Date
        public var to: Date?
        /// Who made the change (commit author e-mail).
        public let by: String?
    }

    public let ticket: FolderFacts.TicketFacts
    public let created: Date
    /// The statuses the ticket went through, oldest first; the last one is open-ended.
    public let spans: [StatusSpan]
    /// When each message was committed, and whether it came from the client.
    public let messages: [(at: Date, fromClient: Bool)]
    /// When work lines were committed.
    public let workRecorded: [Date]

    /// The first staff message or the first move out of new/accepted, whichever came first.
    public var firstResponse: Date? {
        let message = messages.first { !$0.fromClient }?.at
        let move = spans.dropFirst().first { !["new", "accepted"].contains($0.status) }?.from
        return [message, move].compactMap { $0 }.min()
    }

    /// When the current status began.
    public var currentSince: Date { spans.last?.from ?? created }

    /// Whether `path` has `/messages/` in it, compared over its bytes in place.
    private static func mentionsMessages(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { bytes in
            guard bytes.count >= 10, let start = bytes.baseAddress else { return false }
            for offset in 0...(bytes.count - 10) where bytes[offset] == 0x2F && bytes[offset + 9] == 0x2F {
                if memcmp(start + offset, "/messages/", 10) == 0 { return true }
            }
            return false
        }
    }

    /// Builds the timelines of these tickets (from the folder records) from the history.
    public static func all<Tickets: Sequence>(tickets: Tickets, history: DeskHistory) -> [String: Timeline]
    where Tickets.Element == FolderFacts.TicketFacts {
        func time(_ commit: Int) -> Date { Date(timeIntervalSince1970: TimeInterval(history.commits[commit].time)) }
        var statusEvents: [String: [StatusEvent]] = [:]
        for event in history.statuses { statusEvents[event.ticket, default: []].append(event) }
        var messageTimes: [String: Date] = [:]
        // A substring test of the bytes first (Foundation's `contains` was a tenth of a
        // dashboard): most changed files are work logs and cards.
        for event in history.files where mentionsMessages(event.path) && TicketPath(event.path)?.inner.hasPrefix("messages/") == true {
            messageTimes[event.path] = messageTimes[event.path] ?? time(event.commit)
        }
        var result: [String: Timeline] = [:]
        for ticket in tickets {
            let events = statusEvents[ticket.ticket] ?? []
            let firstCommit = events.first.map { time($0.commit) }
            let created = ticket.created ?? firstCommit ?? Date(timeIntervalSince1970: 0)
            var spans: [StatusSpan] = []
            for event in events {
                guard let status = event.to else { continue }
                let at = max(time(event.commit), created)
                if !spans.isEmpty { spans[spans.count - 1].to = at }
                spans.append(StatusSpan(status: status, from: spans.isEmpty ? created : at, to: nil, by: history.commits[event.commit].email))
            }
            if spans.isEmpty { spans = [StatusSpan(status: ticket.status, from: created, to: nil, by: nil)] }
            let folder = ticket.folder + "/"
            let messages = ticket.messages.map { message in
                (at: messageTimes[folder + message.name] ?? message.at ?? created, fromClient: message.fromClient)
            }.sorted { $0.at < $1.at }
            result[ticket.ticket] = Timeline(ticket: ticket, created: created, spans: spans, messages: messages,
                                         workRecorded: (history.workAdded[ticket.workFile] ?? []).map(time).sorted())
        }
        return result
    }

    /// Working minutes between `from` and `to` spent in one of `statuses`.
    public func minutes(in statuses: Set<String>, from: Date, to: Date, calendar: WorkCalendar) -> Int {
        spans.filter { statuses.contains($0.status) }.reduce(0) { total, span in
            let start = max(span.from, from), end = min(span.to ?? to, to)
            return total + calendar.workingMinutes(from: start, to: end)
        }
    }
}
