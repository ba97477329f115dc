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
        ]
    }
}
