import Cgmime
import Foundation

/// A message to write as an `.eml` file: GMime encodes the headers (RFC 2047 for Cyrillic),
/// the text (quoted-printable or base64 as it needs) and the attachments (base64).
public struct OutgoingMail: Sendable {
    public struct Attachment: Sendable {
        public let filename: String
        public let contentType: String
        public let data: Data
        public init(filename: String, contentType: String, data: Data) { self.filename = filename; self.contentType = contentType; self.data = data }
    }

    public var from: (name: String, address: String)
    public var to: [(name: String, address: String)]
    public var subject: String
    public var date: Date
    public var messageID: String
    public var text: String
    public var attachments: [Attachment]

    public init(from: (name: String, address: String), to: [(name: String, address: String)], subject: String, date: Date,
                messageID: String, text: String, attachments: [Attachment]) {
        self.from = from; self.to = to; self.subject = subject; self.date = date; self.messageID = messageID
        self.text = text; self.attachments = attachments
    }
}

/// Writes messages through GMime (the only code besides `MailReader` that touches its pointers).
public enum MailComposer {
    /// The message as RFC 5322 bytes (CRLF line ends, as mail clients open `.eml` files).
    public static func bytes(_ mail: OutgoingMail) -> Data {
        initialise
        let message = g_mime_message_new(1)!
        defer { gd_unref(message) }
        add(mail.from, GMIME_ADDRESS_TYPE_FROM, to: message)
        for recipient in mail.to { add(recipient, GMIME_ADDRESS_TYPE_TO, to: message) }
        g_mime_message_set_subject(message, mail.subject, "utf-8")
        g_mime_message_set_message_id(message, mail.messageID)
        let date = g_date_time_new_from_unix_utc(gint64(mail.date.timeIntervalSince1970))
        g_mime_message_set_date(message, date)
        g_date_time_unref(date)

        let body = g_mime_text_part_new_with_subtype("plain")!
        g_mime_text_part_set_text(body, mail.text)
        if mail.attachments.isEmpty {
            g_mime_message_set_mime_part(message, gd_object(body))
        } else {
            let mixed = g_mime_multipart_new_with_subtype("mixed")!
            g_mime_multipart_add(mixed, gd_object(body))
            for attachment in mail.attachments {
                let types = attachment.contentType.split(separator: "/").map(String.init)
                let part = g_mime_part_new_with_type(types.first ?? "application", types.count > 1 ? types[1] : "octet-stream")!
                g_mime_part_set_filename(part, attachment.filename)
                let stream = attachment.data.withUnsafeBytes { buffer in
                    g_mime_stream_mem_new_with_buffer(buffer.baseAddress?.assumingMemoryBound(to: CChar.self), buffer.count)
                }
                let wrapper = g_mime_data_wrapper_new_with_stream(stream, GMIME_CONTENT_ENCODING_DEFAULT)
                g_mime_part_set_content(part, wrapper)
                g_mime_part_set_content_encoding(part, GMIME_CONTENT_ENCODING_BASE64)
                gd_unref(wrapper)
                gd_unref(stream)
                g_mime_multipart_add(mixed, gd_object(part))
                gd_unref(part)
            }
            g_mime_message_set_mime_part(message, gd_object(mixed))
            gd_unref(mixed)
        }
        gd_unref(body)

        let format = g_mime_format_options_new()
        defer { g_mime_format_options_free(format) }
        g_mime_format_options_set_newline_format(format, GMIME_NEWLINE_FORMAT_DOS)
        guard let text = g_mime_object_to_string(gd_object(message), format) else { return Data() }
        defer { g_free(text) }
        return Data(bytes: text, count: strlen(text))
    }

    private static let initialise: Void = { g_mime_init() }()

    /// Adds a mailbox whose name is encoded in UTF-8 (left to itself GMime picks the smallest
    /// charset that fits, such as ISO-8859-5, which some readers join with a doubled space).
    private static func add(_ mailbox: (name: String, address: String), _ type: GMimeAddressType, to message: UnsafeMutablePointer<GMimeMessage>) {
        guard let address = internet_address_mailbox_new(mailbox.name, mailbox.address) else { return }
        internet_address_set_charset(address, "UTF-8")
        internet_address_list_add(g_mime_message_get_addresses(message, type), address)
        gd_unref(address)
    }
}
