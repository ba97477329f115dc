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
            abstract: "The lead's dashboard: rate, hours, plan, people, load, cash and SLA over the months, as one static page.",
            discussion: """
            Writes DIR/index.html (default: dashboard/ in the desk, which git ignores): inline SVG charts with their numbers beside them, no script and no network, so it
            opens from file://. Every figure is what report, plan, balance and sla give for the same period.

            Examples:
              gitdesk dashboard                                       # this month and the eleven before it
              gitdesk dashboard --out /srv/lead --period 2026-10 --months 6
              gitdesk dashboard --json --period 2026-11               # the same numbers as JSON
            """)

        @OptionGroup var desk: DeskOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var now: NowOption
        @Option(help: "The folder to write index.html into (default: dashboard/ in the desk; with --json only when given).") var out: String?
        @Option(help: "The month the page is about, e.g. 2026-11 (default: this month).") var period: String?
        @Option(help: "How many months the charts show, ending with --period (1–60).") var months: Int = 12

        func run() throws {
            guard (1...60).contains(months) else { throw DeskError.usage(.monthsRange) }
            let month = try period.map { text -> Period in
                guard text.count == 7, let month = Period(text) else { throw DeskError.usage(.periodMonth) }
                return month
            }
            let store = try desk.open()
            let (dashboard, cards) = try Dashboard.read(store, month: month, months: months, now: now.resolve(zone:))
            for finding in cards.findings { Output.warn(Problem.warningLabel.text.description + " \(finding)") }
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
