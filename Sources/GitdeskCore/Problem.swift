import GitdeskICal

/// The catalogue of every error, finding, warning and progress line gitdesk reports, and of
/// the few sentences intake writes into a desk, in every language it speaks (the words of
/// tables and reports are `Words`' catalogues). Each case is one sentence; its arguments are
/// the values it names. The exhaustive
/// `switch` in `text` gives every case both texts, so a missing translation does not compile.
/// Hints follow `hinted(_:_:hint:)`: on a line of their own, they name the command that helps.

public enum Problem: Sendable, CustomStringConvertible {
    // MARK: Labels
    case errorLabel, hintLabel, helpHint, fixTheLinesHint
    /// Another part's message (a library's, the operating system's), passed on as it is.
    case verbatim(String)

    // MARK: Reading files
    case notADesk
    case holidaysFileOutside(path: String), holidaysFileUnreadable, productionCalendar
    case unexpectedFile, unexpectedTicketFile
    case fileTooLarge(bytes: Int, limit: Int), binaryContent, invalidUTF8, loneCarriageReturn
    case clientFileName(String), clientPrefix, ratePositive, ratesList, rateSince, rateAmount, localeValue
    case loginName(String), role(valid: [String]), capacityDuration, costAmount, absenceDates
    case projectFolderName(String), projectWithoutCard
    case ticketFolderName(String), ticketFolderPlace(id: String, folder: String), ticketWithoutCard
    case durationKey(String), createdTime, confirmedFlag, testResult, messageTime, missingKey(String)

    // MARK: Front-matter and settings
    case invalidYAML(String), mappingKeyNotText, duplicateKey(String), frontMatterMissing, frontMatterNotClosed, frontMatterNotMapping
    case settingBreaksFrontMatter(String), frontMatterLineTooLong(Int), yamlAlias, frontMatterTooDeep(Int)
    case settingsNotMapping, emailAddress, currencyCode, namesKind(String, valid: [String]), namesMap(String), namesPerLanguage(kind: String, value: String)
    case timezone, kindsMap, kindName(String), kindBillable(String), statusesList, namesList(String)
    case transitionFrom(String), transitionTo(String), flag(String), nonBillableShare, planRate, lateDays, maxFileSize, maxAttachmentSize
    case workingHours(String), accountsMap, unknownAccount(String, known: [String]), accountName(String)

    // MARK: Looking things up
    case noClient(String, clients: [String]), notATicketID(String), noTicket(String), noStaff(String)

    // MARK: Calendars and SLA settings
    case unknownTimezone, weekday(String), holidaysList, holidayDate, eventTooLong(days: Int, from: String)
    case pauseStatus(String), warnAt, defaultPolicy(String), durationSetting(String), daysSetting(String), workdaySetting(String), unknownReminder(String)

    // MARK: Workflow
    case unknownStatus(String, valid: [String]), alreadyInStatus(id: String, status: String)
    case transitionNotAllowed(id: String, from: String, to: String, allowed: [String])
    case needsTestCase(id: String, file: String), needsPassedTest(id: String, file: String), testedByDeveloper(id: String, tester: String)
    case needsServiceComment(id: String, status: String, file: String), needsAssignee(id: String)

    // MARK: Lines of transaction files
    case disputeLineStart, disputeLineFields, notADate(String), disputeAction(String), notATransactionID(String), adjustDuration
    case overrideLine, overrideReason
    case workLineStart, workLineFields(Int), notALogin(String), notADuration(String), durationRange(String), notAColleague(String), transactionIDShape(String)
    case ledgerLineStart, ledgerLineFields(Int), ledgerKind(String), ledgerAmount(String), sealRecordShape, controlCharacter(String)

    // MARK: The desk's rules
    case unknownSLAPolicy(String, valid: [String]), unknownCalendar(String), unknownClient(String), ledgerForUnknownClient(String)
    case moneyBound(String)
    /// A front-matter value the settings do not list: `key` is status, priority, channel or category.
    case unknownValue(key: String, value: String, valid: [String])
    case unknownKind(String, valid: [String]), doneWithoutServiceComment(status: String, file: String)
    case prefixMismatch(id: String, client: String, prefix: String), projectOfOtherClient(project: String, owner: String, client: String)
    case unknownProject(String), unknownPerson(key: String, login: String), unknownLogin(String), unknownColleague(String)
    case messageFromUnknownLogin(String), unknownTester(String)
    case duplicateTransaction(id: String, places: String)
    case disputesForUnknownClient(String), disputedTransactionMissing(id: String, client: String), alreadyDisputed(String)
    case resolutionWithoutDispute(action: String, id: String), adjustMustLower
    case siteToken(client: String), newClientWithoutSiteToken(String, suggested: String), sharedSiteFolder(clients: [String], folder: String), duplicatePrefix(String), duplicateEmail(String)

    // MARK: Seals
    case sealIsLightweight, sealMessageStart(String), sealOfOlderGitdesk, sealEntry(String), sealUnreadable(period: String, problem: Text)
    case sealedWithout(period: String, seal: String, client: String), sealedChanged(period: String, client: String, seal: String)
    case moneyOfClient(String)

    // MARK: The repository and writes
    case sealRecordsOnlyGrow(String), ticketDoesNotRead(String), symbolicLinkInDesk, symbolicLinkStaged, submoduleStaged
    case hookNotChained(path: String, kept: String)
    case cannotCreateRepository(path: String, detail: String), notARepository(path: String, detail: String?), bareRepository, replaceRefs(String)
    case noCommits, notACommit(String), notADateOrCommit(String), noIdentity, commitDate(variable: String, value: String), gitFailure(area: String, detail: String)
    case uncommittedChanges(String), branchLocked(String), branchKeptMoving(Int), writeThroughLink(String), cannotLock(String)
    case workerStopped, periodNotEnded(period: String, last: String), alreadySealed(period: String, tag: String)
    case sealGone(period: String, place: String, tag: String), sealNotComputed
    case sealChainBroken, sealedTwice(String), sealTagReplaced(tag: String, period: String), sealTagMissing(tag: String, command: String), sealTagUnrecorded(String)
    case mergeConflicts

    // MARK: Calendars, mail and chats
    case calendarUnreadable(ICalError), notAChatExport, chatMessageFields(Int), chatWithoutMessages, chatUnsafeName, chatNoDate, chatForwarded(String), chatEmptyMessage, chatMedia(kind: String), noSuchPath(String), noTicketOfClient(String, client: String)
    case cannotRead(String)
    case emptyMail, notMail, mailWithoutFrom, siteLinkRefused(String)

    // MARK: Search, wiki and site
    case phraseNotClosed, queryWithoutWords, noSearchIndex, searchIndexBusy(String), noProject(String, projects: [String])
    case noChromium, pdfNotPrinted(browser: String, status: Int32), templateDoesNotParse(String), templateMissing(String)
    case siteFolderName(String), siteTargetNotFolder(String), sitePathNotPlain(String), siteThroughLink(String)
    case cannotReadBack(String), dashboardStopped

    // MARK: The command line
    case formatChoice(option: String, valid: [String]), pdfToTerminal, notAPeriod(String), notAMonthPeriod(String)
    case capacityOption(String), costOption(String), staffExists(String)
    case projectName(String), projectExists(String), clientName(String), prefixOption(String), rateOption(String), clientExists(String)
    case noProjectOfClient(client: String, project: String), monthsRange, periodMonth, writeThroughLinkOut(String), folderInTheWay(String)
    case notBillable(String), notACharge(id: String, kind: String), noTransaction(String), chooseOneResolution, noOpenDispute(String)
    case unknownHook(String), mergeNotUTF8(String), gapDuration, alreadyADesk(String), noteShape, workNoteShape
    case noStatus(String, valid: [String]), workDurationRange, optionDuration(option: String, value: String)
    case editorFailed(editor: String, status: Int32), createdOption(String), dayOption, weekOption, emptyMessage, timeOption(option: String, value: String)
    case notWaitingForConfirmation(String), noTriageItem(String), noStaffWithEmail(String), unknownLanguage(source: String, value: String)
    case prefixTaken(prefix: String, client: String), adjustBelow(String?)
    case unknownCommand(word: String, path: String, near: [String]), warningLabel

    // MARK: Warnings and notes
    case noteLabel, skippedLabel, rejectedLabel
    case cloneNotSetUp(missing: [Text]), hookName(String), mergeDriverName, problemsAfterMerge(merge: Bool), lineConflicts(file: String, count: Int), editKept(String)
    case siteOutExcluded(String), sealingEarly(period: String, last: String), workingTreeBehind(commit: String, detail: String)
    case attributesWithoutDriver, readingFolders(Int)
    case wroteRunner(path: String, binary: String), keptHook(String), installedHook(String), configuredMergeDriver

    // MARK: Intake: what it writes into the desk and reports
    case noSenderAddress, unknownSender, partUndecodable(String), partUndecodableInText(String), noSubject, noSender, disputedByMail
    case chatMessages(from: String, source: String, count: Int), attachmentTooBig(name: String, bytes: Int, ticket: String)
    case attachmentTooBigInText(name: String, bytes: Int), dateNotReal(String?, received: Bool)
    case readingHistory, indexing, buildingSite(String)
    case historyRewrittenDuringRun
    case outputNotWritten(String), messageTooLarge(bytes: Int, limit: Int), mailFileTooLarge(bytes: Int, limit: Int), messageRejected, diskFull(String), fileNotWritten(path: String, reason: String), waitingForWriter(holder: String), writeLockedBy(holder: String, seconds: Int)

    // MARK: Collecting the money: requisites, acts, invoices, bank statements, debts
    case requisitesMap, unknownRequisite(String, known: [String]), requisiteNotText(String), requisiteInvalid(field: Text, value: String, flaw: RequisiteFlaw)
    case vatSetting, actLinesSetting, documentPath, documentDate(year: Int), actPeriod, actTwice(client: String, period: String, other: String), documentForUnknownClient(String)
    case detailsMissing(document: Text, party: String, missing: [Text], file: String), placeholderSetting(key: String, value: String)
    case actPeriodOpen(period: String, last: String), actChanged(number: String, issued: String, now: String, client: String, period: String), nothingToAct(client: String, period: String)
    case noDocument(kind: String, number: String), invoiceAmountChoice, invoiceHours(String), noPaceYet(String), invoicePurpose
    case notABankStatement(String), bankStatementVersion(String), bankStatementEncoding(String), bankDocument(Text)
    case bankOutgoing, bankOwnTransfer, bankNotToFirm(String), bankUnknownPayer(inn: String), bankPayerSeveral(inn: String, clients: [String]), bankNoFirmAccount
    case notABankItem(String), optionValueShape(String)
    case sealRecordRemoved(period: String, commit: String, command: String), sealTagMoved(tag: String, commit: String)
    //@cases
}

extension Problem {
    /// The sentence in the run's language.
    public var description: String { text.description }

    /// The sentence in both languages.
    public var text: Text {
        let (ru, en) = pair
        return Text(ru: ru, en: en)
    }

    /// A message and, on its own line, the hint that helps.
    private static func hinted(_ ru: String, _ en: String, hint: (ru: String, en: String)) -> (String, String) {
        (ru + "\nподсказка: " + hint.ru, en + "\nhint: " + hint.en)
    }

    private var pair: (String, String) {
        switch self {
        case .errorLabel: return ("ошибка:", "error:")
        case .hintLabel: return ("подсказка:", "hint:")
        case .helpHint: return ("добавьте к команде --help, чтобы увидеть её параметры и примеры", "add --help to the command for its options and examples")
        case .fixTheLinesHint: return ("исправьте названные строки; 'gitdesk check' перечисляет все проблемы деска",
                                       "fix the lines named above; 'gitdesk check' lists every problem of the desk")
        case .verbatim(let text): return (text, text)

        case .notADesk:
            return Self.hinted("это не деск gitdesk: нет файла gitdesk.yml", "this is not a gitdesk desk: gitdesk.yml is missing",
                               hint: ("выполните 'gitdesk init'", "run 'gitdesk init'"))
        case .holidaysFileOutside(let path): return ("holidays-file \(path) не лежит в деске", "holidays-file \(path) is not in the desk")
        case .holidaysFileUnreadable: return ("holidays-file не читается как текстовый файл", "holidays-file is not a readable text file")
        case .productionCalendar: return ("production: ru (производственный календарь России) или none", "production: ru (Russia's production calendar) or none")
        case .unexpectedFile: return ("лишний файл: файлы заявок лежат в tickets/PREFIX/ID/", "unexpected file: ticket files live in tickets/PREFIX/ID/")
        case .unexpectedTicketFile: return ("лишний файл в папке заявки", "unexpected file in a ticket folder")
        case .fileTooLarge(let bytes, let limit):
            return ("файл размером \(bytes) байт больше предела деска в \(limit) (limits.max-file-size)",
                    "file is \(bytes) bytes, over the desk's limit of \(limit) (limits.max-file-size)")
        case .binaryContent: return ("двоичное содержимое (байт NUL) в текстовом файле", "binary content (a NUL byte) in a text file")
        case .invalidUTF8: return ("текст не в UTF-8", "not valid UTF-8")
        case .loneCarriageReturn:
            return ("возврат каретки не в конце строки (концы строк CR?); сохраните файл с концами строк LF или CRLF",
                    "a carriage return that does not end a line (CR line endings?); save the file with LF or CRLF line endings")
        case .clientFileName(let slug):
            return ("имя файла клиента '\(slug)': только строчные латинские буквы, цифры, '-' и '_'",
                    "client file name '\(slug)' must be lowercase letters, digits, '-' or '_'")
        case .clientPrefix: return ("у клиента должен быть 'prefix': 2–10 заглавных латинских букв или цифр, например ACME",
                                    "client needs 'prefix': 2–10 capital letters or digits, e.g. ACME")
        case .ratePositive: return ("rate должен быть положительной суммой", "rate must be a positive amount")
        case .ratesList: return ("rates должен быть списком {since, rate}", "rates must be a list of {since, rate}")
        case .rateSince: return ("каждой ставке нужно 'since: ГГГГ-ММ-ДД'", "each rate needs 'since: YYYY-MM-DD'")
        case .rateAmount: return ("каждой ставке нужен положительный 'rate'", "each rate needs a positive 'rate'")
        case .localeValue: return ("locale должен быть ru или en", "locale must be ru or en")
        case .loginName(let login):
            return ("логин '\(login)': только строчные латинские буквы, цифры, '-', '_' и '.'",
                    "login '\(login)' must be lowercase letters, digits, '-', '_' or '.'")
        case .role(let valid): return ("role должна быть одной из: \(valid.joined(separator: ", "))", "role must be one of \(valid.joined(separator: ", "))")
        case .capacityDuration: return ("capacity должна быть длительностью, например 6h", "capacity must be a duration such as 6h")
        case .costAmount: return ("cost должна быть суммой за час", "cost must be an amount per hour")
        case .absenceDates: return ("отсутствию нужны даты 'from' и 'to', from ≤ to", "an absence needs 'from' and 'to' dates, from ≤ to")
        case .projectFolderName(let slug):
            return ("папка проекта '\(slug)': только строчные латинские буквы, цифры и '-'", "project folder '\(slug)' must be lowercase letters, digits and '-'")
        case .projectWithoutCard: return ("в папке проекта нет project.md", "project folder without project.md")
        case .ticketFolderName(let id):
            return ("папка заявки '\(id)' не номер заявки (ПРЕФИКС-КОД, base-32 Крокфорда)", "ticket folder '\(id)' is not a ticket ID (PREFIX-CODE, Crockford base-32)")
        case .ticketFolderPlace(let id, let folder): return ("заявка \(id) должна лежать в \(folder)", "ticket \(id) belongs in \(folder)")
        case .ticketWithoutCard: return ("в папке заявки нет ticket.md", "ticket folder without ticket.md")
        case .durationKey(let key): return ("\(key) должно быть длительностью, например 4h или 1h30m", "\(key) must be a duration such as 4h or 1h30m")
        case .createdTime: return ("created должно быть временем вида 2026-11-28T10:15:00+03:00", "created must be a time like 2026-11-28T10:15:00+03:00")
        case .confirmedFlag: return ("confirmed должно быть true или false", "confirmed must be true or false")
        case .testResult: return ("result должен быть pending, passed или failed", "result must be pending, passed or failed")
        case .messageTime: return ("at должно быть временем вида 2026-11-28T10:15:00+03:00", "at must be a time like 2026-11-28T10:15:00+03:00")
        case .missingKey(let key): return ("нет обязательного ключа '\(key)'", "missing required key '\(key)'")

        case .invalidYAML(let detail): return ("неверный YAML: \(detail)", "invalid YAML: \(detail)")
        case .mappingKeyNotText: return ("ключи должны быть простым текстом", "mapping keys must be plain text")
        case .duplicateKey(let name): return ("ключ '\(name)' повторяется", "duplicate key '\(name)'")
        case .frontMatterMissing: return ("нет front-matter: файл должен начинаться со строки '---'", "expected front-matter: the file must start with a '---' line")
        case .frontMatterNotClosed: return ("front-matter не закрыт: добавьте после него строку '---'", "front-matter is not closed: add a '---' line after it")
        case .frontMatterNotMapping: return ("front-matter должен быть набором ключей и значений", "front-matter must be a mapping of keys to values")
        case .settingBreaksFrontMatter(let key): return ("значение '\(key)' сломало бы front-matter", "setting '\(key)' would break the front-matter")
        case .frontMatterLineTooLong(let limit): return ("строка длиннее \(limit) байт во front-matter", "line longer than \(limit) bytes in the front-matter")
        case .yamlAlias: return ("ссылки YAML (*name) во front-matter не допускаются; напишите значение целиком",
                                 "YAML aliases (*name) are not allowed in the front-matter; write the value out")
        case .frontMatterTooDeep(let depth): return ("front-matter вложен глубже \(depth) уровней", "the front-matter nests deeper than \(depth) levels")
        case .settingsNotMapping: return ("gitdesk.yml должен быть набором ключей и значений", "gitdesk.yml must be a mapping")
        case .emailAddress: return ("email должен быть адресом электронной почты", "email must be an e-mail address")
        case .currencyCode: return ("currency должна быть трёхбуквенным кодом, например RUB", "currency must be a three-letter code such as RUB")
        case .namesKind(let kind, let valid):
            return ("names: '\(kind)' не вид значений (виды: \(valid.joined(separator: ", ")))", "names: '\(kind)' is not a kind of value (use \(valid.joined(separator: ", ")))")
        case .namesMap(let kind): return ("names: \(kind) должен сопоставлять значениям их названия", "names: \(kind) must map values to their names")
        case .namesPerLanguage(let kind, let value):
            return ("names: \(kind) '\(value)' нужно название на каждом языке, например {ru: \"В работе\", en: \"In progress\"}",
                    "names: \(kind) '\(value)' needs a name per language, e.g. {ru: \"В работе\", en: \"In progress\"}")
        case .timezone: return ("неизвестный часовой пояс (пишите, например, Europe/Moscow)", "unknown timezone (use e.g. Europe/Moscow)")
        case .kindsMap: return ("kinds должен сопоставлять названиям видов их настройки", "kinds must map names to settings")
        case .kindName(let name): return ("название вида '\(name)': только строчные латинские буквы, цифры и -", "kind name '\(name)' must be lowercase letters, digits and -")
        case .kindBillable(let name): return ("виду '\(name)' нужно 'billable: true' или 'billable: false'", "kind '\(name)' needs 'billable: true' or 'billable: false'")
        case .statusesList: return ("statuses должен быть списком названий", "statuses must be a list of names")
        case .namesList(let key): return ("\(key) должен быть списком названий (строчные латинские буквы, цифры и -)", "\(key) must be a list of names (lowercase letters, digits and -)")
        case .transitionFrom(let status): return ("переход из неизвестного статуса '\(status)'", "transition from unknown status '\(status)'")
        case .transitionTo(let status): return ("переход в неизвестный статус '\(status)'", "transition to unknown status '\(status)'")
        case .flag(let key): return ("\(key) должно быть true или false", "\(key) must be true or false")
        case .nonBillableShare: return ("non-billable-share должна быть долей (0.15) или процентом (15%)", "non-billable-share must be a fraction (0.15) or percentage (15%)")
        case .planRate: return ("ставка плана должна быть положительной суммой", "plan rate must be a positive amount")
        case .lateDays: return ("audit.late-days должно быть числом дней от 0 до 3650", "audit.late-days must be a number of days from 0 to 3650")
        case .maxFileSize: return ("max-file-size должен быть положительным числом байт до 4G или размером вида 512K или 2M",
                                   "max-file-size must be a positive number of bytes up to 4G, or a size like 512K or 2M")
        case .maxAttachmentSize: return ("max-attachment-size должен быть положительным числом байт до 4G или размером вида 10M",
                                         "max-attachment-size must be a positive number of bytes up to 4G, or a size like 10M")
        case .workingHours(let text): return ("рабочие часы '\(text)' пишутся как 09:00-18:00", "working hours '\(text)' must look like 09:00-18:00")
        case .accountsMap: return ("accounts должен сопоставлять bank, clients, work, charges и credits названия счетов",
                                   "accounts must map bank, clients, work, charges and credits to account names")
        case .unknownAccount(let key, let known):
            return ("неизвестный счёт '\(key)' (известные: \(known.joined(separator: ", ")))", "unknown account '\(key)' (known: \(known.joined(separator: ", ")))")
        case .accountName(let key):
            return ("счёт '\(key)' должен быть названием вида assets:bank (части через ':', без ';', табуляций и двойных пробелов)",
                    "account '\(key)' must be a name such as assets:bank (parts joined by ':', no ';', tabs or double spaces)")

        case .noClient(let slug, let clients):
            return Self.hinted("нет клиента '\(slug)' (клиенты: \(clients.joined(separator: ", ")))", "no client '\(slug)' (clients: \(clients.joined(separator: ", ")))",
                               hint: ("'gitdesk client list' показывает клиентов; 'gitdesk client add' добавляет клиента",
                                      "'gitdesk client list' shows the clients; 'gitdesk client add' adds one"))
        case .notATicketID(let id): return ("'\(id)' не номер заявки (вида ACME-4F7Q)", "'\(id)' is not a ticket ID (like ACME-4F7Q)")
        case .noTicket(let id): return Self.hinted("нет заявки \(id)", "no ticket \(id)", hint: ("'gitdesk list' показывает заявки", "'gitdesk list' shows the tickets"))
        case .noStaff(let login):
            return Self.hinted("нет сотрудника '\(login)'", "no staff member '\(login)'",
                               hint: ("'gitdesk staff list' показывает сотрудников; 'gitdesk staff add \(login) --name ИМЯ --email АДРЕС' добавляет",
                                      "'gitdesk staff list' shows the staff; 'gitdesk staff add \(login) --name NAME --email ADDRESS' adds one"))

        case .unknownTimezone: return ("неизвестный часовой пояс", "unknown timezone")
        case .weekday(let name): return ("неизвестный день недели '\(name)' (пишите mon … sun)", "unknown weekday '\(name)' (use mon … sun)")
        case .holidaysList: return ("holidays должен быть списком дат", "holidays must be a list of dates")
        case .holidayDate: return ("праздник должен быть датой ГГГГ-ММ-ДД", "holiday must be a date YYYY-MM-DD")
        case .eventTooLong(let days, let from):
            return ("событие длиннее \(days) дней (с \(from)) не праздник", "an event of more than \(days) days (from \(from)) is not a holiday")
        case .pauseStatus(let name): return ("статус паузы '\(name)' не статус деска", "pause status '\(name)' is not a status")
        case .warnAt: return ("warn-at пишется как 80% или 0.8", "warn-at must be like 80% or 0.8")
        case .defaultPolicy(let name): return ("default-policy '\(name)' нет среди политик", "default-policy '\(name)' is not among the policies")
        case .durationSetting(let key): return ("\(key) должно быть длительностью, например 4h", "\(key) must be a duration such as 4h")
        case .daysSetting(let key): return ("\(key) должно быть числом дней", "\(key) must be days")
        case .workdaySetting(let key): return ("\(key) должно быть длительностью, например 8h", "\(key) must be a duration such as 8h")
        case .unknownReminder(let key): return ("неизвестное напоминание '\(key)'", "unknown reminder '\(key)'")

        case .unknownStatus(let status, let valid):
            return ("неизвестный статус '\(status)' (статусы: \(valid.joined(separator: ", ")))", "unknown status '\(status)' (statuses: \(valid.joined(separator: ", ")))")
        case .alreadyInStatus(let id, let status): return ("\(id) уже в статусе \(status)", "\(id) is already \(status)")
        case .transitionNotAllowed(let id, let from, let to, let allowed):
            return ("\(id) не может перейти из \(from) в \(to)" + (allowed.isEmpty ? " (\(from) — конечный статус)" : " (можно: \(allowed.joined(separator: ", ")))"),
                    "\(id) cannot go from \(from) to \(to)" + (allowed.isEmpty ? " (\(from) is final)" : " (allowed: \(allowed.joined(separator: ", ")))"))
        case .needsTestCase(let id, let file):
            return ("\(id) нужен тест-кейс перед тестированием: опишите шаги в \(file)", "\(id) needs a test case before testing: write the steps in \(file)")
        case .needsPassedTest(let id, let file):
            return ("\(id) нужен пройденный тест: укажите 'result: passed' и 'tester: ЛОГИН' в \(file)",
                    "\(id) needs a passed test result: set 'result: passed' and 'tester: LOGIN' in \(file)")
        case .testedByDeveloper(let id, let tester):
            return ("\(id) протестировал сам разработчик (\(tester)); тестировать должен другой человек", "\(id) was tested by its developer (\(tester)); another person must test it")
        case .needsServiceComment(let id, let status, let file):
            return ("\(id) нужен служебный комментарий перед статусом \(status): опишите в \(file), как сделано",
                    "\(id) needs a service comment before \(status): write how it was done in \(file)")
        case .needsAssignee(let id): return ("у \(id) нет исполнителя: укажите --assign ЛОГИН", "\(id) has no assignee: pass --assign LOGIN")

        case .disputeLineStart: return ("строка спора начинается с '- ' (ожидается '- ДАТА ДЕЙСТВИЕ ПРОВОДКА ПРИМЕЧАНИЕ')", "a dispute line starts with '- ' (expected '- DATE ACTION TXN NOTE')")
        case .disputeLineFields: return ("в строке спора нужны ДАТА ДЕЙСТВИЕ ПРОВОДКА", "a dispute line needs DATE ACTION TXN")
        case .notADate(let text): return ("'\(text)' не дата (ГГГГ-ММ-ДД)", "'\(text)' is not a date (YYYY-MM-DD)")
        case .disputeAction(let text): return ("'\(text)' не действие спора (open, accept, waive, adjust)", "'\(text)' is not a dispute action (open, accept, waive, adjust)")
        case .notATransactionID(let text): return ("'\(text)' не номер проводки", "'\(text)' is not a transaction ID")
        case .adjustDuration: return ("для adjust нужна согласованная длительность, например '- 2026-11-30 adjust w3f9a2c 1h Согласовано'",
                                      "adjust needs the agreed duration, e.g. '- 2026-11-30 adjust w3f9a2c 1h Agreed'")
        case .overrideLine: return ("строка разрешения пишется как '- ДАТА ПЕРИОД КЛИЕНТ ПРИЧИНА'", "an override line is '- DATE PERIOD CLIENT REASON'")
        case .overrideReason: return ("строка разрешения пишется как '- ДАТА ПЕРИОД КЛИЕНТ ПРИЧИНА', с причиной", "an override line is '- DATE PERIOD CLIENT REASON' with a reason")
        case .workLineStart: return ("строка работы начинается с '- ' (ожидается '- ДАТА ЛОГИН ДЛИТЕЛЬНОСТЬ ВИД ПРИМЕЧАНИЕ ^ID')",
                                     "a work line starts with '- ' (expected '- DATE LOGIN DURATION KIND NOTE ^ID')")
        case .workLineFields(let count): return ("в строке работы нужны ДАТА ЛОГИН ДЛИТЕЛЬНОСТЬ ВИД, полей: \(count)", "a work line needs DATE LOGIN DURATION KIND, found \(count) field(s)")
        case .notALogin(let text): return ("'\(text)' не логин", "'\(text)' is not a valid login")
        case .notADuration(let text): return ("'\(text)' не длительность (45m, 2h, 1h20m, 1.5h)", "'\(text)' is not a duration (45m, 2h, 1h20m, 1.5h)")
        case .durationRange(let text): return ("длительность \(text) должна быть больше 0 и не больше 24h", "duration \(text) must be more than 0 and at most 24h")
        case .notAColleague(let text): return ("'\(text)' не @коллега", "'\(text)' is not a valid @colleague")
        case .transactionIDShape(let id):
            return ("'^\(id)' не номер проводки (2–32 строчные латинские буквы и цифры)", "'^\(id)' is not a valid transaction ID (2–32 lowercase letters and digits)")
        case .ledgerLineStart: return ("строка книги начинается с '- ' (ожидается '- ДАТА ВИД СУММА ПРИМЕЧАНИЕ ^ID')", "a ledger line starts with '- ' (expected '- DATE KIND AMOUNT NOTE ^ID')")
        case .ledgerLineFields(let count): return ("в строке книги нужны ДАТА ВИД СУММА, полей: \(count)", "a ledger line needs DATE KIND AMOUNT, found \(count) field(s)")
        case .ledgerKind(let text): return ("'\(text)' не вид записи книги (payment, credit, charge)", "'\(text)' is not a ledger kind (payment, credit, charge)")
        case .ledgerAmount(let text):
            return ("'\(text)' не положительная сумма (в рублях, десятичная точка '.', не больше 2 знаков после неё)",
                    "'\(text)' is not a positive amount (major units, '.' decimal point, 2 decimals at most)")
        case .sealRecordShape: return ("запись печати пишется как '- ПЕРИОД *|КЛИЕНТ MESSAGE-SHA256 CHAIN' и делается командой 'gitdesk close'",
                                       "a seal record is '- PERIOD *|CLIENT MESSAGE-SHA256 CHAIN', written by 'gitdesk close'")

        case .unknownSLAPolicy(let name, let valid):
            return ("неизвестная политика SLA '\(name)' (политики: \(valid.joined(separator: ", ")))", "unknown SLA policy '\(name)' (policies: \(valid.joined(separator: ", ")))")
        case .unknownCalendar(let name):
            return ("неизвестный календарь '\(name)' (добавьте его в calendars: в gitdesk.yml)", "unknown calendar '\(name)' (add it under calendars: in gitdesk.yml)")
        case .unknownClient(let name): return ("неизвестный клиент '\(name)'", "unknown client '\(name)'")
        case .ledgerForUnknownClient(let name): return ("книга неизвестного клиента '\(name)'", "ledger for unknown client '\(name)'")
        case .moneyBound(let bound):
            return ("здесь сумма проводок деска превышает \(bound) — больше, чем gitdesk складывает точно; проверьте суммы и ставки (лишние цифры?)",
                    "the desk's transactions pass \(bound) in total here, more than gitdesk adds up exactly; check the amounts and rates (a typo of a few extra digits?)")
        case .unknownValue(let key, let value, let valid):
            let list = valid.joined(separator: ", ")
            switch key {
            case "status": return ("неизвестный статус '\(value)' (статусы: \(list))", "unknown status '\(value)' (statuses: \(list))")
            case "priority":
                return ("неизвестный приоритет '\(value)' (приоритеты: \(list); часы SLA не увидят заявку)",
                        "unknown priority '\(value)' (priorities: \(list); the SLA clocks would not see the ticket)")
            case "channel": return ("неизвестный канал '\(value)' (каналы: \(list))", "unknown channel '\(value)' (channels: \(list))")
            case "category": return ("неизвестная категория '\(value)' (категории: \(list))", "unknown category '\(value)' (categories: \(list))")
            default: return ("неизвестное значение \(key) '\(value)' (можно: \(list))", "unknown \(key) '\(value)' (valid: \(list))")
            }
        case .unknownKind(let kind, let valid):
            return ("неизвестный вид работы '\(kind)' (виды: \(valid.joined(separator: ", ")))", "unknown kind '\(kind)' (kinds: \(valid.joined(separator: ", ")))")
        case .doneWithoutServiceComment(let status, let file):
            return ("статус \(status) без служебного комментария: опишите в \(file), как сделано", "\(status) without a service comment: write how it was done in \(file)")
        case .prefixMismatch(let id, let client, let prefix):
            return ("номер заявки \(id) не начинается с префикса клиента \(client) \(prefix)", "ticket ID \(id) does not start with client \(client)'s prefix \(prefix)")
        case .projectOfOtherClient(let project, let owner, let client):
            return ("проект '\(project)' принадлежит клиенту '\(owner)', а не '\(client)'", "project '\(project)' belongs to client '\(owner)', not '\(client)'")
        case .unknownProject(let name): return ("неизвестный проект '\(name)'", "unknown project '\(name)'")
        case .unknownPerson(let key, let login):
            let role = key == "tester" ? "тестировщик" : key == "assignee" ? "исполнитель" : key
            return ("неизвестный \(role) '\(login)' (нет staff/\(login).md)", "unknown \(key) '\(login)' (no staff/\(login).md)")
        case .unknownLogin(let login): return ("неизвестный логин '\(login)'", "unknown login '\(login)'")
        case .unknownColleague(let login): return ("неизвестный коллега '@\(login)'", "unknown colleague '@\(login)'")
        case .messageFromUnknownLogin(let login):
            return ("сообщение от неизвестного логина '\(login)' (пишите 'client' или логин сотрудника)", "message from unknown login '\(login)' (use 'client' or a staff login)")
        case .unknownTester(let login): return ("неизвестный тестировщик '\(login)'", "unknown tester '\(login)'")
        case .duplicateTransaction(let id, let places):
            return ("номер проводки ^\(id) встречается не один раз (\(places)); оставьте верную строку и удалите остальные, а у строки другой работы "
                    + "уберите ^\(id) и выполните 'gitdesk check --fix' ('gitdesk audit --txn \(id)' показывает, кто написал каждую)",
                    "transaction ID ^\(id) appears more than once (\(places)); keep the right version and delete the others, "
                    + "or, for a line that is other work, remove its ^\(id) and run 'gitdesk check --fix' ('gitdesk audit --txn \(id)' shows who wrote each)")
        case .disputesForUnknownClient(let client): return ("споры неизвестного клиента '\(client)'", "disputes for unknown client '\(client)'")
        case .disputedTransactionMissing(let id, let client): return ("у клиента \(client) нет проводки ^\(id)", "no transaction ^\(id) for client \(client)")
        case .alreadyDisputed(let id): return ("^\(id) уже оспаривается", "^\(id) is already disputed")
        case .resolutionWithoutDispute(let action, let id): return ("\(action) без открытого спора по ^\(id)", "\(action) without an open dispute for ^\(id)")
        case .adjustMustLower: return ("adjust относится к строке работы и должен уменьшать её длительность", "adjust applies to a work line and must lower its duration")
        case .newClientWithoutSiteToken(let client, let token):
            return Self.hinted("у нового клиента \(client) нет ключа сайта: папкой его сайта было бы угадываемое имя '\(client)'",
                               "the new client \(client) has no site token: its site's folder would be the guessable name '\(client)'",
                               hint: ("добавьте в карточку строку 'site: {token: \(token)}' (новый случайный ключ) или заведите клиента командой 'gitdesk client add'; site: {public-names: true} в gitdesk.yml разрешает угадываемые имена папок",
                                      "add the line 'site: {token: \(token)}' (a new random token) to the card, or make the client with 'gitdesk client add'; site: {public-names: true} in gitdesk.yml allows guessable folder names"))
        case .siteToken(let client):
            return ("токен сайта — 16–64 строчные латинские буквы, цифры, '-' или '_' (секретное безопасное имя папки); хороший делает 'gitdesk client token rotate \(client)'",
                    "site token must be 16–64 lowercase letters, digits, '-' or '_' (a secret, safe folder name); 'gitdesk client token rotate \(client)' makes a good one")
        case .sharedSiteFolder(let clients, let folder):
            return ("у клиентов \(clients.joined(separator: " и ")) была бы одна папка сайта '\(folder)'; дайте одному новый токен командой 'gitdesk client token rotate'",
                    "clients \(clients.joined(separator: " and ")) would share the site folder '\(folder)'; give one a new token with 'gitdesk client token rotate'")
        case .duplicatePrefix(let prefix): return ("префикс \(prefix) у нескольких клиентов", "prefix \(prefix) is used by more than one client")
        case .duplicateEmail(let email): return ("адрес \(email) в нескольких карточках сотрудников", "e-mail \(email) is used by more than one staff card")

        case .sealIsLightweight: return ("лёгкий тег, а не аннотированная печать от 'gitdesk close'", "a lightweight tag, not an annotated seal made by 'gitdesk close'")
        case .sealMessageStart(let period): return ("его сообщение не начинается с 'gitdesk close \(period)'", "its message does not begin 'gitdesk close \(period)'")
        case .sealOfOlderGitdesk: return ("сделана старым gitdesk, чья сумма учитывала места строк в файлах; её нельзя проверить",
                                          "made by an older gitdesk whose digest covered where lines sit in files; it cannot be checked")
        case .sealEntry(let line): return ("строка '\(line)' не запись клиента", "the line '\(line)' is not a client's entry")
        case .sealUnreadable(let period, let problem):
            return ("печать \(period): \(problem.ru); подсказка: gitdesk audit показывает, что она запечатала",
                    "the seal of \(period): \(problem.en); hint: gitdesk audit shows what it sealed")
        case .sealedWithout(let period, let seal, let client):
            return ("есть деньги в закрытом периоде \(period), который \(seal) закрыла без \(client); чтобы разрешить, запишите '- ДАТА \(period) \(client) ПРИЧИНА' в audit/overrides.md",
                    "has money in sealed period \(period), which \(seal) sealed without \(client); to allow it, record '- DATE \(period) \(client) REASON' in audit/overrides.md")
        case .sealedChanged(let period, let client, let seal):
            return ("меняет деньги закрытого периода \(period) у \(client) (тег \(seal)); чтобы разрешить, запишите '- ДАТА \(period) \(client) ПРИЧИНА' в audit/overrides.md",
                    "changes the money of sealed period \(period) for \(client) (tag \(seal)); to allow it, record '- DATE \(period) \(client) REASON' in audit/overrides.md")
        case .moneyOfClient(let client): return ("деньги клиента \(client) не считаются:", "cannot compute money for \(client):")

        case .sealRecordsOnlyGrow(let file):
            return ("\(file) только растёт: запись печати нельзя менять или удалять; подсказка: git checkout HEAD -- \(file)",
                    "\(file) only grows: a seal record cannot be changed or removed; hint: git checkout HEAD -- \(file)")
        case .ticketDoesNotRead(let id): return ("заявка \(id) не читается; 'gitdesk check' скажет почему", "ticket \(id) does not read; 'gitdesk check' says why")
        case .symbolicLinkInDesk: return ("символическая ссылка: gitdesk не идёт по ссылкам в деске (они могут вести наружу); положите сюда сам файл",
                                          "a symbolic link: gitdesk follows no link in a desk (it could lead outside); put the file itself here")
        case .symbolicLinkStaged: return ("символическая ссылка: gitdesk не идёт по ссылкам в деске (они могут вести наружу); закоммитьте сам файл",
                                          "a symbolic link: gitdesk follows no link in a desk (it could lead outside); commit the file itself")
        case .submoduleStaged: return ("подмодуль: деск хранит только свои файлы", "a submodule: a desk holds only its own files")
        case .hookNotChained(let path, let kept):
            return Self.hinted("\(path) не от gitdesk, и \(kept) тоже есть, поэтому их нельзя соединить в цепочку;",
                               "\(path) is not gitdesk's and \(kept) exists too, so it cannot be chained;",
                               hint: ("объедините оба в \(kept) и снова выполните 'gitdesk init'", "merge the two into \(kept), then run 'gitdesk init' again"))
        case .cannotCreateRepository(let path, let detail): return ("не удалось создать репозиторий в \(path): \(detail)", "could not create a repository at \(path): \(detail)")
        case .notARepository(let path, let detail):
            return Self.hinted("не в git-репозитории: \(detail ?? "ни в \(path), ни выше нет папки .git")",
                               "not inside a git repository: \(detail ?? "no .git folder in \(path) or above")",
                               hint: ("выполните 'gitdesk init', чтобы создать деск, или укажите --desk ПАПКА", "run 'gitdesk init' to create a desk, or pass --desk DIR"))
        case .bareRepository: return ("у репозитория нет рабочей копии (голые репозитории не бывают десками)", "the repository has no working tree (bare repositories are not desks)")
        case .replaceRefs(let refs):
            return Self.hinted("в репозитории есть ссылки git replace (\(refs)): git показал бы не то, что gitdesk читает и выставляет в счёт",
                               "the repository has git replace refs (\(refs)): git would show other content than gitdesk reads and bills",
                               hint: ("удалите их командой 'git replace -d ОБЪЕКТ' или задайте GIT_NO_REPLACE_OBJECTS=1, чтобы git и gitdesk читали одни объекты",
                                      "remove them with 'git replace -d OBJECT', or set GIT_NO_REPLACE_OBJECTS=1 so git and gitdesk read the same objects"))
        case .noCommits: return Self.hinted("в деске ещё нет коммитов", "the desk has no commits yet", hint: ("выполните 'gitdesk init'", "run 'gitdesk init'"))
        case .notACommit(let revision):
            return Self.hinted("'\(revision)' не коммит этого деска (номер коммита, тег, ветка или HEAD~N в пределах истории)",
                               "'\(revision)' is no commit of this desk (a commit id, a tag, a branch, or HEAD~N within the history)",
                               hint: ("git log --oneline перечисляет коммиты; balance --as-of принимает и дату (ГГГГ-ММ-ДД)",
                                      "git log --oneline lists the commits; balance --as-of also takes a date (YYYY-MM-DD)"))
        case .notADateOrCommit(let text): return ("'\(text)' не дата (ГГГГ-ММ-ДД) и не коммит", "'\(text)' is not a date (YYYY-MM-DD) or a commit")
        case .noIdentity:
            let commands = "\n  git config --global user.name \"Your Name\"\n  git config --global user.email you@example.com"
            return ("не задано имя для git; задайте его:" + commands, "no git identity: set one with" + commands)
        case .commitDate(let variable, let text): return ("\(variable) '\(text)' не '@СЕКУНДЫ +ЧЧММ' и не время ISO 8601", "\(variable) '\(text)' is not '@SECONDS +HHMM' or an ISO 8601 time")
        case .gitFailure(let area, let detail):
            // libgit2 speaks English: its words follow a sentence in the desk's language.
            let (ru, en): (String, String)
            switch area {
            case "files": (ru, en) = ("ошибка файловой системы", "a file system error")
            case "index": (ru, en) = ("ошибка индекса git", "an error in git's index")
            case "objects": (ru, en) = ("ошибка в базе объектов git", "an error in git's object database")
            case "references": (ru, en) = ("ошибка ссылки git (ветки или тега)", "an error in a git reference (a branch or a tag)")
            case "repository": (ru, en) = ("ошибка репозитория git", "an error in the git repository")
            case "configuration": (ru, en) = ("ошибка в настройках git", "an error in git's configuration")
            case "filters": (ru, en) = ("ошибка фильтра git (.gitattributes)", "an error in a git filter (.gitattributes)")
            default: (ru, en) = ("сбой git", "git failed")
            }
            return Self.hinted("\(ru) (libgit2: \(detail))", "\(en) (libgit2: \(detail))",
                               hint: ("'git status' и 'gitdesk check' покажут, что не так с репозиторием", "'git status' and 'gitdesk check' show what is wrong with the repository"))
        case .uncommittedChanges(let path):
            return ("в \(path) есть незакоммиченные изменения; закоммитьте или спрячьте (stash) их и повторите команду",
                    "\(path) has uncommitted changes; commit or stash them first, then run the command again")
        case .branchLocked(let lockFile):
            return Self.hinted("\(lockFile) существует: ветку пишет другая команда git, или его оставила прерванная",
                               "\(lockFile) exists: another git command is writing the branch, or a killed one left the file",
                               hint: ("если команды git не работают, удалите \(lockFile) и повторите команду",
                                      "if no git command is running, delete \(lockFile) and run the command again"))
        case .branchKeptMoving(let attempts):
            return ("ветка сдвинулась \(attempts) раз, пока считалась эта запись; повторите команду", "the branch moved \(attempts) times while this write was computed; run the command again")
        case .writeThroughLink(let folder):
            return ("\(folder) — символическая ссылка; gitdesk ничего не пишет через ссылки (замените её папкой)",
                    "\(folder) is a symbolic link; gitdesk writes nothing through links (replace it with a folder)")
        case .cannotLock(let path): return ("не удалось открыть \(path), чтобы заблокировать", "cannot open \(path) to lock it")
        case .workerStopped: return ("поток остановился, не дочитав", "a worker stopped before reading everything")
        case .periodNotEnded(let period, let last):
            return ("период \(period) не закончился (он идёт по \(last)); закройте его после или с --force сейчас",
                    "\(period) has not ended (it runs to \(last)); seal it after that, or with --force to seal it now")
        case .alreadySealed(let period, let tag):
            return ("период \(period) уже закрыт (тег \(tag)); печать не ставится дважды (изменение запишите в audit/overrides.md)",
                    "\(period) is already sealed (tag \(tag)); a seal is never made twice (record a change in audit/overrides.md)")
        case .sealGone(let period, let place, let tag):
            return Self.hinted("период \(period) закрыт (\(place)), а его тега \(tag) нет; деньги отличаются от закрытых, поэтому печать не сделать заново",
                               "\(period) was sealed (\(place)) and its tag \(tag) is gone; the money differs from what was sealed, so the seal cannot be made again",
                               hint: ("gitdesk audit --period \(period)", "gitdesk audit --period \(period)"))
        case .sealNotComputed: return ("печать не посчитана", "the seal was not computed")
        case .sealChainBroken:
            return ("цепочка записей печатей здесь разорвана: запись перед ней изменили, удалили или переставили (audit/seals.md только растёт)",
                    "the chain of seal records is broken here: a record before it was changed, removed or moved (audit/seals.md only grows)")
        case .sealedTwice(let period): return ("период \(period) записан закрытым дважды; печать нельзя сделать заново", "\(period) is recorded as sealed twice; a seal cannot be re-made")
        case .sealTagReplaced(let tag, let period):
            return ("тег \(tag) не та печать, что записана здесь: его сообщение заменили или сделали заново; подсказка: gitdesk audit --period \(period)",
                    "the tag \(tag) is not the seal recorded here: its message was replaced or re-made; hint: gitdesk audit --period \(period)")
        case .sealTagMissing(let tag, let command):
            return ("нет тега печати \(tag) (удалён или не получен: git fetch --tags); подсказка: \(command) делает его заново, если деньги не изменились",
                    "the seal tag \(tag) is missing (deleted, or not fetched: git fetch --tags); hint: \(command) re-makes it when the money is unchanged")
        case .sealTagUnrecorded(let file):
            return ("тег печати, которого нет в \(file) (сделан вручную или его запись удалена); подсказка: gitdesk audit",
                    "a seal tag that \(file) does not record (made by hand, or its record was removed); hint: gitdesk audit")
        case .mergeConflicts: return ("в индексе неразрешённые конфликты слияния; разрешите их и сначала выполните 'git add' для файлов",
                                      "the index has unresolved merge conflicts; resolve them and 'git add' the files first")

        case .calendarUnreadable(let error):
            let (ru, en): (String, String)
            switch error {
            case .notICalendar: (ru, en) = ("это не файл iCalendar (нет BEGIN:VCALENDAR … END:VCALENDAR)", "not an iCalendar file (no BEGIN:VCALENDAR … END:VCALENDAR)")
            case .unexpandableRule: (ru, en) = ("RRULE, который libical не может развернуть", "an RRULE libical cannot expand")
            case .tooManyOccurrences(let limit, let years):
                (ru, en) = ("больше \(limit) повторений с \(years.lowerBound) по \(years.upperBound) год", "more than \(limit) occurrences between \(years.lowerBound) and \(years.upperBound)")
            case .malformedRule(let rule):
                (ru, en) = ("правило повторения \(rule) нарушает RFC 5545 (отрицательный COUNT или COUNT вместе с UNTIL)",
                            "the recurrence rule \(rule) breaks RFC 5545 (a negative COUNT, or COUNT with UNTIL)")
            }
            return ("календарь не читается: \(ru)", "not a calendar gitdesk can read: \(en)")
        case .notAChatExport: return ("это не выгрузка чата в JSON", "not a JSON chat export")
        case .chatMessageFields(let number): return ("у сообщения \(number) нет 'text'", "message \(number) has no 'text'")
        case .chatWithoutMessages: return ("чат Telegram без сообщений", "a Telegram chat without messages")
        case .chatUnsafeName: return ("источник или номер сообщения не годится для имени файла (только буквы, цифры, '-' и '_', до 64)",
                                      "the source or message id cannot be part of a file name (letters, digits, '-' and '_' only, up to 64)")
        case .chatNoDate: return ("нет даты; взято время приёма", "no date; the time of the run taken")
        case .chatForwarded(let origin): return ("[переслано от \(origin)]", "[forwarded from \(origin)]")
        case .chatEmptyMessage: return ("сообщение без текста и вложений", "a message with no text and nothing attached")
        case .chatMedia(let kind):
            switch kind {
            case "photo": return ("фото", "photo")
            case "sticker": return ("стикер", "sticker")
            case "voice": return ("голосовое сообщение", "voice message")
            case "video": return ("видео", "video")
            default: return ("файл", "file")
            }
        case .noSuchPath(let path): return ("\(path) не существует", "\(path) does not exist")
        case .noTicketOfClient(let id, let client):
            return Self.hinted("у клиента \(client) нет заявки \(id)", "no ticket \(id) of \(client)", hint: ("gitdesk list --client \(client)", "gitdesk list --client \(client)"))
        case .cannotRead(let path): return ("не удалось прочитать \(path)", "cannot read \(path)")
        case .emptyMail: return ("пустое сообщение", "empty message")
        case .notMail: return ("это не письмо (GMime не находит в нём сообщения)", "not an e-mail (GMime finds no message in it)")
        case .mailWithoutFrom: return ("это не письмо: нет заголовка From", "not an e-mail: no From header")
        case .siteLinkRefused(let verb): return ("ссылка \(verb) с неверным токеном или для другого клиента", "\(verb) link with a wrong token or for another client")

        case .phraseNotClosed: return ("у фразы нет закрывающей кавычки", "a phrase is missing its closing quote")
        case .queryWithoutWords: return ("в запросе нет слов", "the query has no words")
        case .noSearchIndex: return ("поисковый индекс не открылся", "no search index could be opened")
        case .searchIndexBusy(let path):
            return ("другая команда gitdesk строит поисковый индекс уже полчаса (\(path))", "another gitdesk command has been building the search index for half an hour (\(path))")
        case .noProject(let slug, let projects):
            return ("нет проекта '\(slug)' (проекты: \(projects.joined(separator: ", ")))", "no project '\(slug)' (projects: \(projects.joined(separator: ", ")))")
        case .noChromium:
            return Self.hinted("нет Chromium, чтобы напечатать PDF", "no Chromium to print the PDF with",
                               hint: ("установите его (Debian: apt-get install chromium) или задайте GITDESK_CHROMIUM; --format html печатает ту же страницу",
                                      "install it (Debian: apt-get install chromium), or set GITDESK_CHROMIUM; --format html prints the same page"))
        case .pdfNotPrinted(let browser, let status):
            return Self.hinted("\(browser) не напечатал PDF (код выхода \(status))", "\(browser) did not print the PDF (exit \(status))",
                               hint: ("--format html печатает ту же страницу", "--format html prints the same page"))
        case .templateDoesNotParse(let detail): return ("шаблон не разбирается: \(detail)", "template does not parse: \(detail)")
        case .templateMissing(let name): return ("нет шаблона сайта '\(name)'", "site template '\(name)' is missing")
        case .siteFolderName(let name): return ("папку сайта '\(name)' писать нельзя (это не простое имя папки)", "refusing to write a site folder named '\(name)' (not a plain folder name)")
        case .siteTargetNotFolder(let path): return ("писать в \(path) нельзя: это не папка (там ссылка или файл)", "refusing to write into \(path): it is not a folder (a link or a file is there)")
        case .sitePathNotPlain(let path): return ("писать '\(path)' в папку сайта нельзя (это не простой относительный путь)", "refusing to write '\(path)' in a site folder (not a plain relative path)")
        case .siteThroughLink(let link): return ("писать через ссылку \(link) нельзя", "refusing to write through the link \(link)")
        case .cannotReadBack(let path): return ("не удалось прочитать обратно \(path)", "could not read back \(path)")
        case .dashboardStopped: return ("чтение для панели остановилось, не закончив", "the dashboard's reading stopped before it finished")

        case .formatChoice(let option, let valid):
            let list = valid.dropLast().joined(separator: ", ") + (valid.count > 1 ? " " : "")
            return ("\(option) должен быть одним из: \(valid.joined(separator: ", "))", "\(option) must be \(list)\(valid.count > 1 ? "or " : "")\(valid.last ?? "")")
        case .pdfToTerminal: return ("PDF не для терминала: перенаправьте вывод, например --format pdf > statement.pdf", "a PDF is not for the terminal: redirect it, e.g. --format pdf > statement.pdf")
        case .notAPeriod(let text):
            return ("'\(text)' не период (2026-11, 2026-W48, 2026-11-28, 2026-11-01..2026-11-15, 2026)", "'\(text)' is not a period (2026-11, 2026-W48, 2026-11-28, 2026-11-01..2026-11-15, 2026)")
        case .notAMonthPeriod(let text): return ("'\(text)' не период (например, 2026-10)", "'\(text)' is not a period (e.g. 2026-10)")
        case .capacityOption(let text): return ("capacity '\(text)' не длительность", "capacity '\(text)' is not a duration")
        case .costOption(let text): return ("cost '\(text)' не сумма", "cost '\(text)' is not an amount")
        case .staffExists(let login): return ("сотрудник '\(login)' уже есть", "staff member '\(login)' exists")
        case .projectName(let slug): return ("имя проекта '\(slug)': только строчные латинские буквы, цифры, '-' и '_'", "project name '\(slug)' must be lowercase letters, digits, '-' or '_'")
        case .projectExists(let slug): return ("проект '\(slug)' уже есть", "project '\(slug)' exists")
        case .clientName(let slug): return ("имя клиента '\(slug)': только строчные латинские буквы, цифры, '-' и '_'", "client name '\(slug)' must be lowercase letters, digits, '-' or '_'")
        case .prefixOption(let prefix): return ("префикс '\(prefix)' — 2–10 заглавных латинских букв или цифр", "prefix '\(prefix)' must be 2–10 capital letters or digits")
        case .rateOption(let rate): return ("ставка '\(rate)' не положительная сумма", "rate '\(rate)' is not a positive amount")
        case .clientExists(let slug): return ("клиент '\(slug)' уже есть", "client '\(slug)' exists")
        case .noProjectOfClient(let client, let project): return ("у клиента \(client) нет проекта '\(project)'", "client \(client) has no project '\(project)'")
        case .monthsRange: return ("--months должно быть от 1 до 60", "--months must be between 1 and 60")
        case .periodMonth: return ("--period должен быть месяцем, например 2026-11", "--period must be a month, e.g. 2026-11")
        case .writeThroughLinkOut(let link):
            return Self.hinted("писать через ссылку \(link) нельзя", "refusing to write through the link \(link)",
                               hint: ("удалите её или выберите другую папку --out", "remove it, or choose another --out folder"))
        case .folderInTheWay(let page):
            return Self.hinted("писать \(page) нельзя: там папка", "refusing to write \(page): a folder is there", hint: ("выберите другую папку --out", "choose another --out folder"))
        case .notBillable(let id): return ("^\(id) не оплачиваемая работа: в счёт ничего не вошло", "^\(id) is not billable: nothing was charged")
        case .notACharge(let id, let kind): return ("^\(id) — это \(kind), а не начисление", "^\(id) is a \(kind), not a charge")
        case .noTransaction(let id):
            return Self.hinted("нет проводки ^\(id)", "no transaction ^\(id)",
                               hint: ("^ID проводки стоит в конце её строки: их перечисляют 'gitdesk show ЗАЯВКА' и 'gitdesk audit КЛИЕНТ'",
                                      "a transaction's ^ID ends its line: 'gitdesk show TICKET' or 'gitdesk audit CLIENT' lists them"))
        case .chooseOneResolution: return ("выберите одно из --accept, --waive или --adjust ДЛИТЕЛЬНОСТЬ", "choose one of --accept, --waive or --adjust DURATION")
        case .noOpenDispute(let id): return ("по ^\(id) нет открытого спора (откройте его командой 'gitdesk dispute open')", "^\(id) has no open dispute (open one with 'gitdesk dispute open')")
        case .unknownHook(let name): return ("неизвестный хук '\(name)' (pre-commit, post-commit, post-merge, post-rewrite)", "unknown hook '\(name)' (pre-commit, post-commit, post-merge, post-rewrite)")
        case .mergeNotUTF8(let file): return ("\(file) не текст UTF-8; разрешите это слияние вручную", "\(file) is not UTF-8 text; resolve this merge by hand")
        case .gapDuration: return ("--gap должен быть длительностью, например 4h", "--gap must be a duration such as 4h")
        case .alreadyADesk(let root): return ("\(root) уже деск (есть gitdesk.yml); --demo делает новый", "\(root) is already a desk (gitdesk.yml exists); --demo makes a new one")
        case .noteShape: return ("примечание не может кончаться словом на '^' или занимать несколько строк", "the note may not end with a '^' word or span lines")
        case .workNoteShape:
            return ("примечание не может начинаться с '@' (для этого есть --for), кончаться словом на '^' или занимать несколько строк",
                    "the note may not start with '@' (use --for), end with a '^' word or span lines")
        case .noStatus(let name, let valid):
            return ("нет статуса '\(name)' (статусы: \(valid.joined(separator: ", ")))", "no status '\(name)' (statuses: \(valid.joined(separator: ", ")))")
        case .workDurationRange: return ("строка работы должна быть больше 0 и не больше 24h", "a work line must be more than 0 and at most 24h")
        case .optionDuration(let option, let value): return ("\(option) '\(value)' не длительность (45m, 2h, 1h20m)", "\(option) '\(value)' is not a duration (45m, 2h, 1h20m)")
        case .editorFailed(let editor, let status):
            return ("редактор (\(editor)) завершился с кодом \(status); ничего не сохранено", "the editor (\(editor)) exited with status \(status); nothing was saved")
        case .createdOption(let text): return ("--created '\(text)' не время вида 2026-11-28T10:15:00+03:00", "--created '\(text)' is not a time like 2026-11-28T10:15:00+03:00")
        case .dayOption: return ("--day пишется как ГГГГ-ММ-ДД", "--day must be YYYY-MM-DD")
        case .weekOption: return ("--week пишется как 2026-W48", "--week must look like 2026-W48")
        case .emptyMessage: return ("сообщение пустое", "the message is empty")
        case .timeOption(let option, let value): return ("\(option) '\(value)' не время", "\(option) '\(value)' is not a time")
        case .notWaitingForConfirmation(let id): return ("\(id) не ждёт подтверждения", "\(id) is not waiting for confirmation")
        case .noTriageItem(let id): return Self.hinted("нет элемента разбора '\(id)'", "no triage item '\(id)'", hint: ("gitdesk triage перечисляет их", "gitdesk triage lists them"))
        case .noStaffWithEmail(let email):
            return ("ни в одной карточке сотрудника нет адреса \(email); укажите --as ЛОГИН или добавьте его командой 'gitdesk staff add'",
                    "no staff card has e-mail \(email); pass --as LOGIN or add it with 'gitdesk staff add'")
        case .unknownLanguage(let source, let value):
            return ("\(source) '\(value)': gitdesk не говорит на этом языке (пишите ru или en)", "\(source) '\(value)' is not a language gitdesk speaks (use ru or en)")
        case .prefixTaken(let prefix, let client): return ("префикс \(prefix) уже у клиента '\(client)'", "prefix \(prefix) belongs to client '\(client)'")
        case .adjustBelow(let duration):
            return ("для --adjust нужна длительность меньше, чем у строки работы" + (duration.map { " (\($0))" } ?? ""),
                    "--adjust needs a duration below the work line's \(duration ?? "duration")")
        case .unknownCommand(let word, let path, let near):
            let ru = "'\(word)' — не команда \(path)", en = "'\(word)' is not a \(path) command"
            if near.isEmpty { return Self.hinted(ru, en, hint: ("'\(path) --help' перечисляет команды", "'\(path) --help' lists the commands")) }
            let choices = near.prefix(3).map { "'\(path) \($0)'" }
            return Self.hinted(ru, en, hint: ("может быть, " + choices.joined(separator: " или ") + "?", "did you mean " + choices.joined(separator: " or ") + "?"))
        case .warningLabel: return ("предупреждение:", "warning:")
        case .noteLabel: return ("примечание:", "note:")
        case .skippedLabel: return ("пропущено:", "skipped:")
        case .rejectedLabel: return ("отклонено:", "rejected:")
        case .hookName(let name): return ("хук \(name)", "the \(name) hook")
        case .mergeDriverName: return ("драйвер слияния", "the merge driver")
        case .cloneNotSetUp(let missing):
            return Self.hinted("этот клон не настроен для gitdesk (нет: \(missing.map(\.ru).joined(separator: ", ")))",
                               "this clone is not set up for gitdesk (missing: \(missing.map(\.en).joined(separator: ", ")))",
                               hint: ("выполните в нём 'gitdesk init': коммиты будут проверяться и нумероваться, журналы работ — сливаться по ^ID",
                                      "run 'gitdesk init' in it: commits are checked and numbered, work logs merge by ^ID"))
        case .problemsAfterMerge(let merge):
            return Self.hinted("у деска после этого \(merge ? "слияния" : "переписывания истории") проблемы, названные выше",
                               "the desk after this \(merge ? "merge" : "rewrite") has the problems above",
                               hint: ("исправьте их и закоммитьте до push; 'gitdesk check' перечислит их снова",
                                      "fix them and commit before you push; 'gitdesk check' lists them again"))
        case .lineConflicts(let file, let count):
            return ("\(file): проводок, изменённых по-разному с двух сторон: \(count); разрешите отмеченные строки и выполните 'git add' для файла",
                    "\(file): \(count) transaction(s) changed differently on both sides; resolve the marked lines, then 'git add' the file")
        case .editKept(let path): return ("заявка в том виде, как вы её правили, сохранена в \(path)", "the ticket as you edited it is kept in \(path)")
        case .siteOutExcluded(let pattern):
            return ("\(pattern) внутри деска: добавлено в .git/info/exclude, чтобы сайт не попадал в коммиты",
                    "\(pattern) is inside the desk: added to .git/info/exclude, so the site stays out of its commits")
        case .sealingEarly(let period, let last):
            return ("период \(period) закрывается до конца (\(last)): любое позднее изменение его денег будет отклонено",
                    "sealing \(period) before it ends (\(last)): every later change to its money is refused")
        case .workingTreeBehind(let commit, let detail):
            return Self.hinted("коммит \(commit) сделан, но рабочая копия и индекс не успели за ним (\(detail))",
                               "committed \(commit), but the working tree and index could not follow (\(detail))",
                               hint: ("это доделает следующая команда gitdesk (подойдёт 'gitdesk check')", "the next gitdesk command finishes it ('gitdesk check' will do)"))
        case .attributesWithoutDriver:
            return Self.hinted(".gitattributes не называет драйвер слияния gitdesk, поэтому файлы проводок сливаются без него",
                               ".gitattributes does not name the gitdesk merge driver, so transaction files merge without it",
                               hint: ("замените там 'merge=union' на 'merge=gitdesk' (и добавьте 'disputes/*.md merge=gitdesk'), затем закоммитьте",
                                      "replace 'merge=union' with 'merge=gitdesk' there (and add 'disputes/*.md merge=gitdesk'), then commit"))
        case .readingFolders(let count): return ("чтение папок заявок: \(count)", "reading \(count) ticket folders")
        case .wroteRunner(let path, let binary): return ("записан \(path) (находит gitdesk в \(binary))", "wrote \(path) (finds gitdesk at \(binary))")
        case .keptHook(let name): return ("ваш хук \(name) сохранён как \(name).local; он выполняется первым", "kept your \(name) hook as \(name).local; it runs first")
        case .installedHook(let name): return ("установлен хук \(name)", "installed the \(name) hook")
        case .configuredMergeDriver: return ("настроен драйвер слияния для журналов работ, книг и споров", "configured the merge driver for work logs, ledgers and disputes")
        case .noSenderAddress: return ("нет адреса отправителя (возврат или автоматическое письмо)", "no sender address (a bounce or an automatic message)")
        case .unknownSender: return ("неизвестный отправитель", "unknown sender")
        case .partUndecodable(let part): return ("\(part) не удалось декодировать; сохранено как вложение", "\(part) could not be decoded; kept as an attachment")
        case .partUndecodableInText(let part): return ("[\(part) не удалось декодировать; сохранено как вложение]", "[\(part) could not be decoded; it is kept as an attachment]")
        case .noSubject: return ("(без темы)", "(no subject)")
        case .noSender: return ("(без отправителя)", "(no sender)")
        case .disputedByMail: return ("оспорено по почте", "disputed by e-mail")
        case .chatMessages(let from, let source, let count): return ("\(from) (\(source)): сообщений: \(count)", "\(from) (\(source)): \(count) message(s)")
        case .attachmentTooBig(let name, let bytes, let ticket): return ("\(name) (\(bytes) байт) для \(ticket)", "\(name) (\(bytes) bytes) for \(ticket)")
        case .attachmentTooBigInText(let name, let bytes):
            return ("[вложение \(name), \(bytes) байт, больше предела деска и не сохранено]", "[attachment \(name), \(bytes) bytes, is over the desk's limit and was not stored]")
        case .dateNotReal(let written, let received):
            let ru = (written.map { "дата '\($0)' не настоящая" } ?? "нет даты") + "; взято время " + (received ? "получения сервером" : "приёма")
            let en = (written.map { "the date '\($0)' is not a real one" } ?? "no date") + "; used the time it was " + (received ? "received" : "ingested")
            return (ru, en)
        case .readingHistory: return ("чтение истории", "reading history")
        case .indexing: return ("построение поискового индекса", "indexing")
        case .buildingSite(let client): return ("сайт для \(client)", "site for \(client)")
        case .historyRewrittenDuringRun: return ("история деска переписана, пока шла команда (reset, rebase); запустите её снова", "the desk's history was rewritten while the command ran (a reset or a rebase); run it again")
        case .controlCharacter(let code):
            return ("управляющий символ \(code) в строке; удалите его (в терминале он выглядит иначе, чем в файле)",
                    "a control character (\(code)) in the line; remove it (a terminal shows it as something else)")
        case .outputNotWritten(let reason):
            return ("вывод не записан: \(reason)", "the output was not written: \(reason)")
        case .messageTooLarge(let bytes, let limit):
            return ("сообщение больше, чем берёт деск (\(bytes) байт при limits.max-file-size \(limit))",
                    "the message is larger than the desk takes (\(bytes) bytes against limits.max-file-size \(limit))")
        case .messageRejected: return ("отклонено при приёме", "rejected by intake")
        case .mailFileTooLarge(let bytes, let limit):
            return ("файл письма больше, чем читает приём почты (\(bytes) байт; предел \(limit) = 2 × limits.max-attachment-size + limits.max-file-size)",
                    "the mail file is larger than intake reads (\(bytes) bytes; the limit \(limit) is 2 × limits.max-attachment-size + limits.max-file-size)")
        case .diskFull(let detail):
            return Self.hinted("на диске нет места (\(detail))", "the disk is full (\(detail))",
                               hint: ("освободите место на диске деска и повторите команду: прерванная запись ничего не изменила",
                                      "free space on the desk's disk and run the command again: the write that stopped changed nothing"))
        case .fileNotWritten(let path, let reason): return ("не удалось записать \(path): \(reason)", "could not write \(path): \(reason)")
        case .waitingForWriter(let holder):
            return ("жду, пока допишет \(holder)…", "waiting for \(holder) to finish writing…")
        case .writeLockedBy(let holder, let seconds):
            return Self.hinted("\(holder) пишет в этот деск дольше \(seconds) с; ничего не изменено",
                               "\(holder) has been writing this desk for over \(seconds) s; nothing was changed",
                               hint: ("повторите, когда она закончит; если этого процесса уже нет, замок снимется сам",
                                      "try again when it ends; if that process is gone, the lock frees itself"))

        case .requisitesMap: return ("реквизиты — это словарь ключей (name, inn, kpp, …)", "requisites are a map of keys (name, inn, kpp, …)")
        case .unknownRequisite(let key, let known):
            return ("неизвестный реквизит '\(key)'; допустимы: \(known.joined(separator: ", "))", "unknown requisite '\(key)'; known: \(known.joined(separator: ", "))")
        case .requisiteNotText(let key): return ("реквизит '\(key)' должен быть строкой", "requisite '\(key)' must be text")
        case .requisiteInvalid(let field, let value, let flaw):
            let why: (String, String) = switch flaw {
            case .length(let expected, let got):
                ("нужно \(expected.map(String.init).joined(separator: " или ")) цифр, а здесь \(got)", "\(expected.map(String.init).joined(separator: " or ")) digits expected, \(got) found")
            case .notDigits: ("должны быть только цифры", "digits only")
            case .checkDigit: ("не сходится контрольное число — опечатка в номере", "the check digit does not match: a typo in the number")
            case .format: ("не тот формат", "not the expected form")
            }
            return ("\(field.ru) '\(value)' неверен: \(why.0)", "\(field.en) '\(value)' is not valid: \(why.1)")
        case .vatSetting: return ("firm.vat — это none (без НДС, УСН) или ставка вроде 20%", "firm.vat is none (no VAT, simplified system) or a rate such as 20%")
        case .actLinesSetting: return ("acts.lines — это ticket или kind", "acts.lines is ticket or kind")
        case .documentPath:
            return ("документ должен лежать как acts/ГГГГ/НННН.md или invoices/ГГГГ/НННН.md (номер из 4+ цифр с ведущими нулями)",
                    "a document lives at acts/YYYY/NNNN.md or invoices/YYYY/NNNN.md (a number of 4+ digits, zero-padded)")
        case .documentDate(let year): return ("дата документа должна быть в \(year) году — году его папки", "the document's date must fall in \(year), the year of its folder")
        case .actPeriod: return ("period акта — месяц (ГГГГ-ММ), последним днём которого датирован акт", "an act's period is a month (YYYY-MM) whose last day is the act's date")
        case .actTwice(let client, let period, let other):
            return ("второй акт для \(client) за \(period) (первый — \(other))", "a second act for \(client) for \(period) (the first is \(other))")
        case .documentForUnknownClient(let client): return ("документ для неизвестного клиента '\(client)'", "a document for an unknown client '\(client)'")
        case .detailsMissing(let document, let party, let missing, let file):
            return Self.hinted("\(document.ru) не собрать: у \(party) не заполнено: \(missing.map(\.ru).joined(separator: ", "))",
                               "cannot make the \(document.en): \(party) lacks \(missing.map(\.en).joined(separator: ", "))",
                               hint: ("заполните их в \(file) и проверьте: gitdesk check", "fill them in \(file), then run: gitdesk check"))
        case .placeholderSetting(let key, let value):
            return Self.hinted("\(key) — пример из шаблона ('\(value)'): его увидят клиенты", "\(key) is the template's example ('\(value)'): clients will see it",
                               hint: ("впишите свои данные в gitdesk.yml или создайте деск с gitdesk init --company …", "put your own in gitdesk.yml, or make the desk with gitdesk init --company …"))
        case .actPeriodOpen(let period, let last):
            return ("\(period) ещё идёт (до \(last)); акт выставляется после конца месяца", "\(period) has not ended (it runs to \(last)); an act is issued after the month ends")
        case .actChanged(let number, let issued, let now, let client, let period):
            return Self.hinted("акт № \(number) выставлен на \(issued), а работы за период теперь на \(now): его строки изменились после выставления",
                               "act \(number) was issued for \(issued) and the period's work now comes to \(now): its lines changed after it was issued",
                               hint: ("gitdesk audit \(client) --period \(period) покажет, что изменилось", "gitdesk audit \(client) --period \(period) shows what changed"))
        case .nothingToAct(let client, let period):
            return ("у \(client) за \(period) нет ни оплачиваемой работы, ни начислений: акта не будет", "\(client) has no billable work or charges in \(period): there is no act to issue")
        case .noDocument(let kind, let number):
            return Self.hinted("нет документа \(kind) № \(number)", "no \(kind) number \(number)", hint: ("gitdesk debts и сайт клиента перечисляют выставленные", "gitdesk debts and the client's site list those issued"))
        case .invoiceAmountChoice: return ("укажите сумму, --hours N или --next-month (одно из трёх)", "give an amount, --hours N or --next-month (one of the three)")
        case .invoiceHours(let text): return ("'\(text)' — не длительность (например 10h или 7h30m)", "'\(text)' is not a duration (such as 10h or 7h30m)")
        case .noPaceYet(let client): return ("у \(client) ещё нет начислений, темп месяца не посчитать; укажите сумму", "\(client) has no charges yet, so there is no monthly pace; give an amount")
        case .invoicePurpose: return ("назначение платежа — одна строка без '|'", "the purpose is one line without '|'")
        case .notABankStatement(let path):
            return ("\(path) — не выписка 1CClientBankExchange (первая строка не '1CClientBankExchange')", "\(path) is not a 1CClientBankExchange statement (its first line is not '1CClientBankExchange')")
        case .bankStatementVersion(let version): return ("версия формата \(version) не поддерживается (нужна 1.02 или 1.03)", "format version \(version) is not supported (1.02 or 1.03)")
        case .bankStatementEncoding(let name): return ("не удалось прочитать выписку в кодировке \(name)", "could not decode the statement as \(name)")
        case .bankDocument(let why): return ("документ пропущен: \(why.ru)", "document skipped: \(why.en)")
        case .bankOutgoing: return ("исходящий платёж с нашего счёта", "an outgoing payment from our account")
        case .bankOwnTransfer: return ("перевод между своими счетами", "a transfer between our own accounts")
        case .bankNotToFirm(let account): return ("платёж не на наш счёт (\(account))", "a payment not to our account (\(account))")
        case .bankUnknownPayer(let inn): return ("плательщик с ИНН \(inn.isEmpty ? "—" : inn) не найден среди клиентов", "no client has the payer's INN \(inn.isEmpty ? "—" : inn)")
        case .bankPayerSeveral(let inn, let clients):
            return ("ИНН \(inn) у нескольких клиентов (\(clients.joined(separator: ", "))), а номера их счёта в назначении нет", "INN \(inn) belongs to several clients (\(clients.joined(separator: ", "))) and the purpose names none of their invoices")
        case .bankNoFirmAccount:
            return Self.hinted("в gitdesk.yml нет расчётного счёта фирмы: не понять, какие платежи входящие", "gitdesk.yml has no firm bank account: incoming payments cannot be told apart",
                               hint: ("заполните firm.bank.account и firm.inn", "fill in firm.bank.account and firm.inn"))
        case .sealRecordRemoved(let period, let commit, let command):
            return Self.hinted("запись о закрытии \(period) (коммит \(commit)) удалена из файла; история её помнит, и период остаётся закрытым",
                               "the record of sealing \(period) (commit \(commit)) was removed from the file; the history keeps it and the period stays sealed",
                               hint: ("верните строку: git checkout \(commit) -- audit/seals.md; что изменилось — \(command)", "restore the line: git checkout \(commit) -- audit/seals.md; what changed: \(command)"))
        case .sealTagMoved(let tag, let commit):
            return Self.hinted("тег \(tag) перенесён: печать ставилась на коммит \(commit)", "the tag \(tag) was moved: the seal was made on commit \(commit)",
                               hint: ("git tag -d \(tag), затем gitdesk close сделает его заново на том коммите", "git tag -d \(tag), then gitdesk close makes it again on that commit"))
        case .optionValueShape(let option): return ("в значении \(option) управляющий символ (перевод строки, табуляция)", "the value of \(option) has a control character (a line break, a tab)")
        case .notABankItem(let id): return ("'\(id)' — не платёж из выписки", "'\(id)' is not a payment from a bank statement")
        //@arms
        }
    }
}

extension Text {
    /// What an error says, in both languages when it is gitdesk's own.
    public init(of error: Error) {
        switch error {
        case let finding as Finding: self = finding.text
        case let desk as DeskError: self.init(ru: desk.text(in: .ru), en: desk.text(in: .en))
        default: self.init(verbatim: "\(error)")
        }
    }
}
