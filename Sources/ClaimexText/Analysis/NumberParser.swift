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

        let dot = UInt8(ascii: "."), comma = UInt8(ascii: ",")
        let decimalMark: UInt8?
        let dots = separators.filter { $0 == dot }.count
        let commas = separators.count - dots
        switch (dots, commas) {
        case (0, 0):
            decimalMark = nil
        case (1, 0):
            decimalMark = dot
        case (_, 0):
            decimalMark = nil
        case (0, 1) where lastGroup.count <= 2:
            decimalMark = comma
        case (0, _):
            decimalMark = nil
        default:
            // Both kinds: the final separator is the decimal mark and must be unique.
            guard let last = separators.last, separators.dropLast().allSatisfy({ $0 != last }) else { return nil }
            decimalMark = last
        }

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

    /// The ASCII digit byte for any Unicode decimal digit (`٣` → `3`), or `nil`.
    private static func asciiDigit(_ scalar: Unicode.Scalar) -> UInt8? {
        if scalar.value >= 0x30 && scalar.value <= 0x39 { return UInt8(scalar.value) }
        guard scalar.properties.generalCategory == .decimalNumber,
              let value = scalar.properties.numericValue, value >= 0, value <= 9 else { return nil }
        return UInt8(ascii: "0") + UInt8(value)
    }
}
