import Cgmime
import Foundation

/// A parsed e-mail, in UTF-8: what intake routes by and stores.
public struct MailMessage: Sendable {
    public struct Attachment: Sendable {
        public let filename: String
        public let contentType: String
        public let data: Data
    }

    public let subject: String
    public let messageID: String?
    /// In-Reply-To, then References: the messages this one answers.
    public let inReplyTo: [String]
    /// The Date header as written (nil when missing).
    public let dateHeader: String?
    /// The date it names, when GMime reads one.
    public let date: Date?
    /// Dates of the Received headers, newest first (when the message reached each server).
    public let received: [Date]
    /// The sender's address (lowercased; may be empty, as in `MAILER DAEMON <>`) and name.
    public let from: (address: String, name: String?)?
    /// Text parts (text/plain that is not an attachment), decoded to UTF-8.
    public let texts: [String]
    /// HTML parts, decoded to UTF-8 (for mail without plain text).
    public let html: [String]
    public let attachments: [Attachment]
    /// Parts whose text could not be decoded (an unknown or missing charset): kept as
    /// attachments and named here, never stored as invalid text.
    public let undecodable: [String]
}

/// Why a message could not be read.
public enum MailError: Error, Sendable, Equatable {
    case empty
    /// GMime finds no message in it.
    case notMail
    case noFromHeader
}

/// Reads messages through GMime, the MIME library behind notmuch: RFC 5322 headers,
/// RFC 2047 words and RFC 2231 parameters, every charset iconv knows, base64 and
/// quoted-printable, CRLF or LF, broken structure recovered the way mail clients recover
/// it. The only code that touches GMime's pointers.
public enum MailReader {
    /// Undeclared 8-bit header text is tried in these charsets, in order.
    public static func read(_ raw: Data, fallbackCharsets: [String] = ["UTF-8", "windows-1251"]) throws -> MailMessage {
        guard !raw.isEmpty else { throw MailError.empty }
        initialise
        let options = g_mime_parser_options_new()
        defer { g_mime_parser_options_free(options) }
        g_mime_parser_options_set_rfc2047_compliance_mode(options, GMIME_RFC_COMPLIANCE_LOOSE)
        g_mime_parser_options_set_address_compliance_mode(options, GMIME_RFC_COMPLIANCE_LOOSE)
        g_mime_parser_options_set_parameter_compliance_mode(options, GMIME_RFC_COMPLIANCE_LOOSE)
        var charsets = fallbackCharsets.map { strdup($0) } + [nil]
        defer { charsets.forEach { free($0) } }
        charsets.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: buffer.count) {
                g_mime_parser_options_set_fallback_charsets(options, $0)
            }
        }
        let repaired = Data(RawRepair.repaired([UInt8](raw)))
        let message: UnsafeMutablePointer<GMimeMessage>? = repaired.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self),
                  let stream = g_mime_stream_mem_new_with_buffer(base, bytes.count) else { return nil }
            defer { gd_unref(stream) }
            guard let parser = g_mime_parser_new_with_stream(stream) else { return nil }
            defer { gd_unref(parser) }
            return g_mime_parser_construct_message(parser, options)
        }
        guard let message else { throw MailError.notMail }
        defer { gd_unref(message) }
        guard let object = gd_object(message), g_mime_object_get_header(object, "From") != nil else { throw MailError.noFromHeader }

        var walk = PartWalk()
        if let body = g_mime_message_get_mime_part(message) { walk.visit(body, depth: 0) }
        return MailMessage(
            subject: rawHeader(object, "Subject").map { HeaderText.decode($0, fallbackCharsets: fallbackCharsets) } ?? "",
            messageID: string(g_mime_message_get_message_id(message)).map { "<\($0)>" },
            inReplyTo: references(g_mime_object_get_header(object, "In-Reply-To"), options) + references(g_mime_object_get_header(object, "References"), options),
            dateHeader: string(g_mime_object_get_header(object, "Date")),
            date: date(g_mime_message_get_date(message)),
            received: receivedDates(object),
            from: sender(g_mime_message_get_from(message)) ?? displayName(g_mime_object_get_header(object, "From"), options),
            texts: walk.texts, html: walk.html, attachments: walk.attachments, undecodable: walk.undecodable)
    }

    private static let initialise: Void = { g_mime_init() }()

    /// The first header of that name as it came, folding and encoded words included.
    private static func rawHeader(_ object: UnsafeMutablePointer<GMimeObject>, _ name: String) -> [UInt8]? {
        guard let headers = g_mime_object_get_header_list(object) else { return nil }
        for index in 0..<g_mime_header_list_get_count(headers) {
            guard let header = g_mime_header_list_get_header_at(headers, index),
                  let headerName = string(g_mime_header_get_name(header)), headerName.lowercased() == name.lowercased(),
                  let value = g_mime_header_get_raw_value(header) else { continue }
            return Array(UnsafeRawBufferPointer(start: value, count: strlen(value)))
        }
        return nil
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        pointer.flatMap { String(validatingUTF8: $0) }
    }

    private static func date(_ value: OpaquePointer?) -> Date? {
        guard let value else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(g_date_time_to_unix(value)))
    }

    private static func references(_ header: UnsafePointer<CChar>?, _ options: OpaquePointer?) -> [String] {
        guard let header, let list = g_mime_references_parse(options, header) else { return [] }
        defer { g_mime_references_free(list) }
        return (0..<g_mime_references_length(list)).compactMap { string(g_mime_references_get_message_id(list, $0)).map { "<\($0)>" } }
    }

    /// The dates after the `;` of each Received header, newest (topmost) first.
    private static func receivedDates(_ object: UnsafeMutablePointer<GMimeObject>) -> [Date] {
        guard let headers = g_mime_object_get_header_list(object) else { return [] }
        var dates: [Date] = []
        for index in 0..<g_mime_header_list_get_count(headers) {
            guard let header = g_mime_header_list_get_header_at(headers, index),
                  let name = string(g_mime_header_get_name(header)), name.lowercased() == "received",
                  let value = string(g_mime_header_get_value(header)), let semicolon = value.lastIndex(of: ";") else { continue }
            if let parsed = g_mime_utils_header_decode_date(String(value[value.index(after: semicolon)...])) {
                dates.append(Date(timeIntervalSince1970: TimeInterval(g_date_time_to_unix(parsed))))
                g_date_time_unref(parsed)
            }
        }
        return dates
    }

    private static func sender(_ list: UnsafeMutablePointer<InternetAddressList>?) -> (address: String, name: String?)? {
        guard let list, internet_address_list_length(list) > 0, let address = internet_address_list_get_address(list, 0) else { return nil }
        let name = string(internet_address_get_name(address)).flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        guard gd_is_mailbox(address) != 0 else { return name.map { ("", $0) } }
        return ((string(internet_address_mailbox_get_addr(gd_mailbox(address))) ?? "").lowercased(), name)
    }

    /// A From header with no address in it (`MAILER DAEMON <>`): its text as the name.
    private static func displayName(_ header: UnsafePointer<CChar>?, _ options: OpaquePointer?) -> (address: String, name: String?)? {
        guard let header, let decoded = g_mime_utils_header_decode_text(options, header) else { return nil }
        defer { g_free(decoded) }
        let name = (string(decoded) ?? "").replacingOccurrences(of: "<>", with: "").trimmingCharacters(in: .whitespaces)
        return name.isEmpty ? nil : ("", name)
    }

    /// The parts of a message body in order: texts, HTML, attachments.
    private struct PartWalk {
        var texts: [String] = [], html: [String] = [], attachments: [MailMessage.Attachment] = [], undecodable: [String] = []

        mutating func visit(_ object: UnsafeMutablePointer<GMimeObject>, depth: Int) {
            guard depth < 32 else { return }
            if gd_is_multipart(object) != 0 {
                let multipart = gd_multipart(object)
                let count = g_mime_multipart_get_count(multipart)
                for index in 0..<count {
                    if let part = g_mime_multipart_get_part(multipart, index) { visit(part, depth: depth + 1) }
                }
                // No part at the boundary it names: the text before it is the message, as
                // mail clients show it.
                if count == 0, let prologue = MailReader.string(g_mime_multipart_get_prologue(multipart)), !prologue.isEmpty {
                    texts.append(prologue)
                }
            } else if gd_is_message_part(object) != 0 {
                // A forwarded message: its text is part of this one.
                if let inner = g_mime_message_part_get_message(gd_message_part(object)), let body = g_mime_message_get_mime_part(inner) {
                    visit(body, depth: depth + 1)
                }
            } else if gd_is_part(object) != 0 {
                part(gd_part(object), object: object)
            }
        }

        private mutating func part(_ part: UnsafeMutablePointer<GMimePart>, object: UnsafeMutablePointer<GMimeObject>) {
            let type = g_mime_object_get_content_type(object)
            let media = (MailReader.string(type.flatMap { g_mime_content_type_get_media_type($0) }) ?? "text").lowercased()
            // `Content-Type: text` with no subtype is plain text, as Python reads it.
            let declared = (MailReader.string(type.flatMap { g_mime_content_type_get_media_subtype($0) }) ?? "").lowercased()
            let subtype = declared.isEmpty || (media == "text" && declared == "*") ? "plain" : declared
            let filename = MailReader.string(g_mime_part_get_filename(part))
            // A bare `Content-Type: text`, which GMime takes for an unknown type.
            let bare = MailReader.string(g_mime_object_get_header(object, "Content-Type"))?
                .split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() == "text"
            let isText = bare || (media == "text" && (subtype == "plain" || subtype == "html"))
            if isText && g_mime_part_is_attachment(part) == 0 {
                let charset = MailReader.string(g_mime_object_get_content_type_parameter(object, "charset"))
                if let text = decodedText(part, object: object, charset: charset) {
                    if subtype == "html" && !bare { html.append(text) } else { texts.append(text) }
                    return
                }
                let name = "part-\(texts.count + html.count + attachments.count + 1).\(subtype == "html" ? "html" : "txt")"
                undecodable.append("\(name) (charset \(charset ?? "not declared"))")
                attachments.append(.init(filename: name, contentType: "\(media)/\(subtype)", data: content(part)))
                return
            }
            attachments.append(.init(filename: filename ?? "attachment", contentType: "\(media)/\(subtype)", data: content(part)))
        }

        /// The text in UTF-8: converted from its declared charset through GMime's charset
        /// filter (iconv); without one, taken when it is valid UTF-8 (ASCII is). Nil when it
        /// cannot be decoded.
        private func decodedText(_ part: UnsafeMutablePointer<GMimePart>, object: UnsafeMutablePointer<GMimeObject>, charset: String?) -> String? {
            let bytes = content(part)
            guard let charset, !["utf-8", "utf8", "us-ascii", "ascii"].contains(charset.lowercased()) else {
                return String(data: bytes, encoding: .utf8)
            }
            guard let name = RawRepair.iconvName(charset), let memory = g_mime_stream_mem_new() else { return nil }
            defer { gd_unref(memory) }
            guard let filtered = g_mime_stream_filter_new(memory), let filter = g_mime_filter_charset_new(name, "UTF-8") else { return nil }
            defer { gd_unref(filtered) }
            g_mime_stream_filter_add(gd_stream_filter(filtered), filter)
            gd_unref(filter)
            let written = bytes.withUnsafeBytes { buffer in
                buffer.baseAddress.map { g_mime_stream_write(filtered, $0.assumingMemoryBound(to: CChar.self), buffer.count) } ?? 0
            }
            guard written == bytes.count, g_mime_stream_flush(filtered) == 0,
                  let array = g_mime_stream_mem_get_byte_array(gd_stream_mem(memory)) else { return nil }
            let converted = array.pointee.data.map { Data(bytes: $0, count: Int(array.pointee.len)) } ?? Data()
            return String(data: converted, encoding: .utf8)
        }

        /// The part's content with its transfer encoding undone, byte for byte.
        private func content(_ part: UnsafeMutablePointer<GMimePart>) -> Data {
            guard let wrapper = g_mime_part_get_content(part), let stream = g_mime_stream_mem_new() else { return Data() }
            defer { gd_unref(stream) }
            g_mime_data_wrapper_write_to_stream(wrapper, stream)
            guard let array = g_mime_stream_mem_get_byte_array(gd_stream_mem(stream)), let data = array.pointee.data else { return Data() }
            return Data(bytes: data, count: Int(array.pointee.len))
        }
    }
}
