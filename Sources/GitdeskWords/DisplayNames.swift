/// gitdesk's own names for the values its default settings use, keyed `KIND.VALUE`
/// (statuses, priorities, kinds of work, channels, SLA clocks and states, test results). A desk names its own values, or renames
/// these, with `names:` in `gitdesk.yml`; the files keep the values as they are.
public enum DisplayName: String, Phrase {
    case statusNew = "status.new", statusAccepted = "status.accepted", statusInProgress = "status.in-progress", statusNeedsTesting = "status.needs-testing", statusTesting = "status.testing", statusDone = "status.done", statusClosed = "status.closed", statusWaitingClient = "status.waiting-client", statusEstimateSent = "status.estimate-sent", statusOnHold = "status.on-hold", statusCancelled = "status.cancelled"
    case priorityUrgent = "priority.urgent", priorityHigh = "priority.high", priorityNormal = "priority.normal", priorityLow = "priority.low"
    case kindBillable = "kind.billable", kindHelp = "kind.help", kindLearning = "kind.learning", kindInfra = "kind.infra", kindReview = "kind.review", kindOurFault = "kind.our-fault", kindOverrun = "kind.overrun", kindTesting = "kind.testing"
    case categoryIncident = "category.incident", categoryQuestion = "category.question", categoryFeature = "category.feature", categoryExchange = "category.exchange", categoryPrinting = "category.printing", categoryAccess = "category.access", categoryConsulting = "category.consulting", categorySupport = "category.support"
    case channelEmail = "channel.email", channelPhone = "channel.phone", channelChat = "channel.chat", channelWeb = "channel.web", channelVisit = "channel.visit"
    case clockReaction = "clock.reaction", clockUpdate = "clock.update", clockResolution = "clock.resolution"
    case stateRunning = "state.running", stateWarning = "state.warning", stateOverdue = "state.overdue", stateBreached = "state.breached", statePaused = "state.paused", stateMet = "state.met"
    case testPassed = "test.passed", testFailed = "test.failed", testPending = "test.pending"
    case disputeOpen = "dispute.open", disputeAccepted = "dispute.accepted", disputeWaived = "dispute.waived", disputeAdjusted = "dispute.adjusted"
    case reminderIdleInProgress = "reminder.idle-in-progress", reminderNotTaken = "reminder.not-taken", reminderClientWaiting = "reminder.client-waiting"
    case reminderProgressUpdate = "reminder.progress-update", reminderEstimateNudge = "reminder.estimate-nudge"
    case reminderDoneWithoutServiceComment = "reminder.done-without-service-comment"
    case reminderTestingWithoutTestCase = "reminder.testing-without-test-case"
    case reminderInProgressWithoutAssignee = "reminder.in-progress-without-assignee", reminderUnconfirmed = "reminder.unconfirmed", reminderDebt = "reminder.debt"

    public var pair: (ru: String, en: String) {
        switch self {
        case .statusNew: ("новая", "new")
        case .statusAccepted: ("принята", "accepted")
        case .statusInProgress: ("в работе", "in progress")
        case .statusNeedsTesting: ("ждёт проверки", "needs testing")
        case .statusTesting: ("на проверке", "testing")
        case .statusDone: ("выполнена", "done")
        case .statusClosed: ("закрыта", "closed")
        case .statusWaitingClient: ("ждёт клиента", "waiting for the client")
        case .statusEstimateSent: ("оценка отправлена", "estimate sent")
        case .statusOnHold: ("отложена", "on hold")
        case .statusCancelled: ("отменена", "cancelled")
        case .priorityUrgent: ("срочно", "urgent")
        case .priorityHigh: ("высокий", "high")
        case .priorityNormal: ("обычный", "normal")
        case .priorityLow: ("низкий", "low")
        case .kindBillable: ("оплачиваемая работа", "billable")
        case .kindHelp: ("помощь коллеге", "help")
        case .kindLearning: ("обучение", "learning")
        case .kindInfra: ("инфраструктура", "infrastructure")
        case .kindReview: ("ревью", "review")
        case .kindOurFault: ("наша ошибка", "our fault")
        case .kindOverrun: ("сверх оценки", "over the estimate")
        case .categoryIncident: ("сбой", "incident")
        case .categoryQuestion: ("вопрос", "question")
        case .categoryFeature: ("доработка", "feature")
        case .categoryExchange: ("обмен данными", "data exchange")
        case .categoryPrinting: ("печать", "printing")
        case .categoryAccess: ("доступ", "access")
        case .categoryConsulting: ("консультация", "consulting")
        case .categorySupport: ("сопровождение", "support")
        case .channelEmail: ("почта", "e-mail")
        case .channelPhone: ("телефон", "phone")
        case .channelChat: ("чат", "chat")
        case .channelWeb: ("сайт", "web")
        case .channelVisit: ("визит", "visit")
        case .clockReaction: ("реакция", "reaction")
        case .clockUpdate: ("обновление", "update")
        case .clockResolution: ("решение", "resolution")
        case .stateRunning: ("идёт", "running")
        case .stateWarning: ("скоро срок", "due soon")
        case .stateOverdue: ("просрочено", "overdue")
        case .stateBreached: ("нарушено", "breached")
        case .statePaused: ("на паузе", "paused")
        case .stateMet: ("выполнено", "met")
        case .testPassed: ("пройдена", "passed")
        case .testFailed: ("не пройдена", "failed")
        case .testPending: ("ожидает", "pending")
        case .disputeOpen: ("открыт", "open")
        case .disputeAccepted: ("списание подтверждено", "accepted")
        case .disputeWaived: ("списание снято", "waived")
        case .disputeAdjusted: ("исправлено", "adjusted")
        case .reminderIdleInProgress: ("работа стоит", "work is idle")
        case .reminderNotTaken: ("не взята", "not taken")
        case .reminderClientWaiting: ("клиент ждёт", "the client is waiting")
        case .reminderProgressUpdate: ("нужен отчёт клиенту", "a progress update is due")
        case .reminderEstimateNudge: ("напомнить об оценке", "estimate reminder")
        case .reminderDoneWithoutServiceComment: ("нет служебного комментария", "no service comment")
        case .reminderTestingWithoutTestCase: ("нет контрольного примера", "no test case")
        case .reminderInProgressWithoutAssignee: ("нет исполнителя", "no assignee")
        case .reminderUnconfirmed: ("не подтверждена", "unconfirmed")
        case .reminderDebt: ("долг", "debt")
        case .kindTesting: ("контрольный пример", "control example")
        }
    }
}
