import Foundation
import GitdeskCore
import GitdeskGit
import GitdeskStore

/// `gitdesk init --demo`: a small, realistic desk with three months of history committed
/// by several people — three clients (Russian and English), five staff, every kind and
/// status, messages, service comments, test cases, payments and a rate change. Seeded, so
/// the same binary builds the same desk every time (commit ids included).
public struct DemoDesk {
    /// The author of the desk's first commit.
    public static let founder = person("nikolay", at: "2026-09-01T09:00:00")

    /// The demo firm's details (`init --demo` writes them into gitdesk.yml): made-up numbers
    /// with valid check digits at a real bank, so every act and invoice renders.
    public static let firmSettings: [String: String] = [
        "company": "Гильдия консультантов", "email": "support@guild.example",
        "firm.name": "ООО «Гильдия консультантов»", "firm.inn": "7701234560", "firm.kpp": "770101001", "firm.ogrn": "1207700123454",
        "firm.address": "123456, г. Москва, ул. Примерная, д. 1, офис 10",
        "firm.bank.name": "ПАО Сбербанк", "firm.bank.bik": "044525225", "firm.bank.account": "40702810538000123456",
        "firm.bank.correspondent-account": "30101810400000000225",
        "firm.signer.name": "Н. П. Соколов", "firm.signer.position": "Генеральный директор", "firm.vat": "none",
    ]

    let store: DeskRepository
    private var files: [String: String] = [:]
    private var events: [Event] = []
    private var generator = SeededGenerator(seed: 2021)
    private var usedIDs = Set<String>()
    /// IDs of the scripted work lines by their note, for the demo's dispute.
    private var workIDs: [String: String] = [:]

    public init(store: DeskRepository) { self.store = store }

    private struct Event {
        let time: String
        let author: String
        let message: String
        let change: (inout [String: String]) -> [String]
    }

    static let people: [String: (name: String, email: String)] = [
        "nikolay": ("Николай Елатонцев", "nikolay@guild.example"),
        "alice": ("Алиса Смирнова", "alice@guild.example"),
        "boris": ("Борис Кузнецов", "boris@guild.example"),
        "olga": ("Ольга Иванова", "olga@guild.example"),
        "irina": ("Ирина Павлова", "irina@guild.example"),
    ]

    static func person(_ login: String, at time: String) -> Signature {
        let date = Timestamp.parse(time + "+03:00", zone: TimeZone(identifier: "Europe/Moscow")!)!
        let who = people[login]!
        return Signature(name: who.name, email: who.email, time: Int64(date.timeIntervalSince1970), offsetMinutes: 180)
    }

    /// Builds the history on top of the desk's first commit.
    public mutating func build() throws {
        cards()
        tickets()
        ledger()
        acts()
        for event in events.enumerated().sorted(by: { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }).map(\.element) {
            let paths = event.change(&files)
            try store.commit(Dictionary(uniqueKeysWithValues: paths.map { ($0, files[$0]) }), message: event.message,
                             author: Self.person(event.author, at: event.time))
        }
    }

    /// October's acts, issued on the second working day of November (their totals are the
    /// October statements' work and charges: `gitdesk act` refuses an act whose lines changed),
    /// and Romashka's invoice for December's prepayment.
    private mutating func acts() {
        for (number, client, total) in [(1, "romashka", "12500.00"), (2, "vector", "108750.00"), (3, "northwind", "10500.00")] {
            let act = IssuedDocument(kind: .act, year: 2026, number: number, client: client, date: Day(year: 2026, month: 10, day: 31),
                                     period: "2026-10", amount: Money(total)!, purpose: nil)
            write("2026-11-02T10:00:00", by: "nikolay", "\(client): act \(number) for 2026-10", act.file, act.text)
        }
        let invoice = IssuedDocument(kind: .invoice, year: 2026, number: 1, client: "romashka", date: Day(year: 2026, month: 11, day: 27),
                                     period: nil, amount: Money(minor: 6_000_000), purpose: "Техническая поддержка 1С, декабрь 2026")
        write("2026-11-27T11:00:00", by: "nikolay", "romashka: invoice 1 for 60000.00", invoice.file, invoice.text)
    }

    private mutating func on(_ time: String, by author: String, _ message: String, _ change: @escaping (inout [String: String]) -> [String]) {
        events.append(Event(time: time, author: author, message: message, change: change))
    }

    private mutating func write(_ time: String, by author: String, _ message: String, _ path: String, _ text: String) {
        on(time, by: author, message) { files in files[path] = text; return [path] }
    }

    private mutating func append(_ time: String, by author: String, _ message: String, _ path: String, _ line: String) {
        on(time, by: author, message) { files in files[path, default: ""] += line + "\n"; return [path] }
    }

    private mutating func transactionID(_ letter: Character) -> String {
        let id = TransactionIDGenerator.generate(letter: letter, existing: usedIDs, using: &generator)
        usedIDs.insert(id)
        return id
    }

    // MARK: Cards

    private mutating func cards() {
        let staff: [(String, String, String?, String)] = [
            ("nikolay", "lead", "7h", "1500"), ("alice", "engineer", "6h", "1100"), ("boris", "engineer", "7h", "1000"),
            ("olga", "tester", "6h", "800"), ("irina", "intake", nil, "600"),
        ]
        for (login, role, capacity, cost) in staff {
            let who = Self.people[login]!
            var text = "---\nname: \(who.name)\nemail: \(who.email)\nrole: \(role)\n"
            if let capacity { text += "capacity: \(capacity)\n" }
            text += "cost: \(cost)\n"
            text += login == "boris" ? "absences:\n  - {from: 2026-10-12, to: 2026-10-16, kind: vacation}\n" : "absences: []\n"
            text += "---\n"
            write("2026-09-01T09:05:00", by: "nikolay", "staff \(login): add", "staff/\(login).md", text)
        }
        write("2026-09-01T09:10:00", by: "nikolay", "client romashka: add", "clients/romashka.md", """
            ---
            name: ООО «Ромашка»
            prefix: ROM
            rate: 2000
            sla: standard
            emails: [buh@romashka.example, "@romashka.example"]
            site: {token: r7m2k9q4x1v8c3n6b5t0w2z4yh}
            requisites:
              name: Общество с ограниченной ответственностью «Ромашка»
              inn: "7709876545"
              kpp: "770901001"
              ogrn: "1197746123453"
              address: 109012, г. Москва, ул. Цветочная, д. 5
              contract: {number: 14/2026, date: 2026-09-01}
              signer: {name: А. В. Лебедева, position: Главный бухгалтер}
            ---
            ## Условия договора

            Предмет: сопровождение 1С:УТ и обмена с интернет-магазином. Стоимость часа 2000 ₽,
            предоплата за три месяца, отчётный период — месяц, приёмка по акту.

            """)
        write("2026-09-01T09:12:00", by: "nikolay", "client vector: add", "clients/vector.md", """
            ---
            name: ТД «Вектор»
            prefix: VEC
            rate: 2500
            sla: vip
            emails: ["@vector.example"]
            site: {token: v3c8x1m6q9k2n5b7t4w0z8y2ja}
            requisites:
              name: Акционерное общество «Торговый дом «Вектор»
              inn: "5001122339"
              kpp: "500101001"
              ogrn: "1215000567891"
              address: 141400, Московская обл., г. Химки, ул. Заводская, д. 3
              contract: {number: 15/2026, date: 2026-09-01}
              signer: {name: П. С. Орлов, position: Директор}
            ---
            ## Условия договора

            Сопровождение 1С:ERP, выделенный инженер. Час — 2500 ₽, оплата ежемесячно.

            """)
        write("2026-09-01T09:14:00", by: "nikolay", "client northwind: add", "clients/northwind.md", """
            ---
            name: Northwind Traders
            prefix: NW
            rate: 3000
            sla: standard
            emails: ["@northwind.example"]
            site: {token: n9w4t2r7q1m5k8x3c6v0b2z7yd}
            locale: en
            requisites:
              name: Sole trader Ivan Vetrov (Northwind Traders)
              inn: "772512345622"
              ogrn: "304770001234563"
              address: 115088, Moscow, Yuzhnoportovaya st., 7
              contract: {number: 16/2026, date: 2026-09-01}
              signer: {name: I. Vetrov, position: Owner}
            ---
            ## Contract terms

            Support of the CRM ↔ 1C integration, billed hourly at 3000 RUB, monthly statements.

            """)
        for (slug, client, title) in [
            ("shop", "romashka", "Интернет-магазин и обмен с 1С"), ("erp", "vector", "1С:ERP Управление предприятием"),
            ("crm", "northwind", "CRM integration"),
        ] {
            write("2026-09-01T09:20:00", by: "nikolay", "project \(slug): add", "projects/\(slug)/project.md",
                  "---\nclient: \(client)\ntitle: \(title)\n---\n# \(title)\n\nWhere it runs, who to ask, how the exchange works.\n")
        }
        write("2026-09-02T11:00:00", by: "alice", "wiki: exchange rules", "projects/shop/wiki/exchange.md",
              "# Обмен с сайтом\n\nПравила обмена — в обработке «ОбменССайтом», расписание — регламентное задание «Выгрузка цен».\n")
        // "From this year" — here from November: October's money must not change.
        on("2026-10-25T17:00:00", by: "nikolay", "client romashka: rate 2200.00 from 2026-11-01") { files in
            files["clients/romashka.md"] = files["clients/romashka.md"]!.replacingOccurrences(
                of: "rate: 2000\n", with: "rate: 2000\nrates:\n  - {since: 2026-11-01, rate: 2200}\n")
            return ["clients/romashka.md"]
        }
    }

    // MARK: Tickets

    private struct Script {
        let id, client, project, title, category, priority, channel, assignee, created, by: String
        let estimate, approved: String?
        let description: String
        /// (day, login, duration, kind, colleague, note)
        let work: [(String, String, String, String, String?, String)]
        /// (time, status, by)
        let moves: [(String, String, String)]
        let service: String?
        let test: (String, String?)?
        /// (time, from, text)
        let messages: [(String, String, String)]
    }

    private mutating func tickets() {
        let scripts: [Script] = [
            Script(id: "ROM-7K2P", client: "romashka", project: "shop", title: "Цены на сайте не совпадают с 1С", category: "exchange",
                   priority: "high", channel: "email", assignee: "alice", created: "2026-09-03T10:12:00", by: "irina",
                   estimate: "6h", approved: "6h", description: "После обновления цены на сайте отстают на день.",
                   work: [("2026-09-03", "alice", "2h", "billable", nil, "Нашла, где теряется тип цен"),
                          ("2026-09-03", "nikolay", "20m", "help", "alice", "Показал правила обмена"),
                          ("2026-09-04", "alice", "1h", "learning", nil, "Изучала штатную выгрузку"),
                          ("2026-09-04", "alice", "2h30m", "billable", nil, "Исправила выгрузку цен"),
                          ("2026-09-07", "olga", "1h", "testing", nil, "Контрольный пример на копии базы"),
                          ("2026-09-08", "alice", "30m", "our-fault", nil, "Ошибка в округлении — наш косяк")],
                   moves: [("2026-09-03T10:40:00", "in-progress", "alice"), ("2026-09-04T18:00:00", "needs-testing", "alice"),
                           ("2026-09-07T10:00:00", "testing", "olga"), ("2026-09-08T16:00:00", "done", "olga"),
                           ("2026-09-30T12:00:00", "closed", "nikolay")],
                   service: "Обработка «ОбменССайтом», модуль объекта: процедура ВыгрузитьЦены брала тип цен из настроек по умолчанию.",
                   test: ("Выгрузить цены, сравнить 10 позиций на сайте и в 1С.", "olga"),
                   messages: [("2026-09-03T10:12:00", "client", "Добрый день! Цены на сайте вчерашние."),
                              ("2026-09-03T10:45:00", "alice", "Взяли в работу, смотрим обмен."),
                              ("2026-09-08T16:10:00", "alice", "Исправили, проверьте, пожалуйста.")]),
            Script(id: "ROM-3M9D", client: "romashka", project: "shop", title: "Не печатается счёт на оплату", category: "printing",
                   priority: "normal", channel: "phone", assignee: "boris", created: "2026-11-20T15:30:00", by: "irina",
                   estimate: "2h", approved: nil, description: "Звонок бухгалтера: при печати счёта ошибка.",
                   work: [("2026-11-23", "boris", "45m", "billable", nil, "Воспроизвёл ошибку печати")],
                   moves: [("2026-11-23T09:30:00", "in-progress", "boris")], service: nil, test: nil,
                   messages: [("2026-11-20T15:30:00", "client", "Звонок: при печати счёта выходит ошибка.")]),
            Script(id: "ROM-8QWT", client: "romashka", project: "shop", title: "Доработка: выгрузка остатков по складам", category: "feature",
                   priority: "normal", channel: "email", assignee: "alice", created: "2026-11-02T09:15:00", by: "irina",
                   estimate: "8h", approved: nil, description: "Нужно выгружать остатки по каждому складу отдельно.",
                   work: [("2026-11-02", "alice", "1h", "billable", nil, "Оценка доработки")],
                   moves: [("2026-11-02T12:00:00", "estimate-sent", "alice")], service: nil, test: nil,
                   messages: [("2026-11-02T12:05:00", "alice", "Оценка — 8 часов. Согласуете?")]),
            Script(id: "VEC-5H1R", client: "vector", project: "erp", title: "Интеграция с маркетплейсом", category: "feature",
                   priority: "high", channel: "email", assignee: "boris", created: "2026-10-05T09:00:00", by: "nikolay",
                   estimate: "30h", approved: "30h", description: "Выгрузка заказов маркетплейса в 1С:ERP.",
                   work: [("2026-10-05", "boris", "6h", "billable", nil, "Проектирование обмена"),
                          ("2026-10-06", "boris", "3h", "learning", nil, "Изучение штатного модуля интеграции"),
                          ("2026-10-06", "boris", "3h", "billable", nil, "Справочники"),
                          ("2026-10-07", "boris", "1h", "infra", nil, "Стенд и копия базы"),
                          ("2026-10-07", "boris", "5h", "billable", nil, "Загрузка заказов"),
                          ("2026-10-08", "boris", "7h", "billable", nil, "Статусы и оплаты"),
                          ("2026-10-09", "boris", "6h", "billable", nil, "Возвраты"),
                          ("2026-10-05", "nikolay", "1h", "help", "boris", "Ревью архитектуры по 20 минут"),
                          ("2026-10-19", "olga", "1h", "testing", nil, "Контрольный пример"),
                          ("2026-10-20", "boris", "30m", "billable", nil, "Исправления по контрольному примеру"),
                          ("2026-10-20", "boris", "30m", "our-fault", nil, "Ошибку нашёл клиент — бесплатно")],
                   moves: [("2026-10-05T09:30:00", "in-progress", "boris"), ("2026-10-09T18:00:00", "needs-testing", "boris"),
                           ("2026-10-19T09:00:00", "testing", "olga"), ("2026-10-20T17:00:00", "done", "olga")],
                   service: "Расширение «Маркетплейс», общий модуль ОбменМаркетплейсСервер; регламентное задание каждые 15 минут.",
                   test: ("Создать заказ на маркетплейсе, дождаться загрузки, проверить резерв.", "olga"),
                   messages: [("2026-10-05T09:00:00", "client", "Нужна интеграция с маркетплейсом, бюджет 30 часов.")]),
            Script(id: "VEC-2B6N", client: "vector", project: "erp", title: "Закрытие месяца: ошибка себестоимости", category: "incident",
                   priority: "urgent", channel: "chat", assignee: "alice", created: "2026-11-26T11:00:00", by: "irina",
                   estimate: "4h", approved: "4h", description: "Расчёт себестоимости падает с ошибкой.",
                   work: [("2026-11-26", "alice", "3h", "billable", nil, "Поиск причины в партиях"),
                          ("2026-11-27", "alice", "2h", "overrun", nil, "Сверх согласованной оценки")],
                   moves: [("2026-11-26T11:20:00", "in-progress", "alice"), ("2026-11-27T17:00:00", "needs-testing", "alice")],
                   service: nil, test: ("Закрыть октябрь на копии, сравнить себестоимость.", nil),
                   messages: [("2026-11-26T11:00:00", "client", "Срочно: не закрывается месяц!"),
                              ("2026-11-26T11:25:00", "alice", "Смотрим, отпишусь через час.")]),
            Script(id: "VEC-9T4C", client: "vector", project: "erp", title: "Права доступа для нового бухгалтера", category: "access",
                   priority: "low", channel: "email", assignee: "boris", created: "2026-11-27T16:40:00", by: "irina",
                   estimate: nil, approved: nil, description: "Завести пользователя, дать права бухгалтера.",
                   work: [], moves: [("2026-11-27T17:00:00", "accepted", "boris")], service: nil, test: nil, messages: []),
            Script(id: "NW-4X8K", client: "northwind", project: "crm", title: "Deals are not synced to 1C", category: "exchange",
                   priority: "high", channel: "email", assignee: "alice", created: "2026-10-14T13:00:00", by: "irina",
                   estimate: "5h", approved: "5h", description: "Won deals in the CRM do not create orders in 1C since Monday.",
                   work: [("2026-10-14", "alice", "2h", "billable", nil, "Found the expired API token"),
                          ("2026-10-15", "boris", "30m", "review", "alice", "Reviewed the token refresh"),
                          ("2026-10-15", "alice", "1h30m", "billable", nil, "Token refresh on schedule")],
                   moves: [("2026-10-14T13:30:00", "in-progress", "alice"), ("2026-10-15T15:00:00", "waiting-client", "alice"),
                           ("2026-10-20T10:00:00", "in-progress", "alice"), ("2026-10-21T12:00:00", "needs-testing", "alice"),
                           ("2026-10-21T15:00:00", "testing", "olga"), ("2026-10-22T11:00:00", "done", "olga")],
                   service: "The CRM token is refreshed by the scheduled job CRMTokenRefresh; secrets live in the constant CRMSecret.",
                   test: ("Win a test deal, wait 5 minutes, check the order in 1C.", "olga"),
                   messages: [("2026-10-14T13:00:00", "client", "Hi, deals stopped syncing on Monday."),
                              ("2026-10-15T15:05:00", "alice", "Please send us a new API token for the integration user."),
                              ("2026-10-20T09:40:00", "client", "Here you go, the token is in the vault.")]),
            Script(id: "NW-6G3V", client: "northwind", project: "crm", title: "Add the manager's phone to orders", category: "feature",
                   priority: "normal", channel: "email", assignee: "boris", created: "2026-11-10T10:00:00", by: "irina",
                   estimate: "3h", approved: nil, description: "Orders from the CRM should carry the manager's phone.",
                   work: [("2026-11-10", "boris", "1h", "billable", nil, "Mapped the field")],
                   moves: [("2026-11-10T11:00:00", "in-progress", "boris"), ("2026-11-11T10:00:00", "on-hold", "boris")],
                   service: nil, test: nil,
                   messages: [("2026-11-11T10:05:00", "boris", "On hold until your CRM upgrade next week.")]),
            Script(id: "NW-1W7Z", client: "northwind", project: "crm", title: "Duplicate request about invoices", category: "question",
                   priority: "low", channel: "email", assignee: "alice", created: "2026-11-12T09:00:00", by: "irina",
                   estimate: nil, approved: nil, description: "Same as NW-4X8K.", work: [],
                   moves: [("2026-11-12T09:30:00", "cancelled", "alice")], service: nil, test: nil, messages: []),
            Script(id: "ROM-5C2J", client: "romashka", project: "shop", title: "Новый способ доставки на сайте", category: "feature",
                   priority: "normal", channel: "email", assignee: "alice", created: "2026-11-28T09:10:00", by: "irina",
                   estimate: nil, approved: nil, description: "Добавить доставку СДЭК.", work: [], moves: [], service: nil,
                   test: nil, messages: [("2026-11-28T09:10:00", "client", "Хотим добавить доставку СДЭК.")]),
            Script(id: "ROM-4SPT", client: "romashka", project: "shop", title: "Консультации пользователей", category: "consulting",
                   priority: "normal", channel: "email", assignee: "alice", created: "2026-09-07T09:00:00", by: "irina",
                   estimate: nil, approved: nil, description: "Текущие вопросы пользователей по 1С и сайту.", work: [],
                   moves: [("2026-09-07T09:05:00", "in-progress", "alice")], service: nil, test: nil, messages: []),
            Script(id: "VEC-6CNS", client: "vector", project: "erp", title: "Консультации пользователей ERP", category: "consulting",
                   priority: "normal", channel: "email", assignee: "boris", created: "2026-09-07T09:00:00", by: "irina",
                   estimate: nil, approved: nil, description: "Текущие вопросы пользователей ERP.", work: [],
                   moves: [("2026-09-07T09:05:00", "in-progress", "boris")], service: nil, test: nil, messages: []),
        ]
        for script in scripts { add(script) }
        // The client disputes the returns work; the lead answers with `gitdesk audit`.
        let disputed = workIDs["Возвраты"]!
        append("2026-11-05T11:00:00", by: "nikolay", "vector: dispute ^\(disputed) opened", "disputes/vector.md",
               "- 2026-11-05 open \(disputed) Клиент считает, что возвраты заняли 4 часа, а не 6")
        // Background billable work through the quarter so the reports have something to show.
        let days = (Day("2026-09-07")!.ordinal...Day("2026-11-27")!.ordinal).map(Day.init(ordinal:)).filter { $0.weekday <= 5 }
        for day in days {
            for (login, ticket) in [("alice", "ROM-4SPT"), ("boris", "VEC-6CNS")] where Int.random(in: 0..<3, using: &generator) == 0 {
                let minutes = [30, 45, 60, 90, 120][Int.random(in: 0..<5, using: &generator)]
                let id = transactionID("w")
                let line = "- \(day) \(login) \(Duration(minutes: minutes)) billable Консультация пользователей ^\(id)"
                append("\(day)T18:30:00", by: login, "\(ticket): log \(Duration(minutes: minutes)) billable by \(login)",
                       "\(TicketID.folder(of: ticket))/work.md", line)
            }
        }
    }

    private mutating func add(_ s: Script) {
        let folder = TicketID.folder(of: s.id)
        var card = "---\ntitle: \(YAMLScalar.render(s.title))\nclient: \(s.client)\nproject: \(s.project)\nstatus: new\n"
        card += "priority: \(s.priority)\ncategory: \(s.category)\nchannel: \(s.channel)\n"
        if let estimate = s.estimate { card += "estimate: \(estimate)\n" }
        if let approved = s.approved { card += "approved: \(approved)\n" }
        card += "created: \(s.created)+03:00\n"
        if s.channel == "phone" { card += "confirmed: false\n" }
        card += "---\n\(s.description)\n"
        write(s.created, by: s.by, "\(s.id): new ticket for \(s.client): \(s.title)", "\(folder)/ticket.md", card)
        for (time, from, text) in s.messages {
            let stamp = time.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
            let author = from == "client" ? (s.client == "northwind" ? "John Smith" : "Иван Петров") : Self.people[from]!.name
            write(time, by: from == "client" ? "irina" : from, "\(s.id): message from \(from)", "\(folder)/messages/\(stamp)-\(from).md",
                  "---\nfrom: \(from)\nauthor: \(author)\nat: \(time)+03:00\nchannel: \(s.channel)\n---\n\(text)\n")
        }
        for (day, login, duration, kind, colleague, note) in s.work {
            let id = transactionID("w")
            workIDs[note] = id
            let line = "- \(day) \(login) \(duration) \(kind)\(colleague.map { " @\($0)" } ?? "") \(note) ^\(id)"
            append("\(day)T17:45:00", by: login, "\(s.id): log \(duration) \(kind) by \(login)", "\(folder)/work.md", line)
        }
        if let (steps, tester) = s.test, let firstMove = s.moves.first(where: { $0.1 == "needs-testing" }) ?? s.moves.last {
            let time = String(firstMove.0.dropLast(2)) + "00"
            write(time, by: s.assignee, "\(s.id): test case", "\(folder)/test.md", "---\nresult: pending\n---\n\(steps)\n")
            if let tester, let testing = s.moves.first(where: { $0.1 == "done" }) {
                write(testing.0, by: tester, "\(s.id): tested", "\(folder)/test.md",
                      "---\nresult: passed\ntester: \(tester)\n---\n\(steps)\n")
            }
        }
        if let service = s.service, let done = s.moves.first(where: { $0.1 == "done" }) {
            write(done.0, by: s.assignee, "\(s.id): service comment", "\(folder)/service.md", service + "\n")
        }
        var previous = "new"
        for (index, move) in s.moves.enumerated() {
            let (time, status, by) = move
            let assign = index == 0
            let from = previous
            on(time, by: by, "\(s.id): \(from) → \(status)") { files in
                var text = files["\(folder)/ticket.md"]!.replacingOccurrences(of: "status: \(from)\n", with: "status: \(status)\n")
                if assign { text = text.replacingOccurrences(of: "channel: ", with: "assignee: \(s.assignee)\nchannel: ") }
                files["\(folder)/ticket.md"] = text
                return ["\(folder)/ticket.md"]
            }
            previous = status
        }
    }

    // MARK: Money

    private mutating func ledger() {
        let lines: [(String, String, String, String, String)] = [
            ("2026-09-01", "romashka", "payment", "60000", "Предоплата сентябрь–ноябрь, счёт 101"),
            ("2026-09-02", "vector", "payment", "100000", "Оплата за сентябрь, счёт 102"),
            ("2026-09-05", "northwind", "payment", "45000", "Prepayment, invoice 103"),
            ("2026-10-01", "vector", "payment", "100000", "Оплата за октябрь, счёт 117"),
            ("2026-10-15", "romashka", "charge", "3500", "Лицензия на модуль обмена"),
            ("2026-10-30", "northwind", "credit", "1500", "Goodwill credit for the sync outage"),
            ("2026-11-02", "vector", "payment", "100000", "Оплата за ноябрь, счёт 131"),
            ("2026-11-05", "romashka", "payment", "40000", "Доплата, счёт 134"),
        ]
        for (day, client, kind, amount, note) in lines {
            let id = transactionID("p")
            append("\(day)T12:00:00", by: "nikolay", "\(client): \(kind) \(amount)", "ledger/\(client).md",
                   "- \(day) \(kind) \(amount) \(note) ^\(id)")
        }
    }
}
