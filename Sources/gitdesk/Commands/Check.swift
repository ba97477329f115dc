import ArgumentParser
import Foundation
import GitdeskAudit
import GitdeskCore
import GitdeskMoney
import GitdeskStore
import GitdeskWords

extension Gitdesk {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Help.validateWholeDeskWorkingTree.text, discussion: Help.examples([("gitdesk check", nil), ("gitdesk check --staged", nil), ("gitdesk check --fix", .exampleNumberNewLines)]))

        @OptionGroup var desk: DeskOptions
        @OptionGroup var output: OutputOptions
        @Flag(help: .of(.checkWhatNextCommitHolds))
        var staged = false
        @Flag(help: .of(.giveTransactionLinesWithoutID)) var fix = false

        func run() throws {
            let store = try desk.open(warnIfNotSetUp: !staged)
            try DeskCheck(store: store, json: output.json, locale: desk.locale).run(staged ? .staged(fix: fix) : .workingTree(fix: fix))
        }
    }
}

/// The checks of `check`, the pre-commit hook and the post-merge hook.
struct DeskCheck {
    let store: DeskRepository
    let json: Bool
    /// `--locale`, if given: the language it prints in.
    var locale: String?

    /// Which desk is checked.
    enum Target {
        /// The working tree, with uncommitted edits.
        case workingTree(fix: Bool)
        /// What the next commit holds, whole; `fix` numbers new lines in it.
        case staged(fix: Bool)
        /// What the next commit changes (the pre-commit hook): the folders it touches, the
        /// cards and the desk-wide rules; new lines in it are numbered.
        case commit
        /// The commit HEAD names (after a merge or a rebase).
        case head

        /// Asked for by a person (`check`), not run by a hook.
        var isAskedFor: Bool {
            switch self {
            case .workingTree, .staged: true
            case .commit, .head: false
            }
        }
    }

    struct Report: Codable {
        let findings: [Finding]
        let fixed: [String: Int]
    }

    /// What was checked: the desk as far as it was read, its findings, and for a change the
    /// clients whose money it can move (nil: all).
    private struct Checked {
        var desk: Desk
        var findings: [Finding]
        var fixed: [String: Int] = [:]
        var change: CheckedChange?
        var clients: Set<String>? { change?.clients }
    }

    /// Prints the findings; throws a failure exit when there are any.
    func run(_ target: Target) throws {
        let checked = try load(target)
        let current = checked.desk
        let undocumented = current.sortedTickets.flatMap(DeskValidator(desk: current).undocumentedFindings)
        let report = Report(findings: Array(Set(checked.findings + (try sealFindings(checked)) + undocumented)).sorted(), fixed: checked.fixed)
        if json {
            try Output.json(report, config: current.config)
        } else {
            let words = try DeskOptions.words(locale: locale, config: current.config)
            for (file, count) in checked.fixed.sorted(by: { $0.key < $1.key }) {
                Output.warn(words[Word.numberedLines, file, words.integer(count)])
            }
            for finding in report.findings { Output.line(Output.paint("\(finding)", .red)) }
            // A line for each client without a site token, with the command that makes one
            // (by `check`, not by the hooks on every commit).
            if !current.config.sitePublicNames, target.isAskedFor {
                for client in current.clients.values.filter({ $0.siteToken == nil }).sorted(by: { $0.slug < $1.slug }) {
                    Output.warn(words[Word.noSiteToken, client.file, client.slug] + "\n" + words[Word.noSiteTokenHint, client.slug])
                }
            }
            if target.isAskedFor { for warning in documentWarnings(current) { Output.warn("\(Problem.warningLabel) \(warning.text(in: words.language))") } }
            Output.warn(report.findings.isEmpty ? words[Word.deskValid] : words[Word.problemsFound, words.count(report.findings.count, .finding)])
        }
        if !report.findings.isEmpty { throw ExitCode.failure }
    }

    /// What acts and invoices will lack: the template's example name and address still in
    /// place, the firm's details unfilled, and (once the firm has them) clients without theirs.
    private func documentWarnings(_ desk: Desk) -> [Text] {
        let config = desk.config, firm = config.firm
        var warnings: [Text] = []
        if firm.inn == nil {
            if config.company == "Гильдия консультантов" { warnings.append(Problem.placeholderSetting(key: "gitdesk.yml: company", value: config.company).text) }
            if config.supportEmail.hasSuffix("@guild.example") { warnings.append(Problem.placeholderSetting(key: "gitdesk.yml: email", value: config.supportEmail).text) }
        }
        let needs = (Act.firmNeeds + Invoice.firmNeeds).reduce(into: [PartyDetails.Field]()) { if !$0.contains($1) { $0.append($1) } }
        let missing = firm.missing(for: needs)
        let document = Text(ru: "акт или счёт", en: "act or invoice")
        if !missing.isEmpty {
            warnings.append(Problem.detailsMissing(document: document, party: "gitdesk.yml (firm:)", missing: missing.map(\.label), file: "gitdesk.yml").text)
        } else {
            for client in desk.clients.values.sorted(by: { $0.slug < $1.slug }) {
                let lacks = client.requisites.missing(for: Act.clientNeeds)
                if !lacks.isEmpty { warnings.append(Problem.detailsMissing(document: document, party: client.slug, missing: lacks.map(\.label), file: client.file).text) }
            }
        }
        return warnings
    }

    /// The seals against a desk read whole (a change and the working tree are checked
    /// against them through the index, by `checkChange` and `checkDesk`).
    private func sealFindings(_ checked: Checked) throws -> [Finding] {
        guard checked.change == nil else { return [] }
        return try store.sealCheck(cards: checked.desk) { checked.desk }
    }

    /// The desk checked, with the lines numbered per file and findings about entries that
    /// are not part of the desk model (links and submodules staged for the commit).
    private func load(_ target: Target) throws -> Checked {
        switch target {
        case .head:
            let change = try store.checkDesk(atCommit: try store.resolve("HEAD"))
            return Checked(desk: change.desk, findings: change.findings, change: change)
        case .staged(let fix):
            let staged = try StagedDesk(store: store)
            var change = try staged.checkWhole()
            var fixed: [String: Int] = [:]
            if fix {
                fixed = try staged.assignIDs(existing: change.transactionIDs)
                if !fixed.isEmpty { change = try staged.checkWhole() }
            }
            return Checked(desk: change.desk, findings: change.findings + (try staged.entryFindings()), fixed: fixed, change: change)
        case .commit:
            let staged = try StagedDesk(store: store)
            var change = try staged.checkChange()
            let fixed = try staged.assignIDs(existing: change.transactionIDs)
            if !fixed.isEmpty { change = try staged.checkChange(cards: change.desk) }
            return Checked(desk: change.desk, findings: change.findings + (try staged.entryFindings()), fixed: fixed, change: change)
        case .workingTree(let fix):
            var (tree, links) = try store.workingTree()
            var change = try store.checkDesk(tree: tree)
            var fixed: [String: Int] = [:]
            if fix {
                fixed = try numberWorkingFiles(change)
                if !fixed.isEmpty {
                    (tree, links) = try store.workingTree()
                    change = try store.checkDesk(tree: tree)
                }
            }
            return Checked(desk: change.desk, findings: change.findings + links, fixed: fixed, change: change)
        }
    }

    /// Numbers lines in every work log and ledger of the working tree.
    private func numberWorkingFiles(_ checked: CheckedChange) throws -> [String: Int] {
        var assigner = IDAssigner(existing: checked.transactionIDs, generator: SystemRandomNumberGenerator())
        let files = checked.workFiles.map { ($0, false) } + checked.desk.ledgers.values.map { ($0.file, true) }
        var fixed: [String: Int] = [:]
        for (path, isLedger) in files.sorted(by: { $0.0 < $1.0 }) {
            // A link is a finding, never rewritten into a copy of what it points at.
            var status = stat()
            guard lstat(store.root + path, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
                  let source = try? String(contentsOfFile: store.root + path, encoding: .utf8) else { continue }
            guard let (text, count) = try assigner.assign(in: source, isLedger: isLedger, committed: { try store.committedText(path) }) else { continue }
            try writeAtomically(Data(text.utf8), to: store.root + path, mode: status.st_mode & 0o7777)
            fixed[path] = count
        }
        return fixed
    }
}
