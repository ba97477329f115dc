import Foundation
import XCTest
import GitdeskCore

final class CalendarTests: XCTestCase {
    let moscow = TimeZone(identifier: "Europe/Moscow")!
    let berlin = TimeZone(identifier: "Europe/Berlin")!

    func calendar(zone: TimeZone? = nil, hours: [Int: [ClosedRange<Int>]]? = nil, holidays: Set<Day> = []) -> WorkCalendar {
        let nineToSix = Dictionary(uniqueKeysWithValues: (1...5).map { ($0, [540...1080]) })
        return WorkCalendar(settings: CalendarSettings(timezone: zone ?? moscow, workingHours: hours ?? nineToSix, holidays: holidays))
    }

    func t(_ text: String, _ zone: TimeZone? = nil) -> Date { Timestamp.parse(text, zone: zone ?? moscow)! }

    func testWeekendsAreSkipped() {
        let c = calendar()
        // Friday 17:00 + 2h = Monday 10:00.
        XCTAssertEqual(c.adding(minutes: 120, to: t("2026-11-27T17:00")), t("2026-11-30T10:00"))
        XCTAssertEqual(c.workingMinutes(from: t("2026-11-27T17:00"), to: t("2026-11-30T10:00")), 120)
    }

    func testSixteenHoursOnAnEightHourCalendarIsTwoWorkingDays() {
        let c = calendar(hours: Dictionary(uniqueKeysWithValues: (1...5).map { ($0, [540...1020]) }))
        XCTAssertEqual(c.adding(minutes: 16 * 60, to: t("2026-11-23T09:00")), t("2026-11-24T17:00"))
    }

    func testHolidaysAndOutOfHoursArrival() {
        let c = calendar(holidays: [Day("2026-11-04")!])
        // Arrives Tuesday 22:00; Wednesday is a holiday; the clock starts Thursday 09:00.
        XCTAssertEqual(c.nextWorkingMoment(from: t("2026-11-03T22:00")), t("2026-11-05T09:00"))
        XCTAssertEqual(c.adding(minutes: 60, to: t("2026-11-03T22:00")), t("2026-11-05T10:00"))
        XCTAssertEqual(c.workingMinutes(from: t("2026-11-03T22:00"), to: t("2026-11-05T09:30")), 30)
    }

    func testSplitDays() {
        let split = Dictionary(uniqueKeysWithValues: (1...5).map { ($0, [570...750, 840...1080]) })
        let c = calendar(hours: split)
        // 12:00 + 1h: 30 minutes before lunch, 30 after.
        XCTAssertEqual(c.adding(minutes: 60, to: t("2026-11-23T12:00")), t("2026-11-23T14:30"))
        XCTAssertEqual(c.workingMinutes(from: t("2026-11-23T09:00"), to: t("2026-11-23T19:00")), 180 + 240)
    }

    func testFixedOffsetZone() {
        let fixed = TimeZone(secondsFromGMT: 3 * 3600)!
        let c = calendar(zone: fixed)
        XCTAssertEqual(c.adding(minutes: 30, to: t("2026-11-23T06:00:00Z")), t("2026-11-23T09:30:00+03:00"))
    }

    func testDaylightSavingChange() {
        let c = calendar(zone: berlin)
        // Berlin leaves summer time on Sunday 2026-10-25: Friday 17:00 CEST + 2h = Monday 10:00 CET,
        // 71 wall hours later rather than 65 + 1.
        let start = t("2026-10-23T17:00", berlin)
        let end = c.adding(minutes: 120, to: start)!
        XCTAssertEqual(end, t("2026-10-26T10:00", berlin))
        XCTAssertEqual(end.timeIntervalSince(start), 66 * 3600)
        XCTAssertEqual(c.workingMinutes(from: start, to: end), 120)
    }

    /// The running totals behind long spans give what adding up each day's intervals gives,
    /// in any order of questions, across holidays, split days and a DST change.
    func testLongSpansAgreeWithDayByDaySums() {
        let split = Dictionary(uniqueKeysWithValues: (1...5).map { ($0, [570...750, 840...1080]) } + [(6, [600...840])])
        let c = calendar(zone: berlin, hours: split, holidays: [Day("2026-01-01")!, Day("2026-05-01")!, Day("2026-12-25")!])
        var generator = SeededGenerator(seed: 5)
        let origin = t("2025-06-01T00:00", berlin)
        for _ in 0..<300 {
            let a = origin.addingTimeInterval(Double(Int.random(in: 0..<(900 * 86_400), using: &generator)))
            let b = a.addingTimeInterval(Double(Int.random(in: 0..<(400 * 86_400), using: &generator)))
            var seconds = 0.0
            var day = Day(a, in: berlin)
            while day <= Day(b, in: berlin) {
                for interval in c.intervals(on: day) where min(interval.end, b) > max(interval.start, a) {
                    seconds += min(interval.end, b).timeIntervalSince(max(interval.start, a))
                }
                day = day.adding(days: 1)
            }
            XCTAssertEqual(c.workingMinutes(from: a, to: b), Int(seconds / 60), "\(a) → \(b)")
        }
    }

    /// Spans of years in a zone with one offset are summed by weekday at once (a hostile
    /// commit dated in 9998 must not walk three million days); they agree with the walk.
    func testSpansOfYearsInAFixedOffsetZoneAgreeWithTheDayByDayWalk() {
        let split = Dictionary(uniqueKeysWithValues: (1...5).map { ($0, [570...750, 840...1080]) } + [(6, [600...840])])
        var holidays = Set<Day>()
        var generator = SeededGenerator(seed: 9)
        for _ in 0..<200 { holidays.insert(Day("2026-01-01")!.adding(days: Int.random(in: 0..<4000, using: &generator))) }
        let c = calendar(hours: split, holidays: holidays)
        let origin = t("2025-06-01T00:00")
        for _ in 0..<40 {
            // Whole minutes, so that the pieces below lose no fraction of a minute each.
            let a = origin.addingTimeInterval(Double(Int.random(in: 0..<(400 * 1440), using: &generator) * 60))
            let b = a.addingTimeInterval(Double(Int.random(in: (1001 * 1440)..<(3600 * 1440), using: &generator) * 60))
            // The same span in pieces shorter than the fast path's threshold.
            var walked = 0, start = a
            while start < b {
                let end = min(b, start.addingTimeInterval(500 * 86_400))
                walked += c.workingMinutes(from: start, to: end)
                start = end
            }
            XCTAssertEqual(c.workingMinutes(from: a, to: b), walked, "\(a) → \(b)")
        }
        let far = c.workingMinutes(from: t("2026-11-02T10:00"), to: t("9998-12-31T10:00"))
        XCTAssertGreaterThan(far, 0)
    }

    func testICalendarHolidays() throws {
        let ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260101\r\nSUMMARY:Новый год\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260223\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        XCTAssertEqual(try ICalendar.holidays(ics, zone: moscow, file: "h.ics"), [Day("2026-01-01")!, Day("2026-02-23")!])
    }

    /// A Russian holiday calendar as calendar programs export it: multi-day events, a yearly
    /// recurrence with an exception, a timed event in its own zone, folded lines.
    static let russianHolidays = """
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        PRODID:-//test//RU holidays//RU\r
        BEGIN:VEVENT\r
        UID:ny-2027\r
        DTSTART;VALUE=DATE:20270101\r
        DTEND;VALUE=DATE:20270109\r
        SUMMARY:Новогодние каникулы\r
        END:VEVENT\r
        BEGIN:VEVENT\r
        UID:march-8\r
        DTSTART;VALUE=DATE:20200308\r
        DTEND;VALUE=DATE:20200309\r
        RRULE:FREQ=YEARLY\r
        EXDATE;VALUE=DATE:20250308\r
        SUMMARY:Международный женский день — выходной, который повторяется каждый год и опис\r
         ан длинной строкой\r
        END:VEVENT\r
        BEGIN:VEVENT\r
        UID:bridge\r
        DTSTART;VALUE=DATE:20261207\r
        DURATION:P5D\r
        SUMMARY:Перенос выходных\r
        END:VEVENT\r
        BEGIN:VEVENT\r
        UID:moscow-day\r
        DTSTART;TZID=Europe/Moscow:20261231T000000\r
        DTEND;TZID=Europe/Moscow:20270101T000000\r
        SUMMARY:Сокращённый день, весь в Москве\r
        END:VEVENT\r
        BEGIN:VEVENT\r
        UID:utc-day\r
        DTSTART:20261104T000000Z\r
        DTEND:20261105T000000Z\r
        SUMMARY:A UTC day: in Moscow it runs 03:00 to 03:00 and covers no whole day\r
        END:VEVENT\r
        END:VCALENDAR\r

        """

    func testRealICalendarFilesThroughLibical() throws {
        let days = try ICalendar.holidays(Self.russianHolidays, zone: moscow, file: "holidays.ics")
        for day in (1...8).map({ "2027-01-0\($0)" }) + ["2026-12-07", "2026-12-08", "2026-12-09", "2026-12-10", "2026-12-11",
                                                      "2026-12-31", "2020-03-08", "2026-03-08", "2100-03-08"] {
            XCTAssertTrue(days.contains(Day(day)!), day)
        }
        for day in ["2027-01-09", "2026-12-06", "2026-12-12", "2025-03-08", "2026-11-04", "2026-11-05", "2027-01-01".replacingOccurrences(of: "01-01", with: "03-09")] {
            XCTAssertFalse(days.contains(Day(day)!), day)
        }
        XCTAssertEqual(days.count, 8 + 5 + 1 + (2100 - 2020 + 1 - 1))
        // In London the UTC day is a whole day.
        XCTAssertTrue(try ICalendar.holidays(Self.russianHolidays, zone: TimeZone(identifier: "Europe/London")!, file: "h.ics").contains(Day("2026-11-04")!))
    }

    /// Hostile calendars are findings, never hangs or crashes.
    func testHostileICalendarFilesAreFindings() throws {
        let endless = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20260101T000000Z\r\nRRULE:FREQ=SECONDLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        let long = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:19700101\r\nDTEND;VALUE=DATE:21000101\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        for text in [endless, long, "not a calendar", ""] {
            XCTAssertThrowsError(try ICalendar.holidays(text, zone: moscow, file: "h.ics"), text) { error in
                XCTAssertEqual((error as? Finding)?.file, "h.ics")
            }
        }
        var generator = SeededGenerator(seed: 5)
        let bytes = Array(Self.russianHolidays.utf8)
        for _ in 0..<300 {
            var mutated = bytes
            for _ in 0..<(1 + Int(generator.next() % 8)) {
                mutated[Int(generator.next() % UInt64(mutated.count))] = UInt8(truncatingIfNeeded: generator.next())
            }
            _ = try? ICalendar.holidays(String(decoding: mutated, as: UTF8.self), zone: moscow, file: "h.ics")
        }
    }

    /// Russia's production calendar: a transferred Saturday is worked, a pre-holiday day is
    /// an hour short, the holidays are off; SLA clocks across them agree with it, and the
    /// whole-day sums of long spans agree with the day-by-day walk.
    func testProductionCalendarWorkingSaturdaysAndShortDays() throws {
        let nineToSix = Dictionary(uniqueKeysWithValues: (1...5).map { ($0, [540...1080]) })
        let c = WorkCalendar(settings: CalendarSettings(timezone: moscow, workingHours: nineToSix, days: ProductionCalendar.days("ru")!))
        for saturday in ["2024-04-27", "2024-11-02", "2024-12-28", "2025-11-01"] { XCTAssertTrue(c.isWorkingDay(Day(saturday)!), saturday) }
        for holiday in ["2024-04-29", "2024-04-30", "2025-11-03", "2025-11-04", "2026-01-09", "2026-11-04", "2027-02-22"] {
            XCTAssertFalse(c.isWorkingDay(Day(holiday)!), holiday)
        }
        // A short day ends at 17:00 (2024-11-02 is a worked Saturday and short too).
        for (day, minutes) in [("2025-03-07", 480), ("2026-04-30", 480), ("2024-11-02", 480), ("2024-04-27", 540), ("2026-11-05", 540)] {
            XCTAssertEqual(c.workingMinutes(from: t("\(day)T00:00"), to: t("\(day)T23:59")), minutes, day)
        }
        // Friday 17:00 + 2h of work: the Saturday is worked, so 10:00 on it.
        XCTAssertEqual(c.adding(minutes: 120, to: t("2024-04-26T17:00")), t("2024-04-27T10:00"))
        // Across the short 2026-11-03 and the holiday 2026-11-04: 8h + 0 + 1h.
        XCTAssertEqual(c.workingMinutes(from: t("2026-11-03T09:00"), to: t("2026-11-05T10:00")), 540)
        XCTAssertEqual(c.adding(minutes: 8 * 60 + 30, to: t("2026-11-03T09:00")), t("2026-11-05T09:30"))
        // Four years at once (whole-day sums) against the sum of each day.
        var walked = 0
        var day = Day("2024-01-01")!
        while day < Day("2028-01-01")! {
            walked += c.workingMinutes(from: t("\(day)T00:00"), to: t("\(day.adding(days: 1))T00:00"))
            day = day.adding(days: 1)
        }
        XCTAssertEqual(c.workingMinutes(from: t("2024-01-01T00:00"), to: t("2028-01-01T00:00")), walked)
        // On a 40-hour week 2026 has 247 working days, 4 of them an hour short: the official 1 972 hours.
        let eight = WorkCalendar(settings: CalendarSettings(timezone: moscow, workingHours: Dictionary(uniqueKeysWithValues: (1...5).map { ($0, [540...1020]) }),
                                                            days: ProductionCalendar.days("ru")!))
        XCTAssertEqual(eight.workingDays(in: Period("2026")!).count, 247)
        XCTAssertEqual(eight.workingMinutes(from: t("2026-01-01T00:00"), to: t("2027-01-01T00:00")), 1972 * 60)
    }

    /// Moved and cancelled occurrences (RECURRENCE-ID) as `recurring-ical-events` (PyPI)
    /// expands them, on a file generated with `icalendar`; working and short days by
    /// category; a malformed rule is refused, not expanded to its first occurrence.
    func testMovedOccurrencesWorkingDaysAndMalformedRules() throws {
        let folder = NSTemporaryDirectory() + "gitdesk-ical-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let script = #"""
            import datetime, json, sys
            import icalendar, recurring_ical_events
            cal = icalendar.Calendar()
            cal.add("prodid", "-//gitdesk test//"); cal.add("version", "2.0")
            def event(uid, start, rrule=None, rid=None, status=None, categories=None):
                e = icalendar.Event()
                e.add("uid", uid); e.add("summary", uid); e.add("dtstart", start); e.add("dtend", start + datetime.timedelta(days=1))
                if rrule: e.add("rrule", rrule)
                if rid: e.add("recurrence-id", rid)
                if status: e.add("status", status)
                if categories: e.add("categories", categories)
                cal.add_component(e)
            d = datetime.date
            event("day-a", d(2020, 4, 16), {"freq": "yearly", "count": 5})
            event("day-a", d(2021, 4, 19), rid=d(2021, 4, 16))
            event("day-a", d(2022, 4, 16), rid=d(2022, 4, 16), status="CANCELLED")
            event("day-b", d(2020, 5, 28), {"freq": "weekly", "count": 6})
            event("day-b", d(2020, 6, 1), rid=d(2020, 6, 4))
            event("work", d(2024, 4, 27), categories=["working-day"])
            event("short", d(2025, 3, 7), categories=["short-day"])
            open(sys.argv[1], "wb").write(cal.to_ical())
            days = sorted({o["DTSTART"].dt.isoformat() for o in recurring_ical_events.of(cal).between(d(2019, 1, 1), d(2030, 1, 1))
                           if not o.get("categories") and o.get("status") != "CANCELLED"})
            print(json.dumps(days))
            """#
        try script.write(toFile: folder + "/make.py", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", folder + "/make.py", folder + "/moved.ics"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "python3 with icalendar and recurring-ical-events (scripts/install-deps installs them)")
        let expected = try JSONSerialization.jsonObject(with: data) as? [String] ?? []
        XCTAssertTrue(expected.contains("2021-04-19") && !expected.contains("2021-04-16") && !expected.contains("2022-04-16"), "\(expected)")

        let days = try ICalendar.days(try String(contentsOfFile: folder + "/moved.ics", encoding: .utf8), zone: moscow, file: "moved.ics")
        XCTAssertEqual(days.holidays.map(\.description).sorted(), expected)
        XCTAssertEqual(days.working, [Day("2024-04-27")!])
        XCTAssertEqual(days.short, [Day("2025-03-07")!])

        let malformed = "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:x\nDTSTART;VALUE=DATE:20240101\nRRULE:FREQ=DAILY;COUNT=-1;UNTIL=20240110\nEND:VEVENT\nEND:VCALENDAR\n"
        XCTAssertThrowsError(try ICalendar.days(malformed, zone: moscow, file: "bad.ics")) { error in
            XCTAssertTrue("\(error)".contains("RFC 5545"), "\(error)")
        }
    }

    func testPolicyTargetsMostSpecificFirst() throws {
        let config = try DeskConfig.parse("""
            sla:
              default-policy: std
              policies:
                std:
                  reaction: {normal: 4h, default: 8h}
                  categories:
                    incident: {reaction: {urgent: 15m, default: 1h}}
            """)
        let policy = config.sla.policies["std"]!
        XCTAssertEqual(policy.target(\.reaction, category: "incident", priority: "urgent"), 15)
        XCTAssertEqual(policy.target(\.reaction, category: "incident", priority: "low"), 60)
        XCTAssertEqual(policy.target(\.reaction, category: "question", priority: "normal"), 240)
        XCTAssertEqual(policy.target(\.reaction, category: nil, priority: "low"), 480)
        XCTAssertNil(policy.target(\.resolution, category: nil, priority: "low"))
        XCTAssertThrowsError(try DeskConfig.parse("sla:\n  default-policy: nope\n"))
    }
}
