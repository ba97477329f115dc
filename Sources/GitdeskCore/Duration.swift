/// An amount of work time with minute resolution: `45m`, `2h`, `1h20m`, `1.5h`.
public struct Duration: Hashable, Comparable, Codable, CustomStringConvertible, Sendable {
    public let minutes: Int

    public init(minutes: Int) { self.minutes = minutes }

    /// Parses the SPEC's duration grammar. Fractional hours must land on a whole minute
    /// (`1.5h` is 90 minutes; `1.01h` is rejected).
    public init?(_ text: some StringProtocol) {
        // Byte-level: durations are parsed millions of times on a large desk.
        var bytes = text.utf8.makeIterator()
        /// Up to six ASCII digits and the byte after them (nil at the end).
        func number() -> (value: Int, digits: Int, next: UInt8?)? {
            var value = 0, digits = 0
            while let byte = bytes.next() {
                guard (0x30...0x39).contains(byte) else { return digits == 0 ? nil : (value, digits, byte) }
                guard digits < 6 else { return nil }
                value = value * 10 + Int(byte - 0x30)
                digits += 1
            }
            return digits == 0 ? nil : (value, digits, nil)
        }
        guard let lead = number() else { return nil }
        switch lead.next {
        case UInt8(ascii: "m")?:
            guard bytes.next() == nil else { return nil }
            minutes = lead.value
        case UInt8(ascii: "h")?:
            guard let first = bytes.next() else { minutes = lead.value * 60; return }
            guard (0x30...0x39).contains(first) else { return nil }
            var mins = Int(first - 0x30), digits = 1
            while let byte = bytes.next() {
                if byte == UInt8(ascii: "m"), bytes.next() == nil, mins < 60 { minutes = lead.value * 60 + mins; return }
                guard (0x30...0x39).contains(byte), digits < 6 else { return nil }
                mins = mins * 10 + Int(byte - 0x30)
                digits += 1
            }
            return nil
        case UInt8(ascii: ".")?:
            guard let fraction = number(), fraction.digits <= 4, fraction.next == UInt8(ascii: "h"), bytes.next() == nil else { return nil }
            var scale = 1
            for _ in 0..<fraction.digits { scale *= 10 }
            guard (fraction.value * 60) % scale == 0 else { return nil }
            minutes = lead.value * 60 + fraction.value * 60 / scale
        default:
            return nil
        }
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
