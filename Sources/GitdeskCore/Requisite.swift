import Foundation

/// Why a requisite number is not valid.
public enum RequisiteFlaw: Equatable, Sendable {
    /// Wrong number of characters; `expected` lists the allowed lengths.
    case length(expected: [Int], got: Int)
    /// Contains a character that is not allowed (anything but 0-9; for КПП also A-Z).
    case notDigits
    /// Well-formed, but the control digit / control key does not match.
    case checkDigit
    /// Right characters and length, but the structure is wrong (prefix, letter position, unusable БИК).
    case format
}

/// Validators for Russian company and bank requisites; each returns nil when the value is valid.
public enum Requisite {

    /// ИНН: 10 digits (organisation) or 12 digits (person / ИП) with check digits.
    public static func inn(_ s: String) -> RequisiteFlaw? {
        if let flaw = digitFlaw(s, allowedLengths: [10, 12]) { return flaw }
        let digits = digitValues(s)
        if digits.count == 10 {
            return innControl(digits, weights: [2, 4, 10, 3, 5, 9, 4, 6, 8]) == digits[9] ? nil : .checkDigit
        }
        let eleventhOK = innControl(digits, weights: [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) == digits[10]
        let twelfthOK = innControl(digits, weights: [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) == digits[11]
        return eleventhOK && twelfthOK ? nil : .checkDigit
    }

    /// КПП: 9 characters — 4 digits, 2 of [0-9A-Z], 3 digits.
    public static func kpp(_ s: String) -> RequisiteFlaw? {
        let scalars = Array(s.unicodeScalars)
        guard scalars.allSatisfy({ isDigit($0) || isLatinCapital($0) }) else { return .notDigits }
        guard scalars.count == 9 else { return .length(expected: [9], got: scalars.count) }
        for (index, scalar) in scalars.enumerated() where !(4...5).contains(index) && !isDigit(scalar) {
            return .format
        }
        return nil
    }

    /// ОГРН (13 digits, first 12 mod 11) or ОГРНИП (15 digits, first 14 mod 13); result mod 10 is the last digit.
    public static func ogrn(_ s: String) -> RequisiteFlaw? {
        if let flaw = digitFlaw(s, allowedLengths: [13, 15]) { return flaw }
        let digits = digitValues(s)
        let divisor = digits.count == 13 ? 11 : 13
        let body = digits.dropLast()
        let remainder = body.reduce(0) { ($0 * 10 + $1) % divisor }
        return remainder % 10 == digits[digits.count - 1] ? nil : .checkDigit
    }

    /// БИК: 9 digits starting with "04" (Russian bank).
    public static func bik(_ s: String) -> RequisiteFlaw? {
        if let flaw = digitFlaw(s, allowedLengths: [9]) { return flaw }
        let digits = digitValues(s)
        return digits[0] == 0 && digits[1] == 4 ? nil : .format
    }

    /// Расчётный счёт: 20 digits, control key over last 3 БИК digits + account; an invalid БИК gives `.format`.
    public static func account(_ s: String, bik bikValue: String) -> RequisiteFlaw? {
        if let flaw = digitFlaw(s, allowedLengths: [20]) { return flaw }
        let digits = digitValues(s)
        guard bik(bikValue) == nil else { return .format }
        let bikDigits = digitValues(bikValue)
        return hasValidAccountKey(Array(bikDigits[6...8]) + digits) ? nil : .checkDigit
    }

    /// Корр. счёт: 20 digits starting with 30101, control key over "0" + БИК digits 5-6 + account.
    public static func correspondentAccount(_ s: String, bik bikValue: String) -> RequisiteFlaw? {
        if let flaw = digitFlaw(s, allowedLengths: [20]) { return flaw }
        let digits = digitValues(s)
        guard digits.starts(with: [3, 0, 1, 0, 1]) else { return .format }
        guard bik(bikValue) == nil else { return .format }
        let bikDigits = digitValues(bikValue)
        return hasValidAccountKey([0] + Array(bikDigits[4...5]) + digits) ? nil : .checkDigit
    }

    // MARK: - Helpers

    /// `.notDigits` for any character but ASCII 0-9, `.length` for a wrong count, nil when fine.
    private static func digitFlaw(_ s: String, allowedLengths: [Int]) -> RequisiteFlaw? {
        let scalars = s.unicodeScalars
        guard scalars.allSatisfy(isDigit) else { return .notDigits }
        guard allowedLengths.contains(scalars.count) else {
            return .length(expected: allowedLengths, got: scalars.count)
        }
        return nil
    }

    /// Numeric values of an all-ASCII-digit string (call only after `digitFlaw` returned nil).
    private static func digitValues(_ s: String) -> [Int] {
        s.unicodeScalars.map { Int($0.value) - 48 }
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    private static func isLatinCapital(_ scalar: Unicode.Scalar) -> Bool { ("A"..."Z").contains(scalar) }

    /// ИНН control digit: weighted sum mod 11 mod 10 (weights cover the leading digits).
    private static func innControl(_ digits: [Int], weights: [Int]) -> Int {
        zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 } % 11 % 10
    }

    /// Bank account key: weights 7,1,3 repeating over 23 digits, weighted sum must be divisible by 10.
    private static func hasValidAccountKey(_ digits: [Int]) -> Bool {
        let weights = [7, 1, 3]
        let sum = digits.enumerated().reduce(0) { $0 + $1.element * weights[$1.offset % 3] }
        return sum % 10 == 0
    }
}
