import Foundation

/// A calendar date (`2026-11-28`), with day arithmetic that needs no time zone.
public struct Day: Hashable, Comparable, Codable, CustomStringConvertible, Sendable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Parses exactly `YYYY-MM-DD`, rejecting impossible dates such as `2026-02-30`.
    /// Inlinable, so callers in other modules get it specialized to their string type.
    @inlinable
    public init?(_ text: some StringProtocol) {
        // Byte-level and allocation-free: dates are parsed millions of times on a large desk.
        var y = 0, m = 0, d = 0, count = 0
        for byte in text.utf8 {
            switch count {
            case 4, 7: guard byte == 0x2D else { return nil }
            case 0..<10:
                guard (0x30...0x39).contains(byte) else { return nil }
                let digit = Int(byte - 0x30)
                if count < 4 { y = y * 10 + digit } else if count < 7 { m = m * 10 + digit } else { d = d * 10 + digit }
            default: return nil
            }
            count += 1
        }
        guard count == 10, (1...12).contains(m), d >= 1, d <= Day.daysIn(month: m, year: y), y >= 1900 else { return nil }
        year = y; month = m; day = d
    }

    public init(year: Int, month: Int, day: Int) {
        self.year = year; self.month = month; self.day = day
    }

    /// Days since 1970-01-01 (Howard Hinnant's civil-from-days inverse).
    public var ordinal: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(ordinal: Int) {
        let z = ordinal + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    /// 1 = Monday … 7 = Sunday.
    public var weekday: Int { ((ordinal % 7) + 7 + 3) % 7 + 1 }

    /// The day `date` falls on in `zone`.
    public init(_ date: Date, in zone: TimeZone) {
        let local = date.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: date))
        self.init(ordinal: Int((local / 86_400).rounded(.down)))
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public var description: String { "\(zeroPadded(year, 4))-\(zeroPadded(month, 2))-\(zeroPadded(day, 2))" }

    /// By the fields, not `ordinal`: the order of the calendar, and consistent with `==`.
    public static func < (lhs: Day, rhs: Day) -> Bool { (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day) }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = Day(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad date \(text)"))
        }
        self = day
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// An inclusive range of days: a month (`2026-11`), an ISO week (`2026-W48`), a day, or
/// `FROM..TO`.
public struct Period: Hashable, CustomStringConvertible, Sendable {
    public let first: Day
    public let last: Day
    /// How the user wrote it, used in titles and file names.
    public let label: String

    public init(first: Day, last: Day, label: String) {
        self.first = first; self.last = last; self.label = label
    }

    public init?(_ text: String) {
        if let range = text.range(of: "..") {
            guard let a = Day(text[..<range.lowerBound]), let b = Day(text[range.upperBound...]), a <= b else { return nil }
            self.init(first: a, last: b, label: text)
        } else if let day = Day(text) {
            self.init(first: day, last: day, label: text)
        } else if text.count == 7, let first = Day(text + "-01") {
            let last = Day(year: first.year, month: first.month, day: Day.daysIn(month: first.month, year: first.year))
            self.init(first: first, last: last, label: text)
        } else if text.count == 8, text.dropFirst(4).hasPrefix("-W"), let year = Int(text.prefix(4)),
                  let week = Int(text.suffix(2)), (1...53).contains(week) {
            // ISO week 1 holds the year's first Thursday.
            let jan4 = Day(year: year, month: 1, day: 4)
            let monday = jan4.adding(days: 1 - jan4.weekday + (week - 1) * 7)
            self.init(first: monday, last: monday.adding(days: 6), label: text)
        } else if text.count == 4, let year = Int(text) {
            self.init(first: Day(year: year, month: 1, day: 1), last: Day(year: year, month: 12, day: 31), label: text)
        } else {
            return nil
        }
    }

    public func contains(_ day: Day) -> Bool { first <= day && day <= last }

    /// Every day of the period, in order.
    public var days: [Day] { (first.ordinal...last.ordinal).map(Day.init(ordinal:)) }

    public var description: String { label }

    /// The month containing `day`.
    public static func month(of day: Day) -> Period {
        Period(String(day.description.prefix(7)))!
    }

    /// The ISO week containing `day`, labelled as `--week` takes it (`2026-W48`).
    public static func isoWeek(of day: Day) -> Period {
        let monday = day.adding(days: 1 - day.weekday)
        // The week belongs to the year of its Thursday.
        let thursday = monday.adding(days: 3)
        let week = (thursday.ordinal - Day(year: thursday.year, month: 1, day: 1).ordinal) / 7 + 1
        return Period(first: monday, last: monday.adding(days: 6), label: "\(zeroPadded(thursday.year, 4))-W\(zeroPadded(week, 2))")
    }

    /// The `count` months ending with the one containing `day`, oldest first.
    public static func months(_ count: Int, endingWith day: Day) -> [Period] {
        var months = [month(of: day)]
        while months.count < count { months.insert(month(of: months[0].first.adding(days: -1)), at: 0) }
        return months
    }
}

/// `value` in decimal with leading zeros up to `width` digits (`String(format:)` is slow in
/// the hot paths that print millions of dates and times).
public func zeroPadded(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}
