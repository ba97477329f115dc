import ArgumentParser
import GitdeskWords

/// The `gitdesk` command: a service desk kept as plain text in git.
struct Gitdesk: ParsableCommand {
    /// The release: what `gitdesk --version` prints (the build's identity keys the caches).
    static let version = "0.28.0"
    static let configuration = CommandConfiguration(
        commandName: "gitdesk",
        abstract: Help.serviceDeskFirmsThatBill.text,
        discussion: Help.examples.text + """

              gitdesk init --demo /tmp/demo-desk && cd /tmp/demo-desk
              gitdesk list --open
              gitdesk log ROM-3M9D 1h20m billable \(Help.exampleFixedPriceSync.text)
              gitdesk balance
              gitdesk help report


            """ + Help.rootNotes.text,
        version: "gitdesk \(version)",
        subcommands: [
            Init.self, ClientCommand.self, StaffCommand.self, ProjectCommand.self,
            New.self, List.self, Show.self, Move.self, Log.self, Reply.self, Confirm.self,
            Pay.self, Charge.self, Credit.self, Check.self, Hook.self, MergeLines.self,
            Balance.self, StatementCommand.self, ActCommand.self, InvoiceCommand.self, Debts.self, Report.self, PlanCommand.self, Export.self,
            AuditCommand.self, DisputeCommand.self, Close.self, SLA.self, Remind.self, SearchCommand.self, Wiki.self, Site.self, DashboardCommand.self, Ingest.self, TriageCommand.self,
        ]
    )
}
