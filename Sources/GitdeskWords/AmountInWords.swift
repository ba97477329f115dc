import Foundation
import GitdeskCore

/// Money amounts and whole numbers spelled out in Russian and English words.
public enum AmountInWords {

    /// "Двенадцать тысяч пятьсот рублей 00 копеек" — capitalised first letter, whole rubles in words with correct gender/plural, kopecks as two digits with the right form of "копейка".
    public static func russianRubles(_ money: Money) -> String {
        let magnitude = money.minor.magnitude
        let rubles = magnitude / 100
        let kopecks = magnitude % 100
        let sign = money.minor < 0 ? "минус " : ""
        let rubleWord = russianPlural(rubles, one: "рубль", few: "рубля", many: "рублей")
        let kopeckWord = russianPlural(kopecks, one: "копейка", few: "копейки", many: "копеек")
        let text = "\(sign)\(russianWords(rubles, feminine: false)) \(rubleWord) \(twoDigits(kopecks)) \(kopeckWord)"
        return capitalisingFirstLetter(text)
    }

    /// "Twelve thousand five hundred roubles and 00 kopecks" (English, capitalised; "one rouble", "01 kopeck").
    public static func englishRubles(_ money: Money) -> String {
        let magnitude = money.minor.magnitude
        let rubles = magnitude / 100
        let kopecks = magnitude % 100
        let sign = money.minor < 0 ? "minus " : ""
        let roubleWord = rubles == 1 ? "rouble" : "roubles"
        let kopeckWord = kopecks == 1 ? "kopeck" : "kopecks"
        let text = "\(sign)\(englishWords(rubles)) \(roubleWord) and \(twoDigits(kopecks)) \(kopeckWord)"
        return capitalisingFirstLetter(text)
    }

    /// Whole number in Russian words, masculine/feminine as asked ("одна тысяча"/"две тысячи"), for 0 ... 999_999_999_999.
    public static func russian(_ n: Int64, feminine: Bool) -> String {
        (n < 0 ? "минус " : "") + russianWords(n.magnitude, feminine: feminine)
    }

    /// Whole number in English words without "and" ("one hundred one", "twenty-one").
    public static func english(_ n: Int64) -> String {
        (n < 0 ? "minus " : "") + englishWords(n.magnitude)
    }

    // MARK: - Russian

    private struct RussianScale {
        let one: String, few: String, many: String, feminine: Bool
    }

    /// Scales from thousands upward; index 0 is 10^3. Beyond milliards only to cover the whole Int64 range.
    private static let russianScales: [RussianScale] = [
        RussianScale(one: "тысяча", few: "тысячи", many: "тысяч", feminine: true),
        RussianScale(one: "миллион", few: "миллиона", many: "миллионов", feminine: false),
        RussianScale(one: "миллиард", few: "миллиарда", many: "миллиардов", feminine: false),
        RussianScale(one: "триллион", few: "триллиона", many: "триллионов", feminine: false),
        RussianScale(one: "квадриллион", few: "квадриллиона", many: "квадриллионов", feminine: false),
        RussianScale(one: "квинтиллион", few: "квинтиллиона", many: "квинтиллионов", feminine: false),
    ]

    private static let russianUnitsMasculine = ["", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"]
    private static let russianUnitsFeminine = ["", "одна", "две", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"]
    private static let russianTeens = ["десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать",
                                       "пятнадцать", "шестнадцать", "семнадцать", "восемнадцать", "девятнадцать"]
    private static let russianTens = ["", "", "двадцать", "тридцать", "сорок", "пятьдесят",
                                      "шестьдесят", "семьдесят", "восемьдесят", "девяносто"]
    private static let russianHundreds = ["", "сто", "двести", "триста", "четыреста", "пятьсот",
                                          "шестьсот", "семьсот", "восемьсот", "девятьсот"]

    private static func russianWords(_ n: UInt64, feminine: Bool) -> String {
        if n == 0 { return "ноль" }
        var words: [String] = []
        let groups = thousandGroups(n)  // most significant first
        for (position, group) in groups.enumerated() where group != 0 {
            let scaleIndex = groups.count - 1 - position  // 0 = units, 1 = thousands, ...
            if scaleIndex == 0 {
                words += russianTriplet(group, feminine: feminine)
            } else {
                let scale = russianScales[scaleIndex - 1]
                words += russianTriplet(group, feminine: scale.feminine)
                words.append(russianPlural(UInt64(group), one: scale.one, few: scale.few, many: scale.many))
            }
        }
        return words.joined(separator: " ")
    }

    /// Words for 1 ... 999.
    private static func russianTriplet(_ n: Int, feminine: Bool) -> [String] {
        var words: [String] = []
        if n / 100 > 0 { words.append(russianHundreds[n / 100]) }
        let rest = n % 100
        if (10...19).contains(rest) {
            words.append(russianTeens[rest - 10])
        } else {
            if rest / 10 > 0 { words.append(russianTens[rest / 10]) }
            if rest % 10 > 0 { words.append((feminine ? russianUnitsFeminine : russianUnitsMasculine)[rest % 10]) }
        }
        return words
    }

    /// Russian noun form for a count: 1 → one, 2-4 → few, else many (11-14 → many).
    private static func russianPlural(_ n: UInt64, one: String, few: String, many: String) -> String {
        if (11...14).contains(n % 100) { return many }
        switch n % 10 {
        case 1: return one
        case 2...4: return few
        default: return many
        }
    }

    // MARK: - English

    private static let englishScales = ["thousand", "million", "billion", "trillion", "quadrillion", "quintillion"]
    private static let englishUnits = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                                       "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
                                       "seventeen", "eighteen", "nineteen"]
    private static let englishTens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

    private static func englishWords(_ n: UInt64) -> String {
        if n == 0 { return "zero" }
        var words: [String] = []
        let groups = thousandGroups(n)
        for (position, group) in groups.enumerated() where group != 0 {
            let scaleIndex = groups.count - 1 - position
            words += englishTriplet(group)
            if scaleIndex > 0 { words.append(englishScales[scaleIndex - 1]) }
        }
        return words.joined(separator: " ")
    }

    /// Words for 1 ... 999, no "and".
    private static func englishTriplet(_ n: Int) -> [String] {
        var words: [String] = []
        if n / 100 > 0 { words += [englishUnits[n / 100], "hundred"] }
        let rest = n % 100
        if rest >= 20 {
            words.append(rest % 10 > 0 ? "\(englishTens[rest / 10])-\(englishUnits[rest % 10])" : englishTens[rest / 10])
        } else if rest > 0 {
            words.append(englishUnits[rest])
        }
        return words
    }

    // MARK: - Shared

    /// Splits into groups of three digits, most significant first (at most 7 groups for UInt64).
    private static func thousandGroups(_ n: UInt64) -> [Int] {
        var groups: [Int] = []
        var rest = n
        repeat {
            groups.insert(Int(rest % 1000), at: 0)
            rest /= 1000
        } while rest > 0
        return groups
    }

    private static func twoDigits(_ n: UInt64) -> String { n < 10 ? "0\(n)" : "\(n)" }

    private static func capitalisingFirstLetter(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
