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

/// A chat export read: its chats, and each message that could not be taken (with why) or
/// was taken differently than written (no date), in words for the report.
public struct ChatExportReading: Sendable {
    public var chats: [(source: String, messages: [ChatMessage])] = []
    public var skipped: [Text] = []
    public var notes: [Text] = []
}

/// Chat exports: Telegram Desktop's `result.json` (one chat, or a full export with
/// `chats.list`) and gitdesk's own small format for other chats:
/// `{"source": "whatsapp", "messages": [{"id", "from", "from_id", "at", "text"}]}`.
///
/// Read as Telegram writes them: dates in ISO 8601 with or without fractions and offsets, or
/// `date_unixtime`; a message without a date is kept with the time of the run (a note says
/// so); photos, stickers, voice and files without a caption as a placeholder with their kind
/// and file name; `text_link` as "text (URL)"; a forward marked with its origin; a numeric
/// `from_id` (older exports) as `userN`. A source or message ID that could reach a file name
/// (anything but letters, digits, `-`, `_`) is refused per message, with the reason.
public enum ChatExport {
    public static func read(_ data: Data, zone: TimeZone, now: Date = Date(), language: Language = .ru) throws -> ChatExportReading {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw DeskError.refused(.notAChatExport)
        }
        var reading = ChatExportReading()
        let context = Context(zone: zone, now: now, language: language)
        if let chats = (root["chats"] as? [String: Any])?["list"] as? [[String: Any]] {
            for chat in chats { try telegram(chat, context, into: &reading) }
        } else if root["source"] != nil || (root["messages"] as? [[String: Any]])?.first?["at"] != nil {
            let source = root["source"].map { "\($0)" } ?? "chat"
            var messages: [ChatMessage] = []
            for (index, item) in (root["messages"] as? [[String: Any]] ?? []).enumerated() {
                let id = item["id"].map { "\($0)" } ?? "\(index + 1)"
                let name = "\(source)#\(id)"
                guard safe(source), safe(id) else { reading.skipped.append(Text(verbatim: name.replacingControlCharacters(with: "?") + ": ") + Problem.chatUnsafeName.text); continue }
                guard let text = item["text"] as? String, !text.isEmpty else { reading.skipped.append(Text(verbatim: name + ": ") + Problem.chatMessageFields(index + 1).text); continue }
                let from = item["from"] as? String ?? "?"
                messages.append(ChatMessage(id: id, from: from, fromID: sender(item["from_id"]) ?? from,
                                            at: context.date(item["at"], name: name, into: &reading), text: text))
            }
            reading.chats.append((source, messages))
        } else {
            try telegram(root, context, into: &reading)
        }
        return reading
    }

    private struct Context {
        let zone: TimeZone, now: Date, language: Language

        /// The time a message names; without a readable one, the run's, with a note.
        func date(_ value: Any?, unix: Any? = nil, name: String, into reading: inout ChatExportReading) -> Date {
            if let unix = unix.map({ "\($0)" }).flatMap(Double.init), unix.isFinite, (-30_610_137_600...253_370_764_799).contains(unix) {
                return Date(timeIntervalSince1970: unix)
            }
            if let text = value as? String, let at = Timestamp.parse(text, zone: zone) { return at }
            reading.notes.append(Text(verbatim: name + ": ") + Problem.chatNoDate.text)
            return now
        }
    }

    /// A name that may become part of a file name: letters, digits, `-` and `_`, at most 64.
    private static func safe(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64 && name.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "-" || $0 == "_" }
    }

    /// `from_id` as a string: Telegram's `user123`, or an older export's number as `user123`.
    private static func sender(_ value: Any?) -> String? {
        if let text = value as? String, !text.isEmpty { return text }
        if let number = value as? NSNumber { return "user\(number.int64Value)" }
        return nil
    }

    private static func telegram(_ chat: [String: Any], _ context: Context, into reading: inout ChatExportReading) throws {
        guard let items = chat["messages"] as? [[String: Any]] else { throw DeskError.refused(.chatWithoutMessages) }
        let chatID = chat["id"].map { "\($0)" } ?? "chat"
        let source = "telegram-\(chatID)"
        var messages: [ChatMessage] = []
        for item in items {
            guard item["type"] as? String == "message" else { continue }
            let id = item["id"].map { "\($0)" } ?? ""
            let name = "\(source)#\(id)"
            guard safe(chatID), safe(id) else {
                reading.skipped.append(Text(verbatim: name.replacingControlCharacters(with: "?") + ": ") + Problem.chatUnsafeName.text)
                continue
            }
            var text = words(item["text"])
            if let media = placeholder(item, context.language) { text = text.isEmpty ? media : media + "\n" + text }
            if let origin = item["forwarded_from"] as? String, !text.isEmpty {
                text = Problem.chatForwarded(origin).text.text(in: context.language) + "\n" + text
            }
            guard !text.isEmpty else {
                reading.skipped.append(Text(verbatim: name + ": ") + Problem.chatEmptyMessage.text)
                continue
            }
            let from = item["from"] as? String ?? "?"
            messages.append(ChatMessage(id: id, from: from, fromID: sender(item["from_id"]) ?? from,
                                        at: context.date(item["date"], unix: item["date_unixtime"], name: name, into: &reading), text: text))
        }
        reading.chats.append((source, messages))
    }

    /// The text as Telegram stores it: a string, or parts (strings and entities); a link
    /// whose words differ from its address keeps both.
    private static func words(_ value: Any?) -> String {
        if let plain = value as? String { return plain }
        guard let parts = value as? [Any] else { return "" }
        return parts.map { part -> String in
            if let plain = part as? String { return plain }
            guard let entity = part as? [String: Any] else { return "" }
            let text = entity["text"] as? String ?? ""
            if entity["type"] as? String == "text_link", let href = entity["href"] as? String, href != text { return "\(text) (\(href))" }
            return text
        }.joined()
    }

    /// A photo, sticker, voice message or file as `[фото: photo_12.jpg]`, nil for none.
    private static func placeholder(_ item: [String: Any], _ language: Language) -> String? {
        let file = (item["photo"] ?? item["file"]).map { "\($0)" }.map { ($0 as NSString).lastPathComponent }
        let kind: String
        switch item["media_type"] as? String {
        case "sticker": kind = "sticker"
        case "voice_message", "audio_file": kind = "voice"
        case "video_file", "video_message", "animation": kind = "video"
        default:
            if item["photo"] != nil { kind = "photo" } else if item["file"] != nil { kind = "file" } else { return nil }
        }
        let label = Problem.chatMedia(kind: kind).text.text(in: language)
        let detail = file ?? (item["sticker_emoji"] as? String)
        return "[" + label + (detail.map { ": " + $0 } ?? "") + "]"
    }
}

extension Intake {
    /// What reading the export found: messages it could not take, and dates it had to supply.
    public mutating func account(_ reading: ChatExportReading) {
        report.skipped += reading.skipped
        report.notes += reading.notes
    }

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
