import GitdeskCore

/// The command line's help: every command's abstract and every option's help, in the
/// run's language (help is made before any desk is read, so `Language.ofThisRun`: `--locale`,
/// `GITDESK_LOCALE`, else the `locale` of the desk in the folder). Examples stay as typed.
public enum Help: String, Phrase {
    case clientStaffLoginDefaultYou, clientsStatementPeriodOpeningBalance, dateYYYYMMDDCommit, month202611DefaultThis, monthDefaultThisMonthWeek, noteRecord
    case prioritySLAPoliciesNameLow, projectsWikiPagesEveryTicket, serviceDeskFirmsThatBill, tagRepeatable, actAtThisTime2026, addClientCardClientsSLUG
    case addMessageTicketsPublicConversation, addProjectProjectsSLUGProject, addStaffCardStaffLOGIN, addItThisTicketClient, addSendersAddressClientsCard, alsoAssignTicketThisLogin
    case isoWeek2026W48Default, mailAddressDomainIntakeRepeatable, applyOnlyThisProject, atMostThisManyResults, buildClientsReadOnlySites, changeTicketsStatusDesksWorkflow
    case chargeThisDurationInsteadCredit, checkWhatNextCommitHolds, clientBalancesPaymentsCreditsCharges, createNewDeskSettingsTemplates, dropChargeCreditWholeAmount, mailMatchedAgainstGitIdentity
    case deskLanguageOnInit, fillDeskRealisticSampleDesk, fullName, giveClientNewRandomSite, giveTransactionLinesWithoutID, groupPersonClientProjectKind, handMoneyAccountingToolsHledger
    case howLong45m2h1h20m, howManyMonthsChartsShow, howRequestCameEmailPhone, ingestChatExportTelegramDesktops, ingestEmlFileMaildirMbox, insteadMetBreachedFiguresTickets
    case internalCostPerHourNever, title, listClientsPrefixTodaysHour, listDisputedTransactionsWhereEach, listProjectsClientTitleWiki, listStaffNameMailRole
    case listTicketsFiltered, listWhatWaitsSenderSubject, logThisLoginDefaultStaff, logWorkTicketOneTransaction, manageClientsSiteTokenSecret, manageClientCards
    case manageProjects, manageStaffCards, mergeTransactionFileLinesIDs, messagesOneSenderCloserThan, oneClientDefaultAll, oneDayInsteadWeek
    case onlyDisputesStillOpen, onlyOpenTicketsNotDone, onlyPhoneTicketsClientHas, onlyThisClientsProjects, onlyThisClientsTickets, onlyThisClient
    case onlyThisPersonsReminders, onlyThisProjectsTickets, onlyThisProject, onlyThisTicket, onlyThisTransactionIDID, onlyTicketServiceWikiMessage
    case onlyTicketsAssignedThisLogin, onlyTicketsThisStatusRepeatable, onlyTransactionsFlagLateEdited, onlyTransactionsWorkedRecordedChanged, openNewTicketPhoneTicket, openNewTicketEDITORBefore
    case ourVersionResultWrittenHere, plannedEffort4h, printJSONInsteadText, csvForPrograms, readDeskThisCommit, recordClientsPaymentRaisesBalance, recordCreditClientRaisesBalance
    case recordDisputedTransactionSettlement, recordExtraChargeLowersBalance, recordClientsConfirmationTicketCreated, removeWaitingMessageSpamBounce, routeWaitingMessageClientNew, runOneGitHooksGitdesk
    case slaClocksOpenTicketsWorking, sealBillingPeriodAnnotatedTag, sealPeriodThatHasNot, sealOneClientOnlyDefault, searchTicketsServiceCommentsWikis, setClientsHourRateFrom
    case settleDisputeAcceptChargeWaive, showTicketCardMessagesWork, emlFileMaildirFolderMbox, slaPolicyName, amountMajorUnitsDecimalPoint, authorsNameClientsContact
    case billableDayNorm6h, budgetClientApproved6h, categorySLAPolicies, chargeStands, clientDisagreesTransaction, clientItBelongs
    case clientsFullName, clientsShortNameLowercaseUsed, client, colleagueHelpedReviewedLogin, commonAncestorsVersionO, conflictMarkerSizeL
    case dayDefaultToday, dayWorkWasDoneDefault, descriptionDefaultDesksTicketTemplate, desksFolderDefaultGITDESKDESK, disputeViewEveryTransactionCommit, exportFile
    case filesPathDeskP, financialPlanLoadPlanWeek, firstDayRateAppliesYYYY, folderDeskCreatedWhenMissing, folderWriteIndexHtmlInto, helpersWhatEachPersonShould
    case hourRateDefaultDesksRate, itemGitdeskTriageListsIt, kindWorkBillableHelpLearning, languageOutputRuEnDefault, leadsDashboardRateHoursPlan, leadsEconomicsEffectiveHourRate
    case loginLowercase, messageDefaultReadFromStandard, messagesWaitingPersonMailChat, monthPageAbout202611, newHourRate, newStatus
    case period202610, projectsShortNameLowercase, project, ticketIDPrefix210, ticketID, transactionIDID
    case theirVersionB, turnMailChatExportsInto, validateWholeDeskWorkingTree, whatGitPassesHookIgnored, whatAskedOneLine, whatItInvoiceNumber
    case whatClientSays, whatWasDone, whenItWasWrittenDefault, whenRequestArrivedDefaultNow, whereWriteFoldersDefaultSite, whoConfirmedClientsContact
    case whoWorksIt, whyItDropped, wordsAllMustMatchPhrase, writeNothingExit1When, emailPhoneChatPortal, engineerLeadIntakeTester
    case hledgerCsvJson, mdCsvJsonHtmlPdf, preCommitPostCommitPost, textMdJson, textMdJsonHtml
    case examples, rootNotes, dashboardNotes, hookNotes, mergeLinesNotes
    // What an example does, after it, and the words example commands type.
    case exampleTransactionHistory, exampleNumberNewLines, exampleShareSeal, exampleLastTwelveMonths, exampleSameNumbersJSON
    case exampleInstallsHooks, exampleWhatGitRunsBeforeCommit, exampleRegistersDriver, exampleRunsDriverPerLog, exampleSetUpClone
    case exampleMetAndBreached, exampleForBot, exampleExitWhenNotCurrent, exampleReplyText, exampleFixed, exampleDisputeReason
    case exampleFixedPriceSync, exampleShowedRules, exampleCalledAccountant, exampleInvoice119, examplePrepayment, exampleLicence, exampleGoodwill
    case exampleInvoiceNotPrinting, exampleAccountantCall, exampleImprovement, exampleRomashka, exampleVector, exampleShop, exampleAlice, exampleOlga
    case exampleMonthClosing, examplePriceSync, examplePrintPrefix, exampleSpam
    // Collecting the money.
    case issueActForMonth, issueInvoiceWithQR, mdJsonHtmlPdf, actForEveryClient, writeDocumentsIntoFolder, invoiceAmountOrHours, invoiceHoursAtRate
    case invoiceNextMonthPace, invoiceWhatFor, showIssuedNumber, ingestBankStatement1C, bankStatementFiles, listDebtorsAging, draftReminderMails, asOfDay
    case firmFullName, firmINN, firmKPP, firmOGRN, firmAddress, firmBank, firmBIK, firmAccount, firmCorrespondentAccount, firmSigner, firmSignerPosition, firmVAT, firmCompany, firmEmail
    case exampleSupportDecember
    case requisiteLegalName, requisiteINN, requisiteKPP, requisiteOGRN, requisiteAddress, requisiteContract, requisiteContractDate, requisiteSigner, requisiteSignerPosition

    public var pair: (ru: String, en: String) {
        switch self {
        case .clientStaffLoginDefaultYou: ("'client' или логин сотрудника (по умолчанию вы).", "'client' or a staff login (default: you).")
        case .clientsStatementPeriodOpeningBalance: ("Выписка клиента за период: входящий остаток, начисленная работа, платежи, исходящий остаток.", "A client's statement for a period: opening balance, charged work, payments, closing balance.")
        case .dateYYYYMMDDCommit: ("Дата (ГГГГ-ММ-ДД) или коммит (номер, тег, HEAD~3).", "A date (YYYY-MM-DD) or a commit (id, tag, HEAD~3).")
        case .month202611DefaultThis: ("Месяц (2026-11, по умолчанию текущий), неделя (2026-W48), день или С..ПО.", "A month (2026-11, the default is this month), a week (2026-W48), a day or FROM..TO.")
        case .monthDefaultThisMonthWeek: ("Месяц (по умолчанию текущий), неделя (2026-W48), день, С..ПО или год.", "A month (default: this month), a week (2026-W48), a day, FROM..TO or a year.")
        case .noteRecord: ("Примечание к записи.", "A note for the record.")
        case .prioritySLAPoliciesNameLow: ("Приоритет из политик SLA: low, normal, high, urgent.", "A priority the SLA policies name: low, normal, high, urgent.")
        case .projectsWikiPagesEveryTicket: ("Вики проекта: его страницы и все заявки со служебными комментариями, новые сверху.", "A project's wiki: its pages and every ticket with its service comment, newest first.")
        case .serviceDeskFirmsThatBill: ("Сервис-деск для фирм с почасовой оплатой, в виде простого текста в git.", "A service desk for firms that bill by the hour, kept as plain text in git.")
        case .tagRepeatable: ("Метка (можно несколько).", "A tag (repeatable).")
        case .actAtThisTime2026: ("Считать на этот момент, например 2026-11-27T18:00 (по умолчанию сейчас).", "Act as at this time, e.g. 2026-11-27T18:00 (default: now).")
        case .addClientCardClientsSLUG: ("Добавить карточку клиента (clients/SLUG.md).", "Add a client card (clients/SLUG.md).")
        case .addMessageTicketsPublicConversation: ("Добавить сообщение в открытую переписку по заявке.", "Add a message to a ticket's public conversation.")
        case .addProjectProjectsSLUGProject: ("Добавить проект (projects/SLUG/project.md).", "Add a project (projects/SLUG/project.md).")
        case .addStaffCardStaffLOGIN: ("Добавить карточку сотрудника (staff/LOGIN.md).", "Add a staff card (staff/LOGIN.md).")
        case .addItThisTicketClient: ("Добавить в эту заявку клиента, а не открывать новую.", "Add it to this ticket of the client instead of opening a new one.")
        case .addSendersAddressClientsCard: ("Добавить адрес отправителя в карточку клиента, чтобы следующие письма разбирались сами.", "Add the sender's address to the client's card, so their next mail is routed on its own.")
        case .alsoAssignTicketThisLogin: ("Заодно назначить заявку на этот логин.", "Also assign the ticket to this login.")
        case .isoWeek2026W48Default: ("Неделя ISO, например 2026-W48 (по умолчанию текущая).", "An ISO week, e.g. 2026-W48 (default: this week).")
        case .mailAddressDomainIntakeRepeatable: ("Адрес почты или @домен для приёма писем (можно несколько).", "An e-mail address or @domain for intake (repeatable).")
        case .applyOnlyThisProject: ("Только для этого проекта.", "Apply only to this project.")
        case .atMostThisManyResults: ("Не больше стольких результатов.", "At most this many results.")
        case .buildClientsReadOnlySites: ("Собрать сайты клиентов только для чтения: по самодостаточной папке на клиента.", "Build the clients' read-only sites: one self-contained folder per client.")
        case .changeTicketsStatusDesksWorkflow: ("Сменить статус заявки; действуют правила процесса и тестирования деска.", "Change a ticket's status; the desk's workflow and testing rules apply.")
        case .chargeThisDurationInsteadCredit: ("Начислить эту длительность вместо прежней: разницу вернуть.", "Charge this duration instead: credit the difference.")
        case .checkWhatNextCommitHolds: ("Проверить содержимое следующего коммита (в хуке git — коммитящийся индекс), а не рабочую копию.", "Check what the next commit holds (in a git hook: the index git is committing) instead of the working tree.")
        case .clientBalancesPaymentsCreditsCharges: ("Балансы клиентов: платежи + возвраты − начисления − оплачиваемая работа, на любую дату или коммит.", "Client balances: payments + credits − charges − billable work, at any date or commit.")
        case .createNewDeskSettingsTemplates: ("Создать новый деск: настройки, шаблоны, .gitattributes и хук pre-commit.", "Create a new desk: settings, templates, .gitattributes and the pre-commit hook.")
        case .dropChargeCreditWholeAmount: ("Снять начисление: вернуть всю сумму.", "Drop the charge: credit its whole amount.")
        case .mailMatchedAgainstGitIdentity: ("Почта (сверяется с именем в git).", "E-mail (matched against the git identity).")
        case .deskLanguageOnInit: ("Язык нового деска (locale в gitdesk.yml): ru или en (по умолчанию $GITDESK_LOCALE, иначе ru).", "The new desk's language (locale in gitdesk.yml): ru or en (default: $GITDESK_LOCALE, else ru).")
        case .fillDeskRealisticSampleDesk: ("Наполнить деск правдоподобным примером с историей за три месяца.", "Fill the desk with a realistic sample desk with three months of history.")
        case .fullName: ("Полное имя.", "Full name.")
        case .giveClientNewRandomSite: ("Выдать клиенту новый случайный токен сайта; следующий 'gitdesk site' удалит старую папку.", "Give a client a new random site token; the next 'gitdesk site' removes the old folder.")
        case .giveTransactionLinesWithoutID: ("Дать строкам проводок без ^ID новый номер; больше ничего не менять.", "Give transaction lines without a ^ID a new one; change nothing else.")
        case .groupPersonClientProjectKind: ("Группировать по сотруднику, клиенту, проекту, виду, заявке или дню.", "Group by person, client, project, kind, ticket or day.")
        case .handMoneyAccountingToolsHledger: ("Передать деньги в учётные программы: журнал hledger, CSV или JSON.", "Hand the money to accounting tools: an hledger journal, CSV or JSON.")
        case .howLong45m2h1h20m: ("Сколько: 45m, 2h, 1h20m, 1.5h.", "How long: 45m, 2h, 1h20m, 1.5h.")
        case .howManyMonthsChartsShow: ("Сколько месяцев показывают графики, по --period включительно (1–60).", "How many months the charts show, ending with --period (1–60).")
        case .howRequestCameEmailPhone: ("Откуда пришёл запрос: email, phone, chat, portal, …", "How the request came: email, phone, chat, portal, …")
        case .ingestChatExportTelegramDesktops: ("Принять выгрузку чата: result.json из Telegram Desktop или JSON чата gitdesk.", "Ingest a chat export: Telegram Desktop's result.json or gitdesk's chat JSON.")
        case .ingestEmlFileMaildirMbox: ("Принять файл .eml, папку maildir или файл mbox.", "Ingest an .eml file, a maildir or an mbox file.")
        case .insteadMetBreachedFiguresTickets: ("Вместо этого: выполненные и нарушенные сроки по заявкам, созданным в этом периоде.", "Instead: met and breached figures for tickets created in this period.")
        case .internalCostPerHourNever: ("Внутренняя стоимость часа (клиентам не показывается).", "Internal cost per hour (never shown to clients).")
        case .title: ("Её заголовок.", "Its title.")
        case .listClientsPrefixTodaysHour: ("Список клиентов: префикс, ставка на сегодня, политика SLA и адреса приёма.", "List the clients: prefix, today's hour rate, SLA policy and intake addresses.")
        case .listDisputedTransactionsWhereEach: ("Список оспоренных проводок и их состояние (открыт спор или чем решён).", "List the disputed transactions and where each stands (open, or how it was resolved).")
        case .listProjectsClientTitleWiki: ("Список проектов: клиент, название и страницы вики.", "List the projects: client, title and wiki pages.")
        case .listStaffNameMailRole: ("Список сотрудников: имя, почта, роль и норма оплачиваемого дня.", "List the staff: name, e-mail, role and billable-day norm.")
        case .listTicketsFiltered: ("Список заявок с фильтрами.", "List tickets, filtered.")
        case .listWhatWaitsSenderSubject: ("Что ждёт разбора: отправитель, тема, дата и причина.", "List what waits: sender, subject, date and why.")
        case .logThisLoginDefaultStaff: ("Записать от этого логина (по умолчанию — карточка с вашей почтой из git).", "Log as this login (default: the staff card with your git e-mail).")
        case .logWorkTicketOneTransaction: ("Записать работу по заявке: одна проводка в её work.md.", "Log work on a ticket: one transaction in its work.md.")
        case .manageClientsSiteTokenSecret: ("Токен сайта клиента (секретная часть имени папки его сайта).", "Manage a client's site token (the secret part of its site folder's name).")
        case .manageClientCards: ("Карточки клиентов.", "Manage client cards.")
        case .manageProjects: ("Проекты.", "Manage projects.")
        case .manageStaffCards: ("Карточки сотрудников.", "Manage staff cards.")
        case .mergeTransactionFileLinesIDs: ("Слить файл проводок по номерам строк (git вызывает это как драйвер слияния).", "Merge a transaction file by its lines' IDs (git runs this as the merge driver).")
        case .messagesOneSenderCloserThan: ("Сообщения одного отправителя с меньшим промежутком — один запрос.", "Messages of one sender closer than this belong to one request.")
        case .oneClientDefaultAll: ("Один клиент (по умолчанию все).", "One client (default: all).")
        case .oneDayInsteadWeek: ("Один день вместо недели.", "One day instead of a week.")
        case .onlyDisputesStillOpen: ("Только открытые споры.", "Only disputes still open.")
        case .onlyOpenTicketsNotDone: ("Только открытые заявки (не done, closed и cancelled).", "Only open tickets (not done, closed or cancelled).")
        case .onlyPhoneTicketsClientHas: ("Только телефонные заявки, ещё не подтверждённые клиентом.", "Only phone tickets the client has not confirmed yet.")
        case .onlyThisClientsProjects: ("Только проекты этого клиента.", "Only this client's projects.")
        case .onlyThisClientsTickets: ("Только заявки этого клиента.", "Only this client's tickets.")
        case .onlyThisClient: ("Только этот клиент.", "Only this client.")
        case .onlyThisPersonsReminders: ("Только напоминания этого человека.", "Only this person's reminders.")
        case .onlyThisProjectsTickets: ("Только заявки этого проекта.", "Only this project's tickets.")
        case .onlyThisProject: ("Только этот проект.", "Only this project.")
        case .onlyThisTicket: ("Только эта заявка.", "Only this ticket.")
        case .onlyThisTransactionIDID: ("Только эта проводка (^ID или ID).", "Only this transaction (^ID or ID).")
        case .onlyTicketServiceWikiMessage: ("Только ticket, service, wiki, message или work (записи работ, которые видит клиент); можно несколько.", "Only ticket, service, wiki, message or work (the work notes the client sees); repeatable.")
        case .onlyTicketsAssignedThisLogin: ("Только заявки, назначенные на этот логин.", "Only tickets assigned to this login.")
        case .onlyTicketsThisStatusRepeatable: ("Только заявки в этом статусе (можно несколько).", "Only tickets in this status (repeatable).")
        case .onlyTransactionsFlagLateEdited: ("Только проводки с пометкой (late, edited, deleted, disputed, …).", "Only transactions with a flag (late, edited, deleted, disputed, …).")
        case .onlyTransactionsWorkedRecordedChanged: ("Только проводки, сделанные, записанные или изменённые в этом периоде.", "Only transactions worked, recorded or changed in this period.")
        case .openNewTicketPhoneTicket: ("Открыть новую заявку; заявка по телефону ждёт подтверждения клиента.", "Open a new ticket; a phone ticket waits for the client's confirmation.")
        case .openNewTicketEDITORBefore: ("Открыть новую заявку в $EDITOR перед коммитом.", "Open the new ticket in $EDITOR before committing it.")
        case .ourVersionResultWrittenHere: ("Наша версия (%A); сюда пишется результат.", "Our version (%A); the result is written here.")
        case .plannedEffort4h: ("Плановая трудоёмкость, например 4h.", "Planned effort, e.g. 4h.")
        case .printJSONInsteadText: ("Выводить JSON вместо текста.", "Print JSON instead of text.")
        case .csvForPrograms: ("CSV для программ: «,», десятичная точка, без BOM (без флага — для таблиц на языке вывода: в русском «;», десятичная запятая и BOM).",
                               "CSV for programs: ',', a decimal point, no BOM (without it, for a spreadsheet in the output's language: in Russian ';', a decimal comma and a BOM).")
        case .readDeskThisCommit: ("Читать деск на этот коммит.", "Read the desk as of this commit.")
        case .recordClientsPaymentRaisesBalance: ("Записать платёж клиента (увеличивает баланс).", "Record a client's payment (raises the balance).")
        case .recordCreditClientRaisesBalance: ("Записать возврат клиенту (увеличивает баланс).", "Record a credit to the client (raises the balance).")
        case .recordDisputedTransactionSettlement: ("Записать оспоренную проводку и её урегулирование.", "Record a disputed transaction and its settlement.")
        case .recordExtraChargeLowersBalance: ("Записать дополнительное начисление (уменьшает баланс).", "Record an extra charge (lowers the balance).")
        case .recordClientsConfirmationTicketCreated: ("Записать подтверждение клиентом заявки, созданной от его имени (по телефону).", "Record the client's confirmation of a ticket created on their behalf (phone).")
        case .removeWaitingMessageSpamBounce: ("Убрать ждущее сообщение (спам, возврат); причина остаётся в коммите.", "Remove a waiting message (spam, a bounce); the reason is kept in the commit.")
        case .routeWaitingMessageClientNew: ("Передать ждущее сообщение клиенту: новой заявкой или сообщением в --ticket.", "Route a waiting message to a client: a new ticket, or a message on --ticket.")
        case .runOneGitHooksGitdesk: ("Выполнить один из хуков git, которые ставит gitdesk (pre-commit, post-commit, post-merge, post-rewrite).", "Run one of the git hooks gitdesk installs (pre-commit, post-commit, post-merge, post-rewrite).")
        case .slaClocksOpenTicketsWorking: ("Часы SLA открытых заявок по рабочему времени; код выхода 1, если есть просрочка.", "SLA clocks of open tickets by working time; exit 1 when one is overdue.")
        case .sealBillingPeriodAnnotatedTag: ("Закрыть расчётный период: аннотированный тег с исходящим остатком и хешем выписки каждого клиента, запись в audit/seals.md.", "Seal a billing period: an annotated tag with each client's closing balance and statement digest, recorded in audit/seals.md.")
        case .sealPeriodThatHasNot: ("Закрыть ещё не закончившийся период (его более поздняя работа будет отклоняться).", "Seal a period that has not ended yet (its later work is then refused).")
        case .sealOneClientOnlyDefault: ("Закрыть только одного клиента (по умолчанию всех).", "Seal one client only (default: all).")
        case .searchTicketsServiceCommentsWikis: ("Искать в заявках, служебных комментариях, вики и сообщениях (русская и английская морфология).", "Search tickets, service comments, wikis and messages (Russian and English morphology).")
        case .setClientsHourRateFrom: ("Задать ставку клиента с даты; более ранняя работа остаётся по старой ставке.", "Set a client's hour rate from a date on; earlier work keeps its old rate.")
        case .settleDisputeAcceptChargeWaive: ("Урегулировать спор: оставить начисление, снять его или исправить длительность (с возвратом разницы).", "Settle a dispute: accept the charge, waive it, or adjust it to a new duration (with a matching credit).")
        case .showTicketCardMessagesWork: ("Показать заявку: карточку, сообщения, работу с итогами и историю статусов.", "Show a ticket: its card, messages, work with totals and status history.")
        case .emlFileMaildirFolderMbox: ("Файл .eml, папка maildir или файл mbox.", "The .eml file, maildir folder or mbox file.")
        case .slaPolicyName: ("Название политики SLA.", "The SLA policy name.")
        case .amountMajorUnitsDecimalPoint: ("Сумма в рублях (десятичная точка '.'), например 180000 или 1500.50.", "The amount in major units ('.' decimal point), e.g. 180000 or 1500.50.")
        case .authorsNameClientsContact: ("Имя автора, например контактного лица клиента.", "The author's name, e.g. the client's contact.")
        case .billableDayNorm6h: ("Норма оплачиваемого дня, например 6h.", "The billable-day norm, e.g. 6h.")
        case .budgetClientApproved6h: ("Бюджет, одобренный клиентом, например 6h.", "The budget the client approved, e.g. 6h.")
        case .categorySLAPolicies: ("Категория (для политик SLA).", "The category (for SLA policies).")
        case .chargeStands: ("Начисление остаётся.", "The charge stands.")
        case .clientDisagreesTransaction: ("Клиент не согласен с проводкой.", "The client disagrees with a transaction.")
        case .clientItBelongs: ("Клиент, которому он принадлежит.", "The client it belongs to.")
        case .clientsFullName: ("Полное название клиента.", "The client's full name.")
        case .clientsShortNameLowercaseUsed: ("Короткое имя клиента (строчными, для путей и команд).", "The client's short name (lowercase, used in paths and commands).")
        case .client: ("Клиент.", "The client.")
        case .colleagueHelpedReviewedLogin: ("Коллега, который помог или проверил (@логин).", "The colleague helped or reviewed (@login).")
        case .commonAncestorsVersionO: ("Версия общего предка (%O).", "The common ancestor's version (%O).")
        case .conflictMarkerSizeL: ("Длина маркеров конфликта (%L).", "The conflict marker size (%L).")
        case .dayDefaultToday: ("День (по умолчанию сегодня).", "The day (default: today).")
        case .dayWorkWasDoneDefault: ("День работы (по умолчанию сегодня).", "The day the work was done (default: today).")
        case .descriptionDefaultDesksTicketTemplate: ("Описание (по умолчанию шаблон заявки деска).", "The description (default: the desk's ticket template).")
        case .desksFolderDefaultGITDESKDESK: ("Папка деска (по умолчанию $GITDESK_DESK, иначе текущая папка).", "The desk's folder (default: $GITDESK_DESK, else the current folder).")
        case .disputeViewEveryTransactionCommit: ("Вид для споров: каждая проводка с коммитом, который её записал, поздние правки, удаления, споры и печати.", "The dispute view: every transaction with the commit that recorded it, later edits, deletions, disputes and seals.")
        case .exportFile: ("Файл выгрузки.", "The export file.")
        case .filesPathDeskP: ("Путь файла в деске (%P).", "The file's path in the desk (%P).")
        case .financialPlanLoadPlanWeek: ("Финансовый план и план загрузки на неделю или день.", "The financial plan and the load plan for a week or a day.")
        case .firstDayRateAppliesYYYY: ("Первый день действия ставки (ГГГГ-ММ-ДД).", "The first day the rate applies (YYYY-MM-DD).")
        case .folderDeskCreatedWhenMissing: ("Папка для деска (создаётся, если её нет; по умолчанию текущая).", "The folder for the desk (created when missing; default: the current folder).")
        case .folderWriteIndexHtmlInto: ("Папка для index.html (по умолчанию dashboard/ в деске; с --json — только если указана).", "The folder to write index.html into (default: dashboard/ in the desk; with --json only when given).")
        case .helpersWhatEachPersonShould: ("Помощники: что каждому сделать сейчас; код выхода 1, если что-то подошло (для cron).", "The helpers: what each person should do now; exit 1 when something is due (for cron).")
        case .hourRateDefaultDesksRate: ("Ставка за час (по умолчанию ставка деска).", "The hour rate (default: the desk's rate).")
        case .itemGitdeskTriageListsIt: ("Элемент (как его перечисляет 'gitdesk triage').", "The item (as 'gitdesk triage' lists it).")
        case .kindWorkBillableHelpLearning: ("Вид работы (billable, help, learning, …).", "The kind of work (billable, help, learning, …).")
        case .languageOutputRuEnDefault: ("Язык вывода: ru или en (по умолчанию $GITDESK_LOCALE, иначе locale деска).", "The language of the output: ru or en (default: $GITDESK_LOCALE, else the desk's locale).")
        case .leadsDashboardRateHoursPlan: ("Панель руководителя: ставка, часы, план, люди, загрузка, деньги и SLA по месяцам на одной статической странице.", "The lead's dashboard: rate, hours, plan, people, load, cash and SLA over the months, as one static page.")
        case .leadsEconomicsEffectiveHourRate: ("Экономика руководителя: эффективная ставка, потери, план и факт, куда утекают часы.", "The lead's economics: effective hour rate, loss, plan vs fact, where hours leak.")
        case .loginLowercase: ("Логин (строчными).", "The login (lowercase).")
        case .messageDefaultReadFromStandard: ("Сообщение (по умолчанию читается со стандартного ввода).", "The message (default: read from standard input).")
        case .messagesWaitingPersonMailChat: ("Сообщения, ждущие человека: почта и чаты от отправителей, которых нет в карточках клиентов.", "The messages waiting for a person: mail and chat from senders no client card names.")
        case .monthPageAbout202611: ("Месяц страницы, например 2026-11 (по умолчанию текущий).", "The month the page is about, e.g. 2026-11 (default: this month).")
        case .newHourRate: ("Новая ставка за час.", "The new hour rate.")
        case .newStatus: ("Новый статус.", "The new status.")
        case .period202610: ("Период, например 2026-10.", "The period, e.g. 2026-10.")
        case .projectsShortNameLowercase: ("Короткое имя проекта (строчными).", "The project's short name (lowercase).")
        case .project: ("Проект.", "The project.")
        case .ticketIDPrefix210: ("Префикс номеров заявок (2–10 заглавных латинских букв или цифр).", "The ticket ID prefix (2–10 capital letters or digits).")
        case .ticketID: ("Номер заявки.", "The ticket ID.")
        case .transactionIDID: ("Проводка (^ID или ID).", "The transaction (^ID or ID).")
        case .theirVersionB: ("Их версия (%B).", "Their version (%B).")
        case .turnMailChatExportsInto: ("Превратить почту и выгрузки чатов в заявки и сообщения (один коммит за запуск).", "Turn e-mail and chat exports into tickets and messages (one commit per run).")
        case .validateWholeDeskWorkingTree: ("Проверить весь деск (рабочую копию или подготовленное к коммиту); код выхода 1 при замечаниях.", "Validate the whole desk (the working tree, or what is staged); exit 1 on findings.")
        case .whatGitPassesHookIgnored: ("То, что git передаёт хуку (не используется).", "What git passes the hook (ignored).")
        case .whatAskedOneLine: ("Суть запроса одной строкой.", "What is asked, in one line.")
        case .whatItInvoiceNumber: ("За что, например номер счёта.", "What it is for, e.g. the invoice number.")
        case .whatClientSays: ("Что говорит клиент.", "What the client says.")
        case .whatWasDone: ("Что сделано.", "What was done.")
        case .whenItWasWrittenDefault: ("Когда написано (по умолчанию сейчас).", "When it was written (default: now).")
        case .whenRequestArrivedDefaultNow: ("Когда пришёл запрос (по умолчанию сейчас).", "When the request arrived (default: now).")
        case .whereWriteFoldersDefaultSite: ("Куда писать папки (по умолчанию site/ в деске).", "Where to write the folders (default: site/ in the desk).")
        case .whoConfirmedClientsContact: ("Кто подтвердил, например контактное лицо клиента.", "Who confirmed, e.g. the client's contact.")
        case .whoWorksIt: ("Кто над ней работает.", "Who works on it.")
        case .whyItDropped: ("Почему убирается.", "Why it is dropped.")
        case .wordsAllMustMatchPhrase: ("Слова (все должны найтись), \"фраза\" или префикс*.", "Words (all must match), \"a phrase\", or a prefix*.")
        case .writeNothingExit1When: ("Ничего не писать; код выхода 1, если папка устарела.", "Write nothing; exit 1 when a folder is not current.")
        case .emailPhoneChatPortal: ("email, phone, chat, portal, …", "email, phone, chat, portal, …")
        case .engineerLeadIntakeTester: ("engineer, lead, intake или tester.", "engineer, lead, intake or tester.")
        case .hledgerCsvJson: ("hledger, csv или json.", "hledger, csv or json.")
        case .mdCsvJsonHtmlPdf: ("md, csv, json, html или pdf (акт для печати через headless Chromium; на стандартный вывод).", "md, csv, json, html or pdf (the printable act, through headless Chromium; to standard output).")
        case .preCommitPostCommitPost: ("pre-commit, post-commit, post-merge или post-rewrite.", "pre-commit, post-commit, post-merge or post-rewrite.")
        case .textMdJson: ("text, md или json.", "text, md or json.")
        case .textMdJsonHtml: ("text, md, json или html.", "text, md, json or html.")
        case .examples: ("Примеры:", "Examples:")
        case .exampleTransactionHistory: ("история проводки", "the transaction's history")
        case .exampleNumberNewLines: ("дать новым строкам проводок их ^ID", "give new transaction lines their ^ID")
        case .exampleShareSeal: ("поделиться печатью", "share the seal")
        case .exampleLastTwelveMonths: ("этот месяц и одиннадцать до него", "this month and the eleven before it")
        case .exampleSameNumbersJSON: ("те же числа в JSON", "the same numbers as JSON")
        case .exampleInstallsHooks: ("ставит хуки в этот клон", "installs the hooks in this clone")
        case .exampleWhatGitRunsBeforeCommit: ("что git запускает перед 'git commit -am ...'", "what git runs before 'git commit -am ...'")
        case .exampleRegistersDriver: ("регистрирует драйвер в .git/config этого клона", "registers the driver in this clone's .git/config")
        case .exampleRunsDriverPerLog: ("запускает 'gitdesk merge-lines %O %A %B %L %P' для каждого журнала работ", "runs 'gitdesk merge-lines %O %A %B %L %P' per work log")
        case .exampleSetUpClone: ("в клоне: поставить хуки и драйвер слияния", "in a clone: set up its hooks and merge driver")
        case .exampleMetAndBreached: ("сколько сроков соблюдено и нарушено", "met and breached figures")
        case .exampleForBot: ("для бота", "for a bot")
        case .exampleExitWhenNotCurrent: ("код 1, если папка устарела", "exit 1 when a folder is not current")
        case .exampleReplyText: ("Исправили, проверьте, пожалуйста.", "Fixed it, please check.")
        case .exampleFixed: ("Исправлено", "Fixed")
        case .exampleDisputeReason: ("Звонок длился 1 час", "The call took 1 hour")
        case .exampleFixedPriceSync: ("Исправил синхронизацию цен", "Fixed the price sync")
        case .exampleShowedRules: ("Показал, где лежат правила", "Showed where the rules live")
        case .exampleCalledAccountant: ("Созвонился с бухгалтером", "Called the accountant")
        case .exampleInvoice119: ("Счёт 119", "Invoice 119")
        case .examplePrepayment: ("Предоплата, счёт 118", "Prepayment, invoice 118")
        case .exampleLicence: ("Лицензия на модуль обмена", "Licence for the exchange module")
        case .exampleGoodwill: ("Компенсация за простой", "Goodwill for the outage")
        case .exampleInvoiceNotPrinting: ("Не печатается счёт", "The invoice does not print")
        case .exampleAccountantCall: ("Звонок бухгалтера", "The accountant's call")
        case .exampleImprovement: ("Доработка", "An improvement")
        case .exampleRomashka: ("ООО «Ромашка»", "Romashka LLC")
        case .exampleVector: ("ТД «Вектор»", "Vector Trading")
        case .exampleShop: ("Интернет-магазин", "Online shop")
        case .exampleAlice: ("Алиса", "Alice")
        case .exampleOlga: ("Ольга", "Olga")
        case .exampleMonthClosing: ("закрытие месяца", "month closing")
        case .examplePriceSync: ("синхронизация цен", "price sync")
        case .examplePrintPrefix: ("печат*", "print*")
        case .exampleSpam: ("спам", "spam")
        case .rootNotes:
            ("Деск — текущая папка, --desk ПАПКА или $GITDESK_DESK; вывод на языке деска (locale), --locale ru|en или $GITDESK_LOCALE. "
             + "Цвет на терминале, если не задан NO_COLOR; длинный вывод идёт через $GITDESK_PAGER или $PAGER (less).", """
             The desk is the current folder, --desk DIR or $GITDESK_DESK; output is in the desk's
             locale, --locale ru|en or $GITDESK_LOCALE. Colour on a terminal unless NO_COLOR is set;
             long output goes through $GITDESK_PAGER or $PAGER (less).
             """)
        case .dashboardNotes:
            ("Пишет ПАПКА/index.html (по умолчанию dashboard/ в деске, её git не видит): встроенные графики SVG с числами рядом, без скриптов и сети, "
             + "поэтому страница открывается из file://. Каждое число — то же, что дают report, plan, balance и sla за тот же период.", """
             Writes DIR/index.html (default: dashboard/ in the desk, which git ignores): inline SVG charts with their numbers beside them, no script and no network, so it
             opens from file://. Every figure is what report, plan, balance and sla give for the same period.
             """)
        case .hookNotes:
            ("pre-commit проверяет то, что коммитится, и нумерует в нём новые строки работ и книги; post-commit прибирает индекс "
             + "после 'git commit ПУТЬ'; post-merge и post-rewrite проверяют деск после слияния или rebase и говорят, что исправить.", """
             pre-commit checks what is being committed and numbers new work and ledger lines in it;
             post-commit tidies the index after 'git commit PATH'; post-merge and post-rewrite check
             the desk a merge or a rebase made and say what to fix.
             """)
        case .mergeLinesNotes:
            ("Строки, добавленные с обеих сторон, остаются; строка, изменённая с одной стороны, берёт изменение; один ^ID, изменённый "
             + "по-разному с двух сторон или изменённый с одной и удалённый с другой, — конфликт, записанный маркерами git, и код выхода 1.", """
             Lines added on both sides are kept; a line changed on one side takes the change; the
             same ^ID changed differently on both sides, or changed on one and deleted on the other,
             is a conflict written with git's markers, and the exit status is 1.
             """)
        case .issueActForMonth: ("Акт оказанных услуг клиенту за месяц: номер по порядку в году выставляется один раз и записывается в деск.", "The act of services rendered for a client's month: its number, one sequence per year, is issued once and recorded in the desk.")
        case .issueInvoiceWithQR: ("Счёт на оплату с платёжным QR-кодом (ГОСТ Р 56042-2014): номер записывается в деск, по нему узнаётся оплата.", "An invoice with the payment QR code (GOST R 56042-2014): its number is recorded in the desk and is what a payment is matched by.")
        case .mdJsonHtmlPdf: ("md, json, html или pdf (через headless Chromium; на стандартный вывод).", "md, json, html or pdf (through headless Chromium; to standard output).")
        case .actForEveryClient: ("Акты всем клиентам с работой или начислениями за период.", "Acts for every client with work or charges in the period.")
        case .writeDocumentsIntoFolder: ("Записать документы файлами в эту папку (НОМЕР-клиент.формат).", "Write the documents as files into this folder (NUMBER-client.format).")
        case .invoiceAmountOrHours: ("Сумма в рублях (точка — десятичный разделитель).", "The amount in major units (a point for decimals).")
        case .invoiceHoursAtRate: ("Счёт на столько часов по ставке клиента (10h, 7h30m).", "Invoice this many hours at the client's rate (10h, 7h30m).")
        case .invoiceNextMonthPace: ("Счёт на следующий месяц по темпу клиента (средний расход в месяц).", "Invoice the next month at the client's pace (the average charged per month).")
        case .invoiceWhatFor: ("За что счёт (попадает в назначение платежа).", "What the invoice is for (goes into the payment's purpose).")
        case .showIssuedNumber: ("Показать уже выставленный документ с этим номером.", "Show the document already issued under this number.")
        case .ingestBankStatement1C: ("Выписка банка в формате 1CClientBankExchange: входящие платежи клиентов — в их книги, остальное — в разбор.", "A bank statement in the 1CClientBankExchange format: clients' incoming payments go to their ledgers, the rest to triage.")
        case .bankStatementFiles: ("Файлы выписки (кодировка Windows, DOS или UTF-8).", "Statement files (Windows, DOS or UTF-8 encoding).")
        case .listDebtorsAging: ("Должники: отрицательный баланс, с какого дня, последняя оплата, неоплаченные счета.", "Debtors: who is below zero, since when, their last payment and open invoices.")
        case .draftReminderMails: ("Написать каждому должнику письмо-напоминание (.eml с актом и счётом) в папку --out.", "Write each debtor a reminder mail (.eml with the act and invoice) into the --out folder.")
        case .asOfDay: ("На этот день (ГГГГ-ММ-ДД, по умолчанию сегодня).", "As of this day (YYYY-MM-DD, the default is today).")
        case .firmFullName: ("Полное наименование фирмы для документов.", "The firm's full legal name for documents.")
        case .firmINN: ("ИНН фирмы.", "The firm's INN.")
        case .firmKPP: ("КПП фирмы.", "The firm's KPP.")
        case .firmOGRN: ("ОГРН или ОГРНИП фирмы.", "The firm's OGRN or OGRNIP.")
        case .firmAddress: ("Юридический адрес фирмы.", "The firm's registered address.")
        case .firmBank: ("Банк фирмы.", "The firm's bank.")
        case .firmBIK: ("БИК банка фирмы.", "The BIC of the firm's bank.")
        case .firmAccount: ("Расчётный счёт фирмы.", "The firm's settlement account.")
        case .firmCorrespondentAccount: ("Корреспондентский счёт банка.", "The bank's correspondent account.")
        case .firmSigner: ("Кто подписывает акты и счета (Фамилия И. О.).", "Who signs acts and invoices.")
        case .firmSignerPosition: ("Должность подписывающего.", "The signer's position.")
        case .firmVAT: ("НДС: none (УСН) или ставка, например 20%.", "VAT: none (simplified system) or a rate such as 20%.")
        case .firmCompany: ("Короткое название фирмы на сайтах клиентов.", "The firm's short name on the clients' sites.")
        case .firmEmail: ("Почта, куда пишут клиенты.", "Where clients write.")
        case .requisiteLegalName: ("Полное наименование клиента для актов и счетов.", "The client's full legal name for acts and invoices.")
        case .requisiteINN: ("ИНН клиента (проверяется контрольное число).", "The client's INN (its check digits are verified).")
        case .requisiteKPP: ("КПП клиента.", "The client's KPP.")
        case .requisiteOGRN: ("ОГРН или ОГРНИП клиента.", "The client's OGRN or OGRNIP.")
        case .requisiteAddress: ("Адрес клиента.", "The client's address.")
        case .requisiteContract: ("Номер договора с клиентом.", "The number of the contract with the client.")
        case .requisiteContractDate: ("Дата договора (ГГГГ-ММ-ДД).", "The contract's date (YYYY-MM-DD).")
        case .requisiteSigner: ("Кто подписывает акты со стороны клиента.", "Who signs acts for the client.")
        case .requisiteSignerPosition: ("Должность подписывающего со стороны клиента.", "The client signer's position.")
        case .exampleSupportDecember: ("\"Поддержка 1С, декабрь 2026\"", "\"1C support, December 2026\"")
        }
    }

    /// The help in this run's language.
    public var text: String { Language.ofThisRun == .ru ? pair.ru : pair.en }
}

extension Help {
    /// The examples of a command's help: a heading, then each command line with what it
    /// does, in the run's language, the notes in one column.
    public static func examples(_ lines: [(command: String, note: Help?)]) -> String {
        let width = lines.filter { $0.note != nil }.map(\.command.count).max() ?? 0
        return Help.examples.text + lines.map { command, note in
            "\n  " + (note.map { command.padding(toLength: width, withPad: " ", startingAt: 0) + "   (" + $0.text + ")" } ?? command)
        }.joined()
    }
}
