import ArgumentParser
import Foundation
import GitdeskCore
import GitdeskDashboard
import GitdeskStore
import GitdeskWords

extension Gitdesk {
    struct DashboardCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dashboard",
            abstract: Help.leadsDashboardRateHoursPlan.text,
            discussion: Help.dashboardNotes.text + "\n\n" + Help.examples([
                ("gitdesk dashboard", .exampleLastTwelveMonths),
                ("gitdesk dashboard --out /srv/lead --period 2026-10 --months 6", nil),
                ("gitdesk dashboard --json --period 2026-11", .exampleSameNumbersJSON),
            ]))

        @OptionGroup var desk: DeskOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var now: NowOption
        @Option(help: .of(.folderWriteIndexHtmlInto)) var out: String?
        @Option(help: .of(.monthPageAbout202611)) var period: String?
        @Option(help: .of(.howManyMonthsChartsShow)) var months: Int = 12

        func run() throws {
            guard (1...60).contains(months) else { throw DeskError.usage(.monthsRange) }
            let month = try period.map { text -> Period in
                guard text.count == 7, let month = Period(text) else { throw DeskError.usage(.periodMonth) }
                return month
            }
            let store = try desk.open()
            let (dashboard, cards) = try Dashboard.read(store, month: month, months: months, now: now.resolve(zone:))
            for finding in cards.findings { Output.warn(.warningLabel, finding) }
            if output.json { try Output.json(dashboard, config: cards.config) }
            guard let folder = out ?? (output.json ? nil : store.root + "dashboard") else { return }
            let page = try writePage(Data(DashboardPage(dashboard: dashboard, config: cards.config, words: try desk.words(cards.config)).html().utf8), to: folder)
            if !output.json { Output.line(page) }
        }

        /// Writes `DIR/index.html` (creating DIR), never through a link; returns its path.
        private func writePage(_ data: Data, to folder: String) throws -> String {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let base = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path + "/"
            if let link = SymbolicLinks.first(in: "index.html", below: base, includingLast: true) {
                throw DeskError.refused(.writeThroughLinkOut(link))
            }
            let page = base + "index.html"
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: page, isDirectory: &isFolder), isFolder.boolValue {
                throw DeskError.refused(.folderInTheWay(page))
            }
            try data.write(to: URL(fileURLWithPath: page), options: .atomic)
            return page
        }
    }
}
