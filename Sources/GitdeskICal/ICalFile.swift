import Clibical
import Foundation

/// A date and time of an iCalendar file, as written, with what is known of its zone.
public struct ICalDateTime: Hashable, Sendable {
    public let year, month, day, hour, minute, second: Int
    /// Seconds since 1970, when the time names its zone (UTC, or a VTIMEZONE of the file).
    public let instant: Int64?
    /// A TZID the file names without defining it (an Olson name such as Europe/Moscow), for
    /// the caller to resolve; nil for UTC, a defined zone, or a floating time.
    public let zoneName: String?
}

/// An event: its first start and end (`end` exclusive: for an all-day event the day after
/// its last), and the start of every occurrence (the first one too).
public struct ICalEvent: Hashable, Sendable {
    public let start: ICalDateTime
    public let end: ICalDateTime
    public let allDay: Bool
    public let occurrences: [ICalDateTime]
    /// Its CATEGORIES and an `X-GITDESK-DAY` value, lowercased: what kind of day it makes.
    public var categories: [String] = []
}

/// Why a file cannot be read as a calendar.
public enum ICalError: Error, Sendable, Equatable {
    /// No `BEGIN:VCALENDAR … END:VCALENDAR`.
    case notICalendar
    /// An RRULE that libical cannot expand.
    case unexpandableRule
    /// More occurrences than the limit in the years asked for.
    case tooManyOccurrences(limit: Int, years: ClosedRange<Int>)
    /// An RRULE RFC 5545 forbids (a negative COUNT, or COUNT with UNTIL), which libical
    /// would quietly expand to its first occurrence only.
    case malformedRule(String)
}

/// Reads iCalendar files through libical, the library calendar software trusts (RFC 5545:
/// folded lines, escaping, time zones, DURATION, RRULE, RDATE, EXDATE). The only code that
/// touches libical's pointers.
public enum ICalFile {
    /// Every event in `text`, with its occurrences that start in the years `years`; at most
    /// `limit` occurrences are expanded in all (a rule repeating every second without end
    /// would otherwise never stop), past which the file is refused.
    public static func events(in text: String, years: ClosedRange<Int>, limit: Int) throws -> [ICalEvent] {
        if let rule = malformedRule(in: text) { throw ICalError.malformedRule(rule) }
        icalerror_set_errors_are_fatal(0)
        guard let root = icalparser_parse_string(text) else { throw ICalError.notICalendar }
        defer { icalcomponent_free(root) }
        var events: [OpaquePointer] = []
        if icalcomponent_isa(root) == ICAL_VEVENT_COMPONENT {
            events = [root]
        } else if icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT {
            var event = icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT)
            while let current = event {
                events.append(current)
                event = icalcomponent_get_next_component(root, ICAL_VEVENT_COMPONENT)
            }
        } else {
            throw ICalError.notICalendar
        }
        // An event with a RECURRENCE-ID moves or cancels one occurrence of the recurring event
        // of its UID: that occurrence is left out of the series, and the moved one (unless
        // cancelled) stands on its own.
        var overridden: [String: Set<[Int32]>] = [:]
        for event in events where icalcomponent_get_first_property(event, ICAL_RECURRENCEID_PROPERTY) != nil {
            guard let uid = icalcomponent_get_uid(event).map({ String(cString: $0) }) else { continue }
            overridden[uid, default: []].insert(key(icalcomponent_get_recurrenceid(event)))
        }
        var result: [ICalEvent] = []
        var expanded = 0
        for event in events {
            let isOverride = icalcomponent_get_first_property(event, ICAL_RECURRENCEID_PROPERTY) != nil
            if isOverride && icalcomponent_get_status(event) == ICAL_STATUS_CANCELLED { continue }
            let moved = isOverride ? [] : icalcomponent_get_uid(event).map { overridden[String(cString: $0)] ?? [] } ?? []
            guard let startProperty = icalcomponent_get_first_property(event, ICAL_DTSTART_PROPERTY) else { continue }
            let start = icalcomponent_get_dtstart(event)
            guard icaltime_is_null_time(start) == 0, icaltime_is_valid_time(start) != 0 else { continue }
            let zoneName = tzid(of: startProperty)
            let allDay = icaltime_is_date(start) != 0
            var end = icalcomponent_get_dtend(event)
            if icaltime_is_null_time(end) != 0 {
                end = start
                if allDay { icaltime_adjust(&end, 1, 0, 0, 0) }
            }
            let excluded = Set(properties(of: event, ICAL_EXDATE_PROPERTY).map { key(icalproperty_get_exdate($0)) }).union(moved)
            var starts: [icaltimetype] = []
            let rules = isOverride ? [] : properties(of: event, ICAL_RRULE_PROPERTY)
            if rules.isEmpty { starts.append(start) }
            for rule in rules {
                let recurrence = icalproperty_get_rrule(rule)
                if recurrence.count < 0 || (recurrence.count > 0 && icaltime_is_null_time(recurrence.until) == 0) {
                    throw ICalError.malformedRule(icalproperty_get_value_as_string(rule).map { String(cString: $0) } ?? "RRULE")
                }
                guard let iterator = icalrecur_iterator_new(recurrence, start) else {
                    throw ICalError.unexpandableRule
                }
                defer { icalrecur_iterator_free(iterator) }
                while true {
                    let next = icalrecur_iterator_next(iterator)
                    if icaltime_is_null_time(next) != 0 || next.year > years.upperBound { break }
                    expanded += 1
                    if expanded > limit { throw ICalError.tooManyOccurrences(limit: limit, years: years) }
                    starts.append(next)
                }
            }
            for rdate in properties(of: event, ICAL_RDATE_PROPERTY) {
                let time = icalproperty_get_rdate(rdate).time
                if icaltime_is_null_time(time) == 0 { starts.append(time) }
            }
            let occurrences = starts.filter { years.contains(Int($0.year)) && !excluded.contains(key($0)) }
            var categories = properties(of: event, ICAL_CATEGORIES_PROPERTY).compactMap { icalproperty_get_categories($0).map { String(cString: $0) } }
                .flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() } }
            for property in properties(of: event, ICAL_X_PROPERTY) where icalproperty_get_x_name(property).map({ String(cString: $0).uppercased() }) == "X-GITDESK-DAY" {
                if let value = icalproperty_get_value_as_string(property) { categories.append(String(cString: value).lowercased()) }
            }
            result.append(ICalEvent(start: value(start, zoneName: zoneName), end: value(end, zoneName: zoneName), allDay: allDay,
                                    occurrences: occurrences.map { value($0, zoneName: zoneName) }, categories: categories))
        }
        return result
    }

    /// An RRULE as written that RFC 5545 forbids: a COUNT that is not positive, or a COUNT
    /// with an UNTIL. libical reads either as something else (its first occurrence only), so
    /// the text is looked at before it is parsed.
    static func malformedRule(in text: String) -> String? {
        // Unfolded: a line break followed by a space or a tab continues the line.
        let unfolded = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n[ \t]", with: "", options: .regularExpression)
        for line in unfolded.split(separator: "\n") where line.uppercased().hasPrefix("RRULE") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let value = line[line.index(after: colon)...]
            var parts: [String: String] = [:]
            for part in value.split(separator: ";") {
                let pair = part.split(separator: "=", maxSplits: 1)
                if pair.count == 2 { parts[pair[0].uppercased()] = String(pair[1]) }
            }
            if let count = parts["COUNT"], (Int(count).map { $0 <= 0 } ?? true) || parts["UNTIL"] != nil { return String(value) }
        }
        return nil
    }

    private static func properties(of component: OpaquePointer, _ kind: icalproperty_kind) -> [OpaquePointer] {
        var found: [OpaquePointer] = []
        var property = icalcomponent_get_first_property(component, kind)
        while let current = property {
            found.append(current)
            property = icalcomponent_get_next_property(component, kind)
        }
        return found
    }

    private static func tzid(of property: OpaquePointer) -> String? {
        guard let parameter = icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER),
              let name = icalparameter_get_tzid(parameter) else { return nil }
        return String(cString: name)
    }

    private static func key(_ time: icaltimetype) -> [Int32] {
        [time.year, time.month, time.day, time.is_date != 0 ? 0 : time.hour, time.is_date != 0 ? 0 : time.minute, time.is_date != 0 ? 0 : time.second]
    }

    private static func value(_ time: icaltimetype, zoneName: String?) -> ICalDateTime {
        var instant: Int64?
        if time.is_date == 0 {
            if icaltime_is_utc(time) != 0 {
                instant = Int64(icaltime_as_timet_with_zone(time, icaltimezone_get_utc_timezone()))
            } else if let zone = time.zone {
                instant = Int64(icaltime_as_timet_with_zone(time, zone))
            }
        }
        return ICalDateTime(year: Int(time.year), month: Int(time.month), day: Int(time.day), hour: Int(time.hour),
                            minute: Int(time.minute), second: Int(time.second), instant: instant,
                            zoneName: instant == nil && time.is_date == 0 ? zoneName : nil)
    }
}
