/// An amount of work time with minute resolution: `45m`, `2h`, `1h20m`, `1.5h`.
public struct Duration: Hashable, Comparable, Codable, CustomStringConvertible, Sendable {
    public let minutes: Int

    public init(minutes: Int) { self.minutes = minutes }

    /// Parses the SPEC's duration grammar. Fractional hours must land on a whole minute
    /// (`1.5h` is 90 minutes; `1.01h` is rejected).
    public init?(_ text: some StringProtocol) {
        let s = String(text)
        guard !s.isEmpty, s.allSatisfy({ $0.isASCII }) else { return nil }
        if s.hasSuffix("m") {
            let body = s.dropLast()
            if let h = body.firstIndex(of: "h") {
                guard let hours = Duration.digits(body[..<h]), let mins = Duration.digits(body[body.index(after: h)...]),
                      mins < 60 else { return nil }
                minutes = hours * 60 + mins
            } else {
                guard let mins = Duration.digits(body) else { return nil }
                minutes = mins
            }
        } else if s.hasSuffix("h") {
            let body = s.dropLast()
            let parts = body.split(separator: ".", omittingEmptySubsequences: false)
            guard let hours = Duration.digits(parts[0]) else { return nil }
            if parts.count == 1 {
                minutes = hours * 60
            } else {
                guard parts.count == 2, let fraction = Duration.digits(parts[1]), parts[1].count <= 4 else { return nil }
                var scale = 1
                for _ in 0..<parts[1].count { scale *= 10 }
                guard (fraction * 60) % scale == 0 else { return nil }
                minutes = hours * 60 + fraction * 60 / scale
            }
        } else {
            return nil
        }
    }

    private static func digits(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.count <= 6, text.allSatisfy(\.isNumber) else { return nil }
        return Int(text)
    }

    /// True for a single work line's duration: more than 0 and at most 24 hours.
    public var isValidWorkDuration: Bool { minutes > 0 && minutes <= 24 * 60 }

    /// The canonical spelling: `45m`, `2h`, `1h20m`.
    public var description: String {
        let h = minutes / 60, m = minutes % 60
        if h == 0 { return "\(m)m" }
        return m == 0 ? "\(h)h" : "\(h)h\(m)m"
    }

    /// Hours with two decimals (`1.33`), for reports.
    public var hoursText: String {
        let hundredths = (minutes * 100 + 30) / 60
        return "\(hundredths / 100).\(String(format: "%02d", hundredths % 100))"
    }

    public static func < (lhs: Duration, rhs: Duration) -> Bool { lhs.minutes < rhs.minutes }
    public static func + (lhs: Duration, rhs: Duration) -> Duration { Duration(minutes: lhs.minutes + rhs.minutes) }

    public init(from decoder: Decoder) throws {
        minutes = try decoder.singleValueContainer().decode(Int.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(minutes)
    }
}
