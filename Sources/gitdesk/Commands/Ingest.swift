import ArgumentParser
import Foundation
import GitdeskCore
import GitdeskIntake
import GitdeskMoney
import GitdeskStore
import GitdeskWords

extension Gitdesk {
    struct Ingest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Help.turnMailChatExportsInto.text, discussion: Help.examples.text + "\n  gitdesk ingest email ~/Maildir\n  gitdesk ingest chat result.json",
            subcommands: [Email.self, Chat.self, Bank.self])

        struct Email: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: Help.ingestEmlFileMaildirMbox.text, discussion: Help.examples.text + "\n  gitdesk ingest email message.eml\n  gitdesk ingest email ~/Maildir\n  gitdesk ingest email inbox.mbox --json")
            @OptionGroup var desk: DeskOptions
            @OptionGroup var output: OutputOptions
            @Argument(help: .of(.emlFileMaildirFolderMbox)) var path: String

            func run() throws {
                // A file larger than any message the desk can take (its text at the file limit,
                // an attachment at its limit, base64-encoded) is not read into memory.
                let settings = try desk.open().settings()
                let limit = 2 * settings.maxAttachmentSize + settings.maxFileSize
                let messages = try MailSources.read(path, limit: limit)
                try runIntake(desk: desk, json: output.json) { intake in
                    for message in messages {
                        guard let data = message.data else {
                            intake.reject(message.source, Problem.mailFileTooLarge(bytes: message.size, limit: limit).text)
                            continue
                        }
                        intake.ingest(mail: data, source: message.source)
                    }
                }
            }
        }

        struct Chat: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: Help.ingestChatExportTelegramDesktops.text, discussion: Help.examples.text + "\n  gitdesk ingest chat result.json")
            @OptionGroup var desk: DeskOptions
            @OptionGroup var output: OutputOptions
            @Argument(help: .of(.exportFile)) var path: String
            @Option(help: .of(.messagesOneSenderCloserThan)) var gap: String = "4h"

            func run() throws {
                guard let gapDuration = Duration(gap) else { throw DeskError.usage(.gapDuration) }
                let data: Data
                do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch { throw DeskError.notFound(.cannotRead(path)) }
                let store = try desk.open()
                // The settings' zone alone: what refuses the intake is the writer's one rule, as for mail
                // (reading the whole desk here cost a full parse of a large desk).
                let zone = try store.settings().timezone
                let reading: ChatExportReading
                do { reading = try ChatExport.read(data, zone: zone, language: try desk.words(try store.settings()).language) } catch {
                    throw DeskError.refused(Text(verbatim: path + ": ") + Text(of: error))
                }
                try runIntake(desk: desk, json: output.json) { intake in
                    intake.account(reading)
                    for chat in reading.chats { intake.ingest(chat: chat.source, messages: chat.messages, gap: TimeInterval(gapDuration.minutes * 60)) }
                }
            }
        }
    }
}

extension Gitdesk.Ingest {
    struct Bank: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Help.ingestBankStatement1C.text, discussion: Help.examples([("gitdesk ingest bank kl_to_1c.txt", nil), ("gitdesk ingest bank november/*.txt --json", nil)]))
        @OptionGroup var desk: DeskOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: .of(.bankStatementFiles)) var files: [String]

        /// What one file did, for people and for `--json`.
        struct FileReport: Encodable {
            let file: String
            var recorded: [Recorded] = []
            var duplicates = 0
            var triage: [String] = []
            var issues: [Finding] = []
            struct Recorded: Encodable { let client: String; let id: String; let amount: Money; let date: Day; let document: String }
        }

        func run() throws {
            let store = try desk.open()
            let limit = 64 << 20
            var statements: [(String, BankStatement)] = []
            for path in files {
                guard let handle = FileHandle(forReadingAtPath: path) else { throw DeskError.notFound(.cannotRead(path)) }
                let data = handle.readData(ofLength: limit + 1)
                try? handle.close()
                guard data.count <= limit else { throw DeskError.refused(.mailFileTooLarge(bytes: data.count, limit: limit)) }
                do { statements.append((path, try BankStatement.parse(Array(data)))) } catch let error as BankStatementError {
                    switch error {
                    case .notAnExchangeFile: throw DeskError.refused(.notABankStatement(path))
                    case .unsupportedVersion(let version): throw DeskError.refused(Text(verbatim: path + ": ") + Problem.bankStatementVersion(version).text)
                    case .undecodable(let encoding): throw DeskError.refused(Text(verbatim: path + ": ") + Problem.bankStatementEncoding(encoding).text)
                    }
                }
            }
            var reports: [FileReport] = []
            var words: Words?
            // One commit for every file: computed from the branch tip, again if it moves.
            try store.write { base in
                let w = try desk.words(base.cards.config)
                words = w
                reports = []
                let waiting = try store.triageItems()
                var known = KnownPayment.inLedgers(base.cards)
                for item in waiting { if let payment = item.payment, let reference = BankReference.find(in: payment.note) { known.insert(KnownPayment(reference: reference, amount: payment.amount)) } }
                let existing = try base.transactionIDs()
                var made = Set<String>(), generator = SystemRandomNumberGenerator()
                var ledgers: [String: String] = [:], files: [String: String?] = [:]
                for (path, statement) in statements {
                    let plan = try BankImport(statement: statement, desk: base.cards, known: known) {
                        let id = TransactionIDGenerator.generate(letter: "p", existing: UnionIDs(first: existing, second: made), using: &generator)
                        made.insert(id)
                        return id
                    }
                    var report = FileReport(file: path)
                    for payment in plan.payments {
                        let file = "ledger/\(payment.client).md"
                        ledgers[file] = appending(payment.line.text, to: try ledgers[file] ?? base.text(file))
                        report.recorded.append(.init(client: payment.client, id: payment.line.id ?? "", amount: payment.line.amount, date: payment.line.date, document: payment.document.number))
                        known.insert(KnownPayment(reference: BankReference(payment.document), amount: payment.document.amount))
                    }
                    for held in plan.held {
                        let item = TriageItem.bankPayment(held, words: w)
                        files[item.path] = item.text
                        report.triage.append(String(item.path.dropFirst("triage/".count).dropLast(3)))
                        known.insert(KnownPayment(reference: BankReference(held.document), amount: held.document.amount))
                    }
                    report.duplicates = plan.duplicates.count
                    report.issues = statement.issues.map { Finding(file: path, line: $0.line, .bankDocument($0.reason.text)) }
                    reports.append(report)
                }
                for (file, text) in ledgers { files[file] = text }
                let count = reports.reduce(0) { $0 + $1.recorded.count }
                return DeskChange(files: files, message: "bank: \(count) payment(s) from \(statements.map { URL(fileURLWithPath: $0.0).lastPathComponent }.joined(separator: ", "))")
            }
            if output.json { return try Output.json(reports, config: try store.settings()) }
            guard let words else { return }
            for report in reports {
                Output.line(words[Word.bankImported, report.file, words.integer(report.recorded.count)])
                for line in report.recorded { Output.line("  \(line.client)  \(words.day(line.date))  \(words.money(line.amount))  ^\(line.id)") }
                if report.duplicates > 0 { Output.line("  " + words[Word.bankDuplicates, words.integer(report.duplicates)]) }
                if !report.triage.isEmpty { Output.line("  " + words[Word.bankTriaged, words.integer(report.triage.count)]) }
                for issue in report.issues { Output.warn(issue.description) }
            }
        }
    }
}

/// Two sets of IDs as one.
private struct UnionIDs: IDSet {
    let first: any IDSet, second: Set<String>
    func contains(_ id: String) -> Bool { first.contains(id) || second.contains(id) }
}

/// Runs an intake over the committed desk and commits what it produced in one commit.
private func runIntake(desk options: DeskOptions, json: Bool, _ body: (inout Intake) -> Void) throws {
    let store = try options.open()
    var made: IntakeReport?
    // Computed from the branch tip; computed again if another commit lands meanwhile.
    // Each message is its own transaction: one whose files break a rule of the desk is
    // refused with the findings, and the batch is computed again without it.
    var refused: [String: Text] = [:]
    var writers: [String: String] = [:]
    func ingest(_ base: WriteBase) throws -> Intake {
        let triageIDs = Set(try store.triageItems().compactMap(\.messageID))
        // The cards and the index (every ticket ID and Message-ID): no ticket is read but
        // those a message names.
        var intake = Intake(desk: base.cards, triageIDs: triageIDs, index: try base.intakeIndex()) { path in try? base.text(path) }
        intake.refused = refused
        body(&intake)
        writers = intake.writers
        return intake
    }
    while true {
        do {
            try store.write { base in
                let intake = try ingest(base)
                let report = intake.report
                made = report
                guard report.changed else { throw NothingToWrite() }
                let details = (report.created.map { "new: \($0)" } + report.replies.map { "reply: \($0)" } + report.confirmed.map { "confirmed: \($0)" }
                    + report.disputes.map { "dispute: \($0)" } + report.triaged.map { "triage: \($0.en)" }).joined(separator: "\n")
                return DeskChange(files: intake.updates, binary: intake.binary, message: report.summary + "\n\n" + details)
            }
            break
        } catch is NothingToWrite {
            break
        } catch DeskError.invalidDesk(let findings) {
            // A finding names a file a message wrote, or a file of a ticket folder it wrote into
            // (a write never touches a folder with problems).
            func folder(_ path: String) -> String? {
                let parts = path.split(separator: "/")
                return parts.count >= 4 && parts[0] == "tickets" ? parts.prefix(3).joined(separator: "/") : nil
            }
            let blamed = findings.flatMap { finding -> [(String, Finding)] in
                if let source = writers[finding.file] { return [(source, finding)] }
                guard let place = folder(finding.file) else { return [] }
                return Set(writers.filter { folder($0.key) == place }.map(\.value)).map { ($0, finding) }
            }
            let guilty = Dictionary(grouping: blamed, by: \.0)
            // No message to blame, or none not refused already: the desk itself is at fault.
            guard guilty.keys.contains(where: { refused[$0] == nil }) else { throw DeskError.invalidDesk(findings) }
            for (source, found) in guilty {
                let reasons = found.map(\.1.located)
                refused[source] = reasons.dropFirst().reduce(reasons[0]) { $0 + "; " + $1 }
            }
        }
    }
    guard let report = made else { return }
    if json {
        try Output.json(report, config: try store.settings())
    } else {
        let w = try options.words(try store.settings())
        Output.line(w[Word.intakeSummary, String(report.created.count), String(report.replies.count), String(report.confirmed.count),
                      String(report.disputes.count), String(report.triaged.count), String(report.duplicates), String(report.skipped.count)])
        let inLanguage = { (texts: [Text]) in texts.map { $0.text(in: w.language) } }
        let groups: [(Word, [String])] = [(.intakeNew, report.created), (.intakeReply, report.replies), (.intakeConfirmed, report.confirmed),
                                          (.intakeDispute, report.disputes), (.intakeTriage, inLanguage(report.triaged)),
                                          (.intakeTooBig, inLanguage(report.oversized)), (.intakeNote, inLanguage(report.notes))]
        Output.labelled(w, groups, indent: "  ")
    }
    for line in report.skipped { Output.warn(.skippedLabel, line) }
    for line in report.rejected { Output.warn(.rejectedLabel, line) }
    if !report.skipped.isEmpty || !report.rejected.isEmpty { throw ExitCode.failure }
}

/// An intake run that found nothing new: no commit.
private struct NothingToWrite: Error {}
