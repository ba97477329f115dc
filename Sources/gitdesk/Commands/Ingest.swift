import ArgumentParser
import Foundation
import GitdeskCore
import GitdeskIntake
import GitdeskStore
import GitdeskWords

extension Gitdesk {
    struct Ingest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Help.turnMailChatExportsInto.text, discussion: Help.examples.text + "\n  gitdesk ingest email ~/Maildir\n  gitdesk ingest chat result.json",
            subcommands: [Email.self, Chat.self])

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
