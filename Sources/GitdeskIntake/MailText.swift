import Foundation
import GitdeskCore
import GitdeskMail

/// What intake makes of a parsed message: its text, its date, its identity.
enum MailText {
    /// The readable body: the plain text parts, or the HTML ones as text.
    /// A text part that is itself undeclared MIME (a boundary line, then part headers) gives
    /// way to the message's HTML when it has some, and is otherwise read without the MIME
    /// lines: no `Content-Type:` reaches a ticket.
    static func body(_ mail: MailMessage) -> String {
        let texts = mail.texts.map { $0.replacingOccurrences(of: "\r\n", with: "\n") }
        if texts.isEmpty || (texts.allSatisfy(isRawMIME) && !mail.html.isEmpty) {
            return mail.html.map(htmlToText).joined(separator: "\n\n").replacingOccurrences(of: "\r\n", with: "\n")
        }
        return texts.map(withoutRawMIME).joined(separator: "\n\n")
    }

    /// True when a text holds a boundary line (`--…`) followed by a `Content-…:` header line.
    static func isRawMIME(_ text: String) -> Bool {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return zip(lines, lines.dropFirst()).contains { isBoundary($0) && isPartHeader($1) }
    }

    /// The text without boundary lines that open part headers, those headers, and the
    /// boundaries that close such parts.
    static func withoutRawMIME(_ text: String) -> String {
        guard isRawMIME(text) else { return text }
        var kept: [Substring] = []
        var inHeaders = false
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var boundaries: Set<Substring> = []
        for (index, line) in lines.enumerated() where isBoundary(line) && index + 1 < lines.count && isPartHeader(lines[index + 1]) {
            boundaries.insert(line)
        }
        for line in lines {
            if inHeaders {
                if line.trimmingCharacters(in: .whitespaces).isEmpty { inHeaders = false }
                continue
            }
            if boundaries.contains(line) { inHeaders = true; continue }
            if boundaries.contains { line == $0 + "--" } { continue }
            kept.append(line)
        }
        return kept.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func isBoundary(_ line: Substring) -> Bool {
        line.hasPrefix("--") && line.count > 2 && !line.contains(" ") && line != "---"
    }

    private static func isPartHeader(_ line: Substring) -> Bool {
        line.range(of: "^Content-[A-Za-z-]+:", options: [.regularExpression, .caseInsensitive]) != nil
    }

    /// The message's date when it is sane (1990 up to a day ahead of `now`); else the time a
    /// server received it, else `now`, with a note saying so.
    static func date(_ mail: MailMessage, now: Date) -> (date: Date, note: Problem?) {
        let sane = Date(timeIntervalSince1970: 631_152_000)...now.addingTimeInterval(86_400)
        if let date = mail.date, sane.contains(date) { return (date, nil) }
        let fallback = mail.received.first(where: sane.contains)
        return (fallback ?? now, .dateNotReal(mail.dateHeader.map { String($0.prefix(60)) }, received: fallback != nil))
    }

    /// A message's identity: its Message-ID, or a digest of what it says (sender, subject,
    /// date, text), so the same mail from a maildir, an mbox and an `.eml` lands once.
    static func identity(_ mail: MailMessage) -> String {
        if let id = mail.messageID { return id }
        let lines = body(mail).split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let normalised = [mail.from?.address ?? "", mail.subject, mail.dateHeader ?? "", lines.joined(separator: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)].joined(separator: "\u{0}")
        return "<sha256-\(SHA256.hex(Array(normalised.utf8)).prefix(32))@gitdesk>"
    }

    /// HTML-only mail as text: scripts and styles dropped, block ends become line breaks,
    /// tags removed, character references (named and numeric) decoded.
    static func htmlToText(_ html: String) -> String {
        var text = html
        for tag in ["script", "style", "head"] {
            text = text.replacingOccurrences(of: "<\(tag)[^>]*>[\\s\\S]*?</\(tag)>", with: "", options: [.regularExpression, .caseInsensitive])
        }
        // Cells stay apart on their row, list items start their own line: no word is glued
        // to the next cell's or item's.
        text = text.replacingOccurrences(of: "</t[dh]\\s*>", with: "\t", options: [.regularExpression, .caseInsensitive])
        text = text.replacingOccurrences(of: "<li[^>]*>", with: "\n• ", options: [.regularExpression, .caseInsensitive])
        text = text.replacingOccurrences(of: "<(br|/p|/div|/tr|/ul|/ol|/table|/h[1-6])[^>]*>", with: "\n", options: [.regularExpression, .caseInsensitive])
        text = decodeEntities(text.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression))
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.replacingOccurrences(of: "[ \\t]*\\t[ \\t]*", with: "  ", options: .regularExpression).trimmingCharacters(in: .whitespaces) }
            .joined(separator: "\n").replacingOccurrences(of: "\n{3,}", with: "\n\n", options: .regularExpression)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static let entities: [String: String] = [
        "nbsp": " ", "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "laquo": "«", "raquo": "»", "mdash": "—",
        "ndash": "–", "hellip": "…", "copy": "©", "reg": "®", "trade": "™", "euro": "€", "lsquo": "‘", "rsquo": "’", "ldquo": "“",
        "rdquo": "”", "bdquo": "„", "bull": "•", "middot": "·", "times": "×", "deg": "°", "plusmn": "±", "shy": "", "numero": "№",
        "sect": "§", "para": "¶", "minus": "−", "thinsp": " ", "ensp": " ", "emsp": " ", "rarr": "→", "larr": "←",
    ]

    /// `&mdash;`, `&#8470;`, `&#x2116;` → their characters; anything else stays as written.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semicolon = after.prefix(12).firstIndex(of: ";") {
                let name = after[..<semicolon]
                var scalar: Unicode.Scalar?
                if name.hasPrefix("#x") || name.hasPrefix("#X") { scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init) }
                else if name.hasPrefix("#") { scalar = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init) }
                if let scalar, scalar.value >= 0x20 || scalar == "\n" || scalar == "\t" {
                    out.unicodeScalars.append(scalar)
                    rest = after[after.index(after: semicolon)...]
                    continue
                }
                if let value = entities[String(name)] {
                    out += value
                    rest = after[after.index(after: semicolon)...]
                    continue
                }
            }
            out += "&"
            rest = after
        }
        return out + rest
    }

    /// The new part of a reply: quoted text and the signature cut off.
    static func trimReply(_ text: String) -> String {
        var kept: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if line == "-- " || line == "--" || trimmed.hasPrefix("-----Original Message") || trimmed.hasPrefix("-----Исходное сообщение")
                || (trimmed.hasPrefix("On ") && trimmed.hasSuffix("wrote:")) || trimmed.hasSuffix("написал:") || trimmed.hasSuffix("написала:")
                || trimmed.hasSuffix("написал(а):") {
                break
            }
            if trimmed.hasPrefix(">") { continue }
            kept.append(line)
        }
        return kept.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
