/// Turns the dates pages declare into ISO 8601: `2024-10-08`, or with the time when the
/// page gives one in ISO form (`2024-10-08T09:30:00+08:00`).
enum DateNormalizer {
    private static let months: [String: Int] = [
        "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
        "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
        "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
    ]

    /// The ISO 8601 form of `value`, or nil when it is not a recognizable date.
    static func iso8601(_ value: String) -> String? {
        let text = Self.trimmed(value)
        let scalars = Array(text.unicodeScalars)
        // ISO dates, with or without a time: keep the page's precision, normalize the separator.
        if scalars.count >= 10, let year = number(scalars, 0, 4), scalars[4] == "-" || scalars[4] == "/",
           let month = number(scalars, 5, 2), scalars[7] == scalars[4], let day = number(scalars, 8, 2),
           valid(year, month, day) {
            let date = format(year, month, day)
            guard scalars.count > 10 else { return date }
            let rest = String(String.UnicodeScalarView(scalars[10...]))
            if (rest.hasPrefix("T") || rest.hasPrefix(" ")), rest.count >= 6, number(Array(rest.unicodeScalars), 1, 2) != nil {
                return date + "T" + rest.dropFirst().replacingOccurrences(of: " ", with: "")
            }
            return date
        }
        // 20241008
        if scalars.count == 8, let year = number(scalars, 0, 4), let month = number(scalars, 4, 2),
           let day = number(scalars, 6, 2), valid(year, month, day) {
            return format(year, month, day)
        }
        // Dates in words: "October 8, 2024", "8 Oct 2024", "Tue, 08 Oct 2024 09:30:00 GMT".
        let words = text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
        var year: Int?, month: Int?, day: Int?
        for word in words {
            if let value = months[word], month == nil {
                month = value
            } else if let value = Int(word) {
                if word.count == 4, year == nil, value > 1900 { year = value }
                else if word.count <= 2, day == nil, value >= 1, value <= 31 { day = value }
            } else if word.count > 2, let value = Int(word.prefix(while: { $0.isNumber })), day == nil,
                      ["st", "nd", "rd", "th"].contains(String(word.drop(while: { $0.isNumber }))) {
                day = value
            }
        }
        if let year, let month, let day, valid(year, month, day) { return format(year, month, day) }
        return nil
    }

    private static func number(_ scalars: [Unicode.Scalar], _ start: Int, _ length: Int) -> Int? {
        guard start + length <= scalars.count else { return nil }
        var value = 0
        // An ASCII decimal digit: the only scalars both ASCII and of numeric type decimal.
        for scalar in scalars[start..<(start + length)] {
            guard scalar.value >= 0x30 && scalar.value <= 0x39 else { return nil }
            value = value * 10 + Int(scalar.value - 0x30)
        }
        return value
    }

    /// `value` without the whitespace and newlines around it; a value that begins and ends
    /// with a visible ASCII character (as dates do) is returned as it is, without Foundation.
    private static func trimmed(_ value: String) -> String {
        if let first = value.utf8.first, let last = value.utf8.last, first > 0x20 && first < 0x7F && last > 0x20 && last < 0x7F {
            return value
        }
        return value.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func valid(_ year: Int, _ month: Int, _ day: Int) -> Bool {
        year >= 1900 && year <= 2200 && month >= 1 && month <= 12 && day >= 1 && day <= 31
    }

    private static func format(_ year: Int, _ month: Int, _ day: Int) -> String {
        let m = month < 10 ? "0\(month)" : "\(month)"
        let d = day < 10 ? "0\(day)" : "\(day)"
        return "\(year)-\(m)-\(d)"
    }
}

import Foundation
