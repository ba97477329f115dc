import Foundation
import Glibc
import GitdeskCore

// Reads bank statements in the `1CClientBankExchange` text format (versions 1.02 and 1.03),
// the exchange format every Russian bank exports. Files come in Windows-1251
// (`Кодировка=Windows`), CP866 (`Кодировка=DOS`) or, from some banks, UTF-8.

/// One payment document of a bank statement.
public struct BankDocument: Hashable, Sendable {
    /// The line of its `СекцияДокумент=` (1-based).
    public let line: Int
    /// "Платежное поручение" etc: the value after `СекцияДокумент=`.
    public let kind: String
    /// `Номер`.
    public let number: String
    /// `Дата`.
    public let date: Day
    /// `Сумма`, exact in kopecks.
    public let amount: Money
    /// `ПлательщикСчет` (or `ПлательщикРасчСчет`), `ПлательщикИНН`, `ПлательщикКПП`, `Плательщик` (or `Плательщик1`).
    public let payerAccount: String, payerINN: String, payerKPP: String, payerName: String
    /// `ПолучательСчет` (or `ПолучательРасчСчет`), `ПолучательИНН`, `Получатель` (or `Получатель1`).
    public let payeeAccount: String, payeeINN: String, payeeName: String
    /// `НазначениеПлатежа`, joined with `НазначениеПлатежа1`…`6` when present (one space).
    public let purpose: String
    /// `ДатаПоступило` (empty: nil).
    public let received: Day?
    /// `ДатаСписано` (empty: nil).
    public let writtenOff: Day?
}

/// A problem with one document or line; the rest of the file is still read.
///
/// `line` is the line of the offending field for `badAmount` and `badDate`, the line of the
/// document's `СекцияДокумент=` for `missingField` and `unterminatedDocument`, and the line
/// itself for `unknownLine`. Every reason but `unknownLine` means the document was skipped.
public struct BankStatementIssue: Hashable, Sendable {
    public let line: Int
    public let reason: Reason

    public init(line: Int, reason: Reason) {
        self.line = line
        self.reason = reason
    }

    public enum Reason: Hashable, Sendable {
        case missingField(String)
        case badAmount(String)
        case badDate(field: String, value: String)
        /// The document was not closed by `КонецДокумента` before the next section or the end.
        case unterminatedDocument
        /// A line inside a document that is not `key=value` (the document is still read).
        case unknownLine(String)
    }
}

public enum BankStatementError: Error, Equatable {
    case notAnExchangeFile
    case undecodable(encoding: String)
    case unsupportedVersion(String)
}

public struct BankStatement: Sendable {
    /// `ВерсияФормата`.
    public let version: String
    /// What the file declared: "Windows", "DOS", or "UTF-8" when the bytes were UTF-8.
    public let encoding: String
    /// `РасчСчет` values of the header: the statement's own accounts, in order, without repeats.
    public let accounts: [String]
    public let documents: [BankDocument]
    public let issues: [BankStatementIssue]

    public static let supportedVersions: Set<String> = ["1.02", "1.03"]

    /// Parses the raw bytes; throws only when the file is not a 1CClientBankExchange file at all
    /// or cannot be decoded (or is of a version this reader does not know).
    public static func parse(_ bytes: [UInt8]) throws -> BankStatement {
        var body = ArraySlice(bytes)
        let hadBOM = body.starts(with: [0xEF, 0xBB, 0xBF])
        if hadBOM { body = body.dropFirst(3) }
        // The first line is ASCII in every encoding, so this check needs no decoding.
        guard startsWithSignature(body) else { throw BankStatementError.notAnExchangeFile }
        let raw = Array(body)

        let text: String
        let charsetName: String
        // Valid UTF-8 that holds "Кодировка=" or "СекцияДокумент" is UTF-8, and so is any valid
        // UTF-8 with a non-ASCII byte at all: Cyrillic in Windows-1251 or CP866 is never valid
        // UTF-8 (its letters are lone lead or continuation bytes). Pure ASCII reads the same in
        // every charset and goes the single-byte way, which reports what the file declared.
        if let utf8 = validUTF8(raw), hadBOM || !isASCII(raw) {
            text = utf8
            charsetName = "UTF-8"
        } else if hadBOM {
            throw BankStatementError.undecodable(encoding: "UTF-8")
        } else {
            (text, charsetName) = try decodeSingleByte(raw)
        }

        var parser = ExchangeParser()
        var utf8 = Array(text.utf8)
        utf8.withUnsafeMutableBufferPointer { parser.run(UnsafeBufferPointer($0)) }

        guard let version = parser.version, supportedVersions.contains(version) else {
            throw BankStatementError.unsupportedVersion(parser.version ?? "")
        }
        return BankStatement(
            version: version,
            encoding: charsetName == "UTF-8" ? "UTF-8" : (parser.declaredEncoding ?? charsetName),
            accounts: parser.accounts,
            documents: parser.documents,
            issues: parser.issues)
    }

    // MARK: Encoding

    /// Chooses between Windows-1251 and CP866 by decoding the head of the file both ways and
    /// keeping the one in which the (Cyrillic) `Кодировка=` line reads a value it names.
    private static func decodeSingleByte(_ raw: [UInt8]) throws -> (String, String) {
        let head = Array(raw.prefix(64 * 1024))
        let candidates: [(charset: String, name: String)] = [("WINDOWS-1251", "Windows"), ("CP866", "DOS")]
        var declaredIn: [String?] = []
        for candidate in candidates {
            if let text = decode(head, from: candidate.charset) {
                declaredIn.append(declaredEncoding(in: text))
            } else {
                declaredIn.append(nil)
            }
        }
        // 1. The value names the charset it was read in. 2. The key reads in only one charset
        // (it is Cyrillic), whatever value it has. 3. Nothing declared: Windows, as the format says.
        var order: [Int] = []
        for (i, c) in candidates.enumerated() where declaredIn[i]?.caseInsensitiveCompare(c.name) == .orderedSame { order.append(i) }
        for i in candidates.indices where declaredIn[i] != nil && !order.contains(i) { order.append(i) }
        if order.isEmpty { order = Array(candidates.indices) }
        for i in order {
            if let text = decode(raw, from: candidates[i].charset) { return (text, candidates[i].name) }
        }
        throw BankStatementError.undecodable(encoding: declaredIn.compactMap { $0 }.first ?? candidates[order[0]].name)
    }

    /// The value of the header's `Кодировка=` line, looking no further than the first section.
    private static func declaredEncoding(in text: String) -> String? {
        var text = text
        return text.withUTF8 { buffer -> String? in
            var found: String?
            scanLines(buffer) { line in
                if line.number > 200 || line.starts(with: ExchangeMarker.sectionPrefix) { return false }
                if line.hasValue && line.keyIs(ExchangeMarker.encoding) {
                    found = line.value
                    return false
                }
                return true
            }
            return found
        }
    }

    private static func startsWithSignature(_ bytes: ArraySlice<UInt8>) -> Bool {
        var i = bytes.startIndex
        // Skip blank lines and leading spaces.
        while i < bytes.endIndex, isSpace(bytes[i]) || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
        var end = i
        while end < bytes.endIndex, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
        while end > i, isSpace(bytes[end - 1]) { end -= 1 }
        return bytes[i..<end].elementsEqual(ExchangeMarker.signature)
    }

    /// The bytes as a String when they are valid UTF-8, else nil.
    private static func validUTF8(_ bytes: [UInt8]) -> String? {
        #if compiler(>=6.0)
        return String(validating: bytes, as: UTF8.self)
        #else
        var text = String(decoding: bytes, as: UTF8.self)
        // Invalid sequences become U+FFFD, so a faithful decoding has exactly the same bytes.
        let same = text.withUTF8 { decoded in
            bytes.withUnsafeBufferPointer { original in
                decoded.count == original.count
                    && (original.isEmpty || memcmp(decoded.baseAddress!, original.baseAddress!, original.count) == 0)
            }
        }
        return same ? text : nil
        #endif
    }

    private static func isASCII(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            // Eight bytes at a time: this runs over whole statements, also in debug builds.
            guard let base = buffer.baseAddress else { return true }
            let count = buffer.count
            var i = 0
            while i + 8 <= count {
                if UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
                i += 8
            }
            while i < count {
                if base[i] >= 0x80 { return false }
                i += 1
            }
            return true
        }
    }
}

/// Converts `bytes` from `charset` to a String with glibc's iconv; nil when the bytes are not
/// valid in that charset (EILSEQ, EINVAL) or the charset is unknown. The output buffer grows
/// on E2BIG; the converter is always closed.
private func decode(_ bytes: [UInt8], from charset: String) -> String? {
    let converter = iconv_open("UTF-8", charset)
    guard let converter, converter != iconv_t(bitPattern: -1) else { return nil }
    defer { iconv_close(converter) }

    var input = bytes
    // Room for ASCII-heavy text; Cyrillic takes two bytes a letter, so the buffer grows then.
    var output = [UInt8](repeating: 0, count: bytes.count + bytes.count / 2 + 16)
    var produced = 0
    let ok: Bool = input.withUnsafeMutableBufferPointer { inBuffer in
        var inPointer = inBuffer.baseAddress.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: CChar.self) }
        var inLeft = inBuffer.count
        while true {
            let flushing = inLeft == 0
            let room = output.count - produced
            var outLeft = room
            let result: Int = output.withUnsafeMutableBufferPointer { outBuffer in
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress! + produced)
                    .assumingMemoryBound(to: CChar.self)
                // Once all input is in, a call without input flushes any shift state.
                return flushing
                    ? iconv(converter, nil, nil, &outPointer, &outLeft)
                    : iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
            }
            let error = errno
            produced += room - outLeft
            if result != -1 {
                if flushing { return true }
                continue
            }
            guard error == E2BIG else { return false }   // EILSEQ, EINVAL (cut sequence), …
            output += [UInt8](repeating: 0, count: output.count)   // (an Array: fast even unoptimised)
        }
    }
    guard ok else { return nil }
    return String(decoding: output[..<produced], as: UTF8.self)
}

// MARK: - Parsing

private enum ExchangeMarker {
    static let signature = Array("1CClientBankExchange".utf8)

    static let version = Array("ВерсияФормата".utf8)
    static let encoding = Array("Кодировка".utf8)
    static let account = Array("РасчСчет".utf8)
    static let documentStart = Array("СекцияДокумент".utf8)
    static let documentEnd = Array("КонецДокумента".utf8)
    static let accountStart = Array("СекцияРасчСчет".utf8)
    static let accountEnd = Array("КонецРасчСчет".utf8)
    static let fileEnd = Array("КонецФайла".utf8)
    static let sectionPrefix = Array("Секция".utf8)
}

/// The document fields this reader keeps.
private enum DocumentField: Int, CaseIterable {
    case number, date, amount
    case payerAccount, payerSettlement, payerINN, payerKPP, payer, payer1
    case payeeAccount, payeeSettlement, payeeINN, payee, payee1
    case purpose, purpose1, purpose2, purpose3, purpose4, purpose5, purpose6
    case received, writtenOff

    var key: String {
        switch self {
        case .number: return "Номер"
        case .date: return "Дата"
        case .amount: return "Сумма"
        case .payerAccount: return "ПлательщикСчет"
        case .payerSettlement: return "ПлательщикРасчСчет"
        case .payerINN: return "ПлательщикИНН"
        case .payerKPP: return "ПлательщикКПП"
        case .payer: return "Плательщик"
        case .payer1: return "Плательщик1"
        case .payeeAccount: return "ПолучательСчет"
        case .payeeSettlement: return "ПолучательРасчСчет"
        case .payeeINN: return "ПолучательИНН"
        case .payee: return "Получатель"
        case .payee1: return "Получатель1"
        case .purpose: return "НазначениеПлатежа"
        case .purpose1: return "НазначениеПлатежа1"
        case .purpose2: return "НазначениеПлатежа2"
        case .purpose3: return "НазначениеПлатежа3"
        case .purpose4: return "НазначениеПлатежа4"
        case .purpose5: return "НазначениеПлатежа5"
        case .purpose6: return "НазначениеПлатежа6"
        case .received: return "ДатаПоступило"
        case .writtenOff: return "ДатаСписано"
        }
    }

    /// All keys' bytes end to end, with where each starts and how long it is: one flat table,
    /// so the lookup done for every line of a document stays cheap even unoptimised.
    private static let keyBytes: [UInt8] = allCases.flatMap { Array($0.key.utf8) }
    private static let keySpans: [(start: Int, count: Int)] = {
        var spans: [(start: Int, count: Int)] = [], at = 0
        for f in allCases { let n = f.key.utf8.count; spans.append((at, n)); at += n }
        return spans
    }()

    static func lookup(_ line: ExchangeLine) -> DocumentField? {
        let length = line.keyEnd - line.start
        return keyBytes.withUnsafeBufferPointer { bytes -> DocumentField? in
            keySpans.withUnsafeBufferPointer { spans -> DocumentField? in
                for i in 0..<spans.count where spans[i].count == length {
                    if memcmp(line.base + line.start, bytes.baseAddress! + spans[i].start, length) == 0 {
                        return DocumentField(rawValue: i)
                    }
                }
                return nil
            }
        }
    }
}

/// One line of the decoded text (as UTF-8), trimmed of CR and surrounding spaces, split at its
/// first '=' (a value may hold more of them).
private struct ExchangeLine {
    let base: UnsafePointer<UInt8>
    let number: Int
    /// The trimmed line is start..<end; its key start..<keyEnd; its value valueStart..<end.
    /// Without '=', keyEnd == valueStart == end.
    let start: Int, end: Int, keyEnd: Int, valueStart: Int, hasValue: Bool

    func keyIs(_ word: [UInt8]) -> Bool {
        keyEnd - start == word.count && word.withUnsafeBufferPointer { memcmp(base + start, $0.baseAddress!, word.count) == 0 }
    }
    func starts(with word: [UInt8]) -> Bool {
        end - start >= word.count && word.withUnsafeBufferPointer { memcmp(base + start, $0.baseAddress!, word.count) == 0 }
    }
    var value: String { String(decoding: UnsafeBufferPointer(start: base + valueStart, count: end - valueStart), as: UTF8.self) }
    var text: String { String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self) }
}

/// Calls `visit` with each non-blank line (LF or CRLF endings, 1-based numbers) until it returns false.
private func scanLines(_ text: UnsafeBufferPointer<UInt8>, _ visit: (ExchangeLine) -> Bool) {
    guard let base = text.baseAddress else { return }
    let count = text.count
    var lineStart = 0, number = 0
    while lineStart < count {
        number += 1
        var lineEnd = count
        if let nl = memchr(base + lineStart, 0x0A, count - lineStart) {
            lineEnd = base.distance(to: nl.assumingMemoryBound(to: UInt8.self))
        }
        var a = lineStart, b = lineEnd
        lineStart = lineEnd + 1
        while a < b, isSpace(base[a]) || base[a] == 0x0D { a += 1 }
        while b > a, isSpace(base[b - 1]) || base[b - 1] == 0x0D { b -= 1 }
        guard a < b else { continue }
        var keyEnd = b, valueStart = b, hasValue = false
        if let eq = memchr(base + a, 0x3D, b - a) {
            keyEnd = base.distance(to: eq.assumingMemoryBound(to: UInt8.self))
            valueStart = keyEnd + 1
            hasValue = true
            while keyEnd > a, isSpace(base[keyEnd - 1]) { keyEnd -= 1 }
            while valueStart < b, isSpace(base[valueStart]) { valueStart += 1 }
        }
        let line = ExchangeLine(base: base, number: number, start: a, end: b, keyEnd: keyEnd, valueStart: valueStart, hasValue: hasValue)
        if !visit(line) { return }
    }
}

@inline(__always) private func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

private struct OpenDocument {
    let line: Int
    let kind: String
    var values = [String?](repeating: nil, count: DocumentField.allCases.count)
    var lines = [Int](repeating: 0, count: DocumentField.allCases.count)

    init(line: Int, kind: String) {
        self.line = line
        self.kind = kind
    }

    func value(_ f: DocumentField) -> String { values[f.rawValue] ?? "" }
}

private struct ExchangeParser {
    enum State { case header, document, accountSection, done }

    var version: String?
    var declaredEncoding: String?
    var accounts: [String] = []
    var documents: [BankDocument] = []
    var issues: [BankStatementIssue] = []

    private var state = State.header
    private var open: OpenDocument?

    mutating func run(_ text: UnsafeBufferPointer<UInt8>) {
        scanLines(text) { line in
            handle(line)
            return state != .done
        }
        closeUnterminated()
    }

    private mutating func handle(_ line: ExchangeLine) {
        // Section boundaries, recognised wherever they appear.
        if line.keyIs(ExchangeMarker.documentStart) {
            closeUnterminated()
            open = OpenDocument(line: line.number, kind: line.hasValue ? line.value : "")
            state = .document
            return
        }
        if !line.hasValue && line.keyIs(ExchangeMarker.accountStart) {
            closeUnterminated()
            state = .accountSection
            return
        }
        if !line.hasValue && line.keyIs(ExchangeMarker.fileEnd) {
            closeUnterminated()
            state = .done
            return
        }

        switch state {
        case .done:
            return
        case .accountSection:
            if !line.hasValue && line.keyIs(ExchangeMarker.accountEnd) { state = .header }
        case .header:
            guard line.hasValue else { return }   // unknown lines outside sections are ignored
            if line.keyIs(ExchangeMarker.version) {
                if version == nil { version = line.value }
            } else if line.keyIs(ExchangeMarker.encoding) {
                if declaredEncoding == nil { declaredEncoding = line.value }
            } else if line.keyIs(ExchangeMarker.account) {
                let account = line.value
                if !account.isEmpty && !accounts.contains(account) { accounts.append(account) }
            }
        case .document:
            guard line.hasValue else {
                if line.keyIs(ExchangeMarker.documentEnd) {
                    if let doc = open { finish(doc) }
                    open = nil
                    state = .header
                } else {
                    issues.append(BankStatementIssue(line: line.number, reason: .unknownLine(line.text)))
                }
                return
            }
            if let field = DocumentField.lookup(line), open?.values[field.rawValue] == nil {
                open?.values[field.rawValue] = line.value
                open?.lines[field.rawValue] = line.number
            }
        }
    }

    private mutating func closeUnterminated() {
        if state == .document, let doc = open {
            issues.append(BankStatementIssue(line: doc.line, reason: .unterminatedDocument))
        }
        open = nil
        if state == .document { state = .header }
    }

    private mutating func finish(_ doc: OpenDocument) {
        var problems: [BankStatementIssue] = []
        func required(_ fields: DocumentField...) -> String? {
            for f in fields { if let v = doc.values[f.rawValue], !v.isEmpty { return v } }
            problems.append(BankStatementIssue(line: doc.line, reason: .missingField(fields[0].key)))
            return nil
        }
        func day(_ f: DocumentField, required: Bool) -> Day? {
            let text = doc.value(f)
            if text.isEmpty {
                if required { problems.append(BankStatementIssue(line: doc.line, reason: .missingField(f.key))) }
                return nil
            }
            guard let d = parseDay(text) else {
                problems.append(BankStatementIssue(line: doc.lines[f.rawValue], reason: .badDate(field: f.key, value: text)))
                return nil
            }
            return d
        }

        let number = required(.number)
        let date = day(.date, required: true)
        var amount: Money?
        let amountText = doc.value(.amount)
        if amountText.isEmpty {
            problems.append(BankStatementIssue(line: doc.line, reason: .missingField(DocumentField.amount.key)))
        } else if let minor = parseAmount(amountText) {
            amount = Money(minor: minor)
        } else {
            problems.append(BankStatementIssue(line: doc.lines[DocumentField.amount.rawValue], reason: .badAmount(amountText)))
        }
        let payerAccount = required(.payerAccount, .payerSettlement)
        let payeeAccount = required(.payeeAccount, .payeeSettlement)
        let received = day(.received, required: false)
        let writtenOff = day(.writtenOff, required: false)

        guard problems.isEmpty, let number, let date, let amount, let payerAccount, let payeeAccount else {
            issues.append(contentsOf: problems)
            return
        }
        func either(_ first: DocumentField, _ second: DocumentField) -> String {
            let v = doc.value(first)
            return v.isEmpty ? doc.value(second) : v
        }
        documents.append(BankDocument(
            line: doc.line, kind: doc.kind, number: number, date: date, amount: amount,
            payerAccount: payerAccount, payerINN: doc.value(.payerINN), payerKPP: doc.value(.payerKPP),
            payerName: either(.payer1, .payer),
            payeeAccount: payeeAccount, payeeINN: doc.value(.payeeINN), payeeName: either(.payee1, .payee),
            purpose: purpose(of: doc), received: received, writtenOff: writtenOff))
    }

    /// `НазначениеПлатежа` joined with `НазначениеПлатежа1…6`, one space between the parts.
    /// Some banks write the whole text in `НазначениеПлатежа` and its pieces again in the
    /// numbered keys; then the whole text is taken alone.
    private func purpose(of doc: OpenDocument) -> String {
        let main = doc.value(.purpose)
        let pieces = [DocumentField.purpose1, .purpose2, .purpose3, .purpose4, .purpose5, .purpose6]
            .map { doc.value($0) }.filter { !$0.isEmpty }
        if pieces.isEmpty { return main }
        if main.isEmpty { return pieces.joined(separator: " ") }
        if main == pieces.joined(separator: " ") || main == pieces.joined() { return main }
        return ([main] + pieces).joined(separator: " ")
    }
}

/// `dd.MM.yyyy` (one- or two-digit day and month), a real date from 1900 on; nil otherwise.
private func parseDay(_ text: String) -> Day? {
    var parts: [Int] = [0, 0, 0], digits: [Int] = [0, 0, 0], part = 0
    for byte in text.utf8 {
        if byte == 0x2E {
            part += 1
            if part > 2 { return nil }
        } else if byte >= 0x30 && byte <= 0x39 {
            digits[part] += 1
            if digits[part] > 4 { return nil }
            parts[part] = parts[part] * 10 + Int(byte - 0x30)
        } else {
            return nil
        }
    }
    guard part == 2, (1...2).contains(digits[0]), (1...2).contains(digits[1]), digits[2] == 4 else { return nil }
    let (d, m, y) = (parts[0], parts[1], parts[2])
    guard y >= 1900, (1...12).contains(m), d >= 1 else { return nil }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
    let monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    guard d <= monthDays[m - 1] else { return nil }
    return Day(year: y, month: m, day: d)
}

/// `20000`, `20000.5`, `20000.00`, `20000,50` → kopecks, exactly (no floating point). At most
/// two decimals and ten whole digits (what `Money` allows); no sign, no grouping.
private func parseAmount(_ text: String) -> Int64? {
    var whole: Int64 = 0, fraction: Int64 = 0
    var wholeDigits = 0, fractionDigits = 0, seenPoint = false
    for byte in text.utf8 {
        if byte == 0x2E || byte == 0x2C {
            if seenPoint { return nil }
            seenPoint = true
        } else if byte >= 0x30 && byte <= 0x39 {
            let digit = Int64(byte - 0x30)
            if seenPoint {
                fractionDigits += 1
                if fractionDigits > 2 { return nil }
                fraction = fraction * 10 + digit
            } else {
                wholeDigits += 1
                if wholeDigits > Money.maxWholeDigits { return nil }
                whole = whole * 10 + digit
            }
        } else {
            return nil
        }
    }
    guard wholeDigits > 0, !seenPoint || fractionDigits > 0 else { return nil }
    if fractionDigits == 1 { fraction *= 10 }
    return whole * 100 + fraction
}
