import Foundation

/// Parses digit strings with thousands separators and decimal points/commas into `Decimal`.
///
/// Accepted forms (digits may be any Unicode decimal digits; an optional leading `-`,
/// `+` or `−` is allowed):
/// - plain digits: `42`
/// - one `.`: always a decimal point — `2.5`, and also `1.200` → 1.2 (the English reading
///   wins for a lone dot, because claimex mostly reads English news; the tokenizer's
///   context cannot tell `1.200` = 1200 apart anyway)
/// - several `.` with groups of exactly three digits: European thousands — `1.200.000`
/// - one `,` followed by exactly 1–2 digits at the end: decimal comma — `34,90`, `2,5`
/// - `,` groups of exactly three digits: thousands — `1,200`, `1,200,000`
/// - both separators: the last one is the decimal mark and occurs once, the other
///   separates groups of three — `1,200,000.50`, `1.200.000,50`
///
/// Anything else (`3.5.1`, `1,2,3`, `12,34,567` Indian grouping, `1 200`, empty) is `nil`.
/// Values are built with `Decimal(string:)` on a cleaned ASCII string, never via `Double`,
/// so `0.1` stays exactly `0.1`.
public enum NumberParser {
    /// The value of `text`, or `nil` when it is not one of the accepted forms.
    public static func value(of text: String) -> Decimal? {
        // ASCII text (nearly every number) is read in one pass without allocating.
        switch text.utf8.withContiguousStorageIfAvailable(asciiValue) ?? .unknown {
        case .value(let value): return value
        case .invalid: return nil
        case .unknown: return generalValue(of: text)
        }
    }

    /// The value of a plain decimal written the POSIX way (`1000000`, `0.01`, `-2.5`), as
    /// `Decimal(string:)` reads it; any other text is given to `Decimal(string:)` itself.
    public static func plainValue(of text: String) -> Decimal? {
        let fast = text.utf8.withContiguousStorageIfAvailable { bytes -> Fast in
            var digits = DigitAccumulator()
            var negative = false
            var fractionDigits = -1
            for (index, byte) in bytes.enumerated() {
                if index == 0 && byte == 0x2D {
                    negative = true
                } else if byte == 0x2E && fractionDigits < 0 && digits.count > 0 {
                    fractionDigits = 0
                } else if byte >= 0x30 && byte <= 0x39 {
                    guard digits.add(byte) else { return .unknown }
                    if fractionDigits >= 0 { fractionDigits += 1 }
                } else {
                    return .unknown
                }
            }
            guard digits.count > 0, fractionDigits != 0 else { return .unknown }
            return digits.value(negative: negative, fractionDigits: max(fractionDigits, 0))
        }
        if case .value(let value) = fast ?? .unknown { return value }
        return Decimal(string: text, locale: posix)
    }

    /// What the one-pass reading of ASCII text found: a value, not a number, or a case it
    /// leaves to the general reading (non-ASCII digits or signs, zero, more than 18 digits).
    private enum Fast {
        case value(Decimal)
        case invalid
        case unknown
    }

    /// Digits gathered into an integer, to be scaled by the fraction's length.
    private struct DigitAccumulator {
        var mantissa: UInt64 = 0
        var count = 0

        /// Adds an ASCII digit; false past 18 digits, where the integer could overflow.
        mutating func add(_ byte: UInt8) -> Bool {
            guard count < 18 else { return false }
            mantissa = mantissa * 10 + UInt64(byte - 0x30)
            count += 1
            return true
        }

        /// `mantissa` × 10^-`fractionDigits`, made as `Decimal(string:)` makes it (which
        /// drops trailing zeros the same way); zero is left to `Decimal(string:)`, which
        /// keeps the exponent of `0.00`.
        func value(negative: Bool, fractionDigits: Int) -> Fast {
            guard mantissa != 0 else { return .unknown }
            return .value(Decimal(sign: negative ? .minus : .plus, exponent: -fractionDigits, significand: Decimal(mantissa)))
        }
    }

    /// `value(of:)` for ASCII bytes, with the same accepted forms.
    private static func asciiValue(_ bytes: UnsafeBufferPointer<UInt8>) -> Fast {
        let dot = UInt8(ascii: "."), comma = UInt8(ascii: ",")
        var index = 0
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            index = 1
        }
        var digits = DigitAccumulator()
        // Digit groups: how many, the first one's length, whether any group after the first
        // that a separator ended is not three long, and the current (at the end: last) one's.
        var groups = 1
        var firstLength = 0
        var laterGroupNotThree = false
        var length = 0
        var dots = 0, commas = 0
        var lastSeparator: UInt8 = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == dot || byte == comma {
                guard length > 0 else { return .invalid }
                if groups == 1 { firstLength = length } else if length != 3 { laterGroupNotThree = true }
                if byte == dot { dots += 1 } else { commas += 1 }
                lastSeparator = byte
                groups += 1
                length = 0
            } else if byte >= 0x30 && byte <= 0x39 {
                guard digits.add(byte) else { return .unknown }
                length += 1
            } else {
                return byte >= 0x80 ? .unknown : .invalid
            }
        }
        guard length > 0 else { return .invalid }
        if groups == 1 { firstLength = length }

        guard let hasDecimalMark = hasDecimalMark(dots: dots, commas: commas, last: lastSeparator, lastGroupLength: length) else {
            return .invalid
        }
        // Every group between the first and the decimal mark is a thousands group.
        let integerGroups = hasDecimalMark ? groups - 1 : groups
        if integerGroups > 1 {
            guard firstLength <= 3, !laterGroupNotThree, hasDecimalMark || length == 3 else { return .invalid }
        }
        return digits.value(negative: negative, fractionDigits: hasDecimalMark ? length : 0)
    }

    /// `value(of:)` for any text: digits may be any Unicode decimal digits.
    static func generalValue(of text: String) -> Decimal? {
        // Split into digit groups and the separators between them.
        var groups: [[UInt8]] = [[]]
        var separators: [UInt8] = []
        var negative = false
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            if offset == 0, scalar == "-" || scalar == "+" || scalar == "\u{2212}" {
                negative = scalar != "+"
                continue
            }
            switch scalar {
            case ".", ",":
                guard let last = groups.last, !last.isEmpty else { return nil }
                separators.append(UInt8(scalar.value))
                groups.append([])
            default:
                guard let digit = asciiDigit(scalar) else { return nil }
                groups[groups.count - 1].append(digit)
            }
        }
        guard let lastGroup = groups.last, !lastGroup.isEmpty else { return nil }

        let dot = UInt8(ascii: ".")
        let dots = separators.filter { $0 == dot }.count
        guard let hasMark = hasDecimalMark(dots: dots, commas: separators.count - dots, last: separators.last ?? 0,
                                           lastGroupLength: lastGroup.count) else { return nil }
        let decimalMark = hasMark ? separators.last : nil

        // Every group between the first and the decimal mark is a thousands group.
        let integerGroups = decimalMark == nil ? groups[...] : groups.dropLast()
        if integerGroups.count > 1 {
            guard let first = integerGroups.first, first.count <= 3,
                  integerGroups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        }

        var ascii: [UInt8] = negative ? [UInt8(ascii: "-")] : []
        for group in integerGroups { ascii.append(contentsOf: group) }
        if decimalMark != nil {
            ascii.append(dot)
            ascii.append(contentsOf: lastGroup)
        }
        return Decimal(string: String(decoding: ascii, as: UTF8.self), locale: posix)
    }

    // MARK: - Private

    private static let posix = Locale(identifier: "en_US_POSIX")

    /// Whether the last separator is a decimal mark, given how many dots and commas there
    /// are, which came last and the length of the group after it; nil when the separators
    /// are no accepted form (both kinds, the last of which is not unique).
    private static func hasDecimalMark(dots: Int, commas: Int, last: UInt8, lastGroupLength: Int) -> Bool? {
        switch (dots, commas) {
        case (0, 0): return false
        case (1, 0): return true
        case (_, 0): return false
        case (0, 1) where lastGroupLength <= 2: return true
        case (0, _): return false
        default:
            // Both kinds: the final separator is the decimal mark and must be unique.
            return (last == UInt8(ascii: ".") ? dots : commas) == 1 ? true : nil
        }
    }

    /// The ASCII digit byte for any Unicode decimal digit (`٣` → `3`), or `nil`.
    private static func asciiDigit(_ scalar: Unicode.Scalar) -> UInt8? {
        if scalar.value >= 0x30 && scalar.value <= 0x39 { return UInt8(scalar.value) }
        guard scalar.properties.generalCategory == .decimalNumber,
              let value = scalar.properties.numericValue, value >= 0, value <= 9 else { return nil }
        return UInt8(ascii: "0") + UInt8(value)
    }
}
