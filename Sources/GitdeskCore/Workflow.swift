/// The desk's workflow: which status may follow which, and the testing rules that keep
/// quality without a QA department (SPEC §6).
public struct Workflow {
    public let config: DeskConfig

    public init(config: DeskConfig) { self.config = config }

    /// Throws `DeskError.refused` with the reason when `ticket` may not move to `target`.
    public func check(_ ticket: Ticket, to target: String) throws {
        guard config.statuses.contains(target) else {
            throw DeskError.usage(.unknownStatus(target, valid: config.statuses))
        }
        guard target != ticket.status else { throw DeskError.refused(.alreadyInStatus(id: ticket.id, status: target)) }
        let allowed = config.transitions[ticket.status] ?? []
        guard allowed.contains(target) else {
            throw DeskError.refused(.transitionNotAllowed(id: ticket.id, from: ticket.status, to: target, allowed: allowed))
        }
        if target == "needs-testing" && config.requireTestCase && ticket.test?.hasSteps != true {
            throw DeskError.refused(.needsTestCase(id: ticket.id, file: ticket.folder + "/test.md"))
        }
        if ticket.status == "testing" && target == "done" && config.requireIndependentTester {
            guard let test = ticket.test, test.result == "passed", let tester = test.tester else {
                throw DeskError.refused(.needsPassedTest(id: ticket.id, file: ticket.folder + "/test.md"))
            }
            if tester == ticket.assignee {
                throw DeskError.refused(.testedByDeveloper(id: ticket.id, tester: tester))
            }
        }
        if ["done", "closed"].contains(target) && config.requireServiceComment
            && !ticket.hasServiceComment {
            throw DeskError.refused(.needsServiceComment(id: ticket.id, status: target, file: ticket.folder + "/service.md"))
        }
        if target == "in-progress" && ticket.assignee == nil {
            throw DeskError.refused(.needsAssignee(id: ticket.id))
        }
    }
}
