/// One sealed period remembered in the desk itself: a line of `audit/seals.md`,
/// `- PERIOD SCOPE MESSAGE-SHA256 CHAIN`. SCOPE is `*` (every client) or one client; MESSAGE-SHA256 is
/// the SHA-256 of the seal tag's message (each client's closing balance and statement
/// digest); CHAIN is the SHA-256 of the line before it (`start` for the first), so a line
/// changed, removed or moved in the file breaks the chain. `gitdesk close` appends a line
/// in the commit it tags; the file only grows.
public struct SealRecord: Hashable, Codable, Sendable {
    public let period: String
    /// The client sealed alone, or nil for every client.
    public let client: String?
    public let messageDigest: String
    public let chain: String

    public static let file = "audit/seals.md"
    public static let firstChain = "start"

    public init(period: String, client: String?, messageDigest: String, after previous: SealRecord?) {
        self.period = period
        self.client = client
        self.messageDigest = messageDigest
        chain = previous.map { SHA256.hex(Array($0.line.utf8)) } ?? Self.firstChain
    }

    /// The line as written in `audit/seals.md`.
    public var line: String { "- \(period) \(client ?? "*") \(messageDigest) \(chain)" }

    /// Whether this record follows `previous` (nil: it is the first).
    public func follows(_ previous: SealRecord?) -> Bool {
        chain == (previous.map { SHA256.hex(Array($0.line.utf8)) } ?? Self.firstChain)
    }

    public static func parse(_ line: Substring) -> Result<SealRecord, LineError> {
        let tokens = line.split(separator: " ", omittingEmptySubsequences: false)
        guard tokens.count == 5, tokens[0] == "-", Period(String(tokens[1])) != nil, tokens[2] == "*" || Identifier.isValid(String(tokens[2])),
              isHex(tokens[3]), isHex(tokens[4]) || tokens[4] == firstChain else { return .failure(LineError(.sealRecordShape)) }
        return .success(SealRecord(period: String(tokens[1]), client: tokens[2] == "*" ? nil : String(tokens[2]),
                                   messageDigest: String(tokens[3]), chain: String(tokens[4])))
    }

    private init(period: String, client: String?, messageDigest: String, chain: String) {
        (self.period, self.client, self.messageDigest, self.chain) = (period, client, messageDigest, chain)
    }

    private static func isHex(_ text: Substring) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
