import Foundation
import GitdeskMail
import GitdeskCore

/// One chat message, from any source.
public struct ChatMessage: Sendable {
    public let id: String
    public let from: String
    public let fromID: String
    public let at: Date
    public let text: String
}

/// Chat exports: Telegram Desktop's `result.json` (one chat, or a full export with
/// `chats.list`) and gitdesk's own small format for other chats:
/// `{"source": "whatsapp", "messages": [{"id", "from", "from_id", "at", "text"}]}`.
public enum ChatExport {
    public static func read(_ data: Data, zone: TimeZone) throws -> [(source: String, messages: [ChatMessage])] {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw DeskError.refused(.notAChatExport)
        }
        if let chats = (root["chats"] as? [String: Any])?["list"] as? [[String: Any]] {
            return try chats.map { try telegram($0, zone: zone) }
        }
        if root["source"] != nil || (root["messages"] as? [[String: Any]])?.first?["at"] != nil {
            let source = root["source"] as? String ?? "chat"
            let messages = try (root["messages"] as? [[String: Any]] ?? []).enumerated().map { index, item -> ChatMessage in
                guard let at = (item["at"] as? String).flatMap({ Timestamp.parse($0, zone: zone) }), let text = item["text"] as? String else {
                    throw DeskError.refused(.chatMessageFields(index + 1))
                }
                let from = item["from"] as? String ?? "?"
                return ChatMessage(id: item["id"].map { "\($0)" } ?? "\(index + 1)", from: from, fromID: item["from_id"] as? String ?? from,
                                   at: at, text: text)
            }
            return [(source, messages)]
        }
        return [try telegram(root, zone: zone)]
    }

    private static func telegram(_ chat: [String: Any], zone: TimeZone) throws -> (source: String, messages: [ChatMessage]) {
        guard let items = chat["messages"] as? [[String: Any]] else { throw DeskError.refused(.chatWithoutMessages) }
        let chatID = chat["id"].map { "\($0)" } ?? "chat"
        let messages = items.compactMap { item -> ChatMessage? in
            guard item["type"] as? String == "message", let id = item["id"] else { return nil }
            let at: Date?
            if let unix = (item["date_unixtime"] as? String).flatMap(Double.init) {
                // Years 1000 to 9998, as everywhere else; `1e300` or `nan` is no date.
                guard unix.isFinite, (-30_610_137_600...253_370_764_799).contains(unix) else { return nil }
                at = Date(timeIntervalSince1970: unix)
            } else {
                at = (item["date"] as? String).flatMap { Timestamp.parse($0, zone: zone) }
            }
            guard let at else { return nil }
            let text: String
            if let plain = item["text"] as? String {
                text = plain
            } else if let parts = item["text"] as? [Any] {
                text = parts.map { ($0 as? String) ?? (($0 as? [String: Any])?["text"] as? String ?? "") }.joined()
            } else {
                text = ""
            }
            guard !text.isEmpty else { return nil }
            let from = item["from"] as? String ?? "?"
            return ChatMessage(id: "\(id)", from: from, fromID: item["from_id"] as? String ?? from, at: at, text: text)
        }
        return ("telegram-\(chatID)", messages)
    }
}

extension Intake {
    /// Chat messages grouped into tickets: a sender's messages less than `gap` apart form one
    /// request. Senders map to clients by the card's `chats` list (IDs or names).
    public mutating func ingest(chat source: String, messages: [ChatMessage], gap: TimeInterval = 4 * 3600) {
        let fresh = messages.filter { !isKnown(chatMessageID(source, $0)) }
        report.duplicates += messages.count - fresh.count
        var groups: [[ChatMessage]] = []
        for message in fresh.sorted(by: { ($0.at, $0.id) < ($1.at, $1.id) }) {
            if let index = groups.lastIndex(where: { $0.last!.fromID == message.fromID }), message.at.timeIntervalSince(groups[index].last!.at) < gap {
                groups[index].append(message)
            } else {
                groups.append([message])
            }
        }
        for group in groups {
            recording("\(source)#\(group[0].id)") { $0.ingest(chatGroup: group, source: source) }
        }
    }

    func chatMessageID(_ source: String, _ message: ChatMessage) -> String { "<\(source)-\(message.id)@chat.gitdesk>" }
}
