/// The command line's words. Table headings are written as words and shown in capitals;
/// `{1}`, `{2}` mark where a sentence takes its values.
public enum Word: String, Phrase {
    // Common words and table headings
    case id, ticket, tickets, status, client, clients, name, assignee, logged, title, balance, disputed, total, prefix, rate
    case sla, email, login, role, norm, project, wikiPages, transaction, state, since, note, person, hours, billable
    case revenue, effective, loss, kind, perDay, nonBillable, overApproved, from, to, month, billed, capacity, absentDays
    case remaining, clock, target, used, left, due, category, priority, reactionMet, breached, resolvedInTime, late, open
    case date, time, amount, yes, no, none, error, incomplete, day, week, weekOf, yearOf, tester, estimate, approved
    case created, channel, tags, test, serviceComment, confirmed, unassigned

    // list
    case noTicketsMatch, awaitingConfirmation
    // balance
    case clientsInError
    // show
    case waitingForClient, noTestCase, messages, work, noWorkLogged, workTotal, seenBefore, statusHistory
    case searchTicket, searchService, searchWiki, searchMessage, searchWork
    case disputeOpened, disputeSettled, disputeCredited
    // report
    case economicsFor, hoursLogged, hoursLoggedValue, effectiveRate, effectiveRateValue, byDimension, hoursByKind
    case peopleHeading, planVsFact, planNorm, planFact, eatenBy, drainsHeading, helpHeading, learningHeading, reworkHeading
    case lifetimeValue
    case dimensionPerson, dimensionClient, dimensionProject, dimensionKind, dimensionTicket, dimensionDay
    // plan
    case financialPlan, nonBillableShare, billableTarget, factSoFar, factSoFarValue, forecast, loadPlanFrom, loadPlanNoDays
    case overloadedBy, freeTime
    // sla and remind
    case noOpenTickets, nothingDue
    case reminderIdleInProgress, reminderNotTaken, reminderClientWaiting, reminderProgressUpdate, reminderEstimateNudge
    case reminderDoneWithoutServiceComment, reminderTestingWithoutTestCase, reminderInProgressWithoutAssignee, reminderUnconfirmed
    // check
    case deskValid, problemsFound
    // writes
    case loggedWork, ledgerRecorded, payment, charge, credit, moved, confirmedTicket, clientAdded, clientRate, staffAdded, projectAdded
    case sealed, sealRemade
    // intake
    case intakeSummary, intakeNew, intakeReply, intakeConfirmed, intakeDispute, intakeTriage, intakeTooBig, intakeNote
    // cards and check
    case siteFolderNow, numberedLines, noSiteToken, noSiteTokenHint, siteGuessable
    // init and triage
    case firmDetailsIntro, debtors, debtSince, daysInDebt, lastPayment, openInvoices, noDebtors, draftsWritten, bankImported, bankDuplicates, bankTriaged, bankIssues, debtReminderLine
    case cloneReady, cloneSetUp, deskCreated, deskCreatedWithDemo, nothingInTriage, item, subject, why, triageHint, dropped
    // search and site
    case nothingFound, sitesCurrent, siteNotCurrent, sitesWritten, siteRemoved

    public var pair: (ru: String, en: String) {
        switch self {
        case .id: ("заявка", "id")
        case .ticket: ("заявка", "ticket")
        case .tickets: ("заявки", "tickets")
        case .status: ("статус", "status")
        case .client: ("клиент", "client")
        case .clients: ("клиенты", "clients")
        case .name: ("название", "name")
        case .assignee: ("исполнитель", "assignee")
        case .logged: ("записано", "logged")
        case .title: ("тема", "title")
        case .balance: ("баланс", "balance")
        case .disputed: ("оспаривается", "disputed")
        case .total: ("итого", "total")
        case .prefix: ("префикс", "prefix")
        case .rate: ("ставка", "rate")
        case .sla: ("sla", "sla")
        case .email: ("e-mail", "e-mail")
        case .login: ("логин", "login")
        case .role: ("роль", "role")
        case .norm: ("норма", "norm")
        case .project: ("проект", "project")
        case .wikiPages: ("страницы вики", "wiki pages")
        case .transaction: ("транзакция", "transaction")
        case .state: ("состояние", "state")
        case .since: ("с", "since")
        case .note: ("что сделано", "note")
        case .person: ("сотрудник", "person")
        case .hours: ("часы", "hours")
        case .billable: ("оплачиваемые", "billable")
        case .revenue: ("выручка", "revenue")
        case .effective: ("фактическая", "effective")
        case .loss: ("потери", "loss")
        case .kind: ("вид", "kind")
        case .perDay: ("в день", "per day")
        case .nonBillable: ("неоплачиваемые", "non-billable")
        case .overApproved: ("сверх согласованного", "over approved")
        case .from: ("кто", "from")
        case .to: ("кому", "to")
        case .month: ("месяц", "month")
        case .billed: ("выставлено", "billed")
        case .capacity: ("в день", "capacity")
        case .absentDays: ("дней отсутствия", "absent days")
        case .remaining: ("осталось", "remaining")
        case .clock: ("срок", "clock")
        case .target: ("норматив", "target")
        case .used: ("прошло", "used")
        case .left: ("осталось", "left")
        case .due: ("до", "due")
        case .category: ("категория", "category")
        case .priority: ("приоритет", "priority")
        case .reactionMet: ("реакция вовремя", "reaction met")
        case .breached: ("нарушено", "breached")
        case .resolvedInTime: ("решено вовремя", "resolved in time")
        case .late: ("с опозданием", "late")
        case .open: ("открыто", "open")
        case .date: ("дата", "date")
        case .time: ("время", "time")
        case .amount: ("сумма", "amount")
        case .yes: ("да", "yes")
        case .no: ("нет", "no")
        case .none: ("нет", "none")
        case .error: ("ошибка", "error")
        case .incomplete: ("неполный", "incomplete")
        case .day: ("день", "day")
        case .week: ("неделя", "week")
        case .weekOf: ("неделя {1}", "week {1}")
        case .yearOf: ("{1} год", "{1}")
        case .tester: ("тестировщик", "tester")
        case .estimate: ("оценка", "estimate")
        case .approved: ("согласовано", "approved")
        case .created: ("создана", "created")
        case .channel: ("канал", "channel")
        case .tags: ("метки", "tags")
        case .test: ("проверка", "test")
        case .serviceComment: ("служебный комментарий", "service comment")
        case .confirmed: ("подтверждена", "confirmed")
        case .unassigned: ("без исполнителя", "unassigned")

        case .noTicketsMatch: ("Подходящих заявок нет.", "No tickets match.")
        case .awaitingConfirmation: ("* ждёт подтверждения клиента", "* awaiting the client's confirmation")
        case .clientsInError: ("(с ошибкой: {1})", "(in error: {1})")

        case .waitingForClient: ("нет — ждём клиента", "no — waiting for the client")
        case .disputeOpened: ("Спор по ^{1} открыт: {2}", "Dispute on ^{1} opened: {2}")
        case .disputeSettled: ("Спор по ^{1} решён: {2}", "Dispute on ^{1} settled: {2}")
        case .disputeCredited: ("{1}; клиенту возвращено {2}", "{1}; {2} credited to the client")
        case .searchTicket: ("заявка", "ticket")
        case .searchService: ("служебный комментарий", "service comment")
        case .searchWiki: ("вики", "wiki")
        case .searchMessage: ("сообщение", "message")
        case .searchWork: ("работа", "work")
        case .noTestCase: ("нет контрольного примера", "no test case")
        case .messages: ("Переписка", "Messages")
        case .work: ("Работы", "Work")
        case .noWorkLogged: ("работ не записано", "no work logged")
        case .workTotal: ("итого {1}, оплачиваемых {2}, выставлено {3}", "total {1}, billable {2}, charged {3}")
        case .seenBefore: ("Похожие заявки", "Seen before")
        case .statusHistory: ("История статусов", "Status history")

        case .economicsFor: ("Экономика: {1}", "Economics for {1}")
        case .hoursLogged: ("записано часов", "hours logged")
        case .hoursLoggedValue: ("{1} (оплачиваемых {2}, доля {3})", "{1} (billable {2}, share {3})")
        case .effectiveRate: ("фактическая ставка", "effective rate")
        case .effectiveRateValue: ("{1} в час (номинальная {2}, потери {3})", "{1} per hour (nominal {2}, loss {3})")
        case .byDimension: ("По {1}", "By {1}")
        case .hoursByKind: ("Часы по видам работ", "Hours by kind")
        case .peopleHeading: ("Люди: деньги в рабочий день, часы против нормы", "People: money per working day, hours against the norm")
        case .planVsFact: ("План и факт", "Plan vs fact")
        case .planNorm: ("норма {1}, план оплачиваемых {2} = {3}", "norm {1}, billable target {2} = {3}")
        case .planFact: ("факт {1} = {2}; не записано {3}", "fact {1} = {2}; not logged {3}")
        case .eatenBy: ("что съело разрыв", "eaten by")
        case .drainsHeading: ("Заявки, которые едят часы без денег", "Tickets that eat hours without money")
        case .helpHeading: ("Помощь коллегам", "Help between people")
        case .learningHeading: ("Обучение по месяцам", "Learning by month")
        case .reworkHeading: ("Переделки (наша ошибка после оплачиваемой работы)", "Rework (our-fault after billable work)")
        case .lifetimeValue: ("Клиенты за всё время", "Lifetime value")
        case .dimensionPerson: ("сотрудникам", "person")
        case .dimensionClient: ("клиентам", "client")
        case .dimensionProject: ("проектам", "project")
        case .dimensionKind: ("видам работ", "kind")
        case .dimensionTicket: ("заявкам", "ticket")
        case .dimensionDay: ("дням", "day")

        case .financialPlan: ("Финансовый план: {1} ({2})", "Financial plan for {1} ({2})")
        case .nonBillableShare: ("доля неоплачиваемых", "non-billable share")
        case .billableTarget: ("план оплачиваемых", "billable target")
        case .factSoFar: ("факт на сегодня", "fact so far")
        case .factSoFarValue: ("{1} = {2} (прошло {3} из {4})", "{1} = {2} ({3} of {4})")
        case .forecast: ("прогноз", "forecast")
        case .loadPlanFrom: ("План загрузки с {1} (остаток оценок по назначенным открытым заявкам)",
                             "Load plan from {1} (remaining estimates of assigned open tickets)")
        case .loadPlanNoDays: ("План загрузки: в этом периоде рабочих дней больше нет", "Load plan: no working days left in this period")
        case .overloadedBy: ("перегрузка {1}", "overloaded by {1}")
        case .freeTime: ("свободно {1}", "free {1}")

        case .noOpenTickets: ("Открытых заявок нет.", "No open tickets.")
        case .nothingDue: ("Напоминаний нет.", "Nothing is due.")
        case .reminderIdleInProgress: ("в работе, но работы не записано уже {1} рабочего времени", "in progress with no work logged for {1} of working time")
        case .reminderNotTaken: ("{1} и не взята в работу уже {2} рабочего времени", "{1} and not taken for {2} of working time")
        case .reminderClientWaiting: ("клиент написал последним и ждёт ответа ({1})", "the client wrote last and waits for an answer ({1})")
        case .reminderProgressUpdate: ("долгая заявка: расскажите клиенту, как идут дела (с прошлого сообщения {1})",
                                       "a long ticket: tell the client how it goes ({1} since the last update)")
        case .reminderEstimateNudge: ("оценка отправлена {1} рабочего времени назад, клиент молчит: напомните ему",
                                      "estimate sent {1} of working time ago and the client is silent: nudge them")
        case .reminderDoneWithoutServiceComment: ("выполнена без служебного комментария (service.md)", "done without a service comment (service.md)")
        case .reminderTestingWithoutTestCase: ("на проверке без контрольного примера (test.md)", "in testing without a test case (test.md)")
        case .reminderInProgressWithoutAssignee: ("в работе без исполнителя", "in progress without an assignee")
        case .reminderUnconfirmed: ("заявка по телефону не подтверждена клиентом уже {1}", "phone ticket not confirmed by the client for {1}")

        case .loggedWork: ("{1}: {2}, {3}, {4}, {5} ^{6}", "{1}: {2} {3} by {4} on {5} ^{6}")
        case .ledgerRecorded: ("{1}: {2} {3}, {4} ^{5}", "{1}: {2} of {3} on {4} ^{5}")
        case .payment: ("оплата", "payment")
        case .charge: ("начисление", "charge")
        case .credit: ("зачёт", "credit")
        case .moved: ("{1}: {2} → {3}", "{1}: {2} → {3}")
        case .confirmedTicket: ("{1}: подтверждена клиентом", "{1}: confirmed by the client")
        case .clientAdded: ("Клиент {1} добавлен (префикс {2})", "Added client {1} ({2})")
        case .clientRate: ("Клиент {1}: ставка {2} с {3}", "Client {1}: rate {2} from {3}")
        case .staffAdded: ("Сотрудник {1} добавлен ({2})", "Added {1} ({2})")
        case .projectAdded: ("Проект {1} добавлен для клиента {2}", "Added project {1} for {2}")
        case .sealed: ("Период {1} закрыт: {2}, тег {3}", "Sealed {1}: {2}, tag {3}")
        case .sealRemade: ("Тег {1} создан заново: деньги периода {2} — те, что записаны в audit/seals.md",
                           "Made the missing tag {1} again: the money of {2} is what audit/seals.md recorded")
        case .intakeSummary: ("Почта и чаты: новых заявок {1}, ответов {2}, подтверждений {3}, споров {4}, в разбор {5}, повторов {6}, пропущено {7}",
                              "Intake: new tickets {1}, replies {2}, confirmations {3}, disputes {4}, to triage {5}, duplicates {6}, skipped {7}")
        case .intakeNew: ("новая", "new")
        case .intakeReply: ("ответ", "reply")
        case .intakeConfirmed: ("подтверждена", "confirmed")
        case .intakeDispute: ("спор", "dispute")
        case .intakeTriage: ("в разбор", "triage")
        case .intakeTooBig: ("слишком большой", "too big")
        case .intakeNote: ("заметка", "note")
        case .siteFolderNow: ("Клиент {1}: папка сайта теперь {2}", "Client {1}: the site folder is now {2}")
        case .numberedLines: ("исправлено: {1}: строк с новым ^ID: {2}", "fixed: {1}: lines given an ^ID: {2}")
        case .noSiteToken: ("предупреждение: {1}: у клиента {2} нет ключа сайта, и папка его сайта — угадываемое имя; 'gitdesk site' её не пишет",
                            "warning: {1}: the client {2} has no site token, so its site's folder is a guessable name; 'gitdesk site' does not write it")
        case .noSiteTokenHint: ("подсказка: gitdesk client token rotate {1} (или site: {public-names: true} в gitdesk.yml, если угадываемые имена папок допустимы)",
                                "hint: gitdesk client token rotate {1} (or site: {public-names: true} in gitdesk.yml if guessable folder names are fine)")
        case .siteGuessable: ("ошибка: сайт клиента {1} не записан: без ключа сайта его папкой было бы угадываемое имя '{1}'",
                              "error: the site of {1} was not written: without a site token its folder would be the guessable name '{1}'")
        case .cloneReady: ("Этот клон деска в {1} уже настроен.", "This clone of the desk in {1} is already set up.")
        case .cloneSetUp: ("Клон деска в {1} настроен.", "Set up this clone of the desk in {1}.")
        case .deskCreated: ("Доска создана в {1}", "Initialised a desk in {1}")
        case .firmDetailsIntro: ("Реквизиты фирмы для актов и счетов (Enter — пропустить, заполнить позже в gitdesk.yml):", "The firm's details for acts and invoices (Enter skips one; fill it in gitdesk.yml later):")
        case .debtors: ("Должники", "Debtors")
        case .debtSince: ("в долгу с", "in debt since")
        case .daysInDebt: ("дней", "days")
        case .lastPayment: ("последняя оплата", "last payment")
        case .openInvoices: ("неоплаченные счета", "open invoices")
        case .noDebtors: ("Должников нет.", "No debtors.")
        case .draftsWritten: ("Писем-напоминаний: {1}, в {2}", "{1} reminder mail(s) written to {2}")
        case .bankImported: ("{1}: платежей записано: {2}", "{1}: {2} payment(s) recorded")
        case .bankDuplicates: ("уже были в деске (повторный импорт): {1}", "already in the desk (imported before): {1}")
        case .bankTriaged: ("отложено в разбор: {1} (gitdesk triage)", "left in triage: {1} (gitdesk triage)")
        case .bankIssues: ("{1}:{2}: {3}", "{1}:{2}: {3}")
        case .debtReminderLine: ("в долгу {1} дн.: напомните об оплате (gitdesk debts --draft)", "in debt for {1} days: remind them to pay (gitdesk debts --draft)")
        case .deskCreatedWithDemo: ("Доска с демонстрационными данными создана в {1}", "Initialised a desk in {1} with the demo data")
        case .nothingInTriage: ("Разбирать нечего.", "Nothing waits in triage.")
        case .item: ("номер", "item")
        case .subject: ("тема", "subject")
        case .why: ("почему", "why")
        case .triageHint: ("подсказка: gitdesk triage assign НОМЕР КЛИЕНТ [--ticket ID] [--remember] или gitdesk triage drop НОМЕР --reason ТЕКСТ",
                           "hint: gitdesk triage assign ITEM CLIENT [--ticket ID] [--remember], or gitdesk triage drop ITEM --reason TEXT")
        case .dropped: ("Удалено: {1}", "Dropped {1}")
        case .nothingFound: ("Ничего не найдено.", "Nothing found.")
        case .sitesCurrent: ("Все сайты актуальны.", "All sites are current.")
        case .siteNotCurrent: ("не актуален: {1}", "not current: {1}")
        case .sitesWritten: ("сайты: обновлено {1} из {2}, записано {3}", "sites: {1} of {2} updated, {3} written")
        case .siteRemoved: ("{1}: удалён", "{1}: removed")
        case .deskValid: ("Ошибок нет.", "The desk is valid.")
        case .problemsFound: ("Найдено {1}.", "{1} found.")
        }
    }
}

/// The words of `gitdesk audit`, as text for the lead and as Markdown for the client.
public enum AuditWord: String, Phrase {
    case recorded, lateBy, numbered, changed, deleted, dispute, noTransactions, sealedPeriods, none, intact, changedSeal
    case notInHistory, closingSealed, notSealed, unreadable, changedTransactions, override
    case markdownTitle, markdownIntro, markdownHeader

    public var pair: (ru: String, en: String) {
        switch self {
        case .recorded: ("записано {1}, {2} <{3}>, коммит {4}", "recorded {1} by {2} <{3}> in {4}")
        case .lateBy: (", через {1} после даты работы", ", {1} after the work date")
        case .numbered: ("пронумеровано {1}, {2}, коммит {3}", "numbered {1} by {2} in {3}")
        case .changed: ("изменено {1}, {2}, коммит {3}: {4} {5} → {6}", "changed {1} by {2} in {3}: {4} {5} → {6}")
        case .deleted: ("удалено {1}, {2}, коммит {3}", "deleted {1} by {2} in {3}")
        case .dispute: ("спор", "dispute")
        case .noTransactions: ("Подходящих транзакций нет.", "No transactions match.")
        case .sealedPeriods: ("Закрытые периоды", "Sealed periods")
        case .none: ("нет", "none")
        case .intact: ("не изменён", "intact")
        case .changedSeal: ("ИЗМЕНЁН", "CHANGED")
        case .notInHistory: ("закрытого коммита больше нет в истории ветки: историю переписали",
                             "the sealed commit is no longer in the branch's history: history was rewritten")
        case .closingSealed: ("{1}: при закрытии остаток {2}, сейчас {3}; дайджест не совпадает",
                              "{1}: closing {2} sealed, now {3}; digest no longer matches")
        case .notSealed: ("не закрыт", "not sealed")
        case .unreadable: ("не читается", "unreadable")
        case .changedTransactions: ("изменены", "changed")
        case .override: ("разрешение", "override")
        case .markdownTitle: ("# Аудит транзакций", "# Audit of transactions")
        case .markdownIntro: ("Каждая строка показана с коммитом, который её записал, и всеми последующими изменениями — из истории git.",
                              "Each line is shown with the commit that recorded it and every later change, taken from the desk's git history.")
        case .markdownHeader: ("| Транзакция | Заявка | Дата работы | Записано | Кем | Строка | Изменения | Отметки |",
                               "| Transaction | Ticket | Work date | Recorded | By | Line | Changes | Flags |")
        }
    }
}

/// The words of a client's statement (Markdown, HTML and the printable act).
public enum StatementWord: String, Phrase {
    case payment, credit, charge, work, openingBalance, workCharged, payments, credits, charges, closingBalance, date, ticket, person, kind, time, rate, amount, note, statement, work2, noWorkChargedInThePeriod, workTotal, disputed, notChargedOurTime, paymentsAndCharges, noneInThePeriod, type, note2, summary, item, document, total

    public var pair: (ru: String, en: String) {
        switch self {
        case .payment: ("оплата", "payment")
        case .credit: ("зачёт", "credit")
        case .charge: ("начисление", "charge")
        case .work: ("работа", "work")
        case .openingBalance: ("Входящий остаток", "Opening balance")
        case .workCharged: ("Работы", "Work charged")
        case .payments: ("Оплаты", "Payments")
        case .credits: ("Зачёты", "Credits")
        case .charges: ("Начисления", "Charges")
        case .closingBalance: ("Исходящий остаток", "Closing balance")
        case .date: ("Дата", "Date")
        case .ticket: ("Заявка", "Ticket")
        case .person: ("Исполнитель", "Person")
        case .kind: ("Вид", "Kind")
        case .time: ("Время", "Time")
        case .rate: ("Ставка", "Rate")
        case .amount: ("Сумма", "Amount")
        case .note: ("Что сделано", "Note")
        case .statement: ("Выписка", "Statement")
        case .work2: ("Работы", "Work")
        case .noWorkChargedInThePeriod: ("Работ за период нет.", "No work charged in the period.")
        case .workTotal: ("Итого работ", "Work total")
        case .disputed: ("Оспаривается", "Disputed")
        case .notChargedOurTime: ("Не выставлено (наше время)", "Not charged (our time)")
        case .paymentsAndCharges: ("Оплаты и начисления", "Payments and charges")
        case .noneInThePeriod: ("Движений нет.", "None in the period.")
        case .type: ("Вид", "Type")
        case .note2: ("Основание", "Note")
        case .summary: ("Итоги", "Summary")
        case .item: ("Показатель", "Item")
        case .document: ("Документ", "Document")
        case .total: ("Итого", "Total")
        }
    }
}

/// The words of a project's wiki as Markdown (`gitdesk wiki`).
public enum WikiWord: String, Phrase {
    case tickets, created, work, noWork, noServiceComment

    public var pair: (ru: String, en: String) {
        switch self {
        case .tickets: ("Заявки", "Tickets")
        case .created: ("создана {1}", "created {1}")
        case .work: ("{1}: {2}", "{1} by {2}")
        case .noWork: ("работ не записано", "no work logged")
        case .noServiceComment: ("Служебного комментария нет.", "No service comment.")
        }
    }
}

/// A charge's state after the client's disputes, the same on every page that shows it.
public enum ChargeWord: String, Phrase {
    case open, accepted, adjusted, waived, standing, adjustedCredit, waivedCredit

    public var pair: (ru: String, en: String) {
        switch self {
        case .open: ("оспаривается", "disputed")
        case .accepted: ("оставлено после спора", "upheld after dispute")
        case .adjusted: ("скорректировано по спору: {1} вместо {2}", "adjusted after dispute: {1} instead of {2}")
        case .standing: ("{1}, к оплате {2}", "{1}, {2} due")
        case .waived: ("снято по спору", "waived after dispute")
        case .adjustedCredit: ("Скорректировано по спору: {1} вместо {2} ({3})", "Adjusted after dispute: {1} instead of {2} ({3})")
        case .waivedCredit: ("Снято по спору ({1})", "Waived after dispute ({1})")
        }
    }
}
