import Foundation
import GitdeskCore

/// A parsed e-mail: the headers gitdesk routes by, the best text of the body, attachments.
public struct MailMessage: Sendable {
    public struct Attachment: Sendable {
        public let filename: String
        public let contentType: String
        public let data: Data
    }

    /// Unfolded headers in order, values still RFC 2047-encoded.
    public let headers: [(name: String, value: String)]
    /// The readable body: text/plain preferred, HTML turned into text, forwards included.
    public let text: String
    public let attachments: [Attachment]

    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map { MIME.decodeWords($0.value) }
    }

    public var subject: String { header("Subject")?.trimmingCharacters(in: .whitespaces) ?? "" }
    public var messageID: String? { header("Message-ID").flatMap(MIME.angleIDs).flatMap(\.first) }
    public var inReplyTo: [String] { (header("In-Reply-To").flatMap(MIME.angleIDs) ?? []) + (header("References").flatMap(MIME.angleIDs) ?? []) }
    public var date: Date? { header("Date").flatMap(MIME.parseDate) }

    /// The sender's address (lowercased) and display name.
    public var from: (address: String, name: String?)? {
        guard let value = header("From") else { return nil }
        if let open = value.lastIndex(of: "<"), let close = value.lastIndex(of: ">"), open < close {
            let name = value[..<open].trimmingCharacters(in: CharacterSet(charactersIn: " \"'"))
            return (String(value[value.index(after: open)..<close]).lowercased(), name.isEmpty ? nil : name)
        }
        let address = value.trimmingCharacters(in: .whitespaces)
        return address.contains("@") ? (address.lowercased(), nil) : nil
    }
}

/// Why a message could not be read.
public struct MailError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public var description: String { message }
}

/// MIME decoding: multipart bodies, base64 and quoted-printable, RFC 2047 headers, the
/// charsets Russian mail uses, HTML-only mail.
public enum MIME {
    public static func parse(_ raw: Data) throws -> MailMessage {
        let bytes = [UInt8](raw)
        guard !bytes.isEmpty else { throw MailError(message: "empty message") }
        let (headerBytes, body) = split(bytes)
        let headers = parseHeaders(headerBytes)
        guard headers.contains(where: { $0.name.lowercased() == "from" }) else {
            throw MailError(message: "not an e-mail: no From header")
        }
        var texts: [String] = [], html: [String] = [], attachments: [MailMessage.Attachment] = []
        try walk(headers: headers, body: body, texts: &texts, html: &html, attachments: &attachments, depth: 0)
        let text = texts.isEmpty ? html.map(htmlToText).joined(separator: "\n\n") : texts.joined(separator: "\n\n")
        return MailMessage(headers: headers, text: text.replacingOccurrences(of: "\r\n", with: "\n"), attachments: attachments)
    }

    /// Headers and body split at the first empty line.
    static func split(_ bytes: [UInt8]) -> ([UInt8], [UInt8]) {
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0A {
                if index + 1 < bytes.count, bytes[index + 1] == 0x0A { return (Array(bytes[..<index]), Array(bytes[(index + 2)...])) }
                if index + 2 < bytes.count, bytes[index + 1] == 0x0D, bytes[index + 2] == 0x0A {
                    return (Array(bytes[..<index]), Array(bytes[(index + 3)...]))
                }
            }
            index += 1
        }
        return (bytes, [])
    }

    static func parseHeaders(_ bytes: [UInt8]) -> [(name: String, value: String)] {
        let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        var result: [(String, String)] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let first = line.first, first == " " || first == "\t", !result.isEmpty {
                result[result.count - 1].1 += " " + line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                result.append((String(line[..<colon]).trimmingCharacters(in: .whitespaces), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
        }
        return result
    }

    /// `text/plain; charset="koi8-r"` → ("text/plain", ["charset": "koi8-r"]).
    static func parameters(_ value: String) -> (String, [String: String]) {
        var parts = value.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        let type = parts.isEmpty ? "" : parts.removeFirst().lowercased()
        var params: [String: String] = [:]
        for part in parts {
            guard let eq = part.firstIndex(of: "=") else { continue }
            var key = part[..<eq].lowercased().trimmingCharacters(in: .whitespaces)
            var value = part[part.index(after: eq)...].trimmingCharacters(in: CharacterSet(charactersIn: " \""))
            if key.hasSuffix("*") { // RFC 2231: charset''percent-encoded
                key.removeLast()
                if let quote = value.range(of: "''") {
                    let charset = String(value[..<quote.lowerBound])
                    let bytes = percentDecode(String(value[quote.upperBound...]))
                    value = Charset.decode(bytes, charset: charset) ?? value
                }
            }
            params[key] = value
        }
        return (type, params)
    }

    private static func walk(headers: [(name: String, value: String)], body: [UInt8], texts: inout [String], html: inout [String],
                             attachments: inout [MailMessage.Attachment], depth: Int) throws {
        guard depth < 16 else { throw MailError(message: "MIME nesting too deep") }
        func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name }?.value }
        let (type, params) = parameters(header("content-type") ?? "text/plain")
        let (disposition, dispositionParams) = parameters(header("content-disposition") ?? "")
        if type.hasPrefix("multipart/") {
            guard let boundary = params["boundary"], !boundary.isEmpty else { throw MailError(message: "multipart without a boundary") }
            let parts = try splitMultipart(body, boundary: boundary)
            for part in parts {
                let (h, b) = split(part)
                try walk(headers: parseHeaders(h), body: b, texts: &texts, html: &html, attachments: &attachments, depth: depth + 1)
            }
            return
        }
        let decoded = decodeTransfer(body, encoding: header("content-transfer-encoding") ?? "7bit")
        if type == "message/rfc822" {
            let (h, b) = split(decoded)
            let nestedHeaders = parseHeaders(h)
            var nestedTexts: [String] = [], nestedHTML: [String] = []
            try walk(headers: nestedHeaders, body: b, texts: &nestedTexts, html: &nestedHTML, attachments: &attachments, depth: depth + 1)
            let from = nestedHeaders.first { $0.name.lowercased() == "from" }.map { decodeWords($0.value) } ?? ""
            let subject = nestedHeaders.first { $0.name.lowercased() == "subject" }.map { decodeWords($0.value) } ?? ""
            let inner = nestedTexts.isEmpty ? nestedHTML.map(htmlToText).joined(separator: "\n") : nestedTexts.joined(separator: "\n")
            texts.append("---------- Forwarded message ----------\nFrom: \(from)\nSubject: \(subject)\n\n\(inner)")
            return
        }
        let filename = dispositionParams["filename"] ?? params["name"]
        if disposition == "attachment" || (filename != nil && !type.hasPrefix("text/")) {
            attachments.append(MailMessage.Attachment(filename: decodeWords(filename ?? "attachment"), contentType: type, data: Data(decoded)))
            return
        }
        let text = Charset.decode(decoded, charset: params["charset"] ?? "utf-8") ?? String(decoding: decoded, as: UTF8.self)
        if type == "text/html" { html.append(text) } else if type.hasPrefix("text/") || type.isEmpty { texts.append(text) }
    }

    /// The parts between `--boundary` lines. A missing closing boundary is tolerated; no
    /// opening boundary at all is a broken message.
    static func splitMultipart(_ body: [UInt8], boundary: String) throws -> [[UInt8]] {
        let text = String(decoding: body, as: UTF8.self)
        guard text.contains("--" + boundary) else { throw MailError(message: "broken MIME: boundary \(boundary) never appears") }
        var parts: [[UInt8]] = []
        var current: [UInt8]? = nil
        var lines = body.split(separator: 0x0A, omittingEmptySubsequences: false).makeIterator()
        let open = Array(("--" + boundary).utf8), close = Array(("--" + boundary + "--").utf8)
        while let raw = lines.next() {
            var line = Array(raw)
            if line.last == 0x0D { line.removeLast() }
            let trimmed = Array(line.reversed().drop { $0 == 0x20 || $0 == 0x09 }.reversed())
            if trimmed == close {
                if let c = current { parts.append(c) }
                current = nil
                break
            } else if trimmed == open {
                if let c = current { parts.append(c) }
                current = []
            } else if current != nil {
                current! += raw + [0x0A]
            }
        }
        if let c = current { parts.append(c) }
        return parts
    }

    static func decodeTransfer(_ body: [UInt8], encoding: String) -> [UInt8] {
        switch encoding.lowercased().trimmingCharacters(in: .whitespaces) {
        case "base64":
            let clean = body.filter { !($0 == 0x0A || $0 == 0x0D || $0 == 0x20 || $0 == 0x09) }
            var text = String(decoding: clean, as: UTF8.self)
            while text.count % 4 != 0 { text += "=" }
            return Data(base64Encoded: text).map { [UInt8]($0) } ?? body
        case "quoted-printable":
            return quotedPrintable(body, underscoreIsSpace: false)
        default:
            return body
        }
    }

    static func quotedPrintable(_ bytes: [UInt8], underscoreIsSpace: Bool) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        func hex(_ b: UInt8) -> UInt8? {
            switch b {
            case 0x30...0x39: return b - 0x30
            case 0x41...0x46: return b - 0x37
            case 0x61...0x66: return b - 0x57
            default: return nil
            }
        }
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x3D {
                if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 2; continue }
                if i + 2 < bytes.count, bytes[i + 1] == 0x0D, bytes[i + 2] == 0x0A { i += 3; continue }
                if i + 2 < bytes.count, let h = hex(bytes[i + 1]), let l = hex(bytes[i + 2]) { out.append(h << 4 | l); i += 3; continue }
            }
            out.append(underscoreIsSpace && b == 0x5F ? 0x20 : b)
            i += 1
        }
        return out
    }

    static func percentDecode(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        var bytes = Array(text.utf8).makeIterator()
        while let b = bytes.next() {
            if b == 0x25, let h = bytes.next(), let l = bytes.next(), let v = UInt8(String(decoding: [h, l], as: UTF8.self), radix: 16) {
                out.append(v)
            } else {
                out.append(b)
            }
        }
        return out
    }

    /// RFC 2047 encoded words (`=?koi8-r?B?...?=`), adjacent ones joined.
    public static func decodeWords(_ value: String) -> String {
        guard value.contains("=?") else { return value }
        guard let pattern = try? NSRegularExpression(pattern: "=\\?([^?]+)\\?([bBqQ])\\?([^?]*)\\?=(\\s+(?==\\?))?") else { return value }
        var result = ""
        var last = value.startIndex
        for match in pattern.matches(in: value, range: NSRange(value.startIndex..., in: value)) {
            guard let range = Range(match.range, in: value), let charsetRange = Range(match.range(at: 1), in: value),
                  let modeRange = Range(match.range(at: 2), in: value), let textRange = Range(match.range(at: 3), in: value) else { continue }
            result += value[last..<range.lowerBound]
            let charset = String(value[charsetRange]).split(separator: "*").first.map(String.init) ?? "utf-8"
            let payload = Array(value[textRange].utf8)
            let bytes = value[modeRange].lowercased() == "b"
                ? decodeTransfer(payload, encoding: "base64") : quotedPrintable(payload, underscoreIsSpace: true)
            result += Charset.decode(bytes, charset: charset) ?? String(decoding: bytes, as: UTF8.self)
            last = range.upperBound
        }
        return result + value[last...]
    }

    static func angleIDs(_ value: String) -> [String]? {
        let ids = value.split(separator: "<").compactMap { part -> String? in
            guard let close = part.firstIndex(of: ">") else { return nil }
            return "<" + part[..<close] + ">"
        }
        return ids.isEmpty ? nil : ids
    }

    /// RFC 2822 dates: `Sat, 28 Nov 2026 10:15:00 +0300` (weekday and seconds optional).
    public static func parseDate(_ value: String) -> Date? {
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        var tokens = value.replacingOccurrences(of: ",", with: " ").split(separator: " ").map(String.init)
        if let first = tokens.first, first.count == 3, Int(first) == nil { tokens.removeFirst() }
        guard tokens.count >= 4, tokens[0].count <= 2, tokens[2].count <= 4, let day = Int(tokens[0]),
              let monthIndex = months.firstIndex(of: tokens[1].lowercased().prefix(3).description),
              var year = Int(tokens[2]) else { return nil }
        if year < 100 { year += 2000 }
        let clock = tokens[3].split(separator: ":").map { $0.count <= 2 ? Int($0) : nil }
        // Out-of-range values (a year 9999999999999, an hour 99) are no date: the message
        // then counts as arriving now, never as an overflow.
        guard (2...3).contains(clock.count), clock.allSatisfy({ $0 != nil }), (1000...9999).contains(year), (1...31).contains(day),
              (0...23).contains(clock[0]!), (0...59).contains(clock[1]!), clock.count == 2 || (0...60).contains(clock[2]!),
              Day("\(year)-\(zeroPadded(monthIndex + 1, 2))-\(zeroPadded(day, 2))") != nil else { return nil }
        var offset = 0
        if tokens.count > 4 {
            let zone = tokens[4]
            if let sign = zone.first, sign == "+" || sign == "-", zone.count == 5, let digits = Int(zone.dropFirst()), digits % 100 < 60, digits <= 1800 {
                offset = (sign == "-" ? -1 : 1) * ((digits / 100) * 3600 + (digits % 100) * 60)
            }
        }
        let dayValue = Day(year: year, month: monthIndex + 1, day: day)
        let seconds = dayValue.ordinal * 86_400 + clock[0]! * 3600 + clock[1]! * 60 + (clock.count > 2 ? clock[2]! : 0) - offset
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// HTML-only mail as text: scripts and styles dropped, block ends become line breaks,
    /// tags removed, entities decoded.
    public static func htmlToText(_ html: String) -> String {
        var text = html
        for tag in ["script", "style", "head"] {
            text = text.replacingOccurrences(of: "<\(tag)[^>]*>[\\s\\S]*?</\(tag)>", with: "", options: [.regularExpression, .caseInsensitive])
        }
        text = text.replacingOccurrences(of: "<(br|/p|/div|/li|/tr|/h[1-6])[^>]*>", with: "\n", options: [.regularExpression, .caseInsensitive])
        text = text.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
        for (entity, value) in [("&nbsp;", " "), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&laquo;", "«"), ("&raquo;", "»"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: value)
        }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: "\n").replacingOccurrences(of: "\n{3,}", with: "\n\n", options: .regularExpression)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The new part of a reply: quoted text and the signature cut off.
    public static func trimReply(_ text: String) -> String {
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
