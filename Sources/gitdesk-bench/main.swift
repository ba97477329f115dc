import ArgumentParser
import Foundation
import GitdeskCore

/// Developer tool: generates benchmark desks. Objects are written by `git fast-import`
/// (shelling out to git is for tests and benchmarks only), which builds the large desk's
/// 300 000 commits in minutes.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gitdesk-bench", abstract: "Benchmark desks for gitdesk.", subcommands: [Generate.self])
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Generate a seeded, deterministic benchmark desk.")

    @Option(help: "small (CI, seconds) or large (2000 clients, 50 staff, ~150 000 tickets, ~1.5M work lines, ~300 000 commits).")
    var profile: String = "small"
    @Option(help: "Where to create the desk (must not exist).") var out: String
    @Option(help: "The random seed.") var seed: UInt64 = 1

    func run() throws {
        guard let shape = Shape.profiles[profile] else { throw ValidationError("--profile must be small or large") }
        guard !FileManager.default.fileExists(atPath: out) else { throw ValidationError("\(out) exists") }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try shell(["git", "init", "-q", "-b", "main", out])
        let importer = Process()
        importer.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        importer.arguments = ["-C", out, "fast-import", "--quiet", "--force"]
        let pipe = Pipe()
        importer.standardInput = pipe
        try importer.run()
        var generator = DeskGenerator(shape: shape, seed: seed, sink: pipe.fileHandleForWriting)
        try generator.generate()
        try pipe.fileHandleForWriting.close()
        importer.waitUntilExit()
        guard importer.terminationStatus == 0 else { throw ValidationError("git fast-import failed") }
        try shell(["git", "-C", out, "reset", "-q", "--hard", "main"])
        FileHandle.standardError.write(Data("generated \(generator.commits) commits, \(generator.tickets) tickets, \(generator.workLines) work lines in \(out)\n".utf8))
    }

    private func shell(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ValidationError("\(arguments.joined(separator: " ")) failed") }
    }
}

/// The size of a benchmark desk.
struct Shape {
    let clients: Int
    let staff: Int
    let tickets: Int
    let linesPerTicket: Int
    let years: Int

    static let profiles: [String: Shape] = [
        "small": Shape(clients: 20, staff: 6, tickets: 1_500, linesPerTicket: 10, years: 1),
        "large": Shape(clients: 2_000, staff: 50, tickets: 150_000, linesPerTicket: 10, years: 7),
    ]
}

/// Writes a fast-import stream: cards first, then per ticket a creation commit and a work
/// commit (about two commits per ticket), monthly payments, yearly rate changes.
struct DeskGenerator {
    let shape: Shape
    var random: SeededGenerator
    let sink: FileHandle
    private var buffer = Data()
    private(set) var commits = 0
    private(set) var tickets = 0
    private(set) var workLines = 0
    private var usedIDs = Set<String>()
    private var nextTransaction = 0

    init(shape: Shape, seed: UInt64, sink: FileHandle) {
        self.shape = shape
        random = SeededGenerator(seed: seed)
        self.sink = sink
    }

    static let words = ["обмен", "цены", "остатки", "склад", "заказ", "счёт", "печать", "отчёт", "права", "выгрузка", "сайт",
                        "CRM", "ERP", "price", "sync", "invoice", "report", "стенд", "маркетплейс", "скидка", "доставка", "оплата"]
    static let kinds = ["billable", "billable", "billable", "billable", "billable", "billable", "testing", "help", "learning",
                        "infra", "review", "our-fault", "overrun"]

    mutating func generate() throws {
        let start = Day("2026-12-01")!.adding(days: -365 * shape.years)
        let totalDays = 365 * shape.years
        let logins = (0..<shape.staff).map { String(format: "eng%02d", $0) }
        let clients = (0..<shape.clients).map { String(format: "client%04d", $0) }
        let prefixes = (0..<shape.clients).map { index -> String in
            let letters = Array("ABCDEFGHJKMNPQRSTVWXYZ")
            return "C" + String(letters[index / letters.count % letters.count]) + String(letters[index % letters.count])
                + (index >= letters.count * letters.count ? String(index / (letters.count * letters.count)) : "")
        }
        var files: [String: String] = ["gitdesk.yml": "company: Bench\ncurrency: RUB\nlocale: ru\ntimezone: Europe/Moscow\nrate: 2000\n",
                                       ".gitattributes": "tickets/*/*/work.md merge=union\nledger/*.md merge=union\n"]
        for login in logins {
            files["staff/\(login).md"] = "---\nname: Engineer \(login)\nemail: \(login)@bench.example\nrole: engineer\ncapacity: 6h\n---\n"
        }
        for (index, client) in clients.enumerated() {
            files["clients/\(client).md"] = "---\nname: Клиент \(index)\nprefix: \(prefixes[index])\nrate: \(1500 + index % 20 * 100)\nsla: standard\n---\nДоговор.\n"
            files["projects/\(client)-main/project.md"] = "---\nclient: \(client)\ntitle: Основная база \(index)\n---\n# Wiki\n"
        }
        commit(time: start.ordinal * 86_400, author: "lead", message: "bench: cards", files: files)

        // Ticket events, sorted by time; a payment per client per quarter.
        var events: [(time: Int, kind: Int, index: Int)] = []
        for ticket in 0..<shape.tickets {
            let day = Int.random(in: 0..<totalDays, using: &random)
            events.append((day * 86_400 + 32_400 + Int.random(in: 0..<28_800, using: &random), 0, ticket))
            events.append(((day + Int.random(in: 1...14, using: &random)) * 86_400 + 61_200, 1, ticket))
        }
        for (index, _) in clients.enumerated() {
            for quarter in 0..<(shape.years * 4) { events.append(((quarter * 91 + index % 5) * 86_400 + 43_200, 2, index)) }
        }
        events.sort { ($0.time, $0.kind, $0.index) < ($1.time, $1.kind, $1.index) }
        var ticketIDs: [Int: String] = [:]
        var ledgers: [Int: String] = [:]
        let showProgress = isatty(STDERR_FILENO) == 1
        for (index, event) in events.enumerated() where event.time / 86_400 < totalDays {
            if showProgress && index % 5_000 == 0 {
                FileHandle.standardError.write(Data("generating: \(index * 100 / events.count)% (\(commits) commits)\r".utf8))
            }
            let time = start.ordinal * 86_400 + event.time - 10_800
            switch event.kind {
            case 0:
                let clientIndex = Int.random(in: 0..<shape.clients, using: &random)
                let id = TicketID.generate(prefix: prefixes[clientIndex], existing: usedIDs, using: &random)
                usedIDs.insert(id)
                ticketIDs[event.index] = id
                let login = logins[event.index % logins.count]
                let title = (0..<4).map { _ in Self.words.randomElement(using: &random)! }.joined(separator: " ")
                let created = Timestamp.format(Date(timeIntervalSince1970: TimeInterval(time)), zone: TimeZone(identifier: "Europe/Moscow")!)
                var card = "---\ntitle: \(title)\nclient: \(clients[clientIndex])\nproject: \(clients[clientIndex])-main\nstatus: in-progress\n"
                card += "priority: normal\ncategory: support\nchannel: email\nassignee: \(login)\nestimate: 8h\ncreated: \(created)\n---\n"
                card += "Описание: \(title). Нужно разобраться и исправить.\n"
                let day = Day(ordinal: time / 86_400)
                let work = workText(day: day, login: login, count: shape.linesPerTicket / 2)
                let message = "---\nfrom: client\nauthor: Клиент\nat: \(created)\nchannel: email\n---\nДобрый день! \(title).\n"
                commit(time: time, author: login, message: "\(id): new ticket",
                       files: ["\(TicketID.folder(of: id))/ticket.md": card, "\(TicketID.folder(of: id))/work.md": work,
                               "\(TicketID.folder(of: id))/messages/\(day.description.replacingOccurrences(of: "-", with: ""))T090000-client.md": message])
                tickets += 1
            case 1:
                guard let id = ticketIDs.removeValue(forKey: event.index) else { continue }
                let login = logins[event.index % logins.count]
                let path = "\(TicketID.folder(of: id))/work.md"
                let day = Day(ordinal: time / 86_400)
                let previous = String(decoding: try read(path), as: UTF8.self)
                let work = previous + workText(day: day, login: login, count: shape.linesPerTicket - shape.linesPerTicket / 2)
                commit(time: time, author: login, message: "\(id): work and done",
                       files: [path: work, "\(TicketID.folder(of: id))/service.md": "Сделано в модуле \(Self.words.randomElement(using: &random)!).\n"])
            default:
                let client = clients[event.index]
                let day = Day(ordinal: time / 86_400)
                nextTransaction += 1
                let line = "- \(day) payment \(Int.random(in: 10...200, using: &random) * 1000) Оплата ^p\(String(nextTransaction, radix: 36))x\n"
                ledgers[event.index, default: ""] += line
                commit(time: time, author: "lead", message: "\(client): payment", files: ["ledger/\(client).md": ledgers[event.index]!])
            }
        }
        flush(force: true)
    }

    private var contents: [String: String] = [:]

    private func read(_ path: String) throws -> Data { Data((contents[path] ?? "").utf8) }

    private mutating func workText(day: Day, login: String, count: Int) -> String {
        var text = ""
        for n in 0..<count {
            nextTransaction += 1
            let kind = Self.kinds.randomElement(using: &random)!
            let minutes = [15, 20, 30, 45, 60, 90, 120, 180][Int.random(in: 0..<8, using: &random)]
            let note = (0..<3).map { _ in Self.words.randomElement(using: &random)! }.joined(separator: " ")
            text += "- \(day.adding(days: n / 3)) \(login) \(Duration(minutes: minutes)) \(kind) \(note) ^w\(String(nextTransaction, radix: 36))\n"
            workLines += 1
        }
        return text
    }

    private mutating func commit(time: Int, author: String, message: String, files: [String: String]) {
        commits += 1
        var chunk = "commit refs/heads/main\n"
        chunk += "author \(author) <\(author)@bench.example> \(time) +0300\ncommitter \(author) <\(author)@bench.example> \(time) +0300\n"
        chunk += "data \(message.utf8.count)\n\(message)\n"
        for (path, content) in files.sorted(by: { $0.key < $1.key }) {
            contents[path] = content
            chunk += "M 100644 inline \(path)\ndata \(content.utf8.count)\n\(content)\n"
        }
        buffer.append(Data(chunk.utf8))
        flush(force: false)
    }

    private mutating func flush(force: Bool) {
        guard force || buffer.count > 1 << 20 else { return }
        sink.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

Bench.main()
