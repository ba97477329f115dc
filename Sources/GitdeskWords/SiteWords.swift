/// The clients' site's words: each case's raw value is the key its templates use (`{{t.overview}}`).
public enum SiteWord: String, Phrase {
    case skip
    case navigation
    case overview
    case tickets
    case transactions
    case statements
    case documents
    case search
    case balance
    case disputed
    case thisPeriod
    case charged
    case hours
    case statement
    case openTickets
    case ticket
    case title
    case status
    case sla
    case noOpenTickets
    case toConfirm
    case confirm
    case created
    case priority
    case test
    case phoneTicket
    case description
    case messages
    case none
    case history
    case work
    case date
    case person
    case time
    case amount
    case note
    case dispute
    case disputeThis
    case notCharged
    case type
    case rate
    case searchLabel
    case asOf
    case questions
    case found
    case payment
    case credit
    case charge
    case workType
    case opening
    case workTotal
    case payments
    case credits
    case charges
    case closing
    case overdue
    case left
    case paused
    case noTest
    case prepaidLeft
    case owed
    case settled
    case chargedThisMonth
    case chargedLastMonth
    case pace
    case runsOut
    case coverNext
    case period
    case document
    case summary
    case paymentsHeading
    case creditsHeading
    case chargesHeading
    case confirmSubject
    case disputeSubject
    case confirmBody
    case disputeBody
    case noServiceComment
    case noWork
    case chartTitle

    public var pair: (ru: String, en: String) {
        switch self {
        case .skip: ("К содержанию", "Skip to content")
        case .navigation: ("Разделы", "Sections")
        case .overview: ("Обзор", "Overview")
        case .tickets: ("Заявки", "Tickets")
        case .transactions: ("Транзакции", "Transactions")
        case .statements: ("Выписки", "Statements")
        case .documents: ("Документы", "Documents")
        case .search: ("Поиск", "Search")
        case .balance: ("Баланс", "Balance")
        case .disputed: ("Оспаривается", "Disputed")
        case .thisPeriod: ("Текущий период", "This period")
        case .charged: ("Списано", "Charged")
        case .hours: ("Часы", "Hours")
        case .statement: ("Выписка", "Statement")
        case .openTickets: ("Открытые заявки", "Open tickets")
        case .ticket: ("Заявка", "Ticket")
        case .title: ("Тема", "Title")
        case .status: ("Статус", "Status")
        case .sla: ("Срок реакции и решения", "SLA")
        case .noOpenTickets: ("Открытых заявок нет.", "No open tickets.")
        case .toConfirm: ("Заявки для подтверждения", "Tickets to confirm")
        case .confirm: ("Подтвердить", "Confirm")
        case .created: ("Создана", "Created")
        case .priority: ("Приоритет", "Priority")
        case .test: ("Проверка", "Testing")
        case .phoneTicket: ("Заявка создана по вашему звонку. Подтвердите, что мы поняли её верно:", "We created this ticket from your call. Please confirm it:")
        case .description: ("Описание", "Description")
        case .messages: ("Переписка", "Messages")
        case .none: ("Нет.", "None.")
        case .history: ("История статусов", "Status history")
        case .work: ("Работы", "Work")
        case .date: ("Дата", "Date")
        case .person: ("Исполнитель", "Person")
        case .time: ("Время", "Time")
        case .amount: ("Сумма", "Amount")
        case .note: ("Что сделано", "Note")
        case .dispute: ("Спор", "Dispute")
        case .disputeThis: ("Оспорить", "Dispute")
        case .notCharged: ("Не выставлено (наше время)", "Not charged (our time)")
        case .type: ("Вид", "Type")
        case .rate: ("Ставка", "Rate")
        case .searchLabel: ("Что найти", "Search for")
        case .asOf: ("Данные на", "Data as of")
        case .questions: ("Вопросы:", "Questions:")
        case .found: ("Найдено", "Found")
        case .payment: ("оплата", "payment")
        case .credit: ("зачёт", "credit")
        case .charge: ("начисление", "charge")
        case .workType: ("работа", "work")
        case .opening: ("Входящий остаток", "Opening balance")
        case .workTotal: ("Работы", "Work charged")
        case .payments: ("Оплаты", "Payments")
        case .credits: ("Зачёты", "Credits")
        case .charges: ("Начисления", "Charges")
        case .closing: ("Исходящий остаток", "Closing balance")
        case .overdue: ("просрочено", "overdue")
        case .left: ("осталось", "left")
        case .paused: ("на паузе", "paused")
        case .noTest: ("нет", "none")
        case .prepaidLeft: ("Предоплата: осталось", "Prepaid, still to be used")
        case .owed: ("Задолженность", "Amount owed")
        case .settled: ("Баланс нулевой", "Balance settled")
        case .chargedThisMonth: ("Списано в этом месяце", "Charged this month")
        case .chargedLastMonth: ("Списано в прошлом месяце", "Charged last month")
        case .pace: ("В среднем в месяц", "Monthly average")
        case .runsOut: ("При таком темпе предоплаты хватит примерно до", "At this pace the prepayment lasts until about")
        case .coverNext: ("Чтобы погасить долг и оплатить следующий месяц, нужно", "To clear the debt and cover next month, pay")
        case .period: ("Период", "Period")
        case .document: ("Документ", "Document")
        case .summary: ("Итоги", "Summary")
        case .paymentsHeading: ("Оплаты", "Payments")
        case .creditsHeading: ("Зачёты", "Credits")
        case .chargesHeading: ("Начисления", "Charges")
        case .confirmSubject: ("Подтверждаю заявку", "I confirm ticket")
        case .disputeSubject: ("Оспариваю списание", "I dispute charge")
        case .confirmBody: ("Заявка описана верно.", "The ticket is described correctly.")
        case .disputeBody: ("Что не так с этим списанием (например, сколько длилась работа на самом деле):\n\n", "What is wrong with this charge (for example, how long the work really took):\n\n")
        case .noServiceComment: ("Служебного комментария нет.", "No service comment.")
        case .noWork: ("работ пока нет", "no work logged yet")
        case .chartTitle: ("Баланс на конец месяца за год", "Balance at each month's end, last twelve months")
        }
    }
}

/// The lead's dashboard's words: each case's raw value is the key its page uses.
public enum DashboardWord: String, Phrase {
    case title
    case asOf
    case months
    case rate
    case effective
    case nominal
    case loss
    case month
    case billableHours
    case hours
    case hoursByKind
    case nonBillableShare
    case allowance
    case hoursLogged
    case nonBillableKinds
    case plan
    case target
    case fact
    case week
    case targetHours
    case factHours
    case targetRevenue
    case factRevenue
    case eatenBy
    case people
    case perDayTrend
    case person
    case norm
    case revenue
    case perDay
    case help
    case helpFromTo
    case noHelp
    case learning
    case load
    case planned
    case free
    case overloaded
    case remaining
    case loadDays
    case cash
    case balances
    case prepaid
    case debt
    case flow
    case recognised
    case received
    case runningOutHeading
    case noneRunningOut
    case client
    case balance
    case pace
    case runsOut
    case debtorsHeading
    case noDebtors
    case since
    case days
    case quality
    case rework
    case breaches
    case drains
    case noDrains
    case ticket
    case nonBillable
    case overApproved
    case ticketTitle

    public var pair: (ru: String, en: String) {
        switch self {
        case .title: ("Панель руководителя", "Lead's dashboard")
        case .asOf: ("данные на", "as of")
        case .months: ("месяцев", "months")
        case .rate: ("Ставка и потери по месяцам", "Rate and loss by month")
        case .effective: ("Фактическая ставка", "Effective rate")
        case .nominal: ("Номинальная ставка", "Nominal rate")
        case .loss: ("Потери", "Loss")
        case .month: ("Месяц", "Month")
        case .billableHours: ("Оплачиваемые часы", "Billable hours")
        case .hours: ("Куда ушли часы", "Where the hours went")
        case .hoursByKind: ("Часы по видам работ", "Hours by kind")
        case .nonBillableShare: ("Доля неоплачиваемых", "Non-billable share")
        case .allowance: ("Допуск плана", "Plan's allowance")
        case .hoursLogged: ("Часы", "Hours")
        case .nonBillableKinds: ("Неоплачиваемые виды", "Non-billable kinds")
        case .plan: ("План и факт по неделям", "Plan vs fact by week")
        case .target: ("План", "Target")
        case .fact: ("Факт", "Fact")
        case .week: ("Неделя", "Week")
        case .targetHours: ("План, ч", "Target hours")
        case .factHours: ("Факт, ч", "Fact hours")
        case .targetRevenue: ("План, выручка", "Target revenue")
        case .factRevenue: ("Факт, выручка", "Fact revenue")
        case .eatenBy: ("Что съело разрыв", "What ate the gap")
        case .people: ("Люди", "People")
        case .perDayTrend: ("Деньги в рабочий день по месяцам", "Money per working day by month")
        case .person: ("Сотрудник", "Person")
        case .norm: ("Норма", "Norm")
        case .revenue: ("Выручка", "Revenue")
        case .perDay: ("В рабочий день", "Per working day")
        case .help: ("Кто кому помогал (часы)", "Who helped whom (hours)")
        case .helpFromTo: ("Помогал → кому", "Helper → helped")
        case .noHelp: ("Помощи коллегам в этом месяце не записано.", "No help between colleagues logged this month.")
        case .learning: ("Обучение по месяцам", "Learning by month")
        case .load: ("Загрузка на следующую неделю", "Load next week")
        case .planned: ("Занято", "Planned")
        case .free: ("Свободно", "Free")
        case .overloaded: ("Перегрузка", "Overloaded")
        case .remaining: ("Осталось по оценкам", "Remaining estimates")
        case .loadDays: ("Рабочие дни", "Working days")
        case .cash: ("Деньги", "Cash")
        case .balances: ("Предоплаты и долги на конец месяца", "Prepaid and debt at each month's end")
        case .prepaid: ("Предоплаты", "Prepaid")
        case .debt: ("Долги", "Debt")
        case .flow: ("Начислено и получено по месяцам", "Recognised and received by month")
        case .recognised: ("Начислено", "Recognised")
        case .received: ("Получено", "Received")
        case .runningOutHeading: ("Предоплата кончится в ближайшие 30 дней", "Prepayment runs out within 30 days")
        case .noneRunningOut: ("Ни у кого.", "Nobody's.")
        case .client: ("Клиент", "Client")
        case .balance: ("Баланс", "Balance")
        case .pace: ("Темп в месяц", "Monthly pace")
        case .runsOut: ("Кончится", "Runs out")
        case .debtorsHeading: ("Должники", "Clients in debt")
        case .noDebtors: ("Должников нет.", "No client is in debt.")
        case .since: ("В долгу с", "In debt since")
        case .days: ("Дней", "Days")
        case .quality: ("Качество и SLA", "Quality and SLA")
        case .rework: ("Переделки (наша вина после оплачиваемой работы)", "Rework (our fault after billable work)")
        case .breaches: ("Нарушения SLA по категориям", "SLA breaches by category")
        case .drains: ("Заявки, которые едят часы без денег", "Tickets that eat hours without money")
        case .noDrains: ("Таких нет.", "None.")
        case .ticket: ("Заявка", "Ticket")
        case .nonBillable: ("Неоплачиваемые", "Non-billable")
        case .overApproved: ("Сверх согласованного", "Over approved")
        case .ticketTitle: ("Тема", "Title")
        }
    }
}
