/// Names that become paths or stand in lines: logins, client and project slugs, kinds,
/// statuses. Lowercase ASCII letters, digits, `-`, `_` and `.`, starting with a letter or
/// digit, so no name can hold `/`, `..`, spaces or control characters.
public enum Identifier {
    public static func isValid(_ name: some StringProtocol) -> Bool {
        let bytes = name.utf8
        guard let first = bytes.first, bytes.count <= 64, isLowerAlnum(first) else { return false }
        var previous: UInt8 = 0
        for byte in bytes {
            guard isLowerAlnum(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "."),
                  !(byte == UInt8(ascii: ".") && previous == byte) else { return false }
            previous = byte
        }
        return true
    }

    private static func isLowerAlnum(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}

/// A client's site token: the secret part of its site folder's name (`romashka-TOKEN`).
/// Lowercase letters, digits, `-` and `_`, at least 16 of them (about 80 bits when random;
/// `client add` makes 26 base-32 characters, 130 bits), at most 64.
public enum SiteToken {
    public static func isValid(_ token: String) -> Bool {
        (16...64).contains(token.utf8.count) && token.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
    }

    /// A new random token: 26 characters of lowercase base-32, 130 bits.
    public static func generate<G: RandomNumberGenerator>(using generator: inout G) -> String {
        let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz")
        return String((0..<26).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    /// The site folder of a client: `slug-TOKEN`, or the bare slug without a token.
    public static func folder(slug: String, token: String?) -> String {
        token.map { "\(slug)-\($0)" } ?? slug
    }
}

/// Ticket IDs: the client's prefix, a dash and a short random code in Crockford base-32
/// (`ACME-4F7Q`). Random codes need no central counter, so two clones never collide on
/// "max + 1"; the code grows by one character whenever a length gets crowded.
public enum TicketID {
    /// Crockford's alphabet: digits and capitals without I, L, O and U.
    public static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    public static func isValid(_ id: String) -> Bool {
        let parts = id.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, isValidPrefix(String(parts[0])), (4...12).contains(parts[1].count) else { return false }
        return parts[1].allSatisfy { alphabet.contains($0) }
    }

    /// The ticket's folder: `tickets/PREFIX/ID`. Tickets are grouped by client prefix so no
    /// tree in the repository grows past a client's tickets (a flat folder of 150 000 tickets
    /// would rewrite a 5 MB tree object on every commit).
    public static func folder(of id: String) -> String {
        "tickets/\(id.split(separator: "-", maxSplits: 1).first ?? "")/\(id)"
    }

    /// A client prefix: 2–10 capital ASCII letters or digits, starting with a letter.
    public static func isValidPrefix(_ prefix: String) -> Bool {
        guard (2...10).contains(prefix.count), let first = prefix.first, first.isASCII, first.isUppercase else { return false }
        return prefix.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) }
    }

    /// A new ID for `prefix` not in `existing`.
    public static func generate<G: RandomNumberGenerator>(
        prefix: String, existing: some IDSet, using generator: inout G
    ) -> String {
        uniqueRandomCode(length: 4, alphabet: alphabet, existing: existing, using: &generator) { "\(prefix)-\($0)" }
    }
}

/// IDs in use, asked one at a time: a set, or an index that answers without building one
/// (a desk has millions of transaction IDs; a write asks about a handful).
public protocol IDSet {
    func contains(_ id: String) -> Bool
}

extension Set: IDSet where Element == String {}

/// A file inside a ticket folder, `tickets/GROUP/TICKET/INNER`, taken apart: the one place
/// the layout of ticket paths is read (see `TicketID.folder(of:)` for how it is made).
public struct TicketPath {
    /// The client's group folder (`ACME`), the ticket's folder (`ACME-4RXS`) and the path
    /// inside it (`work.md`, `messages/20261103T090000-client.md`).
    public let group: Substring
    public let ticket: Substring
    public let inner: Substring

    /// Nil unless `path` is `tickets/GROUP/TICKET/INNER` with none of the three empty.
    public init?(_ path: String) {
        guard path.hasPrefix("tickets/") else { return nil }
        let rest = Substring(path).dropFirst("tickets/".count)
        guard let first = rest.utf8.firstIndex(of: UInt8(ascii: "/")) else { return nil }
        let afterGroup = rest[rest.index(after: first)...]
        guard let second = afterGroup.utf8.firstIndex(of: UInt8(ascii: "/")) else { return nil }
        group = rest[..<first]
        ticket = afterGroup[..<second]
        inner = afterGroup[afterGroup.index(after: second)...]
        guard !group.isEmpty, !ticket.isEmpty, !inner.isEmpty else { return nil }
    }

    /// `tickets/GROUP/TICKET`.
    public var folder: String { "tickets/\(group)/\(ticket)" }
}

/// New transaction IDs: a letter for the file kind (`w` work, `p` ledger) and six random
/// hex digits, unique in the desk.
public enum TransactionIDGenerator {
    public static func generate<G: RandomNumberGenerator>(
        letter: Character, existing: some IDSet, using generator: inout G
    ) -> String {
        uniqueRandomCode(length: 6, alphabet: Array("0123456789abcdef"), existing: existing, using: &generator) { String(letter) + $0 }
    }
}

/// A random code of `length` characters, made into an ID by `make`, not in `existing`; the
/// length grows by one after every eight collisions, so a crowded space never loops.
private func uniqueRandomCode<G: RandomNumberGenerator>(
    length: Int, alphabet: [Character], existing: some IDSet, using generator: inout G, make: (String) -> String
) -> String {
    var length = length
    var attempts = 0
    while true {
        let id = make(String((0..<length).map { _ in alphabet.randomElement(using: &generator)! }))
        if !existing.contains(id) { return id }
        attempts += 1
        if attempts % 8 == 0 { length += 1 }
    }
}

extension StringProtocol {
    /// The characters in the text, as `count` counts them: its scalars when none of them can
    /// join another into one character (ASCII, the rest of Latin below the combining marks,
    /// Cyrillic letters; not CR), else `count` itself, which finds each character's bounds
    /// (most of the time of a table of 450 000 lines in Russian).
    public var characterCount: Int {
        var scalars = 0
        for scalar in unicodeScalars {
            let value = scalar.value
            guard value != 0x0D, value < 0x300 || (0x400...0x482).contains(value) || (0x48A...0x52F).contains(value) else { return count }
            scalars += 1
        }
        return scalars
    }

    /// The first control character (C0 but tab and, when `keepingNewlines`, line feed and
    /// the CR of a CRLF; DEL; C1), as its scalar value; nil when there is none. Most text has
    /// none: one pass over the bytes in place (C1 controls are 0xC2 0x80–0x9F in UTF-8).
    public func firstControlCharacter(keepingNewlines: Bool = false) -> UInt32? {
        var previous: UInt8 = 0
        for byte in utf8 {
            if keepingNewlines, previous == 0x0D, byte != 0x0A { return 0x0D }
            let lineEnding = keepingNewlines && (byte == 0x0A || byte == 0x0D)
            if (byte < 0x20 && byte != 0x09 && !lineEnding) || byte == 0x7F
                || (previous == 0xC2 && byte >= 0x80 && byte <= 0x9F) {
                return UInt32(byte)
            }
            previous = byte
        }
        return keepingNewlines && previous == 0x0D ? 0x0D : nil
    }

    /// The text with every control character (C0 but tab and, when `keepingNewlines`, line
    /// feed and the CR of a CRLF; DEL; C1) replaced by `replacement`: what comes from mail
    /// headers or a file is never printed raw to a terminal (escape sequences) or written raw
    /// into front-matter.
    public func replacingControlCharacters(with replacement: String = " ", keepingNewlines: Bool = false) -> String {
        let text = String(self)
        if text.firstControlCharacter(keepingNewlines: keepingNewlines) == nil { return text }
        var result = String.UnicodeScalarView()
        let scalars = Array(unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            let value = scalar.value
            let lineEnding = keepingNewlines && (value == 0x0A || (value == 0x0D && index + 1 < scalars.count && scalars[index + 1] == "\n"))
            let isControl = (value < 0x20 && value != 0x09 && !lineEnding) || (0x7F...0x9F).contains(value)
            if isControl { result.append(contentsOf: replacement.unicodeScalars) } else { result.append(scalar) }
        }
        return String(result)
    }
}
