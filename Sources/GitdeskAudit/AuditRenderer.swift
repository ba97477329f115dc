import GitdeskCore
import GitdeskMoney

/// Renders an audit as text for the lead, or as Markdown the lead can send to the client.
public struct AuditRenderer {
    public let report: AuditReport
    public let format: MoneyFormat

    public init(report: AuditReport, format: MoneyFormat) {
        self.report = report
        self.format = format
    }

    public func text() -> String {
        var out: [String] = []
        for t in report.transactions {
            let flags = t.flags.isEmpty ? "" : "  [\(t.flags.joined(separator: ", "))]"
            out.append("^\(t.id)  \(t.client)\(t.ticket.map { "  " + $0 } ?? "")\(flags)")
            out.append("  \(t.current ?? t.original)")
            out.append("  recorded \(t.introduced.time) by \(t.introduced.author) <\(t.introduced.email)> in \(t.introduced.commit.prefix(7))"
                       + (t.lateDays.map { ", \($0) day(s) after the work date" } ?? ""))
            if let numbered = t.numbered, numbered.commit != t.introduced.commit {
                out.append("  numbered \(numbered.time) by \(numbered.author) in \(numbered.commit.prefix(7))")
            }
            for change in t.changes {
                out.append("  changed \(change.stamp.time) by \(change.stamp.author) in \(change.stamp.commit.prefix(7)): "
                           + "\(change.field) \(change.old) → \(change.new)")
            }
            if let deleted = t.deleted { out.append("  deleted \(deleted.time) by \(deleted.author) in \(deleted.commit.prefix(7))") }
            for line in t.dispute { out.append("  dispute \(line.date) \(line.action.rawValue)\(line.duration.map { " \($0)" } ?? "") \(line.note)") }
        }
        if report.transactions.isEmpty { out.append("No transactions match.") }
        out += ["", "Sealed periods"] + sealLines()
        return out.joined(separator: "\n")
    }

    private func sealLines() -> [String] {
        if report.seals.isEmpty { return ["  none"] }
        return report.seals.flatMap { state -> [String] in
            var lines = ["  \(state.seal.period) (\(state.seal.tag), commit \(state.seal.commit.prefix(7))): "
                         + (state.intact ? "intact" : "CHANGED")]
            lines += state.problems.map { "    \($0)" }
            if !state.sealedCommitInHistory {
                lines.append("    the sealed commit is no longer in the branch's history: history was rewritten")
            }
            for breach in state.breaches {
                lines.append("    \(breach.client): closing \(breach.sealedClosing.map(format.string) ?? "not sealed") sealed, now "
                             + "\(breach.currentClosing.map(format.string) ?? "unreadable"); digest no longer matches")
                if !breach.changedTransactions.isEmpty {
                    lines.append("    changed: " + breach.changedTransactions.map { $0.contains(" ") ? $0 : "^" + $0 }.joined(separator: ", "))
                }
                lines.append("    override: \(breach.override ?? "none")")
            }
            return lines
        }
    }

    public func markdown() -> String {
        var out = ["# Audit of transactions", "",
                   "Each line is shown with the commit that recorded it and every later change, taken from the desk's git history.", "",
                   "| Transaction | Ticket | Work date | Recorded | By | Line | Changes | Flags |",
                   "| --- | --- | --- | --- | --- | --- | --- | --- |"]
        let escape = { (s: String) in s.replacingOccurrences(of: "|", with: "\\|") }
        for t in report.transactions {
            let changes = t.changes.map { "\($0.stamp.time.prefix(16)) \($0.stamp.author): \($0.field) \($0.old) → \($0.new)" }
                + (t.deleted.map { ["deleted \($0.time.prefix(16)) by \($0.author)"] } ?? [])
            out.append("| ^\(t.id) | \(t.ticket ?? "") | \(t.workDate?.description ?? "") | \(t.introduced.time.prefix(16)) "
                       + "| \(escape(t.introduced.author)) | \(escape(t.current ?? t.original)) | \(escape(changes.joined(separator: "; "))) "
                       + "| \(t.flags.joined(separator: ", ")) |")
        }
        out += ["", "## Sealed periods", ""] + sealLines().map { "    " + $0 }
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
