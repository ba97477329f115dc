/// The dashboard's words in the desk's locale (Russian or English).
enum DashboardWords {
    static func table(_ locale: String) -> [String: String] {
        let ru = locale == "ru"
        func s(_ r: String, _ e: String) -> String { ru ? r : e }
        return [
            "lang": ru ? "ru" : "en", "title": s("Панель руководителя", "Lead's dashboard"), "asOf": s("данные на", "as of"),
            "months": s("месяцев", "months"),
            "rate": s("Ставка и потери по месяцам", "Rate and loss by month"), "effective": s("Фактическая ставка", "Effective rate"),
            "nominal": s("Номинальная ставка", "Nominal rate"), "loss": s("Потери", "Loss"), "month": s("Месяц", "Month"),
            "billableHours": s("Оплачиваемые часы", "Billable hours"),
            "hours": s("Куда ушли часы", "Where the hours went"), "hoursByKind": s("Часы по видам работ", "Hours by kind"),
            "nonBillableShare": s("Доля неоплачиваемых", "Non-billable share"), "allowance": s("Допуск плана", "Plan's allowance"),
            "hoursLogged": s("Часы", "Hours"), "nonBillableKinds": s("Неоплачиваемые виды", "Non-billable kinds"),
            "plan": s("План и факт по неделям", "Plan vs fact by week"), "target": s("План", "Target"), "fact": s("Факт", "Fact"),
            "week": s("Неделя", "Week"), "targetHours": s("План, ч", "Target hours"), "factHours": s("Факт, ч", "Fact hours"),
            "targetRevenue": s("План, выручка", "Target revenue"), "factRevenue": s("Факт, выручка", "Fact revenue"),
            "eatenBy": s("Что съело разрыв", "What ate the gap"),
            "people": s("Люди", "People"), "perDayTrend": s("Деньги в рабочий день по месяцам", "Money per working day by month"),
            "person": s("Сотрудник", "Person"), "norm": s("Норма", "Norm"), "revenue": s("Выручка", "Revenue"),
            "perDay": s("В рабочий день", "Per working day"), "help": s("Кто кому помогал (часы)", "Who helped whom (hours)"),
            "helpFromTo": s("Помогал → кому", "Helper → helped"), "noHelp": s("Помощи коллегам в этом месяце не записано.", "No help between colleagues logged this month."),
            "learning": s("Обучение по месяцам", "Learning by month"),
            "load": s("Загрузка на следующую неделю", "Load next week"), "planned": s("Занято", "Planned"), "free": s("Свободно", "Free"),
            "overloaded": s("Перегрузка", "Overloaded"), "remaining": s("Осталось по оценкам", "Remaining estimates"),
            "loadDays": s("Рабочие дни", "Working days"),
            "cash": s("Деньги", "Cash"), "balances": s("Предоплаты и долги на конец месяца", "Prepaid and debt at each month's end"),
            "prepaid": s("Предоплаты", "Prepaid"), "debt": s("Долги", "Debt"),
            "flow": s("Начислено и получено по месяцам", "Recognised and received by month"),
            "recognised": s("Начислено", "Recognised"), "received": s("Получено", "Received"),
            "runningOutHeading": s("Предоплата кончится в ближайшие 30 дней", "Prepayment runs out within 30 days"),
            "noneRunningOut": s("Ни у кого.", "Nobody's."), "client": s("Клиент", "Client"), "balance": s("Баланс", "Balance"),
            "pace": s("Темп в месяц", "Monthly pace"), "runsOut": s("Кончится", "Runs out"),
            "debtorsHeading": s("Должники", "Clients in debt"), "noDebtors": s("Должников нет.", "No client is in debt."),
            "since": s("В долгу с", "In debt since"), "days": s("Дней", "Days"),
            "quality": s("Качество и SLA", "Quality and SLA"), "rework": s("Переделки (наша вина после оплачиваемой работы)", "Rework (our fault after billable work)"),
            "breaches": s("Нарушения SLA по категориям", "SLA breaches by category"),
            "drains": s("Заявки, которые едят часы без денег", "Tickets that eat hours without money"),
            "noDrains": s("Таких нет.", "None."), "ticket": s("Заявка", "Ticket"), "nonBillable": s("Неоплачиваемые", "Non-billable"),
            "overApproved": s("Сверх согласованного", "Over approved"), "ticketTitle": s("Тема", "Title"),
        ]
    }
}
