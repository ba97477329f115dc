import Foundation
import GitdeskCore
import GitdeskMoney
import GitdeskSLA
import GitdeskStore

extension Dashboard {
    /// The dashboard of the desk at HEAD, from the folder records and the history: `month`
    /// (default: the month of now in the desk's time zone) and the `months` before it.
    /// `now` gives the moment the clocks are read at, given the desk's time zone.
    /// A problem in what money is made of stops it, as it stops `report`; the returned cards
    /// carry the other findings (a message, a test case), to be named beside the page.
    public static func read(_ store: DeskRepository, month: Period?, months: Int,
                            now moment: (TimeZone) throws -> Date) throws -> (dashboard: Dashboard, cards: Desk) {
        let (history, cards, folders) = try store.historyAndRecords(atCommit: try store.resolve("HEAD"))
        let money = cards.findings.filter(FolderFacts.concernsMoney)
        if !money.isEmpty { throw DeskError.invalidDesk(money) }
        let now = try moment(cards.config.timezone)
        let today = Day(now, in: cards.config.timezone)
        let month = month ?? Period.month(of: today)
        var clean = cards
        clean.findings = []
        // The tickets' timelines on one core while the lines are priced on the other.
        var timelines: Result<[String: Timeline], Error>?, book: Result<WorkBook, Error>?
        let span = span(month: month, months: months, today: today)
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 0 {
                timelines = .success(Timeline.all(tickets: folders.lazy.flatMap(\.tickets), history: history))
            } else {
                book = Result { try WorkBook(cards: clean, folders: folders, period: span) }
            }
        }
        guard let timelines, let book else { throw DeskError.git(.dashboardStopped) }
        let sla = SLAEngine(cards: clean, timelines: try timelines.get(), now: now)
        return (Dashboard(book: try book.get(), sla: sla, month: month, months: months, today: today), cards)
    }
}
