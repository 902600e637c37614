import Foundation

/// Written-out numbers (`two`, `one hundred and fifty`, `half a billion`) and scale words
/// (`million`, `bn`, `crore`, `K`) as `Decimal`.
///
/// Digits are not this type's job — `2.5` is a `.number` token parsed by `NumberParser`;
/// a rule combines such a token with `scale(of:)` for `2.5 billion` or `$2.5bn`.
public enum NumberWords {
    // MARK: - Scale words

    /// The multiplier a scale word or suffix stands for, case-insensitively, or `nil`:
    /// - thousand: `k`, `thousand`, `thousands`
    /// - million: `m`, `mm` (as in `$1MM`), `mn`, `mln`, `mio`, `million`, `millions`
    /// - billion: `b`, `bn`, `bln`, `billion`, `billions`
    /// - trillion: `t`, `tn`, `trillion`, `trillions`
    /// - lakh (10⁵): `lakh`, `lakhs`, `lac`, `lacs`; crore (10⁷): `crore`, `crores`, `cr`
    public static func scale(of word: String) -> Decimal? {
        scales[word.lowercased()]
    }

    private static let scales: [String: Decimal] = {
        var table: [String: Decimal] = [:]
        func add(_ value: Decimal, _ words: String...) { for word in words { table[word] = value } }
        add(1_000, "k", "thousand", "thousands")
        add(1_000_000, "m", "mm", "mn", "mln", "mio", "million", "millions")
        add(1_000_000_000, "b", "bn", "bln", "billion", "billions")
        add(1_000_000_000_000, "t", "tn", "trillion", "trillions")
        add(100_000, "lakh", "lakhs", "lac", "lacs")
        add(10_000_000, "crore", "crores", "cr")
        return table
    }()

    // MARK: - Written numbers

    /// The value of a written number given as tokens (case-insensitive), or `nil` unless
    /// *all* of `words` form one number.
    ///
    /// Handles units, teens and tens (`twenty`, `-`, `five` or `twenty-five`), `hundred`
    /// with optional `and`, `dozen`, scale words in decreasing order (`two million three
    /// hundred thousand`, `one crore fifty lakh`), the article as one (`a billion`,
    /// `a dozen`) and halves/quarters: `half a billion`, `a quarter of a million`,
    /// `three quarters of a billion`, `one and a half billion`, `a million and a half`.
    public static func value(of words: [String]) -> Decimal? {
        // Hyphens are only glue here ("twenty-five", "twenty - five"): drop them.
        let normalized = words.flatMap { word in
            word.lowercased().split(whereSeparator: { $0 == "-" || $0 == "\u{2010}" || $0 == "\u{2013}" }).map(String.init)
        }
        guard !normalized.isEmpty else { return nil }
        var parser = Parser(words: normalized)
        return parser.parseNumber()
    }

    private static let units: [String: Decimal] = [
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
        "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
        "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    ]

    private static let tens: [String: Decimal] = [
        "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
        "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    ]

    private static let fractions: [String: Decimal] = [
        "half": 0.5, "halves": 0.5, "quarter": 0.25, "quarters": 0.25,
    ]

    // MARK: - Parser

    /// A small recursive-descent parser over lowercase words:
    ///
    ///     number := group (scale ["and" "a" "half"] ["and"] group?)*   — scales strictly decreasing
    ///     group  := count ["hundred" ["and"] below100] ["and" "a" fraction]
    ///             | [count | "a"] fraction ["of"] ["a"]   — must be followed by a scale
    ///             | [count | "a"] "dozen"
    ///             | "a"                                      — must be followed by a scale
    private struct Parser {
        let words: [String]
        var index = 0

        init(words: [String]) { self.words = words }

        private var current: String? { index < words.count ? words[index] : nil }

        private var isArticle: Bool { current == "a" || current == "an" }

        /// Consumes `sequence` if the next words are exactly it.
        private mutating func accept(_ sequence: String...) -> Bool {
            guard index + sequence.count <= words.count,
                  Array(words[index..<index + sequence.count]) == sequence else { return false }
            index += sequence.count
            return true
        }

        mutating func parseNumber() -> Decimal? {
            var total: Decimal = 0
            var lastScale: Decimal?
            while true {
                guard let group = parseGroup() else { return nil }
                if let scale = current.flatMap(NumberWords.scale(of:)) {
                    if let lastScale, scale >= lastScale { return nil }
                    index += 1
                    var value = group.value * scale
                    if accept("and", "a", "half") { value += scale / 2 }
                    total += value
                    lastScale = scale
                    if current == nil { return total }
                    _ = accept("and")
                    continue
                }
                guard !group.needsScale, current == nil else { return nil }
                if let lastScale, group.value >= lastScale { return nil }
                return total + group.value
            }
        }

        /// Below one hundred: a unit/teen, or tens with an optional unit (`twenty five`).
        private mutating func parseBelowHundred() -> Decimal? {
            guard let word = current else { return nil }
            if let unit = NumberWords.units[word] {
                index += 1
                return unit
            }
            guard let ten = NumberWords.tens[word] else { return nil }
            index += 1
            if let next = current, let unit = NumberWords.units[next], unit > 0, unit < 10 {
                index += 1
                return ten + unit
            }
            return ten
        }

        private mutating func parseGroup() -> (value: Decimal, needsScale: Bool)? {
            guard current != nil else { return nil }
            var value: Decimal = 1
            var hasArticle = false
            var hasCount = false
            if isArticle {
                index += 1
                hasArticle = true
            } else if let count = parseBelowHundred() {
                value = count
                hasCount = true
            }

            var hasMultiplier = false
            if current == "hundred", hasArticle || hasCount {
                index += 1
                value *= 100
                hasMultiplier = true
                let beforeRest = index
                _ = accept("and")
                if let rest = parseBelowHundred() { value += rest } else { index = beforeRest }
            }

            // "one and a half", "two and three quarters"
            if hasCount || hasMultiplier {
                let beforeFraction = index
                if accept("and") {
                    var numerator: Decimal = 1
                    if isArticle { index += 1 } else if let n = parseBelowHundred() { numerator = n } else { numerator = 0 }
                    if numerator > 0, let word = current, let fraction = NumberWords.fractions[word] {
                        index += 1
                        return (value + numerator * fraction, false)
                    }
                    index = beforeFraction
                }
            }

            // "half a billion", "a quarter of a million", "three quarters of a billion"
            if !hasMultiplier, let word = current, let fraction = NumberWords.fractions[word] {
                index += 1
                value *= fraction
                var needsScale = false
                if accept("of") { needsScale = true }
                if isArticle { index += 1; needsScale = true }
                return (value, needsScale)
            }

            if current == "dozen", hasArticle || hasCount {
                index += 1
                return (value * 12, false)
            }

            if hasArticle && !hasMultiplier {
                // A bare article only counts as "one" right before a scale: "a billion".
                return (1, true)
            }
            return hasCount || hasMultiplier ? (value, false) : nil
        }
    }
}
