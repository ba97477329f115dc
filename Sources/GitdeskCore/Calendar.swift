import Foundation
import GitdeskICal

/// The days a calendar treats apart from its weekly hours: holidays (no work), working days
/// (a weekend day worked, as Russian firms work a transferred Saturday: the hours of the
/// first working weekday) and short days (a working day an hour shorter, as a Russian
/// pre-holiday day is).
public struct CalendarDays: Sendable, Equatable {
    public var holidays: Set<Day> = []
    public var working: Set<Day> = []
    public var short: Set<Day> = []

    public init(holidays: Set<Day> = [], working: Set<Day> = [], short: Set<Day> = []) {
        self.holidays = holidays; self.working = working; self.short = short
    }

    public mutating func formUnion(_ other: CalendarDays) {
        holidays.formUnion(other.holidays); working.formUnion(other.working); short.formUnion(other.short)
    }
}

/// A working calendar's settings: time zone, working hours per weekday, holidays, working
/// and short days.
public struct CalendarSettings: Sendable {
    public var timezone: TimeZone
    /// Working hours per weekday (1 = Monday), as minute ranges from local midnight.
    public var workingHours: [Int: [ClosedRange<Int>]]
    public var days: CalendarDays
    public var holidays: Set<Day> {
        get { days.holidays }
        set { days.holidays = newValue }
    }
    public var holidaysFile: String?

    public init(timezone: TimeZone, workingHours: [Int: [ClosedRange<Int>]], days: CalendarDays, holidaysFile: String? = nil) {
        self.timezone = timezone
        self.workingHours = workingHours
        self.days = days
        self.holidaysFile = holidaysFile
    }

    public init(timezone: TimeZone, workingHours: [Int: [ClosedRange<Int>]], holidays: Set<Day>, holidaysFile: String? = nil) {
        self.init(timezone: timezone, workingHours: workingHours, days: CalendarDays(holidays: holidays), holidaysFile: holidaysFile)
    }

    /// Reads `{timezone, hours, holidays, working-days, short-days, production,
    /// holidays-file}`; missing keys come from `base`. `production: ru` adds Russia's
    /// official production calendar (`ProductionCalendar`).
    static func parse(_ value: YAMLValue, base: CalendarSettings, file: String) throws -> CalendarSettings {
        var settings = base
        func fail(_ v: YAMLValue, _ problem: Problem) -> Finding { Finding(file: file, line: v.line, problem) }
        if let zone = value["timezone"] {
            guard let name = zone.string, let tz = TimeZone(identifier: name) else { throw fail(zone, .unknownTimezone) }
            settings.timezone = tz
        }
        if let hours = value["hours"] {
            var table: [Int: [ClosedRange<Int>]] = [:]
            for (name, day) in hours.pairs {
                guard let weekday = DeskConfig.weekdays.firstIndex(of: name).map({ $0 + 1 }) else {
                    throw fail(day, .weekday(name))
                }
                table[weekday] = try DeskConfig.parseHours(day, file: file)
            }
            settings.workingHours = table
        }
        func dayList(_ key: String) throws -> Set<Day>? {
            guard let list = value[key] else { return nil }
            guard let items = list.list else { throw fail(list, .holidaysList) }
            return Set(try items.map { item in
                guard let s = item.string, let day = Day(s) else { throw fail(item, .holidayDate) }
                return day
            })
        }
        if let holidays = try dayList("holidays") { settings.days.holidays = holidays }
        if let working = try dayList("working-days") { settings.days.working = working }
        if let short = try dayList("short-days") { settings.days.short = short }
        if let production = value["production"] {
            guard let name = production.string, let days = ProductionCalendar.days(name) else { throw fail(production, .productionCalendar) }
            settings.days.formUnion(days)
        }
        if let path = value["holidays-file"]?.string { settings.holidaysFile = path }
        return settings
    }
}

/// Working-time arithmetic: only working hours count, in the calendar's time zone (daylight
/// saving included), skipping weekends and holidays.
public struct WorkCalendar: Sendable {
    public let settings: CalendarSettings
    private let calendar: Calendar
    /// Days already turned into moments, shared by copies of this calendar: SLA clocks of
    /// tickets open for years ask about the same days thousands of times.
    private let memo = DayMemo()

    public init(settings: CalendarSettings) {
        self.settings = settings
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = settings.timezone
        self.calendar = calendar
    }

    public init(config: DeskConfig) { self.init(settings: config.calendarSettings) }

    public func isWorkingDay(_ day: Day) -> Bool {
        !hours(on: day).isEmpty
    }

    /// The working hours of a day: none on a holiday; a worked weekend day's are those of
    /// the first weekday with hours; a short day ends an hour early.
    private func hours(on day: Day) -> [ClosedRange<Int>] {
        let days = settings.days
        if days.holidays.contains(day) { return [] }
        var hours = settings.workingHours[day.weekday] ?? []
        if hours.isEmpty, days.working.contains(day) {
            hours = (1...7).lazy.compactMap { settings.workingHours[$0].flatMap { $0.isEmpty ? nil : $0 } }.first ?? []
        }
        if days.short.contains(day), let last = hours.last {
            let end = max(last.lowerBound, last.upperBound - 60)
            hours[hours.count - 1] = last.lowerBound...end
        }
        return hours
    }

    public func workingDays(in period: Period) -> [Day] { period.days.filter(isWorkingDay) }

    /// capacity × working days the person is not absent.
    public func normMinutes(for person: Staff, in period: Period, capacity fallback: Duration) -> Int {
        let capacity = (person.capacity ?? fallback).minutes
        return workingDays(in: period).filter { !person.isAbsent(on: $0) }.count * capacity
    }

    /// The absolute working intervals of a day.
    public func intervals(on day: Day) -> [(start: Date, end: Date)] {
        memo.intervals(day.ordinal) {
            hours(on: day).map { range in (at(day, minute: range.lowerBound), at(day, minute: range.upperBound)) }
        }
    }

    private func at(_ day: Day, minute: Int) -> Date {
        if minute >= 1440 { return at(day.adding(days: 1), minute: minute - 1440) }
        let components = DateComponents(year: day.year, month: day.month, day: day.day, hour: minute / 60, minute: minute % 60)
        return calendar.date(from: components)!
    }

    /// Working minutes between two moments (0 when `to` is not after `from`).
    public func workingMinutes(from: Date, to: Date) -> Int {
        guard to > from else { return 0 }
        let first = Day(from, in: settings.timezone), last = Day(to, in: settings.timezone)
        func seconds(on day: Day) -> Double {
            intervals(on: day).reduce(0.0) { total, interval in
                let start = max(interval.start, from), end = min(interval.end, to)
                return end > start ? total + end.timeIntervalSince(start) : total
            }
        }
        var total = seconds(on: first)
        if last > first {
            // Whole days in between from running totals; the two ends are partial.
            total += wholeDaySeconds(from: first.ordinal + 1, to: last.ordinal) ?? memo.seconds(from: first.ordinal + 1, to: last.ordinal) { ordinal in
                intervals(on: Day(ordinal: ordinal)).reduce(0.0) { $0 + $1.end.timeIntervalSince($1.start) }
            }
            total += seconds(on: last)
        }
        return Int((total / 60).rounded(.down))
    }

    /// The working seconds of the whole days `from..<to` (ordinals) at once, for a span of
    /// years in a time zone that keeps one offset through it: each weekday's hours times how
    /// often it occurs, less the holidays. A commit dated thousands of years ahead (the
    /// clock of a hostile desk) then costs no walk through every day. Nil: walk the days.
    private func wholeDaySeconds(from: Int, to: Int) -> Double? {
        guard to - from > 1000 else { return nil }
        let start = at(Day(ordinal: from), minute: 0), end = at(Day(ordinal: to), minute: 0)
        if let transition = settings.timezone.nextDaylightSavingTimeTransition(after: start), transition < end { return nil }
        func seconds(_ weekday: Int) -> Double {
            Double((settings.workingHours[weekday] ?? []).reduce(0) { $0 + $1.upperBound - $1.lowerBound }) * 60
        }
        let count = to - from
        // The weekday of `from + offset` occurs at from + offset + 7k for every k with that below `to`.
        var total = (0..<min(7, count)).reduce(0.0) { sum, offset in
            sum + Double((count - offset + 6) / 7) * seconds(Day(ordinal: from + offset).weekday)
        }
        // The days apart from the week, each as it differs from its weekday.
        let special = settings.days.holidays.union(settings.days.working).union(settings.days.short)
        for day in special where (from..<to).contains(day.ordinal) {
            total += Double(hours(on: day).reduce(0) { $0 + $1.upperBound - $1.lowerBound }) * 60 - seconds(day.weekday)
        }
        return total
    }

    /// The moment `minutes` working minutes after `start` (a start out of hours counts from
    /// the next working minute). Gives up after ten years without working time.
    public func adding(minutes: Int, to start: Date) -> Date? {
        var left = Double(minutes) * 60
        var day = Day(start, in: settings.timezone)
        for _ in 0..<3660 {
            for interval in intervals(on: day) where interval.end > start {
                let from = max(interval.start, start)
                let available = interval.end.timeIntervalSince(from)
                if left <= available { return from.addingTimeInterval(left) }
                left -= available
            }
            day = day.adding(days: 1)
        }
        return nil
    }

    /// The next moment that is working time (the moment itself when it is).
    public func nextWorkingMoment(from start: Date) -> Date? { adding(minutes: 0, to: start) }
}

/// The per-day memory of a `WorkCalendar`: each day's working intervals, and running totals
/// of whole days' working seconds over a span that grows as it is asked about.
private final class DayMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var days: [Int: [(start: Date, end: Date)]] = [:]
    /// `running[i]` is the working seconds of the days `base ..< base + i`.
    private var base = 0
    private var running: [Double] = [0]

    func intervals(_ ordinal: Int, make: () -> [(start: Date, end: Date)]) -> [(start: Date, end: Date)] {
        lock.lock()
        if let known = days[ordinal] { lock.unlock(); return known }
        lock.unlock()
        let made = make()
        lock.lock()
        days[ordinal] = made
        lock.unlock()
        return made
    }

    /// Working seconds of the days `from ..< to`, each day's total given by `day`.
    func seconds(from: Int, to: Int, day: (Int) -> Double) -> Double {
        guard to > from else { return 0 }
        lock.lock()
        let covered = running.count > 1 && from >= base && to <= base + running.count - 1
        lock.unlock()
        if !covered {
            let start = running.count > 1 ? min(from, base) : from
            let end = running.count > 1 ? max(to, base + running.count - 1) : to
            var totals: [Double] = [0]
            totals.reserveCapacity(end - start + 1)
            for ordinal in start..<end { totals.append(totals.last! + day(ordinal)) }
            lock.lock()
            if totals.count > running.count { base = start; running = totals }
            lock.unlock()
        }
        lock.lock()
        defer { lock.unlock() }
        return running[to - base] - running[from - base]
    }
}

/// Reads the all-day events of an iCalendar file (`DTSTART;VALUE=DATE:20260101`), the usual
/// shape of published holiday calendars.
public enum ICalendar {
    /// The years whose holidays are read (recurring events are expanded over them).
    static let years = 1970...2100
    /// At most this many occurrences in one file, and days in one event.
    static let occurrenceLimit = 100_000, eventDayLimit = 3660

    /// The days an iCalendar file makes holidays, read through libical: every day of an
    /// all-day event (a multi-day event's every day, a yearly or other recurring event's
    /// every occurrence, EXDATEs left out), and every day that a timed event covers whole in
    /// `zone` (its own TZID, or UTC, honoured). A file that does not read is a finding.
    public static func holidays(_ text: String, zone: TimeZone, file: String) throws -> Set<Day> {
        try days(text, zone: zone, file: file).holidays
    }

    /// The days an iCalendar file names, by kind: an event whose CATEGORIES (or
    /// `X-GITDESK-DAY`) say `working-day` (or "рабочий день") makes working days, `short-day`
    /// ("сокращённый день") short days; any other event holidays.
    public static func days(_ text: String, zone: TimeZone, file: String) throws -> CalendarDays {
        let events: [ICalEvent]
        do {
            events = try ICalFile.events(in: text, years: years, limit: occurrenceLimit)
        } catch let error as ICalError {
            throw Finding(file: file, .calendarUnreadable(error))
        }
        var result = CalendarDays()
        for event in events {
            var days = Set<Day>()
            defer {
                if event.categories.contains(where: { ["working-day", "workday", "рабочий день"].contains($0) }) {
                    result.working.formUnion(days)
                } else if event.categories.contains(where: { ["short-day", "shortened-day", "сокращённый день", "сокращенный день"].contains($0) }) {
                    result.short.formUnion(days)
                } else {
                    result.holidays.formUnion(days)
                }
            }
            // Each occurrence lasts as long as the first: whole days, or seconds.
            let lengthDays = max(1, day(event.end).ordinal - day(event.start).ordinal)
            let lengthSeconds = instant(event.end, zone: zone).timeIntervalSince(instant(event.start, zone: zone))
            guard (event.allDay ? Double(lengthDays) : lengthSeconds / 86_400) <= Double(eventDayLimit) else {
                throw Finding(file: file, .eventTooLong(days: eventDayLimit, from: "\(day(event.start))"))
            }
            for occurrence in event.occurrences {
                let first: Int, last: Int
                if event.allDay {
                    first = day(occurrence).ordinal
                    last = first + lengthDays - 1
                } else {
                    // Whole days of `zone` inside [start, end).
                    let start = instant(occurrence, zone: zone), end = start.addingTimeInterval(lengthSeconds)
                    let startDay = Day(start, in: zone)
                    first = midnight(startDay, zone: zone) >= start ? startDay.ordinal : startDay.ordinal + 1
                    last = Day(end, in: zone).ordinal - 1
                }
                guard last >= first else { continue }
                for ordinal in first...last { days.insert(Day(ordinal: ordinal)) }
            }
        }
        return result
    }

    private static func day(_ time: ICalDateTime) -> Day { Day(year: time.year, month: time.month, day: time.day) }

    /// The instant a time names: its own, or its wall-clock time in its TZID's zone (the
    /// desk's when it names none, or one Foundation does not know).
    private static func instant(_ time: ICalDateTime, zone: TimeZone) -> Date {
        if let seconds = time.instant { return Date(timeIntervalSince1970: TimeInterval(seconds)) }
        let wall = day(time).ordinal * 86_400 + time.hour * 3600 + time.minute * 60 + time.second
        return Timestamp.instant(wall: TimeInterval(wall), in: time.zoneName.flatMap(TimeZone.init(identifier:)) ?? zone)
    }

    private static func midnight(_ day: Day, zone: TimeZone) -> Date { Timestamp.instant(wall: TimeInterval(day.ordinal * 86_400), in: zone) }
}

/// SLA targets for one category or the policy's default: working minutes per priority.
public struct SLATargets: Sendable {
    public var reaction: [String: Int] = [:]
    public var update: [String: Int] = [:]
    public var resolution: [String: Int] = [:]
}

/// A named SLA policy: targets per priority, optionally per category, and a calendar.
public struct SLAPolicy: Sendable {
    public var name: String
    public var calendar: String?
    public var targets = SLATargets()
    public var categories: [String: SLATargets] = [:]

    /// The target in working minutes for a clock, most specific first: category and
    /// priority, category default, policy priority, policy default.
    public func target(_ clock: KeyPath<SLATargets, [String: Int]>, category: String?, priority: String?) -> Int? {
        let p = priority ?? "normal"
        if let category, let specific = categories[category] {
            if let value = specific[keyPath: clock][p] ?? specific[keyPath: clock]["default"] { return value }
        }
        return targets[keyPath: clock][p] ?? targets[keyPath: clock]["default"]
    }
}

/// `sla:` in gitdesk.yml.
public struct SLASettings: Sendable {
    public var pauseStatuses: Set<String> = ["waiting-client", "estimate-sent", "on-hold"]
    /// Warn when this share of a target is used, in basis points.
    public var warnBasisPoints = 8000
    public var defaultPolicy = "standard"
    public var policies: [String: SLAPolicy] = ["standard": SLASettings.standard]

    public static let standard: SLAPolicy = {
        var policy = SLAPolicy(name: "standard")
        policy.targets.reaction = ["urgent": 60, "high": 120, "normal": 240, "low": 480]
        policy.targets.update = ["urgent": 240, "high": 480, "normal": 960, "low": 2400]
        policy.targets.resolution = ["urgent": 480, "high": 960, "normal": 2400, "low": 4800]
        return policy
    }()

    static func parse(_ value: YAMLValue, file: String, statuses: [String]) throws -> SLASettings {
        var settings = SLASettings()
        func fail(_ v: YAMLValue, _ problem: Problem) -> Finding { Finding(file: file, line: v.line, problem) }
        if let pause = value["pause-statuses"] {
            let names = pause.list?.compactMap(\.string) ?? []
            for name in names where !statuses.contains(name) { throw fail(pause, .pauseStatus(name)) }
            settings.pauseStatuses = Set(names)
        }
        if let warn = value["warn-at"] {
            guard let bp = warn.string.flatMap(DeskConfig.parsePercent) else { throw fail(warn, .warnAt) }
            settings.warnBasisPoints = bp
        }
        if let name = value["default-policy"]?.string { settings.defaultPolicy = name }
        if let policies = value["policies"] {
            settings.policies = [:]
            for (name, body) in policies.pairs {
                var policy = SLAPolicy(name: name, calendar: body["calendar"]?.string)
                policy.targets = try targets(body, file: file)
                for (category, overrides) in body["categories"]?.pairs ?? [] { policy.categories[category] = try targets(overrides, file: file) }
                settings.policies[name] = policy
            }
        }
        guard settings.policies[settings.defaultPolicy] != nil else {
            throw fail(value, .defaultPolicy(settings.defaultPolicy))
        }
        return settings
    }

    private static func targets(_ value: YAMLValue, file: String) throws -> SLATargets {
        var targets = SLATargets()
        func table(_ key: String) throws -> [String: Int] {
            var result: [String: Int] = [:]
            guard let node = value[key] else { return result }
            if let single = node.string {
                guard let d = Duration(single) else { throw Finding(file: file, line: node.line, .durationSetting(key)) }
                return ["default": d.minutes]
            }
            for (priority, target) in node.pairs {
                guard let d = target.string.flatMap(Duration.init) else {
                    throw Finding(file: file, line: target.line, .durationSetting("\(key).\(priority)"))
                }
                result[priority] = d.minutes
            }
            return result
        }
        targets.reaction = try table("reaction")
        targets.update = try table("update")
        targets.resolution = try table("resolution")
        return targets
    }
}

/// `reminders:` in gitdesk.yml: the seed's helpers and their thresholds (working time
/// unless noted).
public struct ReminderSettings: Sendable {
    public var idleInProgress = 480
    public var notTaken = 240
    public var clientWaiting = 120
    public var longTicket = 480
    public var progressUpdate = 960
    public var estimateSilence = 1440
    /// Calendar days a phone ticket may stay unconfirmed.
    public var unconfirmedDays = 2

    static func parse(_ value: YAMLValue, file: String) throws -> ReminderSettings {
        var settings = ReminderSettings()
        for (key, node) in value.pairs {
            if key == "debt-days" { continue }  // read by DeskConfig (debtReminderDays)
            if key == "unconfirmed-days" {
                guard let days = node.string.flatMap({ Int($0) }), days >= 0 else { throw Finding(file: file, line: node.line, .daysSetting(key)) }
                settings.unconfirmedDays = days
                continue
            }
            guard let d = node.string.flatMap(Duration.init) else { throw Finding(file: file, line: node.line, .workdaySetting(key)) }
            switch key {
            case "idle-in-progress": settings.idleInProgress = d.minutes
            case "not-taken": settings.notTaken = d.minutes
            case "client-waiting": settings.clientWaiting = d.minutes
            case "long-ticket": settings.longTicket = d.minutes
            case "progress-update": settings.progressUpdate = d.minutes
            case "estimate-silence": settings.estimateSilence = d.minutes
            default: throw Finding(file: file, line: node.line, .unknownReminder(key))
            }
        }
        return settings
    }
}
