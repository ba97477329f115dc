import GitdeskCore

/// The site's words in the desk's locale (Russian or English).
enum SiteStrings {
    static func table(_ locale: String) -> [String: String] {
        let ru = locale == "ru"
        func s(_ r: String, _ e: String) -> String { ru ? r : e }
        return [
            "lang": ru ? "ru" : "en",
            "skip": s("К содержанию", "Skip to content"), "navigation": s("Разделы", "Sections"),
            "overview": s("Обзор", "Overview"), "tickets": s("Заявки", "Tickets"), "transactions": s("Транзакции", "Transactions"),
            "statements": s("Выписки", "Statements"), "search": s("Поиск", "Search"), "balance": s("Баланс", "Balance"),
            "disputed": s("Оспаривается", "Disputed"), "thisPeriod": s("Текущий период", "This period"),
            "charged": s("Списано", "Charged"), "hours": s("Часы", "Hours"), "statement": s("Выписка", "Statement"),
            "openTickets": s("Открытые заявки", "Open tickets"), "ticket": s("Заявка", "Ticket"), "title": s("Тема", "Title"),
            "status": s("Статус", "Status"), "sla": s("Срок реакции и решения", "SLA"), "noOpenTickets": s("Открытых заявок нет.", "No open tickets."),
            "toConfirm": s("Заявки для подтверждения", "Tickets to confirm"), "confirm": s("Подтвердить", "Confirm"),
            "created": s("Создана", "Created"), "priority": s("Приоритет", "Priority"), "test": s("Проверка", "Testing"),
            "phoneTicket": s("Заявка создана по вашему звонку. Подтвердите, что мы поняли её верно:", "We created this ticket from your call. Please confirm it:"),
            "description": s("Описание", "Description"), "messages": s("Переписка", "Messages"), "none": s("Нет.", "None."),
            "history": s("История статусов", "Status history"), "work": s("Работы", "Work"), "date": s("Дата", "Date"),
            "person": s("Исполнитель", "Person"), "time": s("Время", "Time"), "amount": s("Сумма", "Amount"),
            "note": s("Что сделано", "Note"), "dispute": s("Спор", "Dispute"), "disputeThis": s("Оспорить", "Dispute"),
            "notCharged": s("Не выставлено (наше время)", "Not charged (our time)"), "type": s("Вид", "Type"),
            "rate": s("Ставка", "Rate"), "searchLabel": s("Что найти", "Search for"), "asOf": s("Данные на", "Data as of"),
            "questions": s("Вопросы:", "Questions:"), "found": s("Найдено", "Found"),
            "payment": s("оплата", "payment"), "credit": s("зачёт", "credit"), "charge": s("начисление", "charge"),
            "workType": s("работа", "work"), "opening": s("Входящий остаток", "Opening balance"),
            "workTotal": s("Работы", "Work charged"), "payments": s("Оплаты", "Payments"), "credits": s("Зачёты", "Credits"),
            "charges": s("Начисления", "Charges"), "closing": s("Исходящий остаток", "Closing balance"),
            "overdue": s("просрочено", "overdue"), "left": s("осталось", "left"), "paused": s("на паузе", "paused"),
            "noTest": s("нет", "none"),
            "prepaidLeft": s("Предоплата: осталось", "Prepaid, still to be used"), "owed": s("Задолженность", "Amount owed"),
            "settled": s("Баланс нулевой", "Balance settled"), "chargedThisMonth": s("Списано в этом месяце", "Charged this month"),
            "chargedLastMonth": s("Списано в прошлом месяце", "Charged last month"),
            "pace": s("В среднем в месяц за последние три месяца", "Monthly average of the last three months"),
            "runsOut": s("При таком темпе предоплаты хватит примерно до", "At this pace the prepayment lasts until about"),
            "coverNext": s("Чтобы погасить долг и оплатить следующий месяц, нужно", "To clear the debt and cover next month, pay"),
            "period": s("Период", "Period"), "document": s("Документ", "Document"), "summary": s("Итоги", "Summary"),
            "paymentsHeading": s("Оплаты", "Payments"), "creditsHeading": s("Зачёты", "Credits"), "chargesHeading": s("Начисления", "Charges"),
            "confirmSubject": s("Подтверждаю заявку", "I confirm ticket"), "disputeSubject": s("Оспариваю списание", "I dispute charge"),
            "confirmBody": s("Заявка описана верно.", "The ticket is described correctly."),
            "disputeBody": s("Что не так с этим списанием (например, сколько длилась работа на самом деле):\n\n", "What is wrong with this charge (for example, how long the work really took):\n\n"),
            "noServiceComment": s("Служебного комментария нет.", "No service comment."), "noWork": s("работ пока нет", "no work logged yet"),
            "chartTitle": s("Баланс на конец месяца за год", "Balance at each month's end, last twelve months"),
        ]
    }

    /// "марта 2027" / "March 2027": the month a day falls in, as the forecast says it.
    static func month(_ day: Day, locale: String) -> String {
        let ru = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"]
        let en = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        return "\((locale == "ru" ? ru : en)[day.month - 1]) \(day.year)"
    }
}
