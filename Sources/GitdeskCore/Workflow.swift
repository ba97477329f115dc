/// The desk's workflow: which status may follow which, and the testing rules that keep
/// quality without a QA department (SPEC §6).
public struct Workflow {
    public let config: DeskConfig

    public init(config: DeskConfig) { self.config = config }

    /// Throws `DeskError.refused` with the reason when `ticket` may not move to `target`.
    public func check(_ ticket: Ticket, to target: String) throws {
        guard config.statuses.contains(target) else {
            throw DeskError.usage("unknown status '\(target)' (statuses: \(config.statuses.joined(separator: ", ")))")
        }
        guard target != ticket.status else { throw DeskError.refused("\(ticket.id) is already \(target)") }
        let allowed = config.transitions[ticket.status] ?? []
        guard allowed.contains(target) else {
            throw DeskError.refused("\(ticket.id) cannot go from \(ticket.status) to \(target)"
                + (allowed.isEmpty ? " (\(ticket.status) is final)" : " (allowed: \(allowed.joined(separator: ", ")))"))
        }
        if target == "needs-testing" && config.requireTestCase && ticket.test?.hasSteps != true {
            throw DeskError.refused("\(ticket.id) needs a test case before testing: write the steps in \(ticket.folder)/test.md")
        }
        if ticket.status == "testing" && target == "done" && config.requireIndependentTester {
            guard let test = ticket.test, test.result == "passed", let tester = test.tester else {
                throw DeskError.refused("\(ticket.id) needs a passed test result: set 'result: passed' and 'tester: LOGIN' in \(ticket.folder)/test.md")
            }
            if tester == ticket.assignee {
                throw DeskError.refused("\(ticket.id) was tested by its developer (\(tester)); another person must test it")
            }
        }
        if ["done", "closed"].contains(target) && config.requireServiceComment
            && !ticket.hasServiceComment {
            throw DeskError.refused("\(ticket.id) needs a service comment before \(target): write how it was done in \(ticket.folder)/service.md")
        }
        if target == "in-progress" && ticket.assignee == nil {
            throw DeskError.refused("\(ticket.id) has no assignee: pass --assign LOGIN")
        }
    }
}
