import GitdeskCore
import GitdeskMoney
import GitdeskWords

/// Renders an audit as text for the lead, or as Markdown the lead can send to the client, in
/// the words of the desk's language. Each transaction's line is quoted as its file holds it:
/// that is the evidence.
public struct AuditRenderer {
    public let report: AuditReport
    public let words: Words

    public init(report: AuditReport, words: Words) {
        self.report = report
        self.words = words
    }

    /// A stamp's time to the minute, in its own zone, in the language's format (the stamp
    /// keeps ISO 8601: `2026-11-05T10:00:00+03:00`).
    private func when(_ stamp: Stamp) -> String {
        let time = Array(stamp.time)
        guard time.count >= 16, let day = Day(String(time[0..<10])) else { return stamp.time }
        return words.day(day) + " " + String(time[11..<16])
    }

    /// A changed field's value as people read it: amounts as money, durations as durations.
    private func value(_ field: String, _ text: String) -> String {
        if field == "amount", let money = Money(text) { return words.money(money) }
        if field == "duration", let duration = Duration(text) { return words.duration(duration) }
        return text
    }

    public func text() -> String {
        var out: [String] = []
        for t in report.transactions {
            let flags = t.flags.isEmpty ? "" : "  [\(t.flags.joined(separator: ", "))]"
            out.append("^\(t.id)  \(t.client)\(t.ticket.map { "  " + $0 } ?? "")\(flags)")
            out.append("  \(t.current ?? t.original)")
            out.append("  " + words[AuditWord.recorded, when(t.introduced), t.introduced.author, t.introduced.email, String(t.introduced.commit.prefix(7))]
                       + (t.lateDays.flatMap { $0 > 0 ? words[AuditWord.lateBy, words.count($0, .day)] : nil } ?? ""))
            if let numbered = t.numbered, numbered.commit != t.introduced.commit {
                out.append("  " + words[AuditWord.numbered, when(numbered), numbered.author, String(numbered.commit.prefix(7))])
            }
            for change in t.changes {
                out.append("  " + words[AuditWord.changed, when(change.stamp), change.stamp.author, String(change.stamp.commit.prefix(7)),
                                        change.field, value(change.field, change.old), value(change.field, change.new)])
            }
            if let deleted = t.deleted { out.append("  " + words[AuditWord.deleted, when(deleted), deleted.author, String(deleted.commit.prefix(7))]) }
            for line in t.dispute {
                out.append("  \(words[AuditWord.dispute]) \(words.day(line.date)) \(line.action.rawValue)\(line.duration.map { " " + words.duration($0) } ?? "") \(line.note)")
            }
        }
        if report.transactions.isEmpty { out.append(words[AuditWord.noTransactions]) }
        out += ["", words[AuditWord.sealedPeriods]] + sealLines()
        return out.joined(separator: "\n")
    }

    private func sealLines() -> [String] {
        if report.seals.isEmpty { return ["  " + words[AuditWord.none]] }
        return report.seals.flatMap { state -> [String] in
            var lines = ["  \(state.seal.period) (\(state.seal.tag), commit \(state.seal.commit.prefix(7))): "
                         + words[state.intact ? AuditWord.intact : AuditWord.changedSeal]]
            lines += state.problems.map { "    " + $0.text(in: words.language) }
            if !state.sealedCommitInHistory { lines.append("    " + words[AuditWord.notInHistory]) }
            for breach in state.breaches {
                lines.append("    " + words[AuditWord.closingSealed, breach.client, breach.sealedClosing.map(words.money) ?? words[AuditWord.notSealed],
                                              breach.currentClosing.map(words.money) ?? words[AuditWord.unreadable]])
                if !breach.changedTransactions.isEmpty {
                    lines.append("    \(words[AuditWord.changedTransactions]): "
                                 + breach.changedTransactions.map { $0.contains(" ") ? $0 : "^" + $0 }.joined(separator: ", "))
                }
                lines.append("    \(words[AuditWord.override]): \(breach.override ?? words[AuditWord.none])")
            }
            return lines
        }
    }

    public func markdown() -> String {
        var out = [words[AuditWord.markdownTitle], "", words[AuditWord.markdownIntro], "", words[AuditWord.markdownHeader],
                   "| --- | --- | --- | --- | --- | --- | --- | --- |"]
        let escape = { (s: String) in s.replacingOccurrences(of: "|", with: "\\|") }
        for t in report.transactions {
            let changes = t.changes.map { "\(when($0.stamp)) \($0.stamp.author): \($0.field) \(value($0.field, $0.old)) → \(value($0.field, $0.new))" }
                + (t.deleted.map { [words[AuditWord.deleted, when($0), $0.author, String($0.commit.prefix(7))]] } ?? [])
            out.append("| ^\(t.id) | \(t.ticket ?? "") | \(t.workDate.map(words.day) ?? "") | \(when(t.introduced)) "
                       + "| \(escape(t.introduced.author)) | \(escape(t.current ?? t.original)) | \(escape(changes.joined(separator: "; "))) "
                       + "| \(t.flags.joined(separator: ", ")) |")
        }
        out += ["", "## " + words[AuditWord.sealedPeriods], ""] + sealLines().map { "    " + $0 }
        return out.joined(separator: "\n") + "\n"
    }
}

extension TransactionAudit {
    /// The transaction as `JSONEncoder` would write it (pretty, sorted keys), written
    /// directly: an audit of the whole history holds a million of them.
    public func writeJSON(to json: inout PrettyJSON) {
        json.beginObject()
        json.key("changes")
        json.beginArray()
        for change in changes {
            json.beginObject()
            json.member("field", change.field)
            json.member("new", change.new)
            json.member("old", change.old)
            json.key("stamp")
            change.stamp.writeJSON(to: &json)
            json.endObject()
        }
        json.endArray()
        json.member("client", client)
        json.member("current", current)
        if let deleted {
            json.key("deleted")
            deleted.writeJSON(to: &json)
        }
        json.key("dispute")
        json.beginArray()
        for line in dispute {
            json.beginObject()
            json.member("action", line.action.rawValue)
            json.member("date", line.date.description)
            json.member("duration", line.duration?.minutes)
            json.member("note", line.note)
            json.member("transaction", line.transaction)
            json.endObject()
        }
        json.endArray()
        json.member("file", file)
        json.key("flags")
        json.beginArray()
        flags.forEach { json.string($0) }
        json.endArray()
        json.member("id", id)
        json.key("introduced")
        introduced.writeJSON(to: &json)
        json.member("lateDays", lateDays)
        if let numbered {
            json.key("numbered")
            numbered.writeJSON(to: &json)
        }
        json.member("original", original)
        json.member("recordedDate", recordedDate.description)
        json.member("ticket", ticket)
        json.member("workDate", workDate?.description)
        json.endObject()
    }
}

extension Stamp {
    func writeJSON(to json: inout PrettyJSON) {
        json.beginObject()
        json.member("author", author)
        json.member("commit", commit)
        json.member("email", email)
        json.member("time", time)
        json.endObject()
    }
}
