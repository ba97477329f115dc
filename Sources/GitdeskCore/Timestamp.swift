import Foundation

/// Points in time as people write them in front-matter: `2026-11-28T10:15:00+03:00`,
/// `2026-11-28T10:15Z`, `2026-11-28 10:15` (the desk's time zone) or a bare date (midnight).
public enum Timestamp {
    public static func parse(_ text: String, zone: TimeZone) -> Date? {
        if let date = parseFull(text) { return date }
        let s = text.trimmingCharacters(in: .whitespaces)
        guard s.count >= 10, let day = Day(s.prefix(10)) else { return nil }
        var rest = s.dropFirst(10)
        var minutes = 0, seconds = 0
        var offset: Int? = nil
        if let separator = rest.first, separator == "T" || separator == " " {
            rest = rest.dropFirst()
            let clock = rest.prefix { $0.isNumber || $0 == ":" }
            rest = rest.dropFirst(clock.count)
            let parts = clock.split(separator: ":", omittingEmptySubsequences: false)
            guard (2...3).contains(parts.count), parts.allSatisfy({ $0.count == 2 }),
                  let h = Int(parts[0]), let m = Int(parts[1]), h < 24, m < 60 else { return nil }
            minutes = h * 60 + m
            if parts.count == 3 { guard let sec = Int(parts[2]), sec < 60 else { return nil }; seconds = sec }
            // Fractions of a second (`06:20:09.248Z`, as chat exports write them) are dropped.
            if parts.count == 3, rest.first == ".", rest.dropFirst().first?.isNumber == true {
                rest = rest.dropFirst().drop { $0.isNumber }
            }
            rest = rest.drop { $0 == " " }
            if rest == "Z" {
                offset = 0
            } else if let sign = rest.first, sign == "+" || sign == "-" {
                let digits = rest.dropFirst().filter { $0 != ":" }
                guard digits.count == 4, let hh = Int(digits.prefix(2)), let mm = Int(digits.suffix(2)), hh < 15, mm < 60 else { return nil }
                offset = (sign == "-" ? -1 : 1) * (hh * 60 + mm) * 60
            } else if !rest.isEmpty {
                return nil
            }
        } else if !rest.isEmpty {
            return nil
        }
        let local = TimeInterval(day.ordinal * 86_400 + minutes * 60 + seconds)
        if let offset { return Date(timeIntervalSince1970: local - TimeInterval(offset)) }
        return instant(wall: local, in: zone)
    }

    /// The instant a wall-clock time (seconds since 1970-01-01 00:00, local) names in
    /// `zone`: corrected by the zone's offset at that moment.
    public static func instant(wall: TimeInterval, in zone: TimeZone) -> Date {
        let guess = Date(timeIntervalSince1970: wall - TimeInterval(zone.secondsFromGMT(for: Date(timeIntervalSince1970: wall))))
        return Date(timeIntervalSince1970: wall - TimeInterval(zone.secondsFromGMT(for: guess)))
    }

    /// The form gitdesk itself writes, `2026-11-28T10:15:00+03:00`, read byte by byte (the
    /// general path above is slow for the hundreds of thousands of messages of a large desk).
    private static func parseFull(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 25, bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              bytes[19] == UInt8(ascii: "+") || bytes[19] == UInt8(ascii: "-"), bytes[22] == UInt8(ascii: ":"),
              let day = Day(text.prefix(10)) else { return nil }
        func number(_ at: Int) -> Int? {
            let tens = bytes[at], ones = bytes[at + 1]
            guard (0x30...0x39).contains(tens), (0x30...0x39).contains(ones) else { return nil }
            return Int(tens - 0x30) * 10 + Int(ones - 0x30)
        }
        guard let h = number(11), let m = number(14), let sec = number(17), let oh = number(20), let om = number(23),
              h < 24, m < 60, sec < 60, oh < 15, om < 60 else { return nil }
        let offset = (bytes[19] == UInt8(ascii: "-") ? -1 : 1) * (oh * 60 + om) * 60
        return Date(timeIntervalSince1970: TimeInterval(day.ordinal * 86_400 + h * 3600 + m * 60 + sec - offset))
    }

    /// `2026-11-28T10:15:00+03:00` in `zone`.
    public static func format(_ date: Date, zone: TimeZone) -> String {
        let offset = zone.secondsFromGMT(for: date)
        let local = Int(date.timeIntervalSince1970.rounded(.down)) + offset
        let day = Day(ordinal: Int((Double(local) / 86_400).rounded(.down)))
        let secondOfDay = local - day.ordinal * 86_400
        let sign = offset < 0 ? "-" : "+"
        let a = abs(offset) / 60
        return "\(day)T\(zeroPadded(secondOfDay / 3600, 2)):\(zeroPadded(secondOfDay / 60 % 60, 2)):\(zeroPadded(secondOfDay % 60, 2))"
            + "\(sign)\(zeroPadded(a / 60, 2)):\(zeroPadded(a % 60, 2))"
    }
}
